"""Where the database is, and opening it safely for reading or writing.

Where: ``--db PATH`` > environment ``SHISHI_DB`` > ``data/shishi.db`` of the repository when
running from a checkout (editable install) > the copy carried inside the installed package
(``tui_shishi/data/shishi.db``, put there by setup.py's build hook) for a wheel install.

A file is checked before anything is written to it: it must be a SQLite database that passes
``PRAGMA quick_check`` and holds ``meta.app = tui-shishi``. A file that fails is never written
to, not even a journal-mode change; the error is one line naming the file and the reason.

A new database appears whole or not at all: it is made in a temporary file beside its path and
linked into place only when complete, so a process that finds the file finds a database, and
concurrent first imports neither clash on the schema nor delete each other's file. A read that
fails (``read_failure``) is explained in one line: a partial schema, a page that fails
``PRAGMA quick_check`` (and which command repairs), or a writer in another process.
"""

from __future__ import annotations

import errno
import os
import random
import signal
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tui_shishi.reasons import os_reason, sqlite_reason
from tui_shishi.store import schema

ENV_VAR = "SHISHI_DB"
DB_NAME = "shishi.db"

_PACKAGE_DIR = Path(__file__).resolve().parent.parent  # src/tui_shishi or site-packages/tui_shishi


class DatabaseError(Exception):
    """A database that cannot be used; the message is one line, fit for the terminal."""


class RebuildableError(DatabaseError):
    """A tui-shishi database (its meta says so) that cannot be used as it is: ``shishi build``
    may replace it."""


class OlderSchemaError(RebuildableError):
    """A tui-shishi database of an older schema: ``shishi build`` may replace it."""


class IncompleteError(RebuildableError):
    """A tui-shishi database with tables missing (a partial schema)."""


REPAIR = "请用 `shishi build` 重建（并重新导入此后导入的文件）"


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
        raise DatabaseError(f"没有可写入的数据库：请用 --db 路径 或设置 {ENV_VAR}")
    return packaged_path()


# How long a writer waits for another's import to commit before it gives up with one line. An
# import holds the write lock while it writes and re-indexes (a few seconds on a busy machine):
# four at once must all land.
WRITE_WAIT_SECONDS = 60


