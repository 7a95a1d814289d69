"""The key-task list reader: the 淄博 seed, and the same genre written differently."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_shishi.model import (
    FLAG_DUPLICATE_ITEM,
    FLAG_MISSING_ITEMS,
    FLAG_NOT_UNDERSTOOD,
    KIND_TASKS,
    ROLE_LEAD,
    Document,
)
from tui_shishi.parse import chrome, content, numbering, outline
from tui_shishi.parse.text import split_lines

SOURCES = Path(__file__).resolve().parents[2] / "data" / "sources"


def _read(text: str, *, strip_chrome: bool = False) -> Document:
    lines = split_lines(text)
    if strip_chrome:
        lines, _ = chrome.strip(lines)
    doc = Document(city="", year_start=None, year_end=None, kind=KIND_TASKS)
    content.read(outline.outline(lines), doc, KIND_TASKS)
    return doc


@pytest.fixture(scope="module")
def zibo() -> Document:
    return _read((SOURCES / "zibo-2022-2024-key-tasks.txt").read_text(encoding="utf-8"), strip_chrome=True)


def test_zibo_sections_and_tasks(zibo: Document) -> None:
    level1 = [s for s in zibo.sections if s.level == 1]
    level2 = [s for s in zibo.sections if s.level == 2]
    assert [s.key for s in level1] == ["一", "二", "三", "四", "五"]
    assert len(level2) == 34 and level2[-1].key == "(三十四)" and level2[-1].number == 34
    assert level2[0].parent == "一" and level2[0].title == "完善优质教育资源供给机制"
    assert [item.number for item in zibo.items] == list(range(1, 114))
    assert zibo.all_flags() == []


def test_zibo_every_task_has_lead_departments_and_no_chrome(zibo: Document) -> None:
    for item in zibo.items:
        assert item.departments and all(d.role == ROLE_LEAD for d in item.departments)
        assert "牵头部门" not in item.text and "热点新闻" not in item.text and "搜索" not in item.text
    assert zibo.paragraphs == ["淄博市建设高品质民生促进共同富裕113项重点任务清单"]


def test_zibo_subsection_with_odd_indentation_and_task_sections(zibo: Document) -> None:
    by_number = {item.number: item for item in zibo.items}
    assert by_number[1].section == "(一)" and by_number[113].section == "(三十四)"
    assert any(s.key == "(二十四)" for s in zibo.sections)  # indented by three spaces
    assert by_number[1].title == "根据城市发展和人口变化"
    assert [d.name for d in by_number[1].departments] == ["市教育局", "市自然资源和规划局"]


def test_zibo_hexagonal_bracket_department(zibo: Document) -> None:
    item = next(item for item in zibo.items if item.number == 86)
    assert [(d.name, d.note) for d in item.departments] == [("市农业农村局", "市乡村振兴局")]
    assert item.text.endswith("确保不出现规模性返贫和新致贫。")


def test_zibo_indicator_keeps_its_year(zibo: Document) -> None:
    item = next(item for item in zibo.items if item.number == 46)
    texts = [ind.text for ind in item.indicators]
    assert "到2024年,医保电子凭证激活率达到80%以上" in texts
    indicator = item.indicators[texts.index("到2024年,医保电子凭证激活率达到80%以上")]
    assert indicator.target.value == 80 and indicator.target.is_percent
    assert indicator.text[indicator.target.start : indicator.target.end] == indicator.target.text
    assert indicator.line == 128 and indicator.text in indicator.sentence


def test_full_width_traditional_without_indentation() -> None:
    doc = _read(
        "某市重點任務清單\n"
        "一、教育\n"
        "（一）擴大學位供給\n"
        "1、新增學位5000個以上，建設學校3所。（牽頭部門：市教育局、市財政局）\n"
        "2、推進教師交流。\n"
        "（二）健康\n"
        "3．到2025年，家庭醫生簽約率達到75%以上。〔牵头部门：市卫生健康委〕\n"
    )
    assert [(s.key, s.level, s.parent) for s in doc.sections] == [("一", 1, None), ("(一)", 2, "一"), ("(二)", 2, "一")]
    first, second, third = doc.items
    assert first.section == "(一)" and third.section == "(二)"
    assert [d.name for d in first.departments] == ["市教育局", "市财政局"]
    assert first.departments[1].raw == "市財政局"
    assert [ind.target.value for ind in first.indicators] == [5000, 3]
    assert first.text == "新增學位5000個以上，建設學校3所。"
    assert not second.departments and second.flags[0].kind == FLAG_NOT_UNDERSTOOD
    assert third.indicators[0].text == "到2025年，家庭醫生簽約率達到75%以上"


def test_subsections_numbered_again_under_each_section() -> None:
    doc = _read("一、就业\n(一)稳岗\n1、新增就业1万人。(牵头部门:甲局)\n二、教育\n(一)学位\n2、新增学位100个。(牵头部门:乙局)\n")
    keys = [s.key for s in doc.sections]
    assert keys == ["一", "一(一)", "二", "二(一)"] and len(set(keys)) == 4
    assert [item.section for item in doc.items] == ["一(一)", "二(一)"]


def test_task_over_several_lines_and_preamble() -> None:
    doc = _read("前言一段。\n一、住房\n1、改造老旧小区\n100个以上,新增泊位2000个。\n(牵头部门:市住建局)\n")
    (item,) = doc.items
    assert doc.paragraphs == ["前言一段。"]
    assert item.text == "改造老旧小区100个以上,新增泊位2000个。"
    assert [d.name for d in item.departments] == ["市住建局"]
    assert {ind.line for ind in item.indicators} >= {4}


def test_numbering_flags_through_the_importer() -> None:
    from tui_shishi.parse import parse_bytes

    text = "一、民生\n(一)保障\n1、甲项目5个。(牵头部门:甲局)\n3、乙项目6个。(牵头部门:乙局)\n3、丙项目7个。(牵头部门:丙局)\n"
    doc = parse_bytes(text.encode("utf-8"), "tasks.txt")
    assert doc.format == "arabic" and doc.kind == KIND_TASKS
    assert {flag.kind for flag in doc.all_flags()} >= {FLAG_DUPLICATE_ITEM, FLAG_MISSING_ITEMS}


def test_zibo_through_the_importer() -> None:
    from tui_shishi.parse import parse_bytes

    data = (SOURCES / "zibo-2022-2024-key-tasks.txt").read_bytes()
    doc = parse_bytes(data, "zibo-2022-2024-key-tasks.txt")
    assert doc.format == "arabic" and len(doc.items) == 113
    assert len([s for s in doc.sections if s.level == 1]) == 5
    assert all(item.departments for item in doc.items)


def test_score_prefers_task_lists() -> None:
    task_list = "一、教育\n(一)学位\n" + "".join(f"{n}、任务{n}。(牵头部门:市教育局)\n" for n in range(1, 12))
    progress = "一、就业\n" + "".join(f"{n}.就业方面,新增{n}万人,占年计划的100%。\n" for n in range(1, 12))
    announced = "".join(f"第{n}件\n{n}、内容。\n" for n in range(1, 6))
    from tui_shishi.model import KIND_ANNOUNCED, KIND_PROGRESS
    from tui_shishi.parse import parse_bytes

    assert parse_bytes(task_list.encode()).kind == KIND_TASKS
    assert parse_bytes(progress.encode()).kind == KIND_PROGRESS
    assert parse_bytes(announced.encode()).kind == KIND_ANNOUNCED


@pytest.mark.parametrize(
    "text, value", [("三十四", 34), ("十", 10), ("十二", 12), ("一百零三", 103), ("二十", 20), ("7", 7), ("甲", None), ("", None)]
)
def test_cn_number(text: str, value: int | None) -> None:
    assert numbering.numeral(text) == value


def test_zibo_task_4_one_indicator_per_noun_phrase(zibo: Document) -> None:
    item = next(item for item in zibo.items if item.number == 4)
    assert [ind.target.text for ind in item.indicators] == ["10所以上", "4个以上", "2—3个"]
    first, second = item.indicators[:2]
    assert first.text == second.text == "三年打造10所以上省级特色高中、4个以上省级学科基地"
    assert all(ind.text[ind.target.start : ind.target.end] == ind.target.text for ind in item.indicators)


def test_zibo_values_of_one_measure_are_one_indicator(zibo: Document) -> None:
    item = next(item for item in zibo.items if item.number == 60)
    care = [ind for ind in item.indicators if "照料护理服务" in ind.text]
    assert [ind.target.text for ind in care] == ["60小时"]
    assert "45小时、30小时" in care[0].text  # the other values stay visible
    (rate,) = [ind for ind in item.indicators if "每小时" in ind.text]
    assert (rate.target.label, rate.target.value) == ("城市每小时", 15)


def test_time_clause_and_several_measures_keep_offsets() -> None:
    doc = _read("1、到2024年,建成公园10个以上、绿道20公里。(牵头部门:甲局)\n")
    parks, paths = doc.items[0].indicators
    assert parks.text == paths.text == "到2024年,建成公园10个以上、绿道20公里"
    assert [i.text[i.target.start : i.target.end] for i in (parks, paths)] == ["10个以上", "20公里"]
