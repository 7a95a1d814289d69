"""Detail of one item: title, departments, one row per indicator with its bar, milestones,
data-quality flags and the source sentences with every figure marked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui_shishi import pace
from tui_shishi import status as st
from tui_shishi.store import progress, views
from tui_shishi.store.text import fold
from tui_shishi.ui.widgets import figure_path
from tui_shishi.ui.widgets.render import (
    HIGHLIGHT,
    PACE_MARK,
    PACE_STYLE,
    PACE_WORDS,
    bar,
    keep_figures,
    marked,
    over_text,
    percent_str,
    role_chip,
    status_text,
    wrapped,
)
from tui_shishi.words import flag_word


@dataclass(frozen=True)
class Pace:
    share: float  # of the plan expected done at the as-of date (0 … 1)
    mark: str  # 超序时 / 按序时 / 滞后
    by_milestones: bool


def time_share(year: views.YearSummary, as_of: dt.date | None) -> float | None:
    if as_of is None or year.year_start is None:
        return None
    return pace.elapsed_share(as_of, year.year_start, year.year_end)


# The pace of an indicator is store.progress's, so the pane and the 滞后 list (l) always agree.
milestone_points = progress.milestone_points


def indicator_pace(detail: views.ItemDetail, indicator: views.IndicatorView) -> Pace | None:
    latest = indicator.latest
    if latest is None or latest.as_of is None or latest.percent_of_plan is None:
        return None
    found = progress.expected_share(detail, indicator, latest.as_of)
    if found is None:
        return None
    share, by_milestones = found
    return Pace(share, pace.pace_mark(latest.percent_of_plan, share), by_milestones)


@dataclass(frozen=True)
class SearchMatch:
    """A search hit to show in its item: the text to highlight wherever it appears and, for a
    match outside the title, where it was (``原文 第57行``) with the snippet around it."""

    item_id: int
    terms: tuple[str, ...]  # folded, as the query's needles
    where: str
    snippet: str
    marks: tuple[tuple[int, int], ...] = ()
    field: str = ""


def highlight(text: Text, terms: tuple[str, ...] | None) -> Text:
    """Highlight every occurrence of ``terms`` in ``text`` (compared folded, so 養老 or ＡＥＤ is
    found too: folding keeps the length, offsets are the same). Returns ``text``."""
    if not terms:
        return text
    folded = fold(text.plain)
    for term in terms:
        at = folded.find(term) if term else -1
        while at >= 0:
            text.stylize(HIGHLIGHT, at, at + len(term))
            at = folded.find(term, at + len(term))
    return text


def match_text(match: SearchMatch) -> Text:
    text = Text(f"{match.where}  ", style="bold")
    snippet = Text(match.snippet)
    for start, end in match.marks:
        snippet.stylize(HIGHLIGHT, start, end)
    text.append_text(highlight(snippet, match.terms))
    return text


def computed_share(indicator: views.IndicatorView) -> float | None:
    """Percent of plan as actual ÷ target, for an indicator whose latest report publishes no
    percent but a figure in the target's unit (``status.share_of_plan``); else None. The
    figure is the one the status is judged by (status.indicator_status: the largest of the
    latest report), so status, bar and words agree."""
    latest, target = indicator.latest, indicator.target
    if latest is None or target is None or latest.percent_of_plan is not None:
        return None
    report = [o for o in indicator.observations if o.as_of == latest.as_of and not o.qualitative and o.actual is not None]
    values = [o.actual.value for o in report if o.actual is not None and o.actual.value is not None and o.actual.unit == target.unit]
    if not values or latest.qualitative:
        return None
    share, computed = st.share_of_plan(None, max(values), target.unit, target.value, target.unit)
    return share if computed else None


def indicator_text(detail: views.ItemDetail, indicator: views.IndicatorView) -> Text:
    """Three lines: what, target → actual, then the bar (or the honest reason there is none)."""
    text = Text()
    # "1." and the text as one word, as the documents write it (1.就业方面): after a space, a long
    # CJK clause (no spaces to wrap at) would start on a line of its own, the number left alone.
    text.append(f"{indicator.ordinal}." if indicator.ordinal else "", style="dim")
    text.append(indicator.text or "(指标)", style="bold")
    text.append("\n  目标 ")
    target = indicator.target
    text.append(target.display if target else "—", style="bold")
    if target and target.qualifier and target.qualifier not in target.display:
        text.append(f" ({target.qualifier})")
    latest = indicator.latest
    if latest is not None and latest.actual is not None:
        text.append("  实际 ")
        text.append(latest.actual.display, style="bold")
    if latest is not None and latest.as_of is not None and latest.as_of != detail.as_of:
        text.append(f"  截至{latest.as_of.isoformat()}", style="dim")  # the header has the item's date
    text.append("\n  ")
    if latest is None:
        text.append_text(status_text(st.NOT_REPORTED))
        text.append(" 仅计划,尚无进度报告", style="dim")
        return text
    if latest.percent_of_plan is None:
        judged = computed_share(indicator)
        if judged is not None:  # no percent published: actual ÷ target, said to be computed
            done = indicator.status == st.ACHIEVED
            text.append_text(bar(judged, done=done))
            text.append(f" {percent_str(judged)} ")
            text.append_text(status_text(indicator.status))
            text.append("\n  ")
            over = over_text(judged, computed=True) if done else Text()
            text.append_text(over if over else Text(f"未公布占年计划{st.COMPUTED_NOTE}", style="dim"))
            return text
        text.append_text(status_text(indicator.status))
        if latest.actual is None:
            text.append(" 据文字判断,无数字可比", style="dim")
        elif latest.qualitative:
            # the figure names the scope (50个…小区…已全部完成整改提升); the result is in words
            text.append(" 据文字判断,数字为范围而非完成量", style="dim")
        else:
            text.append(" 未公布占年计划", style="dim")
        return text
    expected = indicator_pace(detail, indicator)
    done = indicator.status == st.ACHIEVED  # (another figure of the report may lag: no full bar, no 超额)
    text.append_text(bar(latest.percent_of_plan, expected.share if expected else None, done=done))
    text.append(f" {percent_str(latest.percent_of_plan)} ")
    text.append_text(status_text(indicator.status))
    over = over_text(latest.percent_of_plan) if done else Text()
    if over or expected is not None:
        text.append("\n  ")
    if over:
        text.append_text(over)
        text.append(" · " if expected is not None else "")
    if expected is not None:
        text.append(expected.mark, style=PACE_STYLE[expected.mark])
        basis = "按计划节点" if expected.by_milestones else "序时"
        text.append(f" ({basis} {expected.share * 100:.1f}%)", style="dim")
    return text


def header_text(detail: views.ItemDetail) -> Text:
    """第N件 and the status on the first line, the title on its own below (a long CJK title
    cannot share a line with the number: it would wrap away from it and leave 第N件 alone),
    then where it belongs and, when reported, the date and the expected pace."""
    item = detail.item
    text = Text(f"第{item.number}件 ", style="bold")
    text.append_text(status_text(item.status))
    if item.status == st.QUALITATIVE:
        text.append(" (据文字判断)", style="dim")
    if item.percent is not None:
        text.append(f" · 平均占年计划 {percent_str(item.percent)}")
    text.append("\n")
    text.append(item.title, style="bold underline")
    text.append(f"\n{detail.year.name}", style="dim")
    if detail.section_title:
        text.append(f" › {detail.section_title}", style="dim")
    if detail.as_of is not None:
        text.append(f"\n截至{detail.as_of.isoformat()}")
    share = time_share(detail.year, detail.as_of)  # (None without a date)
    if share is not None:
        text.append(" · 序时进度 ")
        text.append(f"{share * 100:.1f}%", style=PACE_MARK)
        text.append(" (┃)", style=PACE_WORDS)
    return text


def departments_text(detail: views.ItemDetail) -> Text:
    # One per line: side by side, a wrap separated a role chip from its department's name.
    text = Text()
    for n, department in enumerate(detail.departments):
        if n:
            text.append("\n")
        text.append_text(role_chip(department.role, department.name, department.note))
    return text


def milestones_table(detail: views.ItemDetail, terms: tuple[str, ...] = ()) -> Table:
    """The plan's dated steps as a timeline; steps due by the as-of date are filled (●)."""
    as_of = detail.as_of
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True, style="bold")
    table.add_column(ratio=1, overflow="fold")  # CJK has no spaces to wrap at: FigureText breaks it
    last = len(detail.milestones) - 1
    for n, milestone in enumerate(detail.milestones):
        done = as_of is not None and milestone.due_date is not None and milestone.due_date <= as_of
        table.add_row("●" if done else "○", milestone.due, keep_figures(highlight(Text(milestone.text), terms)))
        if n != last:
            table.add_row("│", "", "")
    return table


