"""How a search hit reads: in the result list (city, year, item, where it matched, snippet) and
as the match the item view highlights. Rich text only: no widgets, no queries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from tui_shishi.store.text import fold
from tui_shishi.ui.widgets.item_view import HIGHLIGHT, SearchMatch, highlight

if TYPE_CHECKING:
    from tui_shishi.store.search import Hit

FIELD_WORD = {
    "title": "标题",
    "indicator": "指标",
    "department": "部门",
    "milestone": "节点",
    "progress": "进展",
    "source": "原文",
}
PINYIN_RANK = 4  # tui_shishi.store.search.PINYIN_TIER (not imported: the store loads on first search)
HINTS = [
    "输入要找的文字,结果随输入更新:",
    "  养老            标题、指标、部门、节点、进展、原文中含「养老」的事项",
    '  "老旧 小区"     引号内为一个短语;空格分开的几个词须同在一件事项中',
    "  yanglao  yl     拼音或首字母 (标题与部门)",
    "  year:2020-2023  city:青岛  dept:民政局  status:达成|进行中",
]
NO_INDEX = "此数据库没有搜索索引:用 `shishi build` 重建后即可搜索。"


def hit_terms(hit: Hit, needles: tuple[str, ...]) -> tuple[str, ...]:
    """What to highlight for a hit: the words typed and the text the backend marked (for a
    pinyin hit, ``yanglao`` marks 养老: the Chinese is what appears on screen)."""
    marked = (fold(hit.snippet[start:end]) for start, end in hit.marks)
    return tuple(dict.fromkeys(t for t in (*needles, *marked) if t.strip()))


def where(hit: Hit) -> str:
    """``指标`` / ``原文 第57行`` / ``拼音·标题``: the field the hit was found in."""
    word = FIELD_WORD.get(hit.field, hit.field)
    if hit.rank >= PINYIN_RANK:
        word = f"拼音·{word}"
    if hit.line and hit.field not in ("title", "department"):
        word += f" 第{hit.line}行"
    return word


def match_of(hit: Hit, needles: tuple[str, ...]) -> SearchMatch:
    return SearchMatch(hit.item_id, hit_terms(hit, needles), where(hit), hit.snippet, tuple(hit.marks), hit.field)


def hit_prompt(hit: Hit, terms: tuple[str, ...]) -> Text:
    """Line 1: city, year, item number and title; line 2 (unless the title matched): where the
    match is and the snippet around it. The match is highlighted in both."""
    text = Text()
    text.append(f"{hit.city} {hit.period} ", style="dim")
    text.append(f"第{hit.number}件 " if hit.number is not None else "", style="bold")
    title = highlight(Text(hit.title or "(无标题)", style="bold"), terms)
    text.append_text(title)
    if hit.field == "title":
        return text  # (a pinyin hit too: the characters it spells are highlighted in the title)
    text.append("\n  ")
    text.append(f"{where(hit)} ", style="italic dim")
    snippet = Text(hit.snippet)
    for start, end in hit.marks:
        snippet.stylize(HIGHLIGHT, start, end)
    text.append_text(snippet)
    return text
