"""Rich text pieces shared by the views: status badges, bars, marked sentences, CJK-safe cuts.

Widths are in terminal cells (rich ``cell_len``): 东 is two cells, so ``len`` would misalign.
Status is always glyph + word, colour only on top, so it reads on a 16-colour or monochrome
terminal and for colour-blind users.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Lines, Text

from tui_shishi import pace
from tui_shishi import status as st
from tui_shishi.words import role_word

if TYPE_CHECKING:
    from rich.console import Console, JustifyMethod, OverflowMethod
    from rich.style import Style
    from rich.table import Table

# ---------------------------------------------------------------- colours: the theme's, none of our own

# A colour in the views is a Textual style over the active theme's variables (``bold
# $text-success``), never a colour name: Textual reads such a style where it draws a Text, and the
# app's console knows each of them by name (``theme_styles``, ui/theme_colours.py), set again when
# the theme changes (``t``, 演示), so every view follows the theme. Glyph and word say the same.
THEME_COLOURS = ("text-success", "text-warning", "text-error", "text-primary", "text-secondary", "success", "warning", "error")
THEME_ATTRIBUTES = ("", "bold", "italic", "bold reverse")


def themed(colour: str, attributes: str = "") -> str:
    """The style ``attributes`` in the theme's ``colour`` (a variable of ``App.theme_variables``):
    ``themed("text-success", "bold")`` is ``"bold $text-success"``."""
    if colour not in THEME_COLOURS or attributes not in THEME_ATTRIBUTES:
        raise ValueError(f"no themed style {attributes!r} ${colour}: colours {THEME_COLOURS}, attributes {THEME_ATTRIBUTES}")
    return f"{attributes} ${colour}".lstrip()


# A search match: the warning colour behind the text, the text in contrast (auto), bold and
# underlined, so that it shows on a monochrome terminal too (figures are marked reverse).
HIGHLIGHT = "bold underline auto on $warning"
THEMED_STYLES = (*(themed(c, a) for c in THEME_COLOURS for a in THEME_ATTRIBUTES), HIGHLIGHT)


def theme_styles(variables: Mapping[str, str]) -> dict[str, Style]:
    """Each of ``THEMED_STYLES`` as the Rich style it is in the theme of ``variables``
    (``App.theme_variables``, or ``App.get_css_variables()``). Built from the colours directly:
    textual.markup.parse_style gives the same styles at ~4 ms each, on the app's first frame."""
    from rich.style import Style
    from textual.color import Color

    styles: dict[str, Style] = {}
    for colour in THEME_COLOURS:
        rich_colour = Color.parse(variables[colour]).rich_color
        for attributes in THEME_ATTRIBUTES:
            words = attributes.split()
            styles[themed(colour, attributes)] = Style(
                color=rich_colour, bold="bold" in words or None, italic="italic" in words or None, reverse="reverse" in words or None
            )
    behind = Color.parse(variables["warning"])
    styles[HIGHLIGHT] = Style(color=behind.get_contrast_text().rich_color, bgcolor=behind.rich_color, bold=True, underline=True)
    return styles


STATUS_STYLE = {
    st.ACHIEVED: themed("text-success", "bold"),
    st.IN_PROGRESS: themed("text-warning", "bold"),
    st.NOT_REPORTED: "dim",
    st.QUALITATIVE: themed("text-secondary", "bold"),
}
# ▲超序时 ≈按序时 ▼滞后: the item pane's words and the figure path's marks
PACE_STYLE = {pace.AHEAD: themed("text-success", "bold"), pace.ON_PACE: "bold", pace.BEHIND: themed("text-error", "bold")}
BETTER, WORSE, CHANGED = themed("text-success"), themed("text-error"), themed("text-warning")  # a change: up, down, other
PACE_MARK, PACE_WORDS = themed("text-primary", "bold"), themed("text-primary")  # 序时进度: ┃ and its figure, the words after
FILL_DONE, FILL_GOING = themed("success"), themed("warning")  # a bar's cells: 达成, not (yet)
BAR_WIDTH = 20
FULL, EMPTY, PACE = "█", "░", "┃"


def glyph(status: str) -> str:
    return st.GLYPHS.get(status, "?")


def status_text(status: str) -> Text:
    """``✔ 达成`` in the status colour."""
    return Text(st.label(status) if status else "? 未知", style=STATUS_STYLE.get(status, ""))


def percent_str(percent: float | None) -> str:
    return "" if percent is None else f"{percent:.1f}%".replace(".0%", "%")


