"""Digests: what the progress views show of each city-year, computed when its documents are
written, so that a view of the whole database reads one row per city-year instead of every
item in full.

Per city-year and kind, one row of ``digests`` holds a JSON list:

* ``dates``: the distinct report dates (ISO), oldest first;
* ``changes``: the change rows between its last two report dates (``views.ChangeRow``
  fields), when it has two.

The 滞后 rows of its items' latest reports are rows of their own table, ``behind_rows``
(``views.BehindRow`` fields as JSON, with ``names``, every department name of the item, for
the department filter; and the columns the view's orders read through their indexes).

They are written in the import's transaction for the years it touched (``write``), and for
every year when the database had no digests before (made by an earlier version). A database
without the table is read the slow way: each reader returns None and the caller computes.
Replaying a date (``behind(on=…)``) is always computed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

TABLE = "digests"
BEHIND = "behind_rows"
# the 滞后 orders (progress.SORTS), measured rows before 定性 ones; rowid: a row's place in its item
_TIES = "neg_gap, city, period, number, year_id, item_id, rowid"
BEHIND_ORDER = {"gap": _TIES, "dept": "dept, " + _TIES, "date": "neg_date, " + _TIES}


DEPARTMENTS = "department_counts"
_TABLES = (TABLE, BEHIND, DEPARTMENTS)


def present(conn: sqlite3.Connection) -> bool:
    """Whether the database has digests (every table: one made by an earlier version, without
    one of them, has none to this version; its next import writes them for every year)."""
    marks = ",".join("?" * len(_TABLES))
    found = conn.execute(f"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ({marks})", _TABLES).fetchone()
    return bool(found[0] == len(_TABLES))


def _one(conn: sqlite3.Connection, kind: str, year_id: int) -> list[Any] | None:
    if not present(conn):
        return None
    row = conn.execute(f"SELECT data FROM {TABLE} WHERE kind = ? AND year_id = ?", (kind, year_id)).fetchone()
    return json.loads(row[0]) if row is not None else None


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def report_dates(conn: sqlite3.Connection, year_id: int) -> list[dt.date] | None:
    found = _one(conn, "dates", year_id)
    return None if found is None else [dt.date.fromisoformat(d) for d in found]


def _behind_row(data: str) -> tuple[Any, list[str]]:
    from tui_shishi.store.views import BehindRow

    fields = json.loads(data)
    names = fields.pop("names")
    fields["as_of"] = _date(fields["as_of"])
    fields["departments"] = tuple(fields["departments"])
    return BehindRow(**fields), names


def behind(
    conn: sqlite3.Connection, year_ids: Sequence[int] | None, sort: str = "gap", limit: int | None = None, offset: int = 0
) -> list[tuple[Any, list[str]]] | None:
    """(BehindRow, department names) of these years (None: every year), measured rows first, each
    part in the order ``sort``; ``limit`` rows from ``offset``. None without digests."""
    if not present(conn):
        return None
    sql = f"SELECT data FROM {BEHIND}"
    params: list[Any] = []
    if year_ids is not None:
        sql += f" WHERE year_id IN ({','.join('?' * len(year_ids))})"
        params += list(year_ids)
    sql += f" ORDER BY qualitative, {BEHIND_ORDER[sort]}"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    return [_behind_row(data) for (data,) in conn.execute(sql, params)]


def walk_behind(conn: sqlite3.Connection) -> Iterator[tuple[Any, list[str]]]:
    """The measured 滞后 rows of every year in the gap order, read as they are needed (the
    dashboard stops after a few items); nothing without digests."""
    if present(conn):
        for (data,) in conn.execute(f"SELECT data FROM {BEHIND} WHERE qualitative = 0 ORDER BY qualitative, {BEHIND_ORDER['gap']}"):
            yield _behind_row(data)


def behind_counts(conn: sqlite3.Connection) -> tuple[int, int] | None:
    """(measured rows, 定性 rows) of the whole database; None without digests."""
    if not present(conn):
        return None
    counts = dict(conn.execute(f"SELECT qualitative, count(*) FROM {BEHIND} GROUP BY qualitative").fetchall())
    return counts.get(0, 0), counts.get(1, 0)


def _change_rows(found: list[dict[str, Any]]) -> list[Any]:
    from tui_shishi.store.views import ChangeRow

    for fields in found:
        fields["then"], fields["now"] = _date(fields["then"]), _date(fields["now"])
    return [ChangeRow(**fields) for fields in found]


def changes(conn: sqlite3.Connection, year_id: int) -> list[Any] | None:
    """The ChangeRows of a city-year's last two reports; None without a digest of them."""
    found = _one(conn, "changes", year_id)
    return None if found is None else _change_rows(found)


