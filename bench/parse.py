"""Parse time against document size: a list of N items against one of 10×N, in the same run.

    python bench/parse.py [--items 200] [--factor 10] [--mb 5] [--repeats 3]

A synthetic announced list (``第N件``, a summary of three clauses, one ● bullet per clause that
restates it with a sentence of comment) is made from the seed documents' clauses (bench/corpus.py);
each item works in a place of its own (a county of src/tui_shishi/data/places.tsv), as a long list does, and
every tenth bullet is repeated under another item so that the stray-bullet check has work to do.
Three shapes are timed, each at N and factor×N items, best of ``--repeats``:

* ``list``: the list above;
* ``same words``: every item and bullet in the same words but for their figures (a hostile list
  where each bullet restates every summary: the check's per-bullet bound is what keeps it linear);
* ``one line``: the list with its line breaks removed (one line of a few MB, read as one
  paragraph: decoding, repair, chrome and metadata over a long line).

The ``same words`` list stays under 10,000 items (``第10000件`` is not an item number).

For each the ratio of the two times is printed: linear parsing gives about ``factor``, quadratic
about factor². Then one document of ``--mb`` MB (the list, as many items as fit) is parsed and
its throughput printed. A benchmark, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import REPO, seed_fragments  # noqa: E402

from tui_shishi.parse import parse_bytes  # noqa: E402


def _places() -> list[str]:
    rows = (REPO / "src" / "tui_shishi" / "data" / "places.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return [row.split("\t")[1] for row in rows if row.count("\t") >= 2 and row.split("\t")[2] in ("district", "county")]


def _clean(fragments: list[str]) -> list[str]:
    """Clauses that read as plain text: no table cells, no numbering of their own."""
    return [f for f in fragments if "\t" not in f and "|" not in f and not f[:1].isdigit() and "第" not in f]


def make_list(n: int, seed: int = 3) -> str:
    rng = random.Random(seed)
    fragments = _clean(seed_fragments()[0])
    places = _places()
    lines = [f"2024年青岛{n}件市办实事发布", ""]
    bullets: list[str] = []
    for k in range(1, n + 1):
        place = places[k % len(places)] + (str(k // len(places)) if k >= len(places) else "")
        clauses = [f"{place}{rng.choice(fragments)}{rng.randint(2, 999)}个" for _ in range(3)]
        lines += [f"第{k}件", "", "，".join(clauses) + "。", ""]
        for clause in clauses:
            if bullets and rng.random() < 0.1:
                bullet = rng.choice(bullets)  # repeated under another item
            else:
                bullet = f"{clause}。{rng.choice(fragments)}，{rng.choice(fragments)}。"
            bullets.append(bullet)
            lines += ["●" + bullet, ""]
    return "\n".join(lines)


def make_same_words(n: int) -> str:
    lines = ["2024年青岛市办实事", ""]
    for k in range(1, n + 1):
        lines += [f"第{k}件", f"新建公园{k}个，改造道路{k % 97}公里。", f"●新建公园{k}个。说明。", ""]
    return "\n".join(lines)


def make_one_line(n: int) -> str:
    return make_list(n).replace("\n", "")


def best_of(text: str, repeats: int) -> tuple[float, int]:
    data = text.encode("utf-8")
    best, items = float("inf"), 0
    for _ in range(repeats):
        start = time.perf_counter()
        doc = parse_bytes(data, "bench.txt")
        best = min(best, time.perf_counter() - start)
        items = len(doc.items)
    return best, items


def ratio(name: str, make: Callable[[int], str], n: int, factor: int, repeats: int) -> None:
    small, large = make(n), make(n * factor)
    t_small, i_small = best_of(small, repeats)
    t_large, i_large = best_of(large, max(1, repeats // 2))
    print(
        f"{name:>10}  {n:>6} items {len(small.encode()) / 2**20:6.2f} MB {t_small:7.2f} s ({i_small} read)   "
        f"{n * factor:>6} items {len(large.encode()) / 2**20:6.2f} MB {t_large:7.2f} s ({i_large} read)   "
        f"ratio {t_large / t_small:5.1f}x (linear: {factor}x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=200, help="items of the baseline document")
    parser.add_argument("--factor", type=int, default=10, help="the larger document has factor × items")
    parser.add_argument("--mb", type=float, default=5.0, help="size of the large document, MB (0: skip)")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    parse_bytes("第1件\n新建公园2个。\n●新建公园2个。".encode(), "warm-up.txt")  # imports, lexicon, caches
    print(f"# parse_bytes: N = {args.items} items against {args.factor}×N, best of {args.repeats}")
    ratio("list", make_list, args.items, args.factor, args.repeats)
    ratio("same words", make_same_words, args.items, args.factor, args.repeats)
    ratio("one line", make_one_line, args.items, args.factor, args.repeats)
    if args.mb:
        per_item = len(make_list(100).encode()) / 100
        n = int(args.mb * 2**20 / per_item)
        text = make_list(n)
        seconds, items = best_of(text, 1)
        size = len(text.encode()) / 2**20
        print(f"# {size:.1f} MB list, {items} items: {seconds:.1f} s, {size / seconds:.2f} MB/s")


if __name__ == "__main__":
    main()
