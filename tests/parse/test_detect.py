"""Metadata read from the text: city, period, as-of date, title; no city is known in advance."""

import datetime as dt

import pytest

from tui_shishi import model
from tui_shishi.parse import detect, parse_bytes, parse_file
from tui_shishi.parse.text import split_lines

SOURCES = "data/sources/"


def meta(text: str) -> detect.Metadata:
    lines = split_lines(text)
    return detect.detect_metadata(lines, lines)


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("2024年青岛15件市办实事发布\n第1件\n", "青岛"),
        ("2020年青岛市办实事进展顺利\n", "青岛"),
        ("2023年洛阳十件民生实事\n", "洛阳"),
        ("淄博市建设高品质民生113项重点任务清单\n", "淄博"),
        ("关于印发文件的通知\n淄博市区范围内新建停车场,淄博市区道路改造。\n", "淄博"),
        ("2023年臺中市辦實事\n", "台中"),  # Traditional: folded, so both scripts group as one city
        ("年终捷报\n□鞍山日报记者 王明\n鞍山日报讯 全市完成任务。\n", "鞍山"),
    ],
)
def test_city_is_read_from_the_genre_phrases(text, city):
    assert meta(text).city == city


def test_city_not_in_text_is_unknown_and_flagged():
    found = meta("全市完成城镇新增就业任务。\n建成市级学生心理健康发展服务中心。\n")
    assert found.city == detect.UNKNOWN_CITY
    details = [f.detail for f in found.flags if f.kind == model.FLAG_METADATA]
    assert any("城市" in d for d in details) and any("年份" in d for d in details)


def test_phrases_ending_in_shi_are_not_cities():
    # 城市, 全市, 超市, 建成市级 are words, not city names.
    found = meta("打造城市更新样板,全市新建超市20个,建成市级中心,建成市级平台。\n")
    assert found.city == detect.UNKNOWN_CITY


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2025年青岛市办实事\n", (2025, 2025)),
        ("2022-2024年济南民生实事三年行动计划\n", (2022, 2024)),
        ("发布时间:2022-01-24 | 来源:淄博日报\n淄博市重点任务\n一、实施教育品质提升三年攻坚行动\n", (2022, 2024)),
        ("淄博市重点任务\n一、实施三年攻坚行动\n到2027年,全市学校达标。\n", (2025, 2027)),
        # 三年攻坚 inside a body sentence and a book title is not the plan's span.
        ("2024年青岛15件市办实事\n●按照《全市城镇消防站三年攻坚建设任务统计表》有序开展建设工作,确保完成。\n", (2024, 2024)),
    ],
)
def test_period(text, period):
    found = meta(text)
    assert (found.year_start, found.year_end) == period


@pytest.mark.parametrize(
    ("text", "as_of"),
    [
        ("2020年青岛市办实事进展顺利,截至10月底已有18项完成\n", dt.date(2020, 10, 31)),
        ("2024年某市办实事进展,截至2月底\n", dt.date(2024, 2, 29)),
        ("2021年某市办实事进展,截至9月30日\n", dt.date(2021, 9, 30)),
        ("2021年某市办实事进展,截止十一月末\n", dt.date(2021, 11, 30)),
        ("2021年某市办实事发布\n", None),
    ],
)
def test_as_of(text, as_of):
    assert meta(text).as_of == as_of


def test_title_is_the_first_heading_like_line():
    found = meta("\n\n●不是标题\n新增就业35万人 建成100个口袋公园\n\n正文很长的一句话。\n")
    assert found.title == "新增就业35万人 建成100个口袋公园"
    assert found.title_line == 4


def test_year_end_report_is_as_of_the_end_of_its_year():
    text = (
        "年终捷报\n2023年,某某市办实事全部完成。\n第1件：建成公园10个。（责任单位：市园林局）\n完成情况：建成公园12个，占年计划的120%。\n"
    )
    doc = parse_bytes(text.encode())
    assert doc.kind == model.KIND_FINAL
    assert doc.as_of == dt.date(2023, 12, 31)


@pytest.mark.parametrize(
    ("name", "city", "period"),
    [
        ("qingdao-2024-announced-list.txt", "青岛", "2024"),
        ("qingdao-2020-progress-october.txt", "青岛", "2020"),
        ("qingdao-2025-year-end-report.txt", "青岛", "2025"),
        ("zibo-2022-2024-key-tasks.txt", "淄博", "2022-2024"),
        ("qingdao-2023-implementation-plan.txt", "青岛", "2023"),
    ],
)
def test_seed_metadata(name, city, period):
    doc = parse_file(SOURCES + name)
    assert (doc.city, doc.period) == (city, period)


def test_plan_table_city_is_a_flagged_guess():
    doc = parse_file(SOURCES + "qingdao-2023-implementation-plan.txt")
    assert any(f.kind == model.FLAG_METADATA and f.detail == "城市名由机构名称推断：青岛" for f in doc.flags)


def test_seed_kinds_come_from_content():
    for name, kind in [
        ("qingdao-2024-announced-list.txt", model.KIND_ANNOUNCED),
        ("qingdao-2025-year-end-report.txt", model.KIND_FINAL),
        ("qingdao-2020-progress-october.txt", model.KIND_PROGRESS),
        ("qingdao-2023-implementation-plan.txt", model.KIND_PLAN),
        ("zibo-2022-2024-key-tasks.txt", model.KIND_TASKS),
    ]:
        assert parse_file(SOURCES + name).kind == kind, name
