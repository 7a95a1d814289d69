"""Where a section or an item sits in the browser's tree: city › year › sections › item.

Used to open the nodes on the way when the palette, the search or a row of a year's table jumps
to something not loaded yet. Walks parent links one row at a time: sections nest a few deep.
"""

from __future__ import annotations

import sqlite3

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
    row = conn.execute(
        "SELECT y.city, s.year_id FROM sections s JOIN years y ON y.id = s.year_id WHERE s.id = ?", (section_id,)
    ).fetchone()
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
