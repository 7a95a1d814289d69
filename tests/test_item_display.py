"""What an item shows says each thing once and judges only what answers a target (青岛 2025 第6件:
a year-end paragraph whose sentences are its figures' sentences; 3所 and 17所 are parts of 20所)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from tui_shishi.cli import main


def show(db, *args):
    result = CliRunner().invoke(main, ["--db", str(db), "show", "青岛/2025/6", *args], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_report_paragraph_is_shown_once(seed_db):
    text = show(seed_db)
    assert text.count("完成101所农村薄弱中小学食堂设施设备改造升级") == 1
    assert json.loads(show(seed_db, "--json"))["notes"] == []


def test_a_part_of_a_total_is_not_judged(seed_db):
    figures = {f["actual_text"]: f["status"] for f in json.loads(show(seed_db, "--json"))["figures"]}
    assert figures["3所"] == "" and figures["17所"] == ""  # neither 定性 nor 达成: no target takes them
    rows = [line for line in show(seed_db).splitlines() if "3所 " in line or "17所 " in line]
    assert rows and all("无目标" in line and "定性" not in line for line in rows)


async def test_the_pane_shows_the_item_as_published_with_its_line(seed_db):
    # 淄博's task list: an item with no figures still shows its full text and line under 来源.
    import sqlite3
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent / "ui"))
    from ui_helpers import make_app, plain, settle

    from tui_shishi.ui.widgets.item_view import ItemView

    (item_id,) = (
        sqlite3.connect(seed_db)
        .execute("SELECT i.id FROM items i JOIN years y ON y.id = i.year_id WHERE y.city = '淄博' AND i.number = 1")
        .fetchone()
    )
    app = make_app(seed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.jump("item", item_id)
        await settle(pilot)
        view = app.screen.query_one(ItemView)
        text = "\n".join(plain(w) for w in view.query("Static"))
        assert "第14行" in text and "实现教育资源与教育需求均衡配置" in text
