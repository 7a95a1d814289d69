"""Where the database is, and opening it safely for reading or writing.

Where: ``--db PATH`` > environment ``SHISHI_DB`` > ``data/shishi.db`` of the repository when
running from a checkout (editable install) > the copy carried inside the installed package
(``tui_shishi/data/shishi.db``, put there by setup.py's build hook) for a wheel install.

A file is checked before anything is written to it: it must be a SQLite database that passes
``PRAGMA quick_check`` and holds ``meta.app = tui-shishi``. A file that fails is never written
to, not even a journal-mode change; the error is one line naming the file and the reason.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from tui_shishi.store import schema

ENV_VAR = "SHISHI_DB"
DB_NAME = "shishi.db"

_PACKAGE_DIR = Path(__file__).resolve().parent.parent  # src/tui_shishi or site-packages/tui_shishi


class DatabaseError(Exception):
    """A database that cannot be used; the message is one line, fit for the terminal."""


def repository_root() -> Path | None:
    """The checkout this package runs from (editable install), or None when installed."""
    root = _PACKAGE_DIR.parent.parent
    if (root / "pyproject.toml").is_file() and (root / "src" / "tui_shishi").is_dir():
        return root
    return None


def packaged_path() -> Path:
    return _PACKAGE_DIR / "data" / DB_NAME


def locate(explicit: str | os.PathLike[str] | None = None, *, for_writing: bool = False) -> Path:
    """The database path to use. ``explicit`` is the ``--db`` option (click also fills it from
    ``SHISHI_DB``; reading the environment here too keeps the library usable without click)."""
    if explicit:
        return Path(explicit)
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    root = repository_root()
    if root is not None:
        return root / "data" / DB_NAME
    if for_writing:
        # The packaged copy lives in site-packages: shared, often read-only, replaced on upgrade.
        raise DatabaseError(f"no database to write to: give --db PATH or set {ENV_VAR}")
    return packaged_path()


def _uri(path: Path, **params: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{path.resolve().as_uri()}?{query}"


def validate(conn: sqlite3.Connection, path: Path, *, thorough: bool = True) -> None:
    """Raise DatabaseError unless ``conn`` is an intact tui-shishi database. Reads only.

    ``thorough`` runs ``PRAGMA quick_check``, which reads every page: writers and `shishi check`
    want it; the app's start-up does not (it would grow with the database), so readers check
    the header and the meta table only."""
    if thorough:
        try:
            result = conn.execute("PRAGMA quick_check").fetchone()
        except sqlite3.DatabaseError as exc:
            raise DatabaseError(f"{path}: not a SQLite database or corrupt ({exc})") from None
        if not result or result[0] != "ok":
            detail = result[0] if result else "no answer"
            raise DatabaseError(f"{path}: corrupt database (quick_check: {detail})")
    try:
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.DatabaseError:
        meta = {}
    if meta.get("app") != schema.APP_ID:
        raise DatabaseError(f"{path}: not a tui-shishi database (no meta app={schema.APP_ID})")
    try:
        version = int(meta.get("schema_version", "0"))
    except ValueError:
        version = 0
    if version < schema.SCHEMA_VERSION:
        raise OlderSchemaError(f"{path}: made by an older tui-shishi (schema {version}): rebuild it with `shishi build`")
    if version > schema.SCHEMA_VERSION:
        raise DatabaseError(
            f"{path}: made by a newer tui-shishi (schema {version} > {schema.SCHEMA_VERSION}): upgrade"
        )


class OlderSchemaError(DatabaseError):
    """A tui-shishi database of an older schema: ``shishi build`` may replace it."""


def _missing(path: Path) -> DatabaseError:
    return DatabaseError(f"{path}: no database there (run `shishi build`, or give --db PATH)")


def open_read(path: str | os.PathLike[str], *, thorough: bool = False) -> sqlite3.Connection:
    """Open read-only and validated. Falls back to ``immutable=1`` when the file sits where no
    ``-shm`` file can be created (a read-only install): then nobody can be writing to it."""
    path = Path(path)
    if not path.is_file():
        raise _missing(path)
    conn = sqlite3.connect(_uri(path, mode="ro"), uri=True, check_same_thread=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:
        conn.close()
        conn = sqlite3.connect(_uri(path, mode="ro", immutable="1"), uri=True, check_same_thread=False)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise DatabaseError(f"{path}: not a SQLite database or corrupt ({exc})") from None
    try:
        validate(conn, path, thorough=thorough)
    except DatabaseError:
        conn.close()
        raise
    return conn


def open_write(path: str | os.PathLike[str], *, create: bool = False) -> sqlite3.Connection:
    """Open for writing: validated first (read-only), then foreign keys on and WAL, so that an
    app reading the database meanwhile keeps working. ``create`` makes a new empty database
    when there is no file. Transactions are explicit (autocommit mode: see build.transaction)."""
    path = Path(path)
    if path.exists():
        open_read(path, thorough=True).close()
    elif not create:
        raise _missing(path)
    elif not path.parent.is_dir():
        raise DatabaseError(f"{path}: directory {path.parent} does not exist")
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=10)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        if create and not _has_meta(conn):
            schema.create(conn)
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{path}: cannot open for writing ({exc})") from None
    return conn


def _has_meta(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone()
    return row is not None
