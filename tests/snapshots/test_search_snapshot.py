"""Screenshots of the search (/): the results for 养老 at 80x24, and a hit opened in the tree and
the detail with the match highlighted, on the hand-made database of tests/ui plus the 养老 items
of test_search_ui.py. Update with ``pytest --snapshot-update`` and look at them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "ui"))

from test_search_ui import build_search_db  # noqa: E402
from ui_helpers import make_app, settle, stop_blinking, type_text  # noqa: E402


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return build_search_db(tmp_path_factory.mktemp("snap-search") / "shishi.db")


async def _search(pilot, text: str) -> None:
    await settle(pilot)
    await pilot.press("slash")
    await settle(pilot)
    stop_blinking(pilot.app)
    await type_text(pilot, text)


def test_search_results_at_80x24(snap_compare, db):
    async def run_before(pilot):
        await _search(pilot, "养老")

    assert snap_compare(make_app(db), terminal_size=(80, 24), run_before=run_before)


def test_search_hit_opened_with_the_match_highlighted(snap_compare, db):
    async def run_before(pilot):
        await _search(pilot, "养老")
        await pilot.press("down", "enter")
        await settle(pilot)

    assert snap_compare(make_app(db), terminal_size=(100, 30), run_before=run_before)
