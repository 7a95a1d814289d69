"""The fallback reader: a document in none of the known formats is kept as its paragraphs.

Nothing is read as structure, nothing is dropped: every non-blank line becomes one entry of
``doc.paragraphs``; the whole text is stored with the document and the flag tells the user it
was not understood. (Search finds items, so such a document's text is not among its results.)
"""

from __future__ import annotations

from tui_shishi.model import FLAG_UNKNOWN_FORMAT, KIND_UNKNOWN, Document, Flag
from tui_shishi.parse.text import Line

NAME = "paragraphs"
KIND = KIND_UNKNOWN

# Below any real format's score, above zero: chosen only when nothing else fits.
_FALLBACK_SCORE = 0.05


def score(lines: list[Line]) -> float:
    return _FALLBACK_SCORE


def read(lines: list[Line], doc: Document) -> None:
    for line in lines:
        text = line.raw.strip()
        if text:
            doc.paragraphs.append(text)
    if not any(flag.kind == FLAG_UNKNOWN_FORMAT for flag in doc.flags):
        first = next((line.number for line in lines if line.raw.strip()), None)
        doc.flags.append(Flag(FLAG_UNKNOWN_FORMAT, "未识别出已知的文件格式，全文按段落保留", line=first))
