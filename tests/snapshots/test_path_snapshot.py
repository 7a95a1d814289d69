"""Screenshot of a figure's path in the item pane: 样本 2031 第2件 老旧小区改造, four reports read
by the parser (tests/path_docs.py), 40个 → 36个 flagged 较上次下降, at 100x34. Update with
``pytest --snapshot-update tests/snapshots/test_path_snapshot.py`` and look at it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "ui"))

from ui_helpers import make_app, open_node, settle, walk_to  # noqa: E402

import path_docs  # noqa: E402


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return path_docs.build_path_db(tmp_path_factory.mktemp("snap-path") / "shishi.db")


def test_item_with_a_four_report_path(snap_compare, db):
    async def run_before(pilot):
        await settle(pilot)
        await open_node(pilot, "2031", "year")
        await walk_to(pilot, "老旧小区改造", "item")

    assert snap_compare(make_app(db), terminal_size=(100, 34), run_before=run_before)
