"""`shishi record` and `shishi history`: one-line refusals that write nothing, 录入 apart from 公布
in show and export, and records that outlive `shishi build`."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from click.testing import CliRunner

from tui_shishi.cli import main
from tui_shishi.store import db as dbmod


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def demo_db(tmp_path, demo_docs):
    from tui_shishi.store.build import write_documents

    path = tmp_path / "demo.db"
    conn = dbmod.open_write(path, create=True)
    write_documents(conn, demo_docs)
    conn.close()
    return path


def record(db, *args):
    return run("--db", db, "record", *args)


def test_record_then_show_history_and_export_say_recorded(demo_db):
    done = record(demo_db, "示例市/2030/1", "--indicator", 1, "--actual", 8000, "--as-of", "2030-06-30", "--note", "人社局月报")
    assert done.exit_code == 0, done.output
    assert "#1 [录入] 指标1 城镇新增就业35万人" in done.stdout and "实际 8000人" in done.stdout and "录入，未公布" in done.stdout
    fixed = record(demo_db, "示例市/2030/1", "-i", 1, "--actual", 8100, "--as-of", "2030-06-30", "--note", "更正", "--supersedes", 1)
    assert fixed.exit_code == 0, fixed.output

    history = run("--db", demo_db, "history", "示例市/2030/1")
    assert history.exit_code == 0, history.output
    lines = history.stdout.splitlines()
    assert "2 条录入，1 条已被更正" in lines[0]
    assert "#1 [录入]" in lines[1] and "人社局月报" in lines[1] and "〔已被 #2 更正〕" in lines[1]
    assert "#2 [录入]" in lines[2] and "更正 #1" in lines[2] and "已被" not in lines[2]

    trail = json.loads(run("--db", demo_db, "history", "示例市/2030/1", "--json").stdout)
    assert (trail["total"], trail["superseded"]) == (2, 1)
    assert [(r["id"], r["source"], r["actual"], r["superseded_by"]) for r in trail["records"]] == [
        (1, "录入", "8000人", 2),
        (2, "录入", "8100人", None),
    ]

    shown = run("--db", demo_db, "show", "示例市/2030/1")
    assert shown.exit_code == 0, shown.output
    text = shown.stdout
    recorded = text[text.index("录入（未公布，不计入状态）") :]
    assert "#2 [录入]" in recorded and "实际 8100人" in recorded and "另有 1 条已被更正" in recorded
    assert "8100" not in text[: text.index("录入（未公布，不计入状态）")]  # not in the published table
    assert "✔ 达成" in text.splitlines()[0]  # the item's status is the published one

    data = json.loads(run("--db", demo_db, "show", "示例市/2030/1", "--json").stdout)
    assert [(r["source"], r["actual_value"], r["superseded_by"]) for r in data["records"]] == [("录入", 8000, 2), ("录入", 8100, None)]
    assert data["item"]["status"] == "达成"

    exported = list(csv.DictReader(io.StringIO(run("--db", demo_db, "export").stdout)))
    assert [(r["item_number"], r["actual_text"]) for r in exported if r["source"] == "录入"] == [("1", "8100人")]
    assert {r["source"] for r in exported} == {"公布", "录入"}


BAD = [
    (["示例市/2030/9", "-i", 1, "--actual", 1], "9"),
    (["示例市/2030", "-i", 1, "--actual", 1], "录入要指明一件事项"),
    (["示例市/2030/1", "-i", 5, "--actual", 1, "--as-of", "2030-06-30"], "没有第 5 个"),
    (["示例市/2030/1", "-i", 1, "--actual", "八千", "--as-of", "2030-06-30"], "不是数字"),
    (["示例市/2030/1", "-i", 1, "--actual", 1, "--as-of", "2030-06-31"], "无法识别"),
    (["示例市/2030/1", "-i", 1, "--actual", 1, "--as-of", "2029-12-31"], "不在计划期"),
    (["示例市/2030/1", "-i", 1, "--actual", 1, "--as-of", "2030-06-30", "--supersedes", 7], "没有编号为 #7"),
    (["示例市/2030/2", "-i", 1, "--actual", 1, "--as-of", "2030-06-30", "--supersedes", 1], "不是 示例市 2030 第2件"),
]


@pytest.mark.parametrize("args, message", BAD)
def test_bad_input_is_one_line_exit_1_and_writes_nothing(demo_db, args, message):
    assert record(demo_db, "示例市/2030/1", "-i", 1, "--actual", 5, "--as-of", "2030-03-31").exit_code == 0  # #1
    before = demo_db.read_bytes()
    result = record(demo_db, *args)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Error: ") and message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert demo_db.read_bytes() == before


def test_a_malformed_option_is_a_usage_error(demo_db):
    result = record(demo_db, "示例市/2030/1", "-i", "two", "--actual", 1)
    assert result.exit_code == 2


def test_history_without_records_and_help(demo_db):
    result = run("--db", demo_db, "history", "示例市/2030/1")
    assert result.exit_code == 0 and "0 条录入" in result.stdout
    help_text = run("--help").stdout
    assert "record" in help_text and "history" in help_text


def test_records_survive_shishi_build_into_the_same_path(tmp_path, sources_dir):
    year_end, other = tmp_path / "y2025", tmp_path / "y2024"
    year_end.mkdir()
    other.mkdir()
    shutil.copy(sources_dir / "qingdao-2025-year-end-report.txt", year_end)
    shutil.copy(sources_dir / "qingdao-2024-announced-list.txt", other)
    db = tmp_path / "shishi.db"
    assert run("--db", db, "build", "--sources", year_end).exit_code == 0
    done = record(db, "青岛/2025/5", "--indicator", 2, "--actual", 20, "--as-of", "2025-06-30", "--note", "民政局月报")
    assert done.exit_code == 0, done.output
    assert run("--db", db, "build", "--sources", year_end).exit_code == 0
    history = run("--db", db, "history", "青岛/2025/5")
    assert history.exit_code == 0 and "#1 [录入] 指标2" in history.stdout and "民政局月报" in history.stdout
    assert "#1 [录入]" in run("--db", db, "show", "青岛/2025/5").stdout
    # a rebuild without 青岛 2025: the record is kept, shown as 「无对应指标」
    assert run("--db", db, "build", "--sources", other).exit_code == 0
    gone = run("--db", db, "history", "青岛/2025/5")
    assert gone.exit_code == 0, gone.output
    assert "「无对应指标」" in gone.stdout and "民政局月报" in gone.stdout
    assert "「无对应指标」" in run("--db", db, "history").stdout
