"""The figure's path in the item pane (ui/widgets/figure_path.py): one row per report, the pace
mark ┊, ▲ ≈ ▼ with 超序时 / 按序时 / 滞后, and ↓ 较上次下降 where a later report says less.

On 样本 2031 (tests/path_docs.py: four reports read by the parser)."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from ui_helpers import make_app, open_node, settle, walk_to

import path_docs as pd
from tui_shishi.store import paths as ps
from tui_shishi.store import queries as q
from tui_shishi.store.db import open_read
from tui_shishi.ui.widgets.figure_path import FigurePathView, PathChart, charts_after, item_chart, item_paths


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return pd.build_path_db(tmp_path_factory.mktemp("figure-path") / "paths.db")


def screen_lines(widget) -> list[str]:
    """What the widget shows on screen, line by line (its rendered strips, styles dropped)."""
    return [widget.render_line(y).text.rstrip() for y in range(widget.size.height)]


async def _open_item(pilot, title: str) -> None:
    await settle(pilot)
    await open_node(pilot, "2031", "year")
    await walk_to(pilot, title, "item")
    await settle(pilot)


async def test_the_pane_draws_each_report_with_pace_and_the_drop(db):
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_item(pilot, "老旧小区改造")
        (chart,) = app.screen.query(FigurePathView)
        lines = screen_lines(chart)
        text = "\n".join(lines)
        for date, figure, percent in (
            ("03-31", "15个", "15%"),
            ("06-30", "40个", "40%"),
            ("09-30", "36个", "36%"),
            ("12-31", "100个", "100%"),
        ):
            row = next(line for line in lines if line.startswith(date))
            assert figure in row and percent in row, row
        assert "历次报告 4次" in text and "┊ 序时进度" in text
        assert sum(line.count("┊") for line in lines) >= 3  # the pace mark on the rows behind it
        assert "▼滞后38.8点" in text  # 36% against 74.8% on 09-30
        assert "↓较上次下降" in text and "40个（40%）" in text and "36个（36%）" in text
        assert "上半年进展情况" in text and "前三季度进展情况" in text  # both sources
        drop_at = next(n for n, line in enumerate(lines) if "较上次下降" in line)
        assert lines[drop_at - 1].lstrip().startswith("前三季度") or lines[drop_at - 1].startswith("09-30")


async def test_an_item_without_a_drop_has_no_flag_and_marks_ahead(db):
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_item(pilot, "促进城镇就业")
        (chart,) = app.screen.query(FigurePathView)
        text = "\n".join(screen_lines(chart))
        assert "下降" not in text
        assert "▲超序时5.2点" in text and "≈按序时" in text and "▼滞后4.6点" in text
        assert "13.5万人" in text and "31.2万人" in text


async def test_no_color_marks_are_glyphs_and_words(db, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.no_color
        await _open_item(pilot, "新建健身场地")
        (chart,) = app.screen.query(FigurePathView)
        rows = [line for line in screen_lines(chart) if line[:2].isdigit()]
        assert len(rows) == 4
        # each row says its pace by glyph and word, never by colour alone
        marks = [next(m for m in ("▲超序时", "≈按序时", "▼滞后") if m in row) for row in rows]
        assert marks == ["▼滞后", "▲超序时", "▲超序时", "≈按序时"]
        assert all("●" in row for row in rows)  # the actual, a glyph on the track
        assert "┊" in rows[0] and "┊" in rows[1]  # the pace, a glyph apart from the actual


def test_a_single_report_draws_no_chart(seed_db):
    """The seeds have one report a year: no indicator of theirs gets a chart."""
    conn = open_read(seed_db)
    try:
        charts = 0
        for (item_id,) in conn.execute("SELECT id FROM items").fetchall():
            detail = q.item_detail(conn, item_id)
            paths = item_paths(detail)
            charts += sum(len(list(charts_after(paths, detail, i))) for i in detail.indicators)
            charts += len(list(item_chart(paths, detail)))
        assert charts == 0
    finally:
        conn.close()


@pytest.mark.parametrize("width", [60, 44, 30])
def test_readable_at_narrow_widths_figures_whole(db, width):
    conn = open_read(db)
    try:
        for number in (pd.ITEM_JOBS, pd.ITEM_HOUSING):
            detail = q.item_detail(conn, pd.item_id(conn, number))
            (path,) = ps.figure_paths(detail)
            lines = PathChart(path, detail.year).plain(width).splitlines()
            assert max(cell_len(line) for line in lines) <= width
            for point in path.points:
                assert any(point.figure in line for line in lines), (point.figure, lines)  # never cut from its unit
                assert any(line.startswith(point.as_of.strftime("%m-%d")) for line in lines)
            if width >= 60:  # a report's row keeps date, track, percent, figure and mark together
                row = next(line for line in lines if line.startswith("06-30"))
                assert path.points[1].figure in row and ("▼" in row or "▲" in row or "≈" in row)
    finally:
        conn.close()


class _Record:
    """What store.records.Record offers a path (its indicator, figure, date and note)."""

    def __init__(self, indicator_id, value, as_of):
        self.indicator_id, self.actual_value, self.actual_unit, self.as_of = indicator_id, value, "个", as_of
        self.note, self.current = "电话核实", True


async def test_recorded_figures_join_the_chart_as_hollow_points(db):
    from tui_shishi.ui.widgets.figure_path import show_records
    from tui_shishi.ui.widgets.item_view import ItemView

    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_item(pilot, "老旧小区改造")
        view = app.screen.query_one(ItemView)
        show_records(view, [_Record(view.detail.indicators[0].id, 70.0, "2031-11-15")])
        await settle(pilot)
        (chart,) = app.screen.query(FigurePathView)
        lines = screen_lines(chart)
        row = next(line for line in lines if line.startswith("11-15"))
        assert "○" in row and "70个" in row and "录入" in row
        assert "▲" not in row and "▼" not in row  # a record is shown, never judged
        assert "○ 录入" in lines[0]  # the legend names it
