import datetime as dt

import pytest

from tui_shishi import status as st
from tui_shishi.model import Observation, Quantity

OCT = dt.date(2030, 10, 31)
DEC = dt.date(2030, 12, 31)


def obs(actual=None, unit="人", percent=None, as_of=None, qualitative=False):
    quantity = Quantity(actual, unit) if actual is not None else None
    return Observation("…", actual=quantity, percent_of_plan=percent, as_of=as_of, qualitative=qualitative)


TARGET = Quantity(350000.0, "人", text="35万人")


@pytest.mark.parametrize(
    "observations, expected",
    [
        ([], st.NOT_REPORTED),
        ([obs(percent=100.0)], st.ACHIEVED),
        ([obs(percent=99.9)], st.IN_PROGRESS),
        ([obs(380000.0)], st.ACHIEVED),
        ([obs(350000.0)], st.ACHIEVED),
        ([obs(120000.0)], st.IN_PROGRESS),
        ([obs(qualitative=True)], st.QUALITATIVE),
        # a figure in another unit cannot be measured against the target
        ([obs(12.0, unit="个")], st.QUALITATIVE),
        # the published percent wins over our own comparison
        ([obs(380000.0, percent=95.0)], st.IN_PROGRESS),
        ([obs(100000.0), obs(700000.0, percent=100.0)], st.ACHIEVED),
        ([obs(percent=123.3), obs(percent=99.0)], st.IN_PROGRESS),
        # a total and its parts (其中…): the total is compared with the target
        ([obs(372000.0), obs(39000.0), obs(79000.0)], st.ACHIEVED),
    ],
)
def test_indicator_status(observations, expected):
    assert st.indicator_status(TARGET, observations) == expected


def test_indicator_without_target_judged_by_percent_only():
    assert st.indicator_status(None, [obs(5.0)]) == st.QUALITATIVE
    assert st.indicator_status(None, [obs(5.0, percent=120.0)]) == st.ACHIEVED


def test_latest_report_wins():
    october, december = obs(percent=80.0, as_of=OCT), obs(percent=108.0, as_of=DEC)
    assert st.indicator_status(TARGET, [october, december]) == st.ACHIEVED
    assert st.indicator_status(TARGET, [december, october]) == st.ACHIEVED
    # an undated observation cannot overrule a dated one
    assert st.indicator_status(TARGET, [october, obs(percent=150.0)]) == st.IN_PROGRESS


def test_item_status_rules():
    achieved = (TARGET, [obs(percent=110.0)])
    behind = (TARGET, [obs(percent=60.0)])
    plan_only = (TARGET, [])
    words = obs(qualitative=True)
    assert st.item_status([]) == st.NOT_REPORTED
    assert st.item_status([plan_only, plan_only]) == st.NOT_REPORTED
    assert st.item_status([achieved, achieved]) == st.ACHIEVED
    assert st.item_status([achieved, behind]) == st.IN_PROGRESS
    assert st.item_status([achieved, plan_only], [words]) == st.ACHIEVED
    assert st.item_status([plan_only], [words]) == st.QUALITATIVE
    assert st.item_status([], [obs(percent=70.0)]) == st.IN_PROGRESS


def test_item_status_uses_the_latest_report_of_the_whole_item():
    october = (TARGET, [obs(percent=60.0, as_of=OCT)])
    december = (Quantity(2.0, "个"), [obs(percent=100.0, as_of=DEC)])
    assert st.item_status([october, december]) == st.ACHIEVED


def test_mean_percent():
    assert st.mean_percent([]) is None
    assert st.mean_percent([obs(qualitative=True)]) is None
    assert st.mean_percent([obs(percent=100.0), obs(percent=103.0), obs(5.0)]) == 101.5
    assert st.mean_percent([obs(percent=50.0, as_of=OCT), obs(percent=120.0, as_of=DEC)]) == 120.0


def test_labels_readable_without_colour():
    assert st.label(st.ACHIEVED) == "✔ 达成"
    assert len({st.GLYPHS[s] for s in st.STATUSES}) == 4
