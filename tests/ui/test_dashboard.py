"""The overview as a dashboard (``o``): every city-year as a whole card in a grid that wraps to the
width, each opening its year; the 滞后 and 最新变化 panels; bars that draw ▓ only beyond the plan.

Cards on the seed database (淄博 113件, 青岛 2023 16件 未标日期: what a card cut at the screen's
edge misread); panels on 测试市 2031 (tests/progress_docs.py: reports of 06-30 and 10-31)."""

from __future__ import annotations

import threading
import time

import pytest
from ui_helpers import cursor_label, make_app, settle, walk_to

from progress_docs import build_progress_db
from tui_shishi.store import views
from tui_shishi.ui.screens.browser import BrowserScreen
from tui_shishi.ui.screens.overview import OverviewScreen, first_card
from tui_shishi.ui.widgets.dashboard_panels import NO_CHANGES, BehindPanel, ChangesPanel
from tui_shishi.ui.widgets.year_bars import BEYOND, MISSING, chart_text
from tui_shishi.ui.widgets.year_card import CARD_CELLS, YearCard, card_lines


@pytest.fixture(scope="module")
def progress_db(tmp_path_factory):
    return build_progress_db(tmp_path_factory.mktemp("dashboard") / "progress.db")


def screen_lines(app) -> list:
    """What the terminal shows, one Strip per row (Strip.text is the row's text)."""
    return app.screen._compositor.render_strips()


def shown_in(app, region) -> list[str]:
    """The text the screen shows inside ``region``, a line per row."""
    strips = screen_lines(app)
    return [strips[y].crop(region.x, region.right).text for y in range(region.y, region.bottom)]


async def open_overview(pilot) -> OverviewScreen:
    await settle(pilot)
    await pilot.press("o")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, OverviewScreen)
    return screen


# ---------------------------------------------------------------- home: the app's first screen


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_the_app_opens_on_the_dashboard_and_esc_is_the_tree(seed_db, size):
    app = make_app(seed_db, home="overview")  # the app's own default (ShishiApp(home=...))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        assert len(screen.cards) == 5
        assert app.focused is not None and app.focused.border_title == "青岛 2025"  # the latest report
        assert screen.query_one(BehindPanel).option_count and "读取中" not in " ".join(screen.query_one(BehindPanel).lines())
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BrowserScreen)
        assert app.screen.tree.has_focus
        await pilot.press("o")  # and back home
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)


def browsers(app) -> list:
    return [s for s in app.screen_stack if isinstance(s, BrowserScreen)]


@pytest.mark.parametrize("way", ["escape", "view-then-escape", "present"])
async def test_the_home_has_no_browser_below_it_until_the_tree_is_asked_for(seed_db, way):
    """The first screen pays for itself only: the browser is made when first asked for, once,
    in the home's place (Esc; Esc from another view opened from the home; p, presenting the
    card selected). Esc and the card's Enter then behave as they did over a browser."""
    from tui_shishi.ui.screens.departments import DepartmentsScreen
    from tui_shishi.ui.screens.present import PresentScreen

    app = make_app(seed_db, home="overview")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen) and browsers(app) == []
        if way == "view-then-escape":
            await pilot.press("d")  # the departments view in the home's place
            await settle(pilot)
            assert isinstance(app.screen, DepartmentsScreen) and browsers(app) == []
        await pilot.press("p" if way == "present" else "escape")
        await settle(pilot)
        if way == "present":  # the card selected, 青岛 2025 (the latest report), presented
            assert isinstance(app.screen, PresentScreen) and app.screen.slide.title.startswith("青岛 2025")
            await pilot.press("escape")
            await settle(pilot)
        assert isinstance(app.screen, BrowserScreen) and len(browsers(app)) == 1
        # the first city; after presenting, the year presented
        assert app.screen.tree.has_focus and cursor_label(app).startswith("2025" if way == "present" else "淄博")
        await pilot.press("o")  # home again, over the browser now: Esc pops back to the same one
        await settle(pilot)
        browser = browsers(app)[0]
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is browser and browsers(app) == [browser]


