"""Import at size: ``shishi import --dry-run`` on 1, 10 and 50 MB, time per MB and peak RSS.

    .venv/bin/python bench/import.py [--sizes 1,10,50] [--seed data/sources/qingdao-2024-announced-list.txt]

Two shapes per size, each against the baseline of the one seed document (≈14 KB) imported alone
in the same run: ``one document`` (the seed's items repeated, renumbered on, until the size:
a single list of thousands of items) and ``many documents`` (copies of the seed, each made
distinct by one line naming its copy, so that none is "the same content as" another). Each is
one process (``/usr/bin/time -f %M`` gives its peak RSS); the database named is absent, so
nothing is read or written but the documents. A document above ``MAX_BYTES``
(parse/__init__.py) is refused before it is read: the refusal of one of MAX_BYTES + 1 bytes is
printed as the user sees it (exit code, one line), and so is any size above the limit. Prints seconds, MB/s, seconds per MB beyond the baseline's, RSS and the ratios to
the baseline. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
REPO = HERE.parent.parent
SHISHI = REPO / ".venv" / "bin" / "shishi"
MB = 1 << 20


_ITEM = re.compile(r"^第[0-9一二三四五六七八九十百]+件", re.M)


def one_document(seed: str, size: int) -> str:
    """The seed's head, then its items again and again, numbered on (第13件, 第14件 …)."""
    first = _ITEM.search(seed)
    head, body = (seed[: first.start()], seed[first.start() :]) if first else ("", seed)
    parts, total, number = [head], len(head.encode()), 0

    def renumber(_match: re.Match) -> str:
        nonlocal number
        number += 1
        return f"第{number}件"

    while total < size:
        parts.append(_ITEM.sub(renumber, body))
        total += len(parts[-1].encode())
    return "".join(parts)


def run(files: list[Path], db: Path) -> tuple[float, float, int, str]:
    """(seconds, peak RSS MB, exit code, last line of stderr) of one dry-run import."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
        start = time.perf_counter()
        done = subprocess.run(
            ["/usr/bin/time", "-o", out.name, "-f", "%M", str(SHISHI), "--db", str(db), "import", "--dry-run", *map(str, files)],
            capture_output=True, text=True,
        )  # fmt: skip
        seconds = time.perf_counter() - start
        rss = int(Path(out.name).read_text().split()[-1]) / 1024
    message = (done.stderr.strip().splitlines() or [""])[-1]
    return seconds, rss, done.returncode, message


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,50", help="MB, comma-separated")
    parser.add_argument("--seed", type=Path, default=REPO / "data" / "sources" / "qingdao-2024-announced-list.txt")
    args = parser.parse_args()
    if not shutil.which("/usr/bin/time"):
        sys.exit("import.py: /usr/bin/time is needed for the peak RSS (apt-get install -y time)")
    sys.path.insert(0, str(REPO / "src"))
    from tui_shishi.parse import MAX_BYTES

    seed = args.seed.read_text(encoding="utf-8")
    sizes = [float(s) for s in args.sizes.split(",") if s.strip()]
    with tempfile.TemporaryDirectory(prefix="shishi-import-") as tmp:
        work = Path(tmp)
        db = work / "absent.db"
        base_file = work / "seed.txt"
        base_file.write_text(seed, encoding="utf-8")
        load = os.getloadavg()[0]
        base_s, base_rss, code, message = min(run([base_file], db) for _ in range(3))
        if code:
            sys.exit(f"import.py: the baseline import failed: {message}")
        base_mb = len(seed.encode()) / MB
        print(
            f"import --dry-run, baseline 1 document of {base_mb * 1024:.0f} KB: {base_s:.2f} s, RSS {base_rss:.0f} MB (best of 3); "
            f"MAX_BYTES {MAX_BYTES / MB:.0f} MB; load {load:.2f}"
        )
        print(f"{'shape':24} {'MB':>6} {'s':>7} {'MB/s':>6} {'s/MB*':>6} {'RSS MB':>7} {'×time':>6} {'×RSS':>5}  result")
        for size in sizes:
            target = int(size * MB)
            big = work / f"one-{size:g}MB.txt"
            big.write_text(one_document(seed, target), encoding="utf-8")
            copies = max(1, round(target / len(seed.encode())))
            small = []
            for k in range(copies):
                path = work / f"many-{size:g}MB-{k:05}.txt"
                path.write_text(seed + f"\n（副本 {k + 1}）\n", encoding="utf-8")
                small.append(path)
            for shape, files in (("one document", [big]), (f"many documents ({copies})", small)):
                mb = sum(f.stat().st_size for f in files) / MB
                seconds, rss, code, message = run(files, db)
                result = "ok" if code == 0 else f"exit {code}: {message}"
                beyond = (seconds - base_s) / mb if code == 0 else float("nan")
                print(
                    f"{shape:24} {mb:6.1f} {seconds:7.2f} {mb / seconds:6.2f} {beyond:6.2f} {rss:7.0f} "
                    f"{seconds / base_s:6.1f} {rss / base_rss:5.1f}  {result}",
                    flush=True,
                )
            for path in [big, *small]:
                path.unlink()
        print(f"* seconds per MB beyond the baseline's start-up; load now {os.getloadavg()[0]:.2f}")
        over = work / "over-the-limit.txt"
        with over.open("wb") as f:  # sparse: MAX_BYTES + 1 bytes, none of them written
            f.truncate(MAX_BYTES + 1)
        seconds, rss, code, message = run([over], db)
        print(f"a document of MAX_BYTES + 1: exit {code} in {seconds:.2f} s, RSS {rss:.0f} MB: {message}")


if __name__ == "__main__":
    main()
