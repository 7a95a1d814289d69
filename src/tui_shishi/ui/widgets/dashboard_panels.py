"""The overview's two short panels: 滞后 (what is behind pace, ``store.progress.behind``) and
最新变化 (what the latest report of each city-year with two or more reports changed,
``store.changes.changes``). Each is an option list: Enter or a click opens the item (or the
year, or the whole 滞后 list). Figures come first on a line, the title last, so a narrow panel
cuts a title, never a figure.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui_shishi import pace
from tui_shishi.store import views
from tui_shishi.store.views import BehindSummary, YearRef
from tui_shishi.ui.messages import JumpTo, OpenView
from tui_shishi.ui.widgets.render import BETTER, CHANGED, WORSE, percent_str, themed

BEHIND_SHOWN = 5  # the top few; the rest are one key away (l)
CHANGES_SHOWN = 6  # per city-year
YEARS_SHOWN = 12  # city-years, latest report first: the panel is for the latest news
NO_CHANGES = "各年度只有一份报告，暂无变化"
NO_BEHIND = "没有低于序时进度的指标"


@dataclass(frozen=True)
class YearChanges:
    """The changes of one city-year between its last two reports."""

    year: YearRef
    then: dt.date
    now: dt.date
    rows: tuple[views.ChangeRow, ...]  # only the items where something changed


@dataclass(frozen=True)
class Target:
    """What an option opens: ``app.jump(kind, key)``, or the 滞后 view (kind ``view``)."""

    kind: str
    key: str | int


def changed(row: views.ChangeRow) -> bool:
    """Something a meeting would ask about: a percent moved, a status changed, a new report."""
    return bool(
        (row.delta is not None and row.delta != 0)
        or row.newly_achieved
        or row.newly_behind
        or row.went_down
        or row.status_then != row.status_now
        or row.reported_now != row.reported_then
    )


def latest_changes(conn: sqlite3.Connection, limit: int | None = YEARS_SHOWN) -> tuple[list[YearChanges], int]:
    """The city-years with two or more dated reports, latest report first, at most ``limit`` of
    them, and how many there are in all (runs in a worker)."""
    from tui_shishi.store.changes import latest_changes as read  # after the first paint (a worker): not imported before

    found, total = read(conn, limit)
    return [YearChanges(year, then, now, tuple(r for r in rows if changed(r))) for year, then, now, rows in found], total


# ---------------------------------------------------------------- lines


def behind_line(row: views.BehindRow) -> Text:
    text = Text(f"-{row.gap:g}", style=themed("text-error", "bold"))
    text.append(f"  {percent_str(row.percent)} / 序时 {percent_str(row.expected)}  ")
    text.append(f"{row.city} {row.period} 第{row.number}件 ", style="dim")
    text.append(row.title)
    return text


def change_line(row: views.ChangeRow) -> Text:
    text = Text(f"{row.number:>3} ", style="bold")
    if row.percent_then is not None or row.percent_now is not None:
        then = percent_str(row.percent_then) if row.percent_then is not None else "—"
        now = percent_str(row.percent_now) if row.percent_now is not None else "—"
        text.append(f"{then} → {now}")
        if row.delta:
            text.append(f" ({row.delta:+g})", style=BETTER if row.delta > 0 else WORSE)
        text.append(" ")
    if row.newly_achieved:
        text.append("✔ 新达成 ", style=themed("text-success", "bold"))
    if row.newly_behind:
        text.append("⚠ 新滞后 ", style=themed("text-error", "bold"))
    elif row.behind_then and not row.behind_now:
        text.append("赶上序时 ", style=BETTER)
    if row.went_down:
        text.append("↓ 数字下调 ", style=themed("text-warning", "bold"))
    if not row.newly_achieved and row.status_then != row.status_now:
        text.append(f"{row.status_then}→{row.status_now} ", style=CHANGED)
    text.append(row.title, style="dim")
    return text


def behind_options(summary: BehindSummary) -> tuple[str, list[Option], list[Target]]:
    """(border title, options, what each option opens) for the whole database's 滞后 summary."""
    title = f"滞后 {summary.measured} 项"
    options: list[Option] = []
    targets: list[Target] = []
    if not summary.measured:
        options.append(Option(Text(NO_BEHIND, style="dim")))
        targets.append(Target("view", "behind"))
    # one line per item, its largest gap (the summary's rows come largest gap first)
    for row in summary.worst[:BEHIND_SHOWN]:
        options.append(Option(behind_line(row)))
        targets.append(Target("item", row.item_id))
    more = summary.items - min(len(summary.worst), BEHIND_SHOWN)
    said = [f"另有 {more} 件"] if more > 0 else []
    said += [f"定性 {summary.qualitative} 件另列"] if summary.qualitative else []
    if said:
        options.append(Option(Text("，".join(said) + f"  (l 全部, 低于序时 {pace.TOLERANCE:g} 点以上)", style="dim")))
        targets.append(Target("view", "behind"))
    return title, options, targets


