"""A figure's path in terminal cells: one row per report, under its indicator in the item pane.

Each row is the report's date, a track from 0 to 100% of the plan with the actual (●) and the
序时进度 of that date (┊), the percent, the figure as published, the pace in glyph and word
(▲ 超序时, ≈ 按序时, ▼ 滞后) and the report it came from. Down the rows the ┊ marks draw the pace
line (straight over the period, or bent at the plan's milestones) and the ● the actual's, so
ahead and behind read at a glance; colour only adds to glyphs and words (NO_COLOR, monochrome).
A figure lower than the report before it says so: ↓ 较上次下降, both values and both sources.
A staff-recorded figure (录入) is a hollow ○, not judged.

Rows are laid out in pieces that never break inside (13.5万人 stays whole): what does not fit
the width goes to the next line, indented under the track.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text
from textual.widgets import Static

from tui_shishi import pace
from tui_shishi.store import paths as ps
from tui_shishi.store import views
from tui_shishi.ui.widgets.render import PACE_MARK, break_offsets, themed
from tui_shishi.ui.widgets.render import PACE_STYLE as MARK_STYLE  # ▲超序时 ≈按序时 ▼滞后, as the item pane says them

ACTUAL, RECORDED, PACE, FILL, EMPTY, DOWN = "●", "○", "┊", "━", "─", "↓"
DOWN_STYLE = themed("text-warning", "bold")
RECORDED_MARK, RECORDED_WORD_STYLE = themed("text-secondary", "bold"), themed("text-secondary", "italic")  # 录入
MIN_TRACK, MAX_TRACK = 10, 30


def _percent(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}%".replace(".0%", "%")


def mark_text(point: ps.PathPoint) -> Text:
    """``▼滞后9.6点``, ``▲超序时5.2点``, ``≈按序时``; a record: ``录入``."""
    if point.recorded:
        return Text(ps.RECORDED_WORD, style=RECORDED_WORD_STYLE)
    if not point.mark:
        return Text("")
    text = f"{ps.MARK_GLYPHS[point.mark]}{point.mark}"
    if point.mark != pace.ON_PACE and point.gap is not None:
        text += f"{abs(point.gap):g}点"
    return Text(text, style=MARK_STYLE[point.mark])


def track(point: ps.PathPoint, width: int) -> Text:
    """``━━━━●──┊────``: the actual's share of the target and the pace, in ``width`` cells."""

    def cell(share: float) -> int:
        return min(max(int(round(share / 100 * (width - 1))), 0), width - 1)

    cells: list[tuple[str, str]] = [(EMPTY, "dim")] * width
    style = MARK_STYLE.get(point.mark, "")
    at = cell(point.share_of_target) if point.share_of_target is not None else None
    if at is not None and not point.recorded:
        cells[:at] = [(FILL, style)] * at
    if point.expected is not None:
        cells[cell(point.expected)] = (PACE, PACE_MARK)
    if at is not None:  # the actual over the pace when they share a cell: the word says 按序时
        cells[at] = (RECORDED, RECORDED_MARK) if point.recorded else (ACTUAL, style or "bold")
    text = Text()
    for char, char_style in cells:
        text.append(char, char_style)
    return text


def _date(point: ps.PathPoint, short: bool) -> str:
    if point.as_of is None:
        return "未标日期"
    return point.as_of.strftime("%m-%d") if short else point.as_of.isoformat()


