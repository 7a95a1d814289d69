"""The browser's finish: a section shows its own items, the year table reads at 80×24, years
newest first, the tree fits its labels, the item view wraps CJK text instead of cutting it."""

from __future__ import annotations

import re
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len
from ui_helpers import cursor_label, detail_text, make_app, open_node, settle, tree, walk_to

from tui_shishi.store import queries as q
from tui_shishi.store import views
from tui_shishi.ui.widgets.city_view import CityView
from tui_shishi.ui.widgets.item_view import ItemView
from tui_shishi.ui.widgets.year_view import ItemTable, YearView


@pytest.fixture(scope="module")
def sectioned_db(tmp_path_factory) -> Path:
    """The fixture database with a second section in 青岛 2020 and an item in no section, so
    that a section's list and its year's list differ."""
    from fixture_db import build_fixture_db

    path = build_fixture_db(tmp_path_factory.mktemp("polish") / "shishi.db")
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO sections (id, year_id, document_id, key, number, level, title, text, line)"
        " VALUES (10, 1, 1, '二', 2, 1, '增强教育保障能力', '二、增强教育保障能力,新建中小学10所', 20)"
    )
    conn.executemany(
        "INSERT INTO items (id, year_id, number, section_id, title, status, percent, document_id, line) VALUES (?, 1, ?, ?, ?, ?, ?, 1, ?)",
        [
            (20, 3, 10, "新建改扩建中小学幼儿园与托育机构", "进行中", 60.0, 21),
            (21, 4, None, "一键式紧急报警系统建设", "定性", None, 30),
        ],
    )
    conn.commit()
    conn.close()
    return path


def table_keys(app) -> list[str]:
    table = app.screen.query_one(YearView).query_one(ItemTable)
    return [table.coordinate_to_cell_key((row, 0)).row_key.value for row in range(table.row_count)]


def shown_lines(widget) -> list[str]:
    """The lines a widget draws now, as the terminal shows them (cropped to its width)."""
    return ["".join(segment.text for segment in widget.render_line(y)) for y in range(widget.size.height)]


# ---------------------------------------------------------------- 1. a section shows its own items


