"""Damaged text mended before it is read, every mend flagged.

Documents of the genre are often read from reposts and bad copies, and some damage has a shape
of its own that no reader should have to know about:

* control characters (C0 and C1 but tab, from a bad copy or planted: ``ESC]0;…BEL`` would retitle
  a terminal window, ``ESC[2J`` clear it) are removed from every line, with the escape sequence
  each opens (``ESC[2J``, ``ESC]0;…BEL``: its parameters are no text either); one flag for the
  document says how many control characters (``去除控制字符3个``) and on which lines.
  ``Document.text`` keeps the text as published; what is shown of it goes through
  ``safe_text.printable``.
* stray spaces inside a number, from a PDF or HTML copy: ``201 7年`` → ``2017年``,
  ``10.1 7亿元`` → ``10.17亿元``. Only what is clearly one number is joined: four digits of a
  year 19xx/20xx before 年, or a decimal number whose fraction was split, written inside a
  sentence. Separate numbers (``1 2 3``, a table's ``1 新建…``, ``2019 2020``, ``第1 2件``,
  phone numbers, times) are never joined.
* pinyin left inline by a bad Traditional→Simplified repost: ``辦(bàn)`` → ``辦`` (folded to
  办 like any Traditional character). The bracket must follow a Han character and hold one
  pinyin syllable with a tone mark (bàn) or a tone digit (ban4): ``(AED)``, ``(PPP)``, a plain
  ``(ban)`` or a plot name ``(A1)`` stay.
* spam a mirror site injected at a line's start or end:
  ``365bet账号被限制_beat365在线_beat365体育登陆网址荆州区…`` → ``荆州区…``. A run of the
  lexicon's ``[spam] markers`` counts as spam only when it also holds a Latin+digit brand token
  (beat365) or joins several markers with ``_``: ``开通在线预约服务`` and ``公布网址和电话`` stay.
  A line that is nothing but spam is dropped.

``repair`` returns new lines with the same numbers (unchanged lines are the same objects) and
one flag per mended line and kind of mend, quoting the text before → after. ``cut_off`` and
``truncation_flag`` tell whether a document's last item ends mid-sentence.

Everything here is linear in the text: bounded regexes, anchored token scans.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from tui_shishi.model import FLAG_REPAIRED, FLAG_SPAM, FLAG_TRUNCATED, Flag
from tui_shishi.parse import lexicon
from tui_shishi.parse.quote import QUOTE_CHARS, quote
from tui_shishi.parse.text import Line, fold
from tui_shishi.safe_text import CONTROL_CHARS

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CONTEXT = 8  # characters of context on each side of a mend in a flag's detail
_LISTED = 3  # mends of one kind quoted in one line's flag; more are counted

# --- stray spaces in numbers -------------------------------------------------------------------

# 201 7年, 20 17年, 2 0 1 7年: four digits split by single spaces, right before 年.
_SPLIT_YEAR = re.compile(r"(?<![\d.])(?:\d{3} \d|\d \d{3}|\d\d \d\d|\d\d \d \d|\d \d\d \d|\d \d \d\d|\d \d \d \d)(?=年)")
# 10.1 7亿元, 12.3 4%: a decimal inside a sentence (after a Han character or punctuation, never
# at a line's start or after a space, where it would be a section number 1.1), its fraction split
# by one space and followed at once by a unit.
_SPLIT_DECIMAL = re.compile(rf"(?<=[^\s\d.a-z])(\d{{1,9}}\.\d{{1,3}}) (\d{{1,3}})(?=[%‰{_HAN}])")


def _mend_numbers(text: str) -> list[tuple[int, int, str]]:
    """Spans (start, end, replacement) of split numbers in folded ``text``."""
    spans: list[tuple[int, int, str]] = []
    if " " not in text:
        return spans
    for m in _SPLIT_YEAR.finditer(text):
        digits = m.group().replace(" ", "")
        if digits[:2] in ("19", "20"):
            spans.append((m.start(), m.end(), digits))
    for m in _SPLIT_DECIMAL.finditer(text):
        if len(m.group(1).split(".")[1]) + len(m.group(2)) <= 4:
            spans.append((m.start(), m.end(), m.group(1) + m.group(2)))
    spans.sort()
    return spans


# --- pinyin residue ----------------------------------------------------------------------------

_TONE_MARKS = "\u0300\u0301\u0304\u030c"  # grave, acute, macron, caron: the four tones
_PINYIN_LETTERS = "a-zêüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ\u0300\u0301\u0304\u030c\u0308"
# 辦(bàn) / 辦（bàn） (folded to ( ), ban4: one syllable after a Han character.
_PINYIN = re.compile(rf"(?<=[{_HAN}])\( ?([{_PINYIN_LETTERS}]{{1,8}}[1-5]?) ?\)")


@lru_cache(maxsize=1)
def _syllable() -> re.Pattern[str]:
    initials = lexicon.alternation("repair", "pinyin_initials")
    finals = lexicon.alternation("repair", "pinyin_finals")
    return re.compile(rf"{initials}?{finals}")


def _is_pinyin(raw: str, folded: str) -> bool:
    """One bracketed syllable, ``raw`` as published: toned (bàn) or with a tone digit (ban4)."""
    if any("A" <= ch <= "Z" for ch in raw):
        return False  # (A1), (G2): names and codes, not pinyin
    decomposed = unicodedata.normalize("NFD", folded)
    toned = any(mark in decomposed for mark in _TONE_MARKS)
    digit = folded[-1].isdigit()
    base = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONE_MARKS and not ch.isdigit()))
    if toned == digit:
        return False  # no tone at all, or both a mark and a digit
    if digit and len(base) < 2:
        return False  # (a1), (e2): too short to be sure
    return _syllable().fullmatch(base) is not None


def _mend_pinyin(raw: str, text: str) -> list[tuple[int, int, str]]:
    if "(" not in text:
        return []
    return [(m.start(), m.end(), "") for m in _PINYIN.finditer(text) if _is_pinyin(raw[m.start(1) : m.end(1)], m.group(1))]


# --- spam --------------------------------------------------------------------------------------

_SEPARATOR = re.compile(r"[_\s|·\-—]+")
_ALNUM = re.compile(r"[a-z0-9.]+")


@lru_cache(maxsize=2)
def _markers(backward: bool = False) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """The markers as a pattern and the Latin ones; reversed for a scan from a line's end."""
    words = tuple(w[::-1] if backward else w for w in lexicon.terms("spam", "markers"))
    return re.compile("|".join(re.escape(w) for w in words)), tuple(w for w in words if w.isascii())


