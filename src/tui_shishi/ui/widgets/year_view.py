"""Detail of one year (a city's plan period) or of one section of it: totals, documents and
as-of dates, then a table of what is directly below it — its sections, then its items each with
a bar — as the tree shows them. Rows are paged: a DataTable measures every cell on its first
layout. Column widths are computed in cells from the pane's width, so the table reads at 80×24
without scrolling sideways."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Static

from tui_shishi import status as st
from tui_shishi.store import queries as q
from tui_shishi.store import views
from tui_shishi.ui.app_thread import deliver
from tui_shishi.ui.widgets.item_view import time_share
from tui_shishi.ui.widgets.render import (
    FILL_DONE,
    FILL_GOING,
    PACE_MARK,
    PACE_WORDS,
    STATUS_STYLE,
    bar,
    glyph,
    percent_str,
    status_text,
    truncate,
)
from tui_shishi.words import flag_word, kind_word

if TYPE_CHECKING:
    import sqlite3

    from tui_shishi.store.reader import Reader

PAGE = 100
OVER = " 超额"
WIDE_CELLS = 56  # from this width on, the status column has its word (◐ 进行中), not just ◐
_FIGURE = re.compile(r"\d+(?:\.\d+)?%?[万亿]?")


@dataclass(frozen=True)
class YearPage:
    detail: views.YearDetail
    items: list[views.ItemRow]
    sections: list[views.SectionSummary] = field(default_factory=list)
    item_total: int = 0  # items directly in this year (or section): the length of the paged list
    section: views.SectionDetail | None = None  # set when the page shows one section of the year

    @property
    def section_id(self) -> int | None:
        return self.section.section.id if self.section else None


@dataclass(frozen=True)
class Columns:
    """Cell widths of the table's columns; each but the first begins with a one-cell gap."""

    key: int
    status: int
    title: int
    bar: int
    progress: int  # the widest progress cell, its gap included
    words: bool  # status as glyph and word (wide) or glyph only (narrow)

    @property
    def total(self) -> int:
        return self.key + 1 + self.status + 1 + self.title + self.progress


def columns_for(width: int, key_cells: int, title_cells: int, progress: Callable[[int], int]) -> Columns:
    """The widest layout that fits ``width`` cells: titles longer than the room left are cut (…),
    and never wider than the longest title, so the bars stay near their titles.
    ``progress(bar_cells)`` is the width of the widest progress cell with bars that long."""
    words = width >= WIDE_CELLS
    status = cell_len(st.label(st.NOT_REPORTED)) if words else 1
    bar_cells = 10 if width >= WIDE_CELLS else (8 if width >= 40 else 4)
    key_cells = max(key_cells, cell_len("件"))
    probe = Columns(key_cells, status, 0, bar_cells, 1 + max(progress(bar_cells), cell_len("进度")), words)
    room = width - probe.total
    return Columns(key_cells, status, max(min(room, title_cells), 6), bar_cells, probe.progress, words)


def progress_cells(items: list[views.ItemRow], sections: list[views.SectionSummary], bar_cells: int) -> int:
    widths = [cell_len(section_counts(s).plain) for s in sections]
    widths += [cell_len(item_progress(i, None, bar_cells).plain) for i in items]
    return max(widths, default=4)


def _gap(text: Text | str) -> Text:
    cell = Text(" ")
    cell.append_text(text if isinstance(text, Text) else Text(text))
    return cell


def item_progress(item: views.ItemRow, pace_share: float | None, bar_cells: int) -> Text:
    if item.percent is None:
        return Text("—", style="dim")
    # An item's percent is the mean of its indicators: above 100 while one of them lags,
    # so colour and 超额 follow the status, not the mean.
    achieved = item.status == st.ACHIEVED
    progress = bar(item.percent, pace_share, width=bar_cells, style=FILL_DONE if achieved else FILL_GOING, done=achieved)
    progress.append(f" {percent_str(item.percent)}")
    if achieved and item.percent > 100:
        progress.append(OVER, style=STATUS_STYLE[st.ACHIEVED])
    return progress


def item_row(item: views.ItemRow, pace_share: float | None, cols: Columns) -> tuple:
    badge = status_text(item.status) if item.status else Text(glyph(item.status))
    return (
        Text(str(item.number), justify="right"),
        _gap(badge if cols.words else badge[:1]),
        _gap(truncate(item.title, cols.title)),
        _gap(item_progress(item, pace_share, cols.bar)),
    )


def section_counts(section: views.SectionSummary) -> Text:
    """``3件 ✔2 ◐1``: how many items are below the section, and in which status."""
    counts = Text(f"{section.item_count}件", style="bold")
    for status, n in section.counts:
        counts.append(" ")
        counts.append(f"{glyph(status)}{n}", style=status_text(status).style)
    return counts


