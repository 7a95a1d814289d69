"""Departments (``d``): every department with the items it leads, co-leads or is responsible for.

Typing filters the departments (folded: 市民政局 and full-width or Traditional forms match);
the items of the highlighted department are listed beside (below when narrow) across cities and
years with their status; Enter on an item opens it in the browser.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.widgets import DataTable, Footer, Header, Input, Static
from textual.worker import get_current_worker

from tui_shishi.model import ROLE_CO, ROLE_LEAD, ROLE_RESPONSIBLE
from tui_shishi.store import reports
from tui_shishi.ui.screens.views import ViewScreen
from tui_shishi.ui.widgets.render import percent_str, status_text, truncate
from tui_shishi.words import role_word

ROLE_COLUMNS = (ROLE_LEAD, ROLE_CO, ROLE_RESPONSIBLE)


class DepartmentTable(DataTable):
    BINDINGS = [Binding("j", "cursor_down", show=False), Binding("k", "cursor_up", show=False)]


def department_row(dept: reports.DepartmentRow) -> tuple:
    counts = [Text(str(dept.counts.get(role, 0) or ""), justify="right") for role in ROLE_COLUMNS]
    return (truncate(dept.name, 22), Text(str(dept.n_items), justify="right", style="bold"), *counts)


def item_row(item: reports.DepartmentItem) -> tuple:
    role = Text(role_word(item.role), style="bold" if item.role == ROLE_LEAD else "")
    if item.note:
        role.append(f"({truncate(item.note, 6)})", style="dim")
    return (
        f"{item.city} {item.period}",
        Text(str(item.number), justify="right"),
        status_text(item.status),
        Text(percent_str(item.percent) or "—", justify="right", style="" if item.percent is not None else "dim"),
        role,
        truncate(item.title, 30),  # last: what is cut on a narrow screen
    )


class DepartmentsScreen(ViewScreen):
    view_name = "departments"
    BINDINGS = [
        Binding("slash", "filter", "筛选", show=False),
        Binding("down", "to_list", "列表", show=False),  # from the filter; the tables use ↓ themselves
    ]

    def __init__(self, reader, key: str | int | None = None) -> None:
        super().__init__(reader, key)
        self.department: str | None = None  # the one whose items are listed
        self._items: list[reports.DepartmentItem] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="筛选部门:输入名称的一部分(如 民政);↓ 或 Enter 到列表", id="dept-filter", compact=True)
        with Container(id="dept-panes"):
            yield DepartmentTable(cursor_type="row", zebra_stripes=True, id="dept-list")
            with Container(id="dept-right"):
                yield Static("", id="dept-title")
                yield DepartmentTable(cursor_type="row", zebra_stripes=True, id="dept-items")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "部门"
        self.query_one("#dept-list", DataTable).add_columns("部门", "件", "牵头", "协办", "责任")
        self.query_one("#dept-items", DataTable).add_columns("城市 年度", "件", "状态", "占年计划", "角色", "事项")
        if self.key:
            self.query_one(Input).value = str(self.key)  # Input.Changed loads the list
        else:
            self._load_departments("")
        self.query_one(Input).focus()  # typing filters at once

    def select(self, key: str | int) -> None:
        self.query_one(Input).value = str(key)

    def action_filter(self) -> None:
        self.query_one(Input).focus()

    def action_to_list(self) -> None:
        self.query_one("#dept-list").focus()

    @on(Input.Changed, "#dept-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._load_departments(event.value)

    @on(Input.Submitted, "#dept-filter")
    def _filter_done(self) -> None:
        self.query_one("#dept-list").focus()

    @work(thread=True, exclusive=True, group="departments")
    def _load_departments(self, text: str) -> None:
        found = self._read(reports.departments, text)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_departments, text, found)

    def _show_departments(self, text: str, found: list[reports.DepartmentRow]) -> None:
        if text != self.query_one(Input).value:
            return  # typed on meanwhile
        table = self.query_one("#dept-list", DataTable)
        table.clear()
        for dept in found:
            table.add_row(*department_row(dept), key=dept.name)
        if not found:
            self.department = None
            self.query_one("#dept-items", DataTable).clear()
            self.query_one("#dept-title", Static).update(Text(f"没有名称含“{text}”的部门", style="dim"))
            return
        self._show_items_of(found[0].name)

    @on(DataTable.RowHighlighted, "#dept-list")
    def _department_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            self._show_items_of(event.row_key.value)

    @on(DataTable.RowSelected, "#dept-list")
    def _department_selected(self) -> None:
        self.query_one("#dept-items").focus()

    def _show_items_of(self, name: str) -> None:
        if name != self.department:
            self.department = name
            self._load_items(name)

    @work(thread=True, exclusive=True, group="department-items")
    def _load_items(self, name: str) -> None:
        items = self._read(reports.department_items, name)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_items, name, items)

    def _show_items(self, name: str, items: list[reports.DepartmentItem]) -> None:
        if name != self.department:
            return
        self._items = items
        roles = {role: len({i.item_id for i in items if i.role == role}) for role in ROLE_COLUMNS}
        title = Text(name, style="bold")
        title.append(f"  {len({i.item_id for i in items})}件  ")
        title.append("  ".join(f"{role_word(r)} {n}" for r, n in roles.items() if n), style="dim")
        self.query_one("#dept-title", Static).update(title)
        table = self.query_one("#dept-items", DataTable)
        table.clear()
        for n, item in enumerate(items):
            table.add_row(*item_row(item), key=str(n))

    @on(DataTable.RowSelected, "#dept-items")
    def _item_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            item = self._items[int(event.row_key.value)]
            self.app.jump("item", item.item_id)
