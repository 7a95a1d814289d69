"""Year-end reports (第N件：targets（责任单位：…）, then 完成情况：actuals)."""

import datetime as dt

import pytest

from tui_shishi import model
from tui_shishi.parse import parse_bytes, parse_file

SEED = "data/sources/qingdao-2025-year-end-report.txt"


@pytest.fixture(scope="module")
def seed():
    return parse_file(SEED)


def item(doc, number):
    return next(i for i in doc.items if i.number == number)


def all_observations(it):
    return [o for ind in it.indicators for o in ind.observations] + it.progress


def test_seed_shape(seed):
    assert seed.format == "jian" and seed.kind == model.KIND_FINAL
    assert [i.number for i in seed.items] == list(range(1, 16))
    assert seed.as_of == dt.date(2025, 12, 31)
    for it in seed.items:
        assert it.departments and all(d.role == model.ROLE_RESPONSIBLE for d in it.departments), it.number
        assert any(o.actual is not None for o in all_observations(it)), it.number
        assert not any(f.kind == model.FLAG_NOT_UNDERSTOOD for f in it.flags), it.number


def test_seed_departments_and_target_text(seed):
    first = item(seed, 1)
    assert [d.name for d in first.departments] == ["市人力资源社会保障局", "市总工会"]
    assert "责任单位" not in first.text and first.title == "完善重点群体就业创业支持措施和服务体系"


def test_seed_all_percents_bound(seed):
    with_percent = [o for it in seed.items for o in all_observations(it) if o.percent_of_plan is not None]
    assert len(with_percent) == 17
    # 第6件: 3所开工 and 17所续建完工 are 100% of 20所 together; no one figure is the result.
    (together,) = [o for o in with_percent if o.actual is None]
    (schools,) = [i for i in item(seed, 6).indicators if together in i.observations]
    assert schools.target.text == "20所" and together.percent_of_plan == 100
    assert not [f for f in seed.all_flags() if f.kind == model.FLAG_UNBOUND_PERCENT]


def indicator(it, text):
    return next(i for i in it.indicators if text in i.text)


def test_seed_percent_links_to_its_target(seed):
    startups = indicator(item(seed, 1), "扶持创业3万人")
    (obs,) = startups.observations
    assert (obs.actual.value, obs.percent_of_plan, obs.line) == (38400, 128, 17)
    assert obs.as_of == dt.date(2025, 12, 31)


def test_seed_actual_without_percent_binds_by_words(seed):
    insured = indicator(item(seed, 1), "参保人数达到20万人以上")
    assert [o.actual.text for o in insured.observations] == ["22.78万人"]
    transport = item(seed, 3)
    assert [o.actual.text for o in indicator(transport, "停车位").observations] == ["1.34万个"]
    assert [o.actual.text for o in indicator(transport, "充电桩").observations] == ["3.58万个"]


def test_seed_words_only_progress(seed):
    (jobs,) = indicator(item(seed, 1), "新增就业35万人").observations
    assert jobs.qualitative and jobs.percent_of_plan is None
    estates = item(seed, 7)
    assert all(o.qualitative for o in all_observations(estates))
    assert all(len(i.observations) == 1 for i in estates.indicators)
    platform = indicator(item(seed, 5), "建成助残业务联办平台")
    assert platform.target is None and platform.observations[0].qualitative


def test_seed_captions_are_chrome(seed):
    lines = {f.line for f in seed.flags if f.kind == model.FLAG_CHROME_STRIPPED}
    assert {7, 21, 29, 69} <= lines
    assert not any("■" in n for it in seed.items for n in it.notes)


VARIANT = """2022年某某市民生实事完成情况
第一件：新建公园10个，改造道路20条。（責任單位：市園林局、市交通局）
完成情況：新建公園12個，占年計劃的120%；改造道路18條。
第十二件：建成社区食堂5处。(责任单位:市民政局)
"""


