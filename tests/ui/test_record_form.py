"""The 录入 form: ``a`` on an item, type the figure, Enter; it shows under its indicator, marked
录入 and 未公布, the status unchanged. Esc writes nothing; bad input is said inline."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from ui_helpers import detail_text, make_app, open_node, settle, type_text, walk_to

from tui_shishi.store import db as dbmod
from tui_shishi.store import records as rec
from tui_shishi.ui.screens.browser import BrowserScreen
from tui_shishi.ui.screens.record import RecordScreen
from tui_shishi.ui.widgets.item_view import ItemView

ITEM = "完善重点群体就业创业支持措施和服务体系"  # 青岛 2025 第1件 in the fixture


@pytest.fixture
def db(tmp_path, fixture_db):
    path = tmp_path / "fixture.db"
    shutil.copy(fixture_db, path)  # never the shared fixture, never data/shishi.db
    return path


def records_in(path):
    conn = dbmod.open_read(path)
    try:
        return rec.key_records(conn)
    finally:
        conn.close()


async def open_item(pilot):
    await open_node(pilot, "2025", "year")
    await walk_to(pilot, ITEM, "item")


def header(app) -> str:
    return detail_text(app).splitlines()[0]


async def test_a_opens_the_form_enter_saves_and_the_pane_shows_it_as_recorded(db):
    app = make_app(db)
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        await open_item(pilot)
        status_before = header(app)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, RecordScreen)
        # today by default, within the plan period: 2025's last day once 2025 is over
        assert app.screen.query_one("#record-as-of").value == min(dt.date.today(), dt.date(2025, 12, 31)).isoformat()
        app.screen.query_one("#record-as-of").value = "2025-06-30"
        await type_text(pilot, "8000")  # the actual Input has the focus
        app.screen.query_one("#record-note").value = "人社局月报"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BrowserScreen)
        text = detail_text(app)
        assert "[录入] 实际 8000" in text and "截至2025-06-30" in text and "人社局月报" in text and "录入，未公布" in text
        assert header(app) == status_before  # a recorded figure is not judged
        view = app.screen.query_one(ItemView)
        first_row = next(iter(view.indicator_rows.values()))
        children = list(view.children)
        assert "records" in children[children.index(first_row) + 1].classes  # right under its indicator
    (made,) = records_in(db)
    assert made.actual_value == 8000 and made.note == "人社局月报" and made.as_of == "2025-06-30" and made.indicator == 1


async def test_bad_input_is_said_inline_and_esc_writes_nothing(db):
    before = db.read_bytes()
    app = make_app(db)
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        await open_item(pilot)
        await pilot.press("a")
        await settle(pilot)
        await type_text(pilot, "八千")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RecordScreen)  # still open, the reason shown
        assert "不是数字" in str(app.screen.query_one("#record-error").content)
        app.screen.query_one("#record-actual").value = "10"
        app.screen.query_one("#record-as-of").value = "2026-01-05"
        await pilot.press("enter")
        await settle(pilot)
        assert "不在计划期" in str(app.screen.query_one("#record-error").content)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BrowserScreen)
        assert "[录入]" not in detail_text(app)
    assert records_in(db) == [] and db.read_bytes() == before


async def test_a_without_an_item_says_what_to_do(db):
    app = make_app(db)
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, BrowserScreen)
        assert any("先在树中选择一个事项" in str(n.message) for n in app._notifications)


async def test_a_on_an_indicator_node_records_for_that_indicator(db):
    app = make_app(db)
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        await open_node(pilot, "2020", "year")
        await open_node(pilot, "促进城乡就业创业", "section")
        await open_node(pilot, "就业方面", "item")  # 3 indicators
        await walk_to(pilot, "政策性扶持创业", "indicator")
        await pilot.press("a")
        await settle(pilot)
        assert app.screen.query_one("#record-indicator").value == 2
        app.screen.query_one("#record-as-of").value = "2020-09-30"
        await type_text(pilot, "1.2万")  # the target reads 1.5万人: 万 is understood
        await pilot.press("enter")
        await settle(pilot)
        view = app.screen.query_one(ItemView)
        rows = list(view.indicator_rows.values())
        children = list(view.children)
        under = children[children.index(rows[1]) + 1]
        assert "records" in under.classes and "[录入] 实际 1.2万人" in str(under.content)
        assert "records" not in children[children.index(rows[0]) + 1].classes
    (made,) = records_in(db)
    assert (made.indicator, made.indicator_text, made.actual_value, made.actual_unit) == (2, "政策性扶持创业1.5万人", 12000, "人")