def flags_text(flags: tuple[views.FlagView, ...]) -> Table:
    """One entry per flag: what kind in words and where, then the detail below it, indented
    (a grid, so that a wrapped detail stays under its heading, not under the ⚠)."""
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True, style="bold")
    table.add_column(ratio=1, overflow="fold")
    for flag in flags:
        text = Text(flag_word(flag.kind), style="bold")
        text.append(f" [{flag.kind}]", style="dim")
        if flag.line:
            text.append(f" 第{flag.line}行", style="dim")
        text.append(f"\n{flag.detail}")
        table.add_row("⚠", keep_figures(text))
    return table


def sources(detail: views.ItemDetail, terms: tuple[str, ...] = ()) -> Table:
    """The item's own text, then each source sentence once, with every figure read from it marked."""
    spans: dict[tuple[str, int | None], list[tuple[int | None, int | None, str]]] = {}
    for indicator in detail.indicators:
        if indicator.sentence and indicator.target:
            t = indicator.target
            spans.setdefault((indicator.sentence, indicator.line), []).append((t.start, t.end, t.text))
        for o in indicator.observations:
            a = o.actual
            entry = spans.setdefault((o.sentence, o.line), [])
            if a:
                entry.append((a.start, a.end, a.text))
            if o.percent_text:
                entry.append((None, None, o.percent_text))
    for o in detail.progress:
        entry = spans.setdefault((o.sentence, o.line), [])
        if o.actual:
            entry.append((o.actual.start, o.actual.end, o.actual.text))
    if detail.text and all(line != detail.line for _sentence, line in spans):
        # Every format shows the item as published, with its line: first, unless a sentence read
        # from its line already stands for it.
        spans = {(detail.text, detail.line): [], **spans}
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True, style="dim")
    table.add_column(ratio=1, overflow="fold")  # CJK has no spaces to wrap at: FigureText breaks it
    for (sentence, line), marks in spans.items():
        if sentence:
            table.add_row(f"第{line}行" if line else "", keep_figures(highlight(marked(sentence, marks), terms)))
    return table


