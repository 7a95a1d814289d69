"""Rules of numbering.py (a line's opening marker and the numeral reader) that decide which lines
are items, each pinned by a case the older tests left open (found by mutation testing, `make mutate`)."""

from __future__ import annotations

import pytest

from tui_shishi.parse.numbering import damaged_bullet, is_rule_line, marker, numeral
from tui_shishi.parse.text import fold


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", 12),
        ("  7 ", 7),
        ("十", 10),
        ("十二", 12),
        ("十五", 15),
        ("二十", 20),
        ("五十五", 55),
        ("百", 100),
        ("一百", 100),
        ("两百", 200),
        ("一百一十", 110),
        ("一百零三", 103),
        ("百零五", 105),
        ("零五", 5),
        ("零", 0),
        ("①", 1),
        ("⑳", 20),
        ("⑴", 1),
        ("⒇", 20),
        ("二三", None),  # two digits side by side are not a numeral
        ("abc", None),
        ("", None),
        ("  ", None),
        ("一X", None),
        ("１２", None),  # full-width digits are folded before they get here
    ],
)
def test_numeral(text, value):
    assert numeral(text) == value


def read(raw: str):
    m = marker(raw, fold(raw))
    return None if m is None else (m.scheme, m.value, m.key, raw[m.end :])


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("第3件 促进就业", ("jian", 3, "3", "促进就业")),
        ("第十二项：改造", ("jian", 12, "十二", "改造")),
        ("第3件", ("jian", 3, "3", "")),  # a 件 heading alone on its line is still one
        ("【一】民生", ("bracket", 1, "一", "民生")),
        ("【12】 民生", ("bracket", 12, "12", "民生")),
        ("一、就业", ("cn", 1, "一", "就业")),
        ("一. 就业", ("cn", 1, "一", "就业")),
        ("一，就业", ("cn", 1, "一", "就业")),
        ("一、", ("cn", 1, "一", "")),
        ("（一）养老", ("paren_cn", 1, "(一)", "养老")),
        ("〔二〕养老", ("paren_cn", 2, "(二)", "养老")),
        ("[三]养老", ("paren_cn", 3, "(三)", "养老")),
        ("1. 新增", ("arabic", 1, "1", "新增")),
        ("1、新增", ("arabic", 1, "1", "新增")),
        ("1)新增", ("arabic", 1, "1", "新增")),
        ("1 新增就业", ("arabic", 1, "1", "新增就业")),
        ("  2、 建设", ("arabic", 2, "2", "建设")),
        ("12、月份", ("arabic", 12, "12", "月份")),  # 12、 is a number, whatever follows
        ("(1)新增", ("paren_arabic", 1, "(1)", "新增")),
        ("⑴新增", ("paren_arabic", 1, "⑴", "新增")),
        ("①新增", ("circled", 1, "①", "新增")),
        ("● 新增", ("bullet", None, "●", "新增")),
        ("——新增", ("bullet", None, "——", "新增")),
    ],
)
def test_marker(raw, expected):
    assert read(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "第3件单位",  # 第3件 then 单位: a column name, not an item
        "1.5万人",
        "12月27日前完成",
        "3,000人参加",
        "3",  # a page number
        "(1)",
        "零、x",
        "0. x",
        "——",  # a rule line
        "新增就业1万人",
        "3 人参加活动",  # a figure, then its unit
        "  12 月底前完成",  # a date
    ],
)
def test_not_a_marker(raw):
    assert read(raw) is None


def test_marker_span_covers_the_number():
    m = marker("（一）养老", fold("（一）养老"))
    assert (m.start, m.end) == (1, 3)
    m = marker("  2、 建设", fold("  2、 建设"))
    assert (m.start, m.end) == (2, 5)
    m = marker("  ● 新增", fold("  ● 新增"))
    assert (m.start, m.end) == (2, 4)


def test_marker_span_of_a_parenthesised_digit_character():
    m = marker("⑴新增", fold("⑴新增"))
    assert (m.start, m.end) == (0, 1)
    m = marker("  ⑶ 新增", fold("  ⑶ 新增"))
    assert (m.start, m.end, m.key) == (2, 4, "⑶")
    raw = "  ⑶ 新增"
    assert raw[m.start : m.start + len(m.key)] == m.key  # the span holds the marker as published


@pytest.mark.parametrize("value", range(1, 21))
def test_every_parenthesised_digit_character_reads_its_number(value):
    ch = chr(ord("⑴") + value - 1)  # ⑴ … ⒇ are consecutive code points
    m = marker(f"{ch}新增就业", fold(f"{ch}新增就业"))
    assert (m.scheme, m.value, m.key, m.start, m.end) == ("paren_arabic", value, ch, 0, 1)


@pytest.mark.parametrize(
    "raw",
    ["---", "-----", "— — —", "———", "———————————", "=====", "＝＝＝", "  ------  ", "-=-=-=", "___", "~~~~"],
)
def test_a_rule_line_is_no_marker(raw):
    assert read(raw) is None
    assert is_rule_line(fold(raw))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("- 新增", ("bullet", None, "-", "新增")),
        ("-- 新增", ("bullet", None, "--", "新增")),
        ("—— 新增就业", ("bullet", None, "——", "新增就业")),
    ],
)
def test_a_dash_before_text_is_still_a_bullet(raw, expected):
    assert read(raw) == expected
    assert not is_rule_line(fold(raw))


@pytest.mark.parametrize("raw", ["--", "==", "", "   ", "——", "-----新增", "1-----"])
def test_what_is_not_a_rule_line(raw):
    assert not is_rule_line(fold(raw))


def test_damaged_bullet():
    assert damaged_bullet("一加强养老服务体系") == "一"
    assert damaged_bullet("  _治理违规停车问题") == "_"
    assert damaged_bullet("一加强") is None  # too short to be a heading
    assert damaged_bullet("一12345") is None  # a figure, not a heading's first word
    assert damaged_bullet("加强养老服务体系建设") is None
    # more than four characters after the mark, the first of them a Han character
    assert damaged_bullet("一加强养老") is None
    assert damaged_bullet("一加强养老服") == "一"
    assert damaged_bullet("一一批项目建设") == "一"
    assert damaged_bullet("一\u9fff批项目建设") == "一"
    assert damaged_bullet("一abcdef") is None
