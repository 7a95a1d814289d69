"""The views for meetings and staff (overview, departments, themes) and how to move between them.

A view is a screen pushed over the browser. Going from one view to another replaces it, so the
stack never grows past browser + one view and Esc always returns to the browser. Screens are
imported when first opened: the browser starts without paying for them. The home dashboard is
the one view with no browser below it when the app opens: the browser is made when first asked
for (ShishiApp.show_browser), so that the first screen does not pay for it either.
"""

from __future__ import annotations

import importlib
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, cast

from textual.app import App
from textual.binding import Binding
from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from tui_shishi.store.reader import Reader
    from tui_shishi.ui.app import ShishiApp

VIEWS = {
    "overview": ("tui_shishi.ui.screens.overview", "OverviewScreen"),
    "departments": ("tui_shishi.ui.screens.departments", "DepartmentsScreen"),
    "themes": ("tui_shishi.ui.screens.themes", "ThemesScreen"),
    "behind": ("tui_shishi.ui.screens.behind", "BehindScreen"),
    "due": ("tui_shishi.ui.screens.due", "DueScreen"),
}


class ViewScreen(Screen[None]):
    """A view over the browser; ``key`` selects what it opens on (a year id, a name)."""

    view_name = ""
    BINDINGS = [
        Binding("escape", "back", "返回"),
        # the app's t, hidden in a view's footer so that its own keys and / fit 80 columns (t is in help)
        Binding("t", "app.next_theme", "配色", show=False),
    ]

    def __init__(self, reader: Reader, key: str | int | None = None) -> None:
        super().__init__()
        self._read = reader
        self.key = key

    def action_back(self) -> None:
        cast("ShishiApp", self.app).show_browser()

    def name_view(self, name: str) -> None:
        """The header's subtitle: the view's name and the database's (``概览 · 数据库：shishi.db``)."""
        database = getattr(self.app, "db_path", "")
        self.sub_title = f"{name} · 数据库：{PurePath(database).name}" if database else name

    def select(self, key: str | int) -> None:
        """Show ``key`` in this view (already open); views override."""


def is_narrow(app: App[Any], width: int) -> bool:
    """Whether ``width`` columns get the app's ``-narrow`` class (its HORIZONTAL_BREAKPOINTS): a
    screen laying itself out in on_resize runs before Textual sets the class for the new size."""
    classes = [name for at, name in sorted(app.HORIZONTAL_BREAKPOINTS or []) if width >= at]
    return bool(classes) and classes[-1] == "-narrow"


def view_class(name: str) -> type[ViewScreen]:
    if name not in VIEWS:
        raise KeyError(f"unknown view {name!r}; views: {', '.join(VIEWS)}")
    module, cls = VIEWS[name]
    view: type[ViewScreen] = getattr(importlib.import_module(module), cls)
    return view


def show_view(app: ShishiApp, name: str, key: str | int | None = None) -> ViewScreen:
    """Open view ``name`` (on ``key``): the same view is reused, another view is replaced."""
    cls = view_class(name)
    while isinstance(app.screen, ModalScreen):  # help, command palette: close them first
        app.pop_screen()
    screen = app.screen
    if isinstance(screen, cls):
        if key is not None:
            screen.select(key)
        return screen
    view = cls(app.read, key)
    if isinstance(screen, ViewScreen):
        app.switch_screen(view)
    else:
        app.push_screen(view)
    return view


def back_to_browser(app: App[Any]) -> None:
    """Close every view and modal above the browser (before a jump into the tree); with no
    browser, every one of them (ShishiApp.show_browser then makes it)."""
    from tui_shishi.ui.screens.browser import BrowserScreen

    while len(app.screen_stack) > 1 and not isinstance(app.screen, BrowserScreen):
        app.pop_screen()
