"""Text on a terminal that is wrapped between characters (Chinese has no spaces) but never inside
a figure: ``改造城镇老旧小区400个以上`` may break before ``400个以上``, never in ``40`` / ``0个以上``.

``FigureText`` is a Rich renderable: in a table cell or on its own, it wraps to the width Rich
gives it, at these points only. Rich itself breaks only at spaces and folds Chinese text at any
cell, which splits figures.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.measure import Measurement
    from rich.text import Text

# A figure with its unit (40个, 1.65万个, 186.2公里, 80.1%, 2022-2024, 12:25:39) is one
# unbreakable token; an ASCII word is one; anything else (a Chinese character, a space) may be
# broken after. A separator belongs to a figure only between two digits.
_TOKEN = re.compile(r"\d(?:[\d%％]|[.,，．:：/\-~](?=\d))*[万亿千百]?[A-Za-z\u4e00-\u9fff]{0,3}|[A-Za-z_]+|\s+|.", re.S)


_NO_LINE_START = frozenset("，。；、：！？）》」』”’,.;:!?)…")  # punctuation stays after what it closes


def tokens(text: str) -> list[str]:
    """``text`` cut where a line may break; joined they are ``text``."""
    joined: list[str] = []
    for token in _TOKEN.findall(text):
        if token in _NO_LINE_START and joined and not joined[-1].isspace():
            joined[-1] += token
        else:
            joined.append(token)
    return joined


def break_offsets(text: str, width: int) -> list[int]:
    """Offsets in ``text`` where each line after the first starts, for lines of at most ``width``
    cells; a space at a break ends the line before. A token wider than a line is cut."""
    from rich.cells import cell_len, chop_cells

    offsets: list[int] = []
    position, used = 0, 0
    for token in tokens(text):
        size = cell_len(token)
        if used + size > width and used:
            if token.isspace():  # the space ends this line; the next starts after it
                position += len(token)
                offsets.append(position)
                used = 0
                continue
            offsets.append(position)
            used = 0
        if size > width:
            pieces = chop_cells(token, max(width, 1))
            for piece in pieces[:-1]:
                position += len(piece)
                offsets.append(position)
            used = cell_len(pieces[-1])
            position += len(pieces[-1])
            continue
        used += size
        position += len(token)
    return [o for o in offsets if 0 < o < len(text)]


def wrap_figures(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells, never breaking inside a figure and its unit."""
    bounds = [0, *break_offsets(text, width), len(text)]
    return [text[a:b].rstrip() for a, b in zip(bounds, bounds[1:])] or [""]


def min_width(text: str) -> int:
    """The widest token: the narrowest a column can be without cutting a figure."""
    from rich.cells import cell_len

    return max((cell_len(t) for t in tokens(text) if not t.isspace()), default=0)


class FigureText:
    """A paragraph (str or ``rich.text.Text`` with its styles) wrapped without splitting a figure.

    ``indent`` starts every line (a hanging paragraph: ``  开展…`` under a heading)."""

    def __init__(self, text: str | Text, style: str = "", indent: str = "") -> None:
        from rich.text import Text

        self.text = text if isinstance(text, Text) else Text(text, style=style)
        self.indent = indent

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.cells import cell_len
        from rich.text import Text

        width = max(options.max_width - cell_len(self.indent), 1)
        lines: list[Text] = []
        for paragraph in self.text.split("\n", allow_blank=True):
            lines += paragraph.divide(break_offsets(paragraph.plain, width))
        for line in lines:
            line.rstrip()
            line.no_wrap = True
            line.overflow = "crop"
            yield Text(self.indent).append_text(line) if self.indent else line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.cells import cell_len
        from rich.measure import Measurement

        lines = self.text.plain.split("\n")
        indent = cell_len(self.indent)
        widest = max(cell_len(line) for line in lines) + indent
        narrowest = max(min_width(line) for line in lines) + indent
        return Measurement(min(narrowest, options.max_width), min(widest, options.max_width))