def _uri(path: Path, **params: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{path.resolve().as_uri()}?{query}"


def validate(conn: sqlite3.Connection, path: Path, *, thorough: bool = True) -> None:
    """Raise DatabaseError unless ``conn`` is an intact tui-shishi database. Reads only.

    ``thorough`` runs ``PRAGMA quick_check``, which reads every page: writers and `shishi check`
    want it; the app's start-up does not (it would grow with the database), so readers check
    the header and the meta table only."""
    if thorough:
        problem = quick_check(conn, path)
        if problem:
            if _meta_app(conn) == schema.APP_ID and REPAIR not in problem:
                problem = f"{problem}：{REPAIR}"  # ours, damaged: say what repairs it
            raise DatabaseError(problem)
    meta = _meta(conn)
    if meta.get("app") != schema.APP_ID:
        raise DatabaseError(f"数据库 {path} 不是 tui-shishi 数据库（meta 表中没有 app={schema.APP_ID}）")
    try:
        version = int(meta.get("schema_version", "0"))
    except ValueError:
        version = 0
    if version < schema.SCHEMA_VERSION:
        raise OlderSchemaError(f"数据库 {path} 由旧版 tui-shishi 生成（结构版本 {version}）：请用 `shishi build` 重建")
    if version > schema.SCHEMA_VERSION:
        raise DatabaseError(f"数据库 {path} 由新版 tui-shishi 生成（结构版本 {version} > {schema.SCHEMA_VERSION}）：请升级 tui-shishi")
    present = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    missing = [name for name in schema.TABLES if name not in present and name not in schema.ADDED_LATER]
    if missing:
        names = "、".join(missing[:3]) + (f" 等 {len(missing)} 个" if len(missing) > 3 else "")
        raise IncompleteError(f"数据库 {path} 不完整（缺少表 {names}）：{REPAIR}")


def _meta(conn: sqlite3.Connection) -> dict:
    try:
        return dict(conn.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.DatabaseError:
        return {}


def _meta_app(conn: sqlite3.Connection) -> str | None:
    return _meta(conn).get("app")


def quick_check(conn: sqlite3.Connection, path: Path) -> str | None:
    """None when ``PRAGMA quick_check`` passes, else the one-line reason (its first finding)."""
    try:
        found = conn.execute("PRAGMA quick_check(20)").fetchall()
    except sqlite3.DatabaseError as exc:
        return f"文件 {path} 不是 SQLite 数据库或已损坏（{sqlite_reason(exc)}）"
    return _quick_check_problem(found, path)


def _quick_check_problem(found: list, path: Path) -> str | None:
    if [tuple(row) for row in found] == [("ok",)]:
        return None
    lines = [line.strip() for (text, *_) in found for line in str(text).splitlines()]
    findings = [line for line in lines if line and not line.startswith("***")]
    detail = findings[0] if findings else "无结果"
    more = f" 等 {len(findings)} 处" if len(findings) > 1 else ""
    return f"数据库 {path} 已损坏（quick_check：{detail}{more}）：{REPAIR}"


_TRANSIENT = ("readonly", "locked", "busy")


def read_failure(path: str | os.PathLike[str], exc: sqlite3.Error) -> DatabaseError:
    """Why a read of ``path`` failed with ``exc``, in one line: another process writing, a
    partial schema, or damage found by ``PRAGMA quick_check`` (with the command that repairs)."""
    path = Path(path)
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if any(word in message.lower() for word in _TRANSIENT):
        # e.g. `attempt to write a readonly database`: the first import switched the file to WAL
        # while this reader, without write access to the directory, was opening it.
        return DatabaseError(f"数据库 {path} 正被另一个进程写入，读取失败（{sqlite_reason(message)}）：请重试")
    if message.startswith(("no such table", "no such column")):
        return IncompleteError(f"数据库 {path} 不完整（{sqlite_reason(message)}）：{REPAIR}")
    try:
        conn = sqlite3.connect(_uri(path, mode="ro"), uri=True)
    except sqlite3.Error:
        return DatabaseError(f"数据库 {path} 无法读取（{sqlite_reason(message)}）")
    try:
        found = conn.execute("PRAGMA quick_check(20)").fetchall()
    except sqlite3.DatabaseError as exc2:  # too damaged to check: the header or the schema
        return DatabaseError(f"数据库 {path} 已损坏（{sqlite_reason(exc2)}）：{REPAIR}")
    finally:
        conn.close()
    problem = _quick_check_problem(found, path)
    return DatabaseError(problem or f"数据库 {path} 无法读取（{sqlite_reason(message)}）")


@contextmanager
def read_transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """Run the reads inside as one transaction, so they all see one state of the database even
    while another process imports (WAL). Reentrant: inside a transaction it adds nothing."""
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN")
    try:
        yield
    except BaseException:
        try:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass  # the read's own error says more
        raise
    if conn.in_transaction:
        conn.execute("COMMIT")  # a read transaction: nothing to commit, ends the snapshot


def _missing(path: Path) -> DatabaseError:
    return DatabaseError(f"数据库 {path} 不存在（运行 `shishi build`，或用 --db 指定路径）")


def open_read(path: str | os.PathLike[str], *, thorough: bool = False) -> sqlite3.Connection:
    """Open read-only and validated. Where the file sits where no ``-shm`` file can be created (a
    read-only install), nobody can be writing to it: see _open_unwritable."""
    path = Path(path)
    if not path.is_file():
        raise _missing(path)
    conn = sqlite3.connect(_uri(path, mode="ro"), uri=True, check_same_thread=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:
        conn.close()
        conn = _open_unwritable(path)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise DatabaseError(f"文件 {path} 不是 SQLite 数据库或已损坏（{sqlite_reason(exc)}）") from None
    try:
        validate(conn, path, thorough=thorough)
    except DatabaseError:
        conn.close()
        raise
    return conn


def _open_unwritable(path: Path) -> sqlite3.Connection:
    """A database where no ``-shm`` file can be made (a read-only directory). Without a ``-wal``
    file beside it, ``immutable=1`` reads it as it is. With one, ``immutable=1`` would silently
    read the database without the commits still in the WAL: read a private copy of both instead
    (SQLite applies the WAL to the copy), removed when the process ends."""
    wal = path.with_name(path.name + "-wal")
    if not (wal.is_file() and wal.stat().st_size > 0):
        return sqlite3.connect(_uri(path, mode="ro", immutable="1"), uri=True, check_same_thread=False)
    import atexit
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="shishi-read-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    copy = folder / path.name
    shutil.copyfile(path, copy)
    shutil.copyfile(wal, folder / wal.name)
    return sqlite3.connect(_uri(copy, mode="ro"), uri=True, check_same_thread=False)


def open_write(path: str | os.PathLike[str], *, create: bool = False, validated: bool = False) -> sqlite3.Connection:
    """Open for writing: validated first (read-only; skipped when the caller just did it), then
    foreign keys on and WAL, so that an app reading the database meanwhile keeps working.
    ``create`` makes a new empty database when there is no file (``create_new``). Transactions
    are explicit (autocommit mode: see build.transaction)."""
    path = Path(path)
    if not path.exists():
        if not create:
            raise _missing(path)
        create_new(path)  # or another process did, just now: validated below either way
        validated = False
    if not validated:
        open_read(path, thorough=True).close()
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=WRITE_WAIT_SECONDS)
        conn.execute("PRAGMA foreign_keys = ON")
        _switch_to_wal(conn)
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"数据库 {path} 无法打开写入（{sqlite_reason(exc)}）") from None
    return conn


def _switch_to_wal(conn: sqlite3.Connection) -> None:
    """Set WAL unless it is set. Two processes switching a rollback-journal database at once
    each hold a shared lock and want an exclusive one: SQLite sees the deadlock and answers
    "database is locked" at once, without waiting out the busy timeout. So try again, a short
    random pause apart, until the same deadline a write would wait for."""
    deadline = time.monotonic() + WRITE_WAIT_SECONDS
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(random.uniform(0.01, 0.1))


def create_new(path: str | os.PathLike[str], fill: Callable[[sqlite3.Connection], object] | None = None) -> bool:
    """Make a new database at ``path``: the schema, then ``fill(conn)`` (one import), written to a
    temporary file beside it and linked into place only when complete. False, and nothing
    written, when a file appeared at ``path`` meanwhile (another process won the race): the
    caller then imports into that one. The temporary files are removed on any failure."""
    path = Path(path)
    if not path.parent.is_dir():
        raise DatabaseError(f"数据库 {path} 无法创建：目录 {path.parent} 不存在")
    remove_stale(path, ".new")
    tmp = path.with_name(f".{path.name}.{os.getpid()}.new")
    remove_with_journals(tmp)
    try:
        with terminated_as_exit():
            try:
                conn = sqlite3.connect(tmp, isolation_level=None)
                try:
                    schema.create(conn)
                    if fill is not None:
                        fill(conn)
                    conn.execute("PRAGMA journal_mode = WAL")  # as open_write would set it
                finally:
                    conn.close()
            except sqlite3.OperationalError as exc:  # a read-only directory, a full disk…
                raise DatabaseError(f"数据库 {path} 无法创建（{sqlite_reason(exc)}）；未写入任何内容") from None
            return _link_no_clobber(tmp, path)
    finally:
        remove_with_journals(tmp)


def _link_no_clobber(tmp: Path, path: Path) -> bool:
    try:
        os.link(tmp, path)  # atomic, and fails if the name exists: never replaces another's file
        return True
    except FileExistsError:
        return False
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK, errno.ENOSYS):
            raise DatabaseError(f"数据库 {path} 无法创建（{os_reason(exc)}）；未写入任何内容") from None
    # A file system without hard links: the rename below could replace a database made in
    # the instant since the check, so it is made only when none is there.
    if path.exists():
        return False
    os.replace(tmp, path)
    return True


