"""Cities and their years with item counts by status: the tree's first rows and a city's detail.

``tree_start`` is what the first screen reads: every city's name and number of years (the years
index alone), and the years of the cities shown open. No textual and no sqlite_utils here: this
module is on the app's start-up path.
"""

from __future__ import annotations

import sqlite3

from tui_shishi.store.views import CitySummary, YearSummary


def _status_counts(conn: sqlite3.Connection, year_ids: list[int] | None = None) -> dict[int, dict[str, int]]:
    sql = "SELECT year_id, status, count(*) FROM items"
    params: list[int] = []
    if year_ids is not None:
        sql += f" WHERE year_id IN ({','.join('?' * len(year_ids))})"
        params = year_ids
    sql += " GROUP BY year_id, status"
    counts: dict[int, dict[str, int]] = {}
    for year_id, status, n in conn.execute(sql, params):
        counts.setdefault(year_id, {})[status or ""] = n
    return counts


def _year(row: tuple, counts: dict[str, int]) -> YearSummary:
    return YearSummary(row[0], row[1], row[2], row[3], row[4], sum(counts.values()), _ordered(counts), row[5] or "")


_YEAR_COLUMNS = "id, city, period, year_start, year_end, place"


def cities(conn: sqlite3.Connection) -> list[CitySummary]:
    """Every city (by name) with its years newest first: staff look at the current year first."""
    rows = conn.execute(f"SELECT {_YEAR_COLUMNS} FROM years ORDER BY city, year_start DESC, year_end DESC, period DESC").fetchall()
    counts = _status_counts(conn)
    by_city: dict[str, list[YearSummary]] = {}
    for row in rows:
        by_city.setdefault(row[1], []).append(_year(row, counts.get(row[0], {})))
    return [CitySummary(city, tuple(years)) for city, years in by_city.items()]


def year(conn: sqlite3.Connection, year_id: int) -> YearSummary | None:
    row = conn.execute(f"SELECT {_YEAR_COLUMNS} FROM years WHERE id = ?", (year_id,)).fetchone()
    if row is None:
        return None
    return _year(row, _status_counts(conn, [year_id]).get(year_id, {}))


def city(conn: sqlite3.Connection, name: str) -> CitySummary | None:
    """One city with its years newest first (its own rows only, however many cities there are)."""
    rows = conn.execute(
        f"SELECT {_YEAR_COLUMNS} FROM years WHERE city = ? ORDER BY year_start DESC, year_end DESC, period DESC", (name,)
    ).fetchall()
    if not rows:
        return None
    counts = _status_counts(conn, [r[0] for r in rows])
    return CitySummary(name, tuple(_year(row, counts.get(row[0], {})) for row in rows))


def city_names(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """(city, number of years) of every city, by name: the years index alone is read."""
    return conn.execute("SELECT city, count(*) FROM years GROUP BY city ORDER BY city").fetchall()


OPEN_ALL_UP_TO = 100  # years: up to this many, the tree opens with every city showing its years


def tree_start(conn: sqlite3.Connection, open_all_up_to: int | None = None) -> tuple[list[tuple[str, int]], list[CitySummary]]:
    """What the tree shows first: every city's name and number of years, and the cities shown
    open (every one when there are few years in all; else the first only, so that the first
    screen costs the same whatever the size of the database)."""
    names = city_names(conn)
    if sum(n for _, n in names) <= (OPEN_ALL_UP_TO if open_all_up_to is None else open_all_up_to):
        return names, cities(conn)
    first = city(conn, names[0][0])
    return names, [first] if first is not None else []


def _ordered(counts: dict[str, int]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
