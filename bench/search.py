"""Search latency per keystroke against a plain LIKE '%q%' scan, measured in the same run.

    python bench/search.py [--sizes 10000,100000,1000000] [--queries 40]

For each size N: build a synthetic database of N indicators (bench/corpus.py: seed sentences
recombined), build the search index (time and size reported), then for 1-, 2-, 3- and 4+-character
queries, hits and misses, measure p50/p95 of the typing path — ``search(conn, q, limit=50)``, the
first page, fully ranked, with snippets — beside the same first page by LIKE over the same rows
(``folded LIKE '%q%' ORDER BY id LIMIT 50``, which also stops early when hits are frequent), and
print the ratio of the p95s. ``count`` (all matches) is timed on a few hits for information.
Every query is run once before it is timed (warm cache, as when typing).
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import build_corpus  # noqa: E402

from tui_shishi.store.query_syntax import fast_fold  # noqa: E402
from tui_shishi.store.search import count, rebuild_index, search  # noqa: E402

CLASSES = {"1": (1, 1), "2": (2, 2), "3": (3, 3), "4+": (4, 8)}


def _pick_hit(rng: random.Random, texts: list[str], low: int, high: int) -> str:
    while True:
        text = fast_fold(rng.choice(texts))
        size = rng.randint(low, high)
        if len(text) < size:
            continue
        start = rng.randrange(len(text) - size + 1)
        needle = text[start : start + size]
        if needle.isalnum():  # word characters only: this measures the index, not the fallback
            return needle


def make_queries(texts: list[str], n: int, seed: int = 11) -> dict[tuple[str, str], list[str]]:
    rng = random.Random(seed)
    corpus = "\n".join(map(fast_fold, texts))
    alphabet = sorted({c for c in corpus if c.isalnum() and ord(c) > 0x3000})
    present = set(alphabet)
    absent = [c for c in map(chr, range(0x4E00, 0x9FA5)) if fast_fold(c) not in present]
    successors: dict[str, list[str]] = {}
    for text in map(fast_fold, rng.sample(texts, min(len(texts), 3000))):
        for a, b in zip(text, text[1:]):
            if a.isalnum() and b.isalnum():
                successors.setdefault(a, []).append(b)
    queries: dict[tuple[str, str], list[str]] = {}
    for name, (low, high) in CLASSES.items():
        queries[(name, "hit")] = [_pick_hit(rng, texts, low, high) for _ in range(n)]
        # rare: drawn uniformly from the distinct strings, not from text positions, so most
        # occur a few times only and a scan must read far to fill a page
        distinct = sorted({_pick_hit(rng, texts, low, high) for _ in range(20 * n)} | (set(alphabet) if low == 1 else set()))
        queries[(name, "rare")] = rng.sample(distinct, min(n, len(distinct)))
        misses: list[str] = []
        for _attempt in range(1000 * n):
            if len(misses) >= n:
                break
            if low == 1:
                misses.append(rng.choice(absent))
                continue
            # a real prefix + a character that does follow its last one elsewhere, but never
            # here: every bigram exists, only their sequence does not (the phrase's hardest case)
            prefix = _pick_hit(rng, texts, low, high)[:-1]
            pool = successors.get(prefix[-1]) if len(prefix) > 1 else None
            needle = prefix + rng.choice(pool or alphabet)
            if needle not in corpus:
                misses.append(needle)
        queries[(name, "miss")] = misses
    return queries


def _timed(fn, queries: list[str]) -> list[float]:
    for q in queries:  # warm-up
        fn(q)
    out = []
    for q in queries:
        start = time.perf_counter()
        fn(q)
        out.append((time.perf_counter() - start) * 1000)
    return out


def _p(values: list[float], q: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def like_page(conn: sqlite3.Connection, needle: str) -> list:
    pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return conn.execute("SELECT id, item_id FROM search_rows WHERE text LIKE ? ESCAPE '\\' ORDER BY id LIMIT 50", (pattern,)).fetchall()


def run(size: int, n_queries: int, workdir: Path) -> None:
    path = workdir / f"bench-{size}.db"
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    start = time.perf_counter()
    conn.execute("BEGIN")
    texts = build_corpus(conn, size)
    conn.execute("COMMIT")
    corpus_s = time.perf_counter() - start
    base_bytes = path.stat().st_size
    start = time.perf_counter()
    conn.execute("BEGIN")
    rebuild_index(conn)
    conn.execute("COMMIT")
    index_s = time.perf_counter() - start
    index_bytes = path.stat().st_size - base_bytes
    rows = conn.execute("SELECT count(*) FROM search_rows").fetchone()[0]
    mean_len = sum(map(len, texts)) / len(texts)
    print(
        f"\n## {size:,} indicators: {rows:,} searchable rows (mean {mean_len:.0f} chars), "
        f"corpus {base_bytes / 2**20:.0f} MiB in {corpus_s:.1f} s; "
        f"index {index_bytes / 2**20:.0f} MiB built in {index_s:.1f} s"
    )
    queries = make_queries(texts, n_queries)
    print(f"{'query':>6} {'kind':>5} {'items/page':>10} {'search p50':>11} {'p95':>8} {'LIKE p50':>10} {'p95':>8} {'LIKE/search p95':>16}")
    for (name, kind), qs in queries.items():
        found = [len(search(conn, q, limit=50)) for q in qs]
        ours = _timed(lambda q: search(conn, q, limit=50), qs)
        like = _timed(lambda q: like_page(conn, q), qs)
        print(
            f"{name:>6} {kind:>5} {statistics.mean(found):>10.1f} {_p(ours, 50):>9.2f}ms {_p(ours, 95):>6.2f}ms "
            f"{_p(like, 50):>8.2f}ms {_p(like, 95):>6.2f}ms {_p(like, 95) / _p(ours, 95):>15.1f}x"
        )
    extras = [
        "yanglao",
        "yl",
        "an",
        "zhuf",
        "year:2025 " + queries[("1", "hit")][0],
        "city:青岛 " + queries[("2", "hit")][0],
        "status:达成 dept:局 " + queries[("3", "hit")][0],
        "year:2013-2014 city:淄博",
        queries[("2", "hit")][1] + " " + queries[("1", "hit")][1],
    ]
    print(
        "pinyin, filters, two words (first page, p50/p95 of 5 runs): "
        + ", ".join(f"{q!r} {_p(t := _timed(lambda q: search(conn, q, limit=50), [q] * 5), 50):.1f}/{_p(t, 95):.1f}ms" for q in extras)
    )
    few = [qs[0] for (name, kind), qs in queries.items() if kind == "hit"]
    timings = _timed(lambda q: count(conn, q), few)
    print(
        "count (all matches, not on the typing path): "
        + ", ".join(f"{q!r} {count(conn, q):,} items {t:.0f}ms" for q, t in zip(few, timings))
    )
    conn.close()


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)  # progress shows when piped to a file
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="indicator counts, comma-separated")
    parser.add_argument("--queries", type=int, default=40, help="queries per length class and kind")
    parser.add_argument("--workdir", type=Path, help="where to write the databases (default: a temp dir)")
    args = parser.parse_args()
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    print(f"sqlite {sqlite3.sqlite_version}, python {sys.version.split()[0]}")
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
        for size in sizes:
            run(size, args.queries, args.workdir)
        return
    with tempfile.TemporaryDirectory(prefix="shishi-bench-") as tmp:
        for size in sizes:
            run(size, args.queries, Path(tmp))


if __name__ == "__main__":
    main()
