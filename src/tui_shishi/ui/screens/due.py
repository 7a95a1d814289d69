"""节点 (``u``): milestones against a date. 到期未报 (due date passed, the item not done) first, then
即将到期 (due within ``WITHIN_DAYS`` days), each with the milestone's text, its due date, how
many days over or left, the item and its departments; Enter opens the item in the browser.
``a`` shows every state (未到期, 已完成, 无日期 too), ``c`` cycles the order (状态 / 部门 / 城市).
The rule is ``store.milestones.due``'s; the date is today (``today``, replaceable in tests) or the
one the view is opened on (``show_view(app, "due", "2031-09-15")``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static
from textual.worker import get_current_worker

from tui_shishi.store import milestones, views
from tui_shishi.ui.app_thread import deliver
from tui_shishi.ui.messages import JumpTo
from tui_shishi.ui.screens.views import ViewScreen
from tui_shishi.ui.widgets.footer import KeysFooter
from tui_shishi.ui.widgets.render import BETTER, themed, truncate

if TYPE_CHECKING:
    from tui_shishi.store.reader import Reader

WITHIN_DAYS = 30
SORTS = {"state": "状态", "dept": "部门", "city": "城市"}
SHOWN = (milestones.OVERDUE, milestones.DUE_SOON)  # without ``a``
STATE_STYLE = {
    milestones.OVERDUE: themed("text-error", "bold"),
    milestones.DUE_SOON: themed("text-warning", "bold"),
    milestones.NOT_DUE: "",
    milestones.DONE: BETTER,
    milestones.UNDATED: "dim",
}


def today() -> dt.date:
    """The date the list is judged on; tests replace it."""
    return dt.date.today()


def parse_day(key: str | int | None) -> dt.date | None:
    """``2031-09-15`` as a date; anything else None."""
    try:
        return dt.date.fromisoformat(str(key).strip()) if key is not None else None
    except ValueError:
        return None


def sort_rows(rows: list[views.DueRow], sort: str) -> list[views.DueRow]:
    """``milestones.due``'s order (state, then due date) kept within each department or city."""
    if sort == "dept":
        return sorted(rows, key=lambda r: r.departments[0] if r.departments else "\uffff")
    if sort == "city":
        return sorted(rows, key=lambda r: (r.city, r.period))
    return list(rows)


def days_text(row: views.DueRow) -> Text:
    if row.days is None:
        return Text("—", style="dim", justify="right")
    if row.state == milestones.DONE:
        return Text(f"{row.done_on}完成" if row.done_on else "完成", style=STATE_STYLE[milestones.DONE], justify="right")
    if row.days < 0:
        return Text(f"逾期 {-row.days} 天", style=STATE_STYLE[milestones.OVERDUE], justify="right")
    return Text("今天" if row.days == 0 else f"还有 {row.days} 天", justify="right")


def due_row(row: views.DueRow) -> tuple[str | Text, ...]:
    """State, date, days and the milestone's words first: at 80 columns the item and its
    departments are what the table cuts (it scrolls sideways to them)."""
    return (
        Text(row.state, style=STATE_STYLE.get(row.state, "")),
        str(row.due_date) if row.due_date else "—",
        days_text(row),
        truncate(row.text, 30, whole=True),
        f"{row.city} {row.period}",
        Text(str(row.number), justify="right"),
        truncate(row.title, 16, whole=True),
        truncate("、".join(row.departments) or "—", 16),
        truncate(row.due, 10),
    )


class DueTable(DataTable[str | Text]):
    BINDINGS = [Binding("j", "cursor_down", show=False), Binding("k", "cursor_up", show=False)]


class DueScreen(ViewScreen):
    view_name = "due"
    BINDINGS = [Binding("c", "cycle_sort", "排序"), Binding("a", "toggle_all", "全部", show=False)]  # the title says a

    def __init__(self, reader: Reader, key: str | int | None = None) -> None:
        super().__init__(reader, key)
        self.day = parse_day(key) or today()
        self.sort = "state"
        self.show_all = False
        self.rows: list[views.DueRow] = []  # as shown, in table order

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="due-title")
        yield DueTable(cursor_type="row", zebra_stripes=True, id="due-list")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.name_view("节点")
        self.query_one(DataTable).add_columns("状态", "到期日", "天数", "节点", "城市 年度", "件", "事项", "单位", "时限")
        self._load(self.day, self.show_all, self.sort)
        self.query_one(DataTable).focus()

    def select(self, key: str | int) -> None:
        day = parse_day(key)
        if day is not None:
            self._load(day, self.show_all, self.sort)

    def action_cycle_sort(self) -> None:
        order = list(SORTS)
        self._load(self.day, self.show_all, order[(order.index(self.sort) + 1) % len(order)])

    def action_toggle_all(self) -> None:
        self._load(self.day, not self.show_all, self.sort)

    @work(thread=True, exclusive=True, group="due")
    def _load(self, day: dt.date, show_all: bool, sort: str) -> None:
        rows = self._read(milestones.due, day, within_days=WITHIN_DAYS)
        if not get_current_worker().is_cancelled:
            deliver(self, self._show, day, show_all, sort, rows)

    def _show(self, day: dt.date, show_all: bool, sort: str, rows: list[views.DueRow]) -> None:
        self.day, self.show_all, self.sort = day, show_all, sort
        counts = {state: sum(1 for r in rows if r.state == state) for state in milestones.DUE_STATES}
        shown = rows if show_all else [r for r in rows if r.state in SHOWN]
        self.rows = sort_rows(shown, sort)
        title = Text(f"节点 截至 {day}  ", style="bold")
        title.append(
            f"{milestones.OVERDUE} {counts[milestones.OVERDUE]}",
            style=STATE_STYLE[milestones.OVERDUE] if counts[milestones.OVERDUE] else "dim",
        )
        title.append("  ")
        title.append(
            f"{milestones.DUE_SOON} {counts[milestones.DUE_SOON]}",
            style=STATE_STYLE[milestones.DUE_SOON] if counts[milestones.DUE_SOON] else "dim",
        )
        title.append(f" ({WITHIN_DAYS} 天内)", style="dim")
        if show_all:
            rest = "  ".join(f"{s} {counts[s]}" for s in (milestones.NOT_DUE, milestones.DONE, milestones.UNDATED))
            title.append(f"  {rest}")
        if not self.rows:
            title.append("  没有要列出的节点" if show_all else "  没有到期未报或即将到期的节点", style="bold")
        title.append(f"  按{SORTS[sort]}排序 (c 切换)  a {'只看到期' if show_all else '全部'}  Enter 打开", style="dim")
        self.query_one("#due-title", Static).update(title)
        table = self.query_one(DataTable)
        table.clear()
        for n, row in enumerate(self.rows):
            table.add_row(*due_row(row), key=str(n))

    @on(DataTable.RowSelected, "#due-list")
    def _item_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        value = event.row_key.value
        if value is not None:
            self.post_message(JumpTo("item", self.rows[int(value)].item_id))
