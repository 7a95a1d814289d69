"""Departments (``d``): every department with the items it leads, co-leads or is responsible for.

``/`` (or Tab, or a click) puts the cursor in the filter, which keeps the departments whose name
contains what is typed (folded: 市民政局 and full-width or Traditional forms match); Enter, ↓ or Esc
leave it. Elsewhere the app's keys (o d m l ? q …) act as on every screen. The items of the
highlighted department are listed beside (below when narrow) across cities and years with their
status; Enter on an item opens it in the browser.

Column widths are set, never measured by the table: each table lays itself out when it learns its
width (on resize) and when its rows change, so a figure is never cut, the item's name gets the
spare width, and a table drawn before its size was known cannot stay collapsed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from rich.cells import cell_len
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.widgets import DataTable, Header, Input, Static
from textual.worker import get_current_worker

from tui_shishi.model import ROLE_CO, ROLE_LEAD, ROLE_RESPONSIBLE
from tui_shishi.status import label as status_label
from tui_shishi.store import reports, views
from tui_shishi.ui.app_thread import deliver
from tui_shishi.ui.messages import JumpTo
from tui_shishi.ui.screens.views import ViewScreen, is_narrow
from tui_shishi.ui.widgets.footer import KeysFooter
from tui_shishi.ui.widgets.render import percent_str, status_text, truncate
from tui_shishi.words import role_word

if TYPE_CHECKING:
    from tui_shishi.store.reader import Reader

ROLE_COLUMNS = (ROLE_LEAD, ROLE_CO, ROLE_RESPONSIBLE)
PAD = 1  # DataTable's cell padding, each side
NAME_MIN = 16  # cells a department name keeps before the list drops its role columns
TITLE_MIN = 20  # cells an item name keeps before the items go two lines a row
ITEMS_WANT = 90  # screen columns the items want beside the list (事项 ≥ 40 cells), wide layout
LIST_MIN, LIST_MAX = 30, 52  # 30: a name of 11 characters whole beside 件
Row = tuple[tuple[Text, ...], int, str]  # a table row: cells, height in lines, key
Shown = TypeVar("Shown")  # what a table lists: departments, or a department's items


@dataclass(frozen=True)
class Layout:
    """Columns (label, content width in cells) and rows (cells, height) for one table width."""

    columns: list[tuple[str, int]]
    rows: list[Row]


def _width(texts: Sequence[str], label: str) -> int:
    return max([cell_len(label), *(cell_len(t) for t in texts)])


def _spent(columns: list[tuple[str, int]]) -> int:
    return sum(w + 2 * PAD for _, w in columns)


def list_layout(found: Sequence[views.DepartmentRow], width: int) -> Layout:
    """The departments in ``width`` cells: name, items, then items per role when the name keeps
    NAME_MIN cells (else the roles are in the title over the items)."""
    count = ("件", _width([str(d.n_items) for d in found], "件"))
    roles = [(role_word(r), _width([str(d.counts.get(r, 0)) for d in found], role_word(r))) for r in ROLE_COLUMNS]
    natural = _width([d.name for d in found], "部门")
    with_roles = width - _spent([count, *roles]) - 2 * PAD >= min(natural, NAME_MIN)
    counts = [count, *roles] if with_roles else [count]
    name_w = max(4, width - _spent(counts) - 2 * PAD)
    rows: list[Row] = []
    for dept in found:
        cells = [Text(truncate(dept.name, name_w)), Text(str(dept.n_items), justify="right", style="bold")]
        if with_roles:
            cells += [Text(str(dept.counts.get(role, 0) or ""), justify="right") for role in ROLE_COLUMNS]
        rows.append((tuple(cells), 1, dept.name))
    return Layout([("部门", name_w), *counts], rows)


def _title(item: views.DepartmentItem, cells: int) -> Text:
    """The item's name cut to ``cells``, with the part the department answers for (dim) kept."""
    note = f"({truncate(item.note, max(4, cells // 3), whole=True)})" if item.note else ""
    text = Text(truncate(item.title, max(2, cells - cell_len(note)), whole=True))
    text.append(note, style="dim")
    return text


def _percent(item: views.DepartmentItem) -> str:
    return percent_str(item.percent) or "—"


