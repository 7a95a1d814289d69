"""The Textual app: one browser screen over a read-only database, and the views over it.

The first screen is the home dashboard (the overview view: every city-year as a card, what is
behind pace, what the latest report changed): Esc or Enter on a card goes to the tree, ``o``
comes back. The browser is made when first asked for (``show_browser``): composing it under the
dashboard would double the first screen's cost for a screen nobody sees yet.

The database may change while the app runs (an import or a rebuild in another terminal): every
``poll_interval`` seconds a worker asks whether it did (ui/reload.py) and, if so, the browser
re-reads it, keeping its cursor; ``r`` does the same at once.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

import textual.content  # noqa: F401  (loaded for guard_renderers below)
from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding

from tui_shishi.safe_text import guard_renderers
from tui_shishi.ui.idle_gc import IdleCollector
from tui_shishi.ui.messages import JumpTo, OpenView
from tui_shishi.ui.reload import POLL_SECONDS, DatabaseWatch, file_identity
from tui_shishi.ui.screens.help import HelpScreen
from tui_shishi.ui.theme_colours import recolour, use_theme_colours

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.screen import Screen

    from tui_shishi.ui.screens.browser import BrowserScreen

T = TypeVar("T")
P = ParamSpec("P")

# Every string shown (a title, a source file's name, a search snippet of the published text) and
# every screenshot: a control character in it is drawn as its picture, never sent to the terminal.
guard_renderers()


def _jump_provider() -> type[Provider]:
    # textual.command costs ~15 ms to import: load it when the palette first opens.
    from tui_shishi.ui.commands import JumpProvider

    return JumpProvider


class ShishiApp(App[None]):
    TITLE = "市办实事"
    SUB_TITLE = "tui-shishi"
    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses live elsewhere
    COMMANDS = App.COMMANDS | {_jump_provider}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    # The staff read Chinese: every word the footer, the palette and its commands show is theirs.
    BINDINGS = [
        # / searches from every screen: the browser's own binding opens the box; from a view the
        # browser comes back first (a view with a filter box, 部门, keeps / for its filter)
        Binding("slash", "search", "搜索"),
        Binding("question_mark", "help", "帮助"),
        Binding("t", "next_theme", "配色"),
        Binding("o", "view('overview')", "概览"),
        Binding("d", "view('departments')", "部门"),
        Binding("m", "view('themes')", "主题"),
        Binding("l", "view('behind')", "滞后", show=False),  # the footer is full at 80 columns: l is in help
        Binding("u", "view('due')", "节点", show=False),  # milestones against today (screens/due.py); in help
        Binding("s", "save_svg", "截图"),
        Binding("p", "present", "演示", show=False),  # presentation mode (screens/present.py); in help
        Binding("r", "reload", "重新载入", show=False),  # the footer is full at 80 columns: r is in help
        Binding("q", "quit", "退出"),
        # in place of Textual's own (described "palette"): the footer shows this description
        Binding("ctrl+p", "command_palette", "跳转", show=False, priority=True),
    ]

    def __init__(
        self,
        conn: sqlite3.Connection,
        db_path: str | Path = "",
        *,
        poll_interval: float | None = POLL_SECONDS,
        present: bool = False,
        home: str = "overview",
    ) -> None:
        super().__init__()
        self.home = home  # the first screen: a view's name (the dashboard), or "browser" (the tree)
        self.present_on_start = present  # `shishi --present`: open in presentation mode
        self.conn = conn
        self.db_path = str(db_path)
        self.poll_interval = poll_interval  # seconds between looks for changes; None: never look
        self._lock = threading.Lock()  # one connection, several worker threads
        self._watch = DatabaseWatch(self.db_path)
        self._refreshing = threading.Lock()  # one refresh at a time; a poll meanwhile is skipped
        self._browser_screen: BrowserScreen | None = None  # made when first asked for (show_browser)
        self.collector = IdleCollector()  # full garbage collections while nobody types (ui/idle_gc.py)
        use_theme_colours(self, replace=False)  # the views' colours: the theme's (ui/theme_colours.py)

    def watch_theme(self) -> None:
        """Another theme (t, 演示, the palette): the views' colours are its own, at once."""
        use_theme_colours(self, replace=True)
        recolour(self)

    def close_database(self, *others: sqlite3.Connection) -> None:
        """Close the connection (and ``others``) once no worker thread is inside ``read``: a
        thread worker can outlive the app by a moment, and SQLite must not be closed under it."""
        with self._lock:
            for conn in (self.conn, *others):
                conn.close()

    def read(self, query: Callable[Concatenate[sqlite3.Connection, P], T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        """Run a query function (``fn(conn, ...)``) on the app's connection; thread-safe (the
        widgets' ``Reader``, store/reader.py)."""
        with self._lock:
            return query(self.conn, *args, **kwargs)

    def on_mount(self) -> None:
        # the header reads 市办实事 — 数据库：shishi.db (not Textual's "tui-shishi" nor a bare file name)
        self.sub_title = f"数据库：{Path(self.db_path).name}" if self.db_path else ""
        if self.home == "browser" or self.present_on_start:  # (presentation mode shows the browser's cursor)
            self.push_screen(self._new_browser())
        if self.home != "browser":  # the home dashboard: Esc makes the browser in its place
            self.action_view(self.home)
        if self.present_on_start:
            self.call_after_refresh(self.action_present)
        self.read(self._watch.remember)
        self.collector.start()
        self.set_interval(0.25, self.collector.tick, name="idle-gc")
        if self.poll_interval:
            self.set_interval(self.poll_interval, self._poll, name="database-poll")

    def on_unmount(self) -> None:
        self.collector.stop()  # Python's own collection again (the app may run in a longer process)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self.collector.input()
        await super().on_event(event)

    def action_search(self) -> None:
        """/ on a view: back to the browser, its search box open."""
        browser = self.show_browser()
        browser.when_ready(lambda: self.call_later(browser.action_search))

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_help_quit(self) -> None:
        """Ctrl+C (Textual's own says, in English, which key quits): in the staff's words."""
        self.notify("按 q 退出", title="退出程序?", timeout=3)

    def action_present(self) -> None:
        """p: presentation mode for a meeting room (screens/present.py); p or Esc leaves it."""
        from tui_shishi.ui.screens.present import PresentScreen, open_present

        if not isinstance(self.screen, PresentScreen):
            open_present(self)

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        # (not CommandPalette.is_open: typed for an App[object], mypy refuses it this App[None])
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(CommandPalette(placeholder="输入城市、年度或事项名称跳转…", id="--command-palette"))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette's own commands (Textual's are English), the app's keys in words."""
        yield SystemCommand("帮助", "全部按键 (?)", self.action_help)
        yield SystemCommand("概览", "每个城市年度一张卡片 (o)", partial(self.action_view, "overview"))
        yield SystemCommand("部门", "各部门牵头、协办、责任的事项 (d)", partial(self.action_view, "departments"))
        yield SystemCommand("主题", "某一主题各年度的事项 (m)", partial(self.action_view, "themes"))
        yield SystemCommand("滞后", "最新报告低于序时进度的指标 (l)", partial(self.action_view, "behind"))
        yield SystemCommand("切换配色", "下一个配色 (t)", self.action_next_theme)
        yield SystemCommand("演示", "会议演示:高对比、大字显示当前年度或事项 (p)", self.action_present)
        yield SystemCommand("截图", "把当前画面保存为 SVG (s)", self.action_save_svg)
        yield SystemCommand("重新载入", "重新读取数据库 (r)", self.action_reload)
        yield SystemCommand("退出", "退出程序 (q)", self.action_quit)

    def action_next_theme(self) -> None:
        themes = sorted(self.available_themes)
        self.theme = themes[(themes.index(self.theme) + 1) % len(themes)] if self.theme in themes else themes[0]
        self.notify(f"配色: {self.theme}", timeout=1.5)

    def action_view(self, name: str) -> None:
        """o, d, m, l: the overview, departments, themes and 滞后 views (imported on first use)."""
        from tui_shishi.ui.screens.views import show_view

        show_view(self, name)

    def action_save_svg(self) -> None:
        from os import environ

        if environ.get("SHISHI_SERVED"):  # `shishi serve`: a browser user writes no files on the server
            self.notify("网页会话不能保存截图", title="SVG", severity="warning")
            return
        from tui_shishi.ui.screenshot import save_svg

        save_svg(self)  # notifies the path (or why not)

    def action_reload(self) -> None:
        """r: re-read the database now (reopened if the file was replaced)."""
        self._refresh(manual=True)

    def _poll(self) -> None:
        if not self._refreshing.locked():
            self._refresh(manual=False)

    # exit_on_error=False: whatever goes wrong in a refresh is said, it never takes the app down
    @work(thread=True, group="database-refresh", exit_on_error=False)
    def _refresh(self, manual: bool) -> None:
        if not self._refreshing.acquire(blocking=False):
            return
        try:
            replaced = self._watch.replaced()
            if not (manual or replaced or self.read(self._watch.changed)):
                return
            browser = self.call_from_thread(self._browser)

            def prepare() -> bool:
                # between noting where the cursor is (in the old rows) and reading the new ones
                if replaced:
                    self._reopen()
                self.read(self._watch.remember)
                return replaced

            if browser is None:
                prepare()
            else:
                browser.reload(prepare)
            self.call_from_thread(self.notify, "已重新载入" if manual else "数据库已更新", timeout=2)
        except Exception as exc:  # noqa: BLE001 - a half-written or foreign file: keep what is shown
            self._watch.identity = file_identity(self.db_path)  # not again every poll: at its next change
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            self.call_from_thread(self.notify, f"无法重新载入: {message}", severity="error", timeout=6)
        finally:
            self._refreshing.release()

    def _reopen(self) -> None:
        """A new connection to the file now at ``db_path`` (a rebuild renamed a new one there)."""
        from tui_shishi.store.db import open_read

        fresh = open_read(self.db_path)  # raises DatabaseError: the old connection stays
        with self._lock:
            stale, self.conn = self.conn, fresh
        stale.close()

    def _browser(self) -> BrowserScreen | None:
        """The browser, if it was made (and is still on the stack, as it always stays)."""
        browser = self._browser_screen
        return browser if browser is not None and browser in self.screen_stack else None

    def _new_browser(self) -> BrowserScreen:
        # imported here: the home dashboard's first paint does without the tree's modules
        from tui_shishi.ui.screens.browser import BrowserScreen

        self._browser_screen = BrowserScreen(self.read)
        return self._browser_screen

    def on_jump_to(self, message: JumpTo) -> None:
        self.jump(message.kind, message.key)

    def on_open_view(self, message: OpenView) -> None:
        self.action_view(message.name)

    def jump(self, kind: str, key: str | int) -> None:
        browser = self.show_browser()  # from a view or the palette over one: the tree

        def reveal() -> None:
            panel = browser.search_panel
            if panel is not None and panel.mode:
                browser.end_search()  # a jump from the palette ends a search (its list hides the tree)
            browser.reveal(kind, key)

        browser.when_ready(reveal)

    def show_browser(self) -> BrowserScreen:
        """The browser, as the current screen: every view and modal above it closed. An app that
        opened on its home dashboard has none until the tree is first asked for (Esc, a card, a
        jump, /): it is made then, in the dashboard's place. Ask it through ``when_ready``."""
        from tui_shishi.ui.screens.views import back_to_browser

        back_to_browser(self)
        browser = self._browser()
        if browser is not None and self.screen is browser:
            return browser
        browser = self._new_browser()
        self.push_screen(browser)
        return browser


def run(db_path: str | Path, present: bool = False, home: str = "overview") -> None:
    """Open the database read-only and run the app until the user quits (``present``: in
    presentation mode; ``home``: the first screen, the dashboard or ``browser``, the tree)."""
    from tui_shishi.store.db import open_read

    conn = open_read(db_path)
    app = ShishiApp(conn, db_path, present=present, home=home)
    try:
        app.run()
    finally:
        app.close_database(conn)  # (app.conn is another one than conn if the file was replaced meanwhile)
