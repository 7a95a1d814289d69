"""Start-up as a user sees it: the installed ``shishi --db DB`` in a real terminal (tmux) until its
first screen, the home dashboard, shows the card it selects (the city-year of the latest report),
against a minimal Textual app (Header, one bordered Static, Footer) showing the same words; and
``shishi --tree`` until the tree shows its first city with its years, against a minimal app
(Header, Tree, Footer) showing the same labels. Same run, runs alternating.

    .venv/bin/python bench/startup.py [--db data/shishi.db --db /tmp/bench-country-500k.db] [-n 9] [--first home|tree]

Time runs from just before ``tmux new-session`` starts the command to the first screen capture
(``tmux capture-pane``, polled every ``--poll`` ms) that shows the card's title (``青岛 2025``) and
its item count (``16件``), or the first city as the tree labels it (``青岛 · 4 个年度``) and the
line of its newest year below it. Both apps pay
the same terminal, the same polling and the same Python start. One tmux server (``-L``) serves
all runs, started before the first. Prints the medians and their ratio (goal ≤ 1.15×) and the
load average before and after. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve()
REPO = HERE.parent.parent
SHISHI = REPO / ".venv" / "bin" / "shishi"
GOAL = 1.15


def minimal_app(title: str, body: str) -> None:
    """The baseline: Header, a bordered Static titled like the card, Footer; nothing else."""
    from textual.app import App
    from textual.widgets import Footer, Header, Static

    class Minimal(App):
        CSS = "Static { border: round $primary; width: 25; height: 6; }"

        def compose(self):
            yield Header()
            card = Static(body)
            card.border_title = title
            yield card
            yield Footer()

    Minimal().run()


def home_card(db: str) -> tuple[str, str]:
    """The title and item count of the card the home dashboard selects first, as it shows them."""
    from tui_shishi.store import reports
    from tui_shishi.ui.screens.overview import CARDS_PAGE, first_card

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        card = first_card(reports.overview(conn, limit=CARDS_PAGE), None)
    finally:
        conn.close()
    if card is None:
        raise SystemExit(f"startup.py: {db} has no city-year to show")
    return f"{card.city} {card.period}", f"{card.n_items}件"


def minimal_tree_app(city_label: str, year_labels: list[str]) -> None:
    """The baseline: Header, Tree (the city expanded to its years), Footer; nothing else."""
    from textual.app import App
    from textual.widgets import Footer, Header, Tree

    class Minimal(App):
        def compose(self):
            yield Header()
            yield Tree("root", id="tree")
            yield Footer()

        def on_mount(self) -> None:
            tree = self.query_one(Tree)
            tree.show_root = False
            node = tree.root.add(city_label)
            for label in year_labels:
                node.add(label).add_leaf("加载中…")
            node.expand()
            tree.root.expand()

    Minimal().run()


def first_city(db: str) -> tuple[str, list[str]]:
    """The first city's tree label and its years' labels' first words, as the app shows them."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        (city,) = conn.execute("SELECT city FROM years ORDER BY city LIMIT 1").fetchone()
        rows = conn.execute(
            "SELECT y.period, y.place, count(i.id) FROM years y LEFT JOIN items i ON i.year_id = y.id WHERE y.city = ?"
            " GROUP BY y.id ORDER BY y.year_start DESC, y.year_end DESC, y.period DESC",
            (city,),
        ).fetchall()
    finally:
        conn.close()
    years = [f"{period}{' ' + place if place else ''} · {n}件" for period, place, n in rows]
    return f"{city} · {len(rows)} 个年度", years


