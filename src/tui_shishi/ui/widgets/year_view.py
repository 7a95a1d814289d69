"""Detail of one year (a city's plan period): totals, documents and as-of dates, and the items
each with a bar. Rows are paged: a DataTable measures every cell on its first layout."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Static

from tui_shishi import status as st
from tui_shishi.store import queries as q
from tui_shishi.ui.widgets.item_view import time_share
from tui_shishi.ui.widgets.render import bar, glyph, percent_str, status_text, truncate

PAGE = 100
KIND_WORDS = {
    "announced": "公布清单",
    "plan": "实施计划",
    "tasks": "任务清单",
    "progress": "进展报告",
    "final": "年终报告",
    "unknown": "未识别格式",
}


@dataclass(frozen=True)
class YearPage:
    detail: q.YearDetail
    items: list[q.ItemSummary]


def totals_text(page: YearPage) -> Text:
    year = page.detail.year
    text = Text(f"{year.city} {year.period}", style="bold underline")
    text.append(f"  {year.item_count}件\n")
    for n, (status, count) in enumerate(year.counts):
        if n:
            text.append(" · ")
        text.append_text(status_text(status))
        text.append(f" {count}")
    share = time_share(year, page.detail.as_of)
    if share is not None:
        text.append("\n序时进度 ")
        text.append(f"{share * 100:.1f}%", style="bold magenta")
        text.append(f" (┃, 截至{page.detail.as_of})", style="magenta")
    return text


def documents_text(detail: q.YearDetail) -> Text:
    text = Text()
    for n, document in enumerate(detail.documents):
        if n:
            text.append("\n")
        text.append(f"· {KIND_WORDS.get(document.kind, document.kind)} ", style="bold")
        text.append(document.title or document.source_file)
        text.append(f"  截至{document.as_of}" if document.as_of else "  (无截至日期)", style="dim")
    return text


def flags_summary(flags: tuple[q.FlagView, ...]) -> Text:
    """One line for the year's document-level flags; the list would crowd out the items."""
    kinds: dict[str, int] = {}
    for flag in flags:
        kinds[flag.kind] = kinds.get(flag.kind, 0) + 1
    text = Text(f"⚠ 数据质量提示 {len(flags)} 条: ", style="bold")
    text.append(", ".join(f"{kind} ×{n}" for kind, n in kinds.items()))
    return text


def item_row(item: q.ItemSummary, pace_share: float | None) -> tuple:
    if item.percent is not None:
        # An item's percent is the mean of its indicators: above 100 while one of them lags,
        # so colour and 超额 follow the status, not the mean.
        achieved = item.status == st.ACHIEVED
        progress = bar(item.percent, pace_share, width=10, style="green" if achieved else "yellow")
        progress.append(f" {percent_str(item.percent)}")
        if achieved and item.percent > 100:
            progress.append(" 超额", style="bold green")
    else:
        progress = Text("—", style="dim")
    return (
        Text(str(item.number), justify="right"),
        status_text(item.status) if item.status else Text(glyph(item.status)),
        truncate(item.title, 16),
        progress,
    )


class ItemTable(DataTable):
    BINDINGS = [("j", "cursor_down", "Down"), ("k", "cursor_up", "Up")]


class YearView(Vertical):
    """Totals, documents, then the items; Enter on a row opens the item in the tree."""

    class OpenItem(Message):
        def __init__(self, item_id: int) -> None:
            super().__init__()
            self.item_id = item_id

    def __init__(self, page: YearPage, reader) -> None:
        super().__init__(classes="view year-view")
        self.page = page
        self._read = reader
        self._loaded = 0
        self._share = time_share(page.detail.year, page.detail.as_of)

    def compose(self) -> ComposeResult:
        yield Static(totals_text(self.page), classes="view-title")
        if self.page.detail.documents:
            yield Static(documents_text(self.page.detail), classes="documents")
        if self.page.detail.flags:
            yield Static(flags_summary(self.page.detail.flags), classes="flag-summary")
        table = ItemTable(cursor_type="row", zebra_stripes=True, classes="items")
        table.add_columns("件", "状态", "事项", "进度")
        yield table
        yield Static("", classes="more")

    def on_mount(self) -> None:
        self.add_rows(self.page.items)

    def add_rows(self, items: list[q.ItemSummary]) -> None:
        table = self.query_one(ItemTable)
        for item in items[:PAGE]:
            table.add_row(*item_row(item, self._share), key=str(item.id))
        self._loaded += len(items[:PAGE])
        left = self.page.detail.year.item_count - self._loaded
        self.query_one(".more", Static).update(
            Text(f"… 还有 {left} 件:移到最后一行载入更多", style="dim italic") if left > 0 else ""
        )

    @on(DataTable.RowHighlighted)
    def _maybe_more(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row == self._loaded - 1 and self._loaded < self.page.detail.year.item_count:
            self.load_more()

    @work(thread=True, exclusive=True, group="year-rows")
    def load_more(self) -> None:
        rows = self._read(q.items, self.page.detail.year.id, None, limit=PAGE, offset=self._loaded, all_sections=True)
        self.app.call_from_thread(self.add_rows, rows)

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.OpenItem(int(event.row_key.value)))


def load_year_page(conn, year_id: int) -> YearPage | None:
    detail = q.year_detail(conn, year_id)
    if detail is None:
        return None
    return YearPage(detail, q.items(conn, year_id, limit=PAGE, all_sections=True))
