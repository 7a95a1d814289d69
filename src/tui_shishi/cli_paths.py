"""A figure's path in ``shishi show`` and ``shishi check``: each indicator's figures across reports
as a table (截至 | 实际 | 占年计划 | 序时进度 | 差 | 来源), and every 较上次下降 in words.

Glyph and word on every mark (▲ 超序时, ≈ 按序时, ▼ 滞后, ↓ 较上次下降), so a pipe or a monochrome
terminal reads the same as colour. The rules are ``store.paths``'s.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from tui_shishi import pace
from tui_shishi.safe_text import printable
from tui_shishi.store import paths as ps

MARK_STYLE = {pace.AHEAD: "green", pace.ON_PACE: "", pace.BEHIND: "red"}
DOWN = "↓"


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%".replace(".0%", "%")


def gap_text(point: ps.PathPoint) -> Text:
    """``▼滞后9.6点`` / ``▲超序时5.2点`` / ``≈按序时``; ``录入，未判断`` for a record; else —."""
    if point.recorded:
        return Text(f"{ps.RECORDED_WORD}，未判断", style="cyan")
    if not point.mark:
        return Text("—", style="dim")
    text = f"{ps.MARK_GLYPHS[point.mark]}{point.mark}"
    if point.mark != pace.ON_PACE and point.gap is not None:
        text += f"{abs(point.gap):g}点"
    return Text(text, style=MARK_STYLE[point.mark])


def source_text(point: ps.PathPoint, titles: dict[int, str] | None = None) -> str:
    """``上半年进展情况（sample-2031-h1.txt）第3行`` (``titles``: the path's short titles); a
    record: 录入 and its note."""
    if point.recorded:
        return f"{ps.RECORDED_WORD}" + (f"：{point.sentence}" if point.sentence else "")
    name = (titles or {}).get(point.document_id or -1) or point.document_title or point.source_file
    if point.document_title and point.source_file:
        name += f"（{point.source_file}）"
    return name + (f"第{point.line}行" if point.line else "")


def drop_line(drop: ps.Drop) -> str:
    """``↓较上次下降：40个（40%）→ 36个（36%）：上次 2031-06-30 …第3行，本次 2031-09-30 …第3行``."""

    def said(point: ps.PathPoint) -> str:
        figure = point.figure if drop.actual_down else ""
        percent = _percent(point.percent) if (drop.percent_down or not figure) and point.percent is not None else ""
        return f"{figure}（{percent}）" if figure and percent else (figure or percent)

    before, after = drop.before, drop.after
    return (
        f"{DOWN}{ps.DOWN_WORD}：{said(before)} → {said(after)}："
        f"上次 {before.as_of} {source_text(before)}，本次 {after.as_of} {source_text(after)}"
    )


def path_table(path: ps.FigurePath) -> Table:
    target = f"（目标 {path.target.display}）" if path.target is not None else ""
    table = Table(title=f"历次报告：{printable(path.label)}{target}", title_justify="left", expand=False)
    for column in ("截至", "实际", "占年计划", "序时进度", "差", "来源"):
        table.add_column(column, overflow="fold", no_wrap=column in ("截至", "实际", "占年计划", "序时进度"))
    titles = ps.short_titles(path.points)
    for point in path.points:
        gap = gap_text(point)
        drop = path.drop_after(point)
        if drop is not None:
            gap.append(f"\n{DOWN}{ps.DOWN_WORD}", style="bold yellow")
        expected = _percent(point.expected) + ("（按计划节点）" if point.by_milestones and point.expected is not None else "")
        table.add_row(
            str(point.as_of) if point.as_of else "未标日期",
            printable(point.figure) or "—",
            _percent(point.percent),
            expected,
            gap,
            printable(source_text(point, titles)),
        )
    return table


def current_records(records: Sequence) -> list:
    """The records that count on a path: not superseded, with an indicator in this database."""
    return [r for r in records if getattr(r, "current", True) and getattr(r, "indicator_id", None) is not None]


def paths_renderable(detail, records: Sequence = ()) -> RenderableType | None:
    """A table per indicator with two or more points, each followed by its 较上次下降 lines;
    None when no indicator has a path."""
    parts: list[RenderableType] = []
    for path in ps.figure_paths(detail, records=current_records(records)):
        if len({p.as_of for p in path.points if p.as_of is not None}) < 2:
            continue  # one report: the item's figures table says it all
        parts.append(path_table(path))
        parts += [Text(printable(drop_line(d)), style="bold yellow") for d in path.drops]
    return Group(*parts) if parts else None


def paths_json(detail, records: Sequence = ()) -> list[dict]:
    """The paths for ``show --json``: label, target, points (with ``recorded``) and drops."""
    import dataclasses

    out = []
    for path in ps.figure_paths(detail, records=current_records(records)):
        points = [dataclasses.asdict(p) for p in path.points]
        index = {id(p): n for n, p in enumerate(path.points)}
        out.append(
            {
                "label": path.label,
                "indicator_ids": list(path.indicator_ids),
                "target": dataclasses.asdict(path.target) if path.target else None,
                "points": points,
                "drops": [
                    {
                        "before": index[id(d.before)],
                        "after": index[id(d.after)],
                        "actual_down": d.actual_down,
                        "percent_down": d.percent_down,
                        "said": drop_line(d),
                    }
                    for d in path.drops
                ],  # fmt: skip
            }
        )
    return out


def drop_lines(conn, year_ids: Sequence[int] | None = None) -> list[str]:
    """Every 较上次下降 of the database, one line each, for ``shishi check``."""
    return [
        printable(f"{d.year.name} 第{d.item.number}件 {d.item.title} · {path.label}：{drop_line(drop)}")
        for d, path, drop in ps.all_drops(conn, year_ids)
    ]
