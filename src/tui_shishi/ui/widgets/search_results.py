"""The search panel's result list: two lines per hit, the snippet cut to the list's width with
the match in view (cut again when the width changes); it asks for the next page near its end."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui_shishi.ui.widgets.search_hits import hit_prompt, hit_terms

if TYPE_CHECKING:
    from tui_shishi.store.search import Hit

NEAR_END = 5  # load the next page when the cursor comes this close to the end of the list


class ResultList(OptionList):
    """The hits, two lines each, the snippet cut to the width with the match in view (again on
    a resize); asks for the next page near the end (keys or wheel)."""

    BINDINGS = [
        Binding("j", "cursor_down", show=False),
        Binding("k", "cursor_up", show=False),
    ]

    class NearEnd(Message):
        pass

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._rows: list[tuple[Hit, tuple[str, ...]]] = []  # (hit, terms) of each option
        self._fitted_to = 0  # the row width the prompts were cut for

    def _row_width(self) -> int:
        padding = self.get_component_styles("option-list--option").padding.width
        scrollbar = 0 if self.show_vertical_scrollbar else self.styles.scrollbar_size_vertical  # may come with the rows
        return max(self.scrollable_content_region.width - scrollbar - padding, 0)

    def show_hits(self, hits: list[Hit], needles: tuple[str, ...], replace: bool) -> None:
        if replace:
            self.show_message("")
        width = self._fitted_to = self._row_width()
        rows = [(hit, hit_terms(hit, needles)) for hit in hits]
        self._rows += rows
        self.add_options(Option(hit_prompt(hit, terms, width)) for hit, terms in rows)

    def show_message(self, message: str, lines: list[str] | None = None) -> None:
        """Lines of text instead of hits (disabled options: nothing to move to)."""
        self._rows = []
        self.clear_options()
        if message:
            self.add_options(
                Option(Text(line, style="dim" if n else ""), disabled=True) for n, line in enumerate([message, *(lines or [])])
            )

    def on_resize(self) -> None:
        width = self._row_width()
        if width and width != self._fitted_to and self._rows:
            self._fitted_to = width
            for index, (hit, terms) in enumerate(self._rows):
                self.replace_option_prompt_at_index(index, hit_prompt(hit, terms, width))

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        if highlighted is not None and highlighted >= self.option_count - NEAR_END:
            self.post_message(self.NearEnd())

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if self.max_scroll_y and new >= self.max_scroll_y - 2:
            self.post_message(self.NearEnd())
