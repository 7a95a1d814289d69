"""Presentation mode (``p``, ``shishi --present``): the year or item under the tree cursor, for
a projector at a meeting. A high-contrast theme (white and yellow on black), the key figures in
large digits (Textual's ``Digits``: items achieved / total and their share for a year or a
section; indicators achieved / total and the mean percent of plan for an item), the status in
glyph and word, then the lines of the year or the item as the detail pane draws them.

↑ ↓ (j k) step to the previous / next node of the tree without leaving; Esc or ``p`` leaves and
puts the theme back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.theme import Theme
from textual.widgets import Digits, Static
from textual.worker import get_current_worker

from tui_shishi import status as st
from tui_shishi.store import queries as q
from tui_shishi.ui.app_thread import deliver
from tui_shishi.ui.widgets.footer import KeysFooter
from tui_shishi.ui.widgets.plan_tree import Ref
from tui_shishi.ui.widgets.render import glyph, percent_str, status_text, wrapped

if TYPE_CHECKING:
    import sqlite3

    from tui_shishi.store.reader import Reader
    from tui_shishi.ui.app import ShishiApp
    from tui_shishi.ui.screens.browser import BrowserScreen

THEME = Theme(
    name="shishi-present",
    primary="#FFD700",
    secondary="#00E5FF",
    accent="#FFD700",
    warning="#FFD700",
    error="#FF6E6E",
    success="#7CFF7C",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#202020",
    boost="#303030",
    dark=True,
)


@dataclass(frozen=True)
class Figure:
    digits: str  # what Digits draws: 14/15, 93.3% (a unit stays with its figure)
    label: str  # what it counts, in words


@dataclass(frozen=True)
class Slide:
    title: str
    where: str
    figures: tuple[Figure, ...]
    status: Text
    lines: tuple[Text, ...]


def share(done: int, total: int) -> str:
    """``93.3%`` of ``total``, never rounded up to 100% while one is missing."""
    if not total:
        return "-"
    percent = int(done / total * 1000) / 10  # floor to 0.1: 99.96% is 99.9%, not 100%
    return percent_str(percent)


def counts_line(counts: tuple[tuple[str, int], ...]) -> Text:
    text = Text()
    for n, (status, count) in enumerate(counts):
        if n:
            text.append("   ")
        text.append_text(status_text(status))
        text.append(f" {count}件")
    return text


def year_slide(conn: sqlite3.Connection, year_id: int, section_id: int | None = None) -> Slide | None:
    """A year (or a section of it): items achieved of all, and each section and item on a line."""
    from tui_shishi.ui.widgets.year_view import load_section_page, load_year_page, section_counts

    page = load_section_page(conn, section_id) if section_id is not None else load_year_page(conn, year_id)
    if page is None:
        return None
    year = page.detail.year
    if page.section is not None:
        section = page.section.section
        title, total, achieved, counts = f"{section.key} {section.title}", section.item_count, section.achieved, section.counts
        where = year.name
    else:
        title, total, achieved, counts = f"{year.name} 市办实事", year.item_count, year.achieved, year.counts
        where = year.city
    as_of = page.detail.as_of
    if as_of is not None:
        where += f" · 截至{as_of.isoformat()}"
    lines = []
    for s in page.sections:
        line = Text(f"{s.key} ", style="bold")
        line.append(s.title, style="bold")
        line.append("  ")
        line.append_text(section_counts(s))
        lines.append(line)
    for item in page.items:
        line = Text(f"{glyph(item.status)} {item.number:>2} ", style=status_text(item.status).style)
        line.append(item.title)
        if item.percent is not None:
            line.append(f"  {percent_str(item.percent)}", style="bold")
        lines.append(line)
    figures = (Figure(f"{achieved}/{total}", "件 达成 / 共计"), Figure(share(achieved, total), "已达成的比例"))
    return Slide(title, where, figures, counts_line(counts), tuple(lines))


def item_slide(conn: sqlite3.Connection, item_id: int) -> Slide | None:
    """An item: indicators achieved of all, the mean published percent, each indicator's lines."""
    from tui_shishi.ui.widgets.item_view import indicator_text

    detail = q.item_detail(conn, item_id)
    if detail is None:
        return None
    item = detail.item
    indicators = detail.indicators
    achieved = sum(1 for i in indicators if i.status == st.ACHIEVED)
    figures = [Figure(f"{achieved}/{len(indicators)}", "项指标 达成 / 共计")] if indicators else []
    if item.percent is not None:
        figures.append(Figure(percent_str(item.percent), "平均占年计划"))
    where = f"{detail.year.name} · 第{item.number}件"
    if detail.as_of is not None:
        where += f" · 截至{detail.as_of.isoformat()}"
    status = status_text(item.status)
    if item.status == st.QUALITATIVE:
        status.append(" (据文字判断)", style="dim")
    return Slide(item.title, where, tuple(figures), status, tuple(indicator_text(detail, i) for i in indicators))


