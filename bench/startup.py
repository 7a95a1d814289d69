"""Start-up time of the browser against a minimal Textual app (Header, Tree, Footer).

Time is measured from just before the process is spawned to the first painted frame (Textual's
``Ready`` event: "the first frame has been displayed"), the same way for both apps, alternating
runs, median of N. Twice: headless (no terminal) and in a real terminal (tmux, if installed).

    .venv/bin/python bench/startup.py [--db data/shishi.db] [-n 7]

Prints both medians and the ratio (target: ≤ 1.3). A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()


def child(kind: str, db: str, out: str, headless: bool) -> None:
    """Run one app until its first frame, write the wall-clock time of that frame to ``out``."""
    from textual.app import App

    def on_ready(self) -> None:
        Path(out).write_text(repr(time.time()))
        self.exit()

    if kind == "minimal":
        from textual.widgets import Footer, Header, Tree

        def compose(self):
            yield Header()
            yield Tree("root")
            yield Footer()

        app: App = type("Minimal", (App,), {"compose": compose, "on_ready": on_ready})()
    else:
        from tui_shishi.store.db import open_read
        from tui_shishi.ui.app import ShishiApp

        app = type("Timed", (ShishiApp,), {"on_ready": on_ready})(open_read(db), db)
    app.run(headless=headless)


def one_run(kind: str, db: str, terminal: bool) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "ready"
        args = [sys.executable, str(HERE), "--child", kind, "--db", db, "--out", str(out)]
        if not terminal:
            args.append("--headless")
        start = time.time()
        if terminal:
            command = " ".join(shlex.quote(a) for a in args)
            subprocess.run(
                ["tmux", "new-session", "-d", "-s", f"bench{time.monotonic_ns()}", "-x", "100", "-y", "30",
                 f"TERM=xterm-256color {command}"],
                check=True,
            )  # fmt: skip
        else:
            process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = start + 30
        while not out.exists() or not out.read_text():
            if time.time() > deadline:
                raise RuntimeError(f"{kind}: no first frame within 30 s")
            time.sleep(0.005)
        ready = float(out.read_text())
        if not terminal:
            process.wait(timeout=10)
        else:
            time.sleep(0.3)  # let the app exit and tmux close its session
        return ready - start


def measure(db: str, runs: int, terminal: bool) -> tuple[float, float]:
    minimal, app = [], []
    for _ in range(runs):
        minimal.append(one_run("minimal", db, terminal))
        app.append(one_run("app", db, terminal))
    return statistics.median(minimal), statistics.median(app)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(HERE.parent.parent / "data" / "shishi.db"))
    parser.add_argument("-n", type=int, default=7)
    parser.add_argument("--child")
    parser.add_argument("--out")
    parser.add_argument("--headless", action="store_true")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.db, args.out, args.headless)
        return
    modes = [("headless", False)] + ([("tmux", True)] if shutil.which("tmux") else [])
    for name, terminal in modes:
        minimal, app = measure(args.db, args.n, terminal)
        print(f"{name:8} minimal {minimal * 1000:7.1f} ms   shishi {app * 1000:7.1f} ms   ratio {app / minimal:.2f}")


if __name__ == "__main__":
    main()
