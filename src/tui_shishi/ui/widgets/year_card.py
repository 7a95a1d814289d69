"""A city-year at a glance (``store.views.Card``): items, statuses, mean percent, flags, as-of.

A card is focusable: focusing it selects its year (the overview draws that year's bars); Enter
or a click opens the year in the browser. Every line fits ``CARD_CELLS``: a figure is never cut
(``16件`` read as ``6件`` when a card was clipped at the screen's edge), a word is dropped first.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static

from tui_shishi.status import CARD_ORDER
from tui_shishi.store.views import Card
from tui_shishi.ui.widgets.render import STATUS_STYLE, glyph, percent_str, truncate
from tui_shishi.words import kind_short

CARD_CELLS = 21  # inside the border and padding: 25 cells a card, three to a row at 80 columns
CARD_LINES = 4


def _first_fitting(options: list[str], cells: int) -> str:
    """The first wording of a line that fits ``cells``; the last one cut if none does."""
    for option in options:
        if cell_len(option) <= cells:
            return option
    return truncate(options[-1], cells)


def card_lines(card: Card, cells: int = CARD_CELLS) -> list[str]:
    """The card's four lines as plain text, each at most ``cells`` wide."""
    mean = percent_str(card.mean_percent) if card.mean_percent is not None else "—"
    head = [f"{card.n_items}件 平均 {mean}  ⚑ {card.n_flags}", f"{card.n_items}件 均 {mean} ⚑{card.n_flags}", f"{card.n_items}件 {mean}"]
    pairs = []
    for left, right in (CARD_ORDER[:2], CARD_ORDER[2:]):
        a, b = card.counts.get(left, 0), card.counts.get(right, 0)
        pairs.append(
            _first_fitting(
                [
                    f"{glyph(left)} {left} {a}  {glyph(right)} {right} {b}",
                    f"{glyph(left)} {left} {a} {glyph(right)} {right} {b}",
                    f"{glyph(left)} {a}  {glyph(right)} {b}",
                ],
                cells,
            )
        )
    kinds = "·".join(kind_short(k) for k in card.kinds)
    dated = f"截至 {card.as_of}" if card.as_of else "未标日期"
    documents = f"{dated} · {card.n_documents}份"
    last = _first_fitting([f"{dated} · {kinds}", f"{dated}·{kinds}", documents, dated] if kinds else [dated], cells)
    return [_first_fitting(head, cells), *pairs, last]


def card_text(card: Card, cells: int = CARD_CELLS) -> Text:
    """``card_lines`` styled: status counts in their colours (glyph and word carry the meaning)."""
    lines = card_lines(card, cells)
    text = Text(style="")
    head = lines[0]
    count_end = head.index("件") + 1
    text.append(head[:count_end], style="bold")
    rest = head[count_end:]
    if "⚑" in rest:
        at = rest.index("⚑")
        text.append(rest[:at], style="" if card.mean_percent is not None else "dim")
        text.append(rest[at:], style="bold" if card.n_flags else "dim")
    else:
        text.append(rest)
    for line, statuses in zip(lines[1:3], (CARD_ORDER[:2], CARD_ORDER[2:])):
        text.append("\n")
        # each status's part starts at its glyph: colour it when its count is not 0
        second = line.index(glyph(statuses[1]))
        for part, status in ((line[:second], statuses[0]), (line[second:], statuses[1])):
            style = STATUS_STYLE.get(status, "") if card.counts.get(status, 0) else "dim"
            text.append(part.rstrip(" ") if status == statuses[0] else part, style=style)
            if status == statuses[0]:
                text.append(part[len(part.rstrip(" ")) :])
    text.append("\n")
    text.append(lines[3], style="" if card.as_of else "dim")
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
        self.action_open()

    def action_open(self) -> None:
        self.post_message(self.Open(self.card))
