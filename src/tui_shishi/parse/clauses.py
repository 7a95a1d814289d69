"""Sentences and clauses of published text, as (start, end) offsets into the input.

A target sentence reads ``新增公共停车位1万个以上；新能源汽车充电桩2.5万个以上。``: the clause is the
unit a figure belongs to. Separators inside brackets or quotes do not split, because a bracket
holds an aside (``(按照国家最新统计方法修正)``, ``(市乡村振兴局)``) and a quote holds a name
(``“集成办、极简办”``), never a clause of its own.

Matching is done on the folded text (full-width ``（，；`` read as ``(,;``); since folding keeps
the length, the offsets are valid in the published text.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from tui_shishi.parse.text import fold

# Pairs that protect what they enclose. Folding maps （ to ( and ［ to [, so both widths match.
_PAIRS = {"(": ")", "[": "]", "〔": "〕", "【": "】", "“": "”", "‘": "’", "「": "」", "『": "』", "《": "》"}
_CLOSERS = {close: open_ for open_, close in _PAIRS.items()}

SENTENCE_ENDS = frozenset("。!?\n")
CLAUSE_ENDS = frozenset(",;。!?\n")  # folded: ，→ ,  ；→ ;  ！→ !  ？→ ?


def protected_spans(folded: str) -> list[tuple[int, int]]:
    """(start, end) of every matched bracket or quote pair (nested ones too), within one line.

    An opener never closed on its line protects nothing: a stray ``(`` must not swallow the
    rest of a document. Linear: a closer whose opener is not open is passed over at once, and
    openers passed over to reach a closer's are dropped with it.
    """
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    open_count = dict.fromkeys(_PAIRS, 0)  # openers on the stack, by kind
    for i, ch in enumerate(folded):
        if ch == "\n":
            if stack:
                stack.clear()
                open_count = dict.fromkeys(_PAIRS, 0)
        elif ch in _PAIRS:
            stack.append((ch, i))
            open_count[ch] += 1
        elif ch in _CLOSERS:
            opener = _CLOSERS[ch]
            if not open_count[opener]:
                continue
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == opener:
                    spans.append((stack[depth][1], i + 1))
                    for dropped, _ in stack[depth:]:
                        open_count[dropped] -= 1
                    del stack[depth:]
                    break
    return spans


def mask_spans(length: int, spans: Iterable[tuple[int, int]]) -> list[bool]:
    """For each of ``length`` positions: is it inside one of ``spans``? Each position is set once,
    so nested spans (((…))) cost no more than the outermost."""
    mask = [False] * length
    reach = 0
    for start, end in sorted(spans):
        start = max(start, reach)
        if start < end:
            mask[start:end] = [True] * (end - start)
            reach = end
    return mask


class SpanIndex:
    """Which of sorted, non-overlapping spans (as ``split_sentences`` and ``split_clauses``
    return them) holds a position, by bisection."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self._starts = [s for s, _e in spans]

    def index(self, pos: int) -> int:
        """Index of the span holding ``pos``, or -1."""
        i = bisect_right(self._starts, pos) - 1
        return i if i >= 0 and pos < self.spans[i][1] else -1

    def at(self, pos: int) -> tuple[int, int]:
        """The span holding ``pos``, or (0, 0)."""
        i = self.index(pos)
        return self.spans[i] if i >= 0 else (0, 0)


def _mask(folded: str) -> list[bool]:
    return mask_spans(len(folded), protected_spans(folded))


def _split(text: str, separators: frozenset[str]) -> list[tuple[int, int]]:
    folded = fold(text)
    mask = _mask(folded)
    spans: list[tuple[int, int]] = []
    begin = 0
    for i, ch in enumerate(folded):
        if ch in separators and (ch == "\n" or not mask[i]):
            spans.append((begin, i))
            begin = i + 1
    spans.append((begin, len(text)))
    return [span for span in (_trim(text, s, e) for s, e in spans) if span[0] < span[1]]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentences on 。！？ and newlines; spans exclude the separator and surrounding whitespace."""
    return _split(text, SENTENCE_ENDS)


def split_clauses(text: str) -> list[tuple[int, int]]:
    """Clauses on ，,；;。！？ and newlines, never inside brackets ()（）〔〕【】 or quotes “”."""
    return _split(text, CLAUSE_ENDS)
