"""Presentation mode (p, shishi --present): high contrast, the key figures in large digits, the
tree cursor stepped without leaving; Esc or p leaves it and puts the theme back."""

from __future__ import annotations

import sys

from textual.widgets import Digits
from ui_helpers import make_app, open_node, settle, tree, walk_to

from tui_shishi.store import queries as q
from tui_shishi.ui.screens.present import THEME, PresentScreen, share


def digits(app) -> list[str]:
    return [str(d.value) for d in app.screen.query(Digits)]


def test_the_share_is_never_rounded_up_to_the_whole():
    assert share(14, 15) == "93.3%"
    assert share(999, 1000) == "99.9%"
    assert share(3, 3) == "100%"
    assert share(0, 0) == "-"


async def test_p_shows_the_year_large_and_esc_leaves(fixture_db, conn):
    app = make_app(fixture_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        theme = app.theme
        await walk_to(pilot, "2020", "year")
        year = q.year(conn, tree(app).cursor_node.data.key)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PresentScreen)
        assert app.theme == THEME.name
        assert digits(app) == [f"{year.achieved}/{year.item_count}", share(year.achieved, year.item_count)]
        assert app.screen.slide is not None and app.screen.slide.title == f"{year.name} 市办实事"
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, PresentScreen) and app.theme == theme


async def test_an_item_shows_its_indicators_and_percent_and_steps_on(fixture_db, conn):
    app = make_app(fixture_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_node(pilot, "2020", "year")
        await open_node(pilot, "促进城乡就业创业", "section")
        await walk_to(pilot, "就业方面", "item")
        detail = q.item_detail(conn, tree(app).cursor_node.data.key)
        done = sum(1 for i in detail.indicators if i.status == "达成")
        await pilot.press("p")
        await settle(pilot)
        assert digits(app) == [f"{done}/{len(detail.indicators)}", "177.5%"]
        body = app.screen.slide.lines
        assert any("超额 +191.3%" in line.plain for line in body)
        await pilot.press("down")  # the next node of the tree, still presenting
        await settle(pilot)
        assert isinstance(app.screen, PresentScreen)
        assert app.screen.slide.title != detail.item.title
        await pilot.press("p")  # p leaves too
        await settle(pilot)
        assert not isinstance(app.screen, PresentScreen)


async def test_the_app_can_open_presenting(fixture_db):
    from tui_shishi.store.db import open_read
    from tui_shishi.ui.app import ShishiApp

    app = ShishiApp(open_read(fixture_db), fixture_db, present=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PresentScreen)
        assert digits(app)  # the first city's newest year


async def test_the_app_opening_presenting_waits_for_the_trees_cities(fixture_db, monkeypatch):
    """In a real terminal the presentation was asked for before the tree had read its cities,
    and showed nothing: it now comes once they are there."""
    import threading

    from tui_shishi.store import queries
    from tui_shishi.store.db import open_read
    from tui_shishi.ui.app import ShishiApp

    release = threading.Event()
    real = queries.tree_start

    def slow_tree_start(*args, **kwargs):
        release.wait(5)
        return real(*args, **kwargs)

    monkeypatch.setattr(queries, "tree_start", slow_tree_start)
    app = ShishiApp(open_read(fixture_db), fixture_db, present=True)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(5):
            await pilot.pause()
        assert not isinstance(app.screen, PresentScreen)  # not before the cities
        release.set()
        await settle(pilot)
        assert isinstance(app.screen, PresentScreen) and digits(app)


def test_present_flag_reaches_the_app(monkeypatch, fixture_db):
    from click.testing import CliRunner

    import tui_shishi.ui.app as ui_app
    from tui_shishi import launch
    from tui_shishi.cli import main

    seen = []
    monkeypatch.setattr(ui_app, "run", lambda path, present=False, home="overview": seen.append((str(path), present, home)))
    result = CliRunner().invoke(main, ["--db", str(fixture_db), "--present"])
    assert result.exit_code == 0, result.output
    monkeypatch.setattr(sys, "argv", ["shishi", "--present", "--db", str(fixture_db)])
    launch.main()
    monkeypatch.setattr(sys, "argv", ["shishi", "--db", str(fixture_db)])
    launch.main()
    monkeypatch.setattr(sys, "argv", ["shishi", "--tree", "--db", str(fixture_db)])
    launch.main()
    result = CliRunner().invoke(main, ["--db", str(fixture_db), "--tree"])
    assert result.exit_code == 0, result.output
    db = str(fixture_db)
    assert seen == [(db, True, "overview"), (db, True, "overview"), (db, False, "overview"), (db, False, "browser"), (db, False, "browser")]
