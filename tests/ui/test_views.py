"""The views for meetings and staff (o overview, d departments, m themes, s SVG) driven by keys
on the hand-made database of fixture_db.py."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Static
from textual.widgets._footer import FooterKey
from ui_helpers import cursor_label, make_app, plain, settle, type_text

from tui_shishi.ui.screens.browser import BrowserScreen
from tui_shishi.ui.screens.departments import DepartmentsScreen
from tui_shishi.ui.screens.help import HelpScreen, help_table
from tui_shishi.ui.screens.overview import OverviewScreen
from tui_shishi.ui.screens.themes import ThemesScreen
from tui_shishi.ui.widgets.year_bars import YearBars, chart_text
from tui_shishi.ui.widgets.year_card import YearCard


def bars_text(app) -> str:
    bars = app.screen.query_one(YearBars)
    return chart_text(bars.items, 100).plain


def cell_texts(table: DataTable) -> list[str]:
    rows = []
    for n in range(table.row_count):
        rows.append(" | ".join(str(getattr(c, "plain", c)) for c in table.get_row_at(n)))
    return rows


async def test_overview_has_a_card_per_city_year_and_bars_of_the_latest_report(fixture_db):
    app = make_app(fixture_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        cards = list(app.screen.query(YearCard))
        assert [c.border_title for c in cards] == ["淄博 2022-2024", "青岛 2020", "青岛 2023", "青岛 2025"]
        text_2020 = plain(cards[1])
        assert "2件 平均 131.8%" in text_2020 and "⚑ 2" in text_2020
        assert "✔ 达成 1" in text_2020 and "◐ 进行中 1" in text_2020 and "截至 2020-10-31" in text_2020
        assert "未标日期" in plain(cards[2]) and "○ 未报告 1" in plain(cards[2])
        # the card with the latest as-of date is selected: 青岛 2025, its two items drawn
        assert app.focused is cards[3]
        chart = bars_text(app)
        assert "  1 完善重点群体就业创业支…" in chart and "128% ✔ 达成" in chart
        assert "7 提升城市环境品质" in chart and "✎ 定性" in chart
        await pilot.press("left", "left")
        await settle(pilot)
        assert app.focused is cards[1]
        chart = bars_text(app)
        assert "177.5% ✔ 达成" in chart and "86% ◐ 进行中" in chart
        assert "▓" in chart and "░" in chart  # beyond the plan, and short of it, without colour
        await pilot.press("left")
        await settle(pilot)
        assert "尚未公布占年计划的百分比（1件：○ 未报告 1）" in bars_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BrowserScreen)


async def test_enter_on_a_card_opens_the_year_in_the_browser(fixture_db):
    app = make_app(fixture_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("left", "enter")
        await settle(pilot)
        assert isinstance(app.screen, BrowserScreen)
        assert cursor_label(app).startswith("2023")


async def test_departments_filter_by_typing_and_open_an_item(fixture_db):
    app = make_app(fixture_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DepartmentsScreen)
        assert isinstance(app.focused, Input)  # typing filters at once
        names = cell_texts(screen.query_one("#dept-list", DataTable))
        assert names[0].startswith("市人力资源社会保障局 | 2 | 1 |  | 1")
        assert len(names) == 3
        items = cell_texts(screen.query_one("#dept-items", DataTable))
        assert items[0].startswith("青岛 2023 | 1 | ○ 未报告 | — | 牵头")
        assert items[1].startswith("青岛 2025 | 1 | ✔ 达成 | 128% | 责任")
        await type_text(pilot, "财政")
        names = cell_texts(screen.query_one("#dept-list", DataTable))
        assert len(names) == 1 and names[0].startswith("市财政局")
        assert "市财政局  1件  协办 1" in plain(screen.query_one("#dept-title", Static))
        await pilot.press("down")  # from the filter to the list
        assert app.focused is screen.query_one("#dept-list")
        await pilot.press("enter")  # to the items
        assert app.focused is screen.query_one("#dept-items")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BrowserScreen)
        assert cursor_label(app).startswith("○  1 实现城镇新增就业35万")


async def test_department_filter_folds_and_says_when_nothing_matches(fixture_db):
    app = make_app(fixture_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        screen = app.screen
        await type_text(pilot, "總工會")  # Traditional forms match the Simplified name
        assert cell_texts(screen.query_one("#dept-list", DataTable))[0].startswith("市总工会")
        screen.query_one(Input).value = ""
        await type_text(pilot, "不存在的局")
        assert screen.query_one("#dept-list", DataTable).row_count == 0
        assert screen.query_one("#dept-items", DataTable).row_count == 0
        assert "没有名称含“不存在的局”的部门" in plain(screen.query_one("#dept-title", Static))


async def test_themes_line_up_targets_across_years_with_the_matched_words(fixture_db):
    app = make_app(fixture_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ThemesScreen)
        text = "\n".join(plain(s) for s in screen.query("#theme-detail Static"))
        assert "就业创业  4件 · 3个城市年度" in text
        assert "新增就业(人)  30万人 → 35万人以上" in text
        assert "青岛 2020 · 2件" in text and "青岛 2025 · 1件" in text
        assert "匹配: 就业、创业、技能提升" in text
        assert "目标 30万人 → 实际 41.58万人 138.6% ✔" in text
        table = screen.query_one(".theme-table", DataTable)
        assert [str(c.label) for c in table.columns.values()] == ["指标", "青岛 2020", "青岛 2023", "青岛 2025"]
        await pilot.press("down")  # 教育: one item in the fixture
        await settle(pilot)
        text = "\n".join(plain(s) for s in screen.query("#theme-detail Static"))
        assert "教育  1件" in text and "就业创业" not in text
        await pilot.press("down")  # 托育: none
        await settle(pilot)
        text = "\n".join(plain(s) for s in screen.query("#theme-detail Static"))
        assert "没有事项属于这个主题" in text
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BrowserScreen)


async def test_view_keys_replace_each_other_and_esc_returns_to_the_browser(fixture_db):
    app = make_app(fixture_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        depth = len(app.screen_stack)
        for key, screen_type in (("o", OverviewScreen), ("m", ThemesScreen), ("o", OverviewScreen)):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, screen_type)
            assert len(app.screen_stack) == depth + 1
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("d")  # the help is modal: view keys wait until it is closed
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "d")
        await settle(pilot)
        assert isinstance(app.screen, DepartmentsScreen) and len(app.screen_stack) == depth + 1
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BrowserScreen)


async def test_footer_shows_the_view_keys_and_help_lists_them(fixture_db):
    app = make_app(fixture_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for screen_key in ("", "o", "m"):
            if screen_key:
                await pilot.press(screen_key)
                await settle(pilot)
            keys = {k.key for k in app.screen.query(FooterKey)}
            assert {"o", "d", "m", "s"} <= keys, (screen_key, keys)
        table = help_table()
        keys = [str(cell) for cell in table.columns[0]._cells]
        assert {"o", "d", "m", "s"} <= set(keys)


async def test_s_saves_the_screen_as_svg_and_says_where(fixture_db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(fixture_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        saved = list((tmp_path / "screenshots").glob("shishi-overview-*.svg"))
        assert len(saved) == 1
        assert "<svg" in saved[0].read_text(encoding="utf-8")
        messages = [n.message for n in app._notifications]
        assert any(str(Path("screenshots") / saved[0].name) in m for m in messages)
        await pilot.press("s")  # again within the second: a second file, not an overwrite
        await settle(pilot)
        assert len(list((tmp_path / "screenshots").glob("*.svg"))) == 2


def test_bars_read_without_colour():
    from tui_shishi.store.reports import ItemRow

    def row(number, percent, status):
        return ItemRow(number, 1, "示例市", "2030", number, f"第{number}项", f"第{number}项", status, percent)

    items = [row(1, 50.0, "进行中"), row(2, 250.0, "达成"), row(3, None, "定性")]
    lines = chart_text(items, 80).plain.splitlines()
    assert lines[0].rstrip().endswith("200%")  # one 250% does not flatten the others: cut at 200%
    half, over, words = lines[1], lines[2], lines[3]
    assert "░" in half and "┆" in half and "▓" not in half and "50% ◐ 进行中" in half
    assert "▓" in over and over.count("»") == 1 and "250% ✔ 达成" in over
    assert "—" in words and "✎ 定性" in words and "█" not in words
    # bars start and the plan mark sit in the same column on every line (CJK titles are two cells)
    assert half.index("█") == over.index("█") and half.index("┆") == over.index("▓")


async def test_views_on_the_seed_database(seed_db):
    app = make_app(seed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        titles = [c.border_title for c in app.screen.query(YearCard)]
        assert {"青岛 2020", "青岛 2025", "淄博 2022-2024"} <= set(titles)
        assert app.focused.border_title == "青岛 2025"  # the year-end report is the latest
        assert len(app.screen.query_one(YearBars).items) == 15
        await pilot.press("d")
        await settle(pilot)
        await type_text(pilot, "民政")
        names = cell_texts(app.screen.query_one("#dept-list", DataTable))
        assert any(n.startswith("市民政局") for n in names)
        await pilot.press("m")  # typed into the filter: view keys work once the list has focus
        assert isinstance(app.screen, DepartmentsScreen)
        await pilot.press("down", "m")
        await settle(pilot)
        assert isinstance(app.screen, ThemesScreen)
        app.screen.select("养老助残")
        await settle(pilot)
        text = "\n".join(plain(s) for s in app.screen.query("#theme-detail Static"))
        assert "养老助残" in text and "匹配: " in text and " → " in text
