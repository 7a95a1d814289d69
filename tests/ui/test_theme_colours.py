"""Every colour of the views is the active theme's (ui/theme_colours.py, render.THEMED_STYLES):
``t`` (another theme) recolours a status word, a 滞后 mark, a change line, what is on screen.

The colours are read from what the screen draws (its compositor's strips), not from the Text
the views build: a colour converted once, when a widget was given its content, would still
show the theme before.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from rich.color import Color as RichColor
from rich.color import ColorParseError
from textual.app import App
from textual.color import Color
from textual.color import ColorParseError as TextualColorParseError
from textual.widget import Widget
from ui_helpers import make_app, open_node, settle, walk_to

import path_docs as pd
from tui_shishi.ui.screens.present import THEME
from tui_shishi.ui.widgets.render import THEMED_STYLES, theme_styles

UI = Path(__file__).resolve().parents[2] / "src" / "tui_shishi" / "ui"


@pytest.fixture(scope="module")
def path_db(tmp_path_factory):
    return pd.build_path_db(tmp_path_factory.mktemp("theme-colours") / "paths.db")


def drawn_colours(app: App[object], words: str, within: Widget | None = None) -> set[str]:
    """The colours (#rrggbb) of what the screen draws in segments holding ``words`` (in the
    region of ``within``)."""
    region = (within or app.screen).region
    found = set()
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        x = 0
        for segment in strip:
            inside = region.y <= y < region.bottom and region.x <= x < region.right
            if inside and words in segment.text and segment.style is not None and segment.style.color is not None:
                found.add(segment.style.color.get_truecolor().hex)
            x += segment.cell_length
    return found


def theme_colour(app: App[object], variable: str) -> str:
    return Color.parse(app.theme_variables[variable]).hex.lower()


async def press_t(pilot) -> tuple[str, str]:
    """``t`` from textual-dark: the theme before and after (textual-light, sorted next)."""
    before = pilot.app.theme
    await pilot.press("t")
    await settle(pilot)
    assert pilot.app.theme != before
    return before, pilot.app.theme


async def test_t_recolours_the_status_words_of_a_year(fixture_db):
    """The year's heading (✔ 达成, part of a Text: converted when set) and the tree's ``1 达成``
    (a tree label) are $text-success of the theme, before and after ``t``."""
    app = make_app(fixture_db)
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = "textual-dark"
        await settle(pilot)
        await open_node(pilot, "2025", "year")
        heading = app.screen.query_one(".view-title")
        tree = app.screen.query_one("#tree")
        dark = theme_colour(app, "text-success")
        assert drawn_colours(app, "✔ 达成", heading) == {dark}
        assert dark in drawn_colours(app, "1 达成", tree)  # (the cursor's line: the cursor's colours)

        await press_t(pilot)
        light = theme_colour(app, "text-success")
        assert light != dark
        assert drawn_colours(app, "✔ 达成", heading) == {light}
        assert light in drawn_colours(app, "1 达成", tree) and dark not in drawn_colours(app, "1 达成", tree)


async def test_t_recolours_a_滞后_mark_of_a_figure_path(path_db):
    """``▼滞后38.8点`` in an indicator's path (a Rich renderable in a Static) is $text-error,
    ``↓较上次下降`` $text-warning, the pace mark ┊ $text-primary."""
    app = make_app(path_db)
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = "textual-dark"
        await settle(pilot)
        await open_node(pilot, "2031", "year")
        await walk_to(pilot, "老旧小区改造", "item")
        variables = ("text-error", "text-warning", "text-primary")
        seen = []
        for press in (False, True):
            if press:
                await press_t(pilot)
            colours = {v: theme_colour(app, v) for v in variables}
            assert drawn_colours(app, "▼滞后38.8点") == {colours["text-error"]}, app.theme
            assert drawn_colours(app, "↓较上次下降") == {colours["text-warning"]}, app.theme
            assert drawn_colours(app, "┊") == {colours["text-primary"]}, app.theme
            seen.append(colours)
        dark, light = seen
        assert all(dark[v] != light[v] for v in variables)


async def test_t_recolours_the_overview_changes_panel(path_db):
    """``✔ 新达成`` in the overview's 最新变化 (an option's prompt: converted when listed)."""
    app = make_app(path_db)
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = "textual-dark"
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        panel = app.screen.query_one("ChangesPanel")
        dark = theme_colour(app, "text-success")
        assert drawn_colours(app, "✔ 新达成", panel) == {dark}
        await press_t(pilot)
        assert drawn_colours(app, "✔ 新达成", panel) == {theme_colour(app, "text-success")} != {dark}


async def test_presentation_mode_uses_its_theme_and_gives_the_colours_back(fixture_db):
    """p: the status in the presentation theme's success; Esc: the theme before, and its colour."""
    app = make_app(fixture_db)
    async with app.run_test(size=(100, 30)) as pilot:
        app.theme = "textual-dark"
        await settle(pilot)
        await open_node(pilot, "2025", "year")
        heading = app.screen.query_one(".view-title")
        dark = drawn_colours(app, "✔ 达成", heading)
        await pilot.press("p")
        await settle(pilot)
        assert app.theme == THEME.name
        assert drawn_colours(app, "✔ 达成") == {theme_colour(app, "text-success")} != dark
        await pilot.press("escape")
        await settle(pilot)
        assert drawn_colours(app, "✔ 达成", app.screen.query_one(".view-title")) == dark


