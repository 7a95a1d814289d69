"""The departments (``d``) and themes (``m``) views at the smallest and the largest common
terminal, 80×24 and 200×50, on the hand-made database of tests/ui (test_views_snapshots has them
at 100×30). Update with ``pytest --snapshot-update tests/snapshots/test_views_sizes_snapshots.py``
and look at them: no figure or word cut, the columns readable."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "ui"))

from fixture_db import build_fixture_db  # noqa: E402
from ui_helpers import make_app, settle, stop_blinking  # noqa: E402

SIZES = [(80, 24), (200, 50)]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return build_fixture_db(tmp_path_factory.mktemp("snap-view-sizes") / "shishi.db")


def opened(key: str):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        stop_blinking(pilot.app)
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_departments(snap_compare, db, size):
    assert snap_compare(make_app(db), terminal_size=size, run_before=opened("d"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_themes(snap_compare, db, size):
    assert snap_compare(make_app(db), terminal_size=size, run_before=opened("m"))
