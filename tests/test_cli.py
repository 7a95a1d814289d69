"""The `shishi` command: database location, dry-run JSON, refusing foreign or corrupt files."""

import json
import sqlite3
import sys
import types

import pytest
from click.testing import CliRunner

from tui_shishi.cli import main
from tui_shishi.store import db as dbmod


def run(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env)


@pytest.fixture
def demo_db(tmp_path, demo_docs):
    from tui_shishi.store.build import write_documents

    path = tmp_path / "demo.db"
    conn = dbmod.open_write(path, create=True)
    write_documents(conn, demo_docs)
    conn.close()
    return path


def cities(result):
    assert result.exit_code == 0, result.output
    return {doc["city"] for doc in json.loads(result.stdout)["documents"]}


def test_db_option_env_and_precedence(seed_db, demo_db):
    assert cities(run("--db", demo_db, "check", "--json")) == {"示例市"}
    assert "青岛" in cities(run("check", "--json", env={"SHISHI_DB": str(seed_db)}))
    # --db wins over the environment
    assert cities(run("--db", demo_db, "check", "--json", env={"SHISHI_DB": str(seed_db)})) == {"示例市"}


def test_locate_order(monkeypatch, tmp_path):
    monkeypatch.delenv("SHISHI_DB", raising=False)
    checkout = dbmod.repository_root()
    assert checkout is not None and dbmod.locate() == checkout / "data" / "shishi.db"
    monkeypatch.setenv("SHISHI_DB", str(tmp_path / "env.db"))
    assert dbmod.locate() == tmp_path / "env.db"
    assert dbmod.locate(tmp_path / "opt.db") == tmp_path / "opt.db"
    # installed from a wheel: the copy inside the package; writing there is refused
    monkeypatch.delenv("SHISHI_DB")
    monkeypatch.setattr(dbmod, "repository_root", lambda: None)
    assert dbmod.locate() == dbmod.packaged_path()
    assert dbmod.packaged_path().parts[-3:] == ("tui_shishi", "data", "shishi.db")
    with pytest.raises(dbmod.DatabaseError, match="--db"):
        dbmod.locate(for_writing=True)


def test_dry_run_json_one_file(sources_dir, tmp_path):
    target = tmp_path / "never.db"
    result = run("--db", target, "import", "--dry-run", "--json", sources_dir / "qingdao-2025-year-end-report.txt")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["total"] == 1  # one file: the same document shape as several
    (doc,) = data["documents"]
    assert {"city", "year", "kind", "as_of", "items", "flags"} <= doc.keys()
    assert doc["kind"] == "final" and doc["year"] == "2025" and doc["as_of"] == "2025-12-31"
    assert [item["number"] for item in doc["items"]] == list(range(1, 16))
    for item in doc["items"]:
        assert {"number", "section", "title", "departments", "indicators", "milestones"} <= item.keys()
        assert set(item["departments"]) == {"lead", "co", "responsible"}
        for indicator in item["indicators"]:
            assert {"text", "value", "unit", "qualifier", "actual", "percent_of_plan"} <= indicator.keys()
    percents = [i["percent_of_plan"] for item in doc["items"] for i in item["indicators"]]
    assert any(p is not None and p >= 100 for p in percents)
    assert all({"kind", "detail"} <= flag.keys() for flag in doc["flags"])
    assert not target.exists()  # a dry run writes nothing


def test_dry_run_json_several_files_is_one_document(sources_dir):
    files = [sources_dir / "qingdao-2023-implementation-plan.txt", sources_dir / "qingdao-2024-announced-list.txt"]
    result = run("--db", "none.db", "import", "--dry-run", "--json", *files)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["total"] == 2
    docs = data["documents"]
    assert [d["kind"] for d in docs] == ["plan", "announced"]
    milestones = [m for item in docs[0]["items"] for m in item["milestones"]]
    assert milestones and all({"due", "text"} <= m.keys() for m in milestones)
    assert any(flag["kind"] == "missing_items" for flag in docs[1]["flags"])


def test_dry_run_human_summary(sources_dir, tmp_path):
    result = run("--db", tmp_path / "none.db", "import", "--dry-run", sources_dir / "qingdao-2020-progress-october.txt")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("将导入 qingdao-2020-progress-october.txt：青岛 2020 进展报告，截至 2020-10-31，")