def remove_with_journals(path: Path) -> None:
    """Remove a (temporary) database file and whatever journal, WAL or shared-memory file it has."""
    for p in (path, *(Path(f"{path}{suffix}") for suffix in ("-journal", "-wal", "-shm"))):
        try:
            p.unlink()
        except FileNotFoundError:
            pass


def remove_stale(path: Path, suffix: str) -> None:
    """Remove the temporary files ``.NAME.PID<suffix>`` (and their journals) that a killed
    process left beside ``path``: those whose process is gone."""
    prefix = f".{path.name}."
    try:
        names = os.listdir(path.parent)
    except OSError:
        return
    for name in names:
        if not name.startswith(prefix):
            continue
        base = name.removesuffix("-journal").removesuffix("-wal").removesuffix("-shm")
        pid = base[len(prefix) :].removesuffix(suffix)
        if not base.endswith(suffix) or not pid.isdigit() or int(pid) == os.getpid() or _alive(int(pid)):
            continue
        try:
            (path.parent / name).unlink()
        except OSError:
            pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process
    return True


@contextmanager
def terminated_as_exit() -> Iterator[None]:
    """Inside, SIGTERM ends the process through ``SystemExit`` (so ``finally`` blocks remove
    temporary files) instead of at once. Only in the main thread; elsewhere it changes nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def _exit(signum, frame):  # pragma: no cover - exercised by the torture run
        raise SystemExit(128 + signum)

    try:
        previous = signal.signal(signal.SIGTERM, _exit)
    except ValueError:  # not the main interpreter
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
