"""The few items a query's filters allow (``year:`` ``city:`` ``dept:`` ``status:``), found
through small tables and indexes instead of a scan of every item.

A filter value matches as ``filter_sql`` says it does on ``search_items`` (a city or department
name *containing* the folded value; a period overlapping the years; a status among those given),
but the values are first compared with the few distinct city and department names, and the names
found lead to the items by index, each filter stopping as soon as it allows more than the caller
can use: the cost follows the number of names and of items allowed, not of items in the
database. ``tests/store/test_search_filter.py`` checks both agree.
"""

from __future__ import annotations

import json
import sqlite3

from tui_shishi.parse.text import fold
from tui_shishi.store.query_syntax import Query


def _ids(conn: sqlite3.Connection, sql: str, values: list, limit: int) -> set[int] | None:
    """The ids ``sql`` selects for ``values`` (bound as a JSON array), or None past ``limit``."""
    found = {r[0] for r in conn.execute(f"{sql} LIMIT ?", [json.dumps(values), limit + 1])}
    return found if len(found) <= limit else None


def _largest(conn: sqlite3.Connection, departments: list[int]) -> int:
    """The most items any of these departments names, from the counts stored at import: past the
    limit, the department alone allows too many, without reading its items. 0 when unknown
    (a database from before the counts: the items are then read)."""
    try:
        row = conn.execute(
            "SELECT max(n_items) FROM department_counts WHERE department_id IN (SELECT value FROM json_each(?))",
            [json.dumps(departments)],
        ).fetchone()
    except sqlite3.OperationalError:  # no such table
        return 0
    return int(row[0] or 0)


def few_allowed(conn: sqlite3.Connection, q: Query, limit: int) -> set[int] | None:
    """The items the filters of ``q`` allow when one of its filters alone allows at most ``limit``
    items (a superset of the answer when another filter allows more: the caller still applies
    every filter to each row), else None. Without filters: None."""
    if not q.has_filters:
        return None
    parts: list[set[int]] = []
    year_ids: set[int] | None = None
    if q.year_from is not None:
        year_ids = {r[0] for r in conn.execute("SELECT id FROM years WHERE year_end >= ? AND year_start <= ?", (q.year_from, q.year_to))}
    if q.cities:
        cities = [c for (c,) in conn.execute("SELECT DISTINCT city FROM years") if any(v in fold(c or "") for v in q.cities)]
        in_city = {r[0] for r in conn.execute("SELECT id FROM years WHERE city IN (SELECT value FROM json_each(?))", [json.dumps(cities)])}
        year_ids = in_city if year_ids is None else year_ids & in_city
    if year_ids is not None:
        found = _ids(conn, "SELECT id FROM items WHERE year_id IN (SELECT value FROM json_each(?))", sorted(year_ids), limit)
        if found is not None:
            parts.append(found)
    if q.departments:
        departments = [
            d for d, name in conn.execute("SELECT id, name FROM departments") if any(v in fold(name or "") for v in q.departments)
        ]
        sql = "SELECT DISTINCT item_id FROM item_departments WHERE department_id IN (SELECT value FROM json_each(?))"
        found = None if _largest(conn, departments) > limit else _ids(conn, sql, departments, limit)
        if found is not None:
            parts.append(found)
    if q.statuses:
        found = _ids(conn, "SELECT item_id FROM search_items WHERE status IN (SELECT value FROM json_each(?))", list(q.statuses), limit)
        if found is not None:
            parts.append(found)
    if not parts:
        return None
    allowed = parts[0]
    for part in parts[1:]:
        allowed &= part
    return allowed
