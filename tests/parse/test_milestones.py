"""Plan cells → dated milestones."""

from __future__ import annotations

import datetime as dt

from tui_shishi.parse.milestones import split_milestones

SEED_ITEM_5 = "3月底前,出台婴幼儿托育分档补贴实施方案。 7月份,为托育机构发放第一次补贴资金。 此后,每半年集中审核发放一次补贴资金。"


def test_seed_item_5_three_steps_with_dates() -> None:
    steps = split_milestones(SEED_ITEM_5, 2023)
    assert [s.due for s in steps] == ["3月底前", "7月份", "此后"]
    assert [s.due_date for s in steps] == [dt.date(2023, 3, 31), dt.date(2023, 7, 31), None]
    assert steps[1].text == "为托育机构发放第一次补贴资金。"


def test_quantities_read_from_the_step_text_only() -> None:
    steps = split_milestones("3月底前,城镇新增就业5.5万人,扶持创业6000人。 6月底前,创设城乡公益性岗位3.7万个以上。", 2023)
    first, second = steps
    assert [q.value for q in first.quantities] == [55000, 6000]
    assert first.text[first.quantities[0].start : first.quantities[0].end] == "5.5万人"
    assert second.quantities[0].qualifier == "以上"


def test_month_inside_a_step_is_not_a_new_step() -> None:
    steps = split_milestones("6月底前,印发通知,开展6月份测评。 9月底前,开展7-9月份测评。 11月底前,全面完成目标任务。", 2023)
    assert [s.due for s in steps] == ["6月底前", "9月底前", "11月底前"]
    assert steps[0].text == "印发通知,开展6月份测评。"
    assert steps[2].due_date == dt.date(2023, 11, 30)


def test_quarters_halves_and_year_end_full_width() -> None:
    steps = split_milestones("第一季度：完成摸底；上半年，完成50%；年底前，全面完成。", 2024)
    assert [(s.due, s.due_date) for s in steps] == [
        ("第一季度", dt.date(2024, 3, 31)),
        ("上半年", dt.date(2024, 6, 30)),
        ("年底前", dt.date(2024, 12, 31)),
    ]
    assert steps[1].text == "完成50%"


def test_marker_closed_by_qian_needs_no_comma() -> None:
    steps = split_milestones("3月底前完成方案。12月底前全面完成目标任务。", 2025)
    assert [s.due for s in steps] == ["3月底前", "12月底前"]
    assert steps[1].text == "全面完成目标任务。"


def test_no_year_no_dates_and_undated_text_kept() -> None:
    steps = split_milestones("持续推进。 6月中旬,完成招标。", None)
    assert steps[0].due == "" and steps[0].text == "持续推进。"
    assert steps[1].due == "6月中旬" and steps[1].due_date is None
    assert split_milestones("6月中旬,完成招标。", 2023)[0].due_date == dt.date(2023, 6, 20)


def test_explicit_year_and_impossible_date() -> None:
    assert split_milestones("2024年6月底前,完成。", 2023)[0].due_date == dt.date(2024, 6, 30)
    assert split_milestones("13月底前,完成。", 2023)[0].due_date is None


def test_empty_cell() -> None:
    assert split_milestones("", 2023) == []
    assert split_milestones("   ", 2023) == []
