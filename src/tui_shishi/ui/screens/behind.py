"""The 滞后 list (``l``): every indicator whose item's latest report is behind 序时进度, with the gap
in points, the departments, the report date and the source sentence; then, apart, the items whose
latest report has no percent of plan to measure (定性). ``c`` cycles the order (差距 / 部门 / 日期);
Enter opens the item in the browser. The rule is ``store.progress.behind``'s.

A country has tens of thousands of 滞后 rows: the list reads ``PAGE`` of them at a time, in
order (``store.progress.behind_page``), and its last row says how many more there are; Enter on it
reads the next page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static
from textual.worker import get_current_worker

from tui_shishi import pace
from tui_shishi.store import progress, views
from tui_shishi.ui.app_thread import deliver
from tui_shishi.ui.messages import JumpTo
from tui_shishi.ui.screens.views import ViewScreen
from tui_shishi.ui.widgets.footer import KeysFooter
from tui_shishi.ui.widgets.render import percent_str, themed, truncate

if TYPE_CHECKING:
    from tui_shishi.store.reader import Reader

SORT_WORDS = {"gap": "差距", "dept": "部门", "date": "日期"}
PAGE = 200  # rows read and added at a time
MORE = "more"  # the key of the last row while more remain
BEHIND_STYLE = themed("text-error", "bold")  # the gap and the count: 滞后


class BehindTable(DataTable[str | Text]):
    BINDINGS = [Binding("j", "cursor_down", show=False), Binding("k", "cursor_up", show=False)]


def behind_row(row: views.BehindRow) -> tuple[str | Text, ...]:
    if row.qualitative:
        gap = Text("✎ 定性", style=themed("text-secondary"))
        percent = Text("—", style="dim", justify="right")
        expected = Text("", justify="right")
    else:
        gap = Text(f"-{row.gap:g}", style=BEHIND_STYLE, justify="right")
        percent = Text(percent_str(row.percent), justify="right")
        expected = Text(percent_str(row.expected) + ("*" if row.by_milestones else ""), justify="right")
    return (
        f"{row.city} {row.period}",
        Text(str(row.number), justify="right"),
        gap,
        percent,
        expected,
        str(row.as_of),
        truncate("、".join(row.departments) or "—", 16),
        truncate(row.indicator or row.title, 24, whole=True),
        truncate(row.sentence, 60, whole=True),  # last: what is cut on a narrow screen
    )


class BehindScreen(ViewScreen):
    view_name = "behind"
    BINDINGS = [Binding("c", "cycle_sort", "排序")]

    def __init__(self, reader: Reader, key: str | int | None = None) -> None:
        super().__init__(reader, key)
        self.sort = str(key) if key in progress.SORTS else "gap"
        self.rows: list[views.BehindRow] = []  # the rows shown, in order
        self.total = 0  # rows in the whole list

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="behind-title")
        yield BehindTable(cursor_type="row", zebra_stripes=True, id="behind-list")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.name_view("滞后")
        self.query_one(DataTable).add_columns("城市 年度", "件", "差距", "占年计划", "序时进度", "截至", "单位", "指标", "原文")
        self._load(self.sort)
        self.query_one(DataTable).focus()

    def select(self, key: str | int) -> None:
        if key in progress.SORTS:
            self._load(str(key))

    def action_cycle_sort(self) -> None:
        order = list(progress.SORTS)
        self._load(order[(order.index(self.sort) + 1) % len(order)])

    @work(thread=True, exclusive=True, group="behind")
    def _load(self, sort: str, offset: int = 0) -> None:
        page = self._read(progress.behind_page, sort, PAGE, offset)
        if not get_current_worker().is_cancelled:
            deliver(self, self._show, sort, page, offset)

    def _show(self, sort: str, page: views.BehindPage, offset: int = 0) -> None:
        """A page of rows from ``offset``: the first replaces the list (a new order), the next add."""
        table = self.query_one(DataTable)
        if offset == 0:
            self.sort, self.rows = sort, []
            table.clear()
            self.query_one("#behind-title", Static).update(self._title(sort, page))
        elif MORE in table.rows:
            table.remove_row(MORE)
        for row in page.rows:
            table.add_row(*behind_row(row), key=str(len(self.rows)))
            self.rows.append(row)
        self.total = page.measured + page.qualitative
        left = self.total - len(self.rows)
        if left > 0 and page.rows:
            note = Text(f"… 还有 {left} 行：Enter 载入下 {min(left, PAGE)} 行", style="dim")
            table.add_row(*([""] * (len(table.columns) - 1)), note, key=MORE)

    @staticmethod
    def _title(sort: str, page: views.BehindPage) -> Text:
        title = Text(f"滞后 {page.measured} 项", style=BEHIND_STYLE if page.measured else "bold")
        title.append(f"  (最新一次报告低于序时进度 {pace.TOLERANCE:g} 个百分点以上)", style="dim")
        title.append(f"  定性 {page.qualitative} 件另列  ")
        title.append(f"按{SORT_WORDS[sort]}排序 (c 切换)  Enter 打开", style="dim")
        return title

    @on(DataTable.RowSelected, "#behind-list")
    def _item_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value == MORE:
            self._load(self.sort, len(self.rows))
        elif event.row_key.value is not None:
            self.post_message(JumpTo("item", self.rows[int(event.row_key.value)].item_id))
