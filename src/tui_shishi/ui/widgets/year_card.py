"""A city-year at a glance (``store.reports.Card``): items, statuses, mean percent, flags, as-of.

A card is focusable: focusing it selects its year (the overview draws that year's bars), Enter
opens the year in the browser.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static

from tui_shishi.store.reports import STATUS_ORDER, Card
from tui_shishi.ui.widgets.render import STATUS_STYLE, glyph, percent_str, truncate
from tui_shishi.words import kind_short

CARD_CELLS = 22  # inside the border and padding (app.tcss .overview-card)


def card_text(card: Card) -> Text:
    """Four lines: items, mean percent and flags; two of statuses; as-of date and documents."""
    text = Text(f"{card.n_items}件", style="bold")
    mean = percent_str(card.mean_percent) if card.mean_percent is not None else "—"
    text.append(f" 平均 {mean}", style="" if card.mean_percent is not None else "dim")
    text.append(f"  ⚑ {card.n_flags}\n", style="bold" if card.n_flags else "dim")
    for n, status in enumerate(STATUS_ORDER):
        count = card.counts.get(status, 0)
        style = STATUS_STYLE.get(status, "") if count else "dim"
        text.append(f"{glyph(status)} {status} {count}", style=style)
        text.append("\n" if n % 2 else "  ")
    kinds = "·".join(kind_short(k) for k in card.kinds)
    dated = f"截至 {card.as_of}" if card.as_of else "未标日期"
    text.append(truncate(f"{dated} · {kinds}" if kinds else dated, CARD_CELLS), style="" if card.as_of else "dim")
    return text


class YearCard(Static, can_focus=True):
    BINDINGS = [Binding("enter", "open", "打开", show=False)]

    class Selected(Message):
        def __init__(self, card: Card) -> None:
            super().__init__()
            self.card = card

    class Open(Message):
        def __init__(self, card: Card) -> None:
            super().__init__()
            self.card = card

    def __init__(self, card: Card) -> None:
        super().__init__(card_text(card), classes="overview-card", id=f"card-{card.year_id}")
        self.card = card
        self.border_title = f"{card.city} {card.period}"

    def on_focus(self) -> None:
        self.post_message(self.Selected(self.card))

    def on_click(self) -> None:
        self.focus()

    def action_open(self) -> None:
        self.post_message(self.Open(self.card))
