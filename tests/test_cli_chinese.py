"""What a person reads from `shishi` is Chinese: the human lines of import, build and screenshot,
and the one-line refusals (a foreign, missing or damaged database, a file too large or not
text, a filter that names nothing). File names, figures, options and commands stay as given;
JSON keeps its keys and values."""

from __future__ import annotations

import errno
import json
import re
import shutil
import sqlite3

import pytest
from click.testing import CliRunner

from tui_shishi.cli import main
from tui_shishi.reasons import os_reason, sqlite_reason

CJK = re.compile(r"[\u4e00-\u9fff]")
# Two ASCII words in a row ("not a", "nothing written"): an English phrase left in a line.
ENGLISH = re.compile(r"\b[A-Za-z][A-Za-z'-]*(?:[ ,;:.]+[A-Za-z][A-Za-z'-]*\b)+")
SEED = "qingdao-2020-progress-october.txt"
NEW = "青岛市2031年市办实事项目\n第1件 新建口袋公园10个。\n第2件 改造老旧小区20个。\n"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def english_left(line: str, *given) -> list[str]:
    """The English phrases of ``line`` once what the user gave (paths, names) and what is
    typed as is (`commands`, --options, URLs) are taken out."""
    for text in sorted(map(str, given), key=len, reverse=True):
        line = line.replace(text, " ")
    line = re.sub(r"`[^`]*`|--[a-z-]+|https?://\S+|^Error: ", " ", line)
    return ENGLISH.findall(line)


def assert_chinese(line: str, *given) -> None:
    assert CJK.search(line), line
    assert not english_left(line, *given), (english_left(line, *given), line)


def refusal(result, *given) -> str:
    """Exit 1, one line on stderr, said in Chinese; the line."""
    assert result.exit_code == 1, (result.exit_code, result.output, result.exception)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), lines
    assert_chinese(lines[0], *given)
    return lines[0]


def test_the_checker_finds_english():
    assert english_left("Error: x.db: not a tui-shishi database", "x.db") == ["not a tui-shishi database"]
    assert english_left("Error: x.db: nothing written (database is locked)", "x.db") == ["nothing written", "database is locked"]
    assert english_left("已导入过 new.txt：再次导入会被拒绝", "new.txt") == []
    assert english_left("数据库 x.db 不存在（运行 `shishi build`，或用 --db 指定路径）", "x.db") == []


@pytest.fixture
def small_sources(tmp_path, sources_dir):
    folder = tmp_path / "sources"
    folder.mkdir()
    shutil.copy(sources_dir / SEED, folder / SEED)
    return folder


@pytest.fixture
def built(tmp_path, small_sources):
    path = tmp_path / "shishi.db"
    result = run("--db", path, "build", "--sources", small_sources)
    assert result.exit_code == 0, result.output
    return path, result


def test_build_says_what_it_built_in_chinese(built, small_sources):
    path, result = built
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"已构建 {path}：来自 {small_sources} 的 1 个文档，")
    assert re.search(r"，\d+ 个问题（见 `shishi check`）$", lines[0]), lines[0]
    assert lines[1] == str(path)
    assert re.fullmatch(r"  青岛 2020：1 个文档，36 件（.+），\d+ 个问题", lines[2]), lines[2]
    for line in lines[:1] + lines[2:]:  # the second line is the database's path alone
        assert_chinese(line, path, small_sources)


def test_import_dry_run_and_import_in_chinese(built, tmp_path, sources_dir):
    path, _ = built
    new = tmp_path / "new.txt"
    new.write_text(NEW, encoding="utf-8")
    dry = run("--db", path, "import", "--dry-run", new, sources_dir / SEED)
    assert dry.exit_code == 0, dry.output
    assert dry.stdout.splitlines() == [
        "将导入 new.txt：青岛 2031 公布清单，2 件，2 个指标，0 个问题",
        f"已导入过 {SEED}：再次导入会被拒绝",
    ]
    done = run("--db", path, "import", new)
    assert done.exit_code == 0, done.output
    assert done.stdout.splitlines() == ["已导入 new.txt：青岛 2031 公布清单，2 件，2 个指标，0 个问题", f"已写入数据库 {path}"]
    again = refusal(run("--db", path, "import", new), new.name)
    assert again.startswith("Error: new.txt：已导入过（文档 #") and again.endswith("new.txt）；未写入任何内容")
    # JSON is for machines: its keys and values are as before
    data = json.loads(run("--db", path, "import", "--dry-run", "--json", new).stdout)
    assert data["documents"][0]["kind"] == "announced" and data["documents"][0]["already_imported"] is True


def test_a_progress_report_says_its_date(tmp_path, sources_dir):
    result = run("--db", tmp_path / "none.db", "import", "--dry-run", sources_dir / SEED)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"将导入 {SEED}：青岛 2020 进展报告，截至 2020-10-31，36 件，")
    assert_chinese(result.stdout.strip(), SEED)


def test_refusals_of_files_are_chinese(built, tmp_path):
    path, _ = built
    big = tmp_path / "big.txt"
    with big.open("wb") as out:
        out.truncate(26_220_212)  # sparse: refused before a byte is read
    line = refusal(run("--db", path, "import", big), big)
    assert line == f"Error: {big}：文件过大：26,220,212 字节；上限 20,971,520 字节（20 MB）"
    binary = tmp_path / "image.bin"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\x00")
    assert "不是文本" in refusal(run("--db", path, "import", binary), binary)
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n", encoding="utf-8")
    assert refusal(run("--db", path, "import", empty), empty) == f"Error: {empty}：文件为空：没有文字"
    missing = tmp_path / "nowhere.txt"
    assert refusal(run("--db", path, "import", missing), missing) == f"Error: {missing}：无法读取（文件或目录不存在）"
    assert refusal(run("--db", path, "import", "/dev/zero"), "/dev/zero") == "Error: /dev/zero：不是普通文件"
    assert "年份 'abc' 看不懂" in refusal(run("--db", path, "import", empty, "--year", "abc"), empty)


