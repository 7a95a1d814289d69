"""Progress reports (一、 sections with targets, N. items with 占年计划 actuals)."""

import datetime as dt

import pytest

from tui_shishi import model
from tui_shishi.parse import numbering, parse_bytes, parse_file

SEED = "data/sources/qingdao-2020-progress-october.txt"


@pytest.fixture(scope="module")
def seed():
    return parse_file(SEED)


def observations(doc):
    return [o for i in doc.items for ind in i.indicators for o in ind.observations] + [o for i in doc.items for o in i.progress]


def item(doc, number):
    return next(i for i in doc.items if i.number == number)


def test_seed_shape(seed):
    assert seed.format == "arabic" and seed.kind == model.KIND_PROGRESS
    assert len(seed.sections) == 12 and [s.key for s in seed.sections][-1] == "十二"
    assert [i.number for i in seed.items] == list(range(1, 37))
    assert seed.as_of == dt.date(2020, 10, 31)
    assert not [f for f in seed.all_flags() if f.kind in (model.FLAG_MISSING_ITEMS, model.FLAG_OUT_OF_ORDER)]


def test_seed_all_percents_bound(seed):
    with_percent = [o for o in observations(seed) if o.percent_of_plan is not None]
    assert len(with_percent) == 50
    assert all(o.actual is not None and o.percent_text for o in with_percent)
    assert not [f for f in seed.all_flags() if f.kind == model.FLAG_UNBOUND_PERCENT]
    assert all(o.as_of == dt.date(2020, 10, 31) for o in observations(seed))


def test_seed_section_targets(seed):
    first = seed.sections[0]
    assert first.title == "促进城乡就业创业" and first.line == 5
    assert [i.target.value for i in first.indicators if i.target] == [300000, 15000, 50000, 250000]


def test_seed_observation_linked_to_section_target(seed):
    first = item(seed, 1)
    assert first.section == "一"
    employed = first.indicators[0]
    assert employed.text == "城镇新增就业30万人" and employed.target.value == 300000
    (obs,) = employed.observations
    assert obs.actual.value == 415800 and obs.percent_of_plan == 138.6 and obs.line == 7
    assert obs.sentence[obs.actual.start : obs.actual.end] == obs.actual.text == "41.58万人"


def test_seed_unmatched_figure_keeps_no_target(seed):
    # 公共租赁住房 is not among the section's targets: the indicator has none, never an invented one.
    housing = item(seed, 6)
    assert all(i.target is None for i in housing.indicators)
    assert [i.observations[0].percent_of_plan for i in housing.indicators] == [137.1, 86.1, 112.1]


def test_seed_respectively_percents(seed):
    greening = item(seed, 17)
    assert [i.observations[0].percent_of_plan for i in greening.indicators] == [100, 132.1, 164, 163.2]


def test_seed_progress_in_words(seed):
    vaccine = item(seed, 14)
    assert not vaccine.indicators
    assert [o.qualitative for o in vaccine.progress] == [True]
    assert vaccine.progress[0].sentence.startswith("已完成全部设施设备采购程序")


def test_seed_byline_and_footer_are_chrome(seed):
    chrome = [f for f in seed.flags if f.kind == model.FLAG_CHROME_STRIPPED]
    assert {f.line for f in chrome} >= {99, 101}
    assert "薛华飞" not in item(seed, 36).text


SMALL = """某某市2021年民生实事进展情况(截至6月底)
一、促進就業,城鎮新增就業10萬人,建設公園20個
1.就業方面,城鎮新增就業6萬人,占年計劃的60%。
2.公園方面,建成公園12個,占年计划60%;其余已全部开工。
二、改善出行,新增公交线路5条
3.公交方面,已完成线路规划,正在招标。
"""


def test_small_report_gbk_crlf_traditional():
    data = SMALL.replace("\n", "\r\n").encode("gbk")
    doc = parse_bytes(data)
    assert doc.encoding == "gb18030" and doc.format == "arabic"
    assert doc.as_of == dt.date(2021, 6, 30)
    assert [s.key for s in doc.sections] == ["一", "二"]
    jobs, parks, buses = doc.items
    assert jobs.indicators[0].target.value == 100000
    assert jobs.indicators[0].observations[0].percent_of_plan == 60
    assert parks.indicators[0].target.value == 20 and parks.indicators[0].observations[0].actual.value == 12
    assert parks.section == "一" and buses.section == "二"
    assert buses.progress and all(o.qualitative for o in buses.progress)


def test_inconsistent_percent_refuses_the_link():
    text = "2021年某某市办实事进展\n一、建设公园20个\n1.公园方面,建成口袋公园5个,占年计划的90%。\n"
    doc = parse_bytes(text.encode())
    (indicator,) = doc.items[0].indicators
    assert indicator.target is None  # 5 / 20 is 25%, not 90%: not this target
    assert indicator.observations[0].percent_of_plan == 90


def test_decimal_line_is_not_an_item():
    assert numbering.marker("1.5万人参加培训", "1.5万人参加培训") is None
    assert numbering.marker("12.就业方面", "12.就业方面").value == 12


def test_inconsistent_percent_with_unmistakable_words_is_linked_and_flagged():
    text = "2021年某某市办实事进展\n一、完成职业技能培训5万人\n1.培训方面,职业技能培训3万人,占年计划的90%。\n"
    doc = parse_bytes(text.encode())
    (indicator,) = doc.items[0].indicators
    assert indicator.target.value == 50000
    (flag,) = [f for f in doc.all_flags() if f.kind == model.FLAG_INCONSISTENT]
    assert flag.item_number == 1 and "90%" in flag.detail


def test_part_of_a_total_goes_with_the_total():
    text = "2021年某某市办实事进展\n一、新建管网100公里\n1.管网方面,新建管网80公里,占年计划的80%,其中供水管网30公里、燃气管网50公里。\n"
    doc = parse_bytes(text.encode())
    (indicator,) = doc.items[0].indicators
    assert indicator.target.value == 100
    # 其中 parts are the item's figures, never the indicator's result.
    assert [o.actual.text for o in indicator.observations] == ["80公里"]
    assert [o.actual.text for o in doc.items[0].progress] == ["30公里", "50公里"]
