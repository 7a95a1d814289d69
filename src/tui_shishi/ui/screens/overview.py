"""Overview (``o``): a card per city-year, and the percent of plan by item of the selected year.

The year first selected is the one with the latest report (what a meeting asks about); ← →
move between cards, ↑ ↓ scroll the bars, Enter opens the year in the browser.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalScroll, VerticalScroll
from textual.widgets import Footer, Header, Static
from textual.worker import get_current_worker

from tui_shishi.store import reports
from tui_shishi.ui.screens.views import ViewScreen
from tui_shishi.ui.widgets.year_bars import BEYOND, FULL, MISSING, PLAN_MARK, YearBars
from tui_shishi.ui.widgets.year_card import YearCard

LEGEND = f"{FULL} 已完成  {BEYOND} 超额  {MISSING} 未完成  {PLAN_MARK} 计划(100%)"


class CardRow(HorizontalScroll, can_focus=False, inherit_bindings=False):
    """The cards, left to right; ← → belong to the screen (next card), not to scrolling."""


def first_card(cards: list[reports.Card], key: str | int | None) -> reports.Card | None:
    """The card for year id ``key``, else the one with the latest as-of date, else the first."""
    for card in cards:
        if key is not None and str(card.year_id) == str(key):
            return card
    dated = [c for c in cards if c.as_of]
    if dated:
        return max(dated, key=lambda c: (c.as_of, c.year_id))
    return cards[0] if cards else None


class OverviewScreen(ViewScreen):
    view_name = "overview"
    BINDINGS = [
        Binding("left,h", "card(-1)", "上一张", show=False),
        Binding("right,l", "card(1)", "下一张", show=False),
        Binding("down,j", "scroll_bars(1)", "滚动", show=False),
        Binding("up,k", "scroll_bars(-1)", "滚动", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield CardRow(id="overview-cards")
        yield Static("", id="overview-chart-title")
        with VerticalScroll(id="overview-chart", can_focus=False):
            yield YearBars(id="overview-bars")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "概览"
        self._load_cards()

    @work(thread=True, exclusive=True, group="overview-cards")
    def _load_cards(self) -> None:
        cards = self._read(reports.overview)
        self.app.call_from_thread(self._show_cards, cards)

    async def _show_cards(self, cards: list[reports.Card]) -> None:
        row = self.query_one(CardRow)
        if not cards:
            await row.mount(Static(Text("数据库中没有年度:运行 shishi build 或 shishi import", style="dim")))
            return
        await row.mount_all(YearCard(card) for card in cards)
        chosen = first_card(cards, self.key)
        if chosen is not None:
            self.select(chosen.year_id)

    @property
    def cards(self) -> list[YearCard]:
        return list(self.query(YearCard))

    def select(self, key: str | int) -> None:
        for card in self.cards:
            if str(card.card.year_id) == str(key):
                card.focus(scroll_visible=False)
                # after the cards' first layout, or the row does not know where the card is
                self.call_after_refresh(self._scroll_to, card)
                return

    def _scroll_to(self, card: YearCard) -> None:
        self.query_one(CardRow).scroll_to_widget(card, animate=False)

    @on(YearCard.Selected)
    def _selected(self, event: YearCard.Selected) -> None:
        self.key = event.card.year_id
        card = event.card
        title = Text(f"{card.city} {card.period} · 各件占年计划", style="bold")
        title.append(f"   {LEGEND}", style="dim")
        self.query_one("#overview-chart-title", Static).update(title)
        self._load_bars(card.year_id)

    @work(thread=True, exclusive=True, group="overview-bars")
    def _load_bars(self, year_id: int) -> None:
        items = self._read(reports.year_items, year_id)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_bars, year_id, items)

    def _show_bars(self, year_id: int, items: list[reports.ItemRow]) -> None:
        if year_id != self.key:
            return  # another card was selected meanwhile
        self.query_one(YearBars).show(items)
        self.query_one("#overview-chart", VerticalScroll).scroll_home(animate=False)

    @on(YearCard.Open)
    def _open(self, event: YearCard.Open) -> None:
        self.app.jump("year", event.card.year_id)

    def action_card(self, step: int) -> None:
        cards = self.cards
        if not cards:
            return
        focused = self.focused
        index = cards.index(focused) if focused in cards else -1
        cards[max(0, min(len(cards) - 1, index + step))].focus()

    def action_scroll_bars(self, step: int) -> None:
        chart = self.query_one("#overview-chart", VerticalScroll)
        chart.scroll_relative(y=step, animate=False)
