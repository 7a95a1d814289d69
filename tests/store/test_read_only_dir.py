"""A database in a directory where no ``-shm`` file can be made (a read-only install)."""

from __future__ import annotations

import shutil
import sqlite3

from tui_shishi.store import db as db_mod


def wal_with_commits(tmp_path):
    """A database whose last commit is still in its ``-wal`` file, copied as a reader would find it."""
    origin = tmp_path / "origin"
    origin.mkdir()
    path = origin / "shishi.db"
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("CREATE TABLE t (x)")
    writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the table is in the main file
    writer.execute("INSERT INTO t VALUES (1), (2), (3)")  # these rows only in the WAL
    installed = tmp_path / "installed"
    installed.mkdir()
    for name in ("shishi.db", "shishi.db-wal"):
        shutil.copyfile(origin / name, installed / name)
    writer.close()
    return installed / "shishi.db"


def test_commits_in_the_wal_are_read_not_silently_dropped(tmp_path):
    path = wal_with_commits(tmp_path)
    immutable = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
    assert immutable.execute("SELECT count(*) FROM t").fetchone() == (0,)  # what immutable=1 alone shows
    conn = db_mod._open_unwritable(path)
    assert conn.execute("SELECT count(*) FROM t").fetchone() == (3,)
    assert not (path.parent / "shishi.db-shm").exists()  # nothing written beside the install
    assert sorted(p.name for p in path.parent.iterdir()) == ["shishi.db", "shishi.db-wal"]


def test_without_a_wal_the_file_is_read_in_place(tmp_path):
    path = tmp_path / "plain.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES (1)")
    conn.commit()
    conn.close()
    reader = db_mod._open_unwritable(path)
    assert reader.execute("PRAGMA database_list").fetchone()[2] == str(path)
    assert reader.execute("SELECT count(*) FROM t").fetchone() == (1,)
