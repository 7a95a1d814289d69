"""Storage and report reading against the length of a sentence: N figures against 10×N, same run.

    python bench/storage.py [--figures 120] [--factor 10] [--repeats 3]

Two shapes, each at N and factor×N, and for each the ratio of the two figures: linear gives about
``factor``, quadratic about factor².

* ``one sentence of targets``: a list whose one item states N targets in one sentence
  (新增停车泊位100个，新增停车泊位200个，…). Measured: the database file's bytes after the import
  (every indicator refers to its sentence; stored once it costs the document, copied per
  indicator it costs N²).
* ``one passage of progress``: a progress report whose one item reports N batches in one
  sentence (第k批新开工3所，续建5所，占年计划的40%；…), each a percent of figures together
  (parse/reports.py composite). Measured: parse time, best of ``--repeats``.

A benchmark, not a test: nothing here asserts a size or a time.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from tui_shishi.parse import parse_bytes  # noqa: E402
from tui_shishi.store.build import write_documents  # noqa: E402
from tui_shishi.store.db import open_write  # noqa: E402


def targets_list(n: int) -> bytes:
    figures = "，".join(f"新增停车泊位{k}00个" for k in range(1, n + 1))
    return f"示例市2031年市办实事项目\n\n第1件：建设停车设施。{figures}。\n（责任单位：市交通局）\n".encode()


def progress_report(n: int) -> bytes:
    batches = "；".join(f"第{k}批新开工{k % 7 + 1}所，续建{k % 5 + 2}所，占年计划的{k % 90 + 5}%" for k in range(1, n + 1))
    return f"示例市2031年市办实事进展情况\n截至2031年6月底\n\n第1件：新建改扩建中小学20所。\n进展：{batches}。\n".encode()


def stored_bytes(data: bytes) -> int:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        conn = open_write(path, create=True)
        try:
            write_documents(conn, [parse_bytes(data, source_file="bench.txt")])
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        return path.stat().st_size


def parse_seconds(data: bytes, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        parse_bytes(data, source_file="bench.txt")
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--figures", type=int, default=120)
    ap.add_argument("--factor", type=int, default=10)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    n, big = args.figures, args.figures * args.factor
    print(f"N = {n}, {args.factor}×N = {big}: linear gives about {args.factor}, quadratic about {args.factor**2}")
    small_doc, big_doc = targets_list(n), targets_list(big)
    a, b = stored_bytes(small_doc), stored_bytes(big_doc)
    print(
        f"one sentence of targets  database {a / 1e6:.2f} MB ({len(small_doc) / 1e3:.0f} KB) → {b / 1e6:.2f} MB ({len(big_doc) / 1e3:.0f} KB): ×{b / a:.1f}"
    )
    small_doc, big_doc = progress_report(n), progress_report(big)
    a, b = parse_seconds(small_doc, args.repeats), parse_seconds(big_doc, args.repeats)
    print(
        f"one passage of progress  parse {a:.3f} s ({len(small_doc) / 1e3:.0f} KB) → {b:.3f} s ({len(big_doc) / 1e3:.0f} KB): ×{b / a:.1f}"
    )


if __name__ == "__main__":
    main()
