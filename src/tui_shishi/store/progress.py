"""Progress over time, read-only: the 滞后 list, and what milestones.py (milestones against a
date) and changes.py (what changed between the last two reports of a city-year) build on:
which years, an item's reports, its status on a date, its departments. No Textual; built on
``store.queries`` (one item in full), ``tui_shishi.pace`` (序时进度) and ``tui_shishi.status``
(which report counts).

The rules, in the words staff use:

* **滞后 (behind)**: an item's *latest report* is the greatest ``as_of`` among its observations
  (``status.latest_report``: a later report supersedes an earlier one, and an indicator the
  later report leaves out is not judged on the earlier one). Every published percent of plan in
  that report is compared with the 序时进度 at the report's date: the share of the plan period
  elapsed, or, where the plan has dated milestone figures for the indicator, the share its
  milestones call for (``pace.planned_share``). It is behind when it falls short by more than
  ``pace.TOLERANCE`` points; the gap is 序时进度 − percent, in points. An item whose latest
  report publishes no percent of plan (words only, or figures without one) cannot be measured
  against the pace: it is listed apart (``BehindRow.qualitative``), never hidden. Items without
  any dated report are not listed (there is no date to measure the pace at).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import sqlite3
from collections.abc import Iterable, Sequence

from tui_shishi import model, pace
from tui_shishi import status as st
from tui_shishi.model import ROLE_LEAD, ROLE_RESPONSIBLE
from tui_shishi.parse.text import fold
from tui_shishi.store import digest, views
from tui_shishi.store import queries as q
from tui_shishi.store.reports import normalise_department, years
from tui_shishi.store.views import BehindPage, BehindRow, YearRef

# A sentence saying the whole item is done (该件实事已全面完成；已全部完成). It must end the sentence:
# 9处已全部完成招标，进入安装施工阶段 is a step, not the item.
_DONE_WORDS = re.compile(r"(全面|全部|圆满)完成(目标任务|年度任务|年度目标|任务)?[。；;，,！!]?$")


# ---------------------------------------------------------------- years


def select_years(conn: sqlite3.Connection, city: str | None = None, year: str | int | None = None) -> list[YearRef]:
    """The city-years the filters name: ``city`` compared folded; ``year`` a period (2025,
    2022-2024) or a year inside one (淄博 2023 → 2022-2024). No filter: every year."""
    found = years(conn)
    if city:
        wanted = fold(city.strip())
        found = [y for y in found if fold(y.city) == wanted]
    if year is not None and str(year).strip():
        text = str(year).strip()
        exact = [y for y in found if fold(y.period) == fold(text)]
        if exact:
            found = exact
        elif text.isdigit():
            n = int(text)
            found = [y for y in found if y.year_start is not None and y.year_start <= n <= (y.year_end or y.year_start)]
        else:
            found = []
    return found


def item_ids(conn: sqlite3.Connection, year_ids: Sequence[int]) -> list[int]:
    if not year_ids:
        return []
    marks = ",".join("?" * len(year_ids))
    return [r[0] for r in conn.execute(f"SELECT id FROM items WHERE year_id IN ({marks}) ORDER BY year_id, number, id", list(year_ids))]


# ---------------------------------------------------------------- pace of one indicator


def milestone_points(detail: views.ItemDetail, indicator: views.IndicatorView) -> list[tuple[dt.date, float]]:
    """Dated milestone figures that belong to ``indicator`` (matched by unit and wording)."""
    candidates = [(i.text, i.target.unit if i.target else "") for i in detail.indicators]
    index = detail.indicators.index(indicator)
    points = []
    for milestone in detail.milestones:
        if milestone.due_date is None:
            continue
        for quantity in milestone.quantities:
            if quantity.value is None:
                continue
            key = pace.milestone_key(milestone.text, quantity.start, quantity.text)
            if pace.match_indicator(key, quantity.unit, candidates) == index:
                points.append((milestone.due_date, quantity.value))
    return points


def expected_share(detail: views.ItemDetail, indicator: views.IndicatorView | None, as_of: dt.date) -> tuple[float, bool] | None:
    """(序时进度 at ``as_of`` as a share 0 … 1, whether it follows the plan's milestones), or
    None when the year has no start to count from."""
    year = detail.year
    if year.year_start is None:
        return None
    if indicator is not None:
        # Every document writes its own indicator rows: a progress report restating the plan's
        # 城镇新增就业30万人 has another row than the plan whose milestones name it. The first
        # row with the same clause (and unit) stands for all of them.
        unit = indicator.target.unit if indicator.target else ""
        same = [i for i in detail.indicators if i.text == indicator.text and (i.target.unit if i.target else "") == unit]
        first = same[0] if same else indicator
        target = next((i.target.value for i in (indicator, *same) if i.target and i.target.value), None)
        points = milestone_points(detail, first) if target else []
        if points and target:
            return pace.planned_share(as_of, year.year_start, year.year_end, target, points), True
    return pace.elapsed_share(as_of, year.year_start, year.year_end), False


# ---------------------------------------------------------------- observations of a report


def all_observations(detail: views.ItemDetail) -> list[views.ObservationView]:
    return [o for i in detail.indicators for o in i.observations] + list(detail.progress)


def observation_dates(observations: Iterable[views.ObservationView]) -> list[dt.date]:
    return sorted({o.as_of for o in observations if o.as_of is not None})


def _model_obs(o: views.ObservationView) -> model.Observation:
    # the reads return the model's Quantity: the status rules take it as it is
    return model.Observation(o.sentence, o.actual, o.percent_of_plan, o.percent_text, o.as_of, o.qualitative, o.line)


def status_at(detail: views.ItemDetail, on: dt.date | None = None) -> str:
    """The item's status judged on the reports dated on or before ``on`` (all reports: None).
    Undated observations count only when ``on`` is None."""

    def keep(o: views.ObservationView) -> bool:
        return on is None or (o.as_of is not None and o.as_of <= on)

    pairs = []
    for indicator in detail.indicators:
        pairs.append((indicator.target, [_model_obs(o) for o in indicator.observations if keep(o)]))
    progress = [_model_obs(o) for o in detail.progress if keep(o)]
    return st.item_status(pairs, progress)


def says_done(observations: Iterable[views.ObservationView]) -> bool:
    return any(_DONE_WORDS.search(o.sentence.strip()) for o in observations)


def departments_of(detail: views.ItemDetail) -> tuple[str, ...]:
    """Lead and responsible departments (co-leads only when the item names neither), once each."""
    main = [d for d in detail.departments if d.role in (ROLE_LEAD, ROLE_RESPONSIBLE)] or list(detail.departments)
    names: dict[str, None] = {}
    for d in main:
        for name, _ in normalise_department(d.name):
            names[name] = None
    return tuple(names)


def _all_department_names(detail: views.ItemDetail) -> list[str]:
    return [name for d in detail.departments for name, _ in normalise_department(d.name)]


# ---------------------------------------------------------------- the 滞后 list


def behind_rows_at(detail: views.ItemDetail, as_of: dt.date) -> list[BehindRow]:
    """Rows for the report of ``detail`` dated ``as_of``: behind indicators, or one 定性 row."""
    by_id = {i.id: i for i in detail.indicators}
    sources: dict[int | None, str] = {d.id: d.source_file for d in detail.documents}
    report = [o for o in all_observations(detail) if o.as_of == as_of]
    row = functools.partial(
        BehindRow,
        city=detail.year.city, period=detail.year.period, year_id=detail.year.id, item_id=detail.item.item_id,
        number=detail.item.number, title=detail.item.title, as_of=as_of, departments=departments_of(detail),
    )  # fmt: skip
    measured = [o for o in report if o.percent_of_plan is not None and not o.qualitative]
    if not measured:
        first = report[0]
        return [
            row(
                indicator="",
                percent=None,
                expected=None,
                gap=None,
                sentence=first.sentence,
                line=first.line,
                source_file=sources.get(first.document_id, ""),
                qualitative=True,
            )  # fmt: skip
        ]
    out = []
    seen: set[tuple[str, float, str]] = set()
    for o in measured:
        percent = o.percent_of_plan
        if percent is None:  # not in ``measured``
            continue
        indicator = by_id.get(o.indicator_id) if o.indicator_id is not None else None
        found = expected_share(detail, indicator, as_of)
        if found is None:
            continue
        share, by_milestones = found
        if pace.pace_mark(percent, share) != pace.BEHIND:
            continue
        key = (indicator.text if indicator else "", percent, o.sentence)
        if key in seen:  # the same figure bound twice (a restated indicator): listed once
            continue
        seen.add(key)
        expected = round(share * 100, 1)
        out.append(
            row(
                indicator=indicator.text if indicator else "",
                percent=percent,
                expected=expected,
                gap=round(share * 100 - percent, 1),
                sentence=o.sentence,
                line=o.line,
                source_file=sources.get(o.document_id, ""),
                by_milestones=by_milestones,
            )  # fmt: skip
        )
    return out


SORTS = ("gap", "dept", "date")


def gap_order(r: BehindRow) -> tuple:
    """The 滞后 rows' default order: largest gap first, then city, period, item number (the
    year and item last: two places' lists of one city and period). digest.BEHIND_ORDER is the
    same in SQL."""
    return (-(r.gap or 0), r.city, r.period, r.number, r.year_id, r.item_id)


def _sort_key(sort: str):
    if sort == "dept":
        return lambda r: (r.departments[0] if r.departments else "\uffff", *gap_order(r))
    if sort == "date":
        return lambda r: (-r.as_of.toordinal(), *gap_order(r))
    return gap_order


def behind(
    conn: sqlite3.Connection,
    city: str | None = None,
    year: str | int | None = None,
    dept: str | None = None,
    on: dt.date | None = None,
    sort: str = "gap",
) -> list[BehindRow]:
    """The 滞后 list: indicators behind their pace in their item's latest report, then the items
    whose latest report cannot be measured (``qualitative`` rows), each part sorted by ``sort``
    (gap: largest first; dept: by the first department; date: newest report first).

    ``dept`` keeps items any of whose departments (any role) contains it, compared folded.
    ``on`` replays a date: only reports dated on or before it count.
    """
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}: give one of {', '.join(SORTS)}")
    wanted = fold(dept.strip()) if dept else ""
    year_ids = [y.year_id for y in select_years(conn, city, year)]
    stored = digest.behind(conn, None if city is None and year is None else year_ids, sort) if on is None else None
    if stored is not None:  # computed when the documents were written (store/digest.py), in order
        return [row for row, names in stored if not wanted or any(wanted in fold(n) for n in names)]
    rows = [row for row, names in computed_behind(conn, year_ids, on) if not wanted or any(wanted in fold(n) for n in names)]
    key = _sort_key(sort)
    return sorted((r for r in rows if not r.qualitative), key=key) + sorted((r for r in rows if r.qualitative), key=key)


def behind_page(conn: sqlite3.Connection, sort: str = "gap", limit: int = 200, offset: int = 0) -> BehindPage:
    """A page of the whole database's 滞后 list (``behind`` with no filter) and its counts: read
    from the 滞后 table's index in order, so a page costs its rows, not the whole list."""
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}: give one of {', '.join(SORTS)}")
    stored = digest.behind(conn, None, sort, limit, offset)
    counts = digest.behind_counts(conn)
    if stored is not None and counts is not None:
        return BehindPage([row for row, _ in stored], *counts)
    rows = behind(conn, sort=sort)
    measured = sum(1 for r in rows if not r.qualitative)
    return BehindPage(rows[offset : offset + limit], measured, len(rows) - measured)


def computed_behind(conn: sqlite3.Connection, year_ids: Sequence[int], on: dt.date | None = None) -> list[tuple[BehindRow, list[str]]]:
    """The 滞后 rows of these years read item by item, each with every department name of its
    item (for the ``dept`` filter); ``on`` replays a date."""
    rows: list[tuple[BehindRow, list[str]]] = []
    for item_id in item_ids(conn, year_ids):
        if conn.execute("SELECT 1 FROM observations WHERE item_id = ? AND as_of IS NOT NULL LIMIT 1", (item_id,)).fetchone() is None:
            continue  # a plan only: nothing to measure (and no detail to read)
        detail = q.item_detail(conn, item_id)
        if detail is None:
            continue
        dates = [d for d in observation_dates(all_observations(detail)) if on is None or d <= on]
        if dates:
            names = _all_department_names(detail)
            rows += [(row, names) for row in behind_rows_at(detail, dates[-1])]
    return rows
