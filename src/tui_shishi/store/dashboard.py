"""What the home dashboard's 滞后 panel reads: how much is behind pace in the whole database and
the few items furthest behind, without reading every 滞后 row.

Per city-year the digests (store/digest.py) hold a ``behind_head``: its counts and its items'
worst rows, furthest behind first, at most ``HEAD``. The panel adds the counts and merges the
heads: an item belongs to one city-year, so the first ``HEAD`` items of the whole database are
among the heads. A database whose digests lack a head (written by an earlier version) is read
the slow way, through ``progress.behind``: the same answer.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from tui_shishi.store import digest
from tui_shishi.store.progress import BehindRow, behind, gap_order

HEAD = 10  # items kept per city-year; the panel shows fewer


@dataclass(frozen=True)
class BehindSummary:
    measured: int  # 滞后 rows with a percent (an item can have several indicators behind)
    qualitative: int  # items whose latest report cannot be measured (listed apart)
    items: int  # items with a measured row
    worst: tuple[BehindRow, ...]  # each item's largest gap, largest first, at most ``HEAD``


def summarise(rows: Iterable[BehindRow], keep: int = HEAD) -> BehindSummary:
    """The counts of ``rows`` (one city-year's or the whole database's) and each item's worst row."""
    rows = list(rows)
    measured = [r for r in rows if not r.qualitative]
    apart = len(rows) - len(measured)
    worst: dict[int, BehindRow] = {}
    for row in sorted(measured, key=gap_order):
        worst.setdefault(row.item_id, row)
    return BehindSummary(len(measured), apart, len(worst), tuple(sorted(worst.values(), key=gap_order)[:keep]))


def head_json(summary: BehindSummary) -> str:
    """A summary as stored in the ``behind_head`` digest."""
    fields = {
        "measured": summary.measured,
        "qualitative": summary.qualitative,
        "items": summary.items,
        "worst": [dataclasses.asdict(r) for r in summary.worst],
    }
    return json.dumps(fields, ensure_ascii=False, default=str)


def _from_json(text: str) -> BehindSummary:
    fields = json.loads(text)
    worst = []
    for row in fields["worst"]:
        row["as_of"] = dt.date.fromisoformat(row["as_of"])
        row["departments"] = tuple(row["departments"])
        worst.append(BehindRow(**row))
    return BehindSummary(fields["measured"], fields["qualitative"], fields["items"], tuple(worst))


def _stored_heads(conn: sqlite3.Connection) -> list[BehindSummary] | None:
    """Every city-year's head, or None when the digests lack one (or there are none)."""
    if not digest.present(conn):
        return None
    heads = conn.execute(f"SELECT data FROM {digest.TABLE} WHERE kind = 'behind_head'").fetchall()
    (years,) = conn.execute("SELECT count(*) FROM years").fetchone()
    if len(heads) != years:
        return None
    return [_from_json(text) for (text,) in heads]


def behind_summary(conn: sqlite3.Connection, keep: int = HEAD) -> BehindSummary:
    """The whole database's 滞后 counts and its ``keep`` items furthest behind (``keep`` ≤ HEAD)."""
    heads = _stored_heads(conn) if keep <= HEAD else None
    if heads is None:
        return summarise(behind(conn), keep)
    worst = sorted((row for head in heads for row in head.worst), key=gap_order)[:keep]
    return BehindSummary(sum(h.measured for h in heads), sum(h.qualitative for h in heads), sum(h.items for h in heads), tuple(worst))
