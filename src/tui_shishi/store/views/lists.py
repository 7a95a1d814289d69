"""The objects of the lists, themes, exports and progress views (store/reports.py, trends.py,
export.py, progress.py, milestones.py, changes.py, dashboard.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tui_shishi.store.views.browse import ItemRow

# ---------------------------------------------------------------- lists: city-years, items, overview cards, departments (store/reports.py)


@dataclass(frozen=True)
class YearRef:
    year_id: int
    city: str
    period: str
    year_start: int | None
    year_end: int | None


@dataclass(frozen=True)
class Card:
    """One city-year at a glance. ``counts`` has every status of status.CARD_ORDER (0 when none)."""

    year_id: int
    city: str
    period: str
    n_items: int
    counts: dict[str, int]
    mean_percent: float | None  # mean of the items' published percent of plan
    n_flags: int
    as_of: str | None  # ISO date of the latest dated document of the year
    n_documents: int
    kinds: tuple[str, ...]  # document kinds of the year, e.g. ("announced", "final")


@dataclass(frozen=True)
class DepartmentRow:
    name: str
    counts: dict[str, int]  # role (lead / co / responsible) → number of items
    n_items: int  # distinct items in any role
    cities: tuple[str, ...]
    periods: tuple[str, ...]  # "青岛 2025" style, in time order


@dataclass(frozen=True)
class DepartmentItem:
    city: str
    period: str
    year_id: int
    item_id: int
    number: int
    title: str
    role: str
    note: str
    status: str
    percent: float | None


# ---------------------------------------------------------------- themes: a theme's items, figures and series across years (store/trends.py)


@dataclass(frozen=True)
class Figure:
    """A target with its latest actual, or a reported figure bound to no indicator (no target)."""

    text: str  # the indicator clause, or for an unbound figure the clause it was read from
    target_text: str
    target_value: float | None
    target_unit: str
    actual_text: str
    actual_value: float | None
    actual_unit: str
    percent: float | None  # published percent of plan of the latest report
    status: str
    series: str | None  # theme word that lines it up across years, if any
    sentence: str  # where the target was read (for an unbound figure: where the actual was)
    as_of: str | None
    actual_sentence: str = ""  # where the latest actual was read


@dataclass(frozen=True)
class TrendItem:
    row: ItemRow
    words: tuple[str, ...]  # theme words found in the item, as published
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class TrendYear:
    year_id: int
    city: str
    period: str
    year_start: int | None
    items: tuple[TrendItem, ...]


@dataclass(frozen=True)
class SeriesPoint:
    city: str
    period: str
    target: float | None
    actual: float | None
    unit: str
    target_text: str = ""
    actual_text: str = ""
    percent: float | None = None
    item_number: int | None = None

    @property
    def figure(self) -> str:
        """The target as published (the actual where there is no target)."""
        return self.target_text or self.actual_text or "?"


@dataclass(frozen=True)
class CityTrend:
    """One city's points of a series by period, in time order: a trend is read within a city,
    never from one city's target to another's."""

    city: str
    periods: tuple[tuple[str, tuple[SeriesPoint, ...]], ...]  # (period, its points: several items or targets)

    @property
    def text(self) -> str:
        """``青岛：2020年 12000张 → 2025年 2000张以上``; several targets of one period joined by 、."""
        steps = [f"{period}年 " + "、".join(p.figure for p in points) for period, points in self.periods]
        return f"{self.city}：" + " → ".join(steps)


@dataclass(frozen=True)
class Series:
    label: str  # the theme word shared by the indicators (新增就业, 老旧小区)
    unit: str
    points: tuple[SeriesPoint, ...]  # in time order, the cities mixed

    @property
    def summary(self) -> str:
        """``30万人 → 35万人 → 35万人``: every point's target in time order, whatever its city,
        so only a one-city series reads as a trend this way; show ``by_city`` otherwise."""
        return " → ".join(p.figure for p in self.points)

    def by_city(self) -> list[CityTrend]:
        """The series city by city (in the order they first appear), each by period."""
        cities: dict[str, dict[str, list[SeriesPoint]]] = {}
        for p in self.points:
            cities.setdefault(p.city, {}).setdefault(p.period, []).append(p)
        return [CityTrend(city, tuple((period, tuple(pts)) for period, pts in periods.items())) for city, periods in cities.items()]


# ---------------------------------------------------------------- export rows (store/export.py)


@dataclass(frozen=True)
class ExportRow:
    city: str
    period: str
    item_number: int
    item_title: str
    item_status: str
    indicator: str  # the target clause; for an unbound figure, the clause it was read from
    target_text: str
    target_value: float | None
    target_unit: str
    actual_text: str
    actual_value: float | None
    actual_unit: str
    percent: float | None  # published percent of plan (latest report)
    status: str
    departments: str  # 市民政局(牵头)；市财政局(协办)
    as_of: str | None
    sentence: str  # where the target was read, as published (for a figure without target: the actual)
    actual_sentence: str  # where the latest actual was read
    source: str = "公布"  # 公布 published; 录入 recorded by staff, not published (store.records)


# ---------------------------------------------------------------- progress: 滞后, milestones due, changes between reports (store/progress.py)


@dataclass(frozen=True)
class BehindRow:
    """An indicator behind its pace in its item's latest report, or (``qualitative``) an item whose
    latest report has no percent of plan to measure against the pace."""

    city: str
    period: str
    year_id: int
    item_id: int
    number: int
    title: str
    indicator: str  # the indicator's clause; "" for a figure bound to no indicator or a 定性 row
    percent: float | None  # published percent of plan
    expected: float | None  # 序时进度 at the report's date, in percent (83.3)
    gap: float | None  # expected − percent, in points (positive: behind by so much)
    as_of: dt.date
    departments: tuple[str, ...]
    sentence: str  # where the figure (or the words) was read
    line: int | None
    source_file: str
    by_milestones: bool = False  # the pace follows the plan's milestone figures, not the calendar
    qualitative: bool = False


@dataclass(frozen=True)
class BehindPage:
    rows: list[BehindRow]  # ``limit`` rows of the whole 滞后 list from ``offset``
    measured: int  # rows in the whole list with a percent
    qualitative: int  # 定性 rows, listed after the measured ones


@dataclass(frozen=True)
class DueRow:
    city: str
    period: str
    year_id: int
    item_id: int
    number: int
    title: str
    due: str  # as published: 6月底前
    due_date: dt.date | None
    text: str
    line: int | None
    state: str  # 到期未报 / 即将到期 / 未到期 / 已完成 / 无日期
    days: int | None  # due_date − on, in days (negative: overdue by so many)
    done_on: dt.date | None  # date of the report that shows the item done (已完成)
    departments: tuple[str, ...]


@dataclass(frozen=True)
class ChangeRow:
    item_id: int
    number: int
    title: str
    then: dt.date  # the earlier report's date
    now: dt.date  # the later report's date
    percent_then: float | None  # mean published percent of plan of the item in that report
    percent_now: float | None
    delta: float | None  # now − then, in points, when both are published
    status_then: str  # judged on the reports up to that date
    status_now: str
    newly_achieved: bool
    behind_then: bool
    behind_now: bool
    newly_behind: bool
    went_down: bool  # a figure lower in the later report than in the earlier: worth a look
    reported_then: bool
    reported_now: bool


# ---------------------------------------------------------------- the home dashboard (store/dashboard.py)


@dataclass(frozen=True)
class BehindSummary:
    measured: int  # 滞后 rows with a percent (an item can have several indicators behind)
    qualitative: int  # items whose latest report cannot be measured (listed apart)
    items: int  # items with a measured row
    worst: tuple[BehindRow, ...]  # each item's largest gap, largest first, at most ``keep``


# ---------------------------------------------------------------- shishi check (store/check.py)


@dataclass(frozen=True)
class FlagRow:
    """A flag of a document: what the importer noticed, in its kind's words, where."""

    kind: str
    kind_label: str
    detail: str
    item_number: int | None
    line: int | None


@dataclass(frozen=True)
class DocumentFlags:
    document_id: int
    city: str
    period: str
    kind: str
    source_file: str
    title: str
    flags: tuple[FlagRow, ...]  # possibly none


@dataclass(frozen=True)
class YearTotals:
    """A city-year in numbers: documents, items by status, flags."""

    city: str
    period: str
    documents: int
    items: int
    statuses: dict[str, int]
    flags: int
