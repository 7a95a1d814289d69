"""The views (o overview, d departments, m themes, l 滞后, u 节点) at the five terminal sizes of
test_terminal_qa (40×12 … 200×50), on the seed database: the screen's title is shown, nothing is
drawn past the right edge, and every number on screen is a whole number of what the widget
holds (a figure wrapped or cut reads ``实际 3.8`` for ``实际 3.84万人``).

The 滞后 and 节点 tables are wider than the screen by design below 200 columns and scroll
sideways (their text columns 指标, 原文, 节点 … come last): the column the edge cuts there is left
out of the figure check, and the test asserts the table does scroll to it. Every other table fits
its pane (the themes' 逐年对照 goes on in a second table)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from rich.text import Text
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Header, OptionList, Static
from ui_helpers import make_app, plain, settle

from tui_shishi.ui.screens import due
from tui_shishi.ui.screens.behind import BehindScreen, BehindTable
from tui_shishi.ui.screens.departments import DepartmentsScreen
from tui_shishi.ui.screens.due import DueScreen, DueTable
from tui_shishi.ui.screens.overview import OverviewScreen
from tui_shishi.ui.screens.themes import ThemesScreen, column_groups
from tui_shishi.ui.widgets.render import truncate

SIZES = [(40, 12), (60, 20), (80, 24), (120, 40), (200, 50)]  # as test_terminal_qa's browser test
VIEWS = [
    ("o", OverviewScreen, "概览"),
    ("d", DepartmentsScreen, "部门"),
    ("m", ThemesScreen, "主题"),
    ("l", BehindScreen, "滞后"),
    ("u", DueScreen, "节点"),
]
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
SIDEWAYS = (BehindTable, DueTable)  # the tables that scroll sideways to their last columns


def as_text(value) -> str:
    if isinstance(value, str):
        return value
    return getattr(value, "plain", None) or str(value)


def held_text(widget: Widget) -> str:
    """Everything ``widget`` holds, unwrapped and unclipped (cells apart by ' | '), with its
    border's title (a card's 淄博 2022-2024, a panel's 滞后 6 项)."""
    lines = [as_text(t) for t in (widget.border_title, widget.border_subtitle) if t]
    if isinstance(widget, DataTable):
        lines.append(" | ".join(as_text(c.label) for c in widget.ordered_columns))
        lines += [" | ".join(as_text(c) for c in widget.get_row_at(n)) for n in range(widget.row_count)]
    elif isinstance(widget, OptionList):
        lines += [as_text(widget.get_option_at_index(n).prompt) for n in range(widget.option_count)]
    else:
        lines.append(plain(widget))
    return "\n".join(lines)


def cut_numbers(shown: list[str], held: str) -> list[str]:
    """Numbers of the lines ``shown`` that ``held`` does not hold whole: a number is whole when
    it stands in ``held`` with the character shown after it (or, at the end of a shown line, not
    going on as a number: ``600`` at a line's end from ``6000人`` is cut). A number the text was
    cut after (``扶持创业6…``) has lost its unit or digits: cut too."""
    cut = []
    for line in shown:
        cut += [f"{m.group()} cut short in {line.strip()!r}" for m in re.finditer(r"\d+…", line)]  # 扶持创业6…
        for m in NUMBER.finditer(line):
            after = line[m.end() : m.end() + 1]
            ahead = re.escape(after) if after.strip() else r"(?![.,]?\d)"
            if not re.search(rf"(?<!\d)(?<!\d[.,]){re.escape(m.group())}{ahead}", held):
                cut.append(f"{m.group()}{after!r} in {line.strip()!r}")
    return cut


def visible_lines(app, widget: Widget) -> list[str]:
    """The rows of the screen inside the part of ``widget`` that is visible; for a table that
    scrolls sideways, without the column the edge cuts."""
    region, clip = app.screen._compositor.visible_widgets[widget]
    region = region.intersection(clip)
    right = region.right
    if isinstance(widget, SIDEWAYS) and widget.max_scroll_x:
        window = widget.scroll_x + widget.scrollable_content_region.width
        start = 0
        for column in widget.ordered_columns:
            end = start + column.get_render_width(widget)
            if start < window < end:  # cut by the edge: the user scrolls to it
                right = min(right, widget.content_region.x + start - int(widget.scroll_x))
                break
            start = end
    strips = app.screen._compositor.render_strips()
    return [strips[y].crop(region.x, max(region.x, right)).text for y in range(region.y, region.bottom)]


