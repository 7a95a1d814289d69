"""The search box of the browser (``/``): results as you type, Enter opens one, n/N step.

Searches run in an exclusive thread worker on a connection of their own (read-only, opened on
the first search), so a slow query never holds the tree's connection; a keystroke that arrives
while one runs interrupts it (``Connection.interrupt``) and results of an older query are
dropped (Textual's examples/dictionary.py). The count of all matches is slower than the first
page on a common word: it runs after the page is shown, in a worker of its own. Workers never
touch a widget: they post ``PageFound`` / ``PageDropped`` / ``Counted``, handled here on the UI
thread. What the status line says is reactive state (``mode``, ``query_text``, ``listed``,
``total``, ``current``, ``note``): it is redrawn by the watchers whenever one changes.

Any text may be typed: the backend never fails on a query, and whatever goes wrong here (no
search index, an error) is said in the status line and the list, never raised.
"""

from __future__ import annotations

import sqlite3
import threading
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import var
from textual.widgets import Input, OptionList, Static
from textual.worker import get_current_worker

from tui_shishi.ui.widgets.render import truncate
from tui_shishi.ui.widgets.search_hits import HINTS, NO_INDEX, PLACEHOLDER, match_of
from tui_shishi.ui.widgets.search_results import NEAR_END, ResultList

if TYPE_CHECKING:
    from tui_shishi.store.reader import Reader
    from tui_shishi.store.search import Hit, Query
    from tui_shishi.ui.widgets.item_view import SearchMatch

PAGE = 50


class PageFound(Message, bubble=False):
    """A worker's page of hits (or the error that stopped it) for the query of ``generation``."""

    def __init__(self, generation: int, text: str, query: Query, offset: int, hits: list[Hit], error: str, then_open: int | None) -> None:
        super().__init__()
        self.generation, self.text, self.query, self.offset = generation, text, query, offset
        self.hits, self.error, self.then_open = hits, error, then_open


class PageDropped(Message, bubble=False):
    """A worker gave up a further page (a newer query interrupted it)."""


class Counted(Message, bubble=False):
    def __init__(self, generation: int, total: int) -> None:
        super().__init__()
        self.generation, self.total = generation, total


