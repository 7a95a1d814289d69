"""Data-quality report and summaries: what the database holds, what a document would add.

``flag_report`` lists, per document, every flag the importer raised (missing or repeated items,
figures not read…) with the item numbers they concern; each flag has its machine ``kind`` and
its ``kind_label`` in plain Chinese (``tui_shishi.words``). ``preview`` describes a parsed document
before it is imported (``shishi import --dry-run``). Plain data out: the CLI renders it.
"""

from __future__ import annotations

import sqlite3

from tui_shishi.model import Document, Flag, Indicator, Item, Quantity
from tui_shishi.status import latest_report
from tui_shishi.store.views import DocumentFlags, FlagRow, YearTotals
from tui_shishi.words import flag_word


def flag_report(conn: sqlite3.Connection) -> list[DocumentFlags]:
    """One entry per document, in document order, each with its flags (possibly none); read in
    one read transaction, so a report made during an import matches one state."""
    from tui_shishi.store.db import read_transaction

    with read_transaction(conn):
        return _flag_report(conn)


def _flag_report(conn: sqlite3.Connection) -> list[DocumentFlags]:
    report = []
    documents = conn.execute("SELECT id, city, period, kind, source_file, title FROM documents ORDER BY id").fetchall()
    for doc_id, city, period, kind, source_file, title in documents:
        flags = conn.execute(
            "SELECT f.kind, f.detail, i.number, f.line FROM flags f LEFT JOIN items i ON i.id = f.item_id"
            " WHERE f.document_id = ? ORDER BY f.id",
            (doc_id,),
        ).fetchall()
        rows = tuple(FlagRow(k, flag_word(k), detail, number, line) for k, detail, number, line in flags)
        report.append(DocumentFlags(doc_id, city, period, kind, source_file, title, rows))
    return report


def summary(conn: sqlite3.Connection) -> list[YearTotals]:
    """Per city and period: documents, items by status, flags."""
    rows = conn.execute(
        "SELECT y.id, y.city, y.period,"
        " (SELECT count(*) FROM documents d WHERE d.year_id = y.id),"
        " (SELECT count(*) FROM items i WHERE i.year_id = y.id),"
        " (SELECT count(*) FROM flags f JOIN documents d ON d.id = f.document_id WHERE d.year_id = y.id)"
        " FROM years y ORDER BY y.city, y.year_start, y.period"
    ).fetchall()
    result = []
    for year_id, city, period, documents, items, flags in rows:
        statuses = dict(
            conn.execute("SELECT status, count(*) FROM items WHERE year_id = ? GROUP BY status ORDER BY status", (year_id,)).fetchall()
        )
        result.append(YearTotals(city, period, documents, items, statuses, flags))
    return result


def _number(value: float | None) -> float | int | None:
    # 35万人 is 350000.0 in the model; show whole numbers as integers.
    if value is not None and float(value).is_integer():
        return int(value)
    return value


def _indicator(indicator: Indicator) -> dict:
    target = indicator.target or Quantity(None)
    latest = latest_report(indicator.observations)
    # The first figure of the latest report is the headline; 其中… parts come after it.
    last = latest[0] if latest else None
    actual = last.actual if last else None
    return {
        "text": indicator.text,
        "value": _number(target.value),
        "unit": target.unit,
        "qualifier": target.qualifier,
        "actual": _number(actual.value) if actual else None,
        "actual_unit": actual.unit if actual else None,
        "percent_of_plan": last.percent_of_plan if last else None,
        "observations": len(indicator.observations),
        "line": indicator.line,
    }


def _item(item: Item) -> dict:
    departments: dict[str, list[str]] = {"lead": [], "co": [], "responsible": []}
    for dep in item.departments:
        departments.setdefault(dep.role, []).append(dep.name)
    return {
        "number": item.number,
        "section": item.section,
        "title": item.title,
        "departments": departments,
        "indicators": [_indicator(i) for i in item.indicators],
        "progress": [
            {
                "sentence": o.sentence,
                "actual": _number(o.actual.value) if o.actual else None,
                "percent_of_plan": o.percent_of_plan,
                "qualitative": o.qualitative,
            }
            for o in item.progress
        ],
        "milestones": [{"due": m.due, "text": m.text} for m in item.milestones],
        "notes": len(item.notes),
        "line": item.line,
    }


def preview(doc: Document) -> dict:
    """What importing ``doc`` would add, as plain JSON-ready data."""
    return {
        "source_file": doc.source_file,
        "city": doc.city,
        "year": doc.period,
        "year_start": doc.year_start,
        "year_end": doc.year_end,
        "kind": doc.kind,
        "format": doc.format,
        "title": doc.title,
        "as_of": doc.as_of.isoformat() if doc.as_of else None,
        "sections": len(doc.sections),
        "items": [_item(item) for item in doc.items],
        "flags": [_flag(f) for f in doc.flags] + [_flag(f, item.number) for item in doc.items for f in item.flags],
    }


def _flag(flag: Flag, item_number: int | None = None) -> dict:
    number = flag.item_number if flag.item_number is not None else item_number
    return {
        "kind": flag.kind,
        "kind_label": flag_word(flag.kind),
        "detail": flag.detail,
        "item_number": number,
        "line": flag.line,
    }
