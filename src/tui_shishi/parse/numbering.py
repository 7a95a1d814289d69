"""Numbering markers of the genre, and the one numeral reader for all of them.

A line of a 民生实事 document may open with a marker of one of these schemes, listed from the
outermost level of an official document's outline to the innermost (GB/T 9704 order):

    jian          第3件 / 第十二项          the list's own item numbering
    bracket       【一】 / 【1】
    cn            一、 / 一. / 一，          sections, or the items of a short list
    paren_cn      (一) / （一） / 〔一〕
    arabic        1. 1、 1。 1， 1, 1． 1)
    paren_arabic  (1) / ⑴
    circled       ① … ⑳
    bullet        ● ■ —— - …              unnumbered items, or notes under an item

``marker`` reads the marker of one line; which scheme is the document's items is the outline's
decision (``outline.py``), made from the whole run of markers, never from one line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tui_shishi.parse import lexicon

SCHEMES = ("jian", "bracket", "cn", "paren_cn", "arabic", "paren_arabic", "circled", "bullet")
NUMBERED: tuple[str, ...] = SCHEMES[:-1]

CN_DIGITS = "〇零一二两三四五六七八九十百"
_CN_VALUE = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN_DIGITS = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"


@dataclass(frozen=True)
class Marker:
    """A line's opening marker: its scheme, value, the span it takes, and the text as published."""

    scheme: str
    value: int | None  # None for bullets
    start: int
    end: int  # where the heading text begins
    key: str  # the marker as published, without separators: 一, (一), 3, ①, ●
    damaged: bool = False


def numeral(text: str) -> int | None:
    """``12`` / ``十二`` / ``一百零三`` / ``①`` → the number; None when it is not one."""
    text = text.strip()
    if not text:
        return None
    if text.isascii() and text.isdigit():
        return int(text)
    if len(text) == 1 and text in _CIRCLED:
        return _CIRCLED.index(text) + 1
    if len(text) == 1 and text in _PAREN_DIGITS:
        return _PAREN_DIGITS.index(text) + 1
    if any(ch not in _CN_VALUE and ch not in "十百" for ch in text):
        return None
    total, digit = 0, None
    for ch in text:
        if ch in _CN_VALUE:
            if digit is not None and digit != 0 and ch != "零":
                return None  # 二三: not a numeral
            digit = _CN_VALUE[ch]
        else:
            unit = 10 if ch == "十" else 100
            total += (1 if digit is None else digit) * unit
            digit = None
    return total + (digit or 0)


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    counters = lexicon.alternation("numbering", "item_counters")
    arabic_sep = "".join(re.escape(s) for s in lexicon.terms("numbering", "arabic_separators"))
    cn_sep = "".join(re.escape(s) for s in lexicon.terms("numbering", "chinese_separators") if s.strip())
    bullets = lexicon.alternation("numbering", "bullets")
    return [
        ("jian", re.compile(rf"\s*第\s*([\d{CN_DIGITS}]{{1,4}})\s*{counters}(?![\u4e00-\u9fff]{{0,1}}[单位部门])\s*[:.、,]?\s*")),
        ("bracket", re.compile(rf"\s*【\s*([\d{CN_DIGITS}]{{1,4}})\s*】\s*")),
        ("cn", re.compile(rf"\s*([{CN_DIGITS}]{{1,4}})\s*[{cn_sep}]\s*")),
        ("paren_cn", re.compile(rf"\s*[(〔\[]\s*([{CN_DIGITS}]{{1,4}})\s*[)〕\]]\s*")),
        # 1. but not 1.5万人; 1) but not 1)号楼; a bare number then a space only before Han text.
        ("arabic", re.compile(rf"\s*(\d{{1,3}})(?:\s*(?:[{arabic_sep}])(?![\d%])|\s+(?=[\u4e00-\u9fff]))\s*")),
        ("paren_arabic", re.compile(r"\s*(?:\(\s*(\d{1,3})\s*\)|([⑴-⒇]))\s*")),
        ("circled", re.compile(rf"\s*([{_CIRCLED}])\s*")),
        ("bullet", re.compile(rf"\s*({bullets})\s*")),
    ]


# A rule drawn across the page (----- / ===== / ——— / ___): three or more dashes, equals signs,
# underscores or tildes and nothing else. It separates parts of a page; it is no bullet and opens no item.
_RULE_LINE = re.compile(r"\s*(?:[-—–─━=＝_~～]\s*){3,}")


def is_rule_line(folded: str) -> bool:
    """``-----`` / ``=====`` / ``— — —``: a line that is only a drawn rule."""
    return _RULE_LINE.fullmatch(folded) is not None


def marker(raw: str, folded: str) -> Marker | None:
    """The marker opening a line (``raw`` as published, ``folded`` its folded form), if any."""
    if is_rule_line(folded):
        return None
    for scheme, pattern in _patterns():
        # Circled digits fold to plain digits (① → 1): read them on the published text.
        m = pattern.match(raw if scheme == "circled" else folded)
        if m is None:
            continue
        if scheme == "bullet":
            if m.end() >= len(folded.rstrip()):
                return None  # a rule line of dashes, not a bullet
            return Marker(scheme, None, m.start(1), m.end(), m.group(1))
        group = next(i for i, g in enumerate(m.groups(), 1) if g)  # ⑴ is read by the second group
        digits = m.group(group)
        value = numeral(digits)
        if value is None or value == 0:
            continue
        if scheme == "arabic" and _is_date_or_figure(folded, m):
            continue
        if m.end() >= len(folded.rstrip()) and scheme not in ("jian", "cn"):
            continue  # a number alone on its line: a page number
        key = f"({digits})" if scheme in ("paren_cn", "paren_arabic") and digits not in _PAREN_DIGITS else digits
        return Marker(scheme, value, m.start(group), m.end(), key)
    return None


_AFTER_FIGURE = re.compile(r"\d{1,3}\s*[.、,。]?\s*(?:年|月|日|号|时|个|万|亿|%|人|元)")


def _is_date_or_figure(folded: str, m: re.Match[str]) -> bool:
    """``12月27日`` / ``3,000人``: a line opening with a figure, not a numbered line."""
    return bool(_AFTER_FIGURE.match(folded, m.start(1))) and not re.match(r"\d{1,3}\s*[.、]", folded[m.start(1) :])


def damaged_bullet(raw: str) -> str | None:
    """The character that stands where a —— bullet was lost (``一加强…``, ``_治理…``), if any."""
    text = raw.lstrip()
    for mark in lexicon.terms("numbering", "damaged_bullets"):
        if text.startswith(mark) and len(text) > len(mark) + 4 and "\u4e00" <= text[len(mark)] <= "\u9fff":
            return mark
    return None
