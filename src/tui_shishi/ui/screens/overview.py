"""Overview (``o``): the home dashboard.

Every city-year as a card, in a grid that wraps to the width (a card is whole or on the next
row; the dashboard scrolls vertically), then two short panels, 滞后 (behind pace) and 最新变化
(what the latest report changed), then the percent of plan by item of the selected year.

The year first selected is the one with the latest report (what a meeting asks about). ← → move
between cards, ↑ ↓ (j k) to the card above or below; Enter or a click opens the card's year in
the browser; Tab reaches the panels, where Enter opens an item.
"""

from __future__ import annotations

import sqlite3

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, ItemGrid, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Header, Static
from textual.worker import get_current_worker

from tui_shishi.store import reports, views
from tui_shishi.store.views import BehindSummary
from tui_shishi.ui.app_thread import deliver
from tui_shishi.ui.messages import JumpTo
from tui_shishi.ui.screens.views import ViewScreen
from tui_shishi.ui.widgets.dashboard_panels import BEHIND_SHOWN, BehindPanel, ChangesPanel, YearChanges, latest_changes
from tui_shishi.ui.widgets.footer import KeysFooter
from tui_shishi.ui.widgets.year_bars import BEYOND, FULL, MISSING, PLAN_MARK, YearBars
from tui_shishi.ui.widgets.year_card import CARD_CELLS, YearCard

LEGEND = f"{FULL} 已完成  {BEYOND} 超额  {MISSING} 未完成  {PLAN_MARK} 计划(100%)"
CARD_MIN = CARD_CELLS + 4  # border and padding (app.tcss .overview-card)


CARDS_PAGE = 60  # cards read and mounted at a time: a country has thousands of city-years
CARD_ROWS = 6  # a card's height with its border (app.tcss .overview-card)


