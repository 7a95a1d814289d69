"""``shishi show dept:民政局`` and ``shishi show theme:养老助残``: the items of a department or a theme.

A department is named the way search's ``dept:`` filter names it: any part of its name, folded
(full-width and Traditional forms match too). A name that is exactly one department's shows that
department; otherwise every department whose name contains the text is shown, each with its
items (``dept:民政局`` → 市民政局, 区民政局 …). Imported by ``cli_render.show`` only.
"""

from __future__ import annotations

import dataclasses
import sqlite3

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from tui_shishi.cli_render import FIGURE_COLUMNS, bar, over_text, render_department, status_text
from tui_shishi.cli_text import FigureText
from tui_shishi.parse.text import fold
from tui_shishi.store import reports
from tui_shishi.store.reports import TargetNotFound

DEPT_PREFIXES = ("dept:", "department:", "部门:", "单位:")
THEME_PREFIXES = ("theme:", "主题:")


def _value(target: str, prefixes: tuple[str, ...]) -> str | None:
    text = target.strip()
    folded = fold(text)
    for prefix in prefixes:
        if folded.startswith(prefix):
            return text[len(prefix) :].strip()
    return None


def named_list(conn: sqlite3.Connection, target: str) -> tuple[dict, RenderableType] | None:
    """``(json data, renderable)`` for ``dept:…`` or ``theme:…``; None for any other target.

    Raises TargetNotFound (one line, Chinese) when the name matches nothing."""
    name = _value(target, DEPT_PREFIXES)
    if name is not None:
        return department_list(conn, name)
    name = _value(target, THEME_PREFIXES)
    if name is not None:
        return theme_list(conn, name)
    return None


def matching_departments(conn: sqlite3.Connection, text: str) -> list[str]:
    """The department names ``text`` names: the one spelled so, else all containing it (folded)."""
    exact = reports.department_name(conn, text)
    if exact is not None:
        return [exact]
    return [d.name for d in reports.departments(conn, text)]


def department_list(conn: sqlite3.Connection, text: str) -> tuple[dict, RenderableType]:
    if not text:
        raise TargetNotFound("请给出单位名称，如 dept:民政局")
    names = matching_departments(conn, text)
    if not names:
        raise TargetNotFound(f"没有名称含「{text}」的单位")
    items: list[dict] = []
    parts: list[RenderableType] = []
    if len(names) > 1:
        parts.append(Text(f"「{text}」：{len(names)} 个单位（{'、'.join(names)}）", style="bold"))
    for name in names:
        found = reports.department_items(conn, name)
        parts.append(render_department(name, found))
        items += [{**dataclasses.asdict(i), "department": name} for i in found]
    data = {"department": names[0] if len(names) == 1 else text, "departments": names, "total": len(items), "items": items}
    return data, Group(*parts)


def theme_list(conn: sqlite3.Connection, text: str) -> tuple[dict, RenderableType]:
    from tui_shishi.store.trends import theme_items
    from tui_shishi.themes import get_theme, load_taxonomy

    try:
        theme = get_theme(text)
    except KeyError:
        known = "、".join(t.name for t in load_taxonomy())
        raise TargetNotFound(f"没有主题「{text}」；主题有：{known}") from None
    found = theme_items(conn, theme)
    table = Table(expand=False)
    for column in ("城市", "年份", "件", "标题", "占年计划", "状态", "词语"):
        table.add_column(column, overflow="fold", justify="right" if column == "件" else "left", no_wrap=column in FIGURE_COLUMNS)
    for row, match in found:
        plan = Text.assemble(bar(row.percent, 10), " ", over_text(row.percent))
        table.add_row(row.city, row.period, str(row.number), FigureText(row.title), plan, status_text(row.status), "、".join(match.words))
    data = {
        "theme": theme.name,
        "total": len(found),
        "items": [{**dataclasses.asdict(row), "words": list(match.words)} for row, match in found],
    }
    title = Text.assemble((f"主题：{theme.name}", "bold"), f"  {len(found)}件")
    return data, Group(title, table)
