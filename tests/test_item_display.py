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
