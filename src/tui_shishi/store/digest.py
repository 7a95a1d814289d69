"""Digests: what the progress views show of each city-year, computed when its documents are
written, so that a view of the whole database reads one row per city-year instead of every
item in full.

Per city-year and kind, one row of ``digests`` holds a JSON list:

* ``dates``: the distinct report dates (ISO), oldest first;
* ``behind``: the 滞后 rows of its items' latest reports (``progress.BehindRow`` fields, with
  ``names``, every department name of the item, for the department filter);
* ``changes``: the change rows between its last two report dates (``progress.ChangeRow``
  fields), when it has two;
* ``behind_head`` (a JSON object): the 滞后 counts and the items furthest behind, for the home
  dashboard (store/dashboard.py).

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
from collections.abc import Sequence
from typing import Any

TABLE = "digests"


def present(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (TABLE,)).fetchone() is not None


def _rows(conn: sqlite3.Connection, kind: str, year_ids: Sequence[int] | None) -> list[list[dict[str, Any]]] | None:
    if not present(conn):
        return None
    sql = f"SELECT data FROM {TABLE} WHERE kind = ?"
    params: list[Any] = [kind]
    if year_ids is not None:
        sql += f" AND year_id IN ({','.join('?' * len(year_ids))})"
        params += list(year_ids)
    return [json.loads(r[0]) for r in conn.execute(sql, params)]


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


def behind(conn: sqlite3.Connection, year_ids: Sequence[int]) -> list[tuple[Any, list[str]]] | None:
    """(BehindRow, department names) of these years, in no order; None without digests."""
    from tui_shishi.store.progress import BehindRow

    found = _rows(conn, "behind", year_ids)
    if found is None:
        return None
    out = []
    for year_rows in found:
        for fields in year_rows:
            names = fields.pop("names")
            fields["as_of"] = _date(fields["as_of"])
            fields["departments"] = tuple(fields["departments"])
            out.append((BehindRow(**fields), names))
    return out


def _change_rows(found: list[dict[str, Any]]) -> list[Any]:
    from tui_shishi.store.progress import ChangeRow

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


def _json(rows: Sequence[Any]) -> str:
    plain = [dataclasses.asdict(r) if dataclasses.is_dataclass(r) and not isinstance(r, type) else r for r in rows]
    return json.dumps(plain, ensure_ascii=False, default=str)


def write(conn: sqlite3.Connection, year_ids: Sequence[int]) -> None:
    """Compute and store the digests of these city-years (inside the caller's transaction)."""
    from tui_shishi.store import progress
    from tui_shishi.store.dashboard import head_json, summarise

    for year_id in year_ids:
        conn.execute(f"DELETE FROM {TABLE} WHERE year_id = ?", (year_id,))
        dates = progress.computed_report_dates(conn, year_id)
        behind_rows = []
        behind_pairs = progress.computed_behind(conn, [year_id])
        for row, names in behind_pairs:
            fields = dataclasses.asdict(row)
            fields["names"] = names
            behind_rows.append(fields)
        digests: dict[str, Sequence[Any]] = {"dates": [d.isoformat() for d in dates], "behind": behind_rows}
        if len(dates) >= 2:
            digests["changes"] = progress.computed_changes(conn, year_id, dates[-2], dates[-1])
        for kind, rows in digests.items():
            conn.execute(f"INSERT INTO {TABLE} (year_id, kind, data) VALUES (?, ?, ?)", (year_id, kind, _json(rows)))
        head = summarise(row for row, _ in behind_pairs)
        conn.execute(f"INSERT INTO {TABLE} (year_id, kind, data) VALUES (?, 'behind_head', ?)", (year_id, head_json(head)))