def _is_brand(token: str) -> bool:
    """beat365, 365bet, w88.com: Latin letters and digits in one token, two or more of each."""
    letters = sum(ch.isalpha() for ch in token)
    digits = sum(ch.isdigit() for ch in token)
    return letters >= 2 and digits >= 2


def _spam_run(text: str, backward: bool = False) -> int:
    """Length of the spam run opening ``text`` (folded), or 0 when what opens it is not spam.

    The run is a sequence of marker words, Latin tokens and separators; it ends after its last
    marker or brand token (and the separators after it). It is spam when it holds a marker and
    a brand token, or two markers and a ``_`` between tokens.
    """
    markers, latin = _markers(backward)
    pos = end = 0
    n_markers = n_brands = n_joins = 0
    started = False
    while pos < len(text):
        m = _SEPARATOR.match(text, pos)
        if m:
            if started and "_" in m.group():
                n_joins += 1
            pos = m.end()
            if started and end == m.start():
                end = pos
            continue
        m = _ALNUM.match(text, pos)
        if m:
            token = m.group()
            if not any(ch.isalpha() for ch in token):
                break  # digits only: the document's own figure (2023年), never spam
            brand, marker = _is_brand(token), any(w in token for w in latin)
            n_brands += brand
            n_markers += marker
            pos = m.end()
            if brand or marker:
                end = pos
            started = True
            continue
        m = markers.match(text, pos)
        if not m:
            break
        n_markers += 1
        pos = end = m.end()
        started = True
    spam = n_markers >= 1 and (n_brands >= 1 or (n_markers >= 2 and n_joins >= 1))
    return end if spam else 0


def _mend_spam(text: str) -> tuple[int, int]:
    """(start, end) of the document's text between a spam prefix and a spam suffix."""
    start = _spam_run(text)
    end = len(text) - _spam_run(text[::-1], backward=True) if start < len(text) else len(text)
    return start, max(start, end)


# --- repair ------------------------------------------------------------------------------------


def repair(lines: list[Line]) -> tuple[list[Line], list[Flag]]:
    """Mend split numbers, pinyin residue and injected spam; one flag per mended line and kind.

    Lines keep their numbers; a line that was nothing but spam is dropped; a line that needed no
    mend is returned as the same object.
    """
    forward = _markers()[0]
    kept: list[Line] = []
    flags: list[Flag] = []
    controls: list[tuple[int, int]] = []  # (line, how many) of the lines that held control characters
    for line in lines:
        raw, text = line.raw, line.fold
        if CONTROL_CHARS.search(raw):
            removed = len(CONTROL_CHARS.findall(raw))
            raw = CONTROL_CHARS.sub("", _ESCAPE_SEQUENCE.sub("", raw))
            text = fold(raw)
            controls.append((line.number, removed))
        if forward.search(text):
            mended, text = _repair_spam(line, raw, text, flags)
            if mended is None:
                continue
            raw = mended
        spans = _mend_pinyin(raw, text)
        if spans:
            raw, text = _apply(line.number, raw, spans, "去除汉字后的拼音注音", flags)
        spans = _mend_numbers(text)
        if spans:
            raw, text = _apply(line.number, raw, spans, "修正数字中的空格", flags)
        kept.append(line if raw is line.raw else Line(line.number, raw, text))
    if controls:
        flags.insert(0, _controls_flag(controls))
    return kept, flags


