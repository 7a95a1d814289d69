"""Rules of parse/quantities.py (the figures of a clause, their qualifiers and labels, percents of
plan and what they bind to), each pinned by a case the older tests left open (found by mutation
testing, `make mutate`)."""

from __future__ import annotations

import pytest

from tui_shishi.model import Quantity
from tui_shishi.parse import quantities
from tui_shishi.parse.quantities import bind_percents, find_percents_of_plan, find_quantities


def read(text: str) -> list[tuple]:
    return [(q.text, q.value, q.unit, q.qualifier) for q in find_quantities(text)]


def texts(text: str) -> list[str]:
    return [q.text for q in find_quantities(text)]


def labels(text: str) -> list[str]:
    return [q.label for q in find_quantities(text)]


# ---------------------------------------------------------------- what a figure is


@pytest.mark.parametrize(
    "text, expected",
    [
        ("新增就业3,000人", [("3,000人", 3000, "人", "")]),  # a thousands separator
        ("新增泊位2000，", [("2000", 2000, "", "")]),  # a figure without a unit is still one
        ("2000，配AED", [("2000", 2000, "", "")]),  # … at the very start, Latin letters far after it
        ("十件民生实事", [("十件", 10, "件", "")]),  # 十 alone is a numeral
        ("每所学校配备100—150台", [("100—150台", 100, "台", "")]),  # a range of three digits
        ("每班配备19—20名学生", [("19—20名", 19, "名", "")]),
        ("容纳2000—3000人", [("2000—3000人", 2000, "人", "")]),  # 2000 looks like a year, 3000 does not
        ("配置AED 300 台", [("300 台", 300, "台", "")]),  # a space before the unit
        ("配置AED300台", [("300台", 300, "台", "")]),  # Latin letters before a figure with a unit
        ("建设三至5家", [("5家", 5, "家", "")]),  # a range is read from Arabic digits only
        ("1 2个", [("1", 1, "", ""), ("2个", 2, "个", "")]),  # a digit after the space: no item number
    ],
)
def test_figures(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "第1件",  # an ordinal at the very start
        "第 3件",  # … with a space after 第
        "第  3件",
        "服务电话400-8001234",  # a second part of seven digits: a phone number
        "联系电话1234567-89个",  # a first part of seven digits: a phone number, whatever follows
        "电话58525525",  # seven digits or more without a unit
        "拨打5852552咨询",
        "区号0532，",  # a leading 0 and three digits or more
        "区号010，",
        "开通96111专线",  # a hotline
        "实施期2022-2024，",  # a period
        "建于1990-1995，",
        "G20峰会",  # a name
        "织密一张网",  # a bare 一
        "万家灯火，千人参与",  # a bare magnitude
        "五%",  # a Chinese numeral before %
    ],
)
def test_not_figures(text):
    assert texts(text) == []


def test_an_item_number_is_found_from_the_start_of_its_own_line():
    assert texts("新增3\n2、改造老旧小区10个") == ["3", "10个"]


@pytest.mark.parametrize(
    "text, qualifier",
    [
        ("约200条", "约"),  # 约 at the very start of the text
        ("签约3000户", ""),  # 签约 (sign up) is no 约 (about)
        ("惠及近30万人", "近"),
        ("附近3个小区", ""),  # 附近 (nearby) is no 近 (nearly)
        ("最多于300人", "多于"),  # a character of 最近 before another qualifier does not matter
        ("全市传染病临床诊疗规模达到1000张床位以上", "以上"),  # after a short noun
        ("覆盖90%社区以上", ""),  # … but not after a percent
    ],
)
def test_qualifiers(text, qualifier):
    (q,) = find_quantities(text)
    assert q.qualifier == qualifier


def test_a_qualifier_after_a_short_noun_ends_the_figure():
    (q,) = find_quantities("全市传染病临床诊疗规模达到1000张床位以上")
    assert (q.text, q.value, q.unit, q.start, q.end) == ("1000张床位以上", 1000, "张", 13, 22)


@pytest.mark.parametrize(
    "text, value",
    [("百分之65", 65), ("百分之5", 5), ("百分之八十", 80), ("百分之点", None), ("百分之十四五", None)],
)
def test_a_percent_written_out(text, value):
    (q,) = find_quantities(text)
    assert (q.value, q.unit, q.qualifier, q.text, q.start, q.end, q.is_percent) == (value, "%", "", text, 0, len(text), True)


# ---------------------------------------------------------------- labels of a 、-list


