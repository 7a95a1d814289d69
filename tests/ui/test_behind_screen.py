"""The 滞后 list (``l``): rows of store.progress.behind, sortable, Enter opens the item."""

from __future__ import annotations

from textual.widgets import DataTable, Static
from ui_helpers import cursor_label, make_app, open_view, plain, settle

from progress_docs import build_progress_db
from tui_shishi.ui.screens.behind import BehindScreen
from tui_shishi.ui.screens.browser import BrowserScreen
from tui_shishi.ui.screens.help import help_table


def cell_texts(table: DataTable) -> list[str]:
    return [" | ".join(str(getattr(c, "plain", c)) for c in table.get_row_at(n)) for n in range(table.row_count)]


async def test_l_lists_what_is_behind_and_enter_opens_the_item(tmp_path):
    app = make_app(build_progress_db(tmp_path / "progress.db"))
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BehindScreen)
        rows = cell_texts(screen.query_one(DataTable))
        assert rows[0].startswith("测试市 2031 | 2 | -23.3 | 60% | 83.3% | 2031-10-31 | 市住建局 | 改造老旧小区100个")
        assert rows[1].startswith("测试市 2031 | 3 | ✎ 定性 | — |  | 2031-10-31 | 市卫健委")
        assert len(rows) == 2
        title = plain(screen.query_one("#behind-title", Static))
        assert "滞后 1 项" in title and "定性 1 件另列" in title and "按差距排序" in title
        await pilot.press("c")
        await settle(pilot)
        assert screen.sort == "dept" and "按部门排序" in plain(screen.query_one("#behind-title", Static))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BrowserScreen)
        assert "老旧小区改造" in cursor_label(app)


async def test_behind_on_the_seed_and_esc_returns(seed_db):
    app = make_app(seed_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        rows = cell_texts(app.screen.query_one(DataTable))
        assert rows[0].startswith("青岛 2020 | 28 | -33.3 | 50% | 83.3% | 2020-10-31")  # 书屋 10 of 20
        assert any(r.startswith("青岛 2020 | 8 | -19.8 | 63.5%") for r in rows)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BrowserScreen)
    keys = [str(cell) for cell in help_table().columns[0]._cells]
    assert "l" in keys


async def test_the_list_comes_a_page_at_a_time_and_its_last_row_reads_more(seed_db, monkeypatch):
    from tui_shishi.store import progress
    from tui_shishi.store.db import open_read
    from tui_shishi.ui.screens import behind

    conn = open_read(seed_db)
    whole = progress.behind(conn)  # 6 measured, 20 定性
    conn.close()
    monkeypatch.setattr(behind, "PAGE", 10)
    app = make_app(seed_db)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_view(pilot, "l")
        table = screen.query_one(DataTable)
        assert table.row_count == 11 and screen.rows == whole[:10]
        assert "还有 16 行：Enter 载入下 10 行" in cell_texts(table)[-1]
        assert "滞后 6 项" in plain(screen.query_one("#behind-title", Static))  # the whole list's count
        table.move_cursor(row=10)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BehindScreen)  # more rows, not a jump
        assert table.row_count == 21 and screen.rows == whole[:20] and "还有 6 行：Enter 载入下 6 行" in cell_texts(table)[-1]
        table.move_cursor(row=20)
        await pilot.press("enter")
        await settle(pilot)
        assert table.row_count == 26 and screen.rows == whole  # all read: no more row
        await pilot.press("c")  # another order starts again from its first page
        await settle(pilot)
        assert table.row_count == 11 and screen.sort == "dept"


def test_the_pane_and_the_list_agree_on_pace(tmp_path):
    """The item pane's 序时进度 is store.progress's: June's restated 城镇新增就业30万人 (another
    document's indicator row than the plan's) follows the plan's 6月底前20万人 in both."""
    import datetime as dt

    from tui_shishi import pace
    from tui_shishi.store import queries as q
    from tui_shishi.store.db import open_read
    from tui_shishi.ui.widgets.item_view import indicator_pace

    conn = open_read(build_progress_db(tmp_path / "progress.db"))
    try:
        (item_id,) = conn.execute("SELECT id FROM items WHERE number = 1").fetchone()
        detail = q.item_detail(conn, item_id)
        june = next(i for i in detail.indicators if i.latest and i.latest.as_of == dt.date(2031, 6, 30))
        expected = indicator_pace(detail, june)
        assert expected.by_milestones and round(expected.share * 100, 1) == 66.7 and expected.mark == pace.BEHIND
    finally:
        conn.close()
