"""Driving the app in tests: settle after keys, walk the tree by keys, read what is shown."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text
from textual.widgets import Input, Static

from tui_shishi.ui.app import ShishiApp
from tui_shishi.ui.widgets.detail import DetailPane
from tui_shishi.ui.widgets.plan_tree import PlanTree


def make_app(path, home: str = "browser") -> ShishiApp:
    """The app on ``path``, opened on the browser (the tree) unless ``home`` says otherwise: the
    app's own first screen is the dashboard (``home="overview"``, tests/ui/test_home.py)."""
    from tui_shishi.store.db import open_read

    return ShishiApp(open_read(path), path, home=home)


async def settle(pilot) -> None:
    """Let messages run and every worker finish (never sleep)."""
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_view(pilot, key: str):
    """Let the app start, press a view's key (o d m l u), let it load; the screen shown."""
    await settle(pilot)
    await pilot.press(key)
    await settle(pilot)
    return pilot.app.screen


def plain(widget: Static) -> str:
    content = widget.content
    if isinstance(content, Text):
        return content.plain
    if isinstance(content, str):
        return content
    console = Console(width=300, color_system=None)
    with console.capture() as capture:
        console.print(content)
    # a grid (wrapped text, tables) pads its lines to the console's width
    return "\n".join(line.rstrip() for line in capture.get().splitlines()) + "\n"


def shown_text(widget: Static) -> Text | None:
    """The Text a Static shows: itself, or the one cell of a render.wrapped grid; else None."""
    from rich.table import Table

    content = widget.content
    if isinstance(content, Text):
        return content
    if isinstance(content, Table) and len(content.columns) == 1:
        cells = list(content.columns[0].cells)
        if len(cells) == 1 and isinstance(cells[0], Text):
            return cells[0]
    return None


def detail_text(app: ShishiApp) -> str:
    pane = app.screen.query_one(DetailPane)
    return "\n".join(plain(s) for s in pane.query(Static))


def tree(app: ShishiApp) -> PlanTree:
    return app.screen.query_one(PlanTree)


def cursor_label(app: ShishiApp) -> str:
    node = tree(app).cursor_node
    return "" if node is None else str(node.label)


async def walk_to(pilot, text: str, kind: str | None = None, limit: int = 300) -> None:
    """Press j (then k, once at the bottom) until the tree cursor is on a node whose label
    contains ``text``."""
    t = tree(pilot.app)
    t.focus()
    for key in ("j", "k"):
        for _ in range(limit):
            node = t.cursor_node
            if node is not None and text in str(node.label) and (kind is None or node.data.kind == kind):
                await settle(pilot)
                return
            line = t.cursor_line
            await pilot.press(key)
            await settle(pilot)
            if t.cursor_line == line:
                break
    raise AssertionError(f"no tree node {text!r} (cursor at {cursor_label(pilot.app)!r})")


async def open_node(pilot, text: str, kind: str | None = None) -> None:
    await walk_to(pilot, text, kind)
    await pilot.press("enter")
    await settle(pilot)


def stop_blinking(app: ShishiApp) -> None:
    for widget in app.screen.query(Input):
        widget.cursor_blink = False


async def type_text(pilot, text: str) -> None:
    """Type into the focused Input; Pilot.press drops full-width characters."""
    widget = pilot.app.focused
    assert isinstance(widget, Input)
    widget.insert_text_at_cursor(text)
    await settle(pilot)


async def palette_jump(pilot, text: str) -> None:
    """Ctrl+P, type ``text`` (Chinese), Enter: the palette's first match opened."""
    await pilot.press("ctrl+p")
    await settle(pilot)
    stop_blinking(pilot.app)
    await type_text(pilot, text)
    await pilot.press("enter")
    await settle(pilot)