@pytest.mark.parametrize(
    "text, expected",
    [
        ("标准二孩500元、三孩600元", ["二孩", "三孩"]),  # the first label ends like the second
        ("补贴标准城区家庭500元、农村家庭300元", ["城区家庭", "农村家庭"]),
        ("，城区500元、新城区300元", ["城区", "新城区"]),  # no longer than the second: as it stands
        ("按照城区500元、农村每人300元", ["城区", "农村每人"]),  # a lead word names nothing
        ("按城区500元、农村每人300元", ["城区", "农村每人"]),  # … one character at the start
        ("补贴按照城区500元、农村每人300元", ["城区", "农村每人"]),  # … two characters anywhere
        ("新建对外通道5条、桥梁3座", ["新建对外通道", "桥梁"]),  # … but one character only at the start
        ("二孩分别500元、三孩600元", ["二孩分别", "三孩"]),  # … and before something it names
        ("按照城市每小时15元、农村每小时10元的标准", ["城市每小时", "农村每小时"]),
        ("城市的老旧的小区500个、农村30个", ["小区", "农村"]),  # cut after the last 的
        ("全市的村500元、社区300元", ["村", "社区"]),
        ("的城区500元、农村每人300元", ["城区", "农村每人"]),  # … a 的 at the very start too
        ("新的城区500元、老旧城区300元", ["城区", "老旧城区"]),
        ("城区的500元、农村的300元", ["城区的", "农村的"]),  # … but not one just before the figure
        ("我们的目标:城区500元、农村每人300元", ["城区", "农村每人"]),  # a 的 before the separator
        ("市区新建改扩建公办幼儿园中小学校配套项目100个、农村30个", ["市区新建改扩建公办幼儿园中小学校配套项目", "农村"]),  # 20
        ("市区新建改扩建公办幼儿园中小学校和配套体育设施项目100个、农村30个", ["", "农村"]),  # 25: too long
        ("PM2.5监测站点10个、空气质量微站50个", ["监测站点", "空气质量微站"]),  # back to a digit
        ("一、 新增停车位100个、充电桩200个", ["新增停车位", "充电桩"]),  # … or a space
        ("全市省级景区化村庄达到60个以上、风情田园休闲游线路10条以上", ["全市省级景区化村庄", "风情田园休闲游线路"]),
        ("达到60个、线路10条", ["", "线路"]),  # a verb alone names no value
        ("其中:甲区2所、乙区1所、丙县1所", ["甲区", "乙区", "丙县"]),
        ("新增停车位100个、城市公共停车场泊位配套设施改造点200个", ["新增停车位", "城市公共停车场泊位配套设施改造点"]),  # 16
        ("新增停车位100个、城市公共停车场泊位配套设施改造点位200个", ["", ""]),  # 17: no list
        ("新建站点100个、地铁6号线沿线200个", ["", ""]),  # a digit between: no list
    ],
)
def test_labels(text, expected):
    assert labels(text) == expected


# ---------------------------------------------------------------- percents of plan and rates


def plan(text: str) -> list[tuple]:
    return [(p.value, p.text, p.start, p.end, p.group, p.respectively, p.rate) for p in find_percents_of_plan(text)]


def test_a_list_of_percents_of_plan():
    assert plan("占年计划的100%和103%") == [(100, "100%", 5, 9, 0, False, False), (103, "103%", 10, 14, 0, False, False)]
    assert plan("占年计划的100%,50%") == [(100, "100%", 5, 9, 0, False, False)]  # a comma ends it …
    assert plan("分别占年计划的100%,103%") == [(100, "100%", 7, 11, 0, True, False), (103, "103%", 12, 16, 0, True, False)]  # … unless 分别
    assert plan("占年计划的1..5%") == [(None, "1..5%", 5, 10, 0, False, False)]


def test_rates_of_the_whole_item():
    assert plan("已建成公园6个,整体完成率60%") == [(60, "60%", 13, 16, 0, False, True)]
    assert plan("占年计划的50%，整体完成率60%，形象进度80%") == [
        (50, "50%", 5, 8, 0, False, False),
        (60, "60%", 14, 17, 1, False, True),
        (80, "80%", 22, 25, 2, False, True),
    ]
    assert [p.group for p in find_percents_of_plan("整体完成率60%，形象进度80%，工程进度90%")] == [0, 1, 2]


def bound(text: str) -> tuple[list[tuple], list[float | None]]:
    pairs, unbound = bind_percents(text)
    return [(q.text, p.value) for q, p in pairs], [p.value for p in unbound]


def test_binding():
    assert bound("已建成公园6个,整体完成率60%") == ([], [60])  # a rate binds to no figure
    assert bound("整体完成率60%。新建公园6个,占年计划的60%") == ([("6个", 60)], [60])  # … and the rest goes on
    assert bound("50%的村庄整村开工,完成工程总量的30%") == ([], [30])  # a percent is no figure of a percent


# ---------------------------------------------------------------- the helpers' own contracts


@pytest.mark.parametrize(
    "text",
    [
        "\n" + "甲" * 20,
        "甲" * 5000 + "新增泊位2000",
        "前言\n" + "甲" * 5000 + "新增泊位2000\n3、改造小区10个",
        "甲\n乙\n" + "丙" * 5000 + "丁\n" + "戊" * 4100,
    ],
)
def test_the_line_start_of_every_position_is_after_the_newline_before_it(text):
    for pos in range(len(text) + 1):
        assert quantities._line_start(text, pos) == text.rfind("\n", 0, pos) + 1, pos


def test_figures_far_into_a_long_line():
    assert texts("甲" * 5000 + "新增泊位2000") == ["2000"]
    assert texts("前言\n" + "甲" * 5000 + "新增泊位2000\n3、改造小区10个") == ["2000", "10个"]
    assert texts("甲" * 5000 + "新增泊位2000\n3、改造小区10个") == ["2000", "10个"]


def test_covered_positions():
    covered = quantities._Covered([(20, 30), (5, 9), (0, 3), (1, 12)])  # overlapping, out of order
    assert [pos for pos in range(35) if pos in covered] == [*range(12), *range(20, 30)]
    assert 0 not in quantities._Covered([])


def _figure(start: int, end: int) -> Quantity:
    return Quantity(1.0, "个", "", "x", start, end)


@pytest.mark.parametrize("starts", [None, [0, 10, 20, 30]])  # figures out of reading order, or in it
def test_the_last_figures_between_two_offsets(starts):
    figures = [_figure(0, 5), _figure(10, 15), _figure(20, 25), _figure(30, 35)]
    assert quantities._last_between(figures, starts, 10, 25, 5) == figures[1:3]  # ends at 25 count
    assert quantities._last_between(figures, starts, 10, 25, 1) == figures[2:3]
    assert quantities._last_between(figures, starts, 11, 35, 3) == figures[2:4]
    assert quantities._last_between(figures, starts, 0, 24, 5) == figures[:2]