def changes_options(years: list[YearChanges], total: int | None = None) -> tuple[str, list[Option], list[Target]]:
    """(border title, options, targets); ``total``: how many city-years have changes to show,
    when more than ``years``."""
    options: list[Option] = []
    targets: list[Target] = []
    if not years:
        options.append(Option(Text(NO_CHANGES, style="dim")))
        targets.append(Target("none", ""))
    for found in years:
        head = Text(f"{found.year.city} {found.year.period}", style="bold")
        head.append(f"  {found.then} → {found.now}", style="dim")
        if not found.rows:
            head.append("  无变化", style="dim")
        options.append(Option(head))
        targets.append(Target("year", found.year.year_id))
        for row in found.rows[:CHANGES_SHOWN]:
            options.append(Option(change_line(row)))
            targets.append(Target("item", row.item_id))
        if len(found.rows) > CHANGES_SHOWN:
            options.append(Option(Text(f"    … 另有 {len(found.rows) - CHANGES_SHOWN} 件有变化 (Enter 打开该年度)", style="dim")))
            targets.append(Target("year", found.year.year_id))
    if total is not None and total > len(years):
        options.append(Option(Text(f"另有 {total - len(years)} 个城市年度有两次以上的报告（较早的；在卡片上按 Enter 打开）", style="dim")))
        targets.append(Target("none", ""))
    return "最新变化", options, targets


# ---------------------------------------------------------------- the panels


class DashboardPanel(OptionList):
    """An option list whose options open what ``targets`` say."""

    def __init__(self, title: str, **kwargs) -> None:
        super().__init__(Option(Text("读取中…", style="dim")), **kwargs)
        self.border_title = title
        self.targets: list[Target] = [Target("none", "")]

    def show(self, title: str, options: list[Option], targets: list[Target]) -> None:
        self.border_title = title
        self.targets = targets
        self.set_options(options)

    def lines(self) -> list[str]:
        """The options' plain text (tests and screen readers)."""
        return [
            str(getattr(self.get_option_at_index(n).prompt, "plain", self.get_option_at_index(n).prompt)) for n in range(self.option_count)
        ]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        target = self.targets[event.option_index] if event.option_index < len(self.targets) else None
        if target is None or target.kind == "none":
            return
        if target.kind == "view":
            self.post_message(OpenView(str(target.key)))
        else:
            self.post_message(JumpTo(target.kind, target.key))


class BehindPanel(DashboardPanel):
    def __init__(self, **kwargs) -> None:
        super().__init__("滞后", **kwargs)

    def show_summary(self, summary: BehindSummary) -> None:
        self.show(*behind_options(summary))


class ChangesPanel(DashboardPanel):
    def __init__(self, **kwargs) -> None:
        super().__init__("最新变化", **kwargs)

    def show_years(self, years: list[YearChanges], total: int | None = None) -> None:
        self.show(*changes_options(years, total))
