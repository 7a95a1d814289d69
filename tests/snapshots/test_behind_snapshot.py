"""Screenshot of the 滞后 list (``l``) on a synthetic city-year with a progress report behind pace
and an item reported in words only (tests/progress_docs.py), at 120x24. Update with
``pytest --snapshot-update tests/snapshots/test_behind_snapshot.py`` and look at it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "ui"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ui_helpers import make_app, settle  # noqa: E402

from progress_docs import build_progress_db  # noqa: E402


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return build_progress_db(tmp_path_factory.mktemp("snap-behind") / "shishi.db")


def test_behind_list_at_120x24(snap_compare, db):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)

    assert snap_compare(make_app(db), terminal_size=(120, 24), run_before=run_before)
