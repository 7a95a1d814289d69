"""The command as grep and sqlite-utils behave: exit 1 and a line on stderr when nothing matches,
a cut list that says so, ``--json`` one document everywhere, ``--jsonl`` a stream, records that
a pipe never splits, over-plan bars unlike 100%, Excel-ready exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest
from click.testing import CliRunner

from progress_docs import build_progress_db
from tui_shishi import cli_grep, cli_text
from tui_shishi.cli import main
from tui_shishi.cli_render import bar
from tui_shishi.model import Document, Indicator, Item, Observation, Quantity
from tui_shishi.status import over_plan_words, share_of_plan
from tui_shishi.store.build import write_documents
from tui_shishi.store.db import open_write


def run(db, *args, env=None):
    # CliRunner's stdout is not a terminal: exactly the piped case.
    return CliRunner().invoke(main, ["--db", str(db), *map(str, args)], env=env)


@pytest.fixture
def demo_db(tmp_path, demo_docs):
    path = tmp_path / "demo.db"
    conn = open_write(path, create=True)
    write_documents(conn, demo_docs)
    conn.close()
    return path


def one_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


# ---------------------------------------------------------------- search, like grep


@pytest.mark.parametrize("query", ["city:北京", "没有这种词语的条目", "养老 city:北京"])
def test_search_without_a_match_exits_1_with_one_line(seed_db, query):
    result = run(seed_db, "search", query)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert one_line(result.stderr) == f"没有找到：{query}"


def test_search_without_a_match_in_json_is_still_one_document(seed_db):
    result = run(seed_db, "search", "city:北京", "--json")
    assert result.exit_code == 1 and one_line(result.stderr) == "没有找到：city:北京"
    assert json.loads(result.stdout) == {"query": "city:北京", "total": 0, "limit": 20, "hits": []}


@pytest.mark.parametrize("args", [(), ("",), ("   ",), ("year:abc",)])
def test_an_empty_query_is_a_usage_error(seed_db, args):
    result = run(seed_db, "search", *args)
    assert result.exit_code == 2
    line = one_line(result.stderr)
    assert line.startswith("Error: ") and ("搜索词为空" in line or "没有可搜索的内容" in line)


def test_a_cut_list_says_how_many_more_on_stderr(seed_db):
    full = run(seed_db, "search", "养老", "--limit", "1000")
    assert full.exit_code == 0 and full.stderr == ""  # nothing cut: nothing said
    total = len(full.stdout.splitlines())
    assert total > 5
    cut = run(seed_db, "search", "养老", "--limit", "5")
    assert cut.exit_code == 0
    assert cut.stdout.splitlines() == full.stdout.splitlines()[:5]  # the records stay records
    assert one_line(cut.stderr) == f"还有 {total - 5} 条，用 --limit {total} 查看全部"


def test_a_cut_list_on_a_terminal_ends_with_the_note(seed_db, monkeypatch):
    monkeypatch.setattr(cli_grep, "is_tty", lambda out: True)
    result = run(seed_db, "search", "养老", "--limit", "3", env={"COLUMNS": "200"})
    assert result.exit_code == 0 and result.stderr == ""
    total = json.loads(run(seed_db, "search", "养老", "--json", "--limit", "3").stdout)["total"]
    assert result.stdout.rstrip().splitlines()[-1] == f"还有 {total - 3} 条，用 --limit {total} 查看全部"


def test_search_json_is_one_document_with_the_total(seed_db):
    result = run(seed_db, "search", "养老", "--json", "--limit", "3")
    assert result.exit_code == 0
    data = json.loads(result.stdout)  # one document, not one per line
    assert data["query"] == "养老" and data["limit"] == 3 and len(data["hits"]) == 3
    assert data["total"] == len(run(seed_db, "search", "养老", "--limit", "1000").stdout.splitlines())
    assert {"city", "year", "item", "title", "field", "snippet", "marks", "item_id"} <= data["hits"][0].keys()


def test_search_jsonl_is_a_stream_of_hits(seed_db):
    result = run(seed_db, "search", "养老", "--jsonl", "--limit", "4")
    assert result.exit_code == 0
    hits = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(hits) == 4 and all(h["snippet"] for h in hits)
    assert result.stderr.startswith("还有 ")


# ---------------------------------------------------------------- --json: one document everywhere


@pytest.fixture(scope="module")
def progress_db(tmp_path_factory):
    return build_progress_db(tmp_path_factory.mktemp("grep-progress") / "progress.db")


@pytest.mark.parametrize(
    "args, key",
    [
        (("search", "养老", "--json"), "hits"),
        (("check", "--json"), "documents"),
        (("show", "青岛/2025/5", "--json"), "figures"),
        (("show", "青岛/2025", "--json"), "items"),
        (("show", "dept:民政局", "--json"), "items"),
        (("export", "--format", "json", "--city", "青岛"), "rows"),
        (("behind", "--json"), "behind"),
        (("due", "--all", "--json", "--on", "2025-06-30"), "milestones"),
        (("import", "--dry-run", "--json", "{sources}/qingdao-2024-announced-list.txt"), "documents"),
    ],
)
def test_json_is_one_object_on_every_command(seed_db, sources_dir, args, key):
    result = run(seed_db, *(a.format(sources=sources_dir) for a in args))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, dict) and isinstance(data[key], list)
    if "total" in data:
        assert data["total"] == len(data[key]) or key in ("hits", "behind")


def test_changes_json_is_one_object(progress_db):
    data = json.loads(run(progress_db, "changes", "测试市/2031", "--json").stdout)
    assert data["target"] == "测试市 2031" and data["total"] == len(data["items"]) > 0


def test_export_jsonl_and_json_agree(demo_db):
    whole = json.loads(run(demo_db, "export", "--format", "json").stdout)
    lines = run(demo_db, "export", "--jsonl").stdout.splitlines()
    assert whole["total"] == len(lines) == 4
    assert [json.loads(line) for line in lines] == whole["rows"]
    assert run(demo_db, "export", "--format", "jsonl").stdout.splitlines() == lines


# ---------------------------------------------------------------- show dept: and theme:


def test_show_dept_matches_part_of_a_name_as_search_does(seed_db):
    found = run(seed_db, "search", "dept:民政局")
    assert found.exit_code == 0
    shown = run(seed_db, "show", "dept:民政局")
    assert shown.exit_code == 0, shown.output
    assert shown.stdout.startswith("市民政局\n")
    data = json.loads(run(seed_db, "show", "dept:民政局", "--json").stdout)
    assert data["department"] == "市民政局" and data["departments"] == ["市民政局"]
    assert {(i["city"], i["period"], i["number"]) for i in data["items"]} >= {
        (line.split("\t")[0], line.split("\t")[1], int(line.split("\t")[2].strip("第件"))) for line in found.stdout.splitlines()
    } - {("", "", 0)}


def test_show_dept_lists_every_department_a_fragment_names(demo_db):
    data = json.loads(run(demo_db, "show", "dept:市", "--json").stdout)
    assert sorted(data["departments"]) == ["市人力资源社会保障局", "市住房城乡建设局", "市公安局"]
    assert data["total"] == len(data["items"]) == 3
    assert {i["department"] for i in data["items"]} == set(data["departments"])
    out = run(demo_db, "show", "dept:市").stdout
    assert out.startswith("「市」：3 个单位") and "市公安局" in out


def test_show_theme(seed_db):
    result = run(seed_db, "show", "theme:养老助残")
    assert result.exit_code == 0 and result.stdout.startswith("主题：养老助残")
    data = json.loads(run(seed_db, "show", "主题：养老助残", "--json").stdout)
    assert data["theme"] == "养老助残" and data["total"] == len(data["items"]) > 0
    assert all(i["words"] for i in data["items"])


@pytest.mark.parametrize(
    "target, words",
    [("dept:天文台", "没有名称含「天文台」的单位"), ("theme:天文", "没有主题「天文」"), ("dept:", "请给出单位名称")],
)
def test_show_names_nothing_in_one_chinese_line(seed_db, target, words):
    result = run(seed_db, "show", target)
    assert result.exit_code == 1
    assert words in one_line(result.stderr)


# ---------------------------------------------------------------- a pipe never splits a figure


def test_piped_check_is_one_flag_per_line(seed_db):
    result = run(seed_db, "check")
    assert result.exit_code == 0
    report = json.loads(run(seed_db, "check", "--json").stdout)["documents"]
    lines = result.stdout.splitlines()
    assert all(len(line.split("\t")) == 8 for line in lines)
    details = [f["detail"] for d in report for f in d["flags"]]
    assert len(lines) == len(details) + sum(1 for d in report if not d["flags"])
    for detail in details:  # every detail whole on one line, figures and all
        assert any(line.split("\t")[6] == detail for line in lines), detail
    assert any("改造城镇老旧小区400个以上" in line for line in lines)
    assert re.fullmatch(r"共 \d+ 个问题，5 个文档", one_line(result.stderr))


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


FIGURE = re.compile(r"\d[\d.]*%?[个处项件万亿公里平方米户人所间场]*")


def test_check_on_a_narrow_terminal_keeps_figures_whole(seed_db, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    from tui_shishi.store.check import flag_report
    from tui_shishi.store.db import open_read

    conn = open_read(seed_db)
    report = flag_report(conn)
    conn.close()
    out = Tty()
    cli_grep.check_report(report, out)
    text = re.sub(r"\x1b\[[0-9;]*m", "", out.getvalue())
    assert "条目重复" in text and text.rstrip().endswith("个文档")
    from rich.cells import cell_len

    assert max(cell_len(line) for line in text.splitlines()) <= 60
    for figure in {m.group() for d in report for f in d.flags for m in FIGURE.finditer(f.detail) if len(m.group()) > 2}:
        assert figure in text, figure  # found on one line, never split across two


@pytest.mark.parametrize("width", range(8, 41))
def test_wrap_never_splits_a_figure(width):
    text = "第6件下的要点含概述中没有的目标：“改造城镇老旧小区400个以上;实施节能保暖工程450万平方米以上;完成80.1%。”"
    lines = cli_text.wrap_figures(text, width)
    assert "".join(lines) == text
    for figure in ("400个以上", "450万平方米", "80.1%"):
        assert any(figure[:4] in line for line in lines)  # the digits and their unit on one line
    from rich.cells import cell_len

    assert all(cell_len(line) <= width for line in lines)


def test_piped_show_does_not_wrap(seed_db, monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    data = json.loads(run(seed_db, "show", "dept:市民政局", "--json").stdout)
    out = run(seed_db, "show", "dept:市民政局").stdout
    for item in data["items"]:
        assert item["title"] in out, item["title"]  # each title whole on its line


# ---------------------------------------------------------------- over-plan bars, computed 超额


def test_a_bar_past_100_percent_is_not_the_bar_of_100():
    full, over = bar(100.0).plain, bar(151.9).plain
    assert full == "█" * 20 + " 100%" and over == "█" * 20 + "▶ 151.9%"
    assert "▶" not in bar(99.0).plain and bar(None).plain == "—"
    assert bar(97.0, computed=True).plain.endswith("97%（按实际/目标计算）")


def test_show_year_marks_over_plan(seed_db):
    lines = run(seed_db, "show", "青岛/2025").stdout.splitlines()
    row15 = next(line for line in lines if "强化公共安全保障" in line)
    row4 = next(line for line in lines if "缓解重点区域交通拥堵" in line)
    assert "▶ 151.9%" in row15 and "超额 +51.9%" in row15
    assert "▶" not in row4 and "100%" in row4 and "超额" not in row4


def test_share_of_plan_published_or_computed():
    assert share_of_plan(151.9, 5.0, "个", 1.0, "个") == (151.9, False)  # published wins
    assert share_of_plan(None, 197.0, "个", 100.0, "个") == (197.0, True)
    assert share_of_plan(None, 197.0, "个", 100.0, "平方米") == (None, False)  # units differ
    assert share_of_plan(None, None, "个", 100.0, "个") == (None, False)
    assert share_of_plan(None, 5.0, "个", 0.0, "个") == (None, False)
    assert over_plan_words(197.0, True) == "超额 +97%（按实际/目标计算）"
    assert over_plan_words(151.9) == "超额 +51.9%"
    assert over_plan_words(100.0) == "" and over_plan_words(None) == ""


@pytest.fixture
def computed_db(tmp_path):
    q = lambda v, text: Quantity(value=v, unit="个", qualifier="", text=text)  # noqa: E731
    doc = Document(
        city="算例市",
        year_start=2032,
        year_end=2032,
        kind="final",
        title="算例市2032年民生实事完成情况",
        as_of=dt.date(2032, 12, 31),
        source_file="calc-2032.txt",
        text="第1件 新建口袋公园100个\n已建成口袋公园197个\n",
        format="final",
        items=[
            Item(
                number=1,
                title="新建口袋公园",
                indicators=[
                    Indicator(
                        "新建口袋公园100个",
                        q(100.0, "100个"),
                        observations=[Observation("已建成口袋公园197个", actual=q(197.0, "197个"), line=2)],
                        line=1,
                    )
                ],
                line=1,
            )
        ],
    )
    path = tmp_path / "calc.db"
    conn = open_write(path, create=True)
    write_documents(conn, [doc])
    conn.close()
    return path


def test_show_item_computes_over_plan_and_says_so(computed_db):
    result = run(computed_db, "show", "算例市/2032/1")
    assert result.exit_code == 0, result.output
    assert "▶ 197%" in result.stdout and "超额 +97%（按实际/目标计算）" in result.stdout
    (figure,) = json.loads(run(computed_db, "show", "算例市/2032/1", "--json").stdout)["figures"]
    assert figure["percent"] is None and figure["percent_computed"] == 197.0  # never passed off as published


# ---------------------------------------------------------------- export for Excel


def test_export_csv_for_excel_has_the_bom(demo_db, tmp_path):
    piped = CliRunner().invoke(main, ["--db", str(demo_db), "export", "--excel"])
    assert piped.stdout_bytes.startswith(b"\xef\xbb\xbfcity,")
    assert not run(demo_db, "export").stdout_bytes.startswith(b"\xef\xbb\xbf")
    out = tmp_path / "excel.csv"
    assert run(demo_db, "export", "--excel", "-o", out).exit_code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0]["city"] == "示例市" and len(rows) == 4
    bad = run(demo_db, "export", "--excel", "--format", "md")
    assert bad.exit_code == 2 and "--excel" in one_line(bad.stderr)


def test_export_xlsx(demo_db, tmp_path):
    from openpyxl import load_workbook

    from tui_shishi.store.export import COLUMNS

    out = tmp_path / "out.xlsx"
    result = run(demo_db, "export", "--format", "xlsx", "-o", out)
    assert result.exit_code == 0, result.output
    assert one_line(result.stderr) == f"已写入 4 行：{out}"
    sheet = load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == COLUMNS and len(rows) == 5
    jobs = dict(zip(COLUMNS, rows[1]))
    assert jobs["city"] == "示例市" and jobs["percent"] == 108.6 and jobs["target_value"] == 350000.0
    assert jobs["period"] == "2030"  # text stays text


def test_export_xlsx_to_stdout_is_refused_in_one_line(demo_db):
    result = run(demo_db, "export", "--format", "xlsx")
    assert result.exit_code == 1 and result.stdout == ""
    assert "-o" in one_line(result.stderr)


@pytest.mark.parametrize(
    "args, words",
    [
        (("export", "--city", "别处"), "没有符合筛选条件的条目"),
        (("export", "--theme", "天文"), "没有主题「天文」"),
        (("export", "--year", "abc"), "年份 'abc' 看不懂"),
    ],
)
def test_export_user_errors_in_chinese(demo_db, args, words):
    result = run(demo_db, *args)
    assert result.exit_code == 1 and words in one_line(result.stderr)


# ---------------------------------------------------------------- a terminal never splits a figure either


def plain(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def figures_of(*texts: str) -> set[str]:
    return {m.group() for t in texts for m in FIGURE.finditer(t) if len(m.group()) > 2}


def test_show_item_on_a_narrow_terminal(seed_db, monkeypatch):
    from tui_shishi.cli_render import show
    from tui_shishi.store.db import open_read

    monkeypatch.setenv("COLUMNS", "70")
    conn = open_read(seed_db)
    try:
        out = Tty()
        show(conn, "青岛/2025/15", file=out)
        data = json.loads(run(seed_db, "show", "青岛/2025/15", "--json").stdout)
    finally:
        conn.close()
    text = plain(out.getvalue())
    lines = text.splitlines()
    assert any(line.startswith("│ 开展红十字急救") for line in lines)  # the 指标 column is not squeezed away
    assert "▶ 151.9%" in text and "超额 +51.9%" in text and "（按实际/目标计算）" in text
    sentences = [f["actual_sentence"] for f in data["figures"]] + [f["text"] for f in data["figures"]]
    for figure in figures_of(*sentences):
        assert figure in text, figure
    assert not any(line.lstrip("│ ").startswith(("，", "；", "、", "。")) for line in lines)  # no line opens with a comma


def test_progress_tables_on_a_narrow_terminal(progress_db, monkeypatch):
    from tui_shishi import cli_progress
    from tui_shishi.store import progress as pg
    from tui_shishi.store.db import open_read

    conn = open_read(progress_db)
    try:
        rows = pg.behind(conn)
    finally:
        conn.close()
    for width in (100, 108, 112):  # widths at which a folding column split 100个 or 60个
        monkeypatch.setenv("COLUMNS", str(width))
        out = Tty()
        cli_progress.behind(rows, file=out)
        text = plain(out.getvalue())
        assert "83.3%" in text and "-23.3" in text
        for figure in figures_of(*(r.sentence for r in rows), *(r.indicator for r in rows)):
            assert figure in text, (width, figure)


def test_search_on_a_narrow_terminal(seed_db, monkeypatch):
    monkeypatch.setattr(cli_grep, "is_tty", lambda out: True)
    piped = run(seed_db, "search", "老旧小区", "--json")
    result = run(seed_db, "search", "老旧小区", env={"COLUMNS": "70"})
    assert result.exit_code == 0
    text = plain(result.stdout)
    assert max(len(line) for line in text.splitlines()) <= 70
    for figure in figures_of(*(h["snippet"] for h in json.loads(piped.stdout)["hits"])):
        assert figure in text, figure


def test_tokens_keep_figures_and_closing_punctuation():
    assert cli_text.tokens("改造40个，项目") == ["改", "造", "40个，", "项", "目"]
    assert "450万平方米" in cli_text.tokens("工程450万平方米以上")[2]
    assert "".join(cli_text.tokens("占年计划的80.1%。完成")) == "占年计划的80.1%。完成"


def test_a_list_cut_exactly_at_its_end_says_nothing_more(seed_db):
    total = json.loads(run(seed_db, "search", "养老", "--json").stdout)["total"]
    exact = run(seed_db, "search", "养老", "--limit", total)
    assert exact.exit_code == 0 and exact.stderr == "" and len(exact.stdout.splitlines()) == total


def test_query_problems_are_noted_in_chinese(seed_db):
    result = run(seed_db, "search", '"老旧')
    assert result.exit_code == 0 and result.stderr.startswith("提示：引号未闭合")


def test_a_piped_record_never_holds_a_tab_or_newline():
    out = io.StringIO()
    cli_grep.line(out, "青岛", "第1\t件", "两行\n文字", None, 3)
    assert out.getvalue() == "青岛\t第1 件\t两行 文字\t\t3\n"


def test_dates_times_and_periods_are_figures_too():
    assert any(t.startswith("2022-2024年") for t in cli_text.tokens("淄博2022-2024年民生实事"))
    assert {"2023-01-05", "12:25:39"} <= set(cli_text.tokens("发布时间:2023-01-05 12:25:39 | 来源"))
    assert cli_text.tokens("完成80.1%。") == ["完", "成", "80.1%。"]
    assert cli_text.tokens("第1、2件") == ["第", "1、", "2件"]
