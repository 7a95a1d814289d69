"""Rules of pace.py (序时进度) a user sees in the pace column, each pinned by a case the older tests
left open (found by mutation testing, `make mutate`)."""

from __future__ import annotations

import datetime as dt

import pytest

from tui_shishi import pace

D = dt.date


def test_time_pace_counts_the_first_day_of_the_plan():
    # no milestones: a straight line from nothing before 1 January to the target on 31 December
    assert pace.planned_share(D(2023, 1, 1), 2023, None, 10, []) == pytest.approx(1 / 365)
    assert pace.planned_share(D(2023, 7, 2), 2023, None, 10, []) == pytest.approx(183 / 365)


def test_time_pace_of_a_three_year_plan_runs_over_all_three_years():
    assert pace.planned_share(D(2022, 12, 31), 2022, 2024, 300, []) == pytest.approx(365 / 1096)
    assert pace.planned_share(D(2024, 12, 31), 2022, 2024, 300, []) == 1.0


def test_nothing_is_planned_before_the_period_and_everything_after_it():
    assert pace.planned_share(D(2022, 6, 30), 2023, None, 350000, []) == 0.0
    assert pace.planned_share(D(2024, 3, 31), 2023, None, 350000, []) == 1.0


def test_milestones_outside_the_period_are_ignored():
    outside = [(D(2022, 12, 31), 300000), (D(2024, 6, 30), 100)]
    assert pace.planned_share(D(2023, 7, 2), 2023, None, 350000, outside) == pytest.approx(183 / 365)


def test_milestones_without_a_figure_are_ignored():
    assert pace.planned_share(D(2023, 7, 2), 2023, None, 350000, [(D(2023, 3, 31), None)]) == pytest.approx(183 / 365)


def test_a_milestone_on_the_first_day_counts():
    assert pace.planned_share(D(2023, 1, 1), 2023, None, 100, [(D(2023, 1, 1), 40)]) == pytest.approx(0.4)


def test_a_year_end_milestone_below_the_target_sets_the_year_end_pace():
    milestones = [(D(2023, 6, 30), 100000), (D(2023, 12, 31), 300000)]
    assert pace.planned_share(D(2023, 12, 31), 2023, None, 350000, milestones) == pytest.approx(300000 / 350000)
    assert pace.planned_share(D(2024, 1, 31), 2023, None, 350000, milestones) == pytest.approx(300000 / 350000)


def test_planned_share_never_passes_100_percent_even_when_a_milestone_does():
    assert pace.planned_share(D(2023, 12, 31), 2023, None, 350000, [(D(2023, 12, 31), 400000)]) == 1.0
    assert pace.planned_share(D(2023, 6, 30), 2023, None, 350000, [(D(2023, 6, 30), 400000)]) == 1.0


def test_a_zero_target_is_all_planned():
    assert pace.planned_share(D(2023, 6, 30), 2023, None, 0, []) == 1.0
    assert pace.planned_share(D(2023, 12, 31), 2023, None, 0, []) == 1.0


@pytest.mark.parametrize(("percent", "mark"), [(53.0, pace.ON_PACE), (53.1, pace.AHEAD), (47.0, pace.ON_PACE), (46.9, pace.BEHIND)])
def test_pace_mark_tolerance_edges_are_on_pace(percent, mark):
    assert pace.pace_mark(percent, 0.5) == mark


def test_milestone_key_without_a_figure_takes_the_clause_before_the_offset():
    text = "6月底前，城镇新增就业17万人"
    assert pace.milestone_key(text, text.index("17")) == "城镇新增就业"
    assert pace.milestone_key("城镇新增就业", 6) == "城镇新增就业"  # offset at the very end
    assert pace.milestone_key("城镇新增就业", None) == ""
    assert pace.milestone_key("城镇新增就业", 99) == ""
    assert pace.milestone_key("城镇新增就业", None, "5万人") == ""


def test_milestone_key_of_a_figure_that_appears_twice():
    text = "新增就业2万人,扶持创业2万人"
    assert pace.milestone_key(text, text.rindex("2万人"), "2万人") == "扶持创业"
    assert pace.milestone_key(text, text.index("2万人"), "2万人") == "新增就业"
    # without a usable offset the first mention is taken
    assert pace.milestone_key(text, None, "2万人") == "新增就业"


def test_match_indicator_needs_two_of_five_shared_words():
    # 城镇新增就业: 城镇 镇新 新增 增就 就业; 增就业人数 shares 增就 就业 = 2/5, the threshold itself
    assert pace.match_indicator("城镇新增就业", "人", [("增就业人数", "人")]) == 0
    # 新增就业: 新增 增就 就业; 就业创业 shares only 就业 = 1/3
    assert pace.match_indicator("新增就业", "人", [("就业创业", "人")]) is None


def test_match_indicator_two_character_key():
    assert pace.match_indicator("就业", "人", [("城镇新增就业", "人")]) == 0


def test_match_indicator_shared_words_are_two_characters_long():
    # 扶持 and 创业 are shared (2/3) though the indicator puts 大学生 between them
    assert pace.match_indicator("扶持创业", "人", [("扶持大学生创业1000人", "人")]) == 0


def test_match_indicator_takes_the_best_and_the_first_of_equals():
    indicators = [("扶持创业3万人", "人"), ("城镇新增就业35万人", "人"), ("新增就业见习岗位", "人")]
    assert pace.match_indicator("城镇新增就业", "人", indicators) == 1
    twins = [("新增就业岗位", "人"), ("新增就业岗位", "人")]
    assert pace.match_indicator("新增就业", "人", twins) == 0
