"""The views for meetings and staff (o overview, d departments, m themes, s SVG) driven by keys
on the hand-made database of fixture_db.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.widgets import DataTable, Input, Static
from textual.widgets._footer import FooterKey
from ui_helpers import cursor_label, make_app, open_view, plain, settle, type_text

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


async def test_a_departments_items_come_a_page_at_a_time(fixture_db, monkeypatch):
    from tui_shishi.ui.screens import departments

    monkeypatch.setattr(departments, "ITEMS_PAGE", 1)
    app = make_app(fixture_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_view(pilot, "d")
        table = screen.query_one("#dept-items", DataTable)
        items = cell_texts(table)  # 市人力资源社会保障局: 2 items, one laid out
        assert len(items) == 2 and items[0].startswith("青岛 2023 | 1 |") and "还有 1 件：Enter 载入下 1 件" in items[1]
        assert "市人力资源社会保障局  2件" in plain(screen.query_one("#dept-title", Static))  # the count is all of them
        await pilot.press("enter")  # to the items
        table.move_cursor(row=1)
        await pilot.press("enter")  # the more row: the next page, not a jump
        await settle(pilot)
        assert isinstance(app.screen, DepartmentsScreen)
        items = cell_texts(table)
        assert len(items) == 2 and items[1].startswith("青岛 2025 | 1 |")  # both, no more row
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BrowserScreen)  # an item's row still opens it


async def test_departments_filter_after_slash_and_open_an_item(fixture_db):
    app = make_app(fixture_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DepartmentsScreen)
        assert app.focused is screen.query_one("#dept-list")  # keys act; typing waits for /
        names = cell_texts(screen.query_one("#dept-list", DataTable))
        assert names[0].startswith("市人力资源社会保障局 | 2")
        assert len(names) == 3
        assert "市人力资源社会保障局  2件  牵头 1  责任 1" in plain(screen.query_one("#dept-title", Static))
        items = cell_texts(screen.query_one("#dept-items", DataTable))
        assert items[0].startswith("青岛 2023 | 1 | ○ 未报告 | — | 牵头 | 实现城镇新增就业35万人以上")
        assert items[1].startswith("青岛 2025 | 1 | ✔ 达成 | 128% | 责任")
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
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
        await pilot.press("slash")
        await type_text(pilot, "總工會")  # Traditional forms match the Simplified name
        assert cell_texts(screen.query_one("#dept-list", DataTable))[0].startswith("市总工会")
        screen.query_one(Input).value = ""
        await type_text(pilot, "不存在的局")
        assert screen.query_one("#dept-list", DataTable).row_count == 0
        assert screen.query_one("#dept-items", DataTable).row_count == 0
        assert "没有名称含“不存在的局”的部门" in plain(screen.query_one("#dept-title", Static))


async def test_app_keys_act_in_the_departments_view_and_are_not_typed(fixture_db):
    app = make_app(fixture_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for key, screen_type in (("m", ThemesScreen), ("d", DepartmentsScreen), ("o", OverviewScreen), ("d", DepartmentsScreen)):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, screen_type), key
            if screen_type is DepartmentsScreen:
                assert app.screen.query_one(Input).value == ""
                assert app.screen.query_one("#dept-list", DataTable).row_count == 3
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DepartmentsScreen) and app.screen.query_one(Input).value == ""
        await pilot.press("q")
        await settle(pilot)
        assert app._exit  # q quits here as everywhere, it is not typed into the filter


async def test_slash_filters_esc_leaves_the_filter_then_keys_act_again(fixture_db):
    app = make_app(fixture_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        screen = app.screen
        await pilot.press("slash", "m", "o")  # in the filter a letter is a letter
        await settle(pilot)
        assert app.screen is screen and screen.query_one(Input).value == "mo"
        assert "没有名称含“mo”的部门" in plain(screen.query_one("#dept-title", Static))
        footer = {k.key: k.description for k in screen.query(FooterKey)}
        assert footer.get("escape") == "结束筛选"
        screen.query_one(Input).value = ""
        await type_text(pilot, "人力")
        await pilot.press("escape")  # leaves the filter, keeps what it holds
        await settle(pilot)
        assert app.screen is screen and app.focused is screen.query_one("#dept-list")
        assert screen.query_one(Input).value == "人力"
        assert cell_texts(screen.query_one("#dept-list", DataTable))[0].startswith("市人力资源社会保障局")
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, ThemesScreen)


async def test_departments_footer_shows_its_keys_and_the_apps(fixture_db):
    app = make_app(fixture_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        footer = {k.key: k.description for k in app.screen.query(FooterKey)}
        assert footer.get("slash") == "筛选" and footer.get("escape") == "返回"
        assert {"o", "d", "m", "s", "q", "question_mark"} <= set(footer), footer


def column_widths(table: DataTable) -> dict[str, int]:
    return {str(c.label): c.get_render_width(table) - 2 * table.cell_padding for c in table.columns.values()}


def assert_nothing_cut(table: DataTable) -> None:
    """Every column has a set width (not one the table measures when idle) and every line of
    every cell fits it; the columns fit the table."""
    widths = list(column_widths(table).values())
    assert not [c for c in table.columns.values() if c.auto_width]
    for n in range(table.row_count):
        for cell, width in zip(table.get_row_at(n), widths):
            lines = cell.plain.split("\n")
            assert all(cell_len(line) <= width for line in lines), (cell.plain, width)
    assert sum(w + 2 * table.cell_padding for w in widths) <= table.size.width


async def test_department_columns_share_the_width_and_survive_reopening(seed_db):
    app = make_app(seed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for _ in range(3):
            await pilot.press("o")
            await settle(pilot)
            await pilot.press("escape", "d")
            await settle(pilot)
            items = app.screen.query_one("#dept-items", DataTable)
            widths = column_widths(items)
            assert list(widths) == ["城市 年度", "件", "状态", "占年计划", "角色", "事项"]
            assert widths["事项"] >= 40, widths
            assert widths["状态"] >= cell_len("○ 未报告"), widths
            assert_nothing_cut(items)
            assert_nothing_cut(app.screen.query_one("#dept-list", DataTable))
            await pilot.press("escape")
            await settle(pilot)


async def test_department_columns_follow_the_terminal_size(seed_db):
    app = make_app(seed_db)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        items = app.screen.query_one("#dept-items", DataTable)
        dept_list = app.screen.query_one("#dept-list", DataTable)
        assert column_widths(items)["事项"] >= 80
        assert list(column_widths(dept_list)) == ["部门", "件", "牵头", "协办", "责任"]
        assert_nothing_cut(items)
        title_w = column_widths(items)["事项"]
        for n, item in enumerate(app.screen._items):  # every name that fits is whole, with its note
            shown, whole = items.get_row_at(n)[-1].plain, item.title + (f"({item.note})" if item.note else "")
            assert shown == whole if cell_len(whole) <= title_w else "…" in shown, (shown, title_w)
        await pilot.resize_terminal(40, 12)
        await settle(pilot)
        # narrow: the list above, the items two lines each: where and which, then role and name
        assert list(column_widths(items)) == ["事项", "状态"]
        assert list(column_widths(dept_list)) == ["部门", "件"]
        assert_nothing_cut(items)
        assert_nothing_cut(dept_list)
        first = items.get_row_at(0)
        assert first[0].plain.split("\n")[0].endswith("件") and first[1].plain.split("\n")[0][0] in "✔◐○✎"
        assert dept_list.region.bottom <= items.region.y
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert column_widths(items)["事项"] >= 40
        assert_nothing_cut(items)


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
        assert "新增就业(人)  青岛：2020年 30万人 → 2023年 35万人以上" in text
        assert "青岛 2020 · 2件" in text and "青岛 2025 · 1件" in text
        assert "匹配: 就业、创业、技能提升" in text
        assert "目标 30万人 → 实际 41.58万人 138.6% ✔" in text
        assert "· 政策性扶持创业1.5万人  目标 1.5万人" in text  # whole: it wraps, it is not cut at 18 cells
        table = screen.query_one(".theme-table", DataTable)
        assert [str(c.label) for c in table.columns.values()] == ["指标", "青岛 2020", "青岛 2023", "青岛 2025"]
        assert_nothing_cut(table)
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


def series_lines(app) -> list[str]:
    return "\n".join(plain(s) for s in app.screen.query(".theme-series")).splitlines()


async def open_theme(pilot, name: str) -> None:
    """From the browser: m, then the theme ``name``."""
    await settle(pilot)
    await pilot.press("m")
    await settle(pilot)
    pilot.app.screen.select(name)
    await settle(pilot)


async def test_theme_trends_never_mix_cities_and_names_use_the_width(seed_db):
    app = make_app(seed_db)
    async with app.run_test(size=(200, 50)) as pilot:
        await open_theme(pilot, "养老助残")
        lines = series_lines(app)
        trend = [line.strip() for line in lines if "→" in line or "：" in line]
        assert trend, lines
        for line in trend:  # one city a line: 青岛：2020年 12000张 → 2025年 2000张以上
            assert line.count("：") == 1, line
            city = line.split("：")[0].split()[-1]
            assert city in ("青岛", "淄博"), line
        assert not [line for line in lines if "12000张 → 7000张以上" in line or "+1" in line]
        assert any(line.startswith("青岛：") and "12000张 →" in line for line in trend), trend
        table = app.screen.query_one(".theme-table", DataTable)
        heads = [str(c.label) for c in table.columns.values()][1:]
        cities = [h.split()[0] for h in heads]
        assert cities == sorted(cities, key=cities.index) and len(set(cities)) == len(list(dict.fromkeys(cities)))
        assert all(cities.index(c) == i or cities[i - 1] == c for i, c in enumerate(cities))  # a city's years together
        assert not [c for row in range(table.row_count) for c in table.get_row_at(row) if "+" in c.plain]
        assert_nothing_cut(table)
        app.screen.select("就业创业")
        await settle(pilot)
        years = "\n".join(plain(s) for s in app.screen.query(".theme-year"))
        figures = [line for line in years.splitlines() if line.strip().startswith("· ")]
        assert figures and not [line for line in figures if "…" in line]
        assert any("· 实施服务职工系列工程  实际" in line for line in figures)


def year_headings(app) -> list[str]:
    return [plain(s) for s in app.screen.query("#theme-detail .heading") if "件" in plain(s)]


async def test_a_themes_city_years_come_a_few_first_then_the_rest_in_order(seed_db, monkeypatch):
    """A province's theme has dozens of city-years, each a long text wrapped when laid out: the
    first ones come with the first paint, the rest after it, in order; those of a theme no
    longer shown never come."""
    from tui_shishi.ui.screens import themes

    app = make_app(seed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_theme(pilot, "养老助残")
        everything = year_headings(app)
        assert len(everything) >= 3, everything
        await pilot.press("escape")
        await settle(pilot)

        monkeypatch.setattr(themes, "YEARS_FIRST", 1)
        rest_of = []
        real_rest = themes.ThemesScreen._show_rest

        async def show_rest(self, page, years):
            rest_of.append((page.name, len(year_headings(app)), len(years)))
            await real_rest(self, page, years)

        monkeypatch.setattr(themes.ThemesScreen, "_show_rest", show_rest)
        await open_theme(pilot, "养老助残")
        screen = app.screen
        assert ("养老助残", 1, len(everything) - 1) in rest_of  # one first, the rest after
        assert year_headings(app) == everything
        old_page = screen._page
        old_years = [screen._year_widgets(year) for year in old_page.years[1:]]
        screen.select("就业创业")
        await settle(pilot)
        shown = year_headings(app)
        await real_rest(screen, old_page, old_years)  # the old theme's rest, arriving late
        await settle(pilot)
        assert year_headings(app) == shown and screen._page.name == "就业创业"


async def test_theme_list_goes_above_the_detail_at_40_columns(fixture_db):
    app = make_app(fixture_db)
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        themes, detail = app.screen.query_one("#theme-list"), app.screen.query_one("#theme-detail")
        assert themes.region.bottom <= detail.region.y and detail.region.width >= 38
        await pilot.resize_terminal(100, 30)
        await settle(pilot)
        assert themes.region.right <= detail.region.x
        keys = {k.key: k.description for k in app.screen.query(FooterKey)}
        assert (
            keys.get("tab") == "切换" and keys.get("escape") == "返回" and {"o", "d", "q"} <= set(keys) and "m" not in keys
        )  # (m: this view)


@pytest.mark.parametrize("rule", ["CITY_SCOPE_ABOVE", "CITY_YEARS_SCOPE_ABOVE"])
async def test_themes_of_many_cities_show_one_city_at_a_time(seed_db, monkeypatch, rule):
    from tui_shishi.ui.screens import themes

    # the seeds' two cities, or their five city-years, count as many
    monkeypatch.setattr(themes, rule, 1 if rule == "CITY_SCOPE_ABOVE" else 4)
    app = make_app(seed_db)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_view(pilot, "m")
        assert isinstance(screen, ThemesScreen)

        def shown() -> tuple[str, set[str]]:
            text = "\n".join(plain(s) for s in screen.query("#theme-detail Static"))
            return text.splitlines()[0], {
                h.split(" ")[0] for h in text.splitlines() if " · " in h and "件" in h and h[:2] in ("淄博", "青岛")
            }

        head, cities = shown()
        assert "淄博（第 1/2 个城市，[ ] 换城市）" in head and cities <= {"淄博"}
        assert "换城市" in [k.description for k in screen.query("FooterKey")]  # ] in the footer
        await pilot.press("right_square_bracket")
        await settle(pilot)
        head, cities = shown()
        assert "青岛（第 2/2 个城市" in head and cities == {"青岛"}
        await pilot.press("right_square_bracket")  # round to the first
        await settle(pilot)
        assert "淄博（第 1/2 个城市" in shown()[0]
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert "青岛（第 2/2 个城市" in shown()[0]


async def test_themes_of_few_cities_show_them_together_and_hide_the_city_keys(seed_db):
    app = make_app(seed_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await open_view(pilot, "m")
        text = "\n".join(plain(s) for s in app.screen.query("#theme-detail Static"))
        assert "换城市" not in text.splitlines()[0]
        assert "换城市" not in [k.description for k in app.screen.query("FooterKey")]
        before = text
        await pilot.press("right_square_bracket")  # nothing to change to
        await settle(pilot)
        assert "\n".join(plain(s) for s in app.screen.query("#theme-detail Static")) == before


def test_help_explains_every_mark_of_the_themes_view():
    table = help_table()
    keys = [str(cell) for cell in table.columns[0]._cells]
    words = "\n".join(str(cell) for cell in table.columns[1]._cells)
    assert any("→" in key for key in keys) and "不同城市的目标不相连" in words
    assert "、" in keys and "同一年度有几个同类目标" in words
    assert "匹配" in keys and "—" in keys and "…" in keys
    assert "/ 筛选部门名称" in words


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
            own = {"m"} if screen_key == "m" else set()  # the themes view leaves out its own key
            assert {"o", "d", "m", "s"} - own <= keys and not own & keys, (screen_key, keys)
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
    from tui_shishi.store.views import ItemRow

    def row(number, percent, status):
        return ItemRow(number, 1, "示例市", "2030", number, f"第{number}项", status, percent)

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
        await pilot.press("d", "slash")
        await settle(pilot)
        await type_text(pilot, "民政")
        names = cell_texts(app.screen.query_one("#dept-list", DataTable))
        assert any(n.startswith("市民政局") for n in names)
        await pilot.press("m")  # typed into the filter: view keys work once it is left
        assert isinstance(app.screen, DepartmentsScreen)
        await pilot.press("enter", "m")
        await settle(pilot)
        assert isinstance(app.screen, ThemesScreen)
        app.screen.select("养老助残")
        await settle(pilot)
        text = "\n".join(plain(s) for s in app.screen.query("#theme-detail Static"))
        assert "养老助残" in text and "匹配: " in text and " → " in text
