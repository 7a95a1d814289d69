"""Screenshots of the browser (pytest-textual-snapshot) on the hand-made database of tests/ui,
whose figures are the seeds' (2020 就业方面 291.3%, 2023 item 1 milestones), so the pictures do
not churn while the parser improves. Update with ``pytest --snapshot-update`` and look at them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "ui"))

from fixture_db import build_fixture_db  # noqa: E402
from ui_helpers import make_app, open_node, settle, walk_to  # noqa: E402


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return build_fixture_db(tmp_path_factory.mktemp("snap") / "shishi.db")


def test_year_view(snap_compare, db):
    async def run_before(pilot):
        await settle(pilot)
        await open_node(pilot, "2020", "year")

    assert snap_compare(make_app(db), terminal_size=(100, 30), run_before=run_before)


def test_item_with_over_achievement(snap_compare, db):
    async def run_before(pilot):
        await settle(pilot)
        await open_node(pilot, "2020", "year")
        await open_node(pilot, "促进城乡就业创业", "section")
        await walk_to(pilot, "就业方面", "item")

    assert snap_compare(make_app(db), terminal_size=(100, 30), run_before=run_before)


def test_item_with_milestones_at_80x24(snap_compare, db):
    async def run_before(pilot):
        await settle(pilot)
        await open_node(pilot, "2023", "year")
        await walk_to(pilot, "实现城镇新增就业", "item")

    assert snap_compare(make_app(db), terminal_size=(80, 24), run_before=run_before)


def test_section_view_at_80x24(snap_compare, db):
    """A section's own items, each bar with its percent and 超额 in 80 columns."""

    async def run_before(pilot):
        await settle(pilot)
        await open_node(pilot, "2020", "year")
        await walk_to(pilot, "促进城乡就业创业", "section")

    assert snap_compare(make_app(db), terminal_size=(80, 24), run_before=run_before)
