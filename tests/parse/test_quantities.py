"""Figures and percents of plan, on sentences taken from the seed documents (targets: test_targets)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_shishi.parse.clauses import split_sentences
from tui_shishi.parse.quantities import (
    bind_percents,
    find_percents_of_plan,
    find_quantities,
    parse_quantity,
)
from tui_shishi.parse.targets import target_quantities


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("35万人", 350000, "人", ""),
        ("1.65万个", 16500, "个", ""),
        ("640万平方米以上", 6400000, "平方米", "以上"),
        ("不少于30个", 30, "个", "不少于"),
        ("3.7万个以上", 37000, "个", "以上"),
        ("20万个以上", 200000, "个", "以上"),
        ("约227万平方米", 2270000, "平方米", "约"),
        ("两条", 2, "条", ""),
        ("十二件", 12, "件", ""),
        ("三千人", 3000, "人", ""),
        ("３５万人", 350000, "人", ""),
        ("约5.8亿元", 580000000, "元", "约"),
        ("4500余株", 4500, "株", "余"),
        ("230多个村庄", 230, "个", "多"),
        ("14.94万批次", 149400, "批次", ""),
        ("61.17万人次", 611700, "人次", ""),
        ("0.8个百分点", 0.8, "个百分点", ""),
        ("不低于75%", 75, "%", "不低于"),
        ("65%左右", 65, "%", "左右"),
    ],
)
def test_parse_quantity(text: str, value: float, unit: str, qualifier: str) -> None:
    q = parse_quantity(text)
    assert q is not None
    assert q.value == pytest.approx(value)
    assert (q.unit, q.qualifier) == (unit, qualifier)
    assert q.is_percent == (unit == "%")


def test_percent_and_published_forms_kept() -> None:
    q = parse_quantity("签约率达到７５％")
    assert q is not None and q.value == 75 and q.is_percent
    # the unit is normalised for comparison; the published form stays in text
    assert q.unit == "%" and q.text == "７５％"


def test_unreadable_digits_give_value_none() -> None:
    q = parse_quantity("新增1..5万个")
    assert q is not None and q.value is None and q.text == "1..5万个"


def test_nothing_to_read() -> None:
    assert parse_quantity("全面完成目标任务") is None
    assert find_quantities("") == []


def texts(text: str) -> list[str]:
    return [q.text for q in find_quantities(text)]


def test_find_quantities_offsets_are_into_the_input() -> None:
    text = "（一）完成城中村改造回迁项目１０个；建筑面积约227万平方米。"
    found = find_quantities(text)
    assert [text[q.start : q.end] for q in found] == [q.text for q in found] == ["１０个", "约227万平方米"]


def test_percent_lists_and_labels() -> None:
    assert texts("一、二、三级医疗机构报销比例分别达到80%、70%、60%") == ["80%", "70%", "60%"]
    found = find_quantities("对备案托育机构在托普惠性托位按照二孩500元、三孩600元每人每月进行补助")
    assert [(q.value, q.label) for q in found] == [(500, "二孩"), (600, "三孩")]
    assert texts("将参保居民住院分娩医疗费补助标准由1000元提高至3000元") == ["1000元", "3000元"]


def test_labels_only_for_lists() -> None:
    found = find_quantities("新增公共停车位1.34万个、新能源汽车充电桩3.58万个")
    assert [q.label for q in found] == ["新增公共停车位", "新能源汽车充电桩"]
    assert [q.label for q in find_quantities("扶持创业3.84万人，占年计划的128%")] == ["", ""]


@pytest.mark.parametrize(
    "text",
    [
        "2024年10月底前",
        "自2025年1月1日起",
        "初步计划于11月中旬试运行",
        "3月底前,7月份,开展7-9月份测评",
        "第二届、第1批次、第15件",
        "心理援助热线（0532-58525525）",
        "推动地铁6号线一期开通运营",
        "发布时间:2022-01-24 10:25:39",
        "65岁以上、60周岁、4-6年级、3岁以下",
        "一、二、三级医疗机构",
        "实现“三高一慢”健康管理，“两网”融合，“4个100%”",
        "建设“家庭医生‘健康守护’一张网”，进一步提升",
        "完成二次视觉健康筛查，二期工程",
        "推进5G建设，PM2.5浓度，12345热线",
        "赠送1年期专项综合互助保障，三年新改扩建",
    ],
)
def test_not_quantities(text: str) -> None:
    assert texts(text) == []


def test_item_numbers_at_line_start_are_not_quantities() -> None:
    text = "1.就业方面,新增就业41.58万人\n  12、建成50个以上\n(三)改造3处\n7\t新增停车泊位2万个以上"
    assert texts(text) == ["41.58万人", "50个以上", "3处", "2万个以上"]


def test_seed_sentence_of_2020_progress() -> None:
    text = "已启动岘山、老虎山一期等8个郊野(山头)公园绿化提升,建成口袋公园37个,启动立体绿化82处,实施绿道建设81.6公里,分别占年计划的100%、132.1%、164%和163.2%。"
    assert texts(text)[:4] == ["8个", "37个", "82处", "81.6公里"]


def test_range_reads_lower_end_and_keeps_text() -> None:
    q = parse_quantity("每所普通高中学校建设2—3个特色学科教室")
    assert q is not None and (q.value, q.unit, q.text) == (2, "个", "2—3个")


def test_find_percents_of_plan_forms() -> None:
    text = "占年计划的138.6%;占年计划200%;占全年计划的90%;完成年计划的80％;为年计划的75%;完成施工量的90%"
    found = find_percents_of_plan(text)
    assert [p.value for p in found] == [138.6, 200, 90, 80, 75]
    assert [p.group for p in found] == [0, 1, 2, 3, 4]
    assert found[3].text == "80％" and text[found[3].start : found[3].end] == "80％"


def test_respectively_group() -> None:
    text = "组织425名劳模和5000名职工疗休养,分别占年计划的106.3%和100%;组织职工健康体检2.5万人"
    found = find_percents_of_plan(text)
    assert [(p.value, p.group, p.respectively) for p in found] == [(106.3, 0, True), (100, 0, True)]
    assert [text[p.start : p.end] for p in found] == ["106.3%", "100%"]


def pairs(text: str) -> list[tuple[str, float | None]]:
    bound, unbound = bind_percents(text)
    assert unbound == []
    return [(q.text, p.value) for q, p in bound]


def test_bind_four_respectively() -> None:
    text = "已启动岘山、老虎山一期等8个郊野(山头)公园绿化提升,建成口袋公园37个,启动立体绿化82处,实施绿道建设81.6公里,分别占年计划的100%、132.1%、164%和163.2%。"
    assert pairs(text) == [("8个", 100), ("37个", 132.1), ("82处", 164), ("81.6公里", 163.2)]


def test_bind_single_skips_brackets_and_other_percents() -> None:
    assert pairs("全市城镇新增就业41.58万人(按照国家最新统计方法修正),占年计划的138.6%") == [("41.58万人", 138.6)]
    text = "100处健身场地已全部开工,占年计划的100%;其中52处已完成,占年计划的52%,其它场地也已完成施工量的90%"
    assert pairs(text) == [("100处", 100), ("52处", 52)]


def test_unbound_percent_is_not_guessed() -> None:
    bound, unbound = bind_percents("工程进展顺利,占年计划的100%。完成设施3处,分别占年计划的100%和50%")
    assert bound == []
    assert [p.value for p in unbound] == [100, 100, 50]


def test_bind_stays_in_its_sentence() -> None:
    bound, unbound = bind_percents("完成3处。已全部开工,占年计划的100%")
    assert bound == [] and len(unbound) == 1


def seed_sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(("name", "count"), [("qingdao-2020-progress-october.txt", 50), ("qingdao-2025-year-end-report.txt", 17)])
def test_every_seed_percent_binds(sources_dir, name: str, count: int) -> None:
    text = (sources_dir / name).read_text(encoding="utf-8")
    assert len(find_percents_of_plan(text)) == count
    bound, unbound = bind_percents(text)
    assert len(bound) == count and unbound == []
    for quantity, percent in bound:
        assert quantity.end <= percent.start
        assert text[quantity.start : quantity.end] == quantity.text


def test_seed_year_end_pairs(sources_dir) -> None:
    text = (sources_dir / "qingdao-2025-year-end-report.txt").read_text(encoding="utf-8")
    got = {(q.text, p.value) for q, p in bind_percents(text)[0]}
    assert {("20个", 200), ("74公里", 123.3), ("27座", 100), ("700个", 100), ("17所", 100)} <= got


CHARS = "0123456789０１２３.．,，、%％万亿千百十一二两三四五六七八九第年月日号岁个人元处以上下约不少于占年计划的分别和()（）“”〔〕\n -—:"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(CHARS), max_size=40) | st.text(max_size=30))
def test_arbitrary_text_never_raises(text: str) -> None:
    for quantity in find_quantities(text):
        assert text[quantity.start : quantity.end] == quantity.text
    found = find_quantities(text)
    # a clause's targets are among its figures; the first figure is parse_quantity's
    assert {(q.start, q.end) for q in target_quantities(text)} <= {(q.start, q.end) for q in found}
    assert parse_quantity(text) == (found[0] if found else None)
    for percent in find_percents_of_plan(text):
        assert text[percent.start : percent.end] == percent.text
    bound, unbound = bind_percents(text)
    assert len(bound) + len(unbound) == len(find_percents_of_plan(text))


def test_more_forms() -> None:
    found = find_quantities("建设3至5家，将近300万人，百分之八十，示范镇(街道)15个、示范村200个")
    assert [(q.text, q.value) for q in found] == [
        ("3至5家", 3),
        ("将近300万人", 3000000),
        ("百分之八十", 80),
        ("15个", 15),
        ("200个", 200),
    ]
    assert found[1].qualifier == "将近" and found[2].is_percent
    assert [q.label for q in found[3:]] == ["示范镇(街道)", "示范村"]
    assert parse_quantity("家庭医生签约3000户").qualifier == ""  # 签约 is not 约 (about)


def test_units_compare_across_scripts_and_widths():
    # a Traditional progress report must compare with a Simplified plan: 個 is 个
    traditional, simplified = parse_quantity("5000個"), parse_quantity("5000个")
    assert traditional.unit == simplified.unit == "个"
    assert traditional.text == "5000個"