def section_row(section: views.SectionSummary, cols: Columns) -> tuple:
    """A section as a row: ▸, its title and how many of its items are in each status."""
    return (
        Text(section.key, justify="right"),
        _gap(Text("▸", style="bold")),
        _gap(Text(truncate(section.title, cols.title), style="bold")),
        _gap(section_counts(section)),
    )


def counts_text(counts: tuple[tuple[str, int], ...]) -> Text:
    text = Text()
    for n, (status, count) in enumerate(counts):
        if n:
            text.append(" · ")
        text.append_text(status_text(status))
        text.append(f" {count}")
    return text


def pace_text(share: float | None, as_of) -> Text:
    if share is None:
        return Text()
    text = Text("\n序时进度 ")
    text.append(f"{share * 100:.1f}%", style=PACE_MARK)
    text.append(f" (┃, 截至{as_of})", style=PACE_WORDS)
    return text


def totals_text(page: YearPage) -> Text:
    year = page.detail.year
    share = time_share(year, page.detail.as_of)
    if page.section is not None:
        section = page.section.section
        text = Text(f"{section.key} {section.title}", style="bold underline")
        text.append(f"  {section.item_count}件\n")
        text.append_text(counts_text(section.counts))
        if section.percent is not None:
            text.append(f" · 平均占年计划 {percent_str(section.percent)}")
        return text + pace_text(share, page.detail.as_of)
    text = Text(year.name, style="bold underline")
    text.append(f"  {year.item_count}件")
    if page.sections:
        text.append(f" · {len(page.sections)}个部分", style="dim")
    text.append("\n")
    text.append_text(counts_text(year.counts))
    return text + pace_text(share, page.detail.as_of)


def says_more(section: views.SectionDetail) -> bool:
    """Whether the heading as published holds more than the key and the title (targets)."""
    rest = section.text.replace(section.section.title, "", 1).replace(section.section.key, "", 1)
    return bool(re.sub(r"[\s、.,，。:：()（）]", "", rest))


def breadcrumb(page: YearPage) -> Text:
    """``青岛 2020 › 一级标题``: where the section is (one line, cut with … when narrow)."""
    year = page.detail.year
    path = page.section.path if page.section else ()
    return Text(" › ".join((year.name, *path)), style="dim")


def heading_text(section: views.SectionDetail) -> Text:
    """The section's heading as published, its figures marked (a progress report puts the
    year's targets there: 城镇新增就业30万人…)."""
    text = Text(section.text)
    for match in _FIGURE.finditer(section.text):
        text.stylize("bold reverse", match.start(), match.end())
    if section.line:
        text.append(f" (第{section.line}行)", style="dim")
    return text


def documents_text(detail: views.YearDetail) -> Text:
    text = Text()
    for n, document in enumerate(detail.documents):
        if n:
            text.append("\n")
        text.append(f"· {kind_word(document.kind)} ", style="bold")
        text.append(document.title or document.source_file)
        text.append(f"  截至{document.as_of}" if document.as_of else "  (无截至日期)", style="dim")
    return text


def flags_summary(flags: tuple[views.FlagView, ...]) -> Text:
    """One line for the year's document-level flags; the list would crowd out the items."""
    kinds: dict[str, int] = {}
    for flag in flags:
        kinds[flag.kind] = kinds.get(flag.kind, 0) + 1
    text = Text(f"⚠ 数据质量提示 {len(flags)} 条: ", style="bold")
    text.append(", ".join(f"{flag_word(kind)} ×{n}" for kind, n in kinds.items()))
    return text


class ItemTable(DataTable):
    BINDINGS = [Binding("j", "cursor_down", "下移", show=False), Binding("k", "cursor_up", "上移", show=False)]
    DEFAULT_CSS = "ItemTable { scrollbar-size-vertical: 1; }"


