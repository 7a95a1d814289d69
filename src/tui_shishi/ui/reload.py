"""Noticing that the database changed under the app: an import in another terminal, a rebuild.

`shishi import` writes in place (WAL), so the app's own connection sees it: ``PRAGMA
data_version`` changes whenever another connection commits, and costs no I/O to ask.
`shishi build` writes a new file and renames it over the old one: the app's connection still
reads the old, unlinked file, where nothing ever changes, so the file itself is watched
(``os.stat``: another inode, or a new mtime) and the connection reopened.
"""

from __future__ import annotations

import os
import sqlite3

POLL_SECONDS = 2.0


def file_identity(path: str) -> tuple[int, int, int] | None:
    """(device, inode, mtime) of the file at ``path``; None while there is none (mid-rename)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino, st.st_mtime_ns


def data_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA data_version").fetchone()[0]


class DatabaseWatch:
    """What the app last saw of its database. ``replaced`` asks the file system, ``changed`` the
    connection; ``remember`` is called just before the app re-reads, so that a commit made while
    it reads is seen at the next poll, not lost."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.identity: tuple[int, int, int] | None = None
        self.version: int | None = None

    def remember(self, conn: sqlite3.Connection) -> None:
        self.identity = file_identity(self.path) if self.path else None
        self.version = data_version(conn)

    def replaced(self) -> bool:
        if not self.path:
            return False
        now = file_identity(self.path)
        return now is not None and now != self.identity

    def changed(self, conn: sqlite3.Connection) -> bool:
        return data_version(conn) != self.version
