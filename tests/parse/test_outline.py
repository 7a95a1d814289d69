"""The outline pass: which lines are items, sections and sub-items, whatever the numbering."""

from __future__ import annotations

import pytest

from tui_shishi import model
from tui_shishi.parse import numbering, outline, parse_bytes
from tui_shishi.parse.text import fold, split_lines


def items_of(text: str) -> list[tuple[int | None, str]]:
    found = outline.outline(split_lines(text))
    return [(b.number, b.head if b.cells is None else b.cells.get("content", "")) for b in found.items]


@pytest.mark.parametrize(
    ("line", "scheme", "value"),
    [
        ("第十二件：新建公园", "jian", 12),
        ("第3项 改造道路", "jian", 3),
        ("【二】教育", "bracket", 2),
        ("三、 扩大就业", "cn", 3),
        ("（四）医疗", "paren_cn", 4),
        ("〔五〕养老", "paren_cn", 5),
        ("7.就业方面", "arabic", 7),
        ("7、就业", "arabic", 7),
        ("7。就业", "arabic", 7),
        ("7，就业", "arabic", 7),
        ("7）就业", "arabic", 7),
        ("7．就业", "arabic", 7),
        ("(7)就业", "paren_arabic", 7),
        ("⑦就业", "circled", 7),
        ("⑫就业", "circled", 12),
        ("●新建", "bullet", None),
        ("——加快", "bullet", None),
    ],
)
def test_every_numbering_scheme_of_the_genre(line, scheme, value):
    m = numbering.marker(line, fold(line))
    assert (m.scheme, m.value) == (scheme, value)


@pytest.mark.parametrize("line", ["1.5万人参加培训", "12月27日,召开会议", "2023年民生实事", "第一名金寨县", "(第1号)", "3000人以上"])
def test_figures_and_dates_are_not_markers(line):
    m = numbering.marker(line, fold(line))
    assert m is None or m.scheme == "bullet"


def test_the_scheme_that_counts_on_is_the_items_one_that_restarts_is_parts():
    # 一、 items with 1. 2. sub-tasks that start again under each item.
    text = "一、新建公园10个。\n1.东区公园5个\n2.西区公园5个\n二、改造道路20条。\n1.东区道路10条\n三、新建学校3所。\n"
    assert [n for n, _ in items_of(text)] == [1, 2, 3]
    # 一、 report sections with items 1、… counting on through them.
    text = "一、总体情况\n二、项目进展\n1、道路工程，牵头部门:市交通局。\n2、供水工程，牵头部门:市水利局。\n3、住房工程。\n"
    found = outline.outline(split_lines(text))
    assert [b.number for b in found.items] == [1, 2, 3] and [b.number for b in found.sections] == [1, 2]


def test_circled_digits_and_bullets_number_items():
    assert [n for n, _ in items_of("县2030年民生实事:\n①道路建设项目;\n②供水改造工程;\n③学校提升工程。\n")] == [1, 2, 3]
    assert len(items_of("十件事:\n●新建公园10个。\n●改造道路20条。\n●新建学校3所。\n")) == 3


def test_a_damaged_bullet_inside_the_run_is_an_item_and_flagged():
    text = "以下十件事:\n——加快道路建设,完成10公里。\n一加强市容整治,改造人行道20万平方米。\n_治理排水设施,清淤5公里。\n——增加公交车辆100部。\n——新建学校3所。\n"
    found = outline.outline(split_lines(text))
    assert len(found.items) == 5
    assert [f.kind for f in found.flags] == [model.FLAG_DAMAGED_MARKER] * 2


def test_paragraphs_opening_with_a_title_sentence_are_items():
    text = "截至6月底,各项目进展顺利,多数达到时序进度。\n提高低保标准。截至6月底,标准提高到3000元。\n推进养老服务。开工幸福院229个。\n完善体育设施。开展活动800场次。\n"
    assert [head[:6] for _n, head in items_of(text)] == ["提高低保标准", "推进养老服务", "完善体育设施"]


def test_a_flattened_table_is_read_by_its_row_numbers():
    text = (
        "1、2030年民生实事分解表序号项目名称主要内容牵头单位配合单位1增加学位新建学校12个,增加学位5000个。教育局各街道"
        "2促进就业新增就业15000人。人社局各街\n2、道3改造小区改造小区30个。住建局各街道\n"
    )
    rows = items_of(text)
    assert [n for n, _ in rows] == [1, 2, 3]
    assert rows[1][1].startswith("促进就业") and "各街道" in rows[1][1]  # the page marker 2、 removed


def test_a_table_row_without_its_number_continues_the_item_above():
    text = "序号 | 项目内容 | 进展情况 | 责任单位 |\n1 | 新建学校5所。 | 已建成3所。 | 教育局 |\n新增学位600个。 | 新增学位400个。 | ||\n2 | 改造道路10条。 | 已完成8条。 | 交通局 |\n"
    found = outline.outline(split_lines(text))
    assert [b.number for b in found.items] == [1, 2]
    (row,) = found.items[0].children
    assert row.cells["content"] == "新增学位600个。" and row.cells["progress"] == "新增学位400个。"


def test_a_table_copied_one_cell_per_line():
    text = "2030年民生实事分解表\n序号\n项目名称\n主要内容\n牵头单位\n1\n教育\n新建学校5所。\n教育局\n2\n就业\n新增就业1万人。\n人社局\n"
    found = outline.outline(split_lines(text))
    assert [b.number for b in found.items] == [1, 2]
    assert found.items[1].cells["content"] == "新增就业1万人。"
    doc = parse_bytes(text.encode())
    assert [(d.name, d.role) for d in doc.items[0].departments] == [("教育局", model.ROLE_LEAD)]
    assert [i.target.text for i in doc.items[1].indicators] == ["1万人"]


def test_unnumbered_lines_naming_projects_are_items():
    text = "区政府2030年民生实事项目为:\n新民社区改造项目;\n移动公厕新建项目;\n农村公路建设工程;\n现予以公告。\n"
    assert [head for _n, head in items_of(text)] == ["新民社区改造项目;", "移动公厕新建项目;", "农村公路建设工程;"]
