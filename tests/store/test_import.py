"""`shishi import`: all files parsed first, one transaction, nothing written on any error."""

import shutil
import sqlite3

import pytest
from click.testing import CliRunner

from tui_shishi.cli import main
from tui_shishi.store.db import open_read

NEW_LIST = """示例市2031年市办实事项目

第1件：新增城镇就业10万人以上（责任单位：市人力资源社会保障局）

第2件：新增停车泊位2000个（责任单位：市公安局）
""".encode("utf-8")


@pytest.fixture
def db(tmp_path, seed_db):
    path = tmp_path / "shishi.db"
    shutil.copy(seed_db, path)
    return path


@pytest.fixture
def new_file(tmp_path):
    path = tmp_path / "demo-2031-list.txt"
    path.write_bytes(NEW_LIST)
    return path


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def count(path, table="documents"):
    conn = open_read(path)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def test_import_adds_a_document(db, new_file):
    before = count(db)
    result = run("--db", db, "import", new_file, "--city", "示例市", "--year", "2031")
    assert result.exit_code == 0, result.output
    assert "已导入 demo-2031-list.txt：示例市 2031" in result.stdout
    assert count(db) == before + 1
    conn = open_read(db)
    assert conn.execute("SELECT source_file FROM documents WHERE city = '示例市'").fetchall() == [("demo-2031-list.txt",)]


def test_a_bad_second_file_leaves_the_database_unchanged(db, new_file, tmp_path, dump):
    bad = tmp_path / "broken.bin"
    bad.write_bytes(b"\x00\x01\xff\xfe\x00binary" * 50)
    before = dump(open_read(db))
    result = run("--db", db, "import", new_file, bad)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "broken.bin" in lines[0] and "不是文本" in lines[0]
    assert dump(open_read(db)) == before


def test_a_missing_file_is_an_error_naming_it(db, new_file, tmp_path):
    result = run("--db", db, "import", new_file, tmp_path / "nowhere.txt")
    assert result.exit_code == 1
    assert "nowhere.txt" in result.stderr and "无法读取（文件或目录不存在）" in result.stderr


def test_reimport_is_refused_and_says_so(db, sources_dir, dump):
    before = dump(open_read(db))
    result = run("--db", db, "import", sources_dir / "qingdao-2024-announced-list.txt")
    assert result.exit_code == 1
    assert "已导入过" in result.stderr and "未写入任何内容" in result.stderr
    assert dump(open_read(db)) == before


def test_failed_import_into_a_new_path_leaves_no_file(tmp_path, new_file):
    target = tmp_path / "new.db"
    result = run("--db", target, "import", new_file, new_file)
    assert result.exit_code == 1 and "内容相同" in result.stderr
    assert not target.exists()
    assert run("--db", target, "import", new_file).exit_code == 0
    assert count(target) == 1


def test_usage_errors_exit_2(db):
    assert run("--db", db, "import").exit_code == 2
    assert run("--db", db, "import", "x.txt", "--kind", "nonsense").exit_code == 2


def test_import_while_a_reader_holds_the_database_open(db, new_file):
    # The app in another process: a read transaction stays open during the import (WAL).
    reader = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    result = run("--db", db, "import", new_file, "--city", "示例市", "--year", "2031")  # switches to WAL
    assert result.exit_code == 0, result.output
    reader.execute("BEGIN")
    seen = reader.execute("SELECT count(*) FROM documents").fetchone()[0]
    other = tmp_copy = new_file.with_name("demo-2032-list.txt")
    tmp_copy.write_bytes(NEW_LIST.replace(b"2031", b"2032"))
    result = run("--db", db, "import", other, "--city", "示例市", "--year", "2032")
    assert result.exit_code == 0, result.output
    # the reader's snapshot is unchanged until its transaction ends, then it sees the new document
    assert reader.execute("SELECT count(*) FROM documents").fetchone()[0] == seen
    reader.execute("COMMIT")
    assert reader.execute("SELECT count(*) FROM documents").fetchone()[0] == seen + 1
    reader.close()