def test_refusals_of_databases_are_chinese(tmp_path, small_sources, seed_db):
    foreign = tmp_path / "other.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE meta (key TEXT, value TEXT)")
    conn.execute("INSERT INTO meta VALUES ('app', 'something-else')")
    conn.commit()
    conn.close()
    for command in (["check"], ["export"], ["search", "养老"], ["build", "--sources", small_sources]):
        line = refusal(run("--db", foreign, *command), foreign, "app=tui-shishi", "tui-shishi", small_sources)
        assert f"数据库 {foreign} 不是 tui-shishi 数据库" in line
    notes = tmp_path / "notes.db"
    notes.write_bytes("不是数据库\n".encode() * 500)
    assert f"文件 {notes} 不是 SQLite 数据库或已损坏（不是数据库文件）" in refusal(run("--db", notes, "check"), notes, "SQLite")
    missing = tmp_path / "none.db"
    line = refusal(run("--db", missing, "show", "青岛/2020"), missing)
    assert line == f"Error: 数据库 {missing} 不存在（运行 `shishi build`，或用 --db 指定路径）"
    nowhere = tmp_path / "no" / "dir.db"
    new = tmp_path / "new.txt"
    new.write_text(NEW, encoding="utf-8")
    line = refusal(run("--db", nowhere, "import", new), nowhere, nowhere.parent)
    assert "无法创建：目录" in line and "不存在" in line
    assert refusal(run("--db", seed_db, "behind", "--city", "北京")) == "Error: 没有符合筛选条件的城市年度（--city / --year）"
    assert "天数应写作 30、30d 或 4w" in refusal(run("--db", seed_db, "due", "--within", "soon"), "'soon'")
    assert f"{tmp_path / 'no'}：目录不存在" in refusal(run("--db", tmp_path / "x.db", "build", "--sources", tmp_path / "no"), tmp_path)
    (tmp_path / "empty").mkdir()
    assert "目录中没有源文件" in refusal(run("--db", tmp_path / "x.db", "build", "--sources", tmp_path / "empty"), tmp_path)


def test_a_damaged_database_says_how_to_repair_in_chinese(tmp_path, seed_db):
    damaged = tmp_path / "damaged.db"
    data = bytearray(seed_db.read_bytes())
    data[4096 * 2 : 4096 * 40] = b"\xa5" * (4096 * 38)  # the header survives, tables do not
    damaged.write_bytes(bytes(data))
    line = refusal(run("--db", damaged, "check"), damaged, "SQLite")
    assert line == f"Error: 文件 {damaged} 不是 SQLite 数据库或已损坏（数据库文件已损坏）"
    # a page of one table overwritten: quick_check finds it, and the line says what repairs
    conn = sqlite3.connect(f"{seed_db.as_uri()}?mode=ro", uri=True)
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    (page,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'indicators'").fetchone()
    conn.close()
    data = bytearray(seed_db.read_bytes())
    data[(page - 1) * size : page * size] = b"\xa5" * size
    damaged.write_bytes(bytes(data))
    line = refusal(run("--db", damaged, "show", "青岛/2025/1"), damaged, "quick_check")
    assert line.startswith(f"Error: 数据库 {damaged} 已损坏（") and line.endswith("请用 `shishi build` 重建（并重新导入此后导入的文件）")


def test_screenshot_lines_are_chinese(seed_db, tmp_path):
    out = tmp_path / "x.svg"
    assert "看不懂尺寸 '5x5'" in refusal(run("--db", seed_db, "screenshot", "overview", out, "--size", "5x5"), "'5x5'", "x")
    assert "尺寸 10x5 太小（至少 20x8）" in refusal(run("--db", seed_db, "screenshot", "overview", out, "--size", "10x05"))
    blocked = tmp_path / "no" / "x.svg"
    line = refusal(run("--db", seed_db, "screenshot", "overview", blocked, "--size", "40x12"), blocked)
    assert line == f"Error: {blocked}：无法写入（文件或目录不存在）"


def test_an_empty_database_says_what_to_run(tmp_path, capsys):
    from tui_shishi.cli import _print_summary
    from tui_shishi.store.db import create_new, open_read

    path = tmp_path / "empty.db"
    create_new(path)
    conn = open_read(path)
    _print_summary(conn, path)
    conn.close()
    assert capsys.readouterr().out.splitlines() == [str(path), "  数据库为空：运行 `shishi build` 或 `shishi import 文件`"]


def test_a_port_in_use_is_said_in_chinese(seed_db):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        line = refusal(run("--db", seed_db, "serve", "--port", port))
    assert line == f"Error: 无法在 127.0.0.1:{port} 监听（地址已被占用）"


def test_reasons_in_chinese_and_unknown_ones_kept():
    assert os_reason(OSError(errno.ENOSPC, "No space left on device")) == "磁盘已满"
    assert os_reason(OSError(errno.EISDIR, "Is a directory")) == "是一个目录"
    assert os_reason("Permission denied") == "没有权限"
    assert os_reason(OSError(errno.EXDEV, "Invalid cross-device link")) == "Invalid cross-device link"
    assert sqlite_reason(sqlite3.OperationalError("database is locked")) == "数据库被另一个进程锁定"
    assert sqlite_reason("attempt to write a readonly database") == "数据库只读"
    assert sqlite_reason("no such table: items") == "缺少表 items"
    assert sqlite_reason("something new\nsecond line") == "something new"
