"""Pictures of the app: ``s`` saves the screen as SVG, ``shishi screenshot`` renders any view headless.

Targets of ``shishi screenshot`` (and of ``render_svg``):

    overview            the overview (overview:青岛/2025 selects that year's card)
    departments         the department list;   dept:市民政局   one department
    themes              the theme list;        theme:养老助残  one theme
    青岛/2025           a year in the browser; 青岛/2025/5     an item
    browser             the browser as it opens
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite3

    from textual.pilot import Pilot

SCREENSHOT_DIR = "screenshots"
_SIZE = re.compile(r"^\s*(\d{2,4})\s*[xX×*]\s*(\d{2,4})\s*$")


class ScreenshotError(ValueError):
    """A target or size that cannot be rendered; the message is one line."""


def parse_size(text: str) -> tuple[int, int]:
    """``120x40`` → (120, 40)."""
    m = _SIZE.match(text or "")
    if not m:
        raise ScreenshotError(f"看不懂尺寸 {text!r}：应写作 列数x行数，如 120x40")
    width, height = int(m[1]), int(m[2])
    if width < 20 or height < 8:
        raise ScreenshotError(f"尺寸 {width}x{height} 太小（至少 20x8）")
    return width, height


def save_svg(app, directory: str | Path = SCREENSHOT_DIR) -> str | None:
    """``s``: the current screen to ``screenshots/shishi-<view>-<time>.svg``; says where (or why not)."""
    view = getattr(app.screen, "view_name", "") or "browser"
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = Path(directory)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        name, n = f"shishi-{view}-{stamp}.svg", 1
        while (folder / name).exists():  # two in one second
            n += 1
            name = f"shishi-{view}-{stamp}-{n}.svg"
        path = app.save_screenshot(name, str(folder))
    except OSError as exc:
        app.notify(f"无法保存截图: {folder}: {exc.strerror}", title="SVG", severity="error", timeout=6)
        return None
    app.notify(f"已保存 {path}", title="SVG", timeout=4)
    return path


def plan(conn: sqlite3.Connection, target: str) -> tuple[str, str | int | None]:
    """What to open for ``target``: (view or "year"/"item"/"browser", key). Fails before any UI."""
    from tui_shishi.store.reports import TargetNotFound, resolve_target
    from tui_shishi.themes import get_theme

    text = target.strip()
    head, sep, rest = text.partition(":")
    if not sep:
        head, sep, rest = text.partition("：")
    head_l = head.strip().lower()
    if not sep and head_l in ("overview", "departments", "themes", "browser"):
        return head_l, None
    if sep and head_l == "overview":
        found = resolve_target(conn, rest)
        if found.kind != "year" or found.year is None:
            raise ScreenshotError(f"overview:{rest} 不是一个城市年度：应写作 overview:城市/年份，如 overview:青岛/2025")
        return "overview", found.year.year_id
    if sep and head_l in ("theme", "themes", "主题"):
        try:
            return "themes", get_theme(rest).name
        except KeyError as exc:
            raise ScreenshotError(exc.args[0]) from None
    try:
        found = resolve_target(conn, text)
    except TargetNotFound as exc:
        raise ScreenshotError(str(exc)) from None
    if found.kind == "department":
        return "departments", found.department
    if found.kind == "year" and found.year is not None:
        return "year", found.year.year_id
    assert found.item is not None  # the third kind, "item", carries its item
    return "item", found.item.item_id


async def _settle(pilot: Pilot[Any]) -> None:
    for _ in range(4):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def render_svg(db_path: str | Path, target: str, size: tuple[int, int] = (120, 40)) -> str:
    """The SVG of ``target`` rendered headless at ``size`` (columns, rows)."""
    from textual.widgets import Input

    from tui_shishi.safe_text import printable
    from tui_shishi.store.db import open_read
    from tui_shishi.ui.app import ShishiApp
    from tui_shishi.ui.screens.views import show_view

    conn = open_read(db_path)
    app: ShishiApp | None = None
    try:
        what, key = plan(conn, target)
        app = ShishiApp(conn, db_path, home="browser")  # then what was asked for
        async with app.run_test(size=size) as pilot:
            await _settle(pilot)
            if what in ("year", "item") and key is not None:
                app.jump(what, key)
            elif what != "browser":
                show_view(app, what, key)
            await _settle(pilot)
            for widget in app.screen.query(Input):
                widget.cursor_blink = False  # a picture should not catch the cursor off
            await pilot.pause()
            return printable(app.export_screenshot())  # valid XML whatever the data held
    finally:
        if app is None:
            conn.close()
        else:
            app.close_database(conn)  # not under a worker still reading (a segfault, once)


def screenshot(db_path: str | Path, target: str, out: str | Path, size: tuple[int, int] = (120, 40)) -> Path:
    """Render ``target`` and write the SVG to ``out``."""
    svg = asyncio.run(render_svg(db_path, target, size))
    out = Path(out)
    out.write_text(svg, encoding="utf-8")
    return out