def items_layout(items: Sequence[views.DepartmentItem], width: int) -> Layout:
    """The department's items in ``width`` cells: one line an item, the name taking what the
    figures leave; below TITLE_MIN cells for the name, two lines an item in two columns."""
    years = [f"{i.city} {i.period}" for i in items]
    fixed = [
        ("城市 年度", _width(years, "城市 年度")),
        ("件", _width([str(i.number) for i in items], "件")),
        ("状态", _width([status_label(i.status) for i in items], "状态")),
        ("占年计划", _width([_percent(i) for i in items], "占年计划")),
        ("角色", _width([role_word(i.role) for i in items], "角色")),
    ]
    title_w = width - _spent(fixed) - 2 * PAD
    rows: list[Row] = []
    if title_w >= TITLE_MIN:
        for n, (year, item) in enumerate(zip(years, items)):
            cells = (
                Text(year),
                Text(str(item.number), justify="right"),
                status_text(item.status),
                Text(_percent(item), justify="right", style="" if item.percent is not None else "dim"),
                Text(role_word(item.role), style="bold" if item.role == ROLE_LEAD else ""),
                _title(item, title_w),
            )
            rows.append((cells, 1, str(n)))
        return Layout([*fixed, ("事项", title_w)], rows)
    # narrow: 青岛 2025 第5件 / 牵头 title   |   ✔ 达成 / 128%
    state_w = max(fixed[2][1], fixed[3][1])
    left_w = max(8, width - (state_w + 2 * PAD) - 2 * PAD)
    for n, (year, item) in enumerate(zip(years, items)):
        head = Text(truncate(f"{year} 第{item.number}件", left_w, whole=True), style="bold")
        role = Text(role_word(item.role) + " ", style="bold" if item.role == ROLE_LEAD else "dim")
        left = Text.assemble(head, "\n", role, _title(item, left_w - cell_len(role.plain)))
        percent = _percent(item)
        right = Text.assemble(status_text(item.status), "\n", " " * (state_w - cell_len(percent)))
        right.append(percent, style="" if item.percent is not None else "dim")
        rows.append(((left, right), 2, str(n)))
    return Layout([("事项", left_w), ("状态", state_w)], rows)


class DepartmentTable(DataTable[Text], Generic[Shown]):
    """A table that lays out its columns for its own width: when it gets one and when its data
    changes. ``table_layout(data, width)`` gives the columns and rows; the cursor row is kept."""

    BINDINGS = [Binding("j", "cursor_down", show=False), Binding("k", "cursor_up", show=False)]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, id=id)
        self._shown: Sequence[Shown] = ()
        self._laid_out_for = -1  # the width the columns were computed for; -1: not yet

    @property
    def data_width(self) -> int:
        """Cells for the columns: the table's width less a vertical scrollbar, always kept free
        so that the layout does not change when one appears."""
        return self.size.width - self.styles.scrollbar_size_vertical

    def table_layout(self, shown: Sequence[Shown], width: int) -> Layout:
        raise NotImplementedError

    def show(self, data: Sequence[Shown]) -> None:
        self._shown = data
        self._lay_out(force=True)

    def on_resize(self, event: events.Resize) -> None:
        self._lay_out()

    def _lay_out(self, force: bool = False) -> None:
        width = self.data_width
        if self.size.width <= 0 or (width == self._laid_out_for and not force):
            return  # no size yet: the resize that brings it lays the table out
        self._laid_out_for = width
        cursor = self.cursor_row
        layout = self.table_layout(self._shown, width)
        self.clear(columns=True)
        self.show_header = bool(layout.rows)  # no header over no rows (loading, nothing found)
        for label, column_width in layout.columns:
            self.add_column(label, width=column_width)
        for cells, height, key in layout.rows:
            self.add_row(*cells, height=height, key=key)
        if layout.rows and cursor > 0:
            self.move_cursor(row=min(cursor, len(layout.rows) - 1), animate=False)

    def cursor_key(self) -> str | None:
        """The key of the row under the cursor (None if the table is empty)."""
        if not self.is_valid_row_index(self.cursor_row):
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value


class DepartmentList(DepartmentTable[views.DepartmentRow]):
    def table_layout(self, shown: Sequence[views.DepartmentRow], width: int) -> Layout:
        return list_layout(shown, width)


ITEMS_PAGE = 200  # a department's items laid out at a time: across a country, thousands
MORE = "more"  # the key of the last row while more items remain


