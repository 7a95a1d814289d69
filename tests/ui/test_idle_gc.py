"""Full garbage collections run while nobody types (ui/idle_gc.py): never by Python itself while
the app runs, one when due and the user idle (or past the backstop), Python's own again after."""

from __future__ import annotations

import gc

import pytest
from ui_helpers import make_app, settle

from tui_shishi.ui.idle_gc import BACKSTOP_SECONDS, IDLE_SECONDS, NEVER, IdleCollector


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def full_collections():
    """The generation-2 collections that run while the test does (gc.callbacks)."""
    seen: list[int] = []

    def note(phase, info):
        if phase == "stop" and info["generation"] == 2:
            seen.append(1)

    gc.callbacks.append(note)
    yield seen
    gc.callbacks.remove(note)


def make_due(collector: IdleCollector) -> None:
    """Enough middle-generation collections for Python to consider a full one."""
    while not collector.due():
        gc.collect(1)


def test_a_due_collection_waits_for_the_user_to_stop_typing(full_collections):
    clock = Clock()
    collector = IdleCollector(clock)
    before = gc.get_threshold()
    collector.start()
    try:
        assert gc.get_threshold() == (before[0], before[1], NEVER)
        assert not collector.tick()  # nothing due yet
        make_due(collector)
        collector.input()
        clock.now += IDLE_SECONDS / 2
        assert not collector.tick() and full_collections == []  # typing: not now
        clock.now += IDLE_SECONDS
        assert collector.tick() and len(full_collections) == 1  # idle: now
        assert not collector.due() and not collector.tick()  # and not again until due again
    finally:
        collector.stop()
    assert gc.get_threshold() == before


def test_input_held_down_still_collects_at_the_backstop(full_collections):
    clock = Clock()
    collector = IdleCollector(clock)
    collector.start()
    try:
        make_due(collector)
        for _ in range(int(BACKSTOP_SECONDS / 0.1)):  # a key repeating every 0.1 s
            clock.now += 0.1
            collector.input()
            collector.tick()
        assert len(full_collections) == 1 and collector.full_collections == 1
    finally:
        collector.stop()


async def test_the_app_takes_full_collections_over_while_it_runs_and_gives_them_back(seed_db):
    before = gc.get_threshold()
    app = make_app(seed_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.collector.active and gc.get_threshold()[2] == NEVER
        seen = app.collector.last_input
        await pilot.press("down")  # a key: the user is here
        assert app.collector.last_input > seen
    assert gc.get_threshold() == before and not app.collector.active
