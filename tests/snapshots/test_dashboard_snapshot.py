"""Screenshot of the overview as a dashboard at 200×50 on 测试市 2031 (tests/progress_docs.py: a plan
and reports of 06-30 and 10-31): the card, the 滞后 and 最新变化 panels side by side, the bars.
Update with ``pytest --snapshot-update tests/snapshots/test_dashboard_snapshot.py`` and look at it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "ui"))

from ui_helpers import make_app, settle  # noqa: E402

from progress_docs import build_progress_db  # noqa: E402


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return build_progress_db(tmp_path_factory.mktemp("snap-dashboard") / "shishi.db")


def test_dashboard_with_changes_at_200x50(snap_compare, db):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)

    assert snap_compare(make_app(db), terminal_size=(200, 50), run_before=run_before)
