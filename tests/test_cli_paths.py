"""``shishi show`` of an item with several reports: its figures' path as a table (截至 | 实际 |
占年计划 | 序时进度 | 差 | 来源), the 较上次下降 line, and ``paths`` in ``--json``."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import path_docs as pd
from tui_shishi import cli_paths
from tui_shishi.cli import main
from tui_shishi.store.db import open_read


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    return pd.build_path_db(tmp_path_factory.mktemp("cli-paths") / "paths.db")


def run(db_path, *args):
    return CliRunner().invoke(main, ["--db", str(db_path), *args], catch_exceptions=False)


def _rows(output: str, heading: str) -> list[str]:
    lines = output.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith(heading))
    return [line for line in lines[start:] if line.startswith("│")]


def test_show_prints_the_path_table_and_the_drop(db_path):
    result = run(db_path, "show", "样本/2031/2")
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output
    assert "历次报告：改造老旧小区100个（目标 100个）" in result.output
    rows = [[cell.strip() for cell in row.strip("│").split("│")] for row in _rows(result.output, "历次报告")]
    dated = [r for r in rows if r[0]]
    assert [r[:5] for r in dated] == [
        ["2031-03-31", "15个", "15%", "24.7%", "▼滞后9.7点"],
        ["2031-06-30", "40个", "40%", "49.6%", "▼滞后9.6点"],
        ["2031-09-30", "36个", "36%", "74.8%", "▼滞后38.8点"],
        ["2031-12-31", "100个", "100%", "100%", "≈按序时"],
    ]
    assert dated[1][5] == "上半年进展情况（sample-2031-h1.txt）第3行"
    assert ["", "", "", "", "↓较上次下降", ""] in rows  # under the 09-30 row
    (line,) = [line for line in result.output.splitlines() if line.startswith("↓较上次下降")]
    assert "40个（40%） → 36个（36%）" in line
    assert "sample-2031-h1.txt" in line and "sample-2031-q3.txt" in line and "2031-06-30" in line and "2031-09-30" in line


def test_show_ahead_without_a_drop(db_path):
    result = run(db_path, "show", "样本/2031/1")
    assert result.exit_code == 0, result.output
    assert "▲超序时5.2点" in result.output and "31.2万人" in result.output
    assert "较上次下降" not in result.output


def test_show_json_has_the_paths(db_path):
    result = run(db_path, "show", "样本/2031/2", "--json")
    data = json.loads(result.output)
    (path,) = data["paths"]
    assert [p["as_of"] for p in path["points"]] == [d.isoformat() for d in pd.DATES]
    assert [p["recorded"] for p in path["points"]] == [False] * 4
    assert path["points"][2]["gap"] == 38.8 and path["points"][2]["mark"] == "滞后"
    (drop,) = path["drops"]
    assert (drop["before"], drop["after"], drop["actual_down"]) == (1, 2, True)


def test_a_seed_item_with_one_report_has_no_path_table(seed_db):
    result = CliRunner().invoke(main, ["--db", str(seed_db), "show", "青岛/2020/1"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "历次报告" not in result.output


def test_drop_lines_for_check(db_path):
    conn = open_read(db_path)
    try:
        (line,) = cli_paths.drop_lines(conn)
    finally:
        conn.close()
    assert line.startswith("样本 2031 第2件 老旧小区改造")
    assert "改造老旧小区100个：↓较上次下降：40个（40%） → 36个（36%）" in line
