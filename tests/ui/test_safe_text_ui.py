"""The app draws no control character: a hostile document imported, and a database whose rows
hold escape sequences (an older database, or one another tool wrote), item view and search."""

from __future__ import annotations

import re
import shutil
import sqlite3
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner
from textual.geometry import Region
from textual.widgets import Input
from ui_helpers import make_app, settle

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
HOSTILE = (
    "示例市2031年市办实事项目\n\n"
    "第1件：新建\x1b]0;evil\x07口袋公园20个\x1b[2J（责任单位：市园林局\x9b31m）\n\n"
    "第2件：新增停车泊位2000个（责任单位：市公安局）\n"
)


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory, seed_db):
    from tui_shishi.cli import main

    folder = tmp_path_factory.mktemp("hostile-ui")
    db = folder / "shishi.db"
    shutil.copy(seed_db, db)
    source = folder / "evil\x1b[31m\nname.txt"
    source.write_bytes(HOSTILE.encode("utf-8"))
    result = CliRunner().invoke(main, ["--db", str(db), "import", str(source), "--city", "示例市"])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def planted_db(hostile_db, tmp_path):
    """The same, with escape sequences written into its rows behind the importer's back."""
    db = tmp_path / "planted.db"
    shutil.copy(hostile_db, db)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE items SET title = title || ?", ("\x1b]0;evil\x07\x1b[2J",))
        conn.execute("UPDATE documents SET source_file = source_file || ?", ("\x9b31m\x1b]52;c;ZXZpbA==\x07",))
        conn.execute("UPDATE years SET city = city || ? WHERE city = '示例市'", ("\x1b[5m",))
    conn.close()
    return db


def item_id(db) -> int:
    with sqlite3.connect(db) as conn:
        (found,) = conn.execute(
            "SELECT i.id FROM items i JOIN years y ON y.id = i.year_id WHERE y.city LIKE '示例市%' AND i.number = 1"
        ).fetchone()
    conn.close()
    return found


def rendered(app) -> str:
    """What every widget of the screen draws, line by line, and the screenshot's text."""
    parts = []
    for widget in app.screen.walk_children(with_self=True):
        width, height = widget.size
        if width and height:
            parts.extend(strip.text for strip in widget.render_lines(Region(0, 0, width, height)))
    svg = app.export_screenshot()
    ET.fromstring(svg)  # valid XML
    return "\n".join(parts) + "\n" + svg.replace("\t", " ")


def assert_clean(text: str) -> None:
    found = UNSAFE.search(text)
    assert found is None, f"{found.group()!r} drawn: …{text[max(0, found.start() - 40) : found.end() + 40]!r}…"


@pytest.mark.parametrize("which", ["hostile_db", "planted_db"])
async def test_the_item_is_shown_without_control_characters(which, request):
    db = request.getfixturevalue(which)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.jump("item", item_id(db))
        await settle(pilot)
        text = rendered(app)
        assert "口袋公园" in text
        assert_clean(text)
        if which == "planted_db":
            assert "␛]0;evil␇" in text  # drawn as text, not obeyed


@pytest.mark.parametrize("which", ["hostile_db", "planted_db"])
async def test_search_results_show_no_control_characters(which, request):
    db = request.getfixturevalue(which)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        assert isinstance(app.focused, Input)
        for key in "evil":
            await pilot.press(key)
        await settle(pilot)
        text = rendered(app)
        assert "evil" in text
        assert_clean(text)
