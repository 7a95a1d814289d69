"""Faults a user can cause or meet (issue 9, parts 5–7): concurrent imports of one file, the
same document re-encoded, errors that must be one line, refused imports that must not touch
the file, output files written whole, reads that see one state, builds that leave no litter.

Fast tests run in `make test`; the loops marked ``slow`` run in `make torture`.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import multiprocessing
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from tui_shishi.cli import main
from tui_shishi.store import build as build_mod
from tui_shishi.store import db as db_mod
from tui_shishi.store.build import ImportRefused, parse_files, write_documents
from tui_shishi.store.db import open_read, open_write
from tui_shishi.store.schema import SCHEMA_VERSION

SEED_FILE = "qingdao-2024-announced-list.txt"  # in the seed database

NEW_LIST = """示例市2031年市办实事项目

第1件：新增城镇就业10万人以上（责任单位：市人力资源社会保障局）

第2件：新增停车泊位2000个（责任单位：市公安局）
"""


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_line_error(result, *words: str) -> str:
    """The error of a failed command: exit 1, one line on stderr, no traceback."""
    assert result.exit_code == 1, (result.exit_code, result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), lines
    assert "Traceback" not in result.output
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]


@pytest.fixture
def db(tmp_path, seed_db):
    path = tmp_path / "shishi.db"
    shutil.copy(seed_db, path)
    return path


@pytest.fixture
def new_file(tmp_path):
    path = tmp_path / "demo-2031-list.txt"
    path.write_text(NEW_LIST, encoding="utf-8")
    return path


def count(path: Path, where: str = "1") -> int:
    conn = open_read(path)
    try:
        return conn.execute(f"SELECT count(*) FROM documents WHERE {where}").fetchone()[0]
    finally:
        conn.close()


# ---------------------------------------------------------------- concurrent imports of one file


def _import_in_child(db_path: str, file: str, barrier, hold: str, queue) -> None:
    """A child process: `shishi import FILE`, all children held at ``hold`` until all get there,
    so that each passes the read-only check before any writes (or all race for a new file)."""

    def at_barrier(real):
        def held(*args, **kwargs):
            barrier.wait(timeout=20)
            return real(*args, **kwargs)

        return held

    if hold == "open_write":  # an existing database: every child found nothing to refuse
        build_mod.open_write = at_barrier(build_mod.open_write)
    else:  # a new database: every child made its own, all link at once
        db_mod._link_no_clobber = at_barrier(db_mod._link_no_clobber)
    result = CliRunner().invoke(main, ["--db", db_path, "import", file, "--city", "示例市", "--year", "2031"])
    queue.put((result.exit_code, result.stderr, repr(result.exception) if result.exit_code not in (0, 1) else ""))


def race(db_path: Path, file: Path, hold: str, n: int = 4) -> list[tuple[int, str, str]]:
    ctx = multiprocessing.get_context("fork")
    barrier, queue = ctx.Barrier(n), ctx.Queue()
    children = [ctx.Process(target=_import_in_child, args=(str(db_path), str(file), barrier, hold, queue)) for _ in range(n)]
    for child in children:
        child.start()
    results = [queue.get(timeout=60) for _ in children]
    for child in children:
        child.join(timeout=10)
    return sorted(results)


@pytest.mark.parametrize("where", ["existing", "new"])
def test_four_concurrent_imports_of_one_file(where, db, tmp_path, new_file):
    path = db if where == "existing" else tmp_path / "fresh.db"
    before = count(path) if where == "existing" else 0
    results = race(path, new_file, "open_write" if where == "existing" else "link")
    codes = [code for code, _, _ in results]
    assert codes == [0, 1, 1, 1], results
    for code, stderr, _ in results[1:]:
        lines = stderr.strip().splitlines()
        assert len(lines) == 1 and "已导入过" in lines[0] and "demo-2031-list.txt" in lines[0], stderr
        assert "Traceback" not in stderr and "不是 tui-shishi 数据库" not in stderr
    assert count(path) == before + 1  # the winner's database is there, its document once
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary files


def _open_write_in_child(db_path: str, barrier, queue) -> None:
    barrier.wait(timeout=20)
    try:
        open_write(db_path, validated=True).close()
        queue.put("")
    except db_mod.DatabaseError as exc:
        queue.put(str(exc))


def test_four_writers_opening_a_rollback_journal_database_at_once_all_open_it(tmp_path, seed_db):
    """The committed database has a rollback journal; the first writers switch it to WAL. Two
    switching at once is a deadlock SQLite reports at once as "locked", past any busy timeout:
    about one opening in 20 failed so, and then its import."""
    ctx = multiprocessing.get_context("fork")
    failures = []
    for n in range(25):
        path = tmp_path / f"r{n}.db"
        shutil.copy(seed_db, path)
        with closing(sqlite3.connect(path)) as conn:
            assert conn.execute("PRAGMA journal_mode").fetchall() == [("delete",)]
        barrier, queue = ctx.Barrier(4), ctx.Queue()
        children = [ctx.Process(target=_open_write_in_child, args=(str(path), barrier, queue)) for _ in range(4)]
        for child in children:
            child.start()
        failures += [error for error in (queue.get(timeout=60) for _ in children) if error]
        for child in children:
            child.join(timeout=10)
    assert failures == []


def test_a_lost_race_reads_like_a_sequential_duplicate(db, new_file):
    assert run("--db", db, "import", new_file, "--city", "示例市", "--year", "2031").exit_code == 0
    sequential = one_line_error(run("--db", db, "import", new_file, "--city", "示例市", "--year", "2031"))
    # the same check inside the write transaction, reached past the read-only one
    docs = parse_files([new_file], city="示例市", year=2031)
    conn = open_write(db)
    with pytest.raises(ImportRefused) as refused:
        write_documents(conn, docs)
    conn.close()
    assert sequential == f"Error: {refused.value}"


# ---------------------------------------------------------------- duplicates by content


def variants(text: str) -> dict[str, bytes]:
    return {
        "gbk": text.encode("gbk"),
        "gb18030-crlf": text.replace("\n", "\r\n").encode("gb18030"),
        "crlf": text.replace("\n", "\r\n").encode("utf-8"),
        "bom": codecs.BOM_UTF8 + text.encode("utf-8"),
        "utf-16": text.encode("utf-16"),
        "one-more-newline": (text + "\n").encode("utf-8"),
        "trailing-space": text.replace("\n", "  \n").encode("utf-8"),
        "full-width-space": (text + "\u3000\n").encode("utf-8"),
    }


def test_the_same_document_re_encoded_is_refused_naming_the_first(db, sources_dir, tmp_path):
    text = (sources_dir / SEED_FILE).read_text(encoding="utf-8")
    before = sha(db)
    for name, data in variants(text).items():
        copy = tmp_path / f"copy-{name}.txt"
        copy.write_bytes(data)
        error = one_line_error(run("--db", db, "import", copy), f"copy-{name}.txt", "已导入过", SEED_FILE)
        assert "未写入任何内容" in error
    assert sha(db) == before


def test_dry_run_knows_a_re_encoded_copy(db, sources_dir, tmp_path):
    copy = tmp_path / "gbk.txt"
    copy.write_bytes((sources_dir / SEED_FILE).read_text(encoding="utf-8").encode("gbk"))
    result = run("--db", db, "import", "--dry-run", copy)
    assert result.exit_code == 0 and result.stdout.startswith("已导入过 gbk.txt")


def test_two_copies_in_one_batch_are_refused(tmp_path, new_file):
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(NEW_LIST.replace("\n", "\r\n").encode("gbk"))
    target = tmp_path / "new.db"
    one_line_error(run("--db", target, "import", new_file, crlf, "--city", "示例市"), "crlf.txt", "内容相同")
    assert not target.exists()


def test_a_database_hashed_by_bytes_is_compared_by_content_and_rehashed(db, sources_dir, tmp_path, new_file):
    """A database made before content keys holds the SHA-256 of each file's bytes."""
    conn = sqlite3.connect(db)
    conn.execute("UPDATE documents SET sha256 = 'bytes-' || id")
    conn.execute("DELETE FROM meta WHERE key = 'content_hash'")
    conn.commit()
    conn.close()
    copy = tmp_path / "gbk.txt"
    copy.write_bytes((sources_dir / SEED_FILE).read_text(encoding="utf-8").encode("gbk"))
    before = sha(db)
    one_line_error(run("--db", db, "import", copy), "已导入过", SEED_FILE)
    assert sha(db) == before
    assert run("--db", db, "import", new_file, "--city", "示例市", "--year", "2031").exit_code == 0
    conn = open_read(db)
    assert not conn.execute("SELECT count(*) FROM documents WHERE sha256 LIKE 'bytes-%'").fetchone()[0]
    assert conn.execute("SELECT value FROM meta WHERE key = 'content_hash'").fetchone() == ("folded-text-1",)
    conn.close()
    one_line_error(run("--db", db, "import", copy), "已导入过", SEED_FILE)