def all_report_dates(conn: sqlite3.Connection) -> dict[int, list[dt.date]] | None:
    """Every city-year's report dates (year id → dates, oldest first); None without digests."""
    if not present(conn):
        return None
    return {
        year_id: [dt.date.fromisoformat(d) for d in json.loads(data)]
        for year_id, data in conn.execute(f"SELECT year_id, data FROM {TABLE} WHERE kind = 'dates'")
    }


def department_counts(
    conn: sqlite3.Connection, ids: Sequence[int]
) -> tuple[dict[int, dict[str, int]], dict[int, tuple[int, set[int]]]] | None:
    """What ``reports.count_departments`` gives for these stored departments (every city), as the
    import counted it; None without digests."""
    if not present(conn):
        return None
    by_role: dict[int, dict[str, int]] = {}
    totals: dict[int, tuple[int, set[int]]] = {}
    for start in range(0, len(ids), 900):  # (SQLite's limit on parameters, with room)
        chunk = list(ids[start : start + 900])
        marks = ",".join("?" * len(chunk))
        for dep_id, counts, n_items, year_ids in conn.execute(
            f"SELECT department_id, counts, n_items, year_ids FROM {DEPARTMENTS} WHERE department_id IN ({marks})", chunk
        ):
            by_role[dep_id] = json.loads(counts)
            totals[dep_id] = (n_items, {int(y) for y in year_ids.split(",") if y})
    return by_role, totals


def _write_departments(conn: sqlite3.Connection, year_ids: Sequence[int]) -> None:
    """Count again the stored departments named by the items of these years."""
    from tui_shishi.store.reports import count_departments

    ids: set[int] = set()
    for start in range(0, len(year_ids), 900):
        chunk = list(year_ids[start : start + 900])
        marks = ",".join("?" * len(chunk))
        ids.update(
            r[0]
            for r in conn.execute(
                f"SELECT DISTINCT idp.department_id FROM item_departments idp JOIN items i ON i.id = idp.item_id WHERE i.year_id IN ({marks})",
                chunk,
            )
        )
    if not ids:
        return
    by_role, totals = count_departments(conn, sorted(ids))
    for dep_id in sorted(ids):
        n_items, years = totals.get(dep_id, (0, set()))
        conn.execute(
            f"INSERT OR REPLACE INTO {DEPARTMENTS} (department_id, counts, n_items, year_ids) VALUES (?, ?, ?, ?)",
            (dep_id, json.dumps(by_role.get(dep_id, {}), ensure_ascii=False), n_items, ",".join(map(str, sorted(years)))),
        )


def _json(rows: Sequence[Any]) -> str:
    plain = [dataclasses.asdict(r) if dataclasses.is_dataclass(r) and not isinstance(r, type) else r for r in rows]
    return json.dumps(plain, ensure_ascii=False, default=str)


def write(conn: sqlite3.Connection, year_ids: Sequence[int]) -> None:
    """Compute and store the digests of these city-years (inside the caller's transaction)."""
    from tui_shishi.store import changes as change_reads
    from tui_shishi.store import progress

    for year_id in year_ids:
        conn.execute(f"DELETE FROM {TABLE} WHERE year_id = ?", (year_id,))
        conn.execute(f"DELETE FROM {BEHIND} WHERE year_id = ?", (year_id,))
        dates = change_reads.computed_report_dates(conn, year_id)
        behind_pairs = progress.computed_behind(conn, [year_id])
        for row, names in behind_pairs:  # in the item's order: rowid breaks the last ties
            fields = dataclasses.asdict(row)
            fields["names"] = names
            conn.execute(
                f"INSERT INTO {BEHIND} (year_id, item_id, qualitative, neg_gap, neg_date, dept, city, period, number, data)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    row.year_id, row.item_id, int(row.qualitative), -(row.gap or 0), -row.as_of.toordinal(),
                    row.departments[0] if row.departments else "\uffff", row.city, row.period, row.number,
                    json.dumps(fields, ensure_ascii=False, default=str),
                ),
            )  # fmt: skip
        digests: dict[str, Sequence[Any]] = {"dates": [d.isoformat() for d in dates]}
        if len(dates) >= 2:
            digests["changes"] = change_reads.computed_changes(conn, year_id, dates[-2], dates[-1])
        for kind, rows in digests.items():
            conn.execute(f"INSERT INTO {TABLE} (year_id, kind, data) VALUES (?, ?, ?)", (year_id, kind, _json(rows)))
    _write_departments(conn, year_ids)
