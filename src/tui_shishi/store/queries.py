"""Read-only queries for the browser: SQL rows in, small view dataclasses out.

Widgets receive these objects, never rows, so the UI does not know the schema. Every query is
indexed and bounded (children are paged with ``limit`` / ``offset``) so a year of 100,000 items
opens as fast as one of 15. No textual and no sqlite_utils here: this module is on the app's
start-up path.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3

from tui_shishi.status import NOT_REPORTED
from tui_shishi.store.cities import _ordered, cities, city, city_names, tree_start, year  # noqa: F401  (re-exported)
from tui_shishi.store.navigation import Spot, find_spot, item_path, section_path, spot_of  # noqa: F401  (re-exported)
from tui_shishi.store.views import (
    DepartmentView,
    DocumentView,
    FlagView,
    IndicatorView,
    ItemDetail,
    ItemRow,
    JumpTarget,
    MilestoneView,
    ObservationView,
    Quantity,
    SectionDetail,
    SectionSummary,
    YearDetail,
)


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def sections(conn: sqlite3.Connection, year_id: int, parent_id: int | None = None) -> list[SectionSummary]:
    """Sections under ``parent_id`` (None: top level) that hold at least one item, each with the
    statuses and mean percent of every item below it (subsections included)."""
    rows = conn.execute(
        "SELECT id, key, number, level, parent_id, title FROM sections WHERE year_id = ? ORDER BY document_id, id",
        (year_id,),
    ).fetchall()
    parent_of = {r[0]: r[4] for r in rows}
    counts: dict[int, dict[str, int]] = {}
    sums: dict[int, list[float]] = {}  # section → [sum of percents, items with one]
    for section_id, status, n, total, with_percent in conn.execute(
        "SELECT section_id, status, count(*), sum(percent), count(percent) FROM items"
        " WHERE year_id = ? AND section_id IS NOT NULL GROUP BY section_id, status",
        (year_id,),
    ):
        seen: set[int] = set()
        while section_id is not None and section_id not in seen:  # guard against a cycle in bad data
            seen.add(section_id)
            by_status = counts.setdefault(section_id, {})
            by_status[status or ""] = by_status.get(status or "", 0) + n
            acc = sums.setdefault(section_id, [0.0, 0])
            acc[0] += total or 0.0
            acc[1] += with_percent
            section_id = parent_of.get(section_id)
    out = []
    for r in rows:
        if r[4] != parent_id or not counts.get(r[0]):
            continue
        total, with_percent = sums[r[0]]
        out.append(
            SectionSummary(
                r[0],
                year_id,
                r[1] or "",
                r[2],
                r[3] or 1,
                r[5] or "",
                sum(counts[r[0]].values()),
                _ordered(counts[r[0]]),
                total / with_percent if with_percent else None,
            )  # fmt: skip
        )
    return out


def section_detail(conn: sqlite3.Connection, section_id: int) -> SectionDetail | None:
    row = conn.execute("SELECT year_id, parent_id, text, line, document_id FROM sections WHERE id = ?", (section_id,)).fetchone()
    if row is None:
        return None
    year_id, parent_id, text, line, document_id = row
    summary = next((s for s in sections(conn, year_id, parent_id) if s.id == section_id), None)
    year_summary = year(conn, year_id)
    if summary is None or year_summary is None:
        return None  # a section without items is not shown in the tree either
    path: list[str] = []
    seen = {section_id}
    while parent_id is not None and parent_id not in seen:
        seen.add(parent_id)
        found = conn.execute("SELECT title, parent_id FROM sections WHERE id = ?", (parent_id,)).fetchone()
        if found is None:
            break
        path.append(found[0] or "")
        parent_id = found[1]
    documents = _documents(conn, "SELECT id, kind, title, as_of, source_file FROM documents WHERE id = ?", (document_id,))
    return SectionDetail(summary, year_summary, text or "", line, tuple(reversed(path)), next(iter(documents), None))


# an ItemRow's columns, items i joined to their years y
_ITEM_COLUMNS = (
    f"i.id, i.year_id, y.city, y.period, i.number, coalesce(i.title, ''), coalesce(i.status, '{NOT_REPORTED}'), i.percent, i.section_id"
)
_ITEM_FROM = "items i JOIN years y ON y.id = i.year_id"


def items(
    conn: sqlite3.Connection,
    year_id: int,
    section_id: int | None = None,
    *,
    limit: int = 200,
    offset: int = 0,
    all_sections: bool = False,
) -> list[ItemRow]:
    """Items of a year in number order: those directly in ``section_id`` (None: in no section),
    or every item of the year with ``all_sections``."""
    if all_sections:
        where, params = "i.year_id = ?", [year_id]
    elif section_id is None:
        where, params = "i.year_id = ? AND i.section_id IS NULL", [year_id]
    else:
        where, params = "i.year_id = ? AND i.section_id = ?", [year_id, section_id]
    rows = conn.execute(
        f"SELECT {_ITEM_COLUMNS} FROM {_ITEM_FROM} WHERE {where} ORDER BY i.number, i.id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return [ItemRow(*r) for r in rows]


def item_count(conn: sqlite3.Connection, year_id: int, section_id: int | None = None) -> int:
    params: tuple[int, ...]
    if section_id is None:
        sql, params = "SELECT count(*) FROM items WHERE year_id = ? AND section_id IS NULL", (year_id,)
    else:
        sql, params = "SELECT count(*) FROM items WHERE year_id = ? AND section_id = ?", (year_id, section_id)
    return conn.execute(sql, params).fetchone()[0]


def _quantity(value, unit, qualifier, text, start, end, label="") -> Quantity | None:
    if value is None and not text:
        return None
    return Quantity(value, unit or "", qualifier or "", text or "", start or 0, end or 0, label or "")


def _observation(r: tuple) -> ObservationView:
    return ObservationView(
        id=r[0],
        indicator_id=r[1],
        sentence=r[2] or "",
        actual=_quantity(*r[3:9]),
        percent_of_plan=r[9],
        percent_text=r[10] or "",
        as_of=_date(r[11]),
        qualitative=bool(r[12]),
        line=r[13],
        document_id=r[14],
    )


_OBS_COLUMNS = (
    "o.id, o.indicator_id, s.text, o.actual_value, o.actual_unit, o.actual_qualifier, o.actual_text, o.actual_start,"
    " o.actual_end, o.percent_of_plan, o.percent_text, o.as_of, o.qualitative, o.line, o.document_id"
)
_OBS_FROM = "observations o LEFT JOIN sentences s ON s.id = o.sentence_id"


_SENTENCE_END = re.compile(r"[。；;！!？?\n]")


def repeats_shown(note: str, shown: list[str]) -> bool:
    """Does every sentence of ``note`` stand in one of the ``shown`` sentences (its figures'), so
    that showing it again would print the same paragraph twice?"""
    pieces = [p.strip(" ，,、：:") for p in _SENTENCE_END.split(note)]
    pieces = [p for p in pieces if p]
    text = "\n".join(shown)
    return bool(pieces) and bool(text) and all(p in text for p in pieces)


def indicators(conn: sqlite3.Connection, item_id: int) -> list[IndicatorView]:
    observations: dict[int | None, list[ObservationView]] = {}
    for r in conn.execute(f"SELECT {_OBS_COLUMNS} FROM {_OBS_FROM} WHERE o.item_id = ? ORDER BY o.id", (item_id,)):
        observations.setdefault(r[1], []).append(_observation(r))
    rows = conn.execute(
        "SELECT i.id, i.ordinal, i.text, s.text, i.line, i.target_value, i.target_unit, i.target_qualifier, i.target_text,"
        " i.target_start, i.target_end, i.target_label, i.status"
        " FROM indicators i LEFT JOIN sentences s ON s.id = i.sentence_id WHERE i.item_id = ? ORDER BY i.ordinal, i.id",
        (item_id,),
    )
    return [
        IndicatorView(
            id=r[0],
            ordinal=r[1] or 0,
            text=r[2] or "",
            sentence=r[3] or "",
            line=r[4],
            target=_quantity(*r[5:12]),
            status=r[12] or "",
            observations=tuple(observations.get(r[0], ())),
        )
        for r in rows
    ]


def _milestone_quantities(raw: str | None) -> tuple[Quantity, ...]:
    try:
        parsed = json.loads(raw) if raw else []
    except ValueError:
        return ()
    out = []
    for q in parsed if isinstance(parsed, list) else []:
        if isinstance(q, dict):
            out.append(
                Quantity(
                    q.get("value"),
                    q.get("unit") or "",
                    q.get("qualifier") or "",
                    q.get("text") or "",
                    q.get("start") or 0,
                    q.get("end") or 0,
                    q.get("label") or "",
                )
            )
    return tuple(out)


def _documents(conn: sqlite3.Connection, sql: str, params: tuple) -> tuple[DocumentView, ...]:
    return tuple(DocumentView(r[0], r[1] or "", r[2] or "", _date(r[3]), r[4] or "") for r in conn.execute(sql, params))


def item_detail(conn: sqlite3.Connection, item_id: int) -> ItemDetail | None:
    row = conn.execute(f"SELECT {_ITEM_COLUMNS}, i.text, i.document_id, i.line FROM {_ITEM_FROM} WHERE i.id = ?", (item_id,)).fetchone()
    if row is None:
        return None
    item, (text, document_id, line) = ItemRow(*row[:9]), row[9:]
    year_summary = year(conn, item.year_id)
    assert year_summary is not None  # items.year_id is a foreign key
    section_title = ""
    if item.section_id is not None:
        found = conn.execute("SELECT title FROM sections WHERE id = ?", (item.section_id,)).fetchone()
        section_title = (found[0] or "") if found else ""
    departments = tuple(
        DepartmentView(r[0], r[1] or "", r[2] or "")
        for r in conn.execute(
            "SELECT d.name, x.role, x.note FROM item_departments x JOIN departments d ON d.id = x.department_id"
            " WHERE x.item_id = ? ORDER BY x.rowid",
            (item_id,),
        )
    )
    milestones = tuple(
        MilestoneView(r[0] or 0, r[1] or "", _date(r[2]), r[3] or "", r[4], _milestone_quantities(r[5]))
        for r in conn.execute(
            "SELECT ordinal, due, due_date, text, line, quantities FROM milestones WHERE item_id = ? ORDER BY ordinal, id",
            (item_id,),
        )
    )
    progress = tuple(
        _observation(r)
        for r in conn.execute(
            f"SELECT {_OBS_COLUMNS} FROM {_OBS_FROM} WHERE o.item_id = ? AND o.indicator_id IS NULL ORDER BY o.id",
            (item_id,),
        )
    )
    inds = tuple(indicators(conn, item_id))
    shown = [o.sentence for o in progress] + [o.sentence for i in inds for o in i.observations]
    notes = tuple(
        r[0]
        for r in conn.execute("SELECT text FROM notes WHERE item_id = ? ORDER BY ordinal, id", (item_id,))
        if not repeats_shown(r[0], shown)  # a report paragraph whose every sentence is shown as a figure's
    )
    flags = tuple(
        FlagView(r[0] or "", r[1] or "", r[2])
        for r in conn.execute("SELECT kind, detail, line FROM flags WHERE item_id = ? ORDER BY id", (item_id,))
    )
    documents = _documents(
        conn,
        "SELECT d.id, d.kind, d.title, d.as_of, d.source_file FROM documents d WHERE d.id IN"
        " (SELECT document_id FROM item_documents WHERE item_id = ? UNION SELECT ?) ORDER BY d.as_of, d.id",
        (item_id, document_id),
    )
    return ItemDetail(
        item=item,
        year=year_summary,
        text=text or "",
        section_title=section_title,
        departments=departments,
        indicators=inds,
        milestones=milestones,
        progress=progress,
        notes=notes,
        flags=flags,
        documents=documents,
        line=line,
    )


def year_detail(conn: sqlite3.Connection, year_id: int) -> YearDetail | None:
    summary = year(conn, year_id)
    if summary is None:
        return None
    documents = _documents(
        conn,
        "SELECT id, kind, title, as_of, source_file FROM documents WHERE year_id = ? ORDER BY as_of, id",
        (year_id,),
    )
    flags = tuple(
        FlagView(r[0] or "", r[1] or "", r[2])
        for r in conn.execute(
            "SELECT kind, detail, line FROM flags WHERE item_id IS NULL AND document_id IN"
            " (SELECT id FROM documents WHERE year_id = ?) ORDER BY id",
            (year_id,),
        )
    )
    return YearDetail(summary, documents, flags)


def jump_targets(conn: sqlite3.Connection, text: str, limit: int = 40) -> list[JumpTarget]:
    """Cities, years and items whose name contains ``text`` (every city and year when empty)."""
    needle = text.strip()
    like = f"%{needle}%"
    targets: list[JumpTarget] = []
    for c in cities(conn):
        if needle in c.city:
            targets.append(JumpTarget("city", c.city, c.city, f"{len(c.years)} 个年度"))
        for y in c.years:
            label = f"{c.city} {y.period}"
            if not needle or needle in label or needle in y.period:
                targets.append(JumpTarget("year", y.id, label, f"{y.item_count}件 · {y.achieved} 达成"))
    if needle:
        rows = conn.execute(
            "SELECT i.id, i.number, i.title, y.city, y.period, i.status FROM items i JOIN years y ON y.id = i.year_id"
            " WHERE i.title LIKE ? OR y.city || ' ' || y.period || ' 第' || i.number || '件' LIKE ?"
            " ORDER BY y.city, y.year_start DESC, i.number LIMIT ?",
            (like, like, limit),
        )
        for item_id, number, title, city_name, period, status in rows:
            label = f"{city_name} {period} 第{number}件 {title}"
            targets.append(JumpTarget("item", item_id, label, status or ""))
    return targets[: limit + 50]