class SearchPanel(Vertical):
    """Box, status line and results. ``mode``: "list" (results over the panes), "step" (one
    status line above the panes while n/N step through the hits) or "" (closed)."""

    mode = var("", init=False)
    query_text = var("", init=False)  # the text whose results are listed
    listed = var(0, init=False)  # len(hits)
    total: var[int | None] = var(0, init=False)  # None: not known yet (a full page, count running)
    current: var[int | None] = var(None, init=False)  # the hit opened last
    note = var("", init=False)  # what the status line says besides the count (problems, errors)

    BINDINGS = [
        # the box keeps the focus: arrows move through the results below it
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
    ]

    class Opened(Message):
        """A hit to show: its item in the tree, the detail with the match highlighted."""

        def __init__(self, hit: Hit, match: SearchMatch) -> None:
            super().__init__()
            self.hit = hit
            self.match = match

    def __init__(self, reader: Reader, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._read = reader  # the app's shared connection: used only if ours cannot be opened
        self._conn: sqlite3.Connection | None = None
        self._conn_failed = False
        self._conn_lock = threading.Lock()
        self._running = False  # a query runs on our connection (read across threads: a hint)
        self._generation = 0  # bumped by every new query; older results are dropped
        self.needles: tuple[str, ...] = ()
        self.hits: list[Hit] = []
        self.more = False  # the last page was full: there may be more
        self._loading_more = False
        self._open_when_shown = -1  # Enter came before the results of this generation

    def compose(self) -> ComposeResult:
        yield Input(placeholder=PLACEHOLDER, id="search-input", compact=True)
        yield Static("", id="search-status")
        yield ResultList(id="search-results")

    @property
    def box(self) -> Input:
        return self.query_one("#search-input", Input)

    @property
    def results(self) -> ResultList:
        return self.query_one(ResultList)

    def on_mount(self) -> None:
        self.results.show_message(HINTS[0], HINTS[1:])
        self._render_status()

    def on_unmount(self) -> None:
        if self._conn is not None:
            self._conn.interrupt()
            with self._conn_lock:
                self._conn.close()
                self._conn, self._conn_failed = None, True  # a late worker uses the app's

    def reload(self, reopen: bool) -> None:
        """The database changed (the app reloads): run the listed query again, since its hits
        name rows of the old data; after a rebuild (``reopen``) on a connection to the new file."""
        if reopen:
            if self._conn is not None:
                self._conn.interrupt()  # a running query stops; the lock is then free at once
                with self._conn_lock:
                    self._conn.close()
                    self._conn = None
            self._conn_failed = False
        if self.query_text.strip():
            self.start(self.query_text)

    # ------------------------------------------------------------------ modes

    def show_list(self) -> None:
        """``/``: the results over the panes, the box focused (its text selected: typing replaces it)."""
        self.mode = "list"
        if self.current is not None and self.current < len(self.hits):
            self.results.highlighted = self.current
        self.box.focus()
        self.box.select_all()

    def show_step(self) -> None:
        self.mode = "step"

    def close(self) -> None:
        self.mode = ""
        self.current = None

    def step(self, delta: int) -> None:
        """n / N: in the list, move the cursor; after a hit was opened, open the next one."""
        if not self.hits:
            self.notify("没有搜索结果", timeout=2)
            return
        if self.mode == "list":
            self.action_move(delta)
            return
        target = (self.current if self.current is not None else -1) + delta
        if target < 0:
            self.notify("已是第一个", timeout=1.5)
        elif target < len(self.hits):
            self.open(target)
        elif self.more:
            self._load_more(then_open=target)
        else:
            self.notify(f"已是最后一个 (共 {len(self.hits)} 件)", timeout=1.5)

    def open(self, index: int) -> None:
        if not 0 <= index < len(self.hits):
            return
        self.current = index
        self.results.highlighted = index
        hit = self.hits[index]
        self.post_message(self.Opened(hit, match_of(hit, self.needles)))
        if index >= len(self.hits) - NEAR_END:
            self._load_more()

    def action_move(self, delta: int) -> None:
        if self.hits:  # (messages in the list are disabled options: nothing to move to)
            results = self.results
            results.highlighted = 0 if results.highlighted is None else max(0, results.highlighted + delta)

    def action_page(self, delta: int) -> None:
        if self.hits:
            self.results.action_page_down() if delta > 0 else self.results.action_page_up()

    # ------------------------------------------------------------------ events

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.start(event.value)

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value == self.query_text:
            if self.hits:
                self.open(self.results.highlighted or 0)
        else:  # typed fast and pressed Enter before the results came: open the first one then
            self._open_when_shown = self._generation

    @on(OptionList.OptionSelected, "#search-results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.open(event.option_index)

    @on(ResultList.NearEnd)
    def _near_end(self, event: ResultList.NearEnd) -> None:
        event.stop()
        self._load_more()

    # ------------------------------------------------------------------ queries

    def start(self, text: str) -> None:
        """A new query: interrupt the running one, forget its pages and its count."""
        self._generation += 1
        self.workers.cancel_group(self, "search-count")
        self.workers.cancel_group(self, "search-more")
        self._loading_more = False
        if self._running and self._conn is not None:
            self._conn.interrupt()
        if not text.strip():
            self.needles, self.hits, self.more = (), [], False
            self.query_text, self.listed, self.total, self.current, self.note = text, 0, 0, None, ""
            if self.is_mounted:
                self.results.show_message(HINTS[0], HINTS[1:])
            self.workers.cancel_group(self, "search")
            return
        self._search(self._generation, text)

    def _connection(self) -> sqlite3.Connection | None:
        """Our own read-only connection, opened on first use (in a worker thread)."""
        if self._conn is None and not self._conn_failed:
            path = getattr(self.app, "db_path", "")
            try:
                from tui_shishi.store.db import open_read

                self._conn = open_read(path) if path else None
            except Exception:  # noqa: BLE001 - any failure: share the app's connection instead
                self._conn = None
            self._conn_failed = self._conn is None
        return self._conn

    def _query(self, generation: int, fn, *args, **kwargs):
        """``fn(conn, ...)`` on our connection, abandoned as soon as a newer query is typed:
        ``interrupt()`` (in ``start``) stops the statement running then, and the progress handler
        any later statement of this query (an interrupt between two statements would be lost)."""
        with self._conn_lock:
            conn = self._connection()
            if conn is None:
                return self._read(fn, *args, **kwargs)
            self._running = True
            conn.set_progress_handler(lambda: self._generation != generation, 1000)
            try:
                return fn(conn, *args, **kwargs)
            finally:
                conn.set_progress_handler(None, 0)
                self._running = False

    def _page(self, generation: int, text: str, offset: int) -> tuple[Query | None, list[Hit], str]:
        """(query, hits, error) for one page; runs in a worker thread; never raises."""
        from tui_shishi.store.search import SearchIndexMissing, parse_query, search

        query = parse_query(text)
        for _attempt in range(2):
            try:
                return query, self._query(generation, search, query, limit=PAGE, offset=offset), ""
            except SearchIndexMissing:
                return query, [], NO_INDEX
            except sqlite3.OperationalError as exc:
                if "interrupt" not in str(exc):
                    return query, [], f"搜索出错:{exc}"
                if generation != self._generation or get_current_worker().is_cancelled:
                    return None, [], ""  # a newer keystroke interrupted it: drop silently
                # interrupted, yet still the current query (it overlapped an older one): again
            except Exception as exc:  # noqa: BLE001 - a search box must never take the app down
                return query, [], f"搜索出错:{type(exc).__name__}: {exc}"
        return None, [], ""

    @work(thread=True, exclusive=True, group="search")
    def _search(self, generation: int, text: str) -> None:
        query, hits, error = self._page(generation, text, 0)
        if query is None or get_current_worker().is_cancelled:
            return
        self.post_message(PageFound(generation, text, query, 0, hits, error, None))

    @work(thread=True, exclusive=True, group="search-more")
    def _more(self, generation: int, text: str, offset: int, then_open: int | None) -> None:
        query, hits, error = self._page(generation, text, offset)
        if query is None or get_current_worker().is_cancelled:
            self.post_message(PageDropped())
            return
        self.post_message(PageFound(generation, text, query, offset, hits, error, then_open))

    @work(thread=True, exclusive=True, group="search-count")
    def _count(self, generation: int, query: Query) -> None:
        from tui_shishi.store.search import count

        try:
            total = self._query(generation, count, query)
        except Exception:  # noqa: BLE001 - interrupted or failed: the status keeps "50+"
            return
        if not get_current_worker().is_cancelled:
            self.post_message(Counted(generation, total))

    def _load_more(self, then_open: int | None = None) -> None:
        if not self.more or self._loading_more or not self.hits:
            return
        self._loading_more = True
        self._more(self._generation, self.query_text, len(self.hits), then_open)

    @on(PageDropped)
    def _page_dropped(self, event: PageDropped) -> None:
        self._loading_more = False

    @on(PageFound)
    def _page_found(self, event: PageFound) -> None:
        generation, query, offset, hits, error = event.generation, event.query, event.offset, event.hits, event.error
        if generation != self._generation:
            return  # typed on since: these are the results of an older query
        results = self.results
        self._loading_more = False
        self.query_text, self.needles = event.text, query.needles
        self.note = error or "; ".join(query.problems)
        if offset == 0:
            self.hits, self.current, self.total = list(hits), None, None
        else:
            self.hits.extend(hits)
        self.more = len(hits) == PAGE and not error
        if self.hits:
            results.show_hits(hits, self.needles, replace=offset == 0)
            if offset == 0:
                results.highlighted = 0
                results.scroll_home(animate=False)
        else:
            results.show_message(error or self._no_match(event.text, query))
        self.listed = len(self.hits)
        if not self.more:
            self.total = len(self.hits)
        elif offset == 0:
            self._count(generation, query)
        then_open = event.then_open
        if then_open is None and offset == 0 and self._open_when_shown == generation:
            then_open = 0
        if then_open is not None and then_open < len(self.hits):
            self.open(then_open)

    @on(Counted)
    def _counted(self, event: Counted) -> None:
        if event.generation == self._generation:
            self.total = max(event.total, len(self.hits))

    # ------------------------------------------------------------------ what is said

    def _no_match(self, text: str, query: Query) -> str:
        if query.is_empty:
            return "没有可搜索的文字:" + (self.note or "请输入词语")
        return f"没有找到「{truncate(text.strip(), 30)}」。试试更短的词、别的说法,或拼音 (如 yanglao)。"

    def status_text(self) -> Text:
        text = Text()
        shown = truncate(self.query_text.strip(), 16)
        if not shown:
            text.append("输入即搜索 · ↑↓ 选择 · Enter 打开 · Esc 返回", style="dim")
            return text
        if self.note == NO_INDEX:
            text.append("⚠ 无搜索索引", style="bold")
            return text
        if self.total is None:
            text.append(f"{len(self.hits)}+ 件", style="bold")
            text.append(" (计数中…)", style="dim")
        elif self.total:
            text.append(f"{self.total} 件", style="bold")
        else:
            text.append("无匹配", style="bold")
        if self.mode == "step" and self.current is not None:
            text = Text()
            text.append(f"「{shown}」 ", style="bold")
            of = f"{self.total}" if self.total is not None else f"{len(self.hits)}+"
            text.append(f"第 {self.current + 1}/{of} 件", style="bold")
            text.append(" · n 下一个 N 上一个 · / 结果列表 · Esc 回到搜索前", style="dim")
            return text
        if self.note:
            text.append(f" · ⚠ {truncate(self.note, 40)}", style="italic")
        if self.hits:
            text.append(" · ↑↓ 选择 · Enter 打开 · Esc 返回", style="dim")
        return text

    def _render_status(self) -> None:
        if self.is_mounted and self.children:
            self.query_one("#search-status", Static).update(self.status_text())

    # every reactive the status line reads redraws it
    watch_mode = watch_query_text = watch_listed = watch_total = watch_current = watch_note = _render_status
