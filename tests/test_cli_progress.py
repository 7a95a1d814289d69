"""`shishi behind`, `shishi due` and `shishi changes`: plain lines on a pipe, JSON, one-line errors."""

from __future__ import annotations

import io
import json

import pytest
from click.testing import CliRunner

from progress_docs import build_progress_db
from tui_shishi import cli_progress
from tui_shishi.cli import main
from tui_shishi.store import changes as ch
from tui_shishi.store import milestones as ms
from tui_shishi.store import progress as pg
from tui_shishi.store.db import open_read


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    return build_progress_db(tmp_path_factory.mktemp("cli-progress") / "progress.db")


def run(db_path, *args):
    # CliRunner's stdout is not a terminal: exactly the piped case.
    return CliRunner().invoke(main, ["--db", str(db_path), *args], catch_exceptions=False)


def test_behind_plain_lines_when_piped(db_path):
    result = run(db_path, "behind")
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output
    lines = result.output.splitlines()
    assert lines[0].split("\t")[:10] == [
        "滞后", "测试市", "2031", "第2件", "老旧小区改造", "改造老旧小区100个", "60%", "序时83.3%", "差23.3点", "2031-10-31",
    ]  # fmt: skip
    assert lines[0].split("\t")[10:] == ["市住建局", "已改造老旧小区60个,占年计划的60%"]
    assert lines[1].startswith("定性\t测试市\t2031\t第3件\t智慧门诊建设")
    assert len(lines) == 2


def test_behind_json_lists_qualitative_apart(db_path):
    data = json.loads(run(db_path, "behind", "--json", "--city", "测试市").output)
    assert [(r["number"], r["gap"], r["as_of"]) for r in data["behind"]] == [(2, 23.3, "2031-10-31")]
    assert [r["number"] for r in data["qualitative"]] == [3]
    assert json.loads(run(db_path, "behind", "--json", "--dept", "体育局").output) == {"total": 0, "behind": [], "qualitative": []}
    june = json.loads(run(db_path, "behind", "--json", "--on", "2031-07-01").output)  # replayed: June's report
    assert [(r["number"], r["expected"], r["gap"], r["by_milestones"]) for r in june["behind"]] == [(1, 66.7, 26.7, True)]


def test_behind_on_the_seed_2020(seed_db):
    result = run(seed_db, "behind", "--city", "青岛", "--year", "2020", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    behind = {(r["number"], r["percent"]): r for r in data["behind"]}
    assert behind[(8, 63.5)]["gap"] == 19.8 and behind[(8, 63.5)]["expected"] == 83.3
    assert behind[(28, 50.0)]["gap"] == 33.3
    assert behind[(30, 52.0)]["gap"] == 31.3
    assert all(r["percent"] < 83.3 and r["as_of"] == "2020-10-31" for r in data["behind"])
    assert 2 not in {r["number"] for r in data["behind"]}  # 引才聚才 86%: on pace
    assert {10, 25} <= {r["number"] for r in data["qualitative"]}
    by_dept = run(seed_db, "behind", "--year", "2020", "--sort", "date")
    assert by_dept.exit_code == 0 and "第28件" in by_dept.output


def test_due_lists_overdue_and_due_soon_by_default(db_path):
    result = run(db_path, "due", "--on", "2031-08-31", "--within", "30d")
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.output.splitlines()]
    assert [(r[0], r[3], r[5], r[7]) for r in rows] == [
        ("到期未报", "第3件", "3月底前", "-153"),
        ("到期未报", "第1件", "6月底前", "-62"),
        ("即将到期", "第2件", "9月底前", "30"),
    ]
    everything = run(db_path, "due", "--on", "2031-08-31", "--all")
    assert {line.split("\t")[0] for line in everything.output.splitlines()} == {"到期未报", "即将到期", "未到期", "已完成"}


def test_due_json_and_weeks(db_path):
    data = json.loads(run(db_path, "due", "--on", "2031-11-01", "--all", "--json").output)
    assert data["total"] == len(data["milestones"]) > 0
    done = [r for r in data["milestones"] if r["state"] == "已完成"]
    assert [(r["number"], r["due"], r["done_on"]) for r in done] == [(3, "3月底前", "2031-10-31")]
    soon = json.loads(run(db_path, "due", "--on", "2031-09-10", "--within", "3w", "--json").output)
    assert [(r["number"], r["state"], r["days"]) for r in soon["milestones"] if r["state"] == "即将到期"] == [(2, "即将到期", 20)]


def test_changes_plain_and_json(db_path):
    result = run(db_path, "changes", "测试市/2031")
    assert result.exit_code == 0, result.output
    lines = {line.split("\t")[0]: line.split("\t") for line in result.output.splitlines()}
    assert lines["第1件"][2:4] == ["40% → 90%", "+50"]
    assert lines["第2件"][5] == "新滞后"
    assert lines["第5件"][4:] == ["进行中 → 达成", "新达成"]
    assert lines["第4件"][5] == "数字下降"
    data = json.loads(run(db_path, "changes", "测试市/2031", "--json").output)
    assert (data["target"], data["then"], data["now"], data["total"]) == ("测试市 2031", "2031-06-30", "2031-10-31", len(data["items"]))
    items = data["items"]
    assert [(r["number"], r["newly_achieved"], r["newly_behind"]) for r in items][:2] == [(1, False, False), (2, False, True)]
    assert items[0]["then"] == "2031-06-30" and items[0]["now"] == "2031-10-31"


@pytest.mark.parametrize(
    "args, message",
    [
        (("changes", "青岛/2025"), "青岛 2025 只有 1 次有日期的进展报告（2025-12-31）：比较要两次"),
        (("changes", "青岛/2025/3"), "不是一个城市年度"),
        (("changes", "北京/2025"), "数据库中没有 北京 2025"),
        (("behind", "--city", "北京"), "没有符合筛选条件的城市年度"),
        (("due", "--on", "2023-13-01"), "日期应写作 2023-06-30"),
        (("due", "--within", "soon"), "天数应写作 30、30d 或 4w"),
    ],
)
def test_errors_are_one_line(seed_db, args, message):
    result = CliRunner().invoke(main, ["--db", str(seed_db), *args])
    assert result.exit_code == 1
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_tables_on_a_terminal(db_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "300")  # wide enough that no cell folds
    conn = open_read(db_path)
    try:
        out = Tty()
        cli_progress.behind(pg.behind(conn), file=out)
        text = out.getvalue()
        assert "滞后 1 项" in text and "老旧小区改造" in text and "-23.3" in text and "定性" in text
        out = Tty()
        cli_progress.changes(ch.changes(conn, "测试市", "2031"), "测试市 2031", file=out)
        assert "2031-06-30 → 2031-10-31" in out.getvalue() and "新达成" in out.getvalue()
        out = Tty()
        import datetime as dt

        cli_progress.due(ms.due(conn, dt.date(2031, 8, 31)), file=out)
        assert "即将到期" in out.getvalue() and "逾期62" in out.getvalue()
    finally:
        conn.close()