# A terminal escape sequence: CSI (ESC[ or \x9b, parameters, one final byte: ESC[2J, \x9b31m) or
# OSC (ESC] or \x9d, a bounded body, BEL or ST: ESC]0;title BEL, ESC]52;c;… BEL).
_ESCAPE_SEQUENCE = re.compile(r"(?:\x1b\[|\x9b)[0-?]{0,32}[ -/]{0,4}[@-~]|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]{0,512}(?:\x07|\x1b\\|\x9c)")


def _controls_flag(controls: list[tuple[int, int]]) -> Flag:
    total = sum(n for _line, n in controls)
    where = "、".join(str(number) for number, _n in controls[:_LISTED]) + ("等" if len(controls) > _LISTED else "")
    return Flag(FLAG_REPAIRED, f"去除控制字符{total}个（第{where}行）", line=controls[0][0])


def _repair_spam(line: Line, raw: str, text: str, flags: list[Flag]) -> tuple[str | None, str]:
    body = text.rstrip()
    start, end = _mend_spam(body)
    if start == 0 and end == len(body):
        return raw, text
    kept_start = start + len(raw[start:end]) - len(raw[start:end].lstrip()) if start else 0
    kept = raw[kept_start:end].rstrip()
    if not fold(kept).strip(" _|·-—,.:;!?,。:;!?、"):
        flags.append(Flag(FLAG_SPAM, f"去除转载网站插入的广告行：{quote(raw)}", line=line.number))
        return None, ""
    kept_end = kept_start + len(kept)
    span = 2 * _CONTEXT
    if len(kept) <= 2 * span:
        shown = kept
    else:
        shown = (kept[:span] if start else "") + "…" + (kept[-span:] if kept_end < len(body) else "")
    before = (raw[:kept_start] + shown + raw[kept_end:]).strip()
    flags.append(Flag(FLAG_SPAM, f"去除转载网站插入的广告文字：“{before}”→“{shown.strip()}”", line=line.number))
    return kept, fold(kept)


def _apply(number: int, raw: str, spans: list[tuple[int, int, str]], what: str, flags: list[Flag]) -> tuple[str, str]:
    """Replace ``spans`` of ``raw`` (offsets shared with its fold); one flag quotes them all.

    Each mend is quoted with a few characters around it, before → after; mends close together
    share one quote.
    """
    applied: list[tuple[int, int, str]] = []
    out: list[str] = []
    pos = 0
    for start, end, new in spans:
        if start < pos:
            continue  # overlapping mends: the first one wins
        out.append(raw[pos:start])
        out.append(new)
        applied.append((start, end, new))
        pos = end
    out.append(raw[pos:])
    mended = "".join(out)

    windows: list[list[int]] = []
    for start, end, _ in applied:
        lo, hi = max(0, start - _CONTEXT), min(len(raw), end + _CONTEXT)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        elif len(windows) < _LISTED:
            windows.append([lo, hi])
        else:
            break
    changes = [f"{quote(raw[lo:hi])}→{quote(mended[_shifted(applied, lo) : _shifted(applied, hi)])}" for lo, hi in windows]
    count = len(applied)
    listed = "；".join(changes) + ("等" if windows[-1][1] < applied[-1][1] else "")
    detail = f"{what}：{listed}" if count == 1 else f"{what}{count}处：{listed}"
    flags.append(Flag(FLAG_REPAIRED, detail, line=number))
    return mended, fold(mended)


def _shifted(applied: list[tuple[int, int, str]], pos: int) -> int:
    """Offset ``pos`` of the published line in the mended one (a window's edge)."""
    shift = 0
    for start, end, new in applied:
        if end <= pos:
            shift += len(new) - (end - start)
        elif start < pos:
            return start + shift + len(new)  # inside a mend: after its replacement
        else:
            break
    return pos + shift


# --- cut-off documents -------------------------------------------------------------------------