async def test_a_section_shows_its_own_items_and_a_year_its_sections(sectioned_db):
    app = make_app(sectioned_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_node(pilot, "2020", "year")
        year_node = tree(app).cursor_node
        assert [c.data.kind for c in year_node.children] == ["section", "section", "item"]
        # the year's table: its two sections, then the item outside them
        assert table_keys(app) == ["s1", "s10", "i21"]
        assert "2个部分" in detail_text(app)
        await walk_to(pilot, "促进城乡就业创业", "section")
        assert table_keys(app) == ["i1", "i2"]  # not the year's whole list
        text = detail_text(app)
        assert "一 促进城乡就业创业  2件" in text and "新建改扩建中小学" not in text
        assert "✔ 达成 1 · ◐ 进行中 1" in text and "序时进度 83.3%" in text
        assert "城镇新增就业30万人" in text and "(第5行)" in text  # its heading as published
        await walk_to(pilot, "增强教育保障能力", "section")
        assert table_keys(app) == ["i20"]
        await pilot.press("enter")  # the tree opens the section: its own item only
        await settle(pilot)
        section_node = tree(app).cursor_node
        assert [str(c.label).split()[1] for c in section_node.children] == ["3"]


async def test_nested_sections_show_their_subsections(fixture_db):
    app = make_app(fixture_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_node(pilot, "2022-2024", "year")
        await open_node(pilot, "聚焦幼有善育", "section")
        assert table_keys(app) == ["s3"]  # its subsection, no item of its own
        rows = "\n".join(shown_lines(app.screen.query_one(ItemTable)))
        assert "(一) ▸ 打造学前教育新高地" in rows and "1件 ○1" in rows
        await walk_to(pilot, "打造学前教育新高地", "section")
        assert table_keys(app) == ["i6"]
        assert detail_text(app).startswith("淄博 2022-2024 › 聚焦幼有善育\n(一) 打造学前教育新高地")


async def test_enter_on_a_section_row_opens_it_in_the_tree(sectioned_db):
    app = make_app(sectioned_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await walk_to(pilot, "2020", "year")
        table = app.screen.query_one(YearView).query_one(ItemTable)
        table.focus()
        await pilot.press("down", "enter")  # the second row: section 二
        await settle(pilot)
        assert "增强教育保障能力" in cursor_label(app) and tree(app).has_focus
        assert table_keys(app) == ["i20"]


def test_sections_count_statuses_below_them(conn):
    top = q.sections(conn, 4)
    assert [(s.key, s.item_count, s.counts) for s in top] == [("一", 1, (("未报告", 1),))]
    first = q.sections(conn, 1)[0]
    assert (first.achieved, first.percent) == (1, pytest.approx((177.5 + 86.0) / 2))
    detail = q.section_detail(conn, 3)
    assert detail.path == ("聚焦幼有善育",) and detail.year.period == "2022-2024"
    assert q.section_path(conn, 3) == views.NodePath("淄博", 4, (2, 3))
    assert q.section_detail(conn, 999) is None


def test_seed_sections_hold_their_own_items(seed_db):
    from tui_shishi.store.db import open_read

    conn = open_read(seed_db)
    try:
        years = {f"{y.city} {y.period}": y.id for c in q.cities(conn) for y in c.years}
        zibo = years["淄博 2022-2024"]
        top = q.sections(conn, zibo)
        subsections = [s for t in top for s in q.sections(conn, zibo, t.id)]
        assert (len(top), len(subsections)) == (5, 34)
        assert sum(len(q.items(conn, zibo, s.id)) for s in subsections) == 113
        assert all(s.item_count == sum(x.item_count for x in q.sections(conn, zibo, s.id)) for s in top)
        qingdao = years["青岛 2020"]
        top = q.sections(conn, qingdao)
        assert len(top) == 12 and sum(len(q.items(conn, qingdao, s.id)) for s in top) == 36
        assert q.items(conn, qingdao, None) == []  # every 2020 item sits in a section
    finally:
        conn.close()


# ---------------------------------------------------------------- 2. the year table at 80×24


async def test_year_table_reads_at_80x24_without_scrolling_sideways(sectioned_db):
    app = make_app(sectioned_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_node(pilot, "2020", "year")
        await walk_to(pilot, "促进城乡就业创业", "section")
        table = app.screen.query_one(YearView).query_one(ItemTable)
        assert table.max_scroll_x == 0 and table.region.right <= 80
        lines = shown_lines(table)
        employment = next(line for line in lines if "就业方面" in line)
        assert "177.5% 超额" in employment and "█" in employment
        assert "86%" in next(line for line in lines if "引才聚才" in line)
        await pilot.resize_terminal(160, 45)
        await settle(pilot)
        wide = shown_lines(app.screen.query_one(YearView).query_one(ItemTable))
        assert any("✔ 达成" in line and "177.5% 超额" in line for line in wide)  # room for the word


def test_columns_fit_the_width_in_cells():
    from tui_shishi.ui.widgets.year_view import columns_for

    def progress(bar_cells: int) -> int:
        return bar_cells + cell_len(" 177.5% 超额")

    for width in (30, 43, 55, 60, 117):
        cols = columns_for(width, 2, 40, progress)
        assert cols.total <= width or cols.title == 6, width
    assert not columns_for(43, 2, 40, progress).words and columns_for(60, 2, 40, progress).words
    assert columns_for(117, 2, 8, progress).title == 8  # never wider than the longest title


async def test_seed_year_at_80x24_shows_percent_and_over(seed_db):
    app = make_app(seed_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await walk_to(pilot, "2025 ·", "year")
        table = app.screen.query_one(YearView).query_one(ItemTable)
        assert table.max_scroll_x == 0
        lines = shown_lines(table)
        assert any("超额" in line and "%" in line for line in lines)


# ---------------------------------------------------------------- 3. the view dataclasses' module


def test_view_dataclasses_have_their_own_package_and_queries_stays_small():
    import dataclasses

    from tui_shishi.store import queries, views
    from tui_shishi.store.views import browse, lists

    # one read API: the objects are the views package's; nothing reads them through a query module
    src = Path(views.__file__).parent.parent.parent
    through = re.compile(r"\b(?:q|queries|reports|trends|progress|export|dashboard)\.(?:" + "|".join(views.__all__) + r")\b")
    assert [str(f) for f in src.rglob("*.py") if through.search(f.read_text(encoding="utf-8"))] == []
    assert all(dataclasses.is_dataclass(getattr(views, name)) for name in views.__all__ if name != "short_title")
    for module in (queries, views, browse, lists):
        lines = Path(module.__file__).read_text(encoding="utf-8").count("\n")
        assert lines <= 400, (module.__name__, lines)
    assert "textual" not in sys.modules or "textual" not in views.__dict__


# ---------------------------------------------------------------- 4. years newest first


async def test_years_newest_first_in_tree_city_view_and_palette(fixture_db):
    from ui_helpers import stop_blinking, type_text

    app = make_app(fixture_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        qingdao = tree(app).find_city("青岛")
        assert [str(y.label).split(" ")[0] for y in qingdao.children] == ["2025", "2023", "2020"]
        await walk_to(pilot, "青岛", "city")
        cards = app.screen.query_one(CityView).query(".year-card")
        assert [str(c.content).split(" ")[0] for c in cards] == ["2025", "2023", "2020"]
        years = [t.label for t in q.jump_targets(app.conn, "青岛") if t.kind == "year"]
        assert years == ["青岛 2025", "青岛 2023", "青岛 2020"]
        await pilot.press("ctrl+p")
        await settle(pilot)
        stop_blinking(app)
        await type_text(pilot, "青岛 20")
        await pilot.press("enter")  # the first hit: the current year
        await settle(pilot)
        assert cursor_label(app).startswith("2025")


async def test_city_cards_wrap_instead_of_scrolling_sideways(fixture_db):
    app = make_app(fixture_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await walk_to(pilot, "青岛", "city")
        view = app.screen.query_one(CityView)
        assert view.max_scroll_x == 0
        assert all(card.region.right <= 80 for card in view.query(".year-card"))


# ---------------------------------------------------------------- 5. what staff see


def test_tree_labels_cut_the_title_not_the_percent():
    from tui_shishi.ui.widgets.plan_tree import fit_label, item_label

    item = views.ItemRow(1, 1, "测试市", "2031", 3, "服务职工系列工程建设与改造提升", "达成", 120.6)
    label = fit_label(item_label(item), 20)
    assert cell_len(label.plain) <= 20
    assert label.plain.startswith("✔  3 服务") and label.plain.endswith("… 120.6%")


async def test_narrow_tree_shows_status_and_percent(sectioned_db):
    app = make_app(sectioned_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_node(pilot, "2020", "year")
        await open_node(pilot, "增强教育保障能力", "section")
        t = tree(app)
        t.move_to(t.cursor_node.children[0])
        await settle(pilot)
        line = shown_lines(t)[t.cursor_line - t.scroll_offset.y]
        assert "◐" in line and "60%" in line and "新建改扩建" in line and "…" in line


async def test_item_view_wraps_sources_and_flags_instead_of_cutting(fixture_db):
    app = make_app(fixture_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_node(pilot, "2020", "year")
        await open_node(pilot, "促进城乡就业创业", "section")
        await walk_to(pilot, "就业方面", "item")
        view = app.screen.query_one(ItemView)
        sources = view.query_one(".sources")
        text = "".join(line.strip() for line in shown_lines(sources))
        assert "占年计划的102.6%" in text and "…" not in text  # the whole sentence, folded
        flags = view.query_one(".flags")
        shown = "\n".join(shown_lines(flags))
        assert "数字前后不一致" in shown and "第7行" in shown and "已核对" in shown
        assert "截至2020-10-31" in detail_text(app)  # in the header, once for the item


async def test_repeated_bullets_flags_read_in_words_at_80x24(seed_db):
    app = make_app(seed_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_node(pilot, "2024 · 12件", "year")  # not 2022-2024
        await walk_to(pilot, "打通城市未贯通道路", "item")
        flags = app.screen.query_one(ItemView).query_one(".flags")
        shown = "\n".join(shown_lines(flags))
        assert "条目重复" in shown and "编号顺序不对" in shown
        assert all(cell_len(line) <= flags.size.width for line in shown_lines(flags))


async def test_flags_summary_of_a_year_is_in_words(fixture_db, tmp_path):
    copy = tmp_path / "flags.db"
    shutil.copy(fixture_db, copy)
    app = make_app(copy)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await walk_to(pilot, "2020", "year")
        assert "⚠ 数据质量提示 1 条: 已去除网页杂项 ×1" in detail_text(app)
