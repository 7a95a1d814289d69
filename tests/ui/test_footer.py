"""The footer (ui/widgets/footer.py) follows the keys of what has the focus, and is rebuilt only
when they change: a move of the focus that keeps them keeps its widgets."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Static
from textual.widgets._footer import FooterKey
from ui_helpers import make_app, settle

from tui_shishi.ui.widgets.footer import KeysFooter


class Plain(Static, can_focus=True):
    pass


class WithKey(Static, can_focus=True):
    BINDINGS = [Binding("x", "app.bell", "甲")]


class Host(App[None]):
    BINDINGS = [Binding("q", "quit", "退出")]

    def compose(self) -> ComposeResult:
        yield Plain("一", id="one")
        yield Plain("二", id="two")
        yield WithKey("三", id="three")
        yield KeysFooter()


def footer_keys(app) -> list[FooterKey]:
    return list(app.screen.query(FooterKey))


def words(app) -> list[str]:
    return [k.description for k in footer_keys(app) if not k.has_class("-command-palette")]


async def test_the_footer_shows_the_focused_widgets_keys_and_keeps_its_own_when_they_are_the_same():
    app = Host()
    async with app.run_test() as pilot:
        app.query_one("#one").focus()
        await pilot.pause()
        before = footer_keys(app)
        assert words(app) == ["退出"]
        app.query_one("#two").focus()  # the same keys: not rebuilt
        await pilot.pause()
        assert footer_keys(app) == before
        app.query_one("#three").focus()  # a key more: rebuilt, and shown
        await pilot.pause()
        assert words(app) == ["甲", "退出"]
        # drawn as Textual's own footer draws them: its keys not compact, the palette's key compact
        assert {k.has_class("-compact") for k in footer_keys(app) if not k.has_class("-command-palette")} == {False}
        assert [k.has_class("-compact") for k in footer_keys(app) if k.has_class("-command-palette")] == [True]
        app.query_one("#one").focus()  # and gone again
        await pilot.pause()
        assert words(app) == ["退出"]


async def test_moving_between_home_cards_keeps_the_footer(seed_db):
    app = make_app(seed_db, home="overview")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        before = footer_keys(app)
        assert before and "q" in {k.key for k in before}
        await pilot.press("right", "right", "left")
        await settle(pilot)
        assert footer_keys(app) == before
