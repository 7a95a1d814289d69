"""Wrapped Chinese text at 80×24: the item header keeps 第N件 with its status, figures stay whole."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text
from textual.geometry import Region
from textual.widgets import Static
from ui_helpers import make_app, open_node, settle, walk_to

from tui_shishi.ui.widgets.item_view import ItemView
from tui_shishi.ui.widgets.render import FigureText, break_offsets, figure_spans, keep_figures

MILESTONE = "城镇新增就业5.5万人,扶持创业6000人,创设城乡公益性岗位2万个。"
SENTENCE = "全市城镇新增就业41.58万人(按照国家最新统计方法修正),占年计划的138.6%;改造老旧小区640万平方米以上,新增AED 500台。"


def pieces(text: str, width: int) -> list[str]:
    offsets = break_offsets(text, width)
    return [text[a:b] for a, b in zip([0, *offsets], [*offsets, len(text)])]


def test_figures_are_found_with_their_units():
    found = [MILESTONE[a:b] for a, b in figure_spans(MILESTONE)]
    assert found == ["5.5万人", "6000人", "2万个"]
    found = [SENTENCE[a:b] for a, b in figure_spans(SENTENCE)]
    assert found == ["41.58万人", "138.6%", "640万平方米", "500台"]


def test_no_width_breaks_a_figure_and_every_line_fits():
    from rich.cells import cell_len

    for text in (MILESTONE, SENTENCE):
        spans = figure_spans(text)
        for width in range(12, 60):  # (640万平方米 is 11 cells: narrower, it must be cut)
            offsets = break_offsets(text, width)
            assert not [o for o in offsets for a, b in spans if a < o < b], (text, width)
            assert all(cell_len(p.rstrip()) <= width for p in pieces(text, width)), (text, width)
            assert "".join(pieces(text, width)) == text


def test_punctuation_and_latin_words_stay_with_their_neighbours():
    for width in range(8, 40):
        lines = pieces(SENTENCE, width)
        assert not any(line[:1] in ",;。)%" for line in lines[1:]), (width, lines)
        assert not any(line.endswith("(") for line in lines), (width, lines)
        assert not any(line.endswith("AE") or line.startswith("D ") for line in lines), (width, lines)


def test_a_figure_wider_than_the_line_is_cut_where_it_must():
    # the figure goes to a line of its own first, and is folded only because it cannot fit one
    assert pieces("共123456789012人", 6) == ["共", "123456", "789012", "人"]
    assert break_offsets("短句", 10) == []


def test_a_table_cell_wraps_the_figure_text_keeping_its_styles():
    text = Text(MILESTONE)
    text.stylize("bold reverse", 16, 21)
    table = Table.grid()
    table.add_column(ratio=1, overflow="fold")
    table.add_row(keep_figures(text))
    console = Console(width=21, color_system=None)
    with console.capture() as capture:
        console.print(table)
    lines = [line.rstrip() for line in capture.get().splitlines()]
    assert lines == ["城镇新增就业5.5万人,", "扶持创业6000人,创设城", "乡公益性岗位2万个。"]
    assert isinstance(keep_figures(text), FigureText) and keep_figures(text).spans == text.spans


def shown_lines(widget: Static) -> list[str]:
    strips = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return [strip.text.rstrip() for strip in strips]


async def test_milestones_and_sources_keep_figures_whole_at_80x24(fixture_db):
    app = make_app(fixture_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_node(pilot, "2023", "year")
        await walk_to(pilot, "实现城镇新增就业", "item")
        view = app.screen.query_one(ItemView)
        milestones = "\n".join(shown_lines(view.query_one(".milestones", Static)))
        assert "6000人" in milestones and "5.5万人" in milestones and "1.4万人" in milestones
        assert "全面完成目标任务。" in milestones
        sources = "\n".join(shown_lines(view.query_one(".sources", Static)))
        assert "3.7万个" in sources and "35万人" in sources


async def test_a_long_title_goes_under_the_number_and_status_at_80x24(fixture_db):
    app = make_app(fixture_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_node(pilot, "2025", "year")
        await walk_to(pilot, "完善重点群体", "item")
        header = shown_lines(app.screen.query_one(ItemView).query_one(".view-title", Static))
        assert header[0].strip() == "第1件 ✔ 达成 · 平均占年计划 128%"
        assert header[1].strip().startswith("完善重点群体就业")
        assert any(line.strip() == "截至2025-12-31 · 序时进度 100.0% (┃)" for line in header)


def test_kept_lines_are_the_lines_of_the_width_asked_and_the_caller_may_change_them():
    """FigureText keeps the lines of the last widths (Textual measures by rendering, often)."""
    sentence = Text("全市新增停车泊位2万个以上，改造老旧小区300个，增设除颤器300台。" * 3)
    text = keep_figures(sentence)
    console = Console(width=200)
    fresh = {width: [line.plain for line in keep_figures(sentence).wrap(console, width)] for width in (20, 33)}
    for width in (20, 33, 20):
        lines = text.wrap(console, width)
        assert [line.plain for line in lines] == fresh[width]
        lines[0].append("（改）")  # the caller's copy: the next call is not changed
    text.append("再加一句。")  # the text changed: wrapped anew
    assert "".join(line.plain for line in text.wrap(console, 20)).endswith("再加一句。")
