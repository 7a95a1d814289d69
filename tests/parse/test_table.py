"""The implementation-plan table reader: the 青岛 2023 seed, and tables laid out differently."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tui_shishi.model import FLAG_NOT_UNDERSTOOD, FLAG_UNKNOWN_FORMAT, KIND_PLAN, ROLE_CO, ROLE_LEAD, ROLE_RESPONSIBLE, Document
from tui_shishi.parse import content, outline, table
from tui_shishi.parse.text import split_lines

SOURCES = Path(__file__).resolve().parents[2] / "data" / "sources"


def _read(text: str, year: int | None = 2023) -> Document:
    doc = Document(city="", year_start=year, year_end=year, kind=KIND_PLAN)
    content.read(outline.outline(split_lines(text)), doc, KIND_PLAN)
    return doc


@pytest.fixture(scope="module")
def plan() -> Document:
    return _read((SOURCES / "qingdao-2023-implementation-plan.txt").read_text(encoding="utf-8"))


def test_seed_sixteen_items_with_units_and_milestones(plan: Document) -> None:
    assert [item.number for item in plan.items] == list(range(1, 17))
    for item in plan.items:
        roles = {d.role for d in item.departments}
        assert roles == {ROLE_LEAD, ROLE_CO}, item.number
        assert item.milestones and item.text and item.title
    assert plan.all_flags() == []


def test_seed_notes_and_title_are_document_text(plan: Document) -> None:
    assert plan.paragraphs[0] == "2023年市办实事项目责任分工与实施计划一览表"
    assert plan.paragraphs[-1].startswith("注:具体实施过程中")


def test_seed_item_1(plan: Document) -> None:
    item = plan.items[0]
    assert item.title == "实现城镇新增就业35万人以上"
    assert [ind.target.value for ind in item.indicators] == [350000, 37000, 30000]
    assert [d.name for d in item.departments if d.role == ROLE_LEAD] == ["市人力资源社会保障局"]
    assert [d.name for d in item.departments if d.role == ROLE_CO] == ["市农业农村局", "市财政局", "各区(市)政府"]
    assert [m.due for m in item.milestones] == ["3月底前", "6月底前", "9月底前", "12月底前"]
    assert [q.value for q in item.milestones[0].quantities] == [55000, 6000, 20000]
    assert item.line == 6 and item.milestones[0].line == 6


def test_seed_item_2_scope_notes_in_a_multi_line_cell(plan: Document) -> None:
    leads = [(d.name, d.note) for d in plan.items[1].departments if d.role == ROLE_LEAD]
    assert leads == [("市住房城乡建设局", "节能保暖工程"), ("市住房城乡建设局", "老旧小区改造")]


def test_seed_item_5_milestones(plan: Document) -> None:
    steps = plan.items[4].milestones
    assert [(m.due, m.due_date) for m in steps] == [
        ("3月底前", dt.date(2023, 3, 31)),
        ("7月份", dt.date(2023, 7, 31)),
        ("此后", None),
    ]


def test_seed_year_from_title_when_metadata_missing() -> None:
    doc = _read((SOURCES / "qingdao-2023-implementation-plan.txt").read_text(encoding="utf-8"), year=None)
    assert doc.items[0].milestones[0].due_date == dt.date(2023, 3, 31)


MARKDOWN = """2026年某市民生实事实施计划

| 序号 | 进度安排 | 协办单位 | 项目内容 | 牵头单位 |
|:---:|---|---|---|---|
| 1 | 6月底前,新建5所。 12月底前,全面完成。 | 市财政局 | 新建幼儿园10所 | 市教育局 |
| 2 | 上半年,完成50%。 | 各区(市)政府 | 新增停车泊位2万个以上 | 市住建局(停车场) 市发改委(充电桩) |

