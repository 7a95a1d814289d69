"""Handing a database over to the one `shishi build` made to replace it.

A build writes a new database beside the old one and renames it into place. A writer (an
import, a recorded figure) that opened the old file before the rename would commit into a file
nobody will read again: its write lost though it said it succeeded. So the build, once its new
database is complete, takes the old one's write lock, copies what must outlive it (recorded
figures), marks it ``retired`` in ``meta`` and commits just before the rename. Every write
transaction checks the mark first (``check_current``, called by ``build.transaction``); a writer
that meets it reopens the path, which by then is, or soon will be, the new database.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

RETIRED = "retired"  # meta key: this file has been replaced by a rebuilt database


class RetiredDatabase(Exception):
    """The file was replaced by a rebuild: write to the path again."""


def check_current(conn: sqlite3.Connection) -> None:
    """Raise RetiredDatabase when ``conn`` (inside its write transaction) is on a replaced file."""
    try:
        found = conn.execute("SELECT 1 FROM meta WHERE key = ?", (RETIRED,)).fetchone()
    except sqlite3.OperationalError:  # no meta table: a database being made, never a retired one
        return
    if found:
        raise RetiredDatabase()


def hold(db_path: Path, wait: float) -> sqlite3.Connection | None:
    """The old database's write lock, taken (BEGIN IMMEDIATE), or None when there is no file."""
    if not db_path.is_file():
        return None
    conn = sqlite3.connect(db_path, isolation_level=None, timeout=wait)
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error:
        conn.close()
        raise
    return conn


def retire(conn: sqlite3.Connection, successor: str) -> None:
    """Mark the held database replaced by ``successor`` and release it (COMMIT). A file without
    a meta table (not ours to write) is released unmarked."""
    try:
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (RETIRED, successor))
    except sqlite3.OperationalError:
        pass
    conn.execute("COMMIT")


def release(conn: sqlite3.Connection | None) -> None:
    if conn is None:
        return
    try:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
    finally:
        conn.close()


def write_current(connect: Callable[[], sqlite3.Connection], write: Callable[[sqlite3.Connection], T], wait: float) -> T:
    """``write(conn)`` on a write connection from ``connect()`` (``db.open_write`` of the path),
    connected again while a rebuild is replacing the file (``write`` must run its writes in
    ``build.transaction``, which checks)."""
    deadline = time.monotonic() + wait
    while True:
        conn = connect()
        try:
            return write(conn)
        except RetiredDatabase:
            if time.monotonic() > deadline:
                raise sqlite3.OperationalError("数据库在此期间被重建替换") from None
        finally:
            conn.close()
        time.sleep(0.05)
