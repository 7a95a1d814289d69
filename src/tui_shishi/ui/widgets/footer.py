"""The footer of every screen: Textual's, rebuilt only when the keys it shows change.

Textual's Footer recomposes (every key a new widget) whenever the screen's bindings may have
changed, which is every move of the focus, and each new key is styled twice: FooterKey starts
compact and is then bound to the footer's not-compact. On the home dashboard's first paint
that was several rebuilds of the same dozen keys, about 60 ms of a 370 ms start in a real
terminal (bench/startup.py). This one compares what it would show with what it shows and
skips the rebuild when they are the same, and makes its keys with the footer's compactness.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

Shown = tuple[tuple[str, str, str, bool, str], ...]


def shown_keys(screen: Screen[object]) -> Shown:
    """What a footer on ``screen`` shows: each shown binding's key, action, description, whether
    it is enabled and its tooltip, and the command palette's key (shown at the right)."""
    palette = screen.app.COMMAND_PALETTE_BINDING
    return tuple(
        (binding.key, binding.action, binding.description, enabled, tooltip)
        for key, (_, binding, enabled, tooltip) in screen.active_bindings.items()
        if binding.show or key == palette
    )


class KeysFooter(Footer):
    def __init__(self) -> None:
        super().__init__()
        self._shown: Shown | None = None

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            # as its data binding will set it, so no restyle on mount (the palette's key, not
            # bound, keeps its own compact look)
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    def bindings_changed(self, screen: Screen[object]) -> None:
        # as Footer.bindings_changed, but no recompose for the keys already shown
        self._bindings_ready = True
        if not screen.app.app_focus or not (self.is_attached and screen is self.screen):
            return
        shown = shown_keys(screen)
        if shown != self._shown:
            self._shown = shown
            self.call_after_refresh(self.recompose)