def truncate(text: str, cells: int, whole: bool = False) -> str:
    """Cut ``text`` to at most ``cells`` terminal cells, marking the cut with …. ``whole``: never
    inside a figure (``扶持创业6万人`` cut to 10 cells reads ``扶持创业…``, not ``扶持创业6…``)."""
    if cell_len(text) <= cells:
        return text
    cut, used = 0, 0
    for ch in text:
        width = cell_len(ch)
        if used + width > cells - 1:
            break
        cut += 1
        used += width
    for start, end in figure_spans(text) if whole else ():
        if start < cut < end:
            cut = start  # the figure goes whole with what is cut
            break
    return text[:cut] + "…"


def pad(text: str, cells: int) -> str:
    """Left-aligned to ``cells`` terminal cells (CJK counts double)."""
    return text + " " * max(cells - cell_len(text), 0)


def bar(percent: float, pace_share: float | None = None, width: int = BAR_WIDTH, style: str = "", done: bool | None = None) -> Text:
    """A progress bar of ``width`` cells, full at 100% (beyond is said in words: 超额).

    ``pace_share`` (0 … 1) puts a ┃ where the plan period elapsed would have it. ``done``
    False (the status is not 达成): the bar stops a cell short of full, whatever the percent,
    as the overview's bars do (an item's mean percent passes 100 while one figure lags; a full
    bar would say it was done).
    """
    filled = round(min(max(percent, 0.0), 100.0) / 100 * width)
    if done is False:
        filled = min(filled, width - 1)
    style = style or (FILL_DONE if percent >= 100 else FILL_GOING)
    cells = [(FULL, style)] * filled + [(EMPTY, "dim")] * (width - filled)
    if pace_share is not None:
        at = min(int(round(pace_share * width)), width) - 1
        if at >= 0:
            cells[at] = (PACE, PACE_MARK)
    text = Text()
    for char, char_style in cells:
        text.append(char, char_style)
    return text


def over_text(percent: float | None, computed: bool = False) -> Text:
    """``超额 +191.3%`` for an over-achieved figure, ``超额 +97%（按实际/目标计算）`` when the percent
    was computed here (actual ÷ target, none published); else empty (``status.over_plan_words``)."""
    words = st.over_plan_words(percent, computed)
    text = Text(words.removesuffix(st.COMPUTED_NOTE), style=STATUS_STYLE[st.ACHIEVED])
    if computed and words:
        text.append(st.COMPUTED_NOTE, style="dim")
    return text


def marked(sentence: str, spans: list[tuple[int | None, int | None, str]]) -> Text:
    """The sentence with each figure (start, end, figure-as-published) marked.

    Offsets that do not point at the figure (a parser's off-by-one, a figure from another
    sentence) are corrected by searching the figure; a figure not found is not marked.
    """
    text = Text(sentence)
    for start, end, figure in spans:
        ok = start is not None and end is not None and 0 <= start < end <= len(sentence)
        if ok and figure and sentence[start:end] != figure:
            ok = False
        if not ok and figure:
            found = find_figure(sentence, figure)
            if found >= 0:
                start, end, ok = found, found + len(figure), True
        if ok and start is not None and end is not None:
            text.stylize("bold reverse", start, end)
    return text


def find_figure(sentence: str, figure: str) -> int:
    """Where ``figure`` stands in ``sentence`` as a whole number, or -1: ``5万人`` is not found
    inside ``1.5万人`` or ``15万人``."""
    at = sentence.find(figure)
    while at >= 0:
        before = sentence[at - 1] if at else ""
        if not (figure[:1].isdigit() and (before.isdigit() or before in ".．")):
            return at
        at = sentence.find(figure, at + 1)
    return -1


def role_chip(role: str, name: str, note: str = "") -> Text:
    chip = Text()
    chip.append(f" {role_word(role)} ", style="bold reverse")
    chip.append(f" {name}")
    if note:
        chip.append(f"({note})", style="dim")
    return chip


# ---------------------------------------------------------------- wrapping that keeps figures whole

# Closing punctuation never starts a line, opening punctuation never ends one (the usual CJK rule).
NO_LINE_START = frozenset("，。、；：！？）》」』”’,.;:!?)%％")
NO_LINE_END = frozenset("（《「『“‘(")
_figure_re: re.Pattern[str] | None = None


def figure_spans(text: str) -> list[tuple[int, int]]:
    """Where figures stand in ``text``: digits with their range, 余/多, magnitude and unit (the
    parser's measure words, dates and ages too) or %: ``6000人``, ``1.4万人``, ``640万平方米``,
    ``2—3个``, ``138.6%``, ``3月``. A qualifier (以上) may go to the next line, as in print."""
    global _figure_re
    if _figure_re is None:
        from tui_shishi.store.text import figure_units

        units = "|".join(map(re.escape, sorted(figure_units(), key=len, reverse=True)))  # (on first wrap only)
        _figure_re = re.compile(rf"\d+(?:[.,]\d+)*(?:[-—–~～至到]\d+(?:[.,]\d+)*)?[余多]?(?:万亿|亿|万|千)?(?:[%％‰]|{units})?")
    return [m.span() for m in _figure_re.finditer(text)]


