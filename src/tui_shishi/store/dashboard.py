"""What the home dashboard's 滞后 panel reads: how much is behind pace in the whole database and
the few items furthest behind, without reading every 滞后 row.

The 滞后 rows have their own table (store/digest.py, ``behind_rows``), indexed in the gap order:
the counts are read from the index, and the items furthest behind by walking it from the largest
gap until ``keep`` items are found (an item's first row in that order is its worst). A database
without the table (made by an earlier version) is read the slow way, through
``progress.behind``: the same answer.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from tui_shishi.store import digest
from tui_shishi.store.progress import behind, gap_order
from tui_shishi.store.views import BehindRow, BehindSummary


def summarise(rows: Iterable[BehindRow], keep: int) -> BehindSummary:
    """The counts of ``rows`` and the worst row of each of the ``keep`` items furthest behind."""
    rows = list(rows)
    measured = [r for r in rows if not r.qualitative]
    worst: dict[int, BehindRow] = {}
    for row in sorted(measured, key=gap_order):
        worst.setdefault(row.item_id, row)
    return BehindSummary(len(measured), len(rows) - len(measured), len(worst), tuple(list(worst.values())[:keep]))


def behind_summary(conn: sqlite3.Connection, keep: int) -> BehindSummary:
    """The whole database's 滞后 counts and its ``keep`` items furthest behind."""
    counts = digest.behind_counts(conn)
    if counts is None:
        return summarise(behind(conn), keep)
    (items,) = conn.execute(f"SELECT count(DISTINCT item_id) FROM {digest.BEHIND} WHERE qualitative = 0").fetchone()
    worst: dict[int, BehindRow] = {}
    for row, _ in digest.walk_behind(conn):
        if len(worst) == keep:
            break
        worst.setdefault(row.item_id, row)
    return BehindSummary(*counts, items, tuple(worst.values()))
