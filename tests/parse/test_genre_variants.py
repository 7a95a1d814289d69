"""Documents of the genre that are not the seeds: other cities, years, numberings, encodings and
web pages. Each fixture under fixtures/ was written to vary one of the five formats the way
real government pages do; each test failed before the parser learned the variation."""

import datetime as dt

import pytest
from genre_fixtures import doc, targets_and_actuals

from tui_shishi import model
from tui_shishi.parse import ParseError, parse_bytes
from tui_shishi.parse.detect import detect_metadata
from tui_shishi.parse.text import split_lines


def test_progress_at_end_of_third_quarter_is_dated():
    # 截至三季度末 / 1-9月 / 前三季度: the report speaks for 30 September, 为年计划的X% binds.
    d = doc("weihai-2023-progress-q3.txt")
    assert (d.city, d.year_start, d.kind, d.as_of) == ("威海", 2023, model.KIND_PROGRESS, dt.date(2023, 9, 30))
    assert targets_and_actuals(d.items[0]) == [(50000, 42000, 84.0), (8e8, 6.4e8, 80.0)]
    assert all(o.as_of == dt.date(2023, 9, 30) for i in d.items for ind in i.indicators for o in ind.observations)


@pytest.mark.parametrize(
    ("text", "as_of"),
    [
        ("2023年某市办实事\n截至三季度末,进展顺利。\n", dt.date(2023, 9, 30)),
        ("2023年某市办实事\n截至2023年第一季度末,进展顺利。\n", dt.date(2023, 3, 31)),
        ("2023年某市办实事\n1-9月,全市新增就业4万人。\n", dt.date(2023, 9, 30)),
        ("2023年某市办实事上半年进展情况\n", dt.date(2023, 6, 30)),
        # a month range under an item is a milestone, not the report's date
        ("2024年某市办实事\n第1件 1-2月份完成招标\n", None),
    ],
)
def test_as_of_from_quarters_and_month_ranges(text, as_of):
    lines = split_lines(text)
    assert detect_metadata(lines, lines).as_of == as_of


def test_year_end_with_chinese_numerals_and_halfwidth_brackets():
    d = doc("jining-2024-year-end.txt")
    # 济宁市2024年为民办实事: 为民 is not a city
    assert (d.city, d.year_start, d.kind, d.as_of) == ("济宁", 2024, model.KIND_FINAL, dt.date(2024, 12, 31))
    assert [i.number for i in d.items] == [1, 2, 3, 10]
    assert targets_and_actuals(d.items[1]) == [(30, 31, 103.3), (4000, 4250, 106.3)]
    assert [dep.name for dep in d.items[1].departments] == ["市教育局", "市住房城乡建设局"]
    assert any(f.kind == model.FLAG_MISSING_ITEMS for f in d.flags)


@pytest.mark.parametrize("name", ["yantai-2025-announced-numbered.txt", "weihai-2025-announced-paren.txt"])
def test_announced_list_numbered_without_di_n_jian(name):
    d = doc(name)
    assert d.kind == model.KIND_ANNOUNCED and d.year_start == 2025
    assert [i.number for i in d.items] == [1, 2, 3]
    assert all(i.indicators and i.notes for i in d.items)
    assert not any(f.kind == model.FLAG_UNKNOWN_FORMAT for f in d.all_flags())


def test_a_notice_with_numbered_sections_is_not_an_announced_list():
    text = "关于征集2026年市办实事项目建议的公告\n一、征集范围\n涉及民生的项目。\n二、征集方式\n拨打12345热线。\n"
    assert parse_bytes(text.encode()).kind == model.KIND_UNKNOWN


def test_plan_table_columns_in_another_order_keep_the_extra_column():
    d = doc("jining-2025-plan-table.txt")
    assert (d.city, d.kind) == ("济宁", model.KIND_PLAN)
    first = d.items[0]
    assert [dep.role for dep in first.departments] == [model.ROLE_LEAD, model.ROLE_CO]
    assert len(first.milestones) == 3
    assert first.notes == ["完成时限：2025年12月底"]  # a column no role took is kept, with its header


def test_gbk_crlf_and_traditional_reposts():
    d = doc("taian-2022-progress-gbk-crlf.txt")
    assert (d.city, d.year_start, d.as_of, d.encoding.lower()[:2]) == ("泰安", 2022, dt.date(2022, 9, 30), "gb")
    assert targets_and_actuals(d.items[0]) == [(40000, 32000, 80.0)]
    t = doc("yantai-2023-year-end-traditional.txt")
    assert (t.city, t.kind) == ("烟台", model.KIND_FINAL)
    assert targets_and_actuals(t.items[1]) == [(500, 512, 102.4)]


def test_portal_chrome_is_stripped_not_kept_as_notes():
    d = doc("rizhao-2025-announced-portal.txt")
    assert d.title == "2025年日照市10件民生实事发布"
    assert (d.city, d.kind) == ("日照", model.KIND_ANNOUNCED)
    assert [len(i.notes) for i in d.items] == [1, 1]
    stripped = " ".join(f.detail for f in d.flags if f.kind == model.FLAG_CHROME_STRIPPED)
    assert "门户网站" in stripped and "我要纠错" in stripped


def test_progress_page_chrome_and_completion_percent_wording():
    d = doc("yantai-2024-progress-june.txt")
    assert (d.city, d.as_of) == ("烟台", dt.date(2024, 6, 30))
    assert targets_and_actuals(d.items[0]) == [(70000, 41000, 58.6), (12000, 7500, 62.5)]
    assert not any("扫一扫" in p for p in d.paragraphs)


def test_unknown_document_is_kept_and_flagged():
    d = doc("unknown-notice.txt")
    assert d.kind == model.KIND_UNKNOWN and d.items == [] and len(d.paragraphs) == 5
    assert {f.kind for f in d.flags} >= {model.FLAG_UNKNOWN_FORMAT, model.FLAG_METADATA}


@pytest.mark.parametrize("data", [b"", b"  \r\n\n\t", "\n\n".encode("utf-16")])
def test_empty_file_is_refused(data):
    with pytest.raises(ParseError, match="^文件为空"):
        parse_bytes(data)
