"""``shishi show`` in the shell: an item, a year or a department as rich renderables.

Bars are drawn with █ and ░ so they read without colour; past 100% of plan the bar is full and
ends in ▶ (``████▶ 151.9%``), so it never looks like 100%. On a pipe or a file the console has no
colour system and prints plain text (no escape codes) and wraps nothing: a figure is never split
across lines (``$COLUMNS`` still sets a width when given).
Everything status-like is shown as glyph + word (``✔ 达成``) for the same reason.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from tui_shishi import status as st
from tui_shishi.cli_text import FigureText
from tui_shishi.status import GLYPHS, label
from tui_shishi.words import role_word

if TYPE_CHECKING:
    import sqlite3

    from tui_shishi.store.records import Record
    from tui_shishi.store.views import Card, DepartmentItem, Figure, ItemDetail, ItemRow, YearRef
    from tui_shishi.themes import ThemeMatch

STATUS_STYLES = {st.ACHIEVED: "green", st.IN_PROGRESS: "yellow", st.NOT_REPORTED: "dim", st.QUALITATIVE: "cyan"}
BAR_WIDTH = 20
PLAIN_WIDTH = 100_000  # a pipe has no width: nothing wraps, so no figure is split across lines
OVER = "▶"  # ends a bar past 100% of plan
FIGURE_COLUMNS = frozenset({"目标", "实际", "占年计划", "件", "城市", "年份", "状态"})


def console(file: IO[str] | None = None) -> Console:
    """A console on ``file`` (stdout): colour on a terminal, plain text elsewhere."""
    file = file or sys.stdout
    is_tty = hasattr(file, "isatty") and file.isatty()
    if is_tty:
        return Console(file=file)
    width = int(os.environ["COLUMNS"]) if os.environ.get("COLUMNS", "").isdigit() else PLAIN_WIDTH
    return Console(file=file, force_terminal=False, color_system=None, width=width, highlight=False)


def bar(percent: float | None, width: int = BAR_WIDTH, computed: bool = False) -> Text:
    """``█████████░░░ 75%``; past 100% the bar is full and ends in ▶ (``████▶ 151.9%``), so
    151.9% never looks like 100%. ``computed``: the percent is actual ÷ target, not published,
    and says so (``st.COMPUTED_NOTE``)."""
    if percent is None:
        return Text("—", style="dim")
    filled = round(min(max(percent, 0.0), 100.0) / 100 * width)
    style = "green" if percent >= 100 else "yellow"
    text = Text("█" * filled, style=style)
    text.append("░" * (width - filled), style="dim")
    if percent > 100:
        text.append(OVER, style="bold green")
    text.append(f" {percent:g}%")
    if computed:
        text.append(st.COMPUTED_NOTE, style="dim")
    return text


def over_text(percent: float | None, computed: bool = False) -> Text:
    """``超额 +51.9%`` (``st.over_plan_words``) past 100% of plan, else empty."""
    return Text(st.over_plan_words(percent, computed), style="bold green")


def status_text(status: str) -> Text:
    return Text(label(status), style=STATUS_STYLES.get(status, ""))


def _title(*parts: str) -> Text:
    return Text(" · ".join(p for p in parts if p), style="bold")


# ---------------------------------------------------------------- item


def render_item(
    detail: ItemDetail, themes: Sequence[ThemeMatch] = (), figures: Sequence[Figure] = (), records: Sequence[Record] = ()
) -> RenderableType:
    """One item (``store.views.ItemDetail``) with its themes (``themes.ThemeMatch``) and its
    figures (``store.trends.item_figures``: a target restated by several documents shown once)."""
    item, year = detail.item, detail.year
    head = Text.assemble(
        _title(year.name, f"第{item.number}件"),
        "  ",
        status_text(item.status),
        "  ",
        bar(item.percent),
    )
    if item.percent is not None and item.percent > 100:
        head.append_text(Text.assemble("  ", over_text(item.percent)))
    parts: list[RenderableType] = [head, FigureText(item.title, style="bold")]
    if detail.section_title:
        parts.append(Text(f"栏目：{detail.section_title}", style="dim"))
    if detail.text and detail.text != item.title:
        parts.append(FigureText(detail.text))
    if detail.departments:
        names = "；".join(f"{d.name}({role_word(d.role)}{'，' + d.note if d.note else ''})" for d in detail.departments)
        parts.append(FigureText(f"单位：{names}"))
    if themes:
        parts.append(FigureText("主题：" + "；".join(f"{m.theme}（{'、'.join(m.words)}）" for m in themes), style="dim"))
    if figures:
        table = Table(title="指标", title_justify="left", expand=False, show_lines=False)
        for column in ("指标", "目标", "实际", "占年计划", "状态"):  # a figure is never folded
            table.add_column(column, overflow="fold", no_wrap=column in FIGURE_COLUMNS)
        for f in figures:
            actual = f.actual_text or ("（文字）" if f.actual_sentence and not f.target_text else "")
            share, computed = st.share_of_plan(f.percent, f.actual_value, f.actual_unit, f.target_value, f.target_unit)
            plan = bar(share, 12)  # a second line for 超额 and （按实际/目标计算）: the column stays narrow
            if share is not None and share > 100:  # 超额 +97%（按实际/目标计算）: a computed one says so
                plan.append_text(Text.assemble("\n", over_text(share, computed)))
            elif computed:
                plan.append(f"\n{st.COMPUTED_NOTE}", style="dim")
            shown = status_text(f.status) if f.status else Text("无目标", style="dim")  # a part or context figure: not judged
            table.add_row(FigureText(f.text), f.target_text, actual, plan, shown)
        parts.append(table)
        sentences = dict.fromkeys(f.actual_sentence for f in figures if f.actual_sentence)
        if sentences:
            parts.append(Text("完成情况原文：", style="bold"))
            parts += [FigureText(s, indent="  ") for s in sentences]
    if records:  # recorded by staff, not published: apart from the table, marked 录入
        from tui_shishi.cli_records import records_renderable

        parts.append(records_renderable(records, detail))
    from tui_shishi.cli_paths import paths_renderable

    path_tables = paths_renderable(detail, records)  # each indicator's figures across reports
    if path_tables is not None:
        parts.append(path_tables)
    if detail.milestones:
        parts.append(Text("实施计划：", style="bold"))
        parts += [FigureText(f"{m.due}  {m.text}", indent="  ") for m in detail.milestones]
    if detail.notes:
        parts.append(Text("说明：", style="bold"))
        parts += [FigureText(n, indent="  ") for n in detail.notes]
    if detail.flags:
        parts.append(Text("数据问题：", style="bold red"))
        parts += [FigureText(f"⚑ {f.kind}: {f.detail}" + (f"（第{f.line}行）" if f.line else ""), indent="  ") for f in detail.flags]
    if detail.documents:
        parts.append(Text("来源：", style="dim"))
        parts += [Text(f"  {d.source_file}  {d.kind}" + (f"  截至{d.as_of}" if d.as_of else ""), style="dim") for d in detail.documents]
    return Group(*parts)


# ---------------------------------------------------------------- year


def card_line(card: Card) -> Text:
    """``12件  ✔ 达成 9  ◐ 进行中 2 …  平均 104.5%  ⚑ 3  截至 2025-12-31`` for a ``views.Card``."""
    text = Text(f"{card.n_items}件  ")
    for status, n in card.counts.items():
        if n:
            text.append(f"{GLYPHS.get(status, '?')} {status} {n}  ", style=STATUS_STYLES.get(status, ""))
    if card.mean_percent is not None:
        text.append(f"平均占年计划 {card.mean_percent:g}%  ")
    text.append(f"⚑ {card.n_flags}  ")
    text.append(f"截至 {card.as_of}" if card.as_of else "未标日期")
    return text


def render_year(card: Card, items: Sequence[ItemRow]) -> RenderableType:
    """A city-year: its card (``views.Card``) and its items (``views.ItemRow``) with bars."""
    table = Table(expand=False)
    table.add_column("件", justify="right", no_wrap=True)
    table.add_column("标题", overflow="fold")
    table.add_column("占年计划", no_wrap=True)
    table.add_column("状态", no_wrap=True)
    for row in items:
        plan = Text.assemble(bar(row.percent), " ", over_text(row.percent))
        table.add_row(str(row.number), FigureText(row.title), plan, status_text(row.status))
    return Group(_title(f"{card.city} {card.period}"), card_line(card), table)


# ---------------------------------------------------------------- department


def render_department(name: str, items: Sequence[DepartmentItem]) -> RenderableType:
    """A department and the items it leads, co-leads or is responsible for (``views.DepartmentItem``)."""
    roles: dict[str, int] = {}
    for it in items:
        roles[it.role] = roles.get(it.role, 0) + 1
    summary = "  ".join(f"{role_word(r)} {n}" for r, n in roles.items())
    table = Table(expand=False)
    for column in ("城市", "年份", "件", "标题", "角色", "占年计划", "状态"):
        table.add_column(column, overflow="fold", justify="right" if column == "件" else "left", no_wrap=column in FIGURE_COLUMNS)
    for it in items:
        role = role_word(it.role) + (f"（{it.note}）" if it.note else "")
        table.add_row(it.city, it.period, str(it.number), FigureText(it.title), role, bar(it.percent, 10), status_text(it.status))
    return Group(_title(name), Text(f"{len({i.item_id for i in items})}件  {summary}"), table)


# ---------------------------------------------------------------- JSON


def _plain(value: object) -> object:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def to_json(data: object) -> str:
    """Dataclasses (nested), dates and plain values as indented JSON, Chinese kept readable."""
    if dataclasses.is_dataclass(data) and not isinstance(data, type):
        data = dataclasses.asdict(data)
    return json.dumps(data, ensure_ascii=False, indent=2, default=_plain)


# ---------------------------------------------------------------- shishi show


def _figure_json(figure: Figure) -> dict:
    """A figure as JSON, with ``percent_computed`` (actual ÷ target) where no percent was published."""
    share, computed = st.share_of_plan(figure.percent, figure.actual_value, figure.actual_unit, figure.target_value, figure.target_unit)
    return {**dataclasses.asdict(figure), "percent_computed": share if computed else None}


def show(conn: sqlite3.Connection, target: str, as_json: bool = False, file: IO[str] | None = None) -> None:
    """Print what ``target`` names; raises ``reports.TargetNotFound`` (one-line message) if nothing."""
    from tui_shishi.cli_lists import named_list
    from tui_shishi.store.reports import resolve_target

    listed = named_list(conn, target)  # dept:民政局 (any part of a name, as search), theme:养老助残
    if listed is not None:
        data, view = listed
    else:
        found = resolve_target(conn, target)
        if found.kind == "item":
            data, view = _show_item(conn, found.item_row())
        elif found.kind == "year":
            data, view = _show_year(conn, found.year_ref())
        else:
            data, view = _show_department(conn, found.department)
    out = file or sys.stdout
    if as_json:
        out.write(to_json(data) + "\n")
    else:
        console(out).print(view)


def _show_item(conn: sqlite3.Connection, item: ItemRow) -> tuple[dict, RenderableType]:
    from tui_shishi.cli_paths import paths_json
    from tui_shishi.cli_records import record_json
    from tui_shishi.store.queries import item_detail
    from tui_shishi.store.records import item_records
    from tui_shishi.store.reports import TargetNotFound
    from tui_shishi.store.trends import item_figures, item_themes

    detail = item_detail(conn, item.item_id)
    if detail is None:  # not after resolve_target in one read transaction; said as it would say it
        raise TargetNotFound(f"{item.city} {item.period} 没有第{item.number}件")
    themes = item_themes(conn, item.item_id)
    figures = item_figures(conn, item.item_id)
    records = item_records(conn, item.item_id)
    data = {
        **dataclasses.asdict(detail),
        "themes": [dataclasses.asdict(m) for m in themes],
        "figures": [_figure_json(f) for f in figures],
        "records": [record_json(r) for r in records],
        "paths": paths_json(detail, records),
    }
    return data, render_item(detail, themes, figures, records)


def _show_year(conn: sqlite3.Connection, year: YearRef) -> tuple[dict, RenderableType]:
    from tui_shishi.store.reports import TargetNotFound, card, year_items

    found = card(conn, year.year_id)
    if found is None:  # not after resolve_target in one read transaction; said as it would say it
        raise TargetNotFound(f"数据库中没有 {year.city} {year.period}")
    items = year_items(conn, year.year_id)
    data = {"card": dataclasses.asdict(found), "items": [dataclasses.asdict(i) for i in items]}
    return data, render_year(found, items)


def _show_department(conn: sqlite3.Connection, name: str) -> tuple[dict, RenderableType]:
    from tui_shishi.store.reports import department_items

    items = department_items(conn, name)
    return {"department": name, "items": [dataclasses.asdict(i) for i in items]}, render_department(name, items)
