"""More variations of the genre: year-end reports numbered 一、/（一） instead of 第N件, and
beneficiary counts (惠及居民2.1万户) that say who benefits, not what is promised. Each test
failed before the parser learned the variation."""

import datetime as dt
from pathlib import Path

import pytest
from genre_fixtures import doc, targets_and_actuals

from tui_shishi import model
from tui_shishi.parse import parse_bytes, parse_file
from tui_shishi.parse.binding import target_indicators
from tui_shishi.parse.content import read_indicators
from tui_shishi.parse.targets import target_quantities

SOURCES = Path(__file__).parents[2] / "data" / "sources"


def test_year_end_report_numbered_with_chinese_numerals():
    d = doc("linyi-2024-year-end-numbered.txt")
    assert (d.city, d.year_start, d.kind, d.as_of) == ("临沂", 2024, model.KIND_FINAL, dt.date(2024, 12, 31))
    assert [i.number for i in d.items] == [1, 2, 3]
    assert [dep.name for dep in d.items[0].departments] == ["市住房城乡建设局", "市城市管理局"]
    # 惠及居民3.2万户 is who benefits, not a target: the two real targets take the two actuals
    assert targets_and_actuals(d.items[0]) == [(150, 158, 105.3), (5000, 5600, 112.0)]
    assert "惠及居民3.2万户" in d.items[0].text
    assert targets_and_actuals(d.items[1]) == [(600, 648, 108.0)]
    assert targets_and_actuals(d.items[2]) == [(3000, 3150, 105.0)]
    assert not any(f.kind == model.FLAG_NOT_UNDERSTOOD for f in d.all_flags())


def test_year_end_report_numbered_with_parenthesised_numerals():
    d = doc("zibo-2023-year-end-paren.txt")
    assert (d.city, d.kind) == ("淄博", model.KIND_FINAL)
    assert [i.number for i in d.items] == [1, 2]
    assert targets_and_actuals(d.items[0]) == [(40, 43, 107.5)]
    assert [dep.name for dep in d.items[1].departments] == ["市民政局", "市残联"]
    assert targets_and_actuals(d.items[1]) == [(12000, 12600, 105.0)]


def test_numbered_year_end_item_without_report_is_flagged():
    text = (
        "某市2024年民生实事完成情况\n"
        "一、新建社区食堂50处。（责任单位：市民政局）\n完成情况：新建社区食堂52处，占年计划的104%。\n"
        "二、改造农村公路800公里。（责任单位：市交通运输局）\n"
    )
    d = parse_bytes(text.encode())
    assert d.kind == model.KIND_FINAL and [i.number for i in d.items] == [1, 2]
    assert any(f.kind == model.FLAG_NOT_UNDERSTOOD and f.item_number == 2 for f in d.items[1].flags)


def test_numbered_list_without_completion_reports_is_not_a_year_end_report():
    text = (
        "2025年某市民生实事\n一、实施城镇老旧小区改造120个，新增停车泊位3000个。\n"
        "二、新增托育机构托位2000个，建设口袋公园30处。\n三、新建绿道50公里，改造农村公路800公里。\n"
    )
    assert parse_bytes(text.encode()).kind == model.KIND_ANNOUNCED


def test_progress_report_with_numbered_sections_is_not_a_year_end_report():
    d = parse_file(SOURCES / "qingdao-2020-progress-october.txt")
    assert d.kind == model.KIND_PROGRESS


@pytest.mark.parametrize(
    ("clause", "targets"),
    [
        ("实施城镇老旧小区改造120个，惠及居民2.1万户", ["120个"]),
        ("改造供水管网300公里，受益群众5万人", ["300公里"]),
        ("新建口袋公园40处，服务人口16万", ["40处"]),
        ("新建公园10处惠及周边居民8万人", ["10处"]),
        # a coverage rate or a service count is a target, not a beneficiary count
        ("家庭医生签约服务覆盖率达到80%", ["80%"]),
        ("建设社区养老服务站600处", ["600处"]),
        ("全市农村规模化供水服务人口稳定在96%以上", ["96%以上"]),
    ],
)
def test_beneficiary_counts_are_not_targets(clause, targets):
    assert [ind.target.text for ind in target_indicators(clause, 1, skip_theme=False) if ind.target] == targets
    assert [ind.target.text for ind in read_indicators(clause)] == targets
    assert all(q.text in targets for part in clause.split("，") for q in target_quantities(part))


def test_announced_summary_keeps_the_beneficiary_count_in_its_text_only():
    d = doc("yantai-2025-announced-numbered.txt")
    first = d.items[0]
    assert [i.target.text for i in first.indicators] == ["120个"]
    assert "惠及居民2.1万户" in first.text