class ItemView(VerticalScroll):
    """Everything known about one item, top to bottom (scrolls; focusable for the keyboard)."""

    BINDINGS = [
        Binding("j", "scroll_down", "下移", show=False),
        Binding("k", "scroll_up", "上移", show=False),
    ]

    def __init__(self, detail: views.ItemDetail, focus_indicator: int | None = None, match: SearchMatch | None = None) -> None:
        super().__init__(classes="view item-view")
        self.detail = detail
        self.focus_indicator = focus_indicator
        self.match = match  # a search hit: highlighted wherever its text appears
        self.indicator_rows: dict[int, Static] = {}

    def on_mount(self) -> None:
        from tui_shishi.ui.screens.record import load_records

        load_records(self)  # recorded figures (录入), read in a worker, shown under their indicator

    def _hl(self, text: Text) -> Text:
        return highlight(text, self.match.terms if self.match else None)

    def compose(self) -> ComposeResult:
        detail = self.detail
        terms = self.match.terms if self.match else ()
        yield Static(wrapped(self._hl(header_text(detail))), classes="view-title")
        if self.match and self.match.field != "title":
            box = Static(match_text(self.match), classes="search-match")
            box.border_title = "搜索匹配"
            yield box
        if detail.departments:
            yield Static(self._hl(departments_text(detail)), classes="chips")
        paths = figure_path.item_paths(detail)  # each indicator's figures across reports
        if detail.indicators:
            yield Static("指标", classes="heading")
            for indicator in detail.indicators:
                row = Static(wrapped(self._hl(indicator_text(detail, indicator))), classes="indicator")
                if indicator.id == self.focus_indicator:
                    row.add_class("-focused")
                self.indicator_rows[indicator.id] = row  # recorded figures (录入) go under it
                yield row
                yield from figure_path.charts_after(paths, detail, indicator)
        for observation in detail.progress:
            text = status_text(st.QUALITATIVE if observation.qualitative else detail.item.status)
            text.append(" 据文字: " if observation.qualitative else " ", style="dim")
            text.append(observation.sentence)
            yield Static(wrapped(self._hl(text)), classes="indicator")
        yield from figure_path.item_chart(paths, detail)
        if detail.milestones:
            yield Static("计划节点", classes="heading")
            yield Static(milestones_table(detail, terms), classes="milestones")
        if detail.flags:
            box = Static(flags_text(detail.flags), classes="flags")
            box.border_title = "数据质量"
            yield box
        if detail.notes:
            yield Static("说明", classes="heading")
            # A note keeps its own bullet (●…); no space after "·": a CJK note has none to wrap at.
            notes = (n if n[:1] in "●•·○■◆-" else f"·{n}" for n in detail.notes)
            yield Static(wrapped(self._hl(Text("\n".join(notes)))), classes="notes")
        yield Static("来源", classes="heading")
        yield Static(sources(detail, terms), classes="sources")
        docs = Text()
        for document in detail.documents:
            docs.append(f"{document.title or document.source_file}", style="italic")
            docs.append(f"  {document.source_file}" + (f" 截至{document.as_of}" if document.as_of else "") + "\n", style="dim")
        docs.rstrip()
        yield Static(docs, classes="documents")
