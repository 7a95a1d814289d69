"""A worker's result reaches its widget through the widget's own queue (ui/app_thread.deliver):
shown while the widget is there, dropped once it is removed or the app quits, never a crash."""

from __future__ import annotations

import threading

from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from tui_shishi.ui.app_thread import deliver


class Pane(Vertical):
    def __init__(self) -> None:
        super().__init__()
        self.shown: list[str] = []

    async def show(self, text: str, quit_between: bool = False) -> None:
        """As the detail pane shows a result: the old content removed, the new one mounted."""
        await self.remove_children()
        if quit_between:
            self.app.exit()  # the user's q, arriving while the result is being shown
        await self.mount(Static(text))
        self.shown.append(text)


class Host(App[None]):
    def compose(self) -> ComposeResult:
        yield Pane()


def from_a_thread(pane: Pane, *args) -> None:
    thread = threading.Thread(target=deliver, args=(pane, pane.show, *args))
    thread.start()
    thread.join()


async def test_a_result_from_a_thread_is_shown_in_its_widget():
    app = Host()
    async with app.run_test() as pilot:
        pane = app.query_one(Pane)
        from_a_thread(pane, "甲")
        await pilot.pause()
        assert pane.shown == ["甲"] and str(pane.query_one(Static).render()) == "甲"


async def test_a_result_for_a_removed_widget_is_dropped():
    app = Host()
    async with app.run_test() as pilot:
        pane = app.query_one(Pane)
        await pane.remove()
        from_a_thread(pane, "甲")
        await pilot.pause()
        assert pane.shown == [] and not app.query(Static)


async def test_quitting_while_a_result_is_shown_ends_the_app_cleanly():
    """The app detaches every widget as it quits: the mount after the removal then finds its
    pane detached. run_test re-raises anything that failed the app."""
    app = Host()
    async with app.run_test() as pilot:
        pane = app.query_one(Pane)
        from_a_thread(pane, "甲", True)
        await pilot.pause()
        assert pane.shown == []
    assert app.return_code == 0