def readers(app) -> list[Widget]:
    """The widgets that show text of the view (not the header, the footer or the filter box)."""
    found = []
    for widget in app.screen.query("*"):
        if not isinstance(widget, (Static, DataTable, OptionList)) or not widget.display:
            continue
        if any(isinstance(a, (Header, Footer)) for a in widget.ancestors_with_self):
            continue
        found.append(widget)
    return found


def check_view(app, size, title: str) -> None:
    width, height = size
    strips = app.screen._compositor.render_strips()
    assert len(strips) == height and all(s.cell_length <= width for s in strips), (size, title)
    assert f"市办实事 — {title}" in strips[0].text, (size, strips[0].text)
    shown_any = False
    visible = app.screen._compositor.visible_widgets
    for widget in readers(app):
        if widget not in visible:
            continue
        region, clip = visible[widget]
        assert region.intersection(clip).right <= width, (size, title, widget)
        shown = visible_lines(app, widget)
        shown_any = shown_any or any(NUMBER.search(line) for line in shown)
        assert not cut_numbers(shown, held_text(widget)), (size, title, widget, cut_numbers(shown, held_text(widget)))
        if isinstance(widget, SIDEWAYS) and widget.virtual_size.width > widget.scrollable_content_region.width:
            assert widget.max_scroll_x > 0, (size, title, widget)  # what does not fit is reached by scrolling
        elif isinstance(widget, DataTable):
            assert widget.max_scroll_x == 0, (size, title, widget, "a table cut at the pane's edge")
    assert shown_any, (size, title, "no figure on screen: the check checked nothing")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_view_reads_whole_at_every_size(seed_db, size, monkeypatch):
    monkeypatch.setattr(due, "today", lambda: dt.date(2025, 6, 30))  # 节点: the same list every day
    app = make_app(seed_db)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for key, screen_type, title in VIEWS:
            await pilot.press(key)
            await settle(pilot)
            await pilot.pause()  # a table sizes its columns on the frame after its first layout
            await settle(pilot)
            assert isinstance(app.screen, screen_type), (size, key, app.screen)
            check_view(app, size, title)


# ---------------------------------------------------------------- the check itself, and its helpers


def test_the_check_finds_a_number_cut_or_wrapped():
    held = "扶持创业 | 目标 3万人 | 实际 3.84万人 128%\n城镇新增就业6000人"
    assert cut_numbers(["实际 3.84万人 128%", "目标 3万人"], held) == []
    assert cut_numbers(["实际 3.8"], held) == ["3.8'' in '实际 3.8'"]
    assert cut_numbers(["城镇新增就业600", "0人"], held) == ["600'' in '城镇新增就业600'", "0'人' in '0人'"]
    assert cut_numbers(["实际 3.84万"], held) == []  # the unit on the next line: the figure is whole
    assert cut_numbers(["扶持创业6…"], "扶持创业6…") == ["6… cut short in '扶持创业6…'"]
    assert cut_numbers(["方面,100处"], "方面,100处健身场地") == []  # a comma before is no thousands separator
    assert cut_numbers(["1,00"], "共 1,000 个") == ["1,00'' in '1,00'"]


def test_truncation_in_the_views_never_cuts_a_figure():
    assert truncate("城镇新增就业5.5万人,扶持创业6万人以上", 30, whole=True) == "城镇新增就业5.5万人,扶持创业…"
    assert truncate("扶持创业6万人", 10, whole=True) == "扶持创业…"
    assert truncate("扶持创业6万人", 14, whole=True) == "扶持创业6万人"
    assert truncate("青岛2020年扶持创业", 12, whole=True) == "青岛2020年…"  # a figure that ends at the cut stays
    assert truncate("青岛2020年扶持创业", 10, whole=True) == "青岛…"  # 2020 without its 年 would be cut
    assert truncate("扶持创业6万人", 10) == "扶持创业6…"  # the tree's labels: cut by the cell, as before


def test_theme_columns_go_on_in_a_second_table_when_the_pane_is_narrow():
    widths = [8, 20, 16, 16]  # 指标, then three city-years; each column takes 2 cells of padding
    assert column_groups(widths, 200) == [[1, 2, 3]]
    assert column_groups(widths, 10 + 22 + 18) == [[1, 2], [3]]
    assert column_groups(widths, 10 + 22) == [[1], [2], [3]]
    assert column_groups(widths, 12) == [[1], [2], [3]]  # too wide even alone: a table each


def test_held_text_of_a_static_is_unwrapped():
    widget = Static(Text("目标 30万人 → 实际 41.58万人"))
    assert held_text(widget) == "目标 30万人 → 实际 41.58万人"