def screenful(width: int, height: int) -> int:
    """How many whole rows of cards fill a screen of ``width`` × ``height`` cells, one row more
    (the grid's columns: ``CARD_MIN`` wide, a cell of gutter between)."""
    per_row = max(1, (width + 1) // (CARD_MIN + 1))
    return per_row * (height // CARD_ROWS + 1)


class MoreCards(Static, can_focus=True):
    """The last tile while more city-years remain: Enter or a click mounts the next page."""

    BINDINGS = [Binding("enter", "more", "载入", show=False)]

    class Load(Message):
        def __init__(self, offset: int) -> None:
            super().__init__()
            self.offset = offset

    def __init__(self, offset: int, left: int) -> None:
        text = Text(f"还有 {left} 个城市年度\n", style="bold")
        text.append(f"Enter 或点击载入\n下 {min(left, CARDS_PAGE)} 个", style="dim")
        super().__init__(text, classes="overview-card overview-more", id="overview-more")
        self.next_offset = offset  # (not ``offset``: a widget's own)

    def on_click(self) -> None:
        self.action_more()

    def action_more(self) -> None:
        self.post_message(self.Load(self.next_offset))


class CardGrid(ItemGrid, can_focus=False):
    """The cards: as many to a row as the width holds (recomputed on every resize), the rest below."""


class Dashboard(VerticalScroll, can_focus=False, inherit_bindings=False):
    """Cards, panels and bars, scrolled as one; the arrows belong to the screen (card to card)."""


def first_card(cards: list[views.Card], key: str | int | None) -> views.Card | None:
    """The card for year id ``key``, else the one with the latest as-of date (the first of them in
    the grid's order: the least scrolling), else the first."""
    for card in cards:
        if key is not None and str(card.year_id) == str(key):
            return card
    latest = max((c.as_of for c in cards if c.as_of), default=None)
    return next((c for c in cards if c.as_of == latest), None) if latest else (cards[0] if cards else None)


def dashboard_data(conn: sqlite3.Connection) -> tuple[BehindSummary, tuple[list[YearChanges], int]]:
    """The panels' rows, in one read (a worker's): the 滞后 summary (its counts, the items furthest
    behind), and the latest changes with the number of city-years that have any."""
    from tui_shishi.store.dashboard import behind_summary  # (not on the first paint's path)

    return behind_summary(conn, BEHIND_SHOWN), latest_changes(conn)


class OverviewScreen(ViewScreen):
    view_name = "overview"
    BINDINGS = [
        Binding("left", "card(-1)", "上一张", show=False),
        Binding("right", "card(1)", "下一张", show=False),
        Binding("down,j", "card_row(1)", "下一行", show=False),
        Binding("up,k", "card_row(-1)", "上一行", show=False),
        Binding("pagedown", "page(1)", "翻页", show=False),
        Binding("pageup", "page(-1)", "翻页", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Dashboard(id="dashboard"):
            # no max_column_width: Textual's grid divides the width by it without the gutter, one column short
            yield CardGrid(id="overview-cards", min_column_width=CARD_MIN, stretch_height=False)
            with Container(id="dash-panels"):
                yield BehindPanel(id="dash-behind")
                yield ChangesPanel(id="dash-changes")
            yield Static("", id="overview-chart-title")
            yield YearBars(id="overview-bars")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.name_view("概览")
        self._load_cards()  # the panels after the first cards (_show_cards): the first screen first

    # ---------------------------------------------------------------- reads (workers)

    @work(thread=True, exclusive=True, group="overview-cards")
    def _load_cards(self, offset: int = 0) -> None:
        cards = self._read(reports.overview, limit=CARDS_PAGE, offset=offset)
        total = self._read(reports.year_count)
        if not get_current_worker().is_cancelled:
            deliver(self, self._show_cards, cards, offset, total)

    @work(thread=True, exclusive=True, group="overview-panels")
    def _load_panels(self) -> None:
        behind, changes = self._read(dashboard_data)
        if not get_current_worker().is_cancelled:
            deliver(self, self._show_panels, behind, changes)

    @work(thread=True, exclusive=True, group="overview-bars")
    def _load_bars(self, year_id: int) -> None:
        items = self._read(reports.year_items, year_id)
        if not get_current_worker().is_cancelled:
            deliver(self, self._show_bars, year_id, items)

    # ---------------------------------------------------------------- results (main thread)

    async def _show_cards(self, cards: list[views.Card], offset: int = 0, total: int | None = None) -> None:
        """A page of cards (``offset``: where it starts) and, while more remain, a MoreCards tile."""
        grid = self.query_one(CardGrid)
        if not offset:
            self._load_panels()  # read now that the cards are: they come first
        await grid.query(MoreCards).remove()
        if not cards and not offset:
            await grid.mount(Static(Text("数据库中没有年度:运行 shishi build 或 shishi import", style="dim")))
            return
        if offset:
            await self._mount_cards(cards, offset, total)
            if cards:
                self.select(cards[0].year_id)
            return
        # the first page: what fills the screen (and the card chosen) now, the rest after it shows
        chosen = first_card(cards, self.key)
        first = min(len(cards), max(screenful(*self.app.size), cards.index(chosen) + 1 if chosen is not None else 0))
        await grid.mount_all(YearCard(card) for card in cards[:first])
        if chosen is not None:
            self.select(chosen.year_id)
        self.call_after_refresh(self._mount_cards, cards[first:], first, total)

    async def _mount_cards(self, cards: list[views.Card], offset: int, total: int | None) -> None:
        """Cards from ``offset`` on, and the MoreCards tile if more remain after them."""
        grid = self.query_one(CardGrid)
        await grid.mount_all(YearCard(card) for card in cards)
        shown = offset + len(cards)
        if total is not None and shown < total:
            await grid.mount(MoreCards(shown, total - shown))

    @on(MoreCards.Load)
    def _more(self, event: MoreCards.Load) -> None:
        self._load_cards(event.offset)

    def _show_panels(self, behind: BehindSummary, changes: tuple[list[YearChanges], int]) -> None:
        self.query_one(BehindPanel).show_summary(behind)
        self.query_one(ChangesPanel).show_years(*changes)

    def _show_bars(self, year_id: int, items: list[views.ItemRow]) -> None:
        if year_id != self.key:
            return  # another card was selected meanwhile
        self.query_one(YearBars).show(items)

    # ---------------------------------------------------------------- cards

    @property
    def cards(self) -> list[YearCard]:
        return list(self.query(YearCard))

    def select(self, key: str | int) -> None:
        for card in self.cards:
            if str(card.card.year_id) == str(key):
                card.focus(scroll_visible=False)
                # after the cards' first layout, or the scroll does not know where the card is
                self.call_after_refresh(self._scroll_to_card, card)
                return

    def _scroll_to_card(self, card: YearCard) -> None:  # (not _scroll_to: Widget's own, which Textual calls)
        self.query_one(Dashboard).scroll_to_widget(card, animate=False)

    @on(YearCard.Selected)
    def _selected(self, event: YearCard.Selected) -> None:
        self.key = event.card.year_id
        card = event.card
        title = Text(f"{card.city} {card.period} · 各件占年计划", style="bold")
        title.append(f"   {LEGEND}", style="dim")
        self.query_one("#overview-chart-title", Static).update(title)
        self._load_bars(card.year_id)

    @on(YearCard.Open)
    def _open(self, event: YearCard.Open) -> None:
        self.post_message(JumpTo("year", event.card.year_id))

    @property
    def tiles(self) -> list[Widget]:
        """The cards and, last, the MoreCards tile if there is one: what the arrows move between."""
        return [*self.cards, *self.query(MoreCards)]

    def _current(self) -> Widget | None:
        focused = self.focused
        return focused if isinstance(focused, (YearCard, MoreCards)) else None

    def _back_to_cards(self) -> None:
        """From a panel, ← → ↑ ↓ return to the selected card (else the first)."""
        cards = self.cards
        chosen = next((c for c in cards if str(c.card.year_id) == str(self.key)), cards[0] if cards else None)
        if chosen is not None:
            chosen.focus()

    def action_card(self, step: int) -> None:
        current = self._current()
        if current is None:
            self._back_to_cards()
            return
        tiles = self.tiles
        index = tiles.index(current)
        tiles[max(0, min(len(tiles) - 1, index + step))].focus()

    def action_card_row(self, step: int) -> None:
        """The card in the same column one row down (or up); past the last row, the panels."""
        current = self._current()
        if current is None:
            self._back_to_cards()
            return
        here = current.region
        tiles = self.tiles
        rows = sorted({c.region.y for c in tiles})
        row = rows.index(here.y) + step if here.y in rows else -1
        if row < 0:
            self.query_one(Dashboard).scroll_home(animate=False)
            return
        if row >= len(rows):
            self.query_one(BehindPanel).focus()
            return
        in_row = [c for c in tiles if c.region.y == rows[row]]
        # the same column, else the last card of a shorter row
        below = min(in_row, key=lambda c: (abs(c.region.x - here.x), c.region.x))
        below.focus()

    def action_page(self, step: int) -> None:
        dashboard = self.query_one(Dashboard)
        if step > 0:
            dashboard.scroll_page_down(animate=False)
        else:
            dashboard.scroll_page_up(animate=False)