class Terminal:
    """A private tmux server; ``time_until`` starts a command in a new session and times it."""

    def __init__(self, size: str = "100x30") -> None:
        self.sock = f"shishi-bench-{os.getpid()}"
        self.cols, self.rows = size.split("x")
        self._tmux("new-session", "-d", "-s", "keeper", "-x", self.cols, "-y", self.rows, "sleep 100000")
        self.runs = 0

    def _tmux(self, *args: str, capture: bool = False) -> str:
        done = subprocess.run(["tmux", "-L", self.sock, "-f", "/dev/null", *args], check=not capture, capture_output=True, text=True)
        return done.stdout

    def time_until(self, command: list[str], wanted: list[str], poll: float, timeout: float = 60) -> float:
        self.runs += 1
        session = f"run{self.runs}"
        line = "env TERM=xterm-256color " + " ".join(shlex.quote(a) for a in command) + "; sleep 30"
        start = time.perf_counter()
        self._tmux("new-session", "-d", "-s", session, "-x", self.cols, "-y", self.rows, line)
        try:
            while True:
                screen = self._tmux("capture-pane", "-p", "-t", session, capture=True)
                if all(w in screen for w in wanted):
                    return time.perf_counter() - start
                if time.perf_counter() - start > timeout:
                    raise RuntimeError(f"{command[0]}: {wanted} not shown within {timeout} s:\n{screen}")
                time.sleep(poll)
        finally:
            self._tmux("kill-session", "-t", session, capture=True)
            time.sleep(0.2)  # let the killed app go before the next one starts

    def close(self) -> None:
        self._tmux("kill-server", capture=True)


def measure(term: Terminal, db: str, runs: int, poll: float, first: str) -> tuple[list[float], list[float]]:
    """Medians' inputs: the minimal app's and shishi's times, ``first`` the screen waited for:
    ``home`` (the dashboard's selected card) or ``tree`` (``shishi --tree``: the first city)."""
    if first == "tree":
        city, years = first_city(db)
        wanted = [city, years[0]]
        minimal_cmd = [sys.executable, str(HERE), "--minimal-tree", city, *years]
        app_cmd = [str(SHISHI), "--tree", "--db", db]
    else:
        title, body = home_card(db)
        wanted = [title, body]
        minimal_cmd = [sys.executable, str(HERE), "--minimal", title, body]
        app_cmd = [str(SHISHI), "--db", db]
    minimal, app = [], []
    term.time_until(app_cmd, wanted, poll)  # warm the page cache for both, untimed
    term.time_until(minimal_cmd, wanted, poll)
    for _ in range(runs):
        minimal.append(term.time_until(minimal_cmd, wanted, poll))
        app.append(term.time_until(app_cmd, wanted, poll))
    return minimal, app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", action="append", help="database(s) to open (default data/shishi.db)")
    parser.add_argument("-n", type=int, default=9, help="runs of each app per database")
    parser.add_argument("--poll", type=float, default=10, help="ms between screen captures")
    parser.add_argument("--first", choices=("home", "tree"), action="append", help="first screen(s) to wait for (default both)")
    parser.add_argument("--minimal", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--minimal-tree", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.minimal:
        minimal_app(*args.minimal)
        return
    if args.minimal_tree:
        minimal_tree_app(args.minimal_tree[0], args.minimal_tree[1:])
        return
    if not shutil.which("tmux"):
        sys.exit("startup.py: tmux is not installed (apt-get install -y tmux)")
    term = Terminal()
    try:
        for db in args.db or [str(REPO / "data" / "shishi.db")]:
            for first in args.first or ["home", "tree"]:
                load = os.getloadavg()[0]
                minimal, app = measure(term, db, args.n, args.poll / 1000, first)
                m, a = statistics.median(minimal), statistics.median(app)
                ratio = a / m
                verdict = "MEETS" if ratio <= GOAL else f"MISSES by {(ratio / GOAL - 1) * 100:.0f}%"
                command = "shishi" if first == "home" else "shishi --tree"
                print(
                    f"startup {Path(db).name} ({Path(db).stat().st_size / 2**20:.1f} MiB), {first}: {command} {a * 1000:.0f} ms, "
                    f"minimal Textual {m * 1000:.0f} ms (medians of {args.n}, tmux 100x30) → {ratio:.2f}× "
                    f"(goal ≤ {GOAL}×: {verdict}); load {load:.2f} → {os.getloadavg()[0]:.2f}",
                    flush=True,
                )
    finally:
        term.close()


if __name__ == "__main__":
    main()