def break_offsets(text: str, width: int) -> list[int]:
    """Where to break one line of ``text`` into lines of at most ``width`` cells. CJK text has no
    spaces, so a break may come between any two characters, except inside a figure (so that
    ``扶持创业6000人`` never reads ``扶持创业600`` / ``0人``), inside a Latin word, before closing or
    after opening punctuation. A stretch longer than a line is cut where it must be."""
    if width <= 0 or cell_len(text) <= width:
        return []
    blocked = bytearray(len(text) + 1)  # blocked[i]: no break before text[i]
    for start, end in figure_spans(text):
        blocked[start + 1 : end] = b"\x01" * (end - start - 1)
    for i in range(1, len(text)):
        before, after = text[i - 1], text[i]
        if (
            after in NO_LINE_START
            or before in NO_LINE_END
            or after.isspace()
            or (before.isascii() and before.isalnum() and after.isascii() and after.isalnum())
        ):
            blocked[i] = 1
    offsets: list[int] = []
    line_start = used = 0
    for i, char in enumerate(text):
        cells = cell_len(char)
        if used + cells > width and i > line_start:
            if char.isspace():  # a space may hang past the edge (rstrip_end drops it): break after it
                if i + 1 < len(text):
                    offsets.append(i + 1)
                line_start, used = i + 1, 0
                continue
            at = next((j for j in range(i, line_start, -1) if not blocked[j]), i)
            offsets.append(at)
            line_start, used = at, cell_len(text[at:i])
        used += cells
    return offsets


class FigureText(Text):
    """Text that wraps like CJK print: between any characters, but never inside a figure.

    Rich wraps at spaces and folds a longer word cell by cell, wherever the edge falls; a CJK
    sentence is one such word. Only the wrapping differs from Text (it is used in table cells,
    which Rich renders).

    The lines of the last few widths are kept: Textual measures a Static's height by rendering
    it, again after every refresh of the layout, and a theme's dozens of city-years were each
    wrapped several times per frame (``wrap`` was a sixth of the themes view's first page at 10 k)."""

    _kept: dict[tuple[object, ...], Lines]  # (width, the other arguments, the text): its lines

    def wrap(
        self,
        console: Console,
        width: int,
        *,
        justify: JustifyMethod | None = None,
        overflow: OverflowMethod | None = None,
        tab_size: int = 8,
        no_wrap: bool | None = None,
    ) -> Lines:
        key = (width, justify, overflow, tab_size, no_wrap, self.plain, len(self._spans), self.style)
        kept = self.__dict__.setdefault("_kept", {})
        if key not in kept:
            if len(kept) >= 4:  # a few widths: a resize back and forth
                kept.clear()
            kept[key] = self._wrap(console, width, justify, overflow, tab_size, no_wrap)
        return Lines(line.copy() for line in kept[key])  # (the caller may change them)

    def _wrap(
        self,
        console: Console,
        width: int,
        justify: JustifyMethod | None,
        overflow: OverflowMethod | None,
        tab_size: int,
        no_wrap: bool | None,
    ) -> Lines:
        if no_wrap or (no_wrap is None and self.no_wrap) or overflow == "ignore":
            return super().wrap(console, width, justify=justify, overflow=overflow, tab_size=tab_size, no_wrap=no_wrap)
        wrap_justify = justify or self.justify or "default"
        wrap_overflow = overflow or self.overflow or "fold"
        lines = Lines()
        for line in self.split(allow_blank=True):
            if "\t" in line:
                line.expand_tabs(tab_size)
            pieces = line.divide(break_offsets(line.plain, width))
            for piece in pieces:
                piece.rstrip_end(width)
            if wrap_justify:
                pieces.justify(console, width, justify=wrap_justify, overflow=wrap_overflow)
            for piece in pieces:
                piece.truncate(width, overflow=wrap_overflow)
            lines.extend(pieces)
        return lines


def keep_figures(text: Text) -> FigureText:
    """``text`` (styles and all) as a FigureText."""
    kept = FigureText(text.plain, style=text.style, justify=text.justify, overflow=text.overflow, no_wrap=text.no_wrap, end=text.end)
    kept.spans = list(text.spans)
    return kept


def wrapped(text: Text) -> Table:
    """``text`` for a Static that wraps like CJK print (figures whole, no line opening with ，
    or %). A Static wraps its own text at spaces and folds a CJK sentence cell by cell
    (``增设除颤器300`` / ``台``); a one-column grid hands the wrapping to FigureText."""
    from rich.table import Table

    table = Table.grid()
    table.add_column(ratio=1, overflow="fold")
    table.add_row(keep_figures(text))
    return table