def test_every_themed_style_has_its_colour_in_every_theme():
    """Each style the views may use resolves, in every theme the app offers (t cycles them all,
    演示 adds its own), to the theme's colour of its variable."""
    app = App()
    app.register_theme(THEME)
    for name in app.available_themes:
        app.theme = name
        variables = app.get_css_variables()
        styles = theme_styles(variables)
        assert set(styles) == set(THEMED_STYLES)
        for style_name, style in styles.items():
            assert style.color is not None, (name, style_name)
        success = styles["bold $text-success"]
        assert success.bold and success.color == Color.parse(variables["text-success"]).rich_color, name


# ---------------------------------------------------------------- no colour of its own in ui/

STYLE_WORDS = {"bold", "dim", "italic", "underline", "reverse", "strike", "blink", "not", "on", "auto", "none"}


def is_colour(token: str) -> bool:
    """A colour written out: a name (red, gold), #hex, rgb(…), color(5), ansi_red."""
    for parse in (Color.parse, RichColor.parse):
        try:
            parse(token)
        except (ColorParseError, TextualColorParseError, ValueError):
            continue
        return token not in ("transparent", "default")  # (no colour; and Rich's justify="default")
    return False


def literal_colours(style: str) -> list[str]:
    """The colours written out in ``style`` when it is a style string (``bold red``, ``#ff0000``);
    [] for any other string, and for a style over theme variables (``bold $text-success``)."""
    tokens = style.split()
    if not tokens or not all(t in STYLE_WORDS or t.startswith("$") or is_colour(t) for t in tokens):
        return []
    return [t for t in tokens if t not in STYLE_WORDS and not t.startswith("$")]


def css_colours(css: str) -> list[str]:
    """The colours written out in CSS declarations (``color: red;``, ``border: round #fff;``)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    values = re.findall(r"[\w-]+\s*:\s*([^;{}]+);", css)
    return [t for value in values for t in re.split(r"[\s,]+", value) if t and not t.startswith("$") and is_colour(t)]


def ui_strings() -> list[tuple[str, int, str, bool]]:
    """Every string literal of ui/'s Python code: (file, line, text, is DEFAULT_CSS), leaving out
    a Theme's own definition (present.py's THEME: the colours a theme is made of)."""
    found = []
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "Theme":
                skip |= {id(n) for n in ast.walk(node)}
        css = {
            id(node.value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "DEFAULT_CSS" for t in node.targets)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
                found.append((path.relative_to(UI).as_posix(), node.lineno, node.value, id(node) in css))
    return found


def test_the_guard_sees_a_colour_written_out():
    assert literal_colours("bold red") == ["red"] and literal_colours("#FFD700") == ["#FFD700"]
    assert literal_colours("bold underline black on yellow") == ["black", "yellow"]
    assert literal_colours("bold $text-success") == [] and literal_colours("dim") == []
    assert literal_colours("白色 red") == [] and literal_colours("配色: red team") == []  # words, not a style
    assert css_colours("#a { color: red; border: round #fff 40%; background: $boost; }") == ["red", "#fff"]


def test_ui_code_writes_out_no_colour():
    """A colour in ui/ is a theme variable; the only colours written out are a Theme's own."""
    found = []
    for path, line, text, is_css in ui_strings():
        colours = css_colours(text) if is_css else literal_colours(text)
        if colours:
            found.append(f"{path}:{line}: {text!r}")
    assert not found, "\n".join(found)


def test_app_tcss_uses_theme_variables_only():
    css = (UI / "app.tcss").read_text(encoding="utf-8")
    assert "$" in css and not css_colours(css)


def test_every_themed_style_in_ui_code_is_known_to_the_console():
    """A style over theme variables written in ui/ is one ``theme_styles`` sets on the app's
    console: any other would fail where Rich looks it up by name (a span, a table cell)."""
    unknown = [
        f"{path}:{line}: {text!r}"
        for path, line, text, is_css in ui_strings()
        if not is_css and "$" in text and not literal_colours(text) and _is_style(text) and text not in THEMED_STYLES
    ]
    assert not unknown, "\n".join(unknown)


def _is_style(text: str) -> bool:
    tokens = text.split()
    return any(len(t) > 1 for t in tokens if t.startswith("$")) and all(t in STYLE_WORDS or t.startswith("$") for t in tokens)
