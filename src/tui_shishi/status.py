"""Status of an indicator and of an item, read from published figures only. No database, no UI.

Four statuses, each with a glyph so that it reads without colour (a projector, a monochrome
terminal, a screen reader):

  ✔ 达成    achieved: the actual reaches the target, or the published percent of plan is ≥ 100
  ◐ 进行中  in progress: the actual is below the target, or the published percent is < 100
  ○ 未报告  not reported: the plan only, no progress published yet
  ✎ 定性    qualitative: progress stated in words (已全部完成整改提升), or a figure that cannot be
            measured against the plan (no target, another unit) — progress, but not how far

Which report counts: a year gets several reports (end of October, year end). Only the
observations of the *latest* report are judged, so an October 80% does not outlive a December
108%. "Latest" is the greatest ``as_of``; an observation without a date is older than any dated
one (a report whose date is unknown cannot overrule a dated one).

An indicator within that report: if percents of plan are published for it, they decide (all must
be ≥ 100; the percent is what the city published, a comparison of ours could mix things up).
Otherwise the largest comparable actual is compared with the target: one sentence often gives a
total and its parts (管网186.2公里，其中供排水管网39.2公里…), and the parts are not the target.

An item aggregates its indicators and its unbound progress observations (``Item.progress``):
  1. nothing reported                       → 未报告
  2. any part 进行中                        → 进行中
  3. else any part 达成                     → 达成  (what was measured was reached; parts reported
                                                    in words or not at all do not contradict it)
  4. else (only words / unmeasurable figures) → 定性
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from tui_shishi.model import Observation, Quantity

ACHIEVED = "达成"
IN_PROGRESS = "进行中"
NOT_REPORTED = "未报告"
QUALITATIVE = "定性"
STATUSES = (ACHIEVED, IN_PROGRESS, QUALITATIVE, NOT_REPORTED)
CARD_ORDER = (ACHIEVED, IN_PROGRESS, NOT_REPORTED, QUALITATIVE)  # an overview card's counts, two to a line

GLYPHS = {ACHIEVED: "✔", IN_PROGRESS: "◐", NOT_REPORTED: "○", QUALITATIVE: "✎"}


def label(status: str) -> str:
    """``✔ 达成``: glyph and word, readable without colour."""
    return f"{GLYPHS.get(status, '?')} {status}"


def latest_report(observations: Iterable[Observation]) -> list[Observation]:
    """The observations of the latest report (greatest ``as_of``; undated ones only if none is dated)."""
    observations = list(observations)
    dated = [o.as_of for o in observations if o.as_of is not None]
    if not dated:
        return observations
    latest: dt.date = max(dated)
    return [o for o in observations if o.as_of == latest]


def _compared(actual: Quantity | None, target: Quantity | None) -> tuple[float, float] | None:
    """(actual, target) values, when both are known and can be compared."""
    # Units must agree exactly: 万 is already folded into ``value`` by the parser, but 个 and
    # 平方米 are different things and must not be compared (80% with 85% may be).
    if actual is None or target is None or actual.value is None or target.value is None or actual.unit != target.unit:
        return None
    return actual.value, target.value


def observation_status(observation: Observation, target: Quantity | None = None) -> str:
    """Judge one observation: by its published percent, else by actual against target.

    An observation read from words (``qualitative``) stays 定性 even when it names a figure:
    in 50个…小区排查问题已全部完成整改提升 the 50 is the scope, not a measured result."""
    if observation.qualitative:
        return QUALITATIVE
    if observation.percent_of_plan is not None:
        return ACHIEVED if observation.percent_of_plan >= 100 else IN_PROGRESS
    values = _compared(observation.actual, target)
    if values is not None:
        return ACHIEVED if values[0] >= values[1] else IN_PROGRESS
    return QUALITATIVE


def _aggregate(statuses: Iterable[str]) -> str:
    reported = {s for s in statuses if s != NOT_REPORTED}
    if not reported:
        return NOT_REPORTED
    if IN_PROGRESS in reported:
        return IN_PROGRESS
    if ACHIEVED in reported:
        return ACHIEVED
    return QUALITATIVE


def indicator_status(target: Quantity | None, observations: Sequence[Observation]) -> str:
    """Status of one indicator from its target and the observations bound to it."""
    latest = latest_report(observations)
    if not latest:
        return NOT_REPORTED
    latest = [o for o in latest if not o.qualitative]
    if not latest:
        return QUALITATIVE
    percents = [o.percent_of_plan for o in latest if o.percent_of_plan is not None]
    if percents:
        return ACHIEVED if min(percents) >= 100 else IN_PROGRESS
    pairs = [values for o in latest if (values := _compared(o.actual, target)) is not None]
    if pairs:
        return ACHIEVED if max(actual for actual, _ in pairs) >= pairs[0][1] else IN_PROGRESS
    return QUALITATIVE


def item_status(
    indicators: Iterable[tuple[Quantity | None, Sequence[Observation]]],
    progress: Sequence[Observation] = (),
) -> str:
    """Status of an item from its (target, observations) pairs and its unbound observations.

    The latest report is chosen over all observations of the item together, so an indicator
    reported only in October does not keep the item 进行中 once the year-end report is out.
    """
    indicators = [(target, list(obs)) for target, obs in indicators]
    everything = [o for _, obs in indicators for o in obs] + list(progress)
    if not everything:
        return NOT_REPORTED
    latest = {id(o) for o in latest_report(everything)}
    statuses = [indicator_status(target, [o for o in obs if id(o) in latest]) for target, obs in indicators]
    statuses += [observation_status(o) for o in progress if id(o) in latest]
    return _aggregate(statuses)


def mean_percent(observations: Iterable[Observation]) -> float | None:
    """Mean of the published percents of plan in the latest report; None when none is published."""
    percents = [o.percent_of_plan for o in latest_report(observations) if o.percent_of_plan is not None]
    if not percents:
        return None
    return round(sum(percents) / len(percents), 1)


def share_of_plan(
    published: float | None,
    actual_value: float | None = None,
    actual_unit: str = "",
    target_value: float | None = None,
    target_unit: str = "",
) -> tuple[float | None, bool]:
    """The percent of plan to show and whether it was computed here: ``(percent, computed)``.

    A published percent is shown as published (``computed`` False). Without one, an actual and a
    target in the same unit give ``actual ÷ target`` (rounded to 0.1), marked as computed so that
    it is never mistaken for a figure the city published; otherwise ``(None, False)``."""
    if published is not None:
        return published, False
    if actual_value is None or not target_value or actual_unit != target_unit:
        return None, False
    return round(actual_value / target_value * 100, 1), True


COMPUTED_NOTE = "（按实际/目标计算）"


def over_plan_words(percent: float | None, computed: bool = False) -> str:
    """``超额 +51.9%`` past 100% of plan, ``超额 +97%（按实际/目标计算）`` when computed; else ``""``."""
    if percent is None or percent <= 100:
        return ""
    words = f"超额 +{percent - 100:.1f}%".replace(".0%", "%")
    return words + (COMPUTED_NOTE if computed else "")
