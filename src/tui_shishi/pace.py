"""序时进度 (pace): how much of a plan should be done by a report's as-of date.

Pure functions on dates and numbers. The time pace is the share of the plan period elapsed,
counted in days, both ends inclusive: 截至10月底 (2020-10-31) in a one-year plan is
305/366 = 83.3%. Where the plan has milestones with figures (6月底前，城镇新增就业17万人),
the pace of an indicator follows them instead: straight lines from (start, 0) through each
milestone to (end of period, target).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

AHEAD = "超序时"
ON_PACE = "按序时"
BEHIND = "滞后"

# Reported percents are rounded and plans are not linear to the day: within this many
# percentage points of the pace an indicator is on pace rather than ahead or behind.
TOLERANCE = 3.0

_CLAUSE_BREAK = re.compile(r"[,，;；。、:：]")


def period_bounds(year_start: int, year_end: int | None = None) -> tuple[dt.date, dt.date]:
    return dt.date(year_start, 1, 1), dt.date(year_end or year_start, 12, 31)


def elapsed_share(as_of: dt.date, year_start: int, year_end: int | None = None) -> float:
    """Share of the plan period elapsed at ``as_of`` (0.0 … 1.0, clamped)."""
    start, end = period_bounds(year_start, year_end)
    total = (end - start).days + 1
    done = (as_of - start).days + 1
    return min(max(done / total, 0.0), 1.0)


def planned_share(
    as_of: dt.date,
    year_start: int,
    year_end: int | None,
    target: float,
    milestones: Iterable[tuple[dt.date, float]],
) -> float:
    """Share of ``target`` planned by ``as_of`` following dated milestone values."""
    start, end = period_bounds(year_start, year_end)
    points = sorted({(d, v) for d, v in milestones if start <= d <= end and v is not None})
    path = [(start - dt.timedelta(days=1), 0.0), *points]
    if not points or points[-1][0] < end:
        path.append((end, target))
    if as_of >= path[-1][0]:
        return min(path[-1][1] / target, 1.0) if target else 1.0
    for (d0, v0), (d1, v1) in zip(path, path[1:]):
        if d0 <= as_of <= d1:
            span = (d1 - d0).days or 1
            value = v0 + (v1 - v0) * (as_of - d0).days / span
            return max(min(value / target, 1.0), 0.0) if target else 1.0
    return 0.0


def pace_mark(percent_of_plan: float, expected_share: float, tolerance: float = TOLERANCE) -> str:
    """超序时 / 按序时 / 滞后 for a reported percent against the expected share (0 … 1)."""
    expected = expected_share * 100
    if percent_of_plan > expected + tolerance:
        return AHEAD
    if percent_of_plan < expected - tolerance:
        return BEHIND
    return ON_PACE


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def milestone_key(text: str, start: int | None, figure: str = "") -> str:
    """The words naming what a milestone figure counts: ``…,城镇新增就业5.5万人`` → 城镇新增就业."""
    if start is None or not (0 <= start <= len(text)) or (figure and text[start : start + len(figure)] != figure):
        start = text.find(figure) if figure else -1
        if start < 0:
            return ""
    before = text[:start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    return before[breaks[-1].end() :].strip() if breaks else before.strip()


def match_indicator(key: str, unit: str, indicators: Sequence[tuple[str, str]], threshold: float = 0.4) -> int | None:
    """Index of the indicator (text, unit) a milestone figure belongs to, or None.

    Same unit required; then the indicator sharing most two-character words with the key, if
    it shares at least ``threshold`` of them (老旧小区改造开工 ~ 改造城镇老旧小区).
    """
    grams = _bigrams(key)
    if not grams:
        return None
    best, best_score = None, threshold
    for index, (text, indicator_unit) in enumerate(indicators):
        if indicator_unit != unit:
            continue
        score = len(grams & _bigrams(text)) / len(grams)
        if score >= best_score and (best is None or score > best_score):
            best, best_score = index, score
    return best
