"""The content pass: roles of lines and sentences decide what becomes a target or a result."""

from __future__ import annotations

from tui_shishi import model
from tui_shishi.parse import parse_bytes


def only_item(text: str) -> model.Item:
    (item,) = parse_bytes(text.encode()).items
    return item


def test_a_percent_of_several_figures_together_answers_the_whole_target():
    item = only_item(
        "2030年某某市民生实事完成情况\n第1件：新建和续建学校20所。（责任单位：市教育局）\n完成情况：3所开工，17所续建完工，占年计划的100%。\n"
    )
    (schools,) = item.indicators
    assert [(o.actual, o.percent_of_plan) for o in schools.observations] == [(None, 100.0)]
    # The figures stay with their sentence, neither shown as the result.
    assert [(o.actual.text, o.percent_of_plan) for o in item.progress] == [("3所", None), ("17所", None)]
    assert not [f for f in item.flags if f.kind == model.FLAG_NUMBER_NOT_PARSED]


def test_a_percent_of_figures_together_counts_only_those_since_the_previous_percent():
    # Two batches in one sentence, each 100% of 20所: the second percent is of 5所 and 15所,
    # not of every figure of the sentence before it (3所 belongs to the first batch).
    item = only_item(
        "2030年某某市民生实事完成情况\n第1件：新建和续建学校20所。（责任单位：市教育局）\n"
        "完成情况：一期3所开工，17所续建完工，占年计划的100%；二期5所开工，15所续建完工，占年计划的100%。\n"
    )
    (schools,) = item.indicators
    assert [(o.actual, o.percent_of_plan) for o in schools.observations] == [(None, 100.0), (None, 100.0)]
    assert [o.actual.text for o in item.progress] == ["3所", "17所", "5所", "15所"]


def test_an_item_rate_is_the_items_progress():
    item = only_item("2030年某某市民生实事进展情况(截至6月底)\n一、新建公园10个。\n完成情况:已建成公园6个,整体完成率60%。\n")
    assert [o.actual.text for o in item.indicators[0].observations] == ["6个"]
    assert [o.percent_of_plan for o in item.progress if o.percent_of_plan is not None] == [60.0]


def test_percent_of_plan_phrasings_from_the_lexicon():
    text = "2030年某某市民生实事进展情况(截至6月底)\n一、新开工住房1000套;新增泊位2万个;建成公园10个。\n"
    text += "已开工住房688套,占计划任务的68.8%;新增泊位9925个,占年任务的49.6%;建成公园8个,完成全年目标的80%。\n"
    item = only_item(text)
    assert [o.percent_of_plan for i in item.indicators for o in i.observations] == [68.8, 49.6, 80.0]


def test_department_milestone_and_report_lines_take_their_roles():
    text = "2030年某某市惠民实事\n一、 扩大教育资源。新增公办幼儿园40所。\n牵头单位:市教育局\n责任单位:各县(市)区人民政府\n完成时限:2030年12月31日前\n"
    item = only_item(text)
    assert [(d.name, d.role) for d in item.departments][:2] == [
        ("市教育局", model.ROLE_LEAD),
        ("各县(市)区人民政府", model.ROLE_RESPONSIBLE),
    ]
    assert [i.target.text for i in item.indicators] == ["40所"]
    assert len(item.milestones) == 1


def test_a_list_voted_in_december_is_next_years():
    text = "12月27日,区人民代表大会于2029年12月27日投票表决,确定区政府2030年民生实事项目为3项:\n一、道路建设项目;\n二、供水改造项目;\n三、学校提升项目。\n"
    doc = parse_bytes(text.encode())
    assert (doc.year_start, len(doc.items)) == (2030, 3)


def test_a_county_document_names_its_place_under_its_city():
    doc = parse_bytes("岚皋县2030年十大民生实事:\n①岚皋县道路建设项目;\n②岚皋县供水改造工程;\n③岚皋县学校提升工程。\n".encode())
    assert (doc.city, doc.place, doc.place_level) == ("安康", "岚皋县", "county")


def test_a_document_cut_off_mid_item_is_kept_and_flagged():
    doc = parse_bytes("2030年某某市民生实事\n一、新建公园10个。\n二、城镇新增就业2万人,参保人数达到465".encode())
    assert len(doc.items) == 2
    assert [f.item_number for f in doc.all_flags() if f.kind == model.FLAG_TRUNCATED] == [2]


def test_spam_and_split_numbers_are_mended_before_reading():
    text = "截至6月底,201 7年某某市民生实事进展顺利。\n推进停车设施建设。新增泊位9925个,占年任务的49.63%。\n提升公共卫生。资金下达约10.1 7亿元,占计划90.56%。\n完善体育设施。资金下达1.01亿元,占计划99.47%。\n"
    doc = parse_bytes(text.encode())
    assert doc.year_start == 2017
    assert "约10.17亿元" in [o.actual.text for item in doc.items for o in item.progress if o.actual]
    assert model.FLAG_REPAIRED in {f.kind for f in doc.flags}


def test_a_list_numbered_by_xiang_under_bracketed_theme_sections():
    text = (
        "某某市2030年20项民生实事\n【一】民生保障\n第一项：城镇新增就业12万人以上。（牵头单位：市人社局）\n"
        "第二项：新增养老床位2000张。（牵头单位：市民政局）\n【二】教育医疗\n第三项：新建中小学15所，新增学位2万个。（牵头单位：市教育局）\n"
    )
    doc = parse_bytes(text.encode())
    assert (doc.kind, [s.title for s in doc.sections]) == (model.KIND_ANNOUNCED, ["民生保障", "教育医疗"])
    assert [(i.number, i.section) for i in doc.items] == [(1, "一"), (2, "一"), (3, "二")]
    assert [i.target.text for i in doc.items[2].indicators] == ["15所", "2万个"]


def test_a_report_numbered_in_brackets_with_its_own_targets():
    text = (
        "关于2030年市级民生实事项目前三季度推进情况的通报\n截止到9月30日，各项目总体进展顺利。\n"
        "（一）新建城市书房30个。已建成26个，完成年度任务的86.7%。\n"
        "（二）改造老旧小区100个。已开工112个，完成年度任务的112%，其中已完工60个。\n"
    )
    doc = parse_bytes(text.encode())
    assert (doc.kind, doc.as_of.isoformat()) == (model.KIND_PROGRESS, "2030-09-30")
    books, homes = (item.indicators[0] for item in doc.items)
    assert [(o.actual.text, o.percent_of_plan) for o in books.observations] == [("26个", 86.7)]
    assert [(o.actual.text, o.percent_of_plan) for o in homes.observations] == [("112个", 112.0)]
    assert [o.actual.text for o in doc.items[1].progress] == ["60个"]  # 其中: a part, not the result


def test_a_plan_range_inside_an_item_is_not_the_documents_period():
    doc = parse_bytes("某某市2030年民生实事\n第1件\n实施2021—2025年农村公路提升计划\n第2件：新建公园5个。\n".encode())
    assert doc.period == "2030"