class YearView(Vertical):
    """Totals, documents, then sections and items; Enter on a row opens it in the tree."""

    DEFAULT_CSS = "YearView .breadcrumb { text-wrap: nowrap; text-overflow: ellipsis; }"

    class OpenItem(Message):
        def __init__(self, item_id: int) -> None:
            super().__init__()
            self.item_id = item_id

    class OpenSection(Message):
        def __init__(self, section_id: int) -> None:
            super().__init__()
            self.section_id = section_id

    def __init__(self, page: YearPage, reader: Reader) -> None:
        super().__init__(classes="view year-view")
        self.page = page
        self._read = reader
        self._items: list[views.ItemRow] = []
        self._share = time_share(page.detail.year, page.detail.as_of)
        self.columns: Columns | None = None

    def compose(self) -> ComposeResult:
        if self.page.section is not None:
            yield Static(breadcrumb(self.page), classes="breadcrumb")
        yield Static(totals_text(self.page), classes="view-title")
        if self.page.section is not None and says_more(self.page.section):
            yield Static(heading_text(self.page.section), classes="heading-text")
        elif self.page.section is None and self.page.detail.documents:
            yield Static(documents_text(self.page.detail), classes="documents")
        if self.page.section is None and self.page.detail.flags:
            yield Static(flags_summary(self.page.detail.flags), classes="flag-summary")
        yield ItemTable(cursor_type="row", zebra_stripes=True, cell_padding=0, classes="items")
        yield Static("", classes="more")

    def on_mount(self) -> None:
        self.add_rows(self.page.items)

    def on_resize(self) -> None:
        self._layout()

    def _table_cells(self) -> int:
        # The pane's content width, less the table's scrollbar; before the first layout, a guess.
        width = self.content_size.width or self.app.size.width // 2
        return max(width - 1, 20)

    def _layout(self) -> None:
        """(Re)build the columns for the pane's width; rows again only when a width changed."""
        keys = [s.key for s in self.page.sections] + [str(i.number) for i in self._items]
        titles = [s.title for s in self.page.sections] + [i.title for i in self._items]
        cols = columns_for(
            self._table_cells(),
            max((cell_len(k) for k in keys), default=1),
            max(map(cell_len, titles), default=4),
            lambda bar_cells: progress_cells(self._items, self.page.sections, bar_cells),
        )
        if cols == self.columns:
            return
        self.columns = cols
        table = self.query_one(ItemTable)
        row = table.cursor_row
        table.clear(columns=True)
        table.add_column(Text("件", justify="right"), width=cols.key)
        table.add_column(" 状态" if cols.words else "", width=1 + cols.status)
        table.add_column(" 事项", width=1 + cols.title)
        table.add_column(" 进度", width=cols.progress)
        for section in self.page.sections:
            table.add_row(*section_row(section, cols), key=f"s{section.id}")
        for item in self._items:
            table.add_row(*item_row(item, self._share, cols), key=f"i{item.item_id}")
        if 0 < row < table.row_count:
            table.move_cursor(row=row)

    def add_rows(self, items: list[views.ItemRow]) -> None:
        self._items.extend(items[:PAGE])
        before = self.columns
        self._layout()
        cols = self.columns  # set by _layout
        if cols is not None and cols == before:  # same widths: only the new rows are added
            table = self.query_one(ItemTable)
            for item in items[:PAGE]:
                table.add_row(*item_row(item, self._share, cols), key=f"i{item.item_id}")
        left = self.page.item_total - len(self._items)
        self.query_one(".more", Static).update(Text(f"… 还有 {left} 件:移到最后一行载入更多", style="dim italic") if left > 0 else "")

    @on(DataTable.RowHighlighted)
    def _maybe_more(self, event: DataTable.RowHighlighted) -> None:
        table = self.query_one(ItemTable)
        if event.cursor_row == table.row_count - 1 and len(self._items) < self.page.item_total:
            self.load_more()

    @work(thread=True, exclusive=True, group="year-rows")
    def load_more(self) -> None:
        year_id = self.page.detail.year.id
        rows = self._read(q.items, year_id, self.page.section_id, limit=PAGE, offset=len(self._items))
        deliver(self, self.add_rows, rows)

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        event.stop()
        key = event.row_key.value or ""
        if key.startswith("s"):
            self.post_message(self.OpenSection(int(key[1:])))
        elif key.startswith("i"):
            self.post_message(self.OpenItem(int(key[1:])))


def load_year_page(conn: sqlite3.Connection, year_id: int) -> YearPage | None:
    """A year: its top sections and the items in no section (all of them when it has none)."""
    detail = q.year_detail(conn, year_id)
    if detail is None:
        return None
    return YearPage(detail, q.items(conn, year_id, None, limit=PAGE), q.sections(conn, year_id), q.item_count(conn, year_id, None))


def load_section_page(conn: sqlite3.Connection, section_id: int) -> YearPage | None:
    """A section: its subsections and its own items, not the rest of the year."""
    section = q.section_detail(conn, section_id)
    if section is None:
        return None
    year_id = section.year.id
    detail = q.year_detail(conn, year_id)
    assert detail is not None  # sections.year_id is a foreign key
    return YearPage(
        detail,
        q.items(conn, year_id, section_id, limit=PAGE),
        q.sections(conn, year_id, section_id),
        q.item_count(conn, year_id, section_id),
        section,
    )
