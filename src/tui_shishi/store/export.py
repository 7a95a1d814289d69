"""Export rows: every indicator with target, actual, percent, status, departments and the
sentence it was read from, as CSV, JSON or Markdown. Read-only, no Textual.

One row per indicator; one per reported figure bound to no indicator (its target column is
empty); one per item with neither, so that no item of the database is missing from a report.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from dataclasses import asdict, fields

from tui_shishi.status import NOT_REPORTED
from tui_shishi.store.records import export_rows as record_rows
from tui_shishi.store.reports import _ROLE_RANK, normalise_department, rows
from tui_shishi.store.trends import item_figures
from tui_shishi.store.views import ExportRow
from tui_shishi.words import role_word

FORMATS = ("csv", "json", "jsonl", "md")


COLUMNS = tuple(f.name for f in fields(ExportRow))
# An item's first five columns, the same in each of its rows: city, period, item_number, item_title, item_status.
ItemColumns = tuple[str, str, int, str, str]
_PERIOD = re.compile(r"^\d{4}(?:-\d{4})?$")


def _departments(conn: sqlite3.Connection, item_id: int) -> str:
    found = rows(
        conn,
        "SELECT d.name, idp.role, idp.note FROM item_departments idp JOIN departments d ON d.id = idp.department_id"
        " WHERE idp.item_id = ? ORDER BY idp.rowid",
        (item_id,),
    )
    parts: dict[str, int] = {}
    for r in found:
        for name, note in normalise_department(r["name"] or "", r["note"] or ""):
            scope = f"，{note}" if note else ""
            parts.setdefault(f"{name}({role_word(r['role'])}{scope})", _ROLE_RANK.get(r["role"], 9))
    return "；".join(sorted(parts, key=lambda part: parts[part]))


def export_rows(conn: sqlite3.Connection, city: str | None = None, year: str | None = None, theme: str | None = None) -> list[ExportRow]:
    """Rows of the items matching every filter given. ``year`` is a period (2025, 2022-2024)
    or a year inside one (ValueError for anything else: ``abc`` is a bad year, not one that
    matches nothing); ``theme`` a theme name (KeyError with the known names if unknown).
    All rows are read in one read transaction: an export during an import matches one state."""
    from tui_shishi.parse.text import fold
    from tui_shishi.store.db import read_transaction

    if year and not _PERIOD.match(fold(year.strip())):
        raise ValueError(f"年份 {year!r} 看不懂：应写作 2025 或 2022-2024")
    with read_transaction(conn):
        return _export_rows(conn, city, year, theme)


def _export_rows(conn: sqlite3.Connection, city: str | None, year: str | None, theme: str | None) -> list[ExportRow]:
    from tui_shishi.parse.text import fold

    items = rows(
        conn,
        "SELECT i.id, i.number, i.title, i.status, y.city, y.period, y.year_start, y.year_end"
        " FROM items i JOIN years y ON y.id = i.year_id ORDER BY y.city, y.year_start, y.period, i.number",
    )
    if city:
        items = [i for i in items if fold(i["city"]) == fold(city.strip())]
    if year:
        y = fold(year.strip())
        items = [
            i
            for i in items
            if fold(i["period"]) == y
            or (y.isdigit() and i["year_start"] is not None and i["year_start"] <= int(y) <= (i["year_end"] or i["year_start"]))
        ]
    if theme:
        from tui_shishi.store.trends import theme_items

        tagged = {row.item_id for row, _ in theme_items(conn, theme)}
        items = [i for i in items if i["id"] in tagged]
    out = []
    for it in items:
        depts = _departments(conn, it["id"])
        base: ItemColumns = (it["city"], it["period"], it["number"], it["title"] or "", it["status"] or NOT_REPORTED)
        figures = item_figures(conn, it["id"])
        if not figures:  # an item with no figure at all still gets its row
            out.append(ExportRow(*base, "", "", None, "", "", None, "", None, base[4], depts, None, "", ""))
        for f in figures:
            out.append(
                ExportRow(
                    *base,
                    f.text,
                    f.target_text,
                    f.target_value,
                    f.target_unit,
                    f.actual_text,
                    f.actual_value,
                    f.actual_unit,
                    f.percent,
                    f.status or "无目标",  # a figure no target takes: a part or a context figure, not judged
                    depts,
                    f.as_of,
                    f.sentence,
                    f.actual_sentence,
                )
            )
        out += record_rows(conn, it["id"], base, depts)
    return out


def to_csv(export: list[ExportRow]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in export:
        writer.writerow(["" if v is None else v for v in (getattr(r, c) for c in COLUMNS)])
    return buf.getvalue()


def to_json(export: list[ExportRow]) -> str:
    return json.dumps([asdict(r) for r in export], ensure_ascii=False, indent=2) + "\n"


def _md_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        value = f"{value:g}"
    return str(value).replace("|", "\\|").replace("\n", " ").strip()


def to_markdown(export: list[ExportRow]) -> str:
    """A section per city-year, a table per section: ready to paste into a report."""
    from tui_shishi.status import label

    lines: list[str] = []
    heading = None
    for r in export:
        if (r.city, r.period) != heading:
            heading = (r.city, r.period)
            if lines:
                lines.append("")
            lines += [
                f"## {r.city} {r.period}",
                "",
                "| 件 | 指标 | 目标 | 实际 | 占年计划 | 状态 | 责任单位 | 目标原文 | 完成情况原文 |",
                "|---:|---|---|---|---:|---|---|---|---|",
            ]
        percent = f"{r.percent:g}%" if r.percent is not None else ""
        # A figure bound to no target was read from its report sentence only: say it once.
        target_sentence = r.sentence if r.target_text or not r.actual_sentence else ""
        actual_sentence = r.actual_sentence if r.actual_sentence != target_sentence else ""
        cells = [
            r.item_number,
            r.indicator or r.item_title,
            r.target_text,
            r.actual_text + ("（录入）" if r.source == "录入" else ""),
            percent,
            label(r.status) if r.source != "录入" else r.status,
            r.departments,
            target_sentence,
            actual_sentence,
        ]
        lines.append("| " + " | ".join(_md_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n" if lines else ""


def render(export: list[ExportRow], fmt: str) -> str:
    """The rows in ``fmt``; ValueError for another format. ``json`` is one document
    ``{total, rows: [...]}`` (the shape of every ``--json`` of the command), ``jsonl`` one row per line."""
    if fmt == "csv":
        return to_csv(export)
    if fmt == "json":
        return json.dumps({"total": len(export), "rows": [asdict(r) for r in export]}, ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(asdict(r), ensure_ascii=False) + "\n" for r in export)
    if fmt == "md":
        return to_markdown(export)
    raise ValueError(f"unknown export format {fmt!r}: choose {', '.join(FORMATS)}")