def assert_refused(path, *args, reason):
    before = path.read_bytes()
    for command in (["check"], ["import", *args], []):
        result = run("--db", path, *command)
        assert result.exit_code == 1, (command, result.output)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and str(path) in lines[0] and reason in lines[0], lines
    assert path.read_bytes() == before
    assert not path.with_name(path.name + "-wal").exists()


def test_not_a_shishi_database_is_refused_untouched(tmp_path, sources_dir):
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE meta (key TEXT, value TEXT)")
    conn.execute("INSERT INTO meta VALUES ('app', 'something-else')")
    conn.commit()
    conn.close()
    assert_refused(other, sources_dir / "qingdao-2024-announced-list.txt", reason="不是 tui-shishi 数据库")


def test_a_text_file_is_refused_untouched(tmp_path, sources_dir):
    text = tmp_path / "notes.db"
    text.write_bytes("不是数据库\n".encode() * 500)
    assert_refused(text, sources_dir / "qingdao-2024-announced-list.txt", reason="不是 SQLite 数据库或已损坏")


def test_a_corrupt_database_is_refused_untouched(tmp_path, seed_db, sources_dir):
    corrupt = tmp_path / "corrupt.db"
    data = bytearray(seed_db.read_bytes())
    page = 4096
    data[page * 2 : page * 40] = b"\xa5" * (page * 38)  # the header survives, tables do not
    corrupt.write_bytes(bytes(data))
    assert_refused(corrupt, sources_dir / "qingdao-2024-announced-list.txt", reason="已损坏")


def test_a_missing_database_says_what_to_do(tmp_path):
    result = run("--db", tmp_path / "none.db", "check")
    assert result.exit_code == 1 and "shishi build" in result.stderr


class Unopenable:
    """A read-only open where no -shm file can be created: every statement fails."""

    def execute(self, *args):
        raise sqlite3.OperationalError("unable to open database file")

    def close(self):
        pass


def test_read_only_location_falls_back_to_immutable(monkeypatch, seed_db):
    real_connect = sqlite3.connect
    uris = []

    def connect(database, *args, **kwargs):
        uris.append(str(database))
        if "mode=ro" in str(database) and "immutable=1" not in str(database):
            return Unopenable()
        return real_connect(database, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", connect)
    conn = dbmod.open_read(seed_db)
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 5
    assert len(uris) == 2 and "immutable=1" in uris[-1]


def test_bare_shishi_opens_the_app(monkeypatch, seed_db):
    opened = []
    fake = types.ModuleType("tui_shishi.ui.app")
    fake.run = lambda path, present=False, home="overview": opened.append((path, present, home))
    monkeypatch.setitem(sys.modules, "tui_shishi.ui.app", fake)
    result = run("--db", seed_db)
    assert result.exit_code == 0, result.output
    assert opened == [(seed_db, False, "overview")]  # the home dashboard first
    assert run("--db", seed_db, "--present").exit_code == 0
    assert opened[-1] == (seed_db, True, "overview")
    assert run("--db", seed_db, "--tree").exit_code == 0
    assert opened[-1] == (seed_db, False, "browser")


def test_build_command(tmp_path, sources_dir, dump, seed_db):
    target = tmp_path / "built.db"
    result = run("--db", target, "build", "--sources", sources_dir)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"已构建 {target}：") and "青岛 2024" in result.stdout
    assert dump(dbmod.open_read(target)) == dump(dbmod.open_read(seed_db))
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("--db", target, "build", "--sources", empty)
    assert result.exit_code == 1 and "目录中没有源文件" in result.stderr


def test_dry_run_tells_what_is_already_imported(seed_db, sources_dir):
    source = sources_dir / "qingdao-2024-announced-list.txt"
    result = run("--db", seed_db, "import", "--dry-run", "--json", source)
    assert json.loads(result.stdout)["documents"][0]["already_imported"] is True
    result = run("--db", seed_db, "import", "--dry-run", source)
    assert result.exit_code == 0 and result.stdout.startswith("已导入过 qingdao-2024-announced-list.txt：")