class PathChart:
    """The Rich renderable: laid out for the width it is given."""

    def __init__(self, path: ps.FigurePath, year: views.YearSummary | None = None) -> None:
        self.path = path
        self.short_dates = year is not None and year.year_start is not None and year.year_end in (None, year.year_start)
        self.titles = ps.short_titles(path.points)

    def rows(self, width: int) -> list[Text]:
        points = self.path.points
        if not points:
            return [Text("无报告数字", style="dim")]
        dates = [_date(p, self.short_dates) for p in points]
        date_w = max(cell_len(d) for d in dates)
        pct_w = max(cell_len(_percent(p.percent)) for p in points) or 1
        fig_w = max(cell_len(p.figure) for p in points)
        marks = [mark_text(p) for p in points]
        mark_w = max(m.cell_len for m in marks)
        room = width - date_w - pct_w - 2
        track_w = min(max(room - fig_w - mark_w - 3, MIN_TRACK), MAX_TRACK, max(room, 4))
        indent = date_w + 1
        lines = self._legend(width)
        for point, date, mark in zip(points, dates, marks):
            head = Text(date.ljust(date_w - cell_len(date) + len(date)) + " ", style="bold" if not point.recorded else "italic")
            head.append_text(track(point, track_w))
            head.append(" " + _percent(point.percent).rjust(pct_w), style="bold")
            pieces = [Text(point.figure.ljust(fig_w - cell_len(point.figure) + len(point.figure)))]
            pieces.append(mark)
            pieces += _words(ps.source_label(point, self.titles), "dim")
            lines += _flow(head, pieces, width, indent)
            drop = self.path.drop_after(point)
            if drop is not None:  # the words, then each report on a line of its own
                for said in self._drop_pieces(drop):
                    lines += _flow(Text(" " * indent), said, width, indent + 2)
        lines.append(self._axis(indent, track_w))
        return lines

    def _legend(self, width: int) -> list[Text]:
        reports = len({(p.as_of, p.document_id) for p in self.path.points if not p.recorded})
        pieces = [
            Text(f"历次报告 {reports}次", style="bold"),
            Text.assemble((ACTUAL, "bold"), " 实际"),
            Text.assemble((PACE, PACE_MARK), " 序时进度" + ("(按计划节点)" if any(p.by_milestones for p in self.path.points) else "")),
        ]
        if any(p.recorded for p in self.path.points):
            pieces.append(Text.assemble((RECORDED, RECORDED_MARK), f" {ps.RECORDED_WORD}"))
        first, *rest = pieces
        return _flow(first, rest, width, 2)

    def _drop_pieces(self, drop: ps.Drop) -> list[list[Text]]:
        """``↓较上次下降：40个（40%）→ 36个（36%）``, then ``上次 06-30 上半年进展情况 第3行`` and
        ``本次 …``: three groups of pieces, each starting a line."""

        def said(point: ps.PathPoint) -> str:
            figure = point.figure if drop.actual_down else ""
            percent = _percent(point.percent) if drop.percent_down or not figure else ""
            return f"{figure}（{percent}）" if figure and percent else (figure or percent)

        def where(word: str, point: ps.PathPoint) -> list[Text]:
            return [Text(f"{word} {_date(point, self.short_dates)}", style="dim"), *_words(ps.source_label(point, self.titles), "dim")]

        before, after = drop.before, drop.after
        words = [Text(f"{DOWN}{ps.DOWN_WORD}：{said(before)}", style=DOWN_STYLE), Text(f"→ {said(after)}", style=DOWN_STYLE)]
        return [words, where("上次", before), where("本次", after)]

    def _axis(self, indent: int, track_w: int) -> Text:
        """``0    50%    100%`` under the track: 50% starts one cell before its cell."""
        axis = " " * indent + "0"
        middle_at = indent + int(round(0.5 * (track_w - 1))) - 1
        end_at = indent + track_w - cell_len("100%")
        if middle_at - cell_len(axis) >= 2 and end_at - (middle_at + 3) >= 2:
            axis += " " * (middle_at - cell_len(axis)) + "50%"
        axis += " " * max(end_at - cell_len(axis), 1) + "100%"
        return Text(axis, style="dim")

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(options.max_width, 20)
        for line in self.rows(width):
            line.no_wrap = True
            line.overflow = "crop"
            yield line

    def plain(self, width: int) -> str:
        return "\n".join(line.plain.rstrip() for line in self.rows(width))


def _words(text: str, style: str) -> list[Text]:
    """Space-separated words as pieces: ``上半年进展情况`` and ``第3行`` may go to two lines."""
    return [Text(word, style=style) for word in text.split(" ") if word]


def _flow(head: Text, pieces: Sequence[Text], width: int, indent: int) -> list[Text]:
    """``head`` then each piece after a space, or on a new line indented by ``indent`` when it
    would pass ``width``. A piece is not broken unless it is wider than a line by itself, and
    then never inside a figure (``render.break_offsets``)."""
    lines = [head.copy()]
    room = max(width - indent, 1)
    for whole in pieces:
        if not whole.plain.strip():
            continue
        parts = whole.divide(break_offsets(whole.plain, room)) if whole.cell_len > room else [whole]
        for piece in parts:
            line = lines[-1]
            needed = cell_len(piece.plain.rstrip())
            if line.plain.strip() and cell_len(line.plain) + 1 + needed > width:
                line = Text(" " * indent)
                lines.append(line)
            elif line.plain.strip():
                line.append(" ")
            line.append_text(piece)
    for line in lines:
        line.rstrip()
    return lines


class FigurePathView(Static):
    """The chart of one path (a Static holding ``PathChart``)."""

    DEFAULT_CSS = """
    FigurePathView {
        height: auto;
        padding-left: 2;
    }
    """

    def __init__(self, path: ps.FigurePath, year: views.YearSummary | None = None) -> None:
        self.path = path
        self.chart = PathChart(path, year)
        super().__init__(self.chart, classes="figure-path")


def worth_a_chart(path: ps.FigurePath) -> bool:
    """Figures of two or more report dates: a path, not a single report."""
    return len({p.as_of for p in path.points if p.as_of is not None}) >= 2


def item_paths(detail: views.ItemDetail, records: Sequence | None = None) -> list[ps.FigurePath]:
    return ps.figure_paths(detail, records=records or ())


def charts_after(paths: Sequence[ps.FigurePath], detail: views.ItemDetail, indicator: views.IndicatorView) -> Iterator[FigurePathView]:
    """The chart to mount after ``indicator``'s row: its path's, after the path's last row."""
    path = ps.path_of(paths, indicator.id)
    if path is not None and path.indicator_ids[-1] == indicator.id and worth_a_chart(path):
        yield FigurePathView(path, detail.year)


def item_chart(paths: Sequence[ps.FigurePath], detail: views.ItemDetail) -> Iterator[FigurePathView]:
    """The item's own path (figures bound to no indicator), if worth a chart."""
    for path in paths:
        if path.indicator is None and worth_a_chart(path):
            yield FigurePathView(path, detail.year)


def show_records(view, records: Sequence) -> None:
    """Redraw the charts of an item view (``ItemView``) with its current records (录入) as ○
    points: the hook for the records loaded after the view (``screens/record.py``)."""
    detail = view.detail
    paths = item_paths(detail, records)
    for chart in view.query(FigurePathView):
        found = next((p for p in paths if p.indicator_ids == chart.path.indicator_ids), None)
        if found is not None:
            chart.path = found
            chart.chart = PathChart(found, detail.year)
            chart.update(chart.chart)
