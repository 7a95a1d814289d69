"""What changed between the last two reports of a city-year, read-only (the 最新变化 panel,
``shishi changes``); built on progress.py.

* **Changes** (``changes``): the last two report dates of a city-year (distinct ``as_of`` of its
  observations); per item reported in either, the mean published percent then and now, the
  status then and now (achieved = 达成), and whether it was behind then and now.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable

from tui_shishi import status as st
from tui_shishi.store import digest, views
from tui_shishi.store import queries as q
from tui_shishi.store.progress import all_observations, behind_rows_at, item_ids, status_at
from tui_shishi.store.reports import find_year, years
from tui_shishi.store.views import ChangeRow, YearRef


class NotEnoughReports(LookupError):
    """A city-year with fewer than two dated reports: nothing to compare. One-line message."""


def _mean_percent(observations: Iterable[views.ObservationView]) -> float | None:
    percents = [o.percent_of_plan for o in observations if o.percent_of_plan is not None and not o.qualitative]
    return round(sum(percents) / len(percents), 1) if percents else None


def report_dates(conn: sqlite3.Connection, year_id: int) -> list[dt.date]:
    """The distinct report dates of a city-year, oldest first."""
    stored = digest.report_dates(conn, year_id)
    return stored if stored is not None else computed_report_dates(conn, year_id)


def computed_report_dates(conn: sqlite3.Connection, year_id: int) -> list[dt.date]:
    rows = conn.execute(
        "SELECT DISTINCT o.as_of FROM observations o JOIN items i ON i.id = o.item_id"
        " WHERE i.year_id = ? AND o.as_of IS NOT NULL ORDER BY o.as_of",
        (year_id,),
    )
    return [d for d in (q._date(r[0]) for r in rows) if d is not None]


def changes(conn: sqlite3.Connection, city: str, period: str | int) -> list[ChangeRow]:
    """Per item, what changed between the city-year's last two dated reports (item order).

    Raises ``NotEnoughReports`` (LookupError) when the year is unknown or has fewer than two."""
    year = find_year(conn, city, str(period))
    if year is None:
        raise NotEnoughReports(f"数据库中没有 {city} {period}")
    dates = report_dates(conn, year.year_id)
    if len(dates) < 2:
        said = f"（{dates[0]}）" if dates else ""
        raise NotEnoughReports(f"{year.city} {year.period} 只有 {len(dates)} 次有日期的进展报告{said}：比较要两次")
    stored = digest.changes(conn, year.year_id)
    return stored if stored is not None else computed_changes(conn, year.year_id, dates[-2], dates[-1])


def latest_changes(
    conn: sqlite3.Connection, limit: int | None = None
) -> tuple[list[tuple[YearRef, dt.date, dt.date, list[ChangeRow]]], int]:
    """(city-year, earlier date, later date, change rows) of the city-years with two or more
    dated reports, latest report first (then by city and period), at most ``limit`` of them; and
    how many such city-years there are in all."""
    by_id = {y.year_id: y for y in years(conn)}
    dates_of = digest.all_report_dates(conn)
    if dates_of is None:
        dates_of = {year_id: computed_report_dates(conn, year_id) for year_id in by_id}
    compared = [(by_id[year_id], dates) for year_id, dates in dates_of.items() if len(dates) >= 2 and year_id in by_id]
    compared.sort(key=lambda yd: (-yd[1][-1].toordinal(), yd[0].city, yd[0].period))
    found = []
    for year, dates in compared if limit is None else compared[:limit]:
        stored = digest.changes(conn, year.year_id)
        rows = stored if stored is not None else computed_changes(conn, year.year_id, dates[-2], dates[-1])
        found.append((year, dates[-2], dates[-1], rows))
    return found, len(compared)


def computed_changes(conn: sqlite3.Connection, year_id: int, then: dt.date, now: dt.date) -> list[ChangeRow]:
    """The change rows of a city-year between two report dates, read item by item."""
    out = []
    for item_id in item_ids(conn, [year_id]):
        detail = q.item_detail(conn, item_id)
        if detail is None:
            continue
        observations = all_observations(detail)
        at_then = [o for o in observations if o.as_of == then]
        at_now = [o for o in observations if o.as_of == now]
        if not at_then and not at_now:
            continue
        p_then, p_now = _mean_percent(at_then), _mean_percent(at_now)
        s_then, s_now = status_at(detail, then), status_at(detail, now)
        b_then = bool(at_then) and any(not r.qualitative for r in behind_rows_at(detail, then))
        b_now = bool(at_now) and any(not r.qualitative for r in behind_rows_at(detail, now))
        delta = round(p_now - p_then, 1) if p_then is not None and p_now is not None else None
        out.append(
            ChangeRow(
                item_id,
                detail.item.number,
                detail.item.title,
                then,
                now,
                p_then,
                p_now,
                delta,
                s_then,
                s_now,
                s_now == st.ACHIEVED and s_then != st.ACHIEVED,
                b_then,
                b_now,
                b_now and not b_then,
                _went_down(detail, then, now),
                bool(at_then),
                bool(at_now),
            )  # fmt: skip
        )
    return out


def _went_down(detail: views.ItemDetail, then: dt.date, now: dt.date) -> bool:
    """A figure of the later report below the same indicator's (same clause and unit) in the earlier."""

    def figures(date: dt.date) -> dict[tuple[str, str], float]:
        found: dict[tuple[str, str], float] = {}
        for indicator in detail.indicators:
            for o in indicator.observations:
                if o.as_of != date or o.qualitative:
                    continue
                if o.actual is not None and o.actual.value is not None:
                    key = (indicator.text, o.actual.unit)
                    found[key] = max(found.get(key, o.actual.value), o.actual.value)
                if o.percent_of_plan is not None:
                    key = (indicator.text, "%")
                    found[key] = max(found.get(key, o.percent_of_plan), o.percent_of_plan)
        return found

    before, after = figures(then), figures(now)
    return any(key in before and value < before[key] for key, value in after.items())