@pytest.mark.parametrize("home", ["overview", "browser"])
async def test_p_on_a_home_card_presents_its_year(seed_db, home):
    """In a meeting: the card chosen on the home, then p, shows that year large; Esc leaves the
    tree on it. The same whether the app opened on the home or the home was opened over the tree."""
    from tui_shishi.ui.screens.present import PresentScreen

    app = make_app(seed_db, home=home)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        if home == "browser":
            await pilot.press("o")
            await settle(pilot)
        screen = app.screen
        card = next(c for c in screen.cards if c.border_title == "青岛 2023")
        card.focus()
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PresentScreen) and app.screen.slide.title.startswith("青岛 2023")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BrowserScreen) and cursor_label(app).startswith("2023")


async def test_what_a_reveal_runs_then_waits_for_it_and_is_forgotten_if_it_finds_nothing(seed_db):
    """p on a home card presents the year once the tree is on it; a reveal that finds nothing
    (a year gone from a rebuilt database) presents nothing, now or at the next reveal."""
    import sqlite3

    with sqlite3.connect(seed_db) as conn:
        (year_id,) = conn.execute("SELECT id FROM years ORDER BY id LIMIT 1").fetchone()
    app = make_app(seed_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        browser, ran = app.screen, []
        browser.reveal("year", 10**6, then=lambda: ran.append("stale"))
        await settle(pilot)
        app.jump("year", year_id)  # another reveal, asking nothing
        await settle(pilot)
        assert ran == []
        browser.reveal("year", year_id, then=lambda: ran.append(cursor_label(app)))
        await settle(pilot)
        assert len(ran) == 1 and ran[0] == cursor_label(app)


async def test_enter_on_a_home_card_opens_its_year_in_the_tree(seed_db):
    app = make_app(seed_db, home="overview")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.screen.cards[0].focus()  # 淄博 2022-2024
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BrowserScreen)
        assert cursor_label(app).startswith("2022-2024")
        await pilot.press("escape")  # the tree does not go back to a dashboard it left: it stays
        await settle(pilot)
        assert isinstance(app.screen, BrowserScreen)


async def test_a_cards_bars_read_as_the_home_closes_are_dropped(seed_db, monkeypatch):
    """Enter on a card closes the home while the card's bars are being read. Here the read
    ends as the home's widgets are being removed (the bars' widget unmounting): its result
    then finds no YearBars. It must be dropped, not fail the app with NoMatches."""
    from tui_shishi.store import reports
    from tui_shishi.ui.widgets.year_bars import YearBars

    reading, release = threading.Event(), threading.Event()
    real = reports.year_items

    def slow_year_items(*args, **kwargs):
        reading.set()
        release.wait(5)
        return real(*args, **kwargs)

    def unmounting(self) -> None:
        release.set()
        time.sleep(0.2)  # the app's loop held: the read ends and hands its result over now

    app = make_app(seed_db, home="overview")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(reports, "year_items", slow_year_items)
        monkeypatch.setattr(YearBars, "on_unmount", unmounting, raising=False)
        home = app.screen
        home.cards[1].focus()  # selected: its bars are read in a worker, held
        await pilot.pause()
        assert reading.wait(5)
        await pilot.press("enter")
        await settle(pilot)
        assert release.is_set() and isinstance(app.screen, BrowserScreen) and not home.is_attached


def _card(year_id: int, as_of: str | None) -> views.Card:
    return views.Card(
        year_id=year_id,
        city="测试市",
        period=str(2000 + year_id),
        n_items=1,
        n_flags=0,
        counts={},
        mean_percent=None,
        as_of=as_of,
        kinds=(),
        n_documents=1,
    )


def test_the_first_card_selected_is_the_latest_report_first_in_the_grid():
    cards = [_card(1, "2025-06-30"), _card(2, "2025-10-31"), _card(3, None), _card(4, "2025-10-31")]
    assert first_card(cards, None) is cards[1]  # latest; of two equally late, the first (least scrolling)
    assert first_card(cards, 4) is cards[3]  # asked for
    assert first_card(cards, "3") is cards[2]
    undated = [_card(5, None), _card(6, None)]
    assert first_card(undated, None) is undated[0]
    assert first_card([], None) is None


# ---------------------------------------------------------------- cards: whole, wrapped, opening


