"""A progress report that names its items without their targets: its figures are bound to the
targets the year's list stated (store/crossbind.py), and the flag the binding answers goes."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import path_docs  # noqa: E402


def test_report_figures_are_bound_to_the_lists_targets(tmp_path):
    conn = sqlite3.connect(path_docs.build_path_db(tmp_path / "shishi.db"))
    rows = conn.execute(
        """SELECT it.number, i.target_text, i.status, o.actual_text
           FROM indicators i JOIN items it ON it.id = i.item_id
           LEFT JOIN observations o ON o.indicator_id = i.id ORDER BY it.number, o.as_of"""
    ).fetchall()
    by_item: dict[tuple, list[str]] = {}
    for number, target, status, actual in rows:
        by_item.setdefault((number, target, status), []).append(actual)
    rows = [(*key, " ".join(actuals)) for key, actuals in by_item.items()]
    assert rows == [
        (1, "30万人", "达成", "7.5万人 13.5万人 24万人 31.2万人"),
        (2, "100个", "达成", "15个 40个 36个 100个"),
        (3, "50处", "达成", "10处 30处 42处 50处"),
    ]
    assert conn.execute("SELECT count(*) FROM observations WHERE indicator_id IS NULL AND actual_value IS NOT NULL").fetchone() == (0,)
    assert conn.execute("SELECT count(*) FROM flags WHERE kind = 'number_not_parsed'").fetchone() == (0,)


def test_a_report_alone_keeps_its_figures_unbound_and_flagged(tmp_path):
    from tui_shishi.parse import parse_bytes
    from tui_shishi.store.build import write_documents
    from tui_shishi.store.db import open_write

    conn = open_write(tmp_path / "alone.db", create=True)
    write_documents(conn, [parse_bytes(path_docs.REPORTS["h1"].encode(), "h1.txt", kind="progress")])
    assert conn.execute("SELECT count(*) FROM observations WHERE indicator_id IS NULL AND actual_value IS NOT NULL").fetchone() == (3,)
    assert conn.execute("SELECT count(*) FROM flags WHERE kind = 'number_not_parsed'").fetchone() == (3,)