# ---------------------------------------------------------------- a refused import touches nothing


def test_a_refused_import_leaves_the_file_byte_identical(db, sources_dir, tmp_path, new_file):
    bad = tmp_path / "broken.bin"
    bad.write_bytes(b"\x00\x01\xff\xfe\x00binary" * 50)
    for state in ("as built (rollback journal)", "after an import (WAL)"):
        before = sha(db)
        one_line_error(run("--db", db, "import", sources_dir / SEED_FILE), "已导入过")
        one_line_error(run("--db", db, "import", new_file, bad, "--city", "示例市"), "broken.bin")
        one_line_error(run("--db", db, "import", tmp_path / "nowhere.txt"), "nowhere.txt")
        assert sha(db) == before, state
        assert run("--db", db, "import", new_file, "--city", "示例市", "--year", "2031").exit_code == 0
        new_file.write_text(NEW_LIST.replace("2031", "2032"), encoding="utf-8")


# ---------------------------------------------------------------- one line, never a traceback


def meta_only(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    conn.executemany("INSERT INTO meta VALUES (?, ?)", [("app", "tui-shishi"), ("schema_version", str(SCHEMA_VERSION))])
    conn.commit()
    conn.close()
    return path


def overwrite_page(path: Path, table: str) -> None:
    """Overwrite the root page of ``table`` with garbage: the header and the meta table survive."""
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    conn.close()
    with open(path, "r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\xab" * page_size)


def test_a_huge_item_number_names_no_item(seed_db):
    one_line_error(run("--db", seed_db, "show", "青岛/2025/99999999999999999999"), "没有第99999999999999999999件")
    one_line_error(run("--db", seed_db, "show", "青岛/2025/" + "9" * 5000), "没有第")


def test_a_screenshot_of_nothing_is_one_line(seed_db, tmp_path):
    out = tmp_path / "out.svg"
    one_line_error(run("--db", seed_db, "screenshot", "overview:nothing", out), "nothing")
    assert not out.exists() and not list(tmp_path.iterdir())


@pytest.mark.parametrize("command", [["show", "青岛/2025"], ["show", "青岛/2025/1"], ["check"], ["export"], ["search", "养老"]])
def test_a_database_with_only_a_meta_table(tmp_path, command):
    path = meta_only(tmp_path / "meta.db")
    one_line_error(run("--db", path, *command), "不完整", "shishi build")


@pytest.mark.parametrize(
    "table, command",
    [
        ("search_fts_data", ["search", "养老"]),
        ("items", ["show", "青岛/2025"]),
        ("items", ["export"]),
        ("indicators", ["show", "青岛/2025/1"]),
        ("items", ["check"]),
    ],
)
def test_a_page_overwritten_is_found_and_the_repair_named(db, table, command):
    overwrite_page(db, table)
    one_line_error(run("--db", db, *command), str(db), "已损坏", "shishi build")


def test_export_with_a_bad_year_says_so(seed_db):
    one_line_error(run("--db", seed_db, "export", "--year", "abc"), "年份 'abc' 看不懂")
    one_line_error(run("--db", seed_db, "export", "--year", "1999"), "没有符合筛选条件的条目")
    assert run("--db", seed_db, "export", "--year", "２０２５").exit_code == 0  # full-width digits read


def test_a_read_that_meets_another_writer_is_one_line(seed_db, monkeypatch):
    # What a reader without write access to the directory meets, rarely, while the first import
    # switches the database to WAL: the read fails; the message says why and to try again.
    def busy(*args, **kwargs):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr("tui_shishi.store.export.export_rows", busy)
    one_line_error(run("--db", seed_db, "export"), "另一个进程", "请重试")


def test_an_import_locked_out_by_another_writer_is_one_line(db, new_file, monkeypatch):
    def locked(conn, docs):
        raise sqlite3.OperationalError("database is locked")  # another writer past the write timeout (WRITE_WAIT_SECONDS)

    monkeypatch.setattr(build_mod, "write_documents", locked)
    one_line_error(run("--db", db, "import", new_file, "--city", "示例市"), "未写入任何内容", "数据库被另一个进程锁定")
    assert count(db, "city = '示例市'") == 0


# ---------------------------------------------------------------- reads that see one state


def test_export_during_an_import_matches_one_state(tmp_path, demo):
    path = tmp_path / "demo.db"
    conn = open_write(path, create=True)
    write_documents(conn, [demo.announced()])
    conn.close()
    from tui_shishi.store import export

    reader = open_read(path)
    before = export.export_rows(reader)
    real = export.item_figures
    written = []

    def import_meanwhile(conn, item_id):
        if not written:  # another process imports the year-end report after the items were listed
            writer = open_write(path)
            written.extend(write_documents(writer, [demo.final()]))
            writer.close()
        return real(conn, item_id)

    export.item_figures = import_meanwhile
    try:
        during = export.export_rows(reader)
    finally:
        export.item_figures = real
    assert written and during == before
    after = export.export_rows(reader)
    assert after != before  # the import is seen once the export is over
    reader.close()


def test_check_reads_in_one_transaction(seed_db):
    from tui_shishi.store.check import flag_report

    conn = open_read(seed_db)
    statements = []
    conn.set_trace_callback(statements.append)
    flag_report(conn)
    assert statements[0] == "BEGIN" and statements[-1] == "COMMIT" and not conn.in_transaction
    conn.close()


# ---------------------------------------------------------------- output files written whole


class DiskFull:
    """A file that takes half of what is written, then fails as a full disk does."""

    def __init__(self, path, mode="w", encoding=None, **kwargs):
        self.file = open(path, mode, encoding=encoding, **kwargs)

    def write(self, text):
        self.file.write(text[: len(text) // 2])
        self.file.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.file.close()


def test_export_to_a_full_disk_keeps_the_old_file(seed_db, tmp_path, monkeypatch):
    out = tmp_path / "old.csv"
    out.write_text("the old export\n", encoding="utf-8")
    from tui_shishi.store import files

    monkeypatch.setattr(files, "open", DiskFull, raising=False)
    one_line_error(run("--db", seed_db, "export", "-o", out), "old.csv", "无法写入（磁盘已满）")
    assert out.read_text(encoding="utf-8") == "the old export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["old.csv"]
    monkeypatch.undo()
    assert run("--db", seed_db, "export", "-o", out).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("city,period")
    assert [p.name for p in tmp_path.iterdir()] == ["old.csv"]


def test_a_failed_screenshot_leaves_no_empty_svg(seed_db, tmp_path, monkeypatch):
    def half_written(db_path, target, out, size):
        Path(out).write_text("<svg", encoding="utf-8")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("tui_shishi.ui.screenshot.screenshot", half_written)
    new, old = tmp_path / "new.svg", tmp_path / "old.svg"
    old.write_text("<svg>old</svg>", encoding="utf-8")
    for out in (new, old):
        one_line_error(run("--db", seed_db, "screenshot", "overview", out), out.name, "无法写入（磁盘已满）")
    assert old.read_text(encoding="utf-8") == "<svg>old</svg>"
    assert [p.name for p in tmp_path.iterdir()] == ["old.svg"]


def test_output_to_a_device_is_written_in_place(seed_db):
    assert run("--db", seed_db, "export", "-o", os.devnull).exit_code == 0
    assert Path(os.devnull).exists() and not Path(os.devnull).is_file()


# ---------------------------------------------------------------- build leaves nothing behind


def test_a_failed_build_removes_its_temporary_files(tmp_path, sources_dir, monkeypatch):
    target = tmp_path / "shishi.db"

    def fail(conn, docs):
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO meta VALUES ('half', 'written')")  # a journal exists now
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(build_mod, "write_documents", fail)
    with pytest.raises(OSError):
        build_mod.build(sources_dir, target)
    assert list(tmp_path.iterdir()) == []


def test_a_build_sweeps_what_a_killed_one_left(tmp_path, sources_dir):
    dead = _dead_pid()
    target = tmp_path / "shishi.db"
    litter = [tmp_path / f".shishi.db.{dead}.tmp", tmp_path / f".shishi.db.{dead}.tmp-journal"]
    for path in litter:
        path.write_bytes(b"half a build")
    mine = tmp_path / ".other.db.123.tmp"  # another database's: not ours to remove
    mine.write_bytes(b"x")
    build_mod.build(sources_dir, target)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.db.123.tmp", "shishi.db"]


def test_a_new_database_sweeps_what_a_killed_import_left(tmp_path, new_file):
    dead = _dead_pid()
    (tmp_path / f".new.db.{dead}.new").write_bytes(b"half a database")
    assert run("--db", tmp_path / "new.db", "import", new_file, "--city", "示例市").exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(("db", ".new"))) == ["new.db"]


def _dead_pid() -> int:
    pid = 4_000_000
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return pid
        except PermissionError:
            pass
        pid -= 1


# ---------------------------------------------------------------- torture (make torture)


SHISHI = [sys.executable, "-c", "from tui_shishi.launch import main; main()"]


@pytest.mark.slow
def test_torture_concurrent_imports_of_one_file(tmp_path, seed_db, new_file):
    """Rounds of four `shishi import` processes, same file, on an existing and on a new database."""
    rounds, tracebacks = 10, 0
    for n in range(rounds):
        for where in ("existing", "new"):
            path = tmp_path / f"{where}-{n}.db"
            if where == "existing":
                shutil.copy(seed_db, path)
            before = count(path) if where == "existing" else 0
            procs = [
                subprocess.Popen(
                    [*SHISHI, "--db", str(path), "import", str(new_file), "--city", "示例市", "--year", "2031"],
                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                )
                for _ in range(4)
            ]  # fmt: skip
            outcomes = sorted((p.wait(timeout=120), p.stderr.read()) for p in procs)
            tracebacks += sum("Traceback" in err for _, err in outcomes)
            assert [code for code, _ in outcomes] == [0, 1, 1, 1], outcomes
            assert all("已导入过" in err and err.count("\n") == 1 for _, err in outcomes[1:]), outcomes
            assert count(path) == before + 1
    assert tracebacks == 0
    print(f"\ntorture: {rounds * 2} races of 4 imports of one file, 0 tracebacks, 0 lost or doubled documents")


@pytest.mark.slow
def test_torture_kill_a_build(tmp_path, sources_dir, dump):
    """SIGTERM and SIGKILL a build at random moments: the old database or the new, never a
    mixture; no temporary file outlives the next build."""
    import random

    target = tmp_path / "shishi.db"
    build_mod.build(sources_dir, target)
    expected = dump(open_read(target))
    rng = random.Random(9)
    kills = 0
    for n in range(12):
        proc = subprocess.Popen(
            [*SHISHI, "--db", str(target), "build", "--sources", str(sources_dir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        tmp = tmp_path / f".shishi.db.{proc.pid}.tmp"
        if n % 4 < 2:  # while it writes its temporary database
            deadline = time.monotonic() + 30
            while not tmp.exists() and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.01)
            time.sleep(rng.uniform(0.0, 0.8))
        else:  # at any moment: starting, parsing, writing
            time.sleep(rng.uniform(0.2, 3.5))
        sig = signal.SIGTERM if n % 2 else signal.SIGKILL
        proc.send_signal(sig)
        proc.wait(timeout=60)
        kills += proc.returncode != 0
        assert "Traceback" not in proc.stderr.read()
        assert dump(open_read(target)) == expected
        if sig == signal.SIGTERM:
            assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], list(tmp_path.iterdir())
    build_mod.build(sources_dir, target)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    print(f"\ntorture: {kills} builds killed, database intact, no temporary file left")


def test_import_refuses_what_is_not_a_regular_file(tmp_path, seed_db):
    import os
    import shutil

    from click.testing import CliRunner

    from tui_shishi.cli import main

    db = tmp_path / "shishi.db"
    shutil.copy(seed_db, db)
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    for target in (fifo, "/dev/zero"):  # a directory is refused by click itself
        result = CliRunner().invoke(main, ["--db", str(db), "import", str(target)])
        assert result.exit_code == 1 and "不是普通文件" in result.output, result.output
        assert "Traceback" not in result.output
