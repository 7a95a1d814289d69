"""The tree of a database of many cities: the first screen reads and shows the first city's years
only (queries.tree_start), the other cities load theirs when opened, and every way of reaching
an item or a year in a closed city (palette, search, reload) opens it on the way.

The hand-made database has 2 cities and 4 years; ``OPEN_ALL_UP_TO`` is lowered to make it "many"."""

from __future__ import annotations

import pytest
from ui_helpers import cursor_label, detail_text, make_app, palette_jump, settle, tree

from tui_shishi.store import cities
from tui_shishi.store import queries as q


@pytest.fixture
def many(monkeypatch):
    monkeypatch.setattr(cities, "OPEN_ALL_UP_TO", 3)


def test_tree_start_opens_every_city_only_when_the_years_are_few(conn, monkeypatch):
    names, opened = q.tree_start(conn)
    assert names == [("淄博", 1), ("青岛", 3)]
    assert [c.city for c in opened] == ["淄博", "青岛"]
    names, opened = q.tree_start(conn, open_all_up_to=3)
    assert names == [("淄博", 1), ("青岛", 3)]
    assert [(c.city, [y.period for y in c.years]) for c in opened] == [("淄博", ["2022-2024"])]


def test_one_city_read_alone_equals_it_read_among_all(conn):
    assert [q.city(conn, c.city) for c in q.cities(conn)] == q.cities(conn)
    assert q.city(conn, "没有的城市") is None


async def test_many_cities_open_with_the_first_city_only(fixture_db, many):
    app = make_app(fixture_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        zibo, qingdao = tree(app).root.children
        assert str(zibo.label) == "淄博 · 1 个年度" and zibo.is_expanded
        assert [str(y.label).split(" ·")[0] for y in zibo.children] == ["2022-2024"]
        assert str(qingdao.label) == "青岛 · 3 个年度" and not qingdao.is_expanded
        assert qingdao.allow_expand and not qingdao.children  # its years load when it opens
        assert "2022-2024" in detail_text(app)  # the first city's detail shows as before
        await pilot.press("down", "down", "space")  # 2022-2024, then 青岛: open it
        await settle(pilot)
        assert qingdao.is_expanded
        assert [str(y.label) for y in qingdao.children] == ["2025 · 2件 · 1 达成", "2023 · 1件 · 0 达成", "2020 · 2件 · 1 达成"]


async def test_the_palette_reaches_an_item_of_a_city_not_opened(fixture_db, many):
    app = make_app(fixture_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert not tree(app).find_city("青岛").is_expanded
        await palette_jump(pilot, "引才聚才")
        assert "引才聚才方面" in cursor_label(app)
        assert "第2件 ◐ 进行中 · 平均占年计划 86%\n引才聚才方面\n" in detail_text(app)


async def test_a_year_of_a_city_not_opened_is_revealed(fixture_db, many):
    app = make_app(fixture_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        year_id = next(y.id for c in q.cities(app.conn) for y in c.years if c.city == "青岛" and y.period == "2023")
        app.jump("year", year_id)
        await settle(pilot)
        assert cursor_label(app).startswith("2023 · 1件")
        assert tree(app).cursor_node.is_expanded
