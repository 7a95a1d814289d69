"""The pane beside the tree: shows the city, year or item under the tree cursor.

Queries run in an exclusive worker, so moving quickly through the tree never waits on the
database; a result that arrives after the cursor has moved on is dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.containers import Container
from textual.widgets import Static
from textual.worker import get_current_worker

from tui_shishi.ui.app_thread import deliver
from tui_shishi.ui.widgets.plan_tree import Ref

if TYPE_CHECKING:
    import sqlite3

    from textual.widget import Widget

    from tui_shishi.store import views
    from tui_shishi.store.reader import Reader
    from tui_shishi.ui.widgets.year_view import YearPage

    ViewData = views.CitySummary | YearPage | views.ItemDetail | None

# The views (and DataTable, queries) are imported on first use, after the first frame.


def load_view_data(conn: sqlite3.Connection, ref: Ref) -> ViewData:
    """The view object for a tree node (runs in a worker thread)."""
    from tui_shishi.store import queries as q

    if ref.kind == "city":
        return q.city(conn, str(ref.key))
    if ref.kind in ("year", "section"):
        from tui_shishi.ui.widgets.year_view import load_section_page, load_year_page

        if ref.kind == "year":
            return load_year_page(conn, int(ref.key))
        return load_section_page(conn, int(ref.key))  # its own subsections and items only
    if ref.kind == "item":
        return q.item_detail(conn, int(ref.key))
    if ref.kind == "indicator" and ref.item_id is not None:
        return q.item_detail(conn, ref.item_id)
    return None


def _view_class(data: ViewData) -> Any:
    """The view that shows ``data``, its module imported only now: the first screen (a city)
    does not pay for the item and year views' modules (DataTable and the rest)."""
    from tui_shishi.store import views

    if isinstance(data, views.CitySummary):
        from tui_shishi.ui.widgets.city_view import CityView

        return CityView
    if isinstance(data, views.ItemDetail):
        from tui_shishi.ui.widgets.item_view import ItemView

        return ItemView
    if data is not None:
        from tui_shishi.ui.widgets.year_view import YearView

        return YearView
    return None


class DetailPane(Container):
    """Holds one view at a time."""

    def __init__(self, reader: Reader, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._read = reader
        self.shown: Ref | None = None
        self.match = None  # a search hit (item_view.SearchMatch) to highlight in its item's view
        self.wants_focus = False  # shown alone (a narrow screen): its view takes the focus, also a new one

    def focus_view(self) -> None:
        """Focus the view shown (its first focusable widget), or nothing: keys go to the screen."""
        target = next((w for w in self.query("*") if w.focusable), None)
        self.screen.set_focus(target)

    def highlight(self, match) -> None:
        """Highlight a search hit in its item's view (or none); redraws an item shown now."""
        self.match = match
        if self.shown is not None and self.shown.kind in ("item", "indicator"):
            self._load(self.shown)

    def compose(self):
        yield Static(Text("选择左侧的城市、年度或事项。", style="dim"), classes="empty")

    def show(self, ref: Ref | None) -> None:
        if ref is None or ref.kind in ("placeholder", "more", "root"):
            return
        same_view = self.shown is not None and (ref.kind, ref.key) == (self.shown.kind, self.shown.key)
        if same_view:
            return
        self.shown = ref
        self._load(ref)

    @work(thread=True, exclusive=True, group="detail")
    def _load(self, ref: Ref) -> None:
        data = self._read(load_view_data, ref)
        _view_class(data)  # its module imported here, in the worker, not in the frame that shows it
        if not get_current_worker().is_cancelled:
            deliver(self, self._display, ref, data)

    async def _display(self, ref: Ref, data: ViewData) -> None:
        if ref != self.shown:
            return  # the cursor has moved on
        from tui_shishi.store import views

        view: Widget
        view_class = _view_class(data)
        if isinstance(data, views.CitySummary):
            view = view_class(data)
        elif isinstance(data, views.ItemDetail):
            match = self.match if self.match is not None and self.match.item_id == data.item.item_id else None
            view = view_class(data, focus_indicator=int(ref.key) if ref.kind == "indicator" else None, match=match)
        elif data is not None:
            view = view_class(data, self._read)
        else:
            view = Static(Text("(无数据)", style="dim"), classes="empty")
        if self.wants_focus:
            self.screen.set_focus(None)  # not to the tree (hidden) while the old view goes
        await self.remove_children()
        await self.mount(view)
        if self.wants_focus:
            self.focus_view()
