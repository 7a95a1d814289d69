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
from functools import cache


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
            raise DecodeError(f"not valid UTF-16 text ({exc.reason} at byte {exc.start})") from None
    else:
        for encoding in _ENCODINGS:
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise DecodeError("not text: neither UTF-8 nor GB18030/GBK")
    if "\x00" in text:
        raise DecodeError("not text: contains NUL characters")
    return normalize_newlines(text), encoding


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

    return zhconv.convert(ch, "zh-cn")


def normalize(text: str) -> str:
    """The published form made comparable for names and units (市財政局 → 市财政局, 個 → 个,
    （ → (), keeping ASCII case (MW stays MW). Length-preserving like ``fold``."""
    return "".join(normalize_char(ch) for ch in text)


def fold(text: str) -> str:
    """Fold a whole string; ``len(fold(s)) == len(s)`` always holds.

    ASCII letters are lower-cased so that ``ＡＥＤ``, ``AED`` and ``aed`` read alike.
    """
    return "".join(fold_char(ch) for ch in text)


@dataclass(frozen=True)
class Line:
    """One line of a document: its 1-based number, the text as published and folded."""

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
    return [Line(i, raw, fold(raw)) for i, raw in enumerate(text.split("\n"), start=1)]