def test_variant_traditional_half_width_and_missing_report():
    doc = parse_bytes(VARIANT.encode("utf-8-sig"))
    assert doc.encoding == "utf-8-sig" and doc.format == "jian"
    first, twelfth = doc.items
    assert (first.number, twelfth.number) == (1, 12)
    # names are identities across documents: Simplified; the published form stays in raw
    assert [d.name for d in first.departments] == ["市园林局", "市交通局"]
    assert first.departments[0].raw == "市園林局"
    parks, roads = first.indicators
    assert parks.observations[0].percent_of_plan == 120
    assert roads.observations[0].actual.value == 18 and roads.observations[0].percent_of_plan is None
    assert [d.name for d in twelfth.departments] == ["市民政局"]
    assert any(f.kind == model.FLAG_NOT_UNDERSTOOD and "完成情况" in f.detail for f in twelfth.flags)
    assert any(f.kind == model.FLAG_MISSING_ITEMS for f in doc.flags)


def test_report_over_two_paragraphs_is_read_whole():
    text = "2022年某某市办实事\n第1件：新建公园10个，改造道路20条。（责任单位：市园林局）\n完成情况：新建公园12个，占年计划的120%。\n改造道路20条，占年计划的100%。\n"
    doc = parse_bytes(text.encode())
    parks, roads = doc.items[0].indicators
    assert roads.observations[0].percent_of_plan == 100 and roads.observations[0].line == 4


def test_seed_second_figure_of_a_clause_links_its_actual(seed):
    monitors = [i for i in item(seed, 14).indicators if "感知监测" in i.text]
    assert [i.target.text for i in monitors] == ["60公里", "27座"]
    km, bridges = monitors
    assert [(o.actual.text, o.percent_of_plan) for o in km.observations] == [("74公里", 123.3)]
    assert [(o.actual.text, o.percent_of_plan) for o in bridges.observations] == [("27座", 100)]


def test_seed_parts_of_a_total_are_never_the_result(seed):
    # 管网186.2公里，其中供排水管网39.2公里，供热管网79公里，供气管网68公里: the total answers the
    # target; the parts stay among the item's figures, never read as its actual.
    pipes = indicator(item(seed, 14), "170公里")
    assert [o.actual.text for o in pipes.observations] == ["186.2公里"]
    parts = [o.actual.text for o in item(seed, 14).progress if o.actual]
    assert parts == ["39.2公里", "79公里", "68公里"]
    rates = indicator(item(seed, 10), "提升至65%")
    assert [o.actual.text for o in rates.observations] == ["65%"]
    assert "75%" in [o.actual.text for o in item(seed, 10).progress if o.actual]


def test_seed_actual_far_out_of_scale_is_not_linked(seed):
    threshold = indicator(item(seed, 10), "降至800元")
    assert [o.actual.text for o in threshold.observations] == ["800元"]
    assert "约96.4亿元" in [o.actual.text for o in item(seed, 10).progress if o.actual]


def test_part_with_its_own_percent_reports_on_its_own():
    text = "2022年某某市办实事\n第1件：新建公园10个，完工公园8个。（责任单位：市园林局）\n完成情况：开工公园12个，占年计划的120%，其中9个已完工，占年计划的112.5%；其中小公园5个。\n"
    doc = parse_bytes(text.encode())
    built, done = doc.items[0].indicators
    assert [o.actual.text for o in built.observations] == ["12个"]
    assert [o.actual.text for o in done.observations] == ["9个"]
    assert [o.actual.text for o in doc.items[0].progress] == ["5个"]  # a part of 9个, not a result


def test_a_percent_figure_linked_to_no_target_is_flagged_not_dropped():
    from tui_shishi.parse import parse_bytes

    text = "第1件：新建学校20所。（责任单位：市教育局）\n完成情况：推动3所学校开工，15所学校续建完工，占年计划的100%。\n"
    doc = parse_bytes(text.encode(), "t.txt", city="示例", year=2030)
    item = doc.items[0]
    unlinked = [o for o in item.progress if o.percent_of_plan is not None]
    flags = [f for f in item.flags if f.kind == "number_not_parsed"]
    # the figure stays with its sentence, and the missing link is said, not guessed
    assert all(o.sentence for o in unlinked)
    assert len(flags) == len(unlinked) == 1  # 15所, or 18所 together, of 20所 is not 100%: no link
    for obs, flag in zip(unlinked, flags):
        assert obs.actual.text in flag.detail and flag.item_number == 1