class ItemTable(DepartmentTable[views.DepartmentItem]):
    more = 0  # items not laid out yet: the last row says so and Enter on it lays out the next page

    def table_layout(self, shown: Sequence[views.DepartmentItem], width: int) -> Layout:
        layout = items_layout(shown, width)
        if self.more > 0:
            note = Text(f"… 还有 {self.more} 件：Enter 载入下 {min(self.more, ITEMS_PAGE)} 件", style="dim")
            layout.rows.append(((note, *(Text("") for _ in layout.columns[1:])), 1, MORE))
        return layout


class DepartmentFilter(Input):
    """The filter: it takes typing once focused (``/``, Tab, a click); Esc and ↓ leave it."""

    BINDINGS = [Binding("escape", "leave", "结束筛选"), Binding("down", "leave", show=False)]

    def action_leave(self) -> None:
        self.screen.query_one("#dept-list").focus()


class DepartmentsScreen(ViewScreen):
    view_name = "departments"
    AUTO_FOCUS = "#dept-list"  # never the filter: o, d, m, q … act, they are not typed
    BINDINGS = [
        Binding("slash", "filter", "筛选"),
        Binding("escape", "back", "返回"),
        Binding("tab", "app.focus_next", "切换", show=False),
    ]

    def __init__(self, reader: Reader, key: str | int | None = None) -> None:
        super().__init__(reader, key)
        self.department: str | None = None  # the one whose items are listed
        self.found: list[views.DepartmentRow] = []
        self._items: list[views.DepartmentItem] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield DepartmentFilter(placeholder="按 / 筛选部门:输入名称的一部分(如 民政)", id="dept-filter", compact=True)
        with Container(id="dept-panes"):
            yield DepartmentList(id="dept-list")
            with Container(id="dept-right"):
                yield Static("", id="dept-title")
                yield ItemTable(id="dept-items")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.name_view("部门")
        self._size_list(self.app.size.width)
        if self.key:
            self.query_one(Input).value = str(self.key)  # Input.Changed loads the list
        else:
            self._load_departments("")

    def on_resize(self, event: events.Resize) -> None:
        self._size_list(event.size.width)

    def _size_list(self, width: int) -> None:
        """Beside the items (wide), the list takes what the items leave over ITEMS_WANT; below
        them (narrow) the whole width."""
        dept_list = self.query_one("#dept-list")
        dept_list.styles.width = None if is_narrow(self.app, width) else max(LIST_MIN, min(LIST_MAX, width - ITEMS_WANT))

    def select(self, key: str | int) -> None:
        self.query_one(Input).value = str(key)

    def action_filter(self) -> None:
        self.query_one(Input).focus()

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
            deliver(self, self._show_departments, text, found)

    def _show_departments(self, text: str, found: list[views.DepartmentRow]) -> None:
        if text != self.query_one(Input).value:
            return  # typed on meanwhile
        self.found = found
        self.query_one(DepartmentList).show(found)
        if not found:
            self.department = None
            self._items = []
            self._show_page(0)
            self.query_one("#dept-title", Static).update(Text(f"没有名称含“{text}”的部门", style="dim"))
            return
        self._show_items_of(found[0].name)

    @on(DataTable.RowHighlighted, "#dept-list")
    def _department_highlighted(self, event: DataTable.RowHighlighted) -> None:
        # only the row under the cursor now: not one of a list laid out again since
        if event.row_key.value is not None and event.row_key.value == self.query_one(DepartmentList).cursor_key():
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
            deliver(self, self._show_items, name, items)

    def _show_items(self, name: str, items: list[views.DepartmentItem]) -> None:
        if name != self.department:
            return
        self._items = items
        roles = {role: len({i.item_id for i in items if i.role == role}) for role in ROLE_COLUMNS}
        title = Text(name, style="bold")
        title.append(f"  {len({i.item_id for i in items})}件  ")
        title.append("  ".join(f"{role_word(r)} {n}" for r, n in roles.items() if n), style="dim")
        self.query_one("#dept-title", Static).update(title)
        self._show_page(ITEMS_PAGE)

    def _show_page(self, count: int) -> None:
        """The department's first ``count`` items in the table, and a last row for the rest."""
        table = self.query_one(ItemTable)
        table.more = max(0, len(self._items) - count)
        table.show(self._items[:count])

    @on(DataTable.RowSelected, "#dept-items")
    def _item_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value == MORE:
            self._show_page(self.query_one(ItemTable).row_count - 1 + ITEMS_PAGE)  # (less the more row)
        elif event.row_key.value is not None:
            item = self._items[int(event.row_key.value)]
            self.post_message(JumpTo("item", item.item_id))
