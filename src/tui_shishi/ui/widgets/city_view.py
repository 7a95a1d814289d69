"""Detail of one city: its years, newest first, each a card with its counts and a bar.

A card opens its year in the browser (Enter or a click), as the overview's cards do.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import ItemGrid, VerticalScroll
from textual.widgets import Static

from tui_shishi import status as st
from tui_shishi.store import views
from tui_shishi.ui.messages import JumpTo
from tui_shishi.ui.widgets.render import bar, status_text

CARD_CELLS = 27  # the card (app.tcss .year-card, 26) and its margin


def year_card(year: views.YearSummary) -> Text:
    text = Text(f"{year.label} · {year.item_count}件\n", style="bold")
    for status, count in year.counts:
        text.append_text(status_text(status))
        text.append(f" {count}\n")
    if year.item_count:
        share = year.achieved / year.item_count * 100
        text.append_text(bar(share, width=14))
        text.append(f"\n达成 {year.achieved}/{year.item_count}", style="dim")
    if not year.counts:
        text.append_text(status_text(st.NOT_REPORTED))
    return text


class CityYearCard(Static, can_focus=True):
    """One year of the city; Enter or a click puts the tree on that year."""

    BINDINGS = [Binding("enter", "open", "打开", show=False)]

    def __init__(self, year: views.YearSummary, city: str) -> None:
        super().__init__(year_card(year), classes="year-card", id=f"city-year-{year.id}")
        self.year = year
        self.border_title = city

    def on_click(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        self.post_message(JumpTo("year", self.year.id))


class CityView(VerticalScroll):
    """Year cards newest first (staff look at the current year first), as many to a row as the
    pane holds and the rest below: at 80 columns a sideways scroll hid all but the first."""

    def __init__(self, city: views.CitySummary) -> None:
        super().__init__(classes="view city-view")
        self.city = city

    def compose(self) -> ComposeResult:
        with ItemGrid(min_column_width=CARD_CELLS, max_column_width=CARD_CELLS + 1, stretch_height=False):
            for year in self.city.years:
                yield CityYearCard(year, self.city.city)
