import datetime as dt

import pytest

from tui_shishi import pace


def test_end_of_october_in_a_one_year_plan_is_83_3_percent():
    assert round(pace.elapsed_share(dt.date(2020, 10, 31), 2020) * 100, 1) == 83.3
    assert round(pace.elapsed_share(dt.date(2021, 10, 31), 2021) * 100, 1) == 83.3


def test_elapsed_share_is_clamped_and_spans_multi_year_periods():
    assert pace.elapsed_share(dt.date(2025, 12, 31), 2025) == 1.0
    assert pace.elapsed_share(dt.date(2019, 5, 1), 2020) == 0.0
    assert pace.elapsed_share(dt.date(2030, 1, 1), 2020) == 1.0
    # end of the first of three years
    assert round(pace.elapsed_share(dt.date(2022, 12, 31), 2022, 2024), 3) == round(365 / 1096, 3)


def test_planned_share_follows_the_milestones():
    milestones = [(dt.date(2023, 3, 31), 55000), (dt.date(2023, 6, 30), 170000), (dt.date(2023, 9, 30), 280000)]
    assert pace.planned_share(dt.date(2023, 6, 30), 2023, None, 350000, milestones) == pytest.approx(170000 / 350000)
    # between 9月底 (28万) and the end of the year (35万): on the straight line
    share = pace.planned_share(dt.date(2023, 10, 31), 2023, None, 350000, milestones)
    assert share == pytest.approx((280000 + 70000 * 31 / 92) / 350000)
    assert pace.planned_share(dt.date(2023, 12, 31), 2023, None, 350000, milestones) == 1.0
    # milestones ahead of time-pace: at the end of June the plan asks for 48.6%, not 49.6%
    assert round(pace.planned_share(dt.date(2023, 6, 30), 2023, None, 350000, milestones) * 100, 1) == 48.6


@pytest.mark.parametrize(
    ("percent", "mark"), [(138.6, pace.AHEAD), (291.3, pace.AHEAD), (84.0, pace.ON_PACE), (80.5, pace.ON_PACE), (71.3, pace.BEHIND)]
)
def test_pace_mark(percent, mark):
    assert pace.pace_mark(percent, 305 / 366) == mark


def test_milestone_key_and_indicator_match():
    text = "城镇新增就业5.5万人,扶持创业6000人,创设城乡公益性岗位2万个。"
    assert pace.milestone_key(text, 6, "5.5万人") == "城镇新增就业"
    assert pace.milestone_key(text, None, "6000人") == "扶持创业"
    assert pace.milestone_key(text, 0, "2万个") == "创设城乡公益性岗位"  # wrong offset: found by text
    indicators = [("实现城镇新增就业35万人以上", "人"), ("创设城乡公益性岗位3.7万个以上", "个"), ("扶持创业3万人以上", "人")]
    assert pace.match_indicator("城镇新增就业", "人", indicators) == 0
    assert pace.match_indicator("扶持创业", "人", indicators) == 2
    assert pace.match_indicator("创设城乡公益性岗位", "个", indicators) == 1
    assert pace.match_indicator("扶持创业", "个", indicators) is None  # unit must agree
    assert pace.match_indicator("农村薄弱幼儿园", "人", indicators) is None
