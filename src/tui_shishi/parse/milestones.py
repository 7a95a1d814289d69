"""A plan cell → dated steps: ``3月底前,… 6月底前,… 7月份,… 此后,…``.

An implementation plan gives each item a column of quarterly milestones. Each step starts with
a time marker as published (``3月底前``, ``7月份``, ``上半年``, ``第一季度``, ``年底前``, ``此后``);
``due`` keeps the marker, ``due_date`` is the last day it means in the plan year (None when it
names no date, e.g. ``此后``). A marker counts only where a step can start (start of the cell
or after 。；; or a space) and when a comma or colon follows it, so ``开展6月份测评`` inside a
step is text, not a new step.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from tui_shishi.model import FLAG_NOT_UNDERSTOOD, Flag, Milestone, Quantity
from tui_shishi.parse.quote import quote
from tui_shishi.parse.text import fold

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}

# Order matters: the longer, more specific forms first. Matched on folded text.
_MARKER = re.compile(
    r"(?P<marker>"
    r"(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日)?"
    r"(?P<part>底|末|中旬|上旬|下旬|初|份)?(?:前|以前|之前)?"
    r"|(?:第)?(?P<q>[一二三四1-4])季度(?:末|底)?(?:前|以前|之前)?"
    r"|(?P<half>上半年|下半年)(?:前|以前|之前)?"
    r"|(?P<yearend>(?:今年|年)底(?:前|以前|之前)?|年内|全年|年末(?:前)?)"
    r"|(?P<open>此后|之后|以后|今后|后续|长期|常态化)"
    r")"
)
# What ends the step before a marker, and what must follow a marker (unless it ends in 前).
_STEP_END = "。;!?"
_AFTER_MARKER = re.compile(r"\s*[,:、]|\s+|$")


def split_milestones(text: str, year: int | None, flags: list[Flag] | None = None, line: int | None = None) -> list[Milestone]:
    """Split a plan cell into its dated steps; text before the first marker is kept undated.

    Should the figure reader fail on a step, the step keeps its text without figures and a flag
    naming the error goes to ``flags`` (the cell's ``line``); under tests it raises."""
    folded = fold(text)
    steps: list[tuple[re.Match[str], int]] = []  # (marker match, start of the step's text)
    for start in _step_starts(folded):
        match = _MARKER.match(folded, start)
        if match is None:
            continue
        after = _AFTER_MARKER.match(folded, match.end())
        if after is not None:
            steps.append((match, after.end()))
        elif match.group("marker").endswith("前"):  # 12月底前全面完成…: 前 closes the marker
            steps.append((match, match.end()))
    milestones: list[Milestone] = []
    first = steps[0][0].start() if steps else len(text)
    if text[:first].strip():
        milestones.append(Milestone(due="", text=text[:first].strip(), quantities=_quantities(text[:first].strip(), flags, line)))
    for index, (match, body_start) in enumerate(steps):
        body_end = steps[index + 1][0].start() if index + 1 < len(steps) else len(text)
        body = text[body_start:body_end].strip().rstrip(";；,，").rstrip()  # the separator before the next step
        milestones.append(
            Milestone(
                due=text[match.start() : match.end()],
                text=body,
                due_date=_due_date(match, year),
                quantities=_quantities(body, flags, line),
            )
        )
    return milestones


def _step_starts(folded: str) -> list[int]:
    """Offsets where a step may begin: the cell start, or after 。；!? or a space."""
    starts = []
    for i, ch in enumerate(folded):
        if i and not (folded[i - 1] in _STEP_END or folded[i - 1].isspace()):
            continue
        if not ch.isspace():
            starts.append(i)
    return starts


def _quantities(text: str, flags: list[Flag] | None, line: int | None) -> list[Quantity]:
    from tui_shishi.parse import strict
    from tui_shishi.parse.quantities import find_quantities

    try:
        return find_quantities(text)
    except Exception as exc:  # a figure reader bug must not lose the milestone text: said, not hidden
        if strict():
            raise
        if flags is not None:
            flags.append(
                Flag(
                    FLAG_NOT_UNDERSTOOD, f"读取计划步骤中的数字时出错（{type(exc).__name__}: {exc}），数字未读取：{quote(text)}", line=line
                )
            )
        return []


def _due_date(match: re.Match[str], year: int | None) -> dt.date | None:
    """The last day the marker means: 3月底前 → 03-31, 上旬 → the 10th, 此后 → None."""
    groups = match.groupdict()
    if groups["y"]:
        year = int(groups["y"])
    if year is None or groups["open"]:
        return None
    try:
        if groups["m"]:
            month = int(groups["m"])
            if groups["d"]:
                return dt.date(year, month, int(groups["d"]))
            part = groups["part"] or ""
            if part in ("上旬", "初"):
                return dt.date(year, month, 10)
            if part == "中旬":
                return dt.date(year, month, 20)
            return dt.date(year, month, calendar.monthrange(year, month)[1])
        if groups["q"]:
            month = 3 * _CN_DIGITS[groups["q"]]
            return dt.date(year, month, calendar.monthrange(year, month)[1])
        if groups["half"]:
            return dt.date(year, 6, 30) if groups["half"] == "上半年" else dt.date(year, 12, 31)
        if groups["yearend"]:
            return dt.date(year, 12, 31)
    except ValueError:  # 13月 / 2月30日: published as such, no date to give
        return None
    return None
