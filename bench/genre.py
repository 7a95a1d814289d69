"""How many hand-counted facts of the genre the importer gets right, per document and in total.

    python bench/genre.py [--corpus ../shared/corpus] [--sources data/sources] [-v]

The corpus (``../shared/corpus``: real documents from other provinces, counties and years, with
``facts.json`` counted by hand) is read where it is, never copied into the project; each of its
files opens with two header lines (``# source``, ``# completeness``) that are not the document.
The seeds' facts are listed below. A fact is one field of one document: items, percents (figures
published with their percent of plan), city, year, as_of, and for the seeds a few figures the
app must show. The last line is the total, e.g. ``genre facts: 58/58 right``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from tui_shishi import model
from tui_shishi.parse import parse_bytes

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SOURCES = ROOT / "data" / "sources"

# Facts of the five seed documents, counted by hand from data/sources/.
SEED_FACTS: dict[str, dict] = {
    "qingdao-2024-announced-list.txt": {"city": "青岛", "year": 2024, "items": 12, "kind": "announced"},
    "qingdao-2020-progress-october.txt": {
        "city": "青岛",
        "year": 2020,
        "items": 36,
        "percents": 50,
        "as_of": "2020-10-31",
        "kind": "progress",
    },
    "qingdao-2025-year-end-report.txt": {
        "city": "青岛",
        "year": 2025,
        "items": 15,
        "percents": 17,
        "kind": "final",
        # 第14件: the pipes total 186.2公里 against 170公里; 68公里 of 供气管网 is only a part.
        "actual": {"item": 14, "target": "170公里", "latest": "186.2公里"},
    },
    "zibo-2022-2024-key-tasks.txt": {"city": "淄博", "year": 2022, "items": 113, "kind": "tasks"},
    "qingdao-2023-implementation-plan.txt": {"city": "青岛", "year": 2023, "items": 16, "kind": "plan"},
}


def corpus_document(path: Path) -> bytes:
    """A corpus file without its two header lines."""
    data = path.read_bytes()
    lines = data.split(b"\n")
    while lines and lines[0].startswith(b"# "):
        lines.pop(0)
    return b"\n".join(lines)


def percents(doc: model.Document) -> int:
    return sum(
        1
        for item in doc.items
        for obs in [*(o for i in item.indicators for o in i.observations), *item.progress]
        if obs.percent_of_plan is not None
    )


def latest_actual(doc: model.Document, number: int, target: str) -> str | None:
    """The latest actual shown for the indicator of item ``number`` whose target reads ``target``."""
    for item in doc.items:
        if item.number != number:
            continue
        for indicator in item.indicators:
            if indicator.target is not None and indicator.target.text.startswith(target) and indicator.observations:
                totals = [o for o in indicator.observations if o.actual is not None and o.percent_of_plan is not None]
                shown = (totals or indicator.observations)[0]
                return shown.actual.text if shown.actual else None
    return None


def measure(doc: model.Document, facts: dict) -> list[tuple[str, object, object]]:
    """(fact, expected, got) for every fact given."""
    got: dict[str, object] = {
        "items": len(doc.items),
        "percents": percents(doc),
        "city": doc.city,
        "year": doc.year_start,
        "as_of": doc.as_of.isoformat() if isinstance(doc.as_of, dt.date) else None,
        "kind": doc.kind,
    }
    rows = []
    for key in ("items", "percents", "city", "year", "as_of", "kind"):
        if key in facts:
            rows.append((key, facts[key], got[key]))
    if "actual" in facts:
        want = facts["actual"]
        rows.append((f"第{want['item']}件 {want['target']}", want["latest"], latest_actual(doc, want["item"], want["target"])))
    return rows


def documents(corpus: Path, sources: Path) -> list[tuple[str, bytes, dict]]:
    found = []
    facts_file = corpus / "facts.json"
    if facts_file.is_file():
        for name, facts in json.loads(facts_file.read_text(encoding="utf-8")).items():
            found.append((f"corpus/{name}", corpus_document(corpus / name), facts))
    for name, facts in SEED_FACTS.items():
        found.append((f"seeds/{name}", (sources / name).read_bytes(), facts))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--sources", type=Path, default=SOURCES)
    parser.add_argument("-v", "--verbose", action="store_true", help="print every fact, not only the wrong ones")
    args = parser.parse_args(argv)
    right = total = 0
    for name, data, facts in documents(args.corpus, args.sources):
        rows = measure(parse_bytes(data, name.split("/", 1)[1]), facts)
        ok = sum(1 for _key, want, got in rows if want == got)
        right, total = right + ok, total + len(rows)
        print(f"{ok:>2}/{len(rows):<2} {name}")
        for key, want, got in rows:
            if want != got or args.verbose:
                print(f"       {'✔' if want == got else '✘'} {key}: expected {want!r}, got {got!r}")
    print(f"genre facts: {right}/{total} right")
    return 0


if __name__ == "__main__":
    sys.exit(main())
