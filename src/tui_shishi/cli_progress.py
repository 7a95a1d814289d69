"""``shishi behind`` / ``due`` / ``changes`` in the shell: a rich table on a terminal, one line per
row with tab-separated fields on a pipe (like ``shishi search``), one JSON document with ``--json``
(an object: ``total`` and the rows under a named key, as every command's ``--json``).

Imported by the commands only (rich is not loaded for ``shishi --help``).
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Sequence
from typing import IO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from tui_shishi.cli_render import STATUS_STYLES, to_json
from tui_shishi.cli_text import FigureText
from tui_shishi.status import label
from tui_shishi.store import milestones as ms
from tui_shishi.store import views

# Columns of figures and dates: never folded on a terminal (a figure split over two lines misreads).
_FIGURES = frozenset({"城市", "年份", "件", "占年计划", "序时进度", "差距", "截至", "状态", "时限", "日期", "天"})
STATE_STYLES = {ms.OVERDUE: "bold red", ms.DUE_SOON: "yellow", ms.NOT_DUE: "", ms.DONE: "green", ms.UNDATED: "dim"}


def _is_tty(out: IO[str]) -> bool:
    return hasattr(out, "isatty") and out.isatty()


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _line(out: IO[str], *fields) -> None:
    from tui_shishi.cli_grep import line

    line(out, *fields)  # one record per line: a tab or newline inside a field becomes a space


def _print(out: IO[str], *renderables) -> None:
    console = Console(file=out)
    for r in renderables:
        console.print(r)


# ---------------------------------------------------------------- behind


def behind(rows: Sequence[views.BehindRow], as_json: bool = False, file: IO[str] | None = None) -> None:
    out = file or sys.stdout
    measured = [r for r in rows if not r.qualitative]
    apart = [r for r in rows if r.qualitative]
    if as_json:
        data = {
            "total": len(measured),
            "behind": [dataclasses.asdict(r) for r in measured],
            "qualitative": [dataclasses.asdict(r) for r in apart],
        }
        out.write(to_json(data) + "\n")
        return
    if not _is_tty(out):
        for r in measured:
            _line(
                out, "滞后", r.city, r.period, f"第{r.number}件", r.title, r.indicator, f"{_num(r.percent)}%",
                f"序时{_num(r.expected)}%", f"差{_num(r.gap)}点", r.as_of, "、".join(r.departments), r.sentence,
            )  # fmt: skip
        for r in apart:
            _line(out, "定性", r.city, r.period, f"第{r.number}件", r.title, "", "", "", "", r.as_of, "、".join(r.departments), r.sentence)
        return
    table = Table(title=f"滞后 {len(measured)} 项（低于序时进度超过 3 个百分点）", title_justify="left")
    for column in ("城市", "年份", "件", "标题", "指标", "占年计划", "序时进度", "差距", "截至", "单位", "原文"):
        table.add_column(
            column,
            overflow="fold",
            justify="right" if column in ("件", "占年计划", "序时进度", "差距") else "left",
            no_wrap=column in _FIGURES,
        )
    for r in measured:
        table.add_row(
            r.city, r.period, str(r.number), FigureText(r.title), FigureText(r.indicator), f"{_num(r.percent)}%",
            f"{_num(r.expected)}%" + ("*" if r.by_milestones else ""), Text(f"-{_num(r.gap)}", style="bold red"),
            str(r.as_of), "、".join(r.departments), FigureText(r.sentence),
        )  # fmt: skip
    parts: list[Table | Text] = [table]
    if apart:
        other = Table(title=f"无占年计划数字、无法对照序时进度 {len(apart)} 件（定性）", title_justify="left")
        for column in ("城市", "年份", "件", "标题", "截至", "单位", "原文"):
            other.add_column(column, overflow="fold", justify="right" if column == "件" else "left", no_wrap=column in _FIGURES)
        for r in apart:
            other.add_row(
                r.city, r.period, str(r.number), FigureText(r.title), str(r.as_of), "、".join(r.departments), FigureText(r.sentence)
            )
        parts.append(other)
    if any(r.by_milestones for r in measured):
        parts.append(Text("* 按实施计划的节点目标计算", style="dim"))
    _print(out, *parts)


# ---------------------------------------------------------------- due


def due(rows: Sequence[views.DueRow], as_json: bool = False, file: IO[str] | None = None, title: str = "") -> None:
    out = file or sys.stdout
    if as_json:
        out.write(to_json({"title": title, "total": len(rows), "milestones": [dataclasses.asdict(r) for r in rows]}) + "\n")
        return
    if not _is_tty(out):
        for r in rows:
            _line(
                out, r.state, r.city, r.period, f"第{r.number}件", r.title, r.due, r.due_date or "",
                "" if r.days is None else r.days, r.done_on or "", "、".join(r.departments), r.text,
            )  # fmt: skip
        return
    table = Table(title=title or f"{len(rows)} 个节点", title_justify="left")
    for column in ("状态", "城市", "年份", "件", "标题", "时限", "日期", "天", "单位", "节点内容"):
        table.add_column(column, overflow="fold", justify="right" if column in ("件", "天") else "left", no_wrap=column in _FIGURES)
    for r in rows:
        days = "" if r.days is None else (f"逾期{-r.days}" if r.days < 0 else str(r.days))
        if r.state == ms.DONE and r.done_on:
            days = f"{r.done_on}报完成"
        table.add_row(
            Text(r.state, style=STATE_STYLES.get(r.state, "")), r.city, r.period, str(r.number), FigureText(r.title), r.due,
            str(r.due_date or ""), days, "、".join(r.departments), FigureText(r.text),
        )  # fmt: skip
    _print(out, table)


# ---------------------------------------------------------------- changes


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:g}%"


def _marks(r: views.ChangeRow) -> str:
    marks = []
    if r.newly_achieved:
        marks.append("新达成")
    if r.newly_behind:
        marks.append("新滞后")
    elif r.behind_now:
        marks.append("仍滞后")
    if r.went_down:
        marks.append("数字下降")
    return "、".join(marks)


def changes(rows: Sequence[views.ChangeRow], name: str, as_json: bool = False, file: IO[str] | None = None) -> None:
    out = file or sys.stdout
    then, now = (rows[0].then, rows[0].now) if rows else (None, None)
    if as_json:
        data = {"target": name, "then": then, "now": now, "total": len(rows), "items": [dataclasses.asdict(r) for r in rows]}
        out.write(to_json(data) + "\n")
        return
    if not _is_tty(out):
        for r in rows:
            _line(
                out, f"第{r.number}件", r.title, f"{_percent(r.percent_then)} → {_percent(r.percent_now)}",
                "" if r.delta is None else f"{r.delta:+g}", f"{r.status_then} → {r.status_now}", _marks(r),
            )  # fmt: skip
        return
    table = Table(title=f"{name}：{then} → {now}", title_justify="left")
    for column in ("件", "标题", f"{then}", f"{now}", "变化", "状态", "标记"):
        table.add_column(
            column, overflow="fold", justify="right" if column in ("件", "变化") else "left", no_wrap=column not in ("标题", "标记")
        )
    for r in rows:
        status = Text(label(r.status_then), style=STATUS_STYLES.get(r.status_then, ""))
        status.append(" → ")
        status.append(label(r.status_now), style=STATUS_STYLES.get(r.status_now, ""))
        table.add_row(
            str(r.number), FigureText(r.title), _percent(r.percent_then), _percent(r.percent_now),
            "" if r.delta is None else f"{r.delta:+g}", status, _marks(r),
        )  # fmt: skip
    _print(out, table)
