"""Which figures of a clause are targets, and how they fall into measures (one per indicator)."""

from __future__ import annotations

import pytest

from tui_shishi.parse.quantities import find_quantities
from tui_shishi.parse.targets import target_measures, target_quantities


def measures(clause: str) -> list[list[str]]:
    return [[q.text for q in measure] for measure in target_measures(clause)]


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("为2万名新就业形态劳动者赠送1年期专项综合互助保障", ["2万名"]),
        ("65岁以上的老年人签约率达到75%", ["75%"]),
        ("一、二、三级医疗机构报销比例分别达到80%、70%、60%", ["80%", "70%", "60%"]),
        ("对备案托育机构在托普惠性托位按照二孩500元、三孩600元每人每月进行补助(机构和托育家庭各补助50%)", ["500元", "600元"]),
        ("将参保居民住院分娩医疗费补助标准由1000元提高至3000元", ["3000元"]),
        ("参保居民门诊统筹报销比例提升至65%(“两病”人员提升至75%)", ["65%"]),
        ("新增3岁以下婴幼儿托位4000个以上", ["4000个以上"]),
        ("在16家农贸市场开展食用农产品快速检测抽检14万批次以上", ["14万批次以上"]),
        ("推动标准化站点达到760个以上，助力乡村振兴", ["760个以上"]),
        ("推动地铁6号线一期开通运营", []),
    ],
)
def test_target_quantities(clause: str, expected: list[str]) -> None:
    assert [q.text for q in target_quantities(clause)] == expected


def test_target_after_anchor_not_after_deadline() -> None:
    assert measures("筹资标准提高至每人每年60元") == [["60元"]]
    assert measures("到2024年,新改扩建公办幼儿园103处,每年招聘800人以上") == [["800人以上"]]
    assert measures("扩建医保工作站至200家，到年底完成") == [["200家"]]
    assert measures("养老护理员人数由2000人增加到4000人") == [["4000人"]]


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        # figure before its noun, 、/和-joined: each figure its own measure
        ("三年打造10所以上省级特色高中、4个以上省级学科基地", [["10所以上"], ["4个以上"]]),
        ("为60公里气、热管网和27座重点桥梁安装感知监测设备", [["60公里"], ["27座"]]),
        ("完成全市100万户天然气居民用户更换金属软管和11万户老旧小区户内燃气设施改造工程", [["100万户"], ["11万户"]]),
        # figure after its own noun, labelled: each its own measure, even in one unit
        ("建设以助餐功能为主的社区(村)养老服务站600处、示范性失智老年人日间照护中心10处", [["600处"], ["10处"]]),
        ("开展“公园+”文体科教活动100场以上、乡村体育活动100场以上", [["100场以上"], ["100场以上"]]),
        ("打造有名医坐诊的高水平国医馆20个、中医药特色突出的国医阁100个", [["20个"], ["100个"]]),
        ("改造老旧小区7.5万户、665万平方米", [["7.5万户"], ["665万平方米"]]),
    ],
)
def test_several_measures_in_one_clause(clause: str, expected: list[list[str]]) -> None:
    assert measures(clause) == expected


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("一、二、三级医疗机构报销比例分别达到80%、70%、60%", [["80%", "70%", "60%"]]),
        ("达到省提升标准、国家推荐标准占比分别不低于70%和30%", [["不低于70%", "30%"]]),
        ("对备案托育机构在托普惠性托位按照二孩500元、三孩600元每人每月进行补助", [["500元", "600元"]]),
        ("按照城市每小时15元、农村每小时10元的标准", [["15元", "10元"]]),
        ("每人每月分别提供60小时、45小时、30小时照料护理服务", [["60小时", "45小时", "30小时"]]),
    ],
)
def test_values_of_one_measure_stay_one_measure_first_value_first(clause: str, expected: list[list[str]]) -> None:
    got = target_measures(clause)
    assert [[q.text for q in m] for m in got] == expected
    (measure,) = got
    assert all(clause[q.start : q.end] == q.text for q in measure)


def test_labels_stay_on_the_values_of_one_measure() -> None:
    (measure,) = target_measures("对备案托育机构在托普惠性托位按照二孩500元、三孩600元每人每月进行补助")
    assert [(q.label, q.value) for q in measure] == [("二孩", 500), ("三孩", 600)]


def test_formula_terms_are_not_targets() -> None:
    clause = "构建1所领航高中+1所合作高校+N所参与高中的“1+1+N”拔尖创新后备人才培养模式"
    assert [q.text for q in find_quantities(clause)] == ["1所", "1所"]
    assert target_measures(clause) == []
    assert measures("三年打造10所以上省级特色高中、4个以上省级学科基地,构建1所领航高中+1所合作高校的模式") == [
        ["10所以上"],
        ["4个以上"],
    ]


def test_qualifier_after_a_short_noun() -> None:
    (quantity,) = find_quantities("全市传染病临床诊疗规模达到1000张床位以上")
    assert (quantity.text, quantity.value, quantity.unit, quantity.qualifier) == ("1000张床位以上", 1000, "张", "以上")
    assert [q.text for q in find_quantities("建设3所学校以下简称")] == ["3所"]  # 以下 opens what follows


def test_first_label_drops_its_verb() -> None:
    found = find_quantities("全市省级景区化村庄达到60个以上、风情田园休闲游线路10条以上")
    assert [q.label for q in found] == ["全市省级景区化村庄", "风情田园休闲游线路"]
