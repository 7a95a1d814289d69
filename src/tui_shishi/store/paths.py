"""A figure's path: each numeric indicator's figures across the reports of its city-year.

Read-only and pure once the item is read: ``figure_paths(conn, item_id)`` or
``figure_paths(detail)``. No Textual. The rules, in the words staff use:

* **One indicator across documents.** Every document writes its own indicator rows, so 城镇新增就业
  30万人 of the plan and of a report restating it are two rows. Rows of one item are the same
  indicator when they read the same (clause and unit), or when they have the same target figure
  and share enough two-character words (``pace.match_indicator``). A report's figure bound to no
  indicator (截至6月底，全市城镇新增就业13.5万人，占年计划的45%) joins the indicator whose unit and
  words it matches, else the only indicator of its unit; a percent alone (已完成总工程量的90%)
  joins the item's only indicator. What joins none is the item's own path (``indicator`` None).
* **Points.** One per report figure (as_of, actual as published, percent of plan, the document
  and line it was read from), oldest first; the same figure restated in two rows counts once.
  Words only (定性) are not points. Each dated point carries the 序时进度 at its date
  (``progress.expected_share``: the calendar, or the plan's milestone figures) and, when the
  report publishes a percent, the gap (序时进度 − percent, in points: positive is behind, as in
  ``shishi behind``) and 超序时 / 按序时 / 滞后.
* **较上次下降.** Cumulative figures and percents of plan only grow through a year: a published
  point lower than the one before it (an earlier date, same unit) contradicts it. Both are kept,
  the pair is listed in ``FigurePath.drops``; nothing is dropped or corrected.
* **Recorded figures (录入)** of ``store.records`` are points marked ``recorded``: shown on the
  path, never judged (no pace mark) and never compared for drops.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui_shishi import pace
from tui_shishi.store import progress, views
from tui_shishi.store import queries as q

if TYPE_CHECKING:
    from tui_shishi.store.records import Record

DOWN_WORD = "较上次下降"
RECORDED_WORD = "录入"
MARK_GLYPHS = {pace.AHEAD: "▲", pace.ON_PACE: "≈", pace.BEHIND: "▼"}


@dataclass(frozen=True)
class PathPoint:
    as_of: dt.date | None
    value: float | None  # the actual as a number, in ``unit``
    unit: str
    text: str  # the actual as published (13.5万人); "" for a percent alone
    percent: float | None  # published percent of plan
    share_of_target: float | None  # percent of the target: published, else actual ÷ target
    expected: float | None  # 序时进度 at ``as_of``, in percent (49.6)
    by_milestones: bool  # the pace follows the plan's milestone figures, not the calendar
    gap: float | None  # expected − percent, in points (positive: behind by so much)
    mark: str  # 超序时 / 按序时 / 滞后, or "" (no percent, no date, or recorded)
    document_id: int | None
    document_title: str
    document_kind: str
    source_file: str
    line: int | None
    sentence: str  # where it was read (a record: its note)
    recorded: bool = False  # a figure staff recorded (录入), not published
    counts: str = ""  # the words before the figure, naming what it counts (全市城镇新增就业)

    @property
    def figure(self) -> str:
        """The actual as shown: as published, else rebuilt from value and unit."""
        if self.text:
            return self.text
        return f"{self.value:g}{self.unit}" if self.value is not None else ""


@dataclass(frozen=True)
class Drop:
    """A published point lower than the one before it: 较上次下降."""

    before: PathPoint
    after: PathPoint
    actual_down: bool  # the actual went down (same unit)
    percent_down: bool  # the percent of plan went down

    def describe(self) -> str:
        """``较上次下降：36个（36%）← 40个（40%）`` without the sources."""

        def one(p: PathPoint) -> str:
            figure = p.figure if self.actual_down else ""
            percent = f"{p.percent:g}%" if p.percent is not None else ""
            if figure and percent:
                return f"{figure}（{percent}）"
            return figure or percent

        return f"{DOWN_WORD}：{one(self.after)} ← {one(self.before)}"


@dataclass(frozen=True)
class FigurePath:
    indicator: views.IndicatorView | None  # the row that stands for the indicator; None: the item's own
    indicator_ids: tuple[int, ...]  # every row of this indicator (plan, restatements)
    label: str  # the indicator's clause, or 整体进度
    target: views.Quantity | None
    points: tuple[PathPoint, ...]
    drops: tuple[Drop, ...] = ()

    @property
    def published(self) -> tuple[PathPoint, ...]:
        return tuple(p for p in self.points if not p.recorded)

    def drop_after(self, point: PathPoint) -> Drop | None:
        return next((d for d in self.drops if d.after is point), None)


# ---------------------------------------------------------------- grouping


def _unit(indicator: views.IndicatorView) -> str:
    return indicator.target.unit if indicator.target else ""


def _target_value(indicator: views.IndicatorView) -> float | None:
    return indicator.target.value if indicator.target else None


def _same_indicator(a: views.IndicatorView, b: views.IndicatorView) -> bool:
    if _unit(a) != _unit(b):
        return False
    if a.text == b.text:
        return True
    value = _target_value(a)
    return value is not None and value == _target_value(b) and pace.match_indicator(a.text, _unit(a), [(b.text, _unit(b))]) == 0


def _groups(indicators: Sequence[views.IndicatorView]) -> list[list[views.IndicatorView]]:
    groups: list[list[views.IndicatorView]] = []
    for indicator in indicators:
        home = next((g for g in groups if any(_same_indicator(indicator, other) for other in g)), None)
        if home is None:
            groups.append([indicator])
        else:
            home.append(indicator)
    return groups


def _figure(o: views.ObservationView) -> bool:
    has_value = o.actual is not None and o.actual.value is not None
    return not o.qualitative and (has_value or o.percent_of_plan is not None)


def _home_of(o: views.ObservationView, groups: list[list[views.IndicatorView]]) -> int | None:
    """The group an unbound report figure belongs to, or None (the item's own path)."""
    if o.actual is None or o.actual.value is None:
        return 0 if len(groups) == 1 else None
    unit = o.actual.unit
    heads = [(g[0].text, _unit(g[0])) for g in groups]
    key = pace.milestone_key(o.sentence, o.actual.start, o.actual.text)
    found = pace.match_indicator(key, unit, heads) if key else None
    if found is not None:
        return found
    same_unit = [n for n, (_, u) in enumerate(heads) if u == unit]
    return same_unit[0] if len(same_unit) == 1 else None


# ---------------------------------------------------------------- points


def _share_of_target(o_value: float | None, unit: str, percent: float | None, target: views.Quantity | None) -> float | None:
    if percent is not None:
        return percent
    if o_value is None or target is None or not target.value or target.unit != unit:
        return None
    return round(o_value / target.value * 100, 1)


def _counts(o: views.ObservationView) -> str:
    if o.actual is not None and o.actual.text:
        return pace.milestone_key(o.sentence, o.actual.start, o.actual.text)
    if o.percent_text:
        return pace.milestone_key(o.sentence, None, o.percent_text)
    return ""


def _point(detail: views.ItemDetail, rep: views.IndicatorView | None, o: views.ObservationView, docs: dict) -> PathPoint:
    doc = docs.get(o.document_id)
    value = o.actual.value if o.actual is not None else None
    unit = o.actual.unit if o.actual is not None else ""
    target = rep.target if rep is not None else None
    expected = gap = None
    mark, by_milestones = "", False
    if o.as_of is not None:
        found = progress.expected_share(detail, rep, o.as_of)
        if found is not None:
            share, by_milestones = found
            expected = round(share * 100, 1)
            if o.percent_of_plan is not None:
                gap = round(share * 100 - o.percent_of_plan, 1)
                mark = pace.pace_mark(o.percent_of_plan, share)
    return PathPoint(
        as_of=o.as_of, value=value, unit=unit, text=o.actual.text if o.actual is not None else "",
        percent=o.percent_of_plan, share_of_target=_share_of_target(value, unit, o.percent_of_plan, target),
        expected=expected, by_milestones=by_milestones, gap=gap, mark=mark, document_id=o.document_id,
        document_title=doc.title if doc else "", document_kind=doc.kind if doc else "",
        source_file=doc.source_file if doc else "", line=o.line, sentence=o.sentence, counts=_counts(o),
    )  # fmt: skip


def _record_point(detail: views.ItemDetail, rep: views.IndicatorView | None, record: Record) -> PathPoint | None:
    try:
        as_of = dt.date.fromisoformat(str(record.as_of)[:10])
    except ValueError:
        as_of = None
    target = rep.target if rep is not None else None
    expected, by_milestones = None, False
    found = progress.expected_share(detail, rep, as_of) if as_of is not None else None
    if found is not None:
        expected, by_milestones = round(found[0] * 100, 1), found[1]
    value, unit = record.actual_value, record.actual_unit or (target.unit if target else "")
    return PathPoint(
        as_of=as_of, value=value, unit=unit, text=f"{value:g}{unit}", percent=None,
        share_of_target=_share_of_target(value, unit, None, target), expected=expected,
        by_milestones=by_milestones, gap=None, mark="", document_id=None, document_title=RECORDED_WORD,
        document_kind="record", source_file="", line=None, sentence=record.note or "", recorded=True,
    )  # fmt: skip


def _order(p: PathPoint) -> tuple:
    return (p.as_of or dt.date.max, p.recorded, p.document_id or 0, p.line or 0)


def _dedupe(points: Iterable[PathPoint]) -> list[PathPoint]:
    seen: set[tuple] = set()
    out = []
    for p in points:
        key = (p.as_of, p.document_id, p.value, p.unit, p.percent, p.recorded, p.sentence if p.recorded else "")
        if key not in seen:
            seen.add(key)
            out.append(p)
    return sorted(out, key=_order)


def _comparable(point: PathPoint, earlier: Sequence[PathPoint], now: Sequence[PathPoint]) -> PathPoint | None:
    """The figure of the earlier report that ``point`` restates: the only one of its unit in
    both reports, else the only one of its unit counting the same words; else None (a report
    giving several figures of one unit under one indicator is not guessed at)."""
    before = [p for p in earlier if p.unit == point.unit]
    if len(before) == 1 and sum(1 for p in now if p.unit == point.unit) == 1:
        return before[0]
    same = [p for p in before if p.counts and p.counts == point.counts]
    return same[0] if len(same) == 1 else None


def drops(points: Sequence[PathPoint]) -> list[Drop]:
    """Each published figure lower than the same figure in the report before it (the previous
    date of the path): its actual (same unit) or its percent of plan."""
    by_date: dict[dt.date, list[PathPoint]] = {}
    for p in points:
        if not p.recorded and p.as_of is not None:
            by_date.setdefault(p.as_of, []).append(p)
    dates = sorted(by_date)
    out = []
    for then, now in zip(dates, dates[1:]):
        for p in by_date[now]:
            previous = _comparable(p, by_date[then], by_date[now])
            if previous is None:
                continue
            actual_down = previous.value is not None and p.value is not None and p.value < previous.value
            percent_down = previous.percent is not None and p.percent is not None and p.percent < previous.percent
            if actual_down or percent_down:
                out.append(Drop(previous, p, actual_down, percent_down))
    return out


# ---------------------------------------------------------------- records (录入)


def load_records(conn: sqlite3.Connection, item_id: int) -> list[Record]:
    """The item's current records (``store.records``), or [] where that module or table is not
    there: the hook through which staff-recorded figures join the paths."""
    try:
        from tui_shishi.store import records
    except ImportError:  # pragma: no cover - a checkout without recorded figures
        return []
    return [r for r in records.item_records(conn, item_id) if r.current and r.indicator_id is not None]


# ---------------------------------------------------------------- the paths


def figure_paths(
    source: sqlite3.Connection | views.ItemDetail,
    item: int | None = None,
    *,
    records: Sequence[Record] | None = None,
) -> list[FigurePath]:
    """Per indicator of an item (in the pane's order), its points across reports; the item's
    own path (figures bound to no indicator) last, when it has any.

    ``source`` is a connection (then ``item`` is the item id, and its current records are read)
    or an ``ItemDetail`` (records as given). Raises LookupError for an unknown item id."""
    if isinstance(source, views.ItemDetail):
        detail = source
    else:
        if item is None:
            raise TypeError("figure_paths(conn, item_id): give the item id")
        found = q.item_detail(source, item)
        if found is None:
            raise LookupError(f"no item {item} in the database")
        detail = found
        if records is None:
            records = load_records(source, item)
    docs = {d.id: d for d in detail.documents}
    groups = _groups(detail.indicators)
    reps = [next((i for i in g if i.target is not None and i.target.value), g[0]) for g in groups]
    points: list[list[PathPoint]] = [[] for _ in groups]
    own: list[PathPoint] = []
    for n, group in enumerate(groups):
        for indicator in group:
            points[n] += [_point(detail, reps[n], o, docs) for o in indicator.observations if _figure(o)]
    for o in detail.progress:
        if not _figure(o):
            continue
        home = _home_of(o, groups)
        if home is None:
            own.append(_point(detail, None, o, docs))
        else:
            points[home].append(_point(detail, reps[home], o, docs))
    for record in records or ():
        home = next((n for n, g in enumerate(groups) if any(i.id == record.indicator_id for i in g)), None)
        if home is not None:
            found_point = _record_point(detail, reps[home], record)
            if found_point is not None:
                points[home].append(found_point)
    out = []
    for n, group in enumerate(groups):
        path = _dedupe(points[n])
        rep = reps[n]
        out.append(FigurePath(rep, tuple(i.id for i in group), rep.text, rep.target, tuple(path), tuple(drops(path))))
    if own:
        path = _dedupe(own)
        out.append(FigurePath(None, (), "整体进度", None, tuple(path), tuple(drops(path))))
    return out


def path_of(paths: Sequence[FigurePath], indicator_id: int) -> FigurePath | None:
    return next((p for p in paths if indicator_id in p.indicator_ids), None)


def short_titles(points: Iterable[PathPoint]) -> dict[int, str]:
    """Document id → its title without the words every title of the path shares at the start
    (样本市2031年市办实事项目上半年进展情况 → 上半年进展情况), so a row names its report briefly."""
    titles = {p.document_id: p.document_title for p in points if p.document_id is not None and p.document_title}
    if len(titles) < 2:
        return dict(titles)
    values = list(titles.values())
    common = 0
    shortest = min(len(t) for t in values)
    while common < shortest and all(t[common] == values[0][common] for t in values):
        common += 1
    return {k: (t[common:] or t) for k, t in titles.items()}


def source_label(point: PathPoint, titles: dict[int, str] | None = None) -> str:
    """``上半年进展情况 第2行``; a record: ``录入``."""
    if point.recorded:
        return RECORDED_WORD
    title = (titles or {}).get(point.document_id or -1) or point.document_title or point.source_file
    return f"{title} 第{point.line}行" if point.line else title


def all_drops(conn: sqlite3.Connection, year_ids: Sequence[int] | None = None) -> list[tuple[views.ItemDetail, FigurePath, Drop]]:
    """Every 较上次下降 of the items with two or more dated reports (of ``year_ids``; None: all)."""
    sql = "SELECT item_id FROM observations WHERE as_of IS NOT NULL GROUP BY item_id HAVING count(DISTINCT as_of) > 1"
    candidates = {r[0] for r in conn.execute(sql)}
    if year_ids is not None:
        marks = ",".join("?" * len(year_ids)) or "NULL"
        candidates &= {r[0] for r in conn.execute(f"SELECT id FROM items WHERE year_id IN ({marks})", list(year_ids))}
    out = []
    for item_id in sorted(candidates):
        detail = q.item_detail(conn, item_id)
        if detail is None:
            continue
        for path in figure_paths(detail, records=()):
            out += [(detail, path, d) for d in path.drops]
    out.sort(key=lambda t: (t[0].year.city, t[0].year.period, t[0].item.number))
    return out
