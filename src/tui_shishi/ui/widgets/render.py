"""Rich text pieces shared by the views: status badges, bars, marked sentences, CJK-safe cuts.

Widths are in terminal cells (rich ``cell_len``): 东 is two cells, so ``len`` would misalign.
Status is always glyph + word, colour only on top, so it reads on a 16-colour or monochrome
terminal and for colour-blind users.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from tui_shishi import status as st

STATUS_STYLE = {
    st.ACHIEVED: "bold green",
    st.IN_PROGRESS: "bold yellow",
    st.NOT_REPORTED: "dim",
    st.QUALITATIVE: "bold cyan",
}
ROLE_WORD = {"lead": "牵头", "co": "协办", "responsible": "责任"}
# Data-quality flag kinds (model.FLAG_*) in the staff's words; the code stays beside them.
FLAG_WORDS = {
    "missing_items": "缺少编号",
    "out_of_order": "编号顺序不对",
    "duplicate_item": "编号重复",
    "repeated_bullet": "条目重复",
    "not_understood": "未能识别的文字",
    "chrome_stripped": "已去除网页杂项",
    "number_not_parsed": "数字未能读出",
    "unbound_percent": "百分比无对应指标",
    "inconsistent": "数字前后不一致",
    "unknown_format": "未知格式",
    "metadata": "城市/年份/类型为推断",
}
BAR_WIDTH = 20
FULL, EMPTY, PACE = "█", "░", "┃"


def glyph(status: str) -> str:
    return st.GLYPHS.get(status, "?")


def status_text(status: str) -> Text:
    """``✔ 达成`` in the status colour."""
    return Text(st.label(status) if status else "? 未知", style=STATUS_STYLE.get(status, ""))


def flag_word(kind: str) -> str:
    return FLAG_WORDS.get(kind, kind)


def percent_str(percent: float | None) -> str:
    return "" if percent is None else f"{percent:.1f}%".replace(".0%", "%")


def truncate(text: str, cells: int) -> str:
    """Cut ``text`` to at most ``cells`` terminal cells, marking the cut with …."""
    if cell_len(text) <= cells:
        return text
    out, used = [], 0
    for ch in text:
        width = cell_len(ch)
        if used + width > cells - 1:
            break
        out.append(ch)
        used += width
    return "".join(out) + "…"


def pad(text: str, cells: int) -> str:
    """Left-aligned to ``cells`` terminal cells (CJK counts double)."""
    return text + " " * max(cells - cell_len(text), 0)


def bar(percent: float, pace_share: float | None = None, width: int = BAR_WIDTH, style: str = "") -> Text:
    """A progress bar of ``width`` cells, full at 100% (beyond is said in words: 超额).

    ``pace_share`` (0 … 1) puts a ┃ where the plan period elapsed would have it.
    """
    filled = round(min(max(percent, 0.0), 100.0) / 100 * width)
    style = style or ("green" if percent >= 100 else "yellow")
    cells = [(FULL, style)] * filled + [(EMPTY, "dim")] * (width - filled)
    if pace_share is not None:
        at = min(int(round(pace_share * width)), width) - 1
        if at >= 0:
            cells[at] = (PACE, "bold magenta")
    text = Text()
    for char, char_style in cells:
        text.append(char, char_style)
    return text


def over_text(percent: float) -> Text:
    """``超额 +191.3%`` for an over-achieved figure, else empty."""
    if percent <= 100:
        return Text()
    return Text(f"超额 +{percent - 100:.1f}%".replace(".0%", "%"), style="bold green")


def marked(sentence: str, spans: list[tuple[int | None, int | None, str]]) -> Text:
    """The sentence with each figure (start, end, figure-as-published) marked.

    Offsets that do not point at the figure (a parser's off-by-one, a figure from another
    sentence) are corrected by searching the figure; a figure not found is not marked.
    """
    text = Text(sentence)
    for start, end, figure in spans:
        ok = start is not None and end is not None and 0 <= start < end <= len(sentence)
        if ok and figure and sentence[start:end] != figure:
            ok = False
        if not ok and figure:
            found = sentence.find(figure)
            if found >= 0:
                start, end, ok = found, found + len(figure), True
        if ok:
            text.stylize("bold reverse", start, end)
    return text


def role_chip(role: str, name: str, note: str = "") -> Text:
    chip = Text()
    chip.append(f" {ROLE_WORD.get(role, role)} ", style="bold reverse")
    chip.append(f" {name}")
    if note:
        chip.append(f"({note})", style="dim")
    return chip