def load_slide(conn: sqlite3.Connection, ref: Ref) -> Slide | None:
    """The slide for a tree node (runs in a worker): a city shows its newest year."""
    if ref.kind == "city":
        found = q.city(conn, str(ref.key))
        return year_slide(conn, found.years[0].id) if found is not None and found.years else None
    if ref.kind == "year":
        return year_slide(conn, int(ref.key))
    if ref.kind == "section" and ref.year_id is not None:
        return year_slide(conn, ref.year_id, int(ref.key))
    if ref.kind == "item":
        return item_slide(conn, int(ref.key))
    if ref.kind == "indicator" and ref.item_id is not None:
        return item_slide(conn, ref.item_id)
    return None


class PresentScreen(Screen[None]):
    """What the tree cursor is on, large and high-contrast."""

    BINDINGS = [
        Binding("escape", "leave", "返回"),
        Binding("p", "leave", "结束演示"),
        Binding("down,j", "step(1)", "下一个"),
        Binding("up,k", "step(-1)", "上一个"),
    ]

    def __init__(self, reader: Reader, browser: BrowserScreen) -> None:
        super().__init__()
        self._read = reader
        self._browser = browser  # the BrowserScreen below: its tree cursor says what is shown
        self._theme = ""
        self.slide: Slide | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="present-title")
        yield Static(id="present-where")
        yield Horizontal(id="present-figures")
        yield Static(id="present-status")
        with VerticalScroll(id="present-lines"):
            yield Static(id="present-body")
        yield KeysFooter()

    def on_mount(self) -> None:
        app = self.app
        self._theme = app.theme
        if THEME.name not in app.available_themes:
            app.register_theme(THEME)
        app.theme = THEME.name
        self.show_cursor()

    def on_unmount(self) -> None:
        if self._theme:
            self.app.theme = self._theme

    def action_leave(self) -> None:
        self.dismiss()

    def action_step(self, delta: int) -> None:
        """The previous / next node of the tree (the browser's cursor moves with it)."""
        tree = self._browser.tree
        tree.action_cursor_down() if delta > 0 else tree.action_cursor_up()
        self.show_cursor()

    def show_cursor(self) -> None:
        node = self._browser.tree.cursor_node
        ref = node.data if node is not None else None
        if ref is not None:
            self._load(ref)

    @work(thread=True, exclusive=True, group="present")
    def _load(self, ref: Ref) -> None:
        slide = self._read(load_slide, ref)
        if not get_current_worker().is_cancelled:
            deliver(self, self.show, slide)

    async def show(self, slide: Slide | None) -> None:
        if slide is None:
            return
        self.slide = slide
        self.query_one("#present-title", Static).update(wrapped(Text(slide.title)))
        self.query_one("#present-where", Static).update(wrapped(Text(slide.where)))
        figures = self.query_one("#present-figures", Horizontal)
        await figures.remove_children()
        await figures.mount_all(
            Vertical(Digits(f.digits), Static(f.label, classes="present-label"), classes="present-figure") for f in slide.figures
        )
        self.query_one("#present-status", Static).update(wrapped(slide.status))
        gap = "\n\n" if any("\n" in line.plain for line in slide.lines) else "\n"  # an indicator's lines: a blank between
        body = Text(gap).join(slide.lines)
        self.query_one("#present-body", Static).update(wrapped(body))


def open_present(app: ShishiApp) -> None:
    """Presentation mode over the browser: from the home dashboard, of the card selected (its
    year revealed in the tree first); from another view, the browser's cursor all the same."""
    screen = app.screen
    card = getattr(screen, "key", None) if getattr(screen, "view_name", "") == "overview" else None
    if card is not None:
        shown = app.show_browser()

        def reveal() -> None:
            shown.reveal("year", card, then=lambda: app.push_screen(PresentScreen(app.read, shown)))

        shown.when_ready(reveal)
        return
    # the browser's cursor, once its tree has its cities (`shishi --present` asks before the tree
    # has read them); with no browser yet, made in the view's place: its first city
    browser = app._browser() or app.show_browser()
    browser.when_ready(lambda: app.push_screen(PresentScreen(app.read, browser)))
