"""Recording a figure (录入) from the app: ``a`` on an item or one of its indicators opens a form.

The app reads its database read-only; the form writes through ``store.records.add_record``
(the import's path: checked, then one BEGIN IMMEDIATE transaction) on a connection of its own,
in a worker, and says what is wrong inline, in Chinese, without closing. Recorded figures are
shown in the item's pane under their indicator, marked 录入 and 录入，未公布: a status never
changes because of them.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tui_shishi.ui.app_thread import deliver
from tui_shishi.ui.widgets.render import themed

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.widgets import Select

    from tui_shishi.store import views
    from tui_shishi.store.records import ItemKey, Record
    from tui_shishi.ui.widgets.item_view import ItemView

MARK_STYLE = themed("text-primary", "bold reverse")  # the 录入 mark: a word, so it reads without colour too


# ---------------------------------------------------------------- in the item's pane


def record_text(record: Record) -> Text:
    """``[录入] 实际 8000处 截至2025-06-30 · 民政局月报`` and, below, who, when and 录入，未公布."""
    from tui_shishi.store.records import NO_INDICATOR, NOT_PUBLISHED, RECORDED

    text = Text()
    text.append(f"[{RECORDED}]", style=MARK_STYLE)
    if record.indicator_id is None:
        text.append(f" {NO_INDICATOR} {record.indicator_text}", style="dim")
    text.append(" 实际 ")
    text.append(record.actual_display, style="bold")
    text.append(f" 截至{record.as_of}")
    if record.note:
        text.append(f" · {record.note}")
    text.append(f"\n{NOT_PUBLISHED}", style=themed("text-primary"))
    text.append(f" · #{record.id} {record.recorded_by} {record.recorded_at[:16].replace('T', ' ')}", style="dim")
    if record.supersedes is not None:
        text.append(f" · 更正 #{record.supersedes}", style="dim")
    return text


def load_records(view: ItemView) -> None:
    """Read the item's records in a worker and show them under their indicators in ``view``
    (an ItemView whose ``indicator_rows`` maps indicator id → its row)."""
    read = getattr(view.app, "read", None)
    if read is None:
        return
    from tui_shishi.store.records import item_records

    def work() -> None:
        found = read(item_records, view.detail.item.item_id)
        deliver(view, _show_records, view, [r for r in found if r.current])

    view.run_worker(work, thread=True, exclusive=True, group="records", exit_on_error=False)


def _show_records(view: ItemView, records: list[Record]) -> None:
    if not view.is_attached:
        return
    view.query(".records").remove()
    from tui_shishi.ui.widgets.figure_path import show_records

    show_records(view, records)  # the figure paths take the records as ○ 录入 points
    rows = view.indicator_rows
    if not rows:
        return
    last = list(rows.values())[-1]
    by_row: dict[Static, list[Record]] = {}
    for record in records:
        by_row.setdefault(last if record.indicator_id is None else rows.get(record.indicator_id, last), []).append(record)
    for row, found in by_row.items():
        text = Text()
        for n, record in enumerate(found):
            text.append("\n" if n else "")
            text.append_text(record_text(record))
        box = Static(text, classes="records")
        box.styles.padding = (0, 0, 0, 3)
        view.mount(box, after=row)


# ---------------------------------------------------------------- the form


def _within_plan(year: views.YearSummary, day: dt.date) -> dt.date:
    """Today, or the nearest day of the plan period when today is outside it (a past year's
    item recorded now: its last day). The field shows it; the staff change it as they need."""
    if year.year_start is None:
        return day
    first, last = dt.date(year.year_start, 1, 1), dt.date(year.year_end or year.year_start, 12, 31)
    return min(max(day, first), last)


class RecordScreen(ModalScreen["Record | None"]):
    """Indicator, actual, as-of date (today, within the plan period), note. Enter saves, Esc cancels. Dismisses with the
    new ``store.records.Record``, or None when cancelled."""

    DEFAULT_CSS = """
    RecordScreen { align: center middle; }
    #record-form {
        width: 90%; max-width: 100; height: auto; border: round $accent;
        border-title-style: bold; padding: 0 1; background: $surface;
    }
    #record-form Input { border-title-align: left; }
    #record-error { color: $error; text-style: bold; }
    #record-hint { color: $text-muted; }
    """
    BINDINGS = [Binding("escape", "cancel", "取消")]

    def __init__(self, db_path: str, detail: views.ItemDetail, indicator_id: int | None = None, today: dt.date | None = None) -> None:
        super().__init__()
        self.db_path = db_path
        self.detail = detail
        ids = [i.id for i in detail.indicators]
        self.number = ids.index(indicator_id) + 1 if indicator_id in ids else 1
        self.today = _within_plan(detail.year, today or dt.date.today())

    def compose(self) -> ComposeResult:
        from textual.widgets import Input, Select  # lazy: loaded when the form first opens

        detail = self.detail
        options = [
            (f"{n}. {i.text}" + (f"（目标 {i.target.display}）" if i.target else ""), n) for n, i in enumerate(detail.indicators, start=1)
        ]
        with Vertical(id="record-form"):
            yield Static(Text(f"{detail.year.name} 第{detail.item.number}件 {detail.item.title}", style="bold"))
            yield Select(options, value=self.number, allow_blank=False, id="record-indicator")
            yield Static(self._unit_hint(self.number), id="record-unit")
            yield Input(placeholder="实际数字，如 8000 或 1.2万", id="record-actual")
            yield Input(value=self.today.isoformat(), placeholder="截至日期，如 2025-06-30", id="record-as-of")
            yield Input(placeholder="说明：数字来源，如 民政局月报", id="record-note")
            yield Static("", id="record-error")
            yield Static("Enter 保存 · Esc 取消 · 录入的数字标为「录入」，不计入状态（录入，未公布）", id="record-hint")

    def on_mount(self) -> None:
        self.query_one("#record-form").border_title = "录入未公布的数字"
        for name, title in (("actual", "实际"), ("as-of", "截至日期"), ("note", "说明")):
            self.query_one(f"#record-{name}").border_title = title
        self.query_one("#record-actual").focus()

    def _unit_hint(self, number: int) -> Text:
        target = self.detail.indicators[number - 1].target
        if target is None or not target.unit:
            return Text("实际数字", style="dim")
        return Text(f"目标 {target.display}：实际数字按「{target.unit}」计，可写 8000 或 1.2万", style="dim")

    def on_select_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, int):
            self.query_one("#record-unit", Static).update(self._unit_hint(event.value))

    def action_cancel(self) -> None:
        self.dismiss(None)

    def error(self, message: str) -> None:
        self.query_one("#record-error", Static).update(Text(message))

    def on_input_submitted(self) -> None:
        """Enter in any field saves."""
        self.save()

    def save(self) -> None:
        from textual.widgets import Input, Select

        from tui_shishi.store.records import ItemKey

        if not self.db_path:
            self.error("没有数据库文件，无法录入")
            return
        year, item = self.detail.year, self.detail.item
        key = ItemKey(year.city, year.period, year.place or "", item.number)
        number = self.query_one("#record-indicator", Select).value
        actual, as_of, note = (self.query_one(f"#record-{name}", Input).value for name in ("actual", "as-of", "note"))
        if not actual.strip():
            self.error("请填写实际数字")
            return
        if not isinstance(number, int):  # (never blank: allow_blank=False, the values are 1, 2 …)
            return
        self.error("")
        self._write(key, number, actual, as_of, note)

    @work(thread=True, exclusive=True, group="record-save", exit_on_error=False)
    def _write(self, key: ItemKey, number: int, actual: str, as_of: str, note: str) -> None:
        from tui_shishi.store.db import DatabaseError
        from tui_shishi.store.records import RecordRefused, add_record

        try:
            made = add_record(self.db_path, key, number, actual, as_of, note)
        except (RecordRefused, DatabaseError) as exc:
            deliver(self, self.error, str(exc).splitlines()[0])
        except Exception as exc:  # a full disk, a read-only directory: said, the app stays up
            deliver(self, self.error, f"未能录入：{str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")
        else:
            deliver(self, self._saved, made)

    def _saved(self, made: Record) -> None:
        self.dismiss(made)  # not awaited: a screen cannot await its own dismissal from its queue


def open_form(screen: Screen[Any]) -> None:
    """``a`` on the browser: the form for the item shown, on the indicator the cursor is on."""
    from tui_shishi.ui.widgets.item_view import ItemView

    views = screen.query(ItemView)
    view = views.first() if views else None
    if view is None:
        screen.notify("先在树中选择一个事项（或它的指标）再按 a 录入", timeout=3)
        return
    if not view.detail.indicators:
        screen.notify("这一件没有指标，无法录入", timeout=3)
        return

    def saved(record: Record | None) -> None:
        if record is None:
            return
        screen.notify(f"已录入 #{record.id}：{record.actual_display}（录入，未公布）", timeout=3)
        if view.is_attached:
            load_records(view)

    screen.app.push_screen(RecordScreen(getattr(screen.app, "db_path", ""), view.detail, view.focus_indicator), saved)
