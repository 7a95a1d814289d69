"""`shishi show` and `shishi export`: plain text on a pipe, JSON and CSV that read back."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest
from click.testing import CliRunner

from tui_shishi.cli import main
from tui_shishi.store.build import write_documents
from tui_shishi.store.db import open_write


@pytest.fixture
def db_path(tmp_path, demo_docs):
    path = tmp_path / "cli.db"
    conn = open_write(path, create=True)
    write_documents(conn, demo_docs)
    conn.close()
    return path


def run(db_path, *args):
    # CliRunner's stdout is not a terminal: exactly the piped case.
    return CliRunner().invoke(main, ["--db", str(db_path), *args], catch_exceptions=False)


def test_show_item_plain_when_piped(db_path):
    result = run(db_path, "show", "示例市/2030/1")
    assert result.exit_code == 0
    out = result.output
    assert "\x1b" not in out
    assert "示例市 2030 · 第1件" in out and "✔ 达成" in out
    assert "█" * 20 + "▶ 108.6%" in out  # over 100%: a full bar ending in ▶, the figure says how far
    assert "超额 +8.6%" in out and "按实际/目标计算" not in out  # published: not marked computed
    assert "市人力资源社会保障局(牵头)" in out
    assert "就业创业（就业）" in out  # theme with the word that matched
    assert "城镇新增就业38万人,占年计划的108.6%" in out  # the sentence of the actual
    assert out.count("│ 城镇新增就业35万人") == 1  # stated by two documents, shown once


def test_show_item_lists_milestones_flags_and_qualitative_progress(db_path):
    out = run(db_path, "show", "示例市/2030/2").output
    assert "✎ 定性" in out and "已全部完成" in out
    assert "3月底前  完成选址" in out
    assert "repeated_bullet" in out
    assert "市住房城乡建设局(协办，节能保暖工程)" in out


def test_show_year_and_department(db_path):
    year = run(db_path, "show", "示例市/2030")
    assert year.exit_code == 0
    assert "3件" in year.output and "⚑ 3" in year.output and "截至 2030-12-31" in year.output
    assert "○ 未报告" in year.output and "新项目" in year.output
    dept = run(db_path, "show", "dept:市住房城乡建设局")
    assert dept.exit_code == 0
    assert "协办（节能保暖工程）" in dept.output and "停车" in dept.output


@pytest.mark.parametrize("target", ["示例市/2030/9", "别处/2030", "dept:市天文局", "nonsense"])
def test_show_unknown_target_is_one_line_and_exit_1(db_path, target):
    result = CliRunner().invoke(main, ["--db", str(db_path), "show", target])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ")
    assert result.output.count("\n") == 1


def test_show_json(db_path):
    item = json.loads(run(db_path, "show", "示例市/2030/1", "--json").output)
    assert item["item"]["number"] == 1 and item["year"]["city"] == "示例市"
    assert item["themes"][0]["theme"] == "就业创业"
    assert [f["actual_text"] for f in item["figures"]] == ["38万人"]
    year = json.loads(run(db_path, "show", "示例市/2030", "--json").output)
    assert year["card"]["n_items"] == 3 and [i["number"] for i in year["items"]] == [1, 2, 5]
    dept = json.loads(run(db_path, "show", "dept:市公安局", "--json").output)
    assert dept["department"] == "市公安局" and dept["items"][0]["role"] == "lead"


def test_export_csv_reads_back_and_matches_the_database(db_path):
    result = run(db_path, "export", "--format", "csv")
    assert result.exit_code == 0
    back = list(csv.DictReader(io.StringIO(result.output)))
    conn = sqlite3.connect(db_path)
    percents = {r[0] for r in conn.execute("SELECT percent_of_plan FROM observations WHERE percent_of_plan IS NOT NULL")}
    items = conn.execute("SELECT count(*) FROM items").fetchone()[0]
    conn.close()
    assert {float(r["percent"]) for r in back if r["percent"]} == percents
    assert len({r["item_number"] for r in back}) == items
    jobs = next(r for r in back if r["item_number"] == "1")
    assert (jobs["target_text"], jobs["actual_text"], jobs["status"]) == ("35万人", "38万人", "达成")


def test_export_json_to_file_and_markdown(db_path, tmp_path):
    out = tmp_path / "export.json"
    result = run(db_path, "export", "--format", "json", "-o", str(out))
    assert result.exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    rows = data["rows"]
    assert data["total"] == 4 and [r["item_number"] for r in rows] == [1, 2, 2, 5]
    assert rows[1]["departments"] == "市公安局(牵头)；市住房城乡建设局(协办，节能保暖工程)"
    md = run(db_path, "export", "--format", "md", "--theme", "交通出行与停车").output
    assert md.startswith("## 示例市 2030\n")
    assert "| 2 | 新增停车泊位2万个以上 | 2万个以上 |" in md


def test_export_bad_filters_are_one_line_errors(db_path):
    theme = CliRunner().invoke(main, ["--db", str(db_path), "export", "--theme", "天文"])
    assert theme.exit_code == 1 and "就业创业" in theme.output
    city = CliRunner().invoke(main, ["--db", str(db_path), "export", "--city", "别处"])
    assert city.exit_code == 1 and city.output.count("\n") == 1


def test_show_seed_item(seed_db):
    result = run(seed_db, "show", "青岛/2025/5")
    assert result.exit_code == 0
    assert "\x1b" not in result.output
    assert "养老助残" in result.output and "市民政局" in result.output
