"""Rules of status.py a user sees, each pinned by a case the older tests left open (found by
mutation testing, `make mutate`)."""

from __future__ import annotations

import datetime as dt

from tui_shishi import status as st
from tui_shishi.model import Observation, Quantity

TARGET = Quantity(350000.0, "人", text="35万人")


def obs(actual=None, unit="人", percent=None, as_of=None, qualitative=False):
    quantity = Quantity(actual, unit) if actual is not None else None
    return Observation("…", actual=quantity, percent_of_plan=percent, as_of=as_of, qualitative=qualitative)


def test_an_unknown_status_still_gets_a_glyph_placeholder():
    assert st.label("其他") == "? 其他"
    assert st.label(st.NOT_REPORTED) == "○ 未报告"


def test_observation_judged_by_published_percent_at_exactly_100():
    assert st.observation_status(obs(percent=100.0)) == st.ACHIEVED
    assert st.observation_status(obs(percent=100.5)) == st.ACHIEVED
    assert st.observation_status(obs(percent=99.9)) == st.IN_PROGRESS


def test_observation_without_percent_is_compared_with_the_target():
    assert st.observation_status(obs(350000.0), TARGET) == st.ACHIEVED  # exactly the target
    assert st.observation_status(obs(350001.0), TARGET) == st.ACHIEVED
    assert st.observation_status(obs(349999.0), TARGET) == st.IN_PROGRESS
    # no target, or another unit: progress, but not how far
    assert st.observation_status(obs(350000.0)) == st.QUALITATIVE
    assert st.observation_status(obs(350000.0, unit="个"), TARGET) == st.QUALITATIVE


def test_a_figure_that_could_not_be_read_is_not_measured():
    unreadable = Observation("…", actual=Quantity(None, "人"))
    assert st.indicator_status(TARGET, [unreadable]) == st.QUALITATIVE
    assert st.observation_status(unreadable, TARGET) == st.QUALITATIVE
    assert st.indicator_status(Quantity(None, "人"), [obs(5.0)]) == st.QUALITATIVE


def test_item_status_measures_each_indicator_against_its_own_target():
    behind = (TARGET, [obs(120000.0)])
    reached = (Quantity(2.0, "个"), [obs(3.0, unit="个")])
    assert st.item_status([reached]) == st.ACHIEVED
    assert st.item_status([behind]) == st.IN_PROGRESS
    assert st.item_status([behind, reached]) == st.IN_PROGRESS


def test_item_progress_in_an_older_report_does_not_count():
    words_october = obs(qualitative=True, as_of=dt.date(2030, 10, 31))
    december = (TARGET, [obs(percent=100.0, as_of=dt.date(2030, 12, 31))])
    assert st.item_status([december], [obs(percent=40.0, as_of=dt.date(2030, 10, 31)), words_october]) == st.ACHIEVED


def test_mean_percent_is_rounded_to_one_decimal():
    assert st.mean_percent([obs(percent=100.0), obs(percent=100.0), obs(percent=101.0)]) == 100.3


def test_share_of_plan_published_percent_is_shown_as_published():
    assert st.share_of_plan(151.9) == (151.9, False)
    assert st.share_of_plan(80.0, 1.0, "个", 10.0, "个") == (80.0, False)
    assert st.share_of_plan(0.0, 5.0, "个", 10.0, "个") == (0.0, False)


def test_share_of_plan_computed_from_actual_and_target_in_one_unit():
    assert st.share_of_plan(None, 2.0, "个", 3.0, "个") == (66.7, True)
    assert st.share_of_plan(None, 1.0, "万人", 3.0, "万人") == (33.3, True)
    assert st.share_of_plan(None, 197.0, target_value=100.0) == (197.0, True)  # both without unit
    assert st.share_of_plan(None, 1.0, "个", 8.0, "个") == (12.5, True)


def test_share_of_plan_refuses_what_cannot_be_computed():
    assert st.share_of_plan(None) == (None, False)
    assert st.share_of_plan(None, None, "个", 3.0, "个") == (None, False)
    assert st.share_of_plan(None, 2.0, "个", 0.0, "个") == (None, False)
    assert st.share_of_plan(None, 2.0, "个", None, "个") == (None, False)
    assert st.share_of_plan(None, 2.0, "个", 3.0, "平方米") == (None, False)
    assert st.share_of_plan(None, 2.0, "个", 3.0) == (None, False)
    assert st.share_of_plan(None, 2.0, target_value=3.0, target_unit="个") == (None, False)


def test_over_plan_words():
    assert st.over_plan_words(None) == ""
    assert st.over_plan_words(100.0) == ""
    assert st.over_plan_words(99.0) == ""
    assert st.over_plan_words(100.4) == "超额 +0.4%"
    assert st.over_plan_words(151.9) == "超额 +51.9%"
    assert st.over_plan_words(197.0) == "超额 +97%"
    assert st.over_plan_words(197.0, computed=True) == "超额 +97%（按实际/目标计算）"
    assert st.over_plan_words(150.5, True) == "超额 +50.5%" + st.COMPUTED_NOTE
