"""Detail of one city: its years side by side, each a card with its counts and a bar."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import HorizontalScroll
from textual.widgets import Static

from tui_shishi import status as st
from tui_shishi.store import queries as q
from tui_shishi.ui.widgets.render import bar, status_text


def year_card(year: q.YearSummary) -> Text:
    text = Text(f"{year.period} · {year.item_count}件\n", style="bold")
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


class CityView(HorizontalScroll):
    """Years left to right, oldest first; scrolls sideways when they do not fit."""

    def __init__(self, city: q.CitySummary) -> None:
        super().__init__(classes="view city-view")
        self.city = city

    def compose(self) -> ComposeResult:
        for year in self.city.years:
            card = Static(year_card(year), classes="year-card")
            card.border_title = self.city.city
            yield card