@pytest.mark.parametrize(("size", "per_row"), [((80, 24), 3), ((200, 50), 5)])
async def test_every_card_is_whole_on_screen(seed_db, size, per_row):
    app = make_app(seed_db)
    async with app.run_test(size=size) as pilot:
        screen = await open_overview(pilot)
        cards = screen.cards
        assert [c.border_title for c in cards] == ["淄博 2022-2024", "青岛 2020", "青岛 2023", "青岛 2024", "青岛 2025"]
        assert len({c.region.y for c in cards[:per_row]}) == 1  # the first row holds per_row cards
        if per_row < len(cards):
            assert cards[per_row].region.y > cards[0].region.y  # the rest wrap below, not off the side
        for card in cards:
            card.focus()  # scrolls it into view
            await settle(pilot)
            region = card.region
            assert region.x >= 0 and region.right <= size[0] and region.bottom <= size[1] - 1  # above the footer
            shown = shown_in(app, region)
            assert f"{card.card.city} {card.card.period}" in shown[0]
            body = "\n".join(shown[1:-1])
            for line in card_lines(card.card):
                assert line in body, (line, shown)
            assert f"{card.card.n_items}件" in body
            for status, count in card.card.counts.items():
                assert f"{status} {count}" in body
        # the figures a clipped card misread: 16件 (not 6件), 未标日期 (not 标日期)
        text_2023 = "\n".join(shown_in(app, cards[2].region)) if cards[2].region.bottom < size[1] else ""
        if text_2023:
            assert "16件" in text_2023 and "未标日期" in text_2023


async def test_the_grid_rewraps_when_the_terminal_is_resized(seed_db):
    app = make_app(seed_db)
    async with app.run_test(size=(200, 50)) as pilot:
        screen = await open_overview(pilot)
        assert len({c.region.y for c in screen.cards}) == 1  # one row
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        rows = sorted({c.region.y for c in screen.cards})
        assert len(rows) == 2 and all(c.region.right <= 80 for c in screen.cards)
        await pilot.resize_terminal(54, 20)  # two to a row: 25 + 1 + 25 = 51 cells, the scroll's inside
        await settle(pilot)
        assert len({c.region.y for c in screen.cards}) == 3 and all(c.region.right <= 54 for c in screen.cards)


def test_card_lines_fit_and_keep_their_figures():
    card = views.Card(
        9,
        "某市",
        "2030",
        113,
        {"达成": 100, "进行中": 13, "未报告": 0, "定性": 0},
        123.4,
        116,
        "2030-10-31",
        3,
        ("announced", "progress", "final"),
    )
    lines = card_lines(card)
    from rich.cells import cell_len

    assert all(cell_len(line) <= CARD_CELLS for line in lines), lines
    assert lines[0].startswith("113件") and "123.4%" in lines[0]
    assert "100" in lines[1] and "13" in lines[1]
    assert lines[3].startswith("截至 2030-10-31")


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_enter_and_click_on_a_card_open_its_year(seed_db, size):
    app = make_app(seed_db)
    async with app.run_test(size=size) as pilot:
        screen = await open_overview(pilot)
        assert app.focused.border_title == "青岛 2025"  # the latest report
        screen.cards[2].focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BrowserScreen)
        assert cursor_label(app).startswith("2023")
        screen = await open_overview(pilot)
        await pilot.click("#card-5")  # 淄博 2022-2024
        await settle(pilot)
        assert isinstance(app.screen, BrowserScreen)
        assert cursor_label(app).startswith("2022-2024")


