"""The app picks up a database changed under it: `r`, the data_version poll, a rebuild by rename.

The writes are those of `shishi import` (open_write + write_documents, which rebuilds the search
index too) and `shishi build` (store.build.build: a new file renamed over the old one).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from ui_helpers import cursor_label, detail_text, settle, tree, walk_to

from tui_shishi.store import queries as q
from tui_shishi.store.build import build, parse_files, write_documents
from tui_shishi.store.db import open_read, open_write
from tui_shishi.ui.app import ShishiApp
from tui_shishi.ui.screens.help import help_table

SEEDS = Path(__file__).resolve().parents[2] / "data" / "sources"
NEW_LIST = """示例市2031年市办实事项目

第1件：新增城镇就业10万人以上（责任单位：市人力资源社会保障局）

第2件：新增停车泊位2000个（责任单位：市公安局）
"""


@pytest.fixture
def db(tmp_path, fixture_db) -> Path:
    path = tmp_path / "shishi.db"
    shutil.copy(fixture_db, path)
    return path


@pytest.fixture
def new_list(tmp_path) -> Path:
    path = tmp_path / "demo-2031-list.txt"
    path.write_text(NEW_LIST, encoding="utf-8")
    return path


def import_files(db: Path, *files: Path, **overrides) -> None:
    """What `shishi import` does: parse everything, then one transaction (and the index)."""
    docs = parse_files(list(files), **overrides)
    conn = open_write(db)
    try:
        write_documents(conn, docs)
    finally:
        conn.close()


def city_years(app: ShishiApp) -> dict[str, list[str]]:
    return {node.data.key: [str(year.label).split(" · ")[0] for year in node.children] for node in tree(app).root.children}


async def wait_for(pilot, condition, rounds: int = 100) -> None:
    """Let the app run (its poll timer fires meanwhile) until ``condition()``; fail after ``rounds``."""
    for _ in range(rounds):
        await settle(pilot)
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the app did not pick up the change")


def notes(app: ShishiApp) -> list[str]:
    return [n.message for n in app._notifications]


async def test_r_reloads_an_import_and_keeps_the_cursor_on_its_item(db, new_list):
    app = ShishiApp(open_read(db), db, poll_interval=None, home="browser")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await walk_to(pilot, "2020", "year")
        await pilot.press("enter")
        await settle(pilot)
        await walk_to(pilot, "促进城乡就业创业", "section")
        await pilot.press("enter")
        await settle(pilot)
        await walk_to(pilot, "引才聚才方面", "item")
        assert "示例市" not in city_years(app)
        import_files(db, new_list, city="示例市", year=2031)
        await pilot.press("r")
        await settle(pilot)
        assert city_years(app)["示例市"] == ["2031"]
        assert "引才聚才方面" in cursor_label(app) and "引才聚才方面" in detail_text(app)
        assert "已重新载入" in notes(app)


async def test_the_poll_sees_an_import_and_says_so(db, new_list):
    app = ShishiApp(open_read(db), db, poll_interval=0.05, home="browser")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await walk_to(pilot, "2023", "year")
        await pilot.pause(0.2)  # a few polls with nothing new: no reload, no message
        await settle(pilot)
        assert notes(app) == []
        import_files(db, new_list, city="青岛", year=2031)
        await wait_for(pilot, lambda: "2031" in city_years(app).get("青岛", []))
        assert "数据库已更新" in notes(app)
        assert "2023" in cursor_label(app) and cursor_label(app).startswith("2023")


async def test_a_rebuild_by_rename_is_reopened_with_the_cursor_found_by_content(db, new_list, tmp_path):
    """`shishi build` renames a new file over the old one: the app's connection (and the search
    box's) would go on reading the old, unlinked file. Row ids differ in the new database: the
    cursor is found again by city, year, section and 第N件."""
    app = ShishiApp(open_read(db), db, poll_interval=0.05, home="browser")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.press(*"就业")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await walk_to(pilot, "2020", "year")
        await pilot.press("enter")
        await settle(pilot)
        await walk_to(pilot, "促进城乡就业创业", "section")
        await pilot.press("enter")
        await settle(pilot)
        await walk_to(pilot, "引才聚才方面", "item")
        old_id = tree(app).cursor_node.data.key
        sources = tmp_path / "sources"
        sources.mkdir()
        shutil.copy(new_list, sources / "a-demo-2031-list.txt")
        shutil.copy(SEEDS / "qingdao-2020-progress-october.txt", sources)
        old_inode = db.stat().st_ino
        build(sources, db)
        assert db.stat().st_ino != old_inode
        await wait_for(pilot, lambda: "淄博" not in city_years(app))
        cities = city_years(app)
        assert "淄博" not in cities and "青岛" in cities and len(cities) == 2  # 淄博 was only in the old file
        node = tree(app).cursor_node
        assert node.data.kind == "item" and node.data.key != old_id and "引才聚才" in str(node.label)
        assert "数据库已更新" in notes(app)
        await pilot.press("slash")
        await pilot.press(*"停车泊位")
        await settle(pilot)
        panel = app.screen.query_one("#search")
        assert panel.hits and all("停车泊位" in hit.title for hit in panel.hits)  # the new file's index


async def test_a_broken_replacement_keeps_what_is_shown_and_says_why(db, tmp_path):
    app = ShishiApp(open_read(db), db, poll_interval=None, home="browser")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        before = city_years(app)
        junk = tmp_path / "junk.db"
        junk.write_bytes(b"not a database at all" * 100)
        junk.replace(db)
        await pilot.press("r")
        await settle(pilot)
        assert city_years(app) == before
        assert any(n.startswith("无法重新载入") and "不是 SQLite 数据库" in n for n in notes(app))
        await pilot.press("r")  # the same broken file: said once, not on every poll
        await settle(pilot)
        assert sum(n.startswith("无法重新载入") for n in notes(app)) == 1


def test_spot_finds_an_item_by_content_when_ids_change(conn):
    spot = q.spot_of(conn, "item", 2)
    assert spot == q.Spot("青岛", "2020", ("一",), 2, "引才聚才方面")
    assert q.find_spot(conn, spot) == ("item", 2)
    assert q.find_spot(conn, q.Spot("青岛", "2020", ("一",), 99)) == ("section", 1)
    assert q.find_spot(conn, q.Spot("青岛", "2031")) == ("city", "青岛")
    assert q.find_spot(conn, q.Spot("淄博", "2022-2024", ("一", "(一)"), 1)) == ("item", 6)
    assert q.find_spot(conn, q.Spot("示例市")) is None


async def test_help_lists_r_and_shows_its_table_at_80x24(fixture_db):
    keys = [str(cell) for cell in help_table().columns[0]._cells]
    assert "r" in keys
    app = ShishiApp(open_read(fixture_db), fixture_db, poll_interval=None, home="browser")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        box = app.screen.query_one("#help")
        assert box.region.width > 60 and box.region.right <= 80  # (it was 4 cells wide, empty)
        assert box.max_scroll_x == 0 and box.virtual_size.height > 20


async def test_a_reload_during_a_search_runs_it_again_on_the_new_data(db, new_list):
    app = ShishiApp(open_read(db), db, poll_interval=None, home="browser")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.press(*"新增城镇就业")
        await settle(pilot)
        panel = app.screen.query_one("#search")
        assert not any(hit.city == "示例市" for hit in panel.hits)
        import_files(db, new_list, city="示例市", year=2031)
        app.action_reload()  # (r would go into the search box)
        await settle(pilot)
        assert panel.mode == "list" and any(hit.city == "示例市" for hit in panel.hits)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.query_one("#panes").display and tree(app).cursor_node is not None