注：计划可能微调。
"""


def test_markdown_table_columns_in_another_order() -> None:
    doc = _read(MARKDOWN, year=2026)
    first, second = doc.items
    assert first.text == "新建幼儿园10所" and first.indicators[0].target.value == 10
    assert [(d.name, d.role) for d in first.departments] == [("市教育局", ROLE_LEAD), ("市财政局", ROLE_CO)]
    assert [(m.due, m.due_date) for m in first.milestones] == [("6月底前", dt.date(2026, 6, 30)), ("12月底前", dt.date(2026, 12, 31))]
    assert [(d.name, d.note) for d in second.departments if d.role == ROLE_LEAD] == [("市住建局", "停车场"), ("市发改委", "充电桩")]
    assert doc.paragraphs == ["2026年某市民生实事实施计划", "注：计划可能微调。"]
    assert doc.all_flags() == []


def test_pipes_without_outer_bars_full_width_and_traditional_header() -> None:
    text = "序號｜實施內容｜責任單位\n1｜新增就業35萬人｜市人社局\n2｜新建學校3所｜市教育局"
    doc = _read(text)
    assert [item.number for item in doc.items] == [1, 2]
    assert doc.items[1].departments[0].role == ROLE_RESPONSIBLE
    assert doc.items[0].indicators[0].target.value == 350000


def test_wrong_cell_count_kept_and_flagged() -> None:
    text = (
        "序号\t实施内容\t牵头单位\t协办单位\t实施计划\n1\t新增就业1万人\t市人社局\n2\t建设学校2所\t市教育局\t市财政局\t3月底前,开工。\t多余"
    )
    doc = _read(text)
    short, long = doc.items
    assert short.text == "新增就业1万人" and short.departments[0].name == "市人社局" and not short.milestones
    assert long.notes == ["多余"]
    assert [f.line for f in doc.flags if f.kind == FLAG_NOT_UNDERSTOOD] == [2, 3]


def test_row_without_number_continues_the_row_above() -> None:
    text = (
        "序号\t实施内容\t牵头单位\t实施计划\n1\t新建公园10个,\t市园林局\t6月底前,开工5个。\n\t改造绿道20公里\t市城管局\t12月底前,全面完成。"
    )
    (item,) = _read(text).items
    assert item.text == "新建公园10个, 改造绿道20公里"
    assert [d.name for d in item.departments] == ["市园林局", "市城管局"]
    assert [m.due for m in item.milestones] == ["6月底前", "12月底前"]


def test_number_not_a_number_is_flagged_not_dropped() -> None:
    text = "序号\t实施内容\t牵头单位\n一\t甲项目5个\t甲局\n※\t乙项目6个\t乙局"
    first, second = _read(text).items
    assert first.number == 1 and second.number == 2
    assert second.flags and second.flags[0].kind == FLAG_NOT_UNDERSTOOD and "※" in second.flags[0].detail


def test_score() -> None:
    seed = split_lines((SOURCES / "qingdao-2023-implementation-plan.txt").read_text(encoding="utf-8"))
    assert outline.outline(seed).item_scheme == "table"
    assert outline.outline(split_lines(MARKDOWN)).item_scheme == "table"
    assert table.outline(split_lines("一、就业\n1、新增就业1万人。(牵头部门:甲局)")) is None
    # a row mentioning 项目 and 进度 in long cells is not a header
    assert table.outline(split_lines("1\t推进停车场项目前期手续办理等工作\t加快进度安排落实到位的各项工作")) is None


def test_no_header_keeps_text_and_flags() -> None:
    doc = _read("甲\t乙\n丙\t丁")
    assert doc.items == [] and doc.paragraphs == ["甲\t乙", "丙\t丁"]
    assert doc.flags[0].kind == FLAG_UNKNOWN_FORMAT


def test_seed_through_the_importer() -> None:
    from tui_shishi.parse import parse_bytes

    data = (SOURCES / "qingdao-2023-implementation-plan.txt").read_bytes()
    doc = parse_bytes(data, "qingdao-2023-implementation-plan.txt")
    assert doc.format == "table" and doc.kind == KIND_PLAN and len(doc.items) == 16
    assert doc.items[4].milestones[1].due_date == dt.date(2023, 7, 31)


def test_seed_item_4_two_measures_of_one_unit(plan: Document) -> None:
    item = plan.items[3]
    assert [ind.target.text for ind in item.indicators] == ["45处", "600处", "10处"]
    assert [ind.target.label for ind in item.indicators[1:]] == ["社区(村)养老服务站", "示范性失智老年人日间照护中心"]


def test_seed_item_11_rates_of_three_levels_are_one_indicator(plan: Document) -> None:
    rates = [ind for ind in plan.items[10].indicators if "报销比例" in ind.text]
    assert [ind.target.text for ind in rates] == ["75%"]


def test_seed_co_units_keep_the_scope_of_their_lead(plan: Document) -> None:
    co = [(d.name, d.note) for d in plan.items[1].departments if d.role == ROLE_CO]
    assert co[:3] == [("市财政局", "节能保暖工程"), ("市自然资源和规划局", "节能保暖工程"), ("各区(市)政府", "节能保暖工程")]
    assert ("市通信管理局", "老旧小区改造") in co and ("市财政局", "老旧小区改造") in co
    assert len(co) == 11
    buses = {d.name for d in plan.items[5].departments if d.role == ROLE_CO and d.note == "公交线路"}
    assert buses == {"青岛城运控股集团", "各区(市)政府"}
    single = [d.note for d in plan.items[0].departments if d.role == ROLE_CO]
    assert single == ["", "", ""]


def test_co_units_without_matching_groups_have_no_notes() -> None:
    co = table.co_units("甲局、乙局 丙局 丁局", "市A局(公园) 市B局(绿道)")
    assert [(d.name, d.note) for d in co] == [("甲局", ""), ("乙局", ""), ("丙局", ""), ("丁局", "")]
    co = table.co_units("甲局、 乙局 丙局", "市A局(公园) 市B局(绿道)")  # a space after 、 is no line break
    assert [(d.name, d.note) for d in co] == [("甲局", "公园"), ("乙局", "公园"), ("丙局", "绿道")]
