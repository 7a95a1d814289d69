"""What staff saw on a real terminal at 80×24: figures cut across lines in the item detail,
English words in the footer and the command palette; and at 40×12, 60×20, 120×40, 200×50: a
detail pane one character wide, every figure wrapped from its unit."""

from __future__ import annotations

import pytest
from test_wrapping import shown_lines
from textual.widgets import Static
from ui_helpers import make_app, open_node, settle, walk_to

from tui_shishi.ui.screens.browser import DETAIL_MIN_CELLS
from tui_shishi.ui.widgets.detail import DetailPane
from tui_shishi.ui.widgets.item_view import ItemView
from tui_shishi.ui.widgets.render import NO_LINE_START, figure_spans


def _cut_figures(lines: list[str]) -> list[str]:
    """Figures of the joined text that a line break falls inside."""
    joined, breaks, at = "", [], 0
    for line in lines:
        text = line.strip()
        joined += text
        at += len(text)
        breaks.append(at)
    return [joined[a:b] for a, b in figure_spans(joined) for o in breaks if a < o < b]


async def test_indicators_and_notes_keep_figures_whole_at_80x24(seed_db):
    app = make_app(seed_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_node(pilot, "2024 · 12件", "year")
        await walk_to(pilot, " 14 ", "item")  # 在人员密集场所增设自动体外除颤器(AED)300台
        view = app.screen.query_one(ItemView)
        rows = [shown_lines(row) for row in view.query(".indicator").results(Static)]
        assert rows and any("AED" in "".join(lines) for lines in rows)
        for lines in rows:
            assert not _cut_figures(lines), lines
        notes = shown_lines(view.query_one(".notes", Static))
        assert "AED" in "".join(notes)
        assert not _cut_figures(notes), notes
        assert not [line for line in notes[1:] if line.strip()[:1] in NO_LINE_START], notes


async def test_footer_and_palette_speak_chinese(seed_db):
    app = make_app(seed_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        words = [key.description for key in app.screen.query("FooterKey")]
        assert "搜索" in words and "帮助" in words and "退出" in words
        assert not [w for w in words if w.isascii() and w], words
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert titles and not [t for t in titles if t.isascii()], titles
        await pilot.press("ctrl+p")
        await settle(pilot)
        from textual.command import CommandInput

        assert not app.screen.query_one(CommandInput).placeholder.isascii()


@pytest.mark.parametrize("size", [(40, 12), (60, 20), (80, 24), (120, 40), (200, 50)])
async def test_the_browser_is_readable_at_every_size(seed_db, size):
    """青岛 2025 第3件: figures as published, percents published and computed (按实际/目标计算)."""
    app = make_app(seed_db)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await open_node(pilot, "2025 · 15件", "year")
        await walk_to(pilot, "改善城乡出行条件", "item")
        detail = app.screen.query_one(DetailPane)
        if app.screen.has_class("-single"):  # one pane at a time: Enter shows the detail, the whole width
            await pilot.press("enter")
            await settle(pilot)
            assert not app.screen.query_one("#tree").display
            assert detail.outer_size.width == size[0]
        else:
            assert detail.outer_size.width >= DETAIL_MIN_CELLS
        view = detail.query_one(ItemView)
        shown = [shown_lines(s) for s in view.query(Static).results(Static) if s.size.width]
        text = "\n".join("\n".join(lines) for lines in shown)
        assert "改善城乡出行条件" in text.replace("\n", "")
        assert "（按实际/目标计算）" in text.replace("\n", "").replace(" ", "")
        for lines in shown:
            assert not _cut_figures(lines), (size, lines)
            assert not [line for line in lines[1:] if line.strip()[:1] in "%％"], (size, lines)


# ---------------------------------------------------------------- figures that never mislead


def _detail(target, observations, status):
    import datetime as dt

    from tui_shishi.store import views as v

    year = v.YearSummary(1, "青岛", "2020", 2020, 2020)
    obs = tuple(
        v.ObservationView(n, 1, "句子", v.Quantity(value, unit, text=f"{value:g}{unit}"), percent, "", dt.date(2020, 6, 30), False, 3, 1)
        for n, (value, unit, percent) in enumerate(observations, 1)
    )
    indicator = v.IndicatorView(1, 1, "指标", "句子", 3, v.Quantity(target[0], target[1], text=f"{target[0]:g}{target[1]}"), status, obs)
    item = v.ItemRow(1, 1, "测试市", "2031", 1, "事项", status, None)
    return v.ItemDetail(item, year, "", "", (), (indicator,), (), (), (), (), ()), indicator


def test_a_computed_share_says_it_was_computed():
    from tui_shishi.ui.widgets.item_view import indicator_text
    from tui_shishi.ui.widgets.render import FULL

    detail, indicator = _detail((3, "条"), [(4, "条", None)], "达成")
    text = indicator_text(detail, indicator).plain
    assert "133.3% ✔ 达成" in text and "超额 +33.3%（按实际/目标计算）" in text
    detail, indicator = _detail((200, "处"), [(100, "处", None)], "进行中")
    text = indicator_text(detail, indicator).plain
    assert "50% ◐ 进行中" in text and "未公布占年计划（按实际/目标计算）" in text and "超额" not in text
    detail, indicator = _detail((200, "处"), [(100, "个", None)], "定性")  # another unit: nothing computed
    text = indicator_text(detail, indicator).plain
    assert "%" not in text and FULL not in text and "未公布占年计划" in text


def test_bar_and_words_follow_the_status():
    from tui_shishi.store import views as v
    from tui_shishi.ui.widgets.item_view import indicator_text
    from tui_shishi.ui.widgets.render import EMPTY, FULL
    from tui_shishi.ui.widgets.year_view import item_progress

    # a published 112% while the status (another figure of the report) is 进行中: no full bar, no 超额
    detail, indicator = _detail((100, "人"), [(112, "人", 112.0)], "进行中")
    text = indicator_text(detail, indicator).plain
    assert "超额" not in text and text.count(EMPTY) == 1  # (the ┃ of 序时进度 takes the middle cell)
    detail, indicator = _detail((100, "人"), [(112, "人", 112.0)], "达成")
    text = indicator_text(detail, indicator).plain
    assert "超额 +12%" in text and "按实际/目标计算" not in text and text.count(EMPTY) == 0
    lagging = item_progress(v.ItemRow(1, 1, "测试市", "2031", 1, "事项", "进行中", 120.0), None, 10).plain
    assert "超额" not in lagging and lagging.count(FULL) == 9
    done = item_progress(v.ItemRow(1, 1, "测试市", "2031", 1, "事项", "达成", 120.0), None, 10).plain
    assert "超额" in done and done.count(FULL) == 10
