"""What staff saw on a real terminal at 80×24: figures cut across lines in the item detail,
English words in the footer and the command palette."""

from __future__ import annotations

from test_wrapping import shown_lines
from textual.widgets import Static
from ui_helpers import make_app, open_node, settle, walk_to

from tui_shishi.ui.widgets.item_view import ItemView
from tui_shishi.ui.widgets.render import NO_LINE_START, figure_spans


def _cut_figures(lines: list[str]) -> list[str]:
    """Figures of the joined text that a line break falls inside."""
    joined, breaks, at = "", [], 0
    for line in lines:
        text = line.strip()
        joined += text
        at += len(text)
        breaks.append(at)
    return [joined[a:b] for a, b in figure_spans(joined) for o in breaks if a < o < b]


async def test_indicators_and_notes_keep_figures_whole_at_80x24(seed_db):
    app = make_app(seed_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_node(pilot, "2024 · 12件", "year")
        await walk_to(pilot, " 14 ", "item")  # 在人员密集场所增设自动体外除颤器(AED)300台
        view = app.screen.query_one(ItemView)
        rows = [shown_lines(row) for row in view.query(".indicator").results(Static)]
        assert rows and any("AED" in "".join(lines) for lines in rows)
        for lines in rows:
            assert not _cut_figures(lines), lines
        notes = shown_lines(view.query_one(".notes", Static))
        assert "AED" in "".join(notes)
        assert not _cut_figures(notes), notes
        assert not [line for line in notes[1:] if line.strip()[:1] in NO_LINE_START], notes


async def test_footer_and_palette_speak_chinese(seed_db):
    app = make_app(seed_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        words = [key.description for key in app.screen.query("FooterKey")]
        assert "搜索" in words and "帮助" in words and "退出" in words
        assert not [w for w in words if w.isascii() and w], words
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert titles and not [t for t in titles if t.isascii()], titles
        await pilot.press("ctrl+p")
        await settle(pilot)
        from textual.command import CommandInput

        assert not app.screen.query_one(CommandInput).placeholder.isascii()