# A sentence, a bracket or a quotation that ends here: 。！？；… and closing marks (folded).
_FINAL = set("。.!?;…”’\"'」』)]】》〉>")
# Punctuation that promises more: a clause, a list or a bracket left open.
_OPEN = set(",、:(《“‘「『【<—-~/+·")
_SENTENCE_END = re.compile(r"[。!?;]")
# A date or a period that may close a line: 2023.12, 2023-12-31, 2023/6.
_DATE_TAIL = re.compile(r"(?:19|20)\d\d\s*[.\-/]\s*\d{1,2}(?:\s*[.\-/]\s*\d{1,2})?$")
# 牵头单位:市市场监管局, 完成时限:2023.12: a short label and its value.
_FIELD = re.compile(rf"^[{_HAN}a-z()]{{2,12}}:\s*\S")
# 一、 (一) 1. ①: a numbering marker opening the line, not a clause of it.
_MARKER = re.compile(r"^\s*(?:[一二三四五六七八九十百零〇两]+、|\(\s*[一二三四五六七八九十\d]+\s*\)|\d{1,3}\s*[、.]|[\u2460-\u2473])\s*")
# A figure standing alone: a table cell 100, a field's value 投资:500.
_NUMBER = re.compile(r"[\d.,%\s]+")
_TITLE_CHARS = 40  # an unpunctuated last line longer than this is a sentence cut short


def cut_off(text: str, *, peers: Sequence[str] = ()) -> bool:
    """Does ``text`` (a document's last item) end mid-sentence?

    Cut off: it ends on a comma, 、, colon or an open bracket; inside a number
    (``…参保人数465``, but not a date ``2023.12`` or a field ``投资:500``); after one character
    standing alone (``…、镇``, ``…建设。截``); or a new sentence began after 。 and stops without
    its end. Not cut off: sentence-final punctuation or a closing mark; a field line
    (``牵头单位:市市场监管局``); a short title without sentence punctuation (``新民社区建设项目``),
    or a signature set apart by a space (``…。 六安市民生办``).

    ``peers`` are the document's other items: when most of them end without final punctuation
    too, the list is written that way and an ending on a whole word (even a heading with a
    comma) is taken as complete.
    """
    last, cell = _last_line(text)
    if not last:
        return False
    end = last[-1]
    if end in _FINAL:
        return False
    if end in _OPEN:
        return True
    if _lone_character(last):
        return True
    if end.isdigit():
        if _DATE_TAIL.search(last) or (cell and _NUMBER.fullmatch(last)):
            return False
        field = _FIELD.match(last)
        return not (field and _NUMBER.fullmatch(last[field.end() - 1 :]))
    if _FIELD.match(last) and not re.search(r"[,;。]", last):
        return False
    body = _MARKER.sub("", last)
    sentence_end = None
    for sentence_end in _SENTENCE_END.finditer(body):
        pass
    if sentence_end is not None:
        tail = body[sentence_end.end() :]
        if not tail[:1].isspace():
            return True  # 。截至6月底: a new sentence began and stops here
        tail = tail.strip()
        return len(tail) > _TITLE_CHARS or bool(re.search(r"[,、:]", tail))
    if _unpunctuated_style(peers):
        return False
    return "," in body or len(body) > _TITLE_CHARS


def truncation_flag(text: str, line: int | None, *, peers: Sequence[str] = ()) -> Flag | None:
    """A FLAG_TRUNCATED flag quoting where ``text`` stops, or None when it is not cut off."""
    if not cut_off(text, peers=peers):
        return None
    last = text.rstrip().rsplit("\n", 1)[-1].strip()
    shown = quote(last) if len(last) <= QUOTE_CHARS else f"“…{last[-QUOTE_CHARS:]}”"
    return Flag(FLAG_TRUNCATED, f"文档在此处中断，只保留已有内容：{shown}", line=line)


def _last_line(text: str) -> tuple[str, bool]:
    """The last non-blank line, folded; of a table row (| or tab), its last non-empty cell.
    The flag says whether it is a cell."""
    last = fold(text.rstrip().rsplit("\n", 1)[-1])
    if "|" in last or "\t" in last:
        cells = [c.strip() for c in re.split(r"[|\t]", last) if c.strip()]
        return (cells[-1] if cells else ""), True
    return last.strip(), False


def _lone_character(last: str) -> bool:
    """…、镇 or …建设。截: one Han character after punctuation, or the whole line."""
    if not re.search(rf"[{_HAN}]$", last):
        return False
    if len(last) == 1 or last[-2] in ",、。;!?":
        return True
    return last[-2] == ":" and not _FIELD.match(last)  # 备注:无 is a field


def _unpunctuated_style(peers: Sequence[str]) -> bool:
    lasts = [_last_line(p)[0] for p in peers]
    lasts = [p for p in lasts if p]
    if not lasts:
        return False
    bare = sum(1 for p in lasts if p[-1] not in _FINAL)
    return bare * 2 > len(lasts)
