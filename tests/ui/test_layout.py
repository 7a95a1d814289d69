"""The browser at every size: the tree takes a share of the width, the detail never drops below a
readable width, and below 70 columns one pane at a time (Enter opens the detail, Esc goes back).
The app's own words: the header, Ctrl+C, help and palette in Chinese."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Static
from ui_helpers import cursor_label, make_app, open_node, open_view, settle, tree, type_text, walk_to

from tui_shishi.ui.screens.browser import DETAIL_MIN_CELLS, SINGLE_PANE_BELOW, tree_cells
from tui_shishi.ui.screens.help import help_table
from tui_shishi.ui.widgets.detail import DetailPane
from tui_shishi.ui.widgets.item_view import ItemView
from tui_shishi.ui.widgets.year_view import YearView


def test_the_tree_takes_a_share_and_leaves_the_detail_readable():
    assert [tree_cells(c) for c in (70, 80, 100, 120, 200)] == [30, 34, 42, 50, 72]
    for columns in range(SINGLE_PANE_BELOW, 400):
        assert columns - tree_cells(columns) >= DETAIL_MIN_CELLS, columns
        assert 30 <= tree_cells(columns) <= 72
    widths = [tree_cells(c) for c in range(SINGLE_PANE_BELOW, 300)]
    assert widths == sorted(widths)  # wider terminal, never a narrower tree


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50)])
async def test_two_panes_side_by_side_when_wide(fixture_db, size):
    app = make_app(fixture_db)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        assert not screen.has_class("-single")
        plan, detail = tree(app), screen.query_one(DetailPane)
        assert plan.size.width + 1 == tree_cells(size[0])  # (plus its one-cell border)
        assert detail.outer_size.width >= DETAIL_MIN_CELLS
        assert plan.region.right <= detail.region.x  # beside, not on top


@pytest.mark.parametrize("size", [(40, 12), (60, 20)])
async def test_one_pane_at_a_time_when_narrow(fixture_db, size):
    app = make_app(fixture_db)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen, detail, plan = app.screen, app.screen.query_one(DetailPane), tree(app)
        assert screen.has_class("-single")
        assert plan.display and not detail.display  # the tree, the whole width
        assert plan.outer_size.width == size[0]
        await open_node(pilot, "2020", "year")  # Enter: the year's detail, alone
        assert detail.display and not plan.display
        assert detail.outer_size.width == size[0]
        assert detail.query(YearView) and app.focused is not None and detail in app.focused.ancestors
        await pilot.press("escape")  # back to the tree, the cursor where it was
        await settle(pilot)
        assert plan.display and not detail.display and plan.has_focus
        assert "2020" in cursor_label(app)
        assert plan.cursor_node is not None and plan.cursor_node.is_expanded  # Enter opened it too


async def test_enter_on_a_row_of_the_year_opens_the_item_alone(fixture_db):
    app = make_app(fixture_db)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        await open_node(pilot, "2023", "year")
        table = app.screen.query_one(YearView).query_one(DataTable)
        assert table.has_focus
        await pilot.press("enter")  # the first row: an item of 2023
        await settle(pilot)
        await pilot.pause()  # the pane is switched on the frame after the reveal (under load, later)
        await settle(pilot)
        detail = app.screen.query_one(DetailPane)
        assert detail.display and not tree(app).display
        assert detail.query(ItemView)
        assert tree(app).cursor_node is not None and tree(app).cursor_node.data.kind == "item"


async def test_crossing_70_columns_switches_between_one_pane_and_two(fixture_db):
    app = make_app(fixture_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await walk_to(pilot, "2020", "year")
        detail = app.screen.query_one(DetailPane)
        await pilot.press("tab")  # focus into the detail
        await settle(pilot)
        await pilot.resize_terminal(60, 20)
        await settle(pilot)
        assert app.screen.has_class("-single")
        assert detail.display and not tree(app).display  # the pane with the focus stays
        await pilot.resize_terminal(100, 30)
        await settle(pilot)
        assert not app.screen.has_class("-single") and detail.display and tree(app).display
        assert tree(app).size.width + 1 == tree_cells(100)


async def test_the_header_is_the_apps_own(fixture_db):
    app = make_app(fixture_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.title == "市办实事"
        assert app.sub_title == f"数据库：{fixture_db.name}"
        icon = app.screen.query_one("HeaderIcon")
        assert not icon.visible  # Textual's ⭘


@pytest.mark.parametrize(("key", "name"), [("o", "概览"), ("d", "部门"), ("m", "主题"), ("l", "滞后"), ("u", "节点")])
async def test_every_views_header_names_the_view_and_the_database(fixture_db, key, name):
    app = make_app(fixture_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        assert app.screen.sub_title == f"{name} · 数据库：{fixture_db.name}"
        assert f"{name} · 数据库：{fixture_db.name}" in app.screen.query_one("HeaderTitle").render().plain


async def test_ctrl_c_says_in_chinese_which_key_quits(fixture_db):
    app = make_app(fixture_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+c")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("按 q 退出" in m for m in messages), messages
        assert not [m for m in messages if "quit" in m.lower()], messages
        assert app.is_running


def test_help_says_where_things_open_and_calls_the_colours_配色():
    from rich.console import Console

    console = Console(width=200, color_system=None)
    with console.capture() as capture:
        console.print(help_table())
    text = capture.get()
    assert "浏览器" not in text  # (read as the web browser)
    assert "在左侧树中打开事项" in text
    t_line = next(line for line in text.splitlines() if line.strip().startswith("t "))
    assert "配色" in t_line and "主题" not in t_line
    assert any(line.strip().startswith("p ") and "演示" in line for line in text.splitlines())


async def test_palette_and_footer_call_the_colours_配色(fixture_db):
    app = make_app(fixture_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        commands = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert "切换配色" in commands and "主题" not in commands["切换配色"]
        await pilot.press("t")
        await settle(pilot)
        assert any(n.message.startswith("配色") for n in app._notifications)
        descriptions = [key.description for key in app.screen.query("FooterKey")]
        assert "配色" not in descriptions or "主题" in descriptions  # 主题 is m's alone


async def test_a_narrow_year_table_speaks_chinese_in_the_footer(fixture_db):
    app = make_app(fixture_db)
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        await open_node(pilot, "2020", "year")
        words = [key.description for key in app.screen.query("FooterKey")]
        assert words and not [w for w in words if w.isascii() and w], words
        assert [s for s in app.screen.query_one(DetailPane).query(Static) if s.display]


@pytest.mark.parametrize("size, cut", [((200, 50), False), ((80, 24), True)])
async def test_titles_use_the_width_there_is(seed_db, size, cut):
    """淄博's sections (实施教育品质提升三年攻坚行动…) are cut at 80 columns, whole at 200."""
    from rich.style import Style

    app = make_app(seed_db)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await open_node(pilot, "2022-2024", "year")
        plan = tree(app)
        year = plan.cursor_node
        assert year is not None and year.children
        labels = [plan.render_label(node, Style(), Style()).plain for node in year.children if node.data.kind == "section"]
        assert labels and all("(" in label for label in labels)  # the count stays whatever the width
        assert any("…" in label for label in labels) == cut, labels


@pytest.mark.parametrize("key", ["o", "d", "m", "l", "u"])
async def test_every_views_footer_fits_80_columns_and_slash_searches_from_it(fixture_db, key):
    from textual.widgets import Input

    from tui_shishi.ui.screens.browser import BrowserScreen

    app = make_app(fixture_db, home="overview")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_view(pilot, key)
        footer = screen._compositor.render_strips()[-1].text
        assert "/ " in footer and "q 退出" in footer and "^p 跳转" in footer, footer  # whole, the last key too
        await pilot.press("slash")
        await settle(pilot)
        if key == "d":  # the departments view's own /: its filter box
            assert app.screen is screen and isinstance(app.focused, Input)
            return
        assert isinstance(app.screen, BrowserScreen)  # / from a view: the browser's search box
        panel = app.screen.search_panel
        assert panel is not None and panel.mode == "list" and isinstance(app.focused, Input)
        await type_text(pilot, "养老")
        await settle(pilot)
        assert panel.query_text == "养老"
