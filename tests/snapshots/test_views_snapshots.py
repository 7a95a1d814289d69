"""Screenshots of the views for meetings and staff (overview, a department, a theme) on the
hand-made database of tests/ui, so the pictures do not churn while the parser improves.
Update with ``pytest --snapshot-update`` and look at them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "ui"))

from fixture_db import build_fixture_db  # noqa: E402
from ui_helpers import make_app, settle, stop_blinking, type_text  # noqa: E402


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return build_fixture_db(tmp_path_factory.mktemp("snap-views") / "shishi.db")


def test_overview_at_80x24(snap_compare, db):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("left", "left")  # 青岛 2020: over and under the plan
        await settle(pilot)

    assert snap_compare(make_app(db), terminal_size=(80, 24), run_before=run_before)


def test_department_filtered(snap_compare, db):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("d", "slash")
        await settle(pilot)
        await type_text(pilot, "人力资源")
        await pilot.press("enter")  # to the list: the footer shows the keys again
        stop_blinking(pilot.app)
        await settle(pilot)

    assert snap_compare(make_app(db), terminal_size=(100, 30), run_before=run_before)


def test_theme_employment(snap_compare, db):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)

    assert snap_compare(make_app(db), terminal_size=(100, 30), run_before=run_before)
