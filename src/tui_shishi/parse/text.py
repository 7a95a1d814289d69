"""Text as published → text to read: decoding, folding, lines.

Folding is character by character and keeps the length, so an offset found in the folded text
is the same offset in the published text: parsers match on ``fold`` and keep ``raw[start:end]``.
Folding maps full-width forms to half-width (（ → (, ：→ :, ＡＥＤ → AED, １２ → 12) and
Traditional characters to Simplified (責任單位 → 责任单位).
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache


class DecodeError(ValueError):
    """The bytes are not text in any encoding a Chinese government file is published in."""


# Tried in order after the BOMs; GB18030 is a superset of GBK and GB2312.
_ENCODINGS = ("utf-8", "gb18030")


def decode(data: bytes) -> tuple[str, str]:
    """Decode published bytes; return (text with \\n line ends, encoding name)."""
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict"), "utf-8-sig"
    elif data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            text, encoding = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise DecodeError(f"不是文本：不是有效的 UTF-16（第 {exc.start} 字节，{exc.reason}）") from None
    elif b"\x00" in data and (utf16 := _utf16_without_bom(data)) is not None:
        text, encoding = utf16
    else:
        for encoding in _ENCODINGS:
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise DecodeError("不是文本：既不是 UTF-8，也不是 GB18030/GBK")
    if "\x00" in text:
        raise DecodeError("不是文本：含有 NUL 字符")
    return normalize_newlines(text), encoding


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 saved without a byte-order mark, or None.

    UTF-8 and GB18030 text holds no NUL byte, while in UTF-16 every ASCII character (line ends,
    digits, Latin letters, half-width punctuation) has one: the high byte, after the character
    in little-endian order (odd offsets), before it in big-endian (even offsets). So: an even
    length, NULs at one parity (at least one unit in 32) and hardly any at the other, and text
    that decodes strictly with few control characters.
    """
    if len(data) < 2 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    units = len(data) // 2
    zeros, others, codec = (odd, even, "utf-16-le") if odd >= even else (even, odd, "utf-16-be")
    if zeros * 32 < units or others * 8 > zeros:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    controls = sum(1 for ch in text if ch < " " and ch not in "\t\n\r")
    if controls * 100 > len(text):
        return None  # binary that happens to have its zeros on one side
    return text, codec


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@cache
def fold_char(ch: str) -> str:
    """One character folded to one character: width, Traditional → Simplified, ASCII lower case."""
    folded = normalize_char(ch)
    return folded.lower() if folded.isascii() else folded


@cache
def normalize_char(ch: str) -> str:
    """One character to one character: width (NFKC) then Traditional → Simplified; case kept."""
    folded = unicodedata.normalize("NFKC", ch)
    if len(folded) != 1:
        folded = ch
    if folded == "\u3000":
        folded = " "
    if ord(folded) >= 0x3400:
        simplified = _to_simplified(folded)
        if len(simplified) == 1:
            folded = simplified
    return folded


def _to_simplified(ch: str) -> str:
    import zhconv  # lazy: only documents and queries with CJK text need it

    return str(zhconv.convert(ch, "zh-cn"))


def normalize(text: str) -> str:
    """The published form made comparable for names and units (市財政局 → 市财政局, 個 → 个,
    （ → (), keeping ASCII case (MW stays MW). Length-preserving like ``fold``."""
    return "".join(normalize_char(ch) for ch in text)


class _FoldTable(dict[int, str]):
    """code point → folded character, filled as characters are met (for ``str.translate``)."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()
_LONG = 512  # a text this long is folded once however often it is asked for (a clause shared by indicators)


def fold(text: str) -> str:
    """Fold a whole string; ``len(fold(s)) == len(s)`` always holds.

    ASCII letters are lower-cased so that ``ＡＥＤ``, ``AED`` and ``aed`` read alike.
    """
    return _fold_long(text) if len(text) >= _LONG else text.translate(_FOLD_TABLE)


@lru_cache(maxsize=32)
def _fold_long(text: str) -> str:
    return text.translate(_FOLD_TABLE)


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a document: its 1-based number, the text as published and folded (the same
    string when folding changes nothing, as in most lines: a long document holds one copy)."""

    number: int
    raw: str
    fold: str

    @property
    def stripped(self) -> str:
        return self.fold.strip()

    def raw_span(self, start: int, end: int) -> str:
        return self.raw[start:end]


def split_lines(text: str) -> list[Line]:
    """All lines of a decoded text, blank ones included (numbers stay true to the file)."""
    lines = []
    for i, raw in enumerate(text.split("\n"), start=1):
        folded = fold(raw)
        lines.append(Line(i, raw, raw if folded == raw else folded))
    return lines
