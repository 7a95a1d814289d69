"""Percent of plan by item for one city-year, drawn as a bar list with glyphs.

Hand-drawn rather than plotext: fifteen Chinese labels need cell-exact widths (东 is two cells)
and the bars must read on a 16-colour or monochrome terminal. Glyphs carry the meaning, colour
only adds to it:

    █  reached, up to the plan (100%)      ▓  beyond the plan (超额)
    ░  still missing to reach the plan     ┆  where 100% of the plan is
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from tui_shishi import status as st
from tui_shishi.store.views import ItemRow
from tui_shishi.ui.widgets.render import FILL_DONE, FILL_GOING, STATUS_STYLE, glyph, pad, percent_str, themed, truncate

FULL, BEYOND, MISSING, PLAN_MARK = "█", "▓", "░", "┆"
MAX_SCALE = 200.0  # past 200% a bar is cut (») so that one 291% does not flatten the others
LABEL_NARROW, LABEL_WIDE = 16, 24  # cells for the item's short title
BEYOND_STYLE = themed("success", "bold")


def scale_of(percents: list[float]) -> float:
    """The percent at the right end of the bars: at least the plan, at most MAX_SCALE."""
    return min(max([100.0, *percents]), MAX_SCALE)


def bar_cells(percent: float, scale: float, width: int, achieved: bool) -> Text:
    """One bar of ``width`` cells for ``percent``, the plan marked at 100/scale of the width.

    ▓ only for an achieved item beyond its plan. An item still in progress whose mean percent
    passes 100 (one figure over, another short) stops one cell short of the plan, a ░ left:
    a full bar, or ▓, would say it was done.
    """
    filled = round(min(max(percent, 0.0), scale) / scale * width)
    plan = round(100.0 / scale * width)
    if not achieved:
        filled = min(filled, plan - 1) if plan > 0 else 0
    fill = FILL_DONE if achieved else FILL_GOING  # (only an achieved item passes the plan: ▓)
    text = Text()
    for i in range(width):
        if i < filled:
            text.append(BEYOND if i >= plan else FULL, style=BEYOND_STYLE if i >= plan else fill)
        elif i < plan:
            text.append(MISSING, style="dim")
        elif i == plan:
            text.append(PLAN_MARK, style="dim")
        else:
            text.append(" ")
    if percent > scale and achieved:
        text.append("»", style="bold")
    return text


def chart_text(items: list[ItemRow], width: int) -> Text:
    """A line per item (number, short title, bar, percent, status), under a scale line.

    A year with no published percent at all (a plan, a list) gets one line saying so.
    """
    if not any(i.percent is not None for i in items):
        counts = {s: sum(1 for i in items if i.status == s) for s in dict.fromkeys(i.status for i in items)}
        said = "，".join(f"{glyph(s)} {s} {n}" for s, n in counts.items())
        return Text(f"本年度尚未公布占年计划的百分比（{len(items)}件：{said}）", style="dim")
    label = LABEL_WIDE if width >= 100 else LABEL_NARROW
    status_cells = max((cell_len(st.label(i.status)) for i in items), default=0)
    bar_width = max(width - (3 + 1 + label + 1 + 1 + 1 + 7 + 1 + status_cells), 8)
    # an item in progress never draws past the plan, so only achieved items stretch the scale
    scale = scale_of([i.percent if i.status == st.ACHIEVED else min(i.percent, 100.0) for i in items if i.percent is not None])
    plan = round(100.0 / scale * bar_width)
    head = " " * (3 + 1 + label + 1) + "0%"
    head += " " * max(plan - len("0%") - len("100%") + 1, 1) + "100%"
    if scale > 100:
        head += " " * max(bar_width - plan - 1 - len(f"{scale:g}%"), 1) + f"{scale:g}%"
    text = Text(head, style="dim")
    for item in items:
        text.append("\n")
        text.append(f"{item.number:>3} ", style="bold")
        text.append(pad(truncate(item.short_title, label), label) + " ")
        if item.percent is None:
            text.append(pad("—", bar_width + 1 + 9), style="dim")
        else:
            achieved = item.status == st.ACHIEVED
            text.append_text(bar_cells(item.percent, scale, bar_width, achieved))
            if item.percent <= scale or not achieved:  # else the bar ends in »
                text.append(" ")
            text.append(f" {percent_str(item.percent):>7} ")
        text.append(f"{glyph(item.status)} {item.status}", style=STATUS_STYLE.get(item.status, ""))
    return text


class YearBars(Widget):
    """The chart of one year's items; redrawn to the width it is given."""

    DEFAULT_CSS = "YearBars { height: auto; }"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.items: list[ItemRow] = []

    def show(self, items: list[ItemRow]) -> None:
        self.items = items
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if not any(i.percent is not None for i in self.items):
            return 1
        return len(self.items) + 1

    def render(self) -> Text:
        if not self.items:
            return Text("(无事项)", style="dim")
        return chart_text(self.items, self.content_size.width or 80)
