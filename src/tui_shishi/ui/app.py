"""The Textual app: one browser screen over a read-only database."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from textual.app import App
from textual.binding import Binding

from tui_shishi.ui.screens.browser import BrowserScreen
from tui_shishi.ui.screens.help import HelpScreen

T = TypeVar("T")


def _jump_provider():
    # textual.command costs ~15 ms to import: load it when the palette first opens.
    from tui_shishi.ui.commands import JumpProvider

    return JumpProvider


class ShishiApp(App[None]):
    TITLE = "市办实事"
    SUB_TITLE = "tui-shishi"
    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses live elsewhere
    COMMANDS = App.COMMANDS | {_jump_provider}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding("question_mark", "help", "Help"),
        Binding("t", "next_theme", "Colours"),
        Binding("o", "view('overview')", "Overview"),
        Binding("d", "view('departments')", "Depts"),
        Binding("m", "view('themes')", "Themes"),
        Binding("s", "save_svg", "SVG"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, conn: sqlite3.Connection, db_path: str | Path = "") -> None:
        super().__init__()
        self.conn = conn
        self.db_path = str(db_path)
        self._lock = threading.Lock()  # one connection, several worker threads

    def read(self, query: Callable[..., T], *args, **kwargs) -> T:
        """Run a query function (``fn(conn, ...)``) on the app's connection; thread-safe."""
        with self._lock:
            return query(self.conn, *args, **kwargs)

    def on_mount(self) -> None:
        if self.db_path:
            self.sub_title = Path(self.db_path).name
        self.push_screen(BrowserScreen(self.read))

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_next_theme(self) -> None:
        themes = sorted(self.available_themes)
        self.theme = themes[(themes.index(self.theme) + 1) % len(themes)] if self.theme in themes else themes[0]
        self.notify(f"主题: {self.theme}", timeout=1.5)

    def action_view(self, name: str) -> None:
        """o, d, m: the overview, departments and themes views (imported on first use)."""
        from tui_shishi.ui.screens.views import show_view

        show_view(self, name)

    def action_save_svg(self) -> None:
        from tui_shishi.ui.screenshot import save_svg

        save_svg(self)  # notifies the path (or why not)

    def jump(self, kind: str, key: str | int) -> None:
        from tui_shishi.ui.screens.views import back_to_browser

        back_to_browser(self)  # from a view or the palette over one: the tree is below
        screen = self.screen
        if isinstance(screen, BrowserScreen):
            panel = screen.search_panel
            if panel is not None and panel.mode:
                screen.end_search()  # a jump from the palette ends a search (its list hides the tree)
            screen.reveal(kind, key)


def run(db_path: str | Path) -> None:
    """Open the database read-only and run the browser until the user quits."""
    from tui_shishi.store.db import open_read

    conn = open_read(db_path)
    try:
        ShishiApp(conn, db_path).run()
    finally:
        conn.close()