async def test_arrows_move_by_card_and_by_row(seed_db):
    app = make_app(seed_db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_overview(pilot)
        cards = screen.cards
        cards[0].focus()
        await pilot.press("right")
        assert app.focused is cards[1]
        await pilot.press("down")  # three to a row at 80 columns: 青岛 2020 → 青岛 2025 below it
        assert app.focused is cards[4]
        await pilot.press("up", "left")
        assert app.focused is cards[0]
        await pilot.press("down", "down")  # past the last row: the 滞后 panel
        assert app.focused is screen.query_one(BehindPanel)


async def test_city_cards_open_their_year(fixture_db):
    from tui_shishi.ui.widgets.city_view import CityView, CityYearCard

    app = make_app(fixture_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await walk_to(pilot, "青岛", "city")
        cards = list(app.screen.query_one(CityView).query(CityYearCard))
        assert [str(c.content).split(" ")[0] for c in cards] == ["2025", "2023", "2020"]
        cards[1].focus()
        await pilot.press("enter")
        await settle(pilot)
        assert cursor_label(app).startswith("2023")
        await walk_to(pilot, "青岛", "city")
        await pilot.click("#city-year-1")  # 青岛 2020
        await settle(pilot)
        assert cursor_label(app).startswith("2020")


# ---------------------------------------------------------------- panels


async def test_panels_list_what_is_behind_and_what_changed(progress_db):
    app = make_app(progress_db)
    async with app.run_test(size=(200, 50)) as pilot:
        screen = await open_overview(pilot)
        behind = screen.query_one(BehindPanel)
        assert behind.border_title == "滞后 1 项"
        lines = behind.lines()
        assert lines[0] == "-23.3  60% / 序时 83.3%  测试市 2031 第2件 老旧小区改造"
        assert lines[1].startswith("定性 1 件另列")
        changes = screen.query_one(ChangesPanel).lines()
        assert changes[0] == "测试市 2031  2031-06-30 → 2031-10-31"
        by_number = {line.split()[0]: line for line in changes[1:]}
        assert set(by_number) == {"1", "2", "4", "5"}  # 3 changed its words only
        assert "40% → 90% (+50)" in by_number["1"] and "赶上序时" in by_number["1"]
        assert "55% → 60% (+5)" in by_number["2"] and "⚠ 新滞后" in by_number["2"]
        assert "100% → 98% (-2)" in by_number["4"] and "↓ 数字下调" in by_number["4"]
        assert "70% → 100% (+30)" in by_number["5"] and "✔ 新达成" in by_number["5"]
        # what the screen shows, not only the widgets' options
        shown = "\n".join(strip.text for strip in screen_lines(app))
        assert "滞后 1 项" in shown and "最新变化" in shown and "✔ 新达成" in shown
        behind.focus()
        behind.highlighted = 0
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BrowserScreen)
        assert "老旧小区改造" in cursor_label(app)


async def test_a_change_opens_its_item_and_the_more_line_the_behind_list(progress_db):
    from tui_shishi.ui.screens.behind import BehindScreen

    app = make_app(progress_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_overview(pilot)
        panel = screen.query_one(ChangesPanel)
        panel.focus()
        panel.highlighted = next(n for n, line in enumerate(panel.lines()) if "新达成" in line)
        await pilot.press("enter")
        await settle(pilot)
        assert "健身场地" in cursor_label(app)
        screen = await open_overview(pilot)
        behind = screen.query_one(BehindPanel)
        behind.focus()
        behind.highlighted = 1  # 定性 1 件另列 (l 全部 …)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BehindScreen)


async def test_with_one_report_per_year_the_changes_panel_says_so(seed_db):
    app = make_app(seed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_overview(pilot)
        assert screen.query_one(ChangesPanel).lines() == [NO_CHANGES]
        behind = screen.query_one(BehindPanel)
        assert behind.border_title.startswith("滞后 ") and behind.lines()[0].startswith("-33.3  50% / 序时 83.3%  青岛 2020 第28件")
        numbers = [line.split("第")[1].split("件")[0] for line in behind.lines() if line.startswith("-")]
        assert len(numbers) == len(set(numbers))  # one line per item: its largest gap


# ---------------------------------------------------------------- bars


def test_an_item_in_progress_never_draws_beyond_the_plan():
    from tui_shishi.store.views import ItemRow

    def row(number, percent, status):
        return ItemRow(number, 1, "示例市", "2030", number, f"第{number}项", status, percent)

    lines = chart_text([row(1, 111.8, "进行中"), row(2, 120.0, "达成"), row(3, 80.0, "进行中")], 80).plain.splitlines()
    mixed, over, under = lines[1], lines[2], lines[3]
    assert BEYOND not in mixed and MISSING in mixed and "111.8% ◐ 进行中" in mixed  # not drawn as done
    assert BEYOND in over and "120% ✔ 达成" in over
    assert BEYOND not in under and MISSING in under


async def test_the_2020_bars_draw_beyond_the_plan_only_for_achieved_items(seed_db):
    app = make_app(seed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_overview(pilot)
        screen.select(1)  # 青岛 2020
        await settle(pilot)
        from tui_shishi.ui.widgets.year_bars import YearBars

        lines = chart_text(screen.query_one(YearBars).items, 118).plain.splitlines()
        assert any("111.8% ◐ 进行中" in line for line in lines)  # 安居提升工程: mean over 100, not done
        assert any(BEYOND in line for line in lines)
        for line in lines:
            if "◐ 进行中" in line:
                assert BEYOND not in line, line


async def test_overview_cards_are_year_cards(fixture_db):
    app = make_app(fixture_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_overview(pilot)
        assert all(isinstance(c, YearCard) for c in screen.cards) and len(screen.cards) == 4


def test_the_changes_panel_lists_the_latest_city_years_and_counts_the_rest(progress_db):
    import sqlite3

    from tui_shishi.ui.widgets.dashboard_panels import changes_options, latest_changes

    conn = sqlite3.connect(progress_db)
    years, total = latest_changes(conn)
    assert total == 1 and [y.year.city for y in years] == ["测试市"]
    _, options, targets = changes_options(years, total)
    assert not any("另有" in str(o.prompt) and "城市年度" in str(o.prompt) for o in options)
    _, options, targets = changes_options(years, 40)  # 40 city-years have changes, 1 shown
    assert str(options[-1].prompt).startswith("另有 39 个城市年度有两次以上的报告")
    assert targets[-1].kind == "none"
    assert latest_changes(conn, limit=0) == ([], 1)
    conn.close()


def test_the_first_cards_mounted_fill_the_screen_and_one_row_more():
    from tui_shishi.ui.screens.overview import screenful

    assert screenful(80, 24) == 3 * 5  # three 25-cell cards to a row at 80 columns
    assert screenful(120, 40) == 4 * 7
    assert screenful(200, 50) == 7 * 9
    assert screenful(20, 5) == 1 * 1


async def test_the_page_comes_a_screenful_first_then_the_rest_in_order(seed_db, monkeypatch):
    """The first paint mounts a screenful (1 card here) and the card to select (青岛 2020, the
    2nd); the other three follow, in the grid's order, the card still selected."""
    from tui_shishi.store import reports
    from tui_shishi.store.db import open_read
    from tui_shishi.ui.screens import overview
    from tui_shishi.ui.screens.views import show_view

    conn = open_read(seed_db)
    year_id = next(c.year_id for c in reports.overview(conn) if (c.city, c.period) == ("青岛", "2020"))
    conn.close()
    first_batches = []
    real_mount = overview.OverviewScreen._mount_cards

    async def mount_rest(self, cards, offset, total):
        first_batches.append((len(self.cards), len(cards)))
        await real_mount(self, cards, offset, total)

    monkeypatch.setattr(overview, "screenful", lambda width, height: 1)
    monkeypatch.setattr(overview.OverviewScreen, "_mount_cards", mount_rest)
    app = make_app(seed_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = show_view(app, "overview", year_id)
        await settle(pilot)
        assert first_batches == [(2, 3)]
        periods = [(c.card.city, c.card.period) for c in screen.cards]
        assert periods == [("淄博", "2022-2024"), ("青岛", "2020"), ("青岛", "2023"), ("青岛", "2024"), ("青岛", "2025")]
        assert app.focused.border_title == "青岛 2020"


async def test_cards_come_a_page_at_a_time_and_the_last_tile_loads_more(seed_db, monkeypatch):
    """A country has thousands of city-years: the overview mounts a page of cards and a tile
    that loads the next (the seeds' 5 city-years, 2 to a page here)."""
    from tui_shishi.ui.screens import overview
    from tui_shishi.ui.screens.overview import MoreCards

    monkeypatch.setattr(overview, "CARDS_PAGE", 2)
    app = make_app(seed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_overview(pilot)
        periods = [(c.card.city, c.card.period) for c in screen.cards]
        assert periods == [("淄博", "2022-2024"), ("青岛", "2020")]
        more = screen.query_one(MoreCards)
        assert "还有 3 个城市年度" in str(more.render())
        screen.cards[-1].focus()
        await pilot.press("right")  # the arrows reach the tile
        assert app.focused is more
        await pilot.press("enter")
        await settle(pilot)
        assert [(c.card.city, c.card.period) for c in screen.cards][2:] == [("青岛", "2023"), ("青岛", "2024")]
        assert app.focused is screen.cards[2]  # the first card of the new page
        assert "还有 1 个城市年度" in str(screen.query_one(MoreCards).render())
        await pilot.click(MoreCards)
        await settle(pilot)
        assert len(screen.cards) == 5 and not screen.query(MoreCards)
