"""Where a section or an item sits in the browser's tree: city › year › sections › item.

Used to open the nodes on the way when the palette, the search or a row of a year's table jumps
to something not loaded yet. Walks parent links one row at a time: sections nest a few deep.
A Spot names a place by content (city, period, section keys, 第N件), so that a reload can find
it again in a database whose row ids have changed.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from tui_shishi.store.views import NodePath


def item_path(conn: sqlite3.Connection, item_id: int) -> NodePath | None:
    row = conn.execute(
        "SELECT y.city, i.year_id, i.section_id FROM items i JOIN years y ON y.id = i.year_id WHERE i.id = ?",
        (item_id,),
    ).fetchone()
    if row is None:
        return None
    return NodePath(row[0], row[1], _section_chain(conn, row[2]))


def section_path(conn: sqlite3.Connection, section_id: int) -> NodePath | None:
    """Where a section sits in the tree: its year and its enclosing sections, itself last."""
    row = conn.execute("SELECT y.city, s.year_id FROM sections s JOIN years y ON y.id = s.year_id WHERE s.id = ?", (section_id,)).fetchone()
    if row is None:
        return None
    return NodePath(row[0], row[1], _section_chain(conn, section_id))


def _section_chain(conn: sqlite3.Connection, section_id: int | None) -> tuple[int, ...]:
    chain: list[int] = []
    while section_id is not None and section_id not in chain:
        chain.append(section_id)
        parent = conn.execute("SELECT parent_id FROM sections WHERE id = ?", (section_id,)).fetchone()
        section_id = parent[0] if parent else None
    return tuple(reversed(chain))


@dataclass(frozen=True)
class Spot:
    """A place in the tree by what it is, not by row id: a rebuilt database numbers its rows
    anew, so the browser keeps its cursor across a reload by city, period, sections and 第N件."""

    city: str
    period: str | None = None
    sections: tuple[str, ...] = ()  # keys of the enclosing sections, outermost first (一, (一))
    number: int | None = None  # the item's 第N件
    title: str = ""  # the item's title: tells apart two items of one number (a flagged duplicate)


def spot_of(conn: sqlite3.Connection, kind: str, key: str | int) -> Spot | None:
    """The Spot of a city (``key`` its name), year, section or item (``key`` the row id)."""
    if kind == "city":
        return Spot(str(key))
    if kind == "year":
        row = conn.execute("SELECT city, period FROM years WHERE id = ?", (key,)).fetchone()
        return Spot(row[0], row[1]) if row else None
    if kind == "section":
        row = conn.execute("SELECT y.city, y.period FROM sections s JOIN years y ON y.id = s.year_id WHERE s.id = ?", (key,)).fetchone()
        return Spot(row[0], row[1], _section_keys(conn, int(key))) if row else None
    if kind == "item":
        row = conn.execute(
            "SELECT y.city, y.period, i.section_id, i.number, i.title FROM items i JOIN years y ON y.id = i.year_id WHERE i.id = ?",
            (key,),
        ).fetchone()
        if row is None:
            return None
        return Spot(row[0], row[1], _section_keys(conn, row[2]), row[3], row[4] or "")
    return None


def find_spot(conn: sqlite3.Connection, spot: Spot) -> tuple[str, str | int] | None:
    """Where ``spot`` is now, as (kind, key) for the tree: the item, else the deepest of its
    sections, year and city that still exists; None when the city is gone too."""
    if conn.execute("SELECT 1 FROM years WHERE city = ? LIMIT 1", (spot.city,)).fetchone() is None:
        return None
    found: tuple[str, str | int] = ("city", spot.city)
    if spot.period is None:
        return found
    row = conn.execute("SELECT id FROM years WHERE city = ? AND period = ?", (spot.city, spot.period)).fetchone()
    if row is None:
        return found
    year_id = row[0]
    found = ("year", year_id)
    section_id: int | None = None
    for key in spot.sections:
        row = conn.execute(
            "SELECT id FROM sections WHERE year_id = ? AND key = ? AND parent_id IS ? ORDER BY id LIMIT 1",
            (year_id, key, section_id),
        ).fetchone()
        if row is None:
            break
        section_id = row[0]
        found = ("section", section_id)
    else:
        if spot.number is not None:
            row = conn.execute(
                "SELECT id FROM items WHERE year_id = ? AND number = ? AND section_id IS ? ORDER BY title = ? DESC, id LIMIT 1",
                (year_id, spot.number, section_id, spot.title),
            ).fetchone()
            if row is not None:
                found = ("item", row[0])
    return found


def _section_keys(conn: sqlite3.Connection, section_id: int | None) -> tuple[str, ...]:
    keys = []
    for chained in _section_chain(conn, section_id):
        row = conn.execute("SELECT key FROM sections WHERE id = ?", (chained,)).fetchone()
        keys.append(row[0] if row else "")
    return tuple(keys)
