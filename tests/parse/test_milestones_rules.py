"""Rules of milestones.py (a plan cell → dated steps) a user sees as due dates in the 到期 list,
each pinned by a case the older tests left open (found by mutation testing, `make mutate`)."""

from __future__ import annotations

import datetime as dt

from tui_shishi.parse.milestones import split_milestones


def steps(text: str, year: int | None = 2025) -> list[tuple[str, dt.date | None, str]]:
    return [(m.due, m.due_date, m.text) for m in split_milestones(text, year)]


def test_parts_of_a_month():
    assert steps("3月初,启动;5月上旬,调研;6月中旬,招标;7月下旬,开工;8月末,验收;9月份,运行") == [
        ("3月初", dt.date(2025, 3, 10), "启动"),  # 初 is the start of the month, not its end
        ("5月上旬", dt.date(2025, 5, 10), "调研"),
        ("6月中旬", dt.date(2025, 6, 20), "招标"),
        ("7月下旬", dt.date(2025, 7, 31), "开工"),
        ("8月末", dt.date(2025, 8, 31), "验收"),
        ("9月份", dt.date(2025, 9, 30), "运行"),
    ]


def test_month_end_of_february_in_a_leap_year():
    assert steps("2月底前,完成", 2024) == [("2月底前", dt.date(2024, 2, 29), "完成")]


def test_quarters_halves_and_the_year_end():
    assert steps("第一季度,启动;二季度末,开工;3季度前,验收;4季度,运行;上半年,完成50%;下半年,完成;年底前,全部完成") == [
        ("第一季度", dt.date(2025, 3, 31), "启动"),
        ("二季度末", dt.date(2025, 6, 30), "开工"),
        ("3季度前", dt.date(2025, 9, 30), "验收"),
        ("4季度", dt.date(2025, 12, 31), "运行"),
        ("上半年", dt.date(2025, 6, 30), "完成50%"),
        ("下半年", dt.date(2025, 12, 31), "完成"),
        ("年底前", dt.date(2025, 12, 31), "全部完成"),
    ]


def test_a_full_date_and_a_year_of_its_own():
    assert steps("2026年3月15日前,完成;年内,完成;全年,完成;今年底前完成;年末,完成") == [
        ("2026年3月15日前", dt.date(2026, 3, 15), "完成"),
        ("年内", dt.date(2025, 12, 31), "完成"),
        ("全年", dt.date(2025, 12, 31), "完成"),
        ("今年底前", dt.date(2025, 12, 31), "完成"),
        ("年末", dt.date(2025, 12, 31), "完成"),
    ]


def test_open_ended_steps_and_impossible_dates_have_no_date():
    assert steps("此后,长期运行") == [("此后", None, "长期运行")]
    assert steps("13月底前,完成;2月30日,完成") == [("13月底前", None, "完成"), ("2月30日", None, "完成")]
    assert steps("3月底前,完成", None) == [("3月底前", None, "完成")]
    assert steps("2025年3月底前,完成", None) == [("2025年3月底前", dt.date(2025, 3, 31), "完成")]


def test_text_before_the_first_marker_is_kept_undated_and_markers_inside_a_step_are_text():
    assert steps("前期准备。3月底前,完成;开展6月份测评工作 7月份,运行") == [
        ("", None, "前期准备。"),
        ("3月底前", dt.date(2025, 3, 31), "完成;开展6月份测评工作"),
        ("7月份", dt.date(2025, 7, 31), "运行"),
    ]


def test_a_marker_ending_in_qian_needs_no_comma_and_figures_are_read():
    (step,) = split_milestones("12月底前全面完成改造20个", 2025)
    assert (step.due, step.due_date, step.text) == ("12月底前", dt.date(2025, 12, 31), "全面完成改造20个")
    assert [(q.text, q.value) for q in step.quantities] == [("20个", 20)]
    assert steps("12月完成改造") == [("", None, "12月完成改造")]  # no comma, no 前: not a marker


def test_figures_of_the_undated_text_before_the_first_marker_are_read():
    first = split_milestones("前期摸排20个小区。3月底前,完成", 2025)[0]
    assert (first.due, first.text) == ("", "前期摸排20个小区。")
    assert [(q.text, q.value) for q in first.quantities] == [("20个", 20)]


def test_a_step_ends_before_the_separator_and_keeps_its_own_last_character():
    assert steps("3月底前,完成项目X;6月底前,运行 ，") == [
        ("3月底前", dt.date(2025, 3, 31), "完成项目X"),
        ("6月底前", dt.date(2025, 6, 30), "运行"),
    ]


def test_a_figure_reader_error_in_the_undated_text_is_a_flag_on_the_cell_line(monkeypatch):
    from tui_shishi import model
    from tui_shishi.parse import quantities

    real = quantities.find_quantities

    def find(text):
        if "摸排" in text:
            raise RuntimeError("reader bug")
        return real(text)

    monkeypatch.setenv("SHISHI_STRICT", "0")
    monkeypatch.setattr(quantities, "find_quantities", find)
    flags: list[model.Flag] = []
    first, step = split_milestones("前期摸排20个小区。3月底前,完成10个", 2025, flags, line=7)
    assert first.text == "前期摸排20个小区。" and first.quantities == []
    assert [q.text for q in step.quantities] == ["10个"]
    (flag,) = flags
    assert flag.kind == model.FLAG_NOT_UNDERSTOOD and flag.line == 7 and "摸排20个小区" in flag.detail
