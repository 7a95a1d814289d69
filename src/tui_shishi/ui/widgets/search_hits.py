"""How a search hit reads: in the result list (city, year, item, where it matched, snippet) and
as the match the item view highlights. Rich text only: no widgets, no queries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
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
# The empty box's examples: (queries, what they find). Every query here, and each one of the
# box's placeholder, finds something in data/shishi.db (tests/test_documented_examples.py).
EXAMPLES: list[tuple[tuple[str, ...], str]] = [
    (("养老",), "标题、指标、部门、节点、进展、原文中含「养老」的事项"),
    (("老旧小区 改造",), "空格分开的几个词须同在一件事项中"),
    (('"老旧 小区"',), "引号内为一个短语,空格处可有标点、空格,也可相连"),
    (("yanglao", "yl"), "拼音或首字母 (标题与部门)"),
    (("year:2020-2023", "city:青岛", "dept:民政局", "status:达成|进行中"), ""),
]
PLACEHOLDER = '搜索:养老  "老旧 小区"  yanglao  year:2020-2023  city:青岛'
_QUERY_CELLS = 18


def _hint(queries: tuple[str, ...], meaning: str) -> str:
    shown = "  ".join(queries)
    return f"  {shown}{' ' * max(_QUERY_CELLS - cell_len(shown), 1)}{meaning}".rstrip()


HINTS = ["输入要找的文字,结果随输入更新:", *(_hint(*example) for example in EXAMPLES)]
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


def fit(text: Text, start: int, end: int, cells: int) -> Text:
    """``text`` cut to ``cells`` terminal cells around ``text[start:end]`` (the match in the middle,
    as much of it as fits), ``…`` where it was cut; styles kept."""
    plain = text.plain
    if cells <= 0 or cell_len(plain) <= cells:
        return text
    widths = [cell_len(c) for c in plain]
    a = min(max(start, 0), len(plain))
    b = a
    room = max(cells - 2, 1)  # an … at each end
    while b < max(end, a + 1) and b < len(plain) and sum(widths[a : b + 1]) <= room:
        b += 1
    used = sum(widths[a:b])
    grew = True
    while grew:
        grew = False
        if a > 0 and used + widths[a - 1] <= room:
            a, used, grew = a - 1, used + widths[a - 1], True
        if b < len(plain) and used + widths[b] <= room:
            b, used, grew = b + 1, used + widths[b], True
    if a == 1 and plain[0] == "…":
        a = 0  # the snippet's own … already says it was cut
    if b == len(plain) - 1 and plain[-1] == "…":
        b = len(plain)
    out = Text("…" if a > 0 else "")
    out.append_text(text[a:b])
    if b < len(plain):
        out.append("…")
    return out


def hit_prompt(hit: Hit, terms: tuple[str, ...], width: int = 0) -> Text:
    """Line 1: city, year, item number and title; line 2 (unless the title matched): where the
    match is and the snippet around it, cut to ``width`` cells (0: whole) with the match in view.
    The match is highlighted in both."""
    text = Text()
    text.append(f"{hit.city} {hit.period} ", style="dim")
    text.append(f"第{hit.number}件 " if hit.number is not None else "", style="bold")
    title = highlight(Text(hit.title or "(无标题)", style="bold"), terms)
    marked = [span for span in title.spans if str(span.style) == HIGHLIGHT]
    if width and marked:  # a long title: the match in view
        title = fit(title, marked[0].start, marked[0].end, width - cell_len(text.plain))
    text.append_text(title)
    if hit.field == "title":
        return text  # (a pinyin hit too: the characters it spells are highlighted in the title)
    text.append("\n  ")
    text.append(f"{where(hit)} ", style="italic dim")
    snippet = Text(hit.snippet)
    for start, end in hit.marks:
        snippet.stylize(HIGHLIGHT, start, end)
    first = hit.marks[0] if hit.marks else (0, 0)
    text.append_text(fit(snippet, first[0], first[1], width - cell_len(text.plain.rsplit("\n", 1)[-1]) if width else 0))
    return text
