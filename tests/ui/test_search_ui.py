"""The search box of the browser (/ n N Esc), driven by keys on the hand-made database of
fixture_db.py plus three items about 养老 (found in a title, an indicator and the source text)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets import Input, OptionList, Static
from textual.widgets._footer import FooterKey
from ui_helpers import cursor_label, detail_text, make_app, plain, settle, shown_text, stop_blinking, type_text, walk_to

from tui_shishi.store import search as store_search
from tui_shishi.ui.screens.help import help_table
from tui_shishi.ui.widgets.item_view import HIGHLIGHT, ItemView
from tui_shishi.ui.widgets.search import PAGE, SearchPanel

ELDERLY = [
    # id, year_id, number, section_id, title, text, status, document_id, line
    (7, 3, 5, None, "扩大优质养老助残服务供给", "第5件：扩大优质养老助残服务供给，新建社区养老服务站20处。", "达成", 3, 30),
    (8, 1, 3, 1, "老年助餐", "3.助餐方面,全市新建老年助餐点120处。", "进行中", 1, 11),
    (9, 4, 2, 3, "发展普惠托育", "2、推进托育服务与养老服务融合发展。", "未报告", 4, 6),
]
# item 8 is found by its indicator (not its title), item 9 by its source text only
ELDERLY_INDICATOR = "建设街道居家社区养老服务中心90个"


def build_search_db(path: Path, extra_items: int = 0) -> Path:
    """The UI fixture database with the 养老 items above, ``extra_items`` more titled
    ``养老服务第N项`` (for paging), and the search index."""
    from fixture_db import build_fixture_db

    build_fixture_db(path)
    conn = sqlite3.connect(path)
    rows = list(ELDERLY) + [
        (100 + n, 2, 100 + n, None, f"养老服务第{n}项", f"养老服务第{n}项。", "未报告", 2, 100 + n) for n in range(extra_items)
    ]
    conn.executemany(
        "INSERT INTO items (id, year_id, number, section_id, title, text, status, document_id, line) VALUES (?,?,?,?,?,?,?,?,?)",
        rows,
    )
    conn.executemany("INSERT INTO item_documents (item_id, document_id) VALUES (?, ?)", [(r[0], r[7]) for r in rows])
    sentence_id = conn.execute("INSERT INTO sentences (document_id, line, text) VALUES (1, 12, ?)", (ELDERLY_INDICATOR,)).lastrowid
    conn.execute(
        "INSERT INTO indicators (item_id, document_id, ordinal, text, sentence_id, line, target_value, target_unit,"
        " target_qualifier, target_text, target_label, target_start, target_end, status)"
        " VALUES (8, 1, 1, ?, ?, 12, 90, '个', '', '90个', '', ?, ?, '进行中')",
        (ELDERLY_INDICATOR, sentence_id, len(ELDERLY_INDICATOR) - 3, len(ELDERLY_INDICATOR)),
    )
    store_search.rebuild_index(conn)
    conn.commit()
    conn.close()
    return path


@pytest.fixture(scope="module")
def search_db(tmp_path_factory) -> Path:
    return build_search_db(tmp_path_factory.mktemp("search") / "shishi.db")


def panel(app) -> SearchPanel:
    return app.screen.query_one(SearchPanel)


def status(app) -> str:
    return plain(app.screen.query_one("#search-status", Static))


def prompts(app) -> list[str]:
    results = app.screen.query_one("#search-results", OptionList)
    return [str(getattr(o.prompt, "plain", o.prompt)) for o in results.options]


def highlighted(text: Text) -> list[str]:
    return [text.plain[s.start : s.end] for s in text.spans if str(s.style) == HIGHLIGHT]


async def open_search(pilot, text: str) -> None:
    await pilot.press("slash")
    await settle(pilot)
    stop_blinking(pilot.app)
    await type_text(pilot, text)


async def test_slash_focuses_the_box_and_typing_lists_hits_with_count_and_where(search_db):
    app = make_app(search_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        assert isinstance(app.focused, Input) and app.focused.id == "search-input"
        assert "养老" in " ".join(prompts(app))  # the empty box explains itself
        await type_text(pilot, "养老")  # no Enter: results as you type
        hits = panel(app).hits
        assert [h.item_id for h in hits] == [7, 8, 9]  # title, then indicator, then source text
        assert status(app).startswith("3 件")
        with sqlite3.connect(search_db) as conn:
            assert store_search.count(conn, "养老") == 3
        shown = prompts(app)
        assert shown[0] == "青岛 2025 第5件 扩大优质养老助残服务供给"
        assert shown[1].startswith("青岛 2020 第3件 老年助餐\n  指标 第12行 ") and ELDERLY_INDICATOR in shown[1]
        assert shown[2].startswith("淄博 2022-2024 第2件 发展普惠托育\n  原文") and "养老服务融合" in shown[2]
        results = app.screen.query_one("#search-results", OptionList)
        assert highlighted(results.options[1].prompt) == ["养老"]
        assert not app.screen.query_one("#panes").display  # the results are over the panes


async def test_enter_opens_the_item_in_tree_and_detail_with_the_match_highlighted(search_db):
    app = make_app(search_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_search(pilot, "养老")
        await pilot.press("down", "enter")  # the second hit: 老年助餐, by its indicator
        await settle(pilot)
        assert "老年助餐" in cursor_label(app) and tree_kind(app) == "item"
        assert app.screen.query_one("#panes").display
        text = detail_text(app)
        assert "第3件 ◐ 进行中\n老年助餐\n" in text
        assert "指标 第12行" in text  # the match box says where
        view = app.screen.query_one(ItemView)
        assert view.match is not None and view.match.item_id == 8
        marked = [w for w in view.query(Static) if (t := shown_text(w)) is not None and "养老" in highlighted(t)]
        assert len(marked) >= 2  # the match box and the indicator row
        assert "第 2/3 件" in status(app)


def tree_kind(app) -> str:
    from ui_helpers import tree

    node = tree(app).cursor_node
    return node.data.kind if node is not None else ""


async def test_enter_typed_before_the_results_came_opens_the_first(search_db, monkeypatch):
    import threading

    answer = threading.Event()
    real = store_search.search

    def held_back(conn, query, **kwargs):
        answer.wait(10)
        return real(conn, query, **kwargs)

    monkeypatch.setattr(store_search, "search", held_back)
    app = make_app(search_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.pause()
        app.focused.insert_text_at_cursor("养老")
        await pilot.pause()
        await pilot.press("enter")  # the search has not answered yet
        assert panel(app).hits == []
        answer.set()
        await settle(pilot)
        assert "扩大优质养老助残服务供给" in cursor_label(app)


async def test_a_click_opens_a_hit(search_db):
    app = make_app(search_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_search(pilot, "养老")
        await pilot.click("#search-results", offset=(4, 0))
        await settle(pilot)
        assert "扩大优质养老助残服务供给" in cursor_label(app)
        assert "第5件 ✔ 达成\n扩大优质养老助残服务供给\n" in detail_text(app)


async def test_n_and_shift_n_step_and_escape_puts_the_tree_back(search_db):
    app = make_app(search_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await walk_to(pilot, "青岛", "city")
        from ui_helpers import tree

        origin = tree(app).cursor_node
        year_2025 = next(n for n in origin.children if "2025" in str(n.label))
        assert not year_2025.is_expanded
        await open_search(pilot, "养老")
        await pilot.press("enter")
        await settle(pilot)
        assert "扩大优质养老助残服务供给" in cursor_label(app)
        assert year_2025.is_expanded
        await pilot.press("n")
        await settle(pilot)
        assert "老年助餐" in cursor_label(app) and "\n老年助餐\n" in detail_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert "发展普惠托育" in cursor_label(app) and "第 3/3 件" in status(app)
        await pilot.press("n")  # the last: stays
        await settle(pilot)
        assert "发展普惠托育" in cursor_label(app)
        await pilot.press("N")
        await settle(pilot)
        assert "老年助餐" in cursor_label(app)
        await pilot.press("slash")  # back to the list, on the hit opened last
        await settle(pilot)
        assert app.screen.query_one("#search-results", OptionList).highlighted == 1
        await pilot.press("escape")
        await settle(pilot)
        assert tree(app).cursor_node is origin and app.focused is tree(app)
        assert not year_2025.is_expanded  # opened by the search, closed again
        assert not panel(app).display and app.screen.query_one("#panes").display
        assert "养老" not in " ".join(highlighted_in_detail(app))
        await pilot.press("escape")  # Esc is the tree's again: 青岛 collapses
        await settle(pilot)
        assert not origin.is_expanded


def highlighted_in_detail(app) -> list[str]:
    out: list[str] = []
    for widget in app.screen.query("#detail Static"):
        if (text := shown_text(widget)) is not None:
            out += highlighted(text)
    return out


async def test_escape_from_the_box_returns_to_the_detail_that_had_focus(search_db):
    app = make_app(search_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await walk_to(pilot, "淄博", "city")
        await pilot.press("tab")
        await settle(pilot)
        focused = app.focused
        await open_search(pilot, "就业")
        await pilot.press("escape")
        await settle(pilot)
        assert app.focused is focused
        assert "淄博" in cursor_label(app)


async def test_n_without_a_search_says_how(search_db):
    app = make_app(search_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert any("/ 搜索" in str(n.message) for n in app._notifications)


HOSTILE = [
    '"',
    "*",
    "AND",
    "NEAR(",
    "(",
    ")",
    "\\",
    "😀",
    "养" * 10_000,
    '"养老',
    "year:abc",
    "养老 OR",
    ":",
    "^",
    "NOT 养老",
    "'",
    "养老)",
    "%_",
]


async def test_any_input_shows_hits_or_no_match_and_never_raises(search_db):
    app = make_app(search_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        box = app.focused
        p = panel(app)
        for text in HOSTILE:
            box.value = ""
            await settle(pilot)
            await type_text(pilot, text)
            assert p.query_text == text
            shown = prompts(app)
            assert shown, f"blank list for {text[:10]!r}"
            if p.hits:
                assert status(app).split()[0].rstrip("+").isdigit(), text[:10]
            else:
                assert "无匹配" in status(app) and "没有" in shown[0], text[:10]
        box.value = '"养老'  # an unclosed quote: searched all the same, and said
        await settle(pilot)
        assert len(p.hits) == 3 and "⚠ 引号未闭合" in status(app)
    # run_test re-raises any exception of the app: reaching here means none


async def test_typing_on_drops_older_results_and_clearing_shows_the_hints(search_db):
    app = make_app(search_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        box = app.focused
        for text in ("就", "就业", "养", "养老"):  # faster than the searches
            box.value = text
        await settle(pilot)
        assert panel(app).query_text == "养老" and [h.item_id for h in panel(app).hits] == [7, 8, 9]
        box.value = ""
        await settle(pilot)
        assert panel(app).hits == [] and "输入要找的文字" in prompts(app)[0]
        assert "输入即搜索" in status(app)


async def test_a_failing_search_is_said_not_raised(search_db, monkeypatch):
    def broken(conn, query, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store_search, "search", broken)
    app = make_app(search_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_search(pilot, "养老")
        assert "搜索出错" in prompts(app)[0] and "disk I/O error" in status(app)


async def test_a_search_interrupted_by_the_next_keystroke_is_dropped_silently(search_db, monkeypatch):
    import threading

    typed_on = threading.Event()
    real = store_search.search

    def interrupted_when_typed_on(conn, query, **kwargs):
        if query.text == "就业":
            typed_on.wait(10)
            raise sqlite3.OperationalError("interrupted")  # what conn.interrupt() makes it raise
        return real(conn, query, **kwargs)

    monkeypatch.setattr(store_search, "search", interrupted_when_typed_on)
    app = make_app(search_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.pause()
        box = app.focused
        box.value = "就业"
        await pilot.pause()
        box.value = "养老"
        await pilot.pause()
        typed_on.set()
        await settle(pilot)
        p = panel(app)
        assert p.query_text == "养老" and len(p.hits) == 3 and p.note == ""
        assert "出错" not in status(app)


async def test_the_next_keystroke_interrupts_a_running_query(search_db, monkeypatch):
    import asyncio
    import threading

    started = threading.Event()
    seen: list[str] = []
    real = store_search.search

    def long_query(conn, query, **kwargs):
        if query.text != "就业":
            return real(conn, query, **kwargs)
        started.set()
        try:  # seconds of work unless interrupted
            conn.execute(
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 50000000) SELECT count(*) FROM c"
            ).fetchone()
        except sqlite3.OperationalError as exc:
            seen.append(str(exc))
            raise
        seen.append("finished")
        return []

    monkeypatch.setattr(store_search, "search", long_query)
    app = make_app(search_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.pause()
        box = app.focused
        box.value = "就业"
        assert await asyncio.to_thread(started.wait, 10)
        box.value = "养老"
        await settle(pilot)
        assert seen == ["interrupted"]
        assert panel(app).query_text == "养老" and len(panel(app).hits) == 3


async def test_an_interrupted_search_still_current_is_asked_again(search_db, monkeypatch):
    real = store_search.search
    calls = []

    def interrupted_once(conn, query, **kwargs):
        calls.append(query.text)
        if len(calls) == 1:
            raise sqlite3.OperationalError("interrupted")
        return real(conn, query, **kwargs)

    monkeypatch.setattr(store_search, "search", interrupted_once)
    app = make_app(search_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_search(pilot, "养老")
        # still the current query: asked again, and shown
        assert calls == ["养老", "养老"] and len(panel(app).hits) == 3


async def test_a_database_without_the_search_index_says_so(fixture_db):
    app = make_app(fixture_db)  # built without the index
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_search(pilot, "就业")
        assert "无搜索索引" in status(app)
        assert "shishi build" in prompts(app)[0]


async def test_pages_of_fifty_load_more_near_the_end_and_count_all(tmp_path):
    db = build_search_db(tmp_path / "many.db", extra_items=120)
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_search(pilot, "养老服务")
        with sqlite3.connect(db) as conn:
            total = store_search.count(conn, "养老服务")
        assert total > 2 * PAGE
        p = panel(app)
        assert len(p.hits) == PAGE and status(app).startswith(f"{total} 件")  # counted after the page
        results = app.screen.query_one("#search-results", OptionList)
        results.focus()
        await pilot.press("end")  # near the end: the next page
        await settle(pilot)
        assert len(p.hits) == 2 * PAGE
        results.scroll_end(animate=False, immediate=True)  # the mouse wheel does the same
        await settle(pilot)
        assert len(p.hits) == total and len(results.options) == total
        assert len({h.item_id for h in p.hits}) == total


async def test_n_at_the_end_of_a_page_loads_the_next(tmp_path):
    db = build_search_db(tmp_path / "many.db", extra_items=60)
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_search(pilot, "养老服务第")
        p = panel(app)
        assert len(p.hits) == PAGE
        p.open(PAGE - 1)
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert p.current == PAGE and len(p.hits) == 60
        assert p.hits[PAGE].title in cursor_label(app)


async def test_footer_fits_80_columns_with_search_and_help_lists_the_keys(search_db):
    app = make_app(search_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        keys = list(app.screen.query(FooterKey))
        assert "slash" in {k.key for k in keys}
        assert all(k.region.right <= 80 and k.region.width > 0 for k in keys)
    table = help_table()
    first = [str(cell) for cell in table.columns[0]._cells]
    assert "/" in first and any("n" in k and "N" in k for k in first)


async def test_a_jump_from_the_palette_ends_the_search(search_db):
    app = make_app(search_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_search(pilot, "养老")
        app.jump("item", 2)  # what the command palette does
        await settle(pilot)
        assert "引才聚才方面" in cursor_label(app)
        assert app.screen.query_one("#panes").display and not panel(app).mode


async def test_pinyin_finds_the_title_and_highlights_its_characters(search_db):
    app = make_app(search_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_search(pilot, "yanglao")
        hits = panel(app).hits
        assert hits and hits[0].item_id == 7
        results = app.screen.query_one("#search-results", OptionList)
        assert highlighted(results.options[0].prompt) == ["养老"]
        await pilot.press("enter")
        await settle(pilot)
        assert "养老" in highlighted_in_detail(app)


async def test_without_a_path_it_searches_on_the_app_connection(search_db):
    from tui_shishi.store.db import open_read
    from tui_shishi.ui.app import ShishiApp

    app = ShishiApp(open_read(search_db), home="browser")  # no db_path: no second connection can be opened
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_search(pilot, "养老")
        assert len(panel(app).hits) == 3 and panel(app)._conn is None


# ---------------------------------------------------------------- the match in view, every row


def test_fit_keeps_the_match_in_the_middle_within_the_width():
    from rich.cells import cell_len

    from tui_shishi.ui.widgets.search_hits import fit

    sentence = "…才培养模式改革,加快5所中职学校新校建设,积极争取高职院校与驻淄高校贯通培养,构建普通高中和职业学校联合育人“立交桥”。"
    at = sentence.index("桥")
    text = Text(sentence)
    text.stylize(HIGHLIGHT, at, at + 1)
    for cells in (6, 11, 20, 40, 80):
        cut = fit(text, at, at + 1, cells)
        assert cell_len(cut.plain) <= cells and highlighted(cut) == ["桥"], cells
        assert cut.plain.startswith("…")  # cut before the match, said
    assert fit(text, at, at + 1, 500) is text  # room for all: unchanged
    middle = Text("一二三四五六七八九十" * 4)
    cut = fit(middle, 20, 21, 12)  # 5 characters of 2 cells: the match third of five
    assert cut.plain == "…九十一二三…" and cut.plain[3] == middle.plain[20]


async def _search_seed(pilot, text: str) -> list[Text]:
    await settle(pilot)
    await open_search(pilot, text)
    results = pilot.app.screen.query_one("#search-results", OptionList)
    return [o.prompt for o in results.options]


@pytest.mark.parametrize(("query", "width"), [("桥", 60), ("桥", 80), ("桥", 100), ("养老", 60)])
async def test_every_row_shows_its_match_highlighted_at_any_width(seed_db, query, width):
    """/桥 on the seed database: 淄博 第10件 matches 立交桥 at the very end of a long source
    sentence. /养老: more rows than fit, so a scrollbar takes a column once they are listed."""
    from rich.cells import cell_len

    app = make_app(seed_db)
    async with app.run_test(size=(width, 24)) as pilot:
        rows = await _search_seed(pilot, query)
        results = app.screen.query_one("#search-results", OptionList)
        room = results.scrollable_content_region.width - 2  # the option's padding: 0 1
        assert len(rows) == len(panel(app).hits) >= 3
        if query == "桥":
            assert any("立交桥" in row.plain for row in rows)
        for row in rows:
            assert query in highlighted(row), row.plain
            assert all(cell_len(line) <= room for line in row.plain.split("\n")[1:]), (row.plain, room)


async def test_a_resize_cuts_the_rows_again(seed_db):
    app = make_app(seed_db)
    async with app.run_test(size=(60, 24)) as pilot:
        rows = await _search_seed(pilot, "桥")
        narrow = [row.plain.split("\n")[-1] for row in rows]
        await pilot.resize_terminal(120, 24)
        await settle(pilot)
        results = app.screen.query_one("#search-results", OptionList)
        wide = [o.prompt.plain.split("\n")[-1] for o in results.options]
        assert all(len(w) > len(n) for w, n in zip(wide, narrow, strict=True) if n.endswith("…") or n.lstrip().count("…"))
        assert all("桥" in highlighted(o.prompt) for o in results.options)
        assert "构建普通高中和职业学校联合育人“立交桥”" in "\n".join(wide)


async def test_the_item_pane_marks_a_match_at_the_end_of_a_long_sentence(seed_db):
    app = make_app(seed_db)
    async with app.run_test(size=(100, 30)) as pilot:
        rows = await _search_seed(pilot, "桥")
        index = next(n for n, row in enumerate(rows) if "立交桥" in row.plain)
        panel(app).open(index)
        await settle(pilot)
        view = app.screen.query_one(ItemView)
        box = view.query_one(".search-match", Static)
        shown = shown_text(box)
        assert shown is not None and "立交桥" in shown.plain and "桥" in highlighted(shown)


async def test_the_search_workers_post_messages_and_never_call_into_the_ui(search_db, monkeypatch):
    app = make_app(search_db)
    calls: list[str] = []
    real = app.call_from_thread

    def recorded(callback, *args, **kwargs):
        calls.append(getattr(callback, "__name__", repr(callback)))
        return real(callback, *args, **kwargs)

    monkeypatch.setattr(app, "call_from_thread", recorded)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        calls.clear()  # (the tree's own loading at start)
        await open_search(pilot, "养老")
        assert [h.item_id for h in panel(app).hits] == [7, 8, 9] and status(app).startswith("3 件")
        assert calls == []


async def test_opening_a_hit_reads_the_tree_on_the_ui_thread_only(search_db, monkeypatch):
    import threading

    from textual.widgets.tree import TreeNode

    readers: set[str] = set()
    children = TreeNode.children

    def read_children(node):
        readers.add(threading.current_thread().name)
        return children.fget(node)

    monkeypatch.setattr(TreeNode, "children", property(read_children))
    app = make_app(search_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_search(pilot, "养老")
        await pilot.press("down", "enter")
        await settle(pilot)
        assert "老年助餐" in cursor_label(app)
    assert readers == {threading.main_thread().name}
