"""节点 (``u``): milestones against a date, 到期未报 first, then 即将到期; Enter opens the item.

On 测试市 2031 (tests/progress_docs.py): milestones 3月底前 (item 3), 6月底前 and 12月底前 (item 1),
9月底前 (item 2), 此后 (item 4, no date); reports of 06-30 and 10-31. The date is injected by
replacing ``due.today``."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import DataTable, Static
from ui_helpers import cursor_label, make_app, plain, settle

from progress_docs import build_progress_db
from tui_shishi.ui.screens import due
from tui_shishi.ui.screens.browser import BrowserScreen
from tui_shishi.ui.screens.due import DueScreen
from tui_shishi.ui.screens.help import help_table


@pytest.fixture(scope="module")
def progress_db(tmp_path_factory):
    return build_progress_db(tmp_path_factory.mktemp("due") / "progress.db")


def cell_texts(table: DataTable) -> list[str]:
    return [" | ".join(str(getattr(c, "plain", c)) for c in table.get_row_at(n)) for n in range(table.row_count)]


async def open_due(pilot, monkeypatch, day: dt.date) -> DueScreen:
    monkeypatch.setattr(due, "today", lambda: day)
    await settle(pilot)
    await pilot.press("u")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, DueScreen)
    return screen


async def test_u_lists_overdue_then_due_soon_and_enter_opens_the_item(progress_db, monkeypatch):
    app = make_app(progress_db)
    async with app.run_test(size=(160, 30)) as pilot:
        screen = await open_due(pilot, monkeypatch, dt.date(2031, 9, 15))
        rows = cell_texts(screen.query_one(DataTable))
        assert rows == [
            "到期未报 | 2031-03-31 | 逾期 168 天 | 完成设备采购 | 测试市 2031 | 3 | 智慧门诊建设 | 市卫健委 | 3月底前",
            "到期未报 | 2031-06-30 | 逾期 77 天 | 城镇新增就业20万人 | 测试市 2031 | 1 | 促进就业 | 市人社局 | 6月底前",
            "即将到期 | 2031-09-30 | 还有 15 天 | 完成改造60个 | 测试市 2031 | 2 | 老旧小区改造 | 市住建局 | 9月底前",
        ]
        title = plain(screen.query_one("#due-title", Static))
        assert "节点 截至 2031-09-15" in title and "到期未报 2" in title and "即将到期 1 (30 天内)" in title
        await pilot.press("enter")  # the first row: 智慧门诊建设
        await settle(pilot)
        assert isinstance(app.screen, BrowserScreen)
        assert "智慧门诊建设" in cursor_label(app)


async def test_a_later_date_counts_the_reports_up_to_it(progress_db, monkeypatch):
    app = make_app(progress_db)
    async with app.run_test(size=(160, 30)) as pilot:
        screen = await open_due(pilot, monkeypatch, dt.date(2031, 11, 1))
        rows = cell_texts(screen.query_one(DataTable))
        # October's report says 智慧门诊 全面完成: its 3月底前 is done; 就业 90% and 小区 60% are not
        assert [r.split(" | ")[5] for r in rows] == ["1", "2"]
        assert all(r.startswith("到期未报") for r in rows)
        await pilot.press("a")  # every state
        await settle(pilot)
        states = [r.split(" | ")[0] for r in cell_texts(screen.query_one(DataTable))]
        # 12月底前 not yet due; 智慧门诊 done; 道路's 此后 has no date (October revised 10条 down to 9.8)
        assert states == ["到期未报", "到期未报", "未到期", "已完成", "无日期"]
        title = plain(screen.query_one("#due-title", Static))
        assert "未到期 1  已完成 1  无日期 1" in title and "a 只看到期" in title
        await pilot.press("c")
        await settle(pilot)
        assert screen.sort == "dept" and "按部门排序" in plain(screen.query_one("#due-title", Static))
        departments = [r.split(" | ")[7] for r in cell_texts(screen.query_one(DataTable))]
        assert departments == sorted(departments)


async def test_nothing_due_is_said_and_esc_returns(progress_db, monkeypatch):
    app = make_app(progress_db)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_due(pilot, monkeypatch, dt.date(2031, 1, 1))  # 3月底前 is 89 days away
        assert screen.query_one(DataTable).row_count == 0
        assert "没有到期未报或即将到期的节点" in plain(screen.query_one("#due-title", Static))
        screen.select("2031-03-10")  # a date given to the open view
        await settle(pilot)
        rows = cell_texts(screen.query_one(DataTable))
        assert len(rows) == 1 and rows[0].startswith("即将到期 | 2031-03-31 | 还有 21 天")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BrowserScreen)
    keys = [str(cell) for cell in help_table().columns[0]._cells]
    assert "u" in keys


async def test_due_on_the_seed_at_80x24(seed_db, monkeypatch):
    app = make_app(seed_db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_due(pilot, monkeypatch, dt.date(2023, 7, 1))
        rows = cell_texts(screen.query_one(DataTable))
        assert rows and all(r.split(" | ")[0] in ("到期未报", "即将到期") for r in rows)
        states = [r.split(" | ")[0] for r in rows]
        assert states == sorted(states, key=("到期未报", "即将到期").index)  # overdue first
        assert all(r.split(" | ")[4] == "青岛 2023" for r in rows)  # the 2023 plan's milestones
        shown = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        assert rows[0].split(" | ")[3] in shown  # the milestone's words fit at 80 columns
