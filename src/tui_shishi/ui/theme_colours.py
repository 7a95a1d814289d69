"""The views' colours from the theme in use: ``t`` (another theme) or 演示 recolours every view.

The views build Rich Text whose coloured styles name theme variables (``bold $text-success``,
``render.THEMED_STYLES``). Textual reads such a style itself where it is a Text's own style;
a style of part of a Text, or of a Text in a table, is looked up by name on the app's console,
which ``use_theme_colours`` gives the current theme's values. A theme change sets them again and
``recolour`` redraws what had already looked them up: a Static's content and an option's prompt
are converted once, when set; a tree or table draws its cells again when told its style changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.theme import Theme as RichTheme
from textual.app import App
from textual.widget import Widget
from textual.widgets import OptionList, Static

from tui_shishi.ui.widgets.render import theme_styles


def theme_colours(app: App[Any]) -> RichTheme:
    """The themed styles in ``app``'s current theme, as a Rich theme for its console."""
    return RichTheme(theme_styles(app.get_css_variables()), inherit=False)


def use_theme_colours(app: App[Any], replace: bool) -> None:
    """Give ``app``'s console the themed styles of the current theme (``replace``: those pushed
    for the theme before)."""
    if replace:
        app.console.pop_theme()
    app.console.push_theme(theme_colours(app))


def _widgets(app: App[Any]) -> Iterable[Widget]:
    for screen in app.screen_stack:
        yield screen
        yield from screen.query("*").results(Widget)


def recolour(app: App[Any]) -> None:
    """Draw every widget of every screen again with the console's current themed styles."""
    for widget in _widgets(app):
        if isinstance(widget, Static):
            widget.update(widget.content, layout=False)  # converted again, with today's styles
        elif isinstance(widget, OptionList):
            for index, option in enumerate(widget.options):
                widget.replace_option_prompt_at_index(index, option.prompt)
        widget.notify_style_update()  # trees and tables drop the lines they drew
        widget.refresh()
