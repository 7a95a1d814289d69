"""The browser driven by keys on the hand-made database (fast; the seed database is in test_seed)."""

from __future__ import annotations

import shutil
import sqlite3

from ui_helpers import cursor_label, detail_text, make_app, open_node, settle, tree, walk_to

from tui_shishi.ui.screens.help import HelpScreen
from tui_shishi.ui.widgets.item_view import ItemView
from tui_shishi.ui.widgets.year_view import ItemTable, YearView


async def test_opens_with_every_city_expanded_to_its_years(fixture_db):
    app = make_app(fixture_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        cities = tree(app).root.children
        assert [str(c.label).split(" ")[0] for c in cities] == ["淄博", "青岛"]
        assert all(c.is_expanded for c in cities)
        years = [str(y.label) for y in cities[1].children]
        assert years == ["2025 · 2件 · 1 达成", "2023 · 1件 · 0 达成", "2020 · 2件 · 1 达成"]  # newest first
        # lazy: a year is not loaded before it is opened
        assert cities[1].children[0].children[0].data.kind == "placeholder"
        # the first city is shown: its years side by side
        assert "青岛" not in detail_text(app) and "2022-2024" in detail_text(app)


async def test_open_year_then_item_shows_bars_departments_and_statuses(fixture_db):
    app = make_app(fixture_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_node(pilot, "2020", "year")
        year_text = detail_text(app)
        assert "✔ 达成 1" in year_text and "◐ 进行中 1" in year_text
        assert "序时进度 83.3%" in year_text and "截至2020-10-31" in year_text
        assert app.screen.query_one(YearView).query_one(ItemTable).row_count == 1  # its one section
        await open_node(pilot, "促进城乡就业创业", "section")
        await walk_to(pilot, "就业方面", "item")
        assert cursor_label(app).startswith("✔") and "177.5%" in cursor_label(app)
        text = detail_text(app)
        assert text.startswith("第1件 ✔ 达成 · 平均占年计划 177.5%\n就业方面\n青岛 2020 › 促进城乡就业创业\n")
        assert "291.3% ✔ 达成" in text and "超额 +191.3%" in text  # over-achievement said, not just a full bar
        assert "超序时 (序时 83.3%)" in text
        assert "█" in text
        assert "数据质量" in "".join(w.border_title or "" for w in app.screen.query(".flags"))
        assert "inconsistent" in text
        await walk_to(pilot, "引才聚才方面", "item")
        text = detail_text(app)
        assert "86% ◐ 进行中" in text and "超额" not in text


async def test_plan_item_has_departments_milestones_and_no_bar(fixture_db):
    app = make_app(fixture_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_node(pilot, "2023", "year")
        await walk_to(pilot, "实现城镇新增就业", "item")
        text = detail_text(app)
        assert "○ 未报告" in text and "仅计划" in text
        assert "█" not in text  # nothing reported: no bar at all
        assert " 牵头  市人力资源社会保障局" in text and " 协办  市财政局" in text
        for due in ("3月底前", "6月底前", "9月底前", "12月底前"):
            assert due in text


async def test_qualitative_item_is_marked_as_read_from_words(fixture_db):
    app = make_app(fixture_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_node(pilot, "2025", "year")
        await walk_to(pilot, "提升城市环境品质", "item")
        text = detail_text(app)
        assert "✎ 定性 (据文字判断)" in text and "据文字: 背街小巷已全部完成整治提升" in text
        await walk_to(pilot, "完善重点群体", "item")
        text = detail_text(app)
        assert " 责任  市人力资源社会保障局" in text and " 责任  市总工会" in text


async def test_indicators_load_under_an_item_and_escape_goes_back(fixture_db):
    app = make_app(fixture_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_node(pilot, "2025", "year")
        await open_node(pilot, "完善重点群体", "item")
        node = tree(app).cursor_node
        assert [c.data.kind for c in node.children] == ["indicator"]
        await pilot.press("j")
        await settle(pilot)
        assert tree(app).cursor_node.data.kind == "indicator"
        assert app.screen.query_one(ItemView).query(".-focused")
        await pilot.press("escape")
        await settle(pilot)
        assert tree(app).cursor_node is node
        await pilot.press("escape")  # collapse
        await settle(pilot)
        assert not node.is_expanded


async def test_help_screen_lists_every_key(fixture_db):
    app = make_app(fixture_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        from ui_helpers import plain

        text = plain(app.screen.query_one("#help Static"))
        for key in ("j k", "Enter", "Esc", "Ctrl+P", "t", "?", "q", "超序时"):
            assert key in text
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, HelpScreen)


async def test_palette_jumps_to_an_item_by_chinese_name(fixture_db):
    from ui_helpers import palette_jump

    app = make_app(fixture_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await palette_jump(pilot, "引才聚才")
        assert "引才聚才方面" in cursor_label(app)
        assert "第2件 ◐ 进行中 · 平均占年计划 86%\n引才聚才方面\n" in detail_text(app)


async def test_theme_key_cycles(fixture_db):
    app = make_app(fixture_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        before = app.theme
        await pilot.press("t")
        assert app.theme != before


async def test_80x24_and_resize(fixture_db):
    app = make_app(fixture_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.has_class("-narrow")
        await open_node(pilot, "2020", "year")
        await open_node(pilot, "促进城乡就业创业", "section")
        await walk_to(pilot, "就业方面", "item")
        view = app.screen.query_one(ItemView)
        assert view.region.right <= 80 and tree(app).region.width >= 24
        assert view.max_scroll_y > 0  # longer than the screen: scrolls, not cut
        view.scroll_end(animate=False)
        await settle(pilot)
        last = view.query(".documents").last()
        assert view.region.contains_region(last.region) or last.region.y < view.region.bottom
        await pilot.resize_terminal(160, 50)
        await settle(pilot)
        assert app.screen.has_class("-wide")
        assert app.screen.query_one(ItemView).region.right <= 160
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert app.screen.has_class("-narrow")
        assert "第1件 ✔ 达成 · 平均占年计划 177.5%\n就业方面" in detail_text(app)


async def test_read_only_database_file(fixture_db, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    copy = folder / "shishi.db"
    shutil.copy(fixture_db, copy)
    copy.chmod(0o444)
    folder.chmod(0o555)
    try:
        app = make_app(copy)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await open_node(pilot, "2020", "year")
            assert "序时进度" in detail_text(app)
    finally:
        folder.chmod(0o755)


async def test_a_year_of_many_items_opens_one_page(fixture_db, tmp_path):
    big = tmp_path / "big.db"
    shutil.copy(fixture_db, big)
    conn = sqlite3.connect(big)
    conn.executemany(
        "INSERT INTO items (year_id, number, title, status) VALUES (4, ?, ?, '未报告')",
        [(n, f"任务{n}") for n in range(2, 1002)],
    )
    conn.commit()
    conn.close()
    app = make_app(big)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_node(pilot, "2022-2024", "year")
        year_node = tree(app).cursor_node
        kinds = [c.data.kind for c in year_node.children]
        assert kinds.count("item") == 200 and kinds[-1] == "more"
        assert "还有 800 件" in str(year_node.children[-1].label)
        tree(app).move_to(year_node.children[-1])
        await pilot.press("enter")
        await settle(pilot)
        assert [c.data.kind for c in year_node.children].count("item") == 400
