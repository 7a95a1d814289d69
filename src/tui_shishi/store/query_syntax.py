"""The search box's language: words, quoted phrases and filters, read without ever failing.

``养老 "老旧 小区" year:2020-2023 city:青岛 dept:民政局 status:达成|进行中``

* a word or a ``"quoted phrase"`` is a substring every matching item must contain (Chinese has
  no spaces, so ``养老`` finds ``居家养老服务``); several must all be found in the same item;
  a space inside a phrase stands for any spacing or punctuation, or none (``"老旧 小区"`` finds
  ``老旧小区``, ``老旧 小区`` and ``老旧、小区``), the words in that order;
* ``year:`` a year or a range, ``city:`` ``dept:`` (any department role) are substrings of the
  city / department name; ``status:`` one or more of 达成|进行中|未报告|定性.

Everything is folded first (tui_shishi.parse.text.fold: full-width → half-width, Traditional →
Simplified, ASCII lower-case), so ``ＡＥＤ`` finds ``AED`` and ``year：2025`` is a filter.
Anything that cannot be read (an unclosed quote, ``year:abc``) becomes a *problem* for the UI to
show (short plain Chinese: city staff read it), and the rest of the query still runs: a query never raises.

Below the parser: how folded text and needles meet in the FTS5 tables (bigram tokens, pinyin
syllables, MATCH strings), what the filters mean in SQL, and where a snippet marks the match.
No sqlite here; tui_shishi.store.search runs the queries.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from tui_shishi.parse.text import fold, fold_char
from tui_shishi.status import STATUSES

# Filter keys as typed (folded) → canonical key. The Chinese names are the domain's own words.
_KEYS = {
    "year": "year",
    "年": "year",
    "年份": "year",
    "city": "city",
    "城市": "city",
    "dept": "dept",
    "department": "dept",
    "部门": "dept",
    "单位": "dept",
    "status": "status",
    "状态": "status",
}
_YEAR = re.compile(r"(\d{4})(?:\s*(?:-|–|—|~|至|到)\s*(\d{4}))?")
_ALTERNATIVES = re.compile(r"[|,，、]")
_PINYIN_TERM = re.compile(r"[a-z]{2,}")
# Problems are shown to city staff in the search box's status line: short, plain Chinese.
_UNCLOSED_QUOTE = "引号未闭合，其后文字按一个词组搜索"


@dataclass(frozen=True)
class Query:
    """A parsed query. ``terms`` and ``phrases`` are folded; ``problems`` are for display."""

    text: str = ""
    terms: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    cities: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()

    @property
    def needles(self) -> tuple[str, ...]:
        """Every substring that must be found (words and phrases), longest first, no repeats."""
        unique = dict.fromkeys(n for n in self.terms + self.phrases if n)
        return tuple(sorted(unique, key=len, reverse=True))

    @property
    def has_filters(self) -> bool:
        return bool(self.year_from is not None or self.cities or self.departments or self.statuses)

    @property
    def is_empty(self) -> bool:
        return not self.needles and not self.has_filters


def filter_sql(q: Query) -> tuple[str, list] | None:
    """The filters as a condition on the columns of ``search_items`` (values of one filter are
    alternatives) with its parameters, or None without filters."""
    if not q.has_filters:
        return None
    clauses: list[str] = []
    params: list = []
    if q.year_from is not None:
        clauses.append("year_end >= ? AND year_start <= ?")
        params += [q.year_from, q.year_to]
    for values, column in ((q.cities, "city_folded"), (q.departments, "departments_folded")):
        if values:
            clauses.append("(" + " OR ".join(f"instr({column}, ?) > 0" for _ in values) + ")")
            params += list(values)
    if q.statuses:
        clauses.append(f"status IN ({','.join('?' * len(q.statuses))})")
        params += list(q.statuses)
    return " AND ".join(clauses), params


def is_pinyin(needle: str) -> bool:
    """Whether a needle may be pinyin (``yanglao``, ``yl``): ASCII letters only, two or more."""
    return bool(_PINYIN_TERM.fullmatch(needle))


def _split(text: str) -> tuple[list[tuple[str, bool]], list[str]]:
    """Split folded text into (chunk, quoted) pairs; a quote may start inside a word."""
    chunks: list[tuple[str, bool]] = []
    problems: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch == '"':
            end = text.find('"', i + 1)
            if end < 0:
                problems.append(_UNCLOSED_QUOTE)
                end = n
            chunks.append((text[i + 1 : end], True))
            i = end + 1
        else:
            j = i
            while j < n and not text[j].isspace() and text[j] != '"':
                j += 1
            # key:"a quoted value" keeps the quoted part as the filter's value
            if j < n and text[j] == '"' and text[j - 1] == ":":
                end = text.find('"', j + 1)
                if end < 0:
                    problems.append(_UNCLOSED_QUOTE)
                    end = n
                chunks.append((text[i:j] + text[j + 1 : end], False))
                i = end + 1
                continue
            chunks.append((text[i:j], False))
            i = j
    return chunks, problems


def parse_query(text: str | None) -> Query:
    """Read a query; never raises. Unknown ``key:value`` pairs are searched as plain text."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    folded = fold(text)
    chunks, problems = _split(folded)
    terms: list[str] = []
    phrases: list[str] = []
    year_from = year_to = None
    cities: list[str] = []
    departments: list[str] = []
    statuses: list[str] = []
    for chunk, quoted in chunks:
        if quoted:
            if chunk.strip():
                phrases.append(" ".join(chunk.split()))  # a space: any spacing or punctuation
            continue
        key, sep, value = chunk.partition(":")
        canonical = _KEYS.get(key) if sep else None
        if canonical is None:
            terms.append(chunk)
            continue
        value = value.strip()
        if not value:
            problems.append(f"“{key}:”后面缺少内容")
        elif canonical == "year":
            match = _YEAR.fullmatch(value)
            if match is None:
                problems.append(f"“{value}”不是年份，应写作2025或2020-2023")
            else:
                low = int(match.group(1))
                high = int(match.group(2) or low)
                year_from, year_to = min(low, high), max(low, high)
        elif canonical == "status":
            for status in filter(None, _ALTERNATIVES.split(value)):
                if status not in STATUSES:
                    problems.append(f"无“{status}”状态，可选{'|'.join(STATUSES)}")
                statuses.append(status)
        else:
            values = [v for v in _ALTERNATIVES.split(value) if v]
            (cities if canonical == "city" else departments).extend(values)
    return Query(
        text=text,
        terms=tuple(terms),
        phrases=tuple(phrases),
        year_from=year_from,
        year_to=year_to,
        cities=tuple(cities),
        departments=tuple(departments),
        statuses=tuple(statuses),
        problems=tuple(problems),
    )


# --------------------------------------------------------------------------- tokens
# How folded text (index side) and needles (query side) meet in the FTS5 tables.

_MAX_PHRASE = 32  # bigrams used to look a long needle up; the rest is checked in Python


# Not a word character: exactly ``not str.isalnum()`` (checked over every code point up to U+30000).
# Whatever stays is a token character of FTS5's ``ascii`` tokenizer (ASCII letters and digits,
# and every non-ASCII character), so a bigram is never split by the tokenizer.
_NOT_WORD = re.compile(r"[\W_]+")


def word_chars(folded: str) -> str:
    return _NOT_WORD.sub("", folded)


def bigram_tokens(folded: str) -> str:
    """The text of ``search_fts`` for a folded string: the overlapping bigrams of its word characters."""
    chars = word_chars(folded)
    return " ".join(map(str.__add__, chars, chars[1:]))


def char_tokens(folded: str) -> str:
    """The text of ``search_chars``: each word character of a folded string once."""
    return " ".join(dict.fromkeys(word_chars(folded)))


class _FoldTable(dict):
    """str.translate table computing tui_shishi.parse.text.fold_char once per character: the same
    folding as ``fold`` at a fraction of the cost, for indexing a million rows."""

    def __missing__(self, code: int) -> str:
        self[code] = folded = fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


def fast_fold(text: str) -> str:
    return text.translate(_FOLD_TABLE)


def _each_character(chunk: str) -> Any:
    """pypinyin's ``errors`` callback: a chunk it cannot read, one item per character (a list,
    which pypinyin accepts though its stub says a str)."""
    return list(chunk)


def syllables(folded: str) -> list[str]:
    """One pinyin syllable per character (``养老`` → yang, lao); '' for non-word characters."""
    from pypinyin import lazy_pinyin  # lazy: only building the index and pinyin queries need it

    out = lazy_pinyin(folded, errors=_each_character)
    if len(out) != len(folded):  # a character pypinyin split or merged: read one by one
        out = [(lazy_pinyin(c, errors=_each_character) or [""])[0] for c in folded]
    return [s.lower() if s.isalnum() else "" for s in out]


def pinyin_columns(syl: list[str]) -> tuple[str, str]:
    full = "".join(syl)
    initials = "".join(s[0] for s in syl if s)
    return bigram_tokens(full), bigram_tokens(initials)


CHAR_TABLE, BIGRAM_TABLE = "search_chars", "search_fts"


def match_expression(needle: str) -> tuple[str, str] | None:
    """(FTS5 table, MATCH text) for one needle (every token double-quoted): a one-character
    needle is a token of the characters table, a longer one every one of its bigrams (the table
    keeps no positions: the candidates are checked for the exact substring). None if it has no
    word character to look up (``（`` alone), in which case the rows are scanned."""
    chars = word_chars(needle)
    if not chars:
        return None
    if len(chars) == 1:
        return CHAR_TABLE, f'"{chars}"'
    chars = chars[: _MAX_PHRASE + 1]
    return BIGRAM_TABLE, " ".join(dict.fromkeys(f'"{a}{b}"' for a, b in zip(chars, chars[1:])))


def pinyin_expression(needle: str) -> str:
    return '"' + " ".join(a + b for a, b in zip(needle, needle[1:][:_MAX_PHRASE])) + '"'


def pinyin_span(syl: list[str], needle: str) -> tuple[int, int] | None:
    """Characters whose pinyin the needle spells: full syllables from a syllable start (the last
    one may be cut short: ``yangl``) or consecutive initials (``yl``). None when it does not."""
    n = len(syl)
    for i in range(n):
        if not syl[i]:
            continue
        rest, j = needle, i
        while rest and j < n:
            s = syl[j]
            j += 1
            if not s:
                continue  # punctuation between two syllables is skipped
            if rest.startswith(s):
                rest = rest[len(s) :]
            elif s.startswith(rest):
                rest = ""
            else:
                break
        if not rest:
            return i, j
    positions = [k for k, s in enumerate(syl) if s]
    initials = "".join(syl[k][0] for k in positions)
    at = initials.find(needle)
    if at >= 0:
        return positions[at], positions[at + len(needle) - 1] + 1
    return None


# --------------------------------------------------------------------------- needles in text
# A needle is found as typed (folded), except that a space in a phrase stands for any run of
# non-word characters, or none: ``"老旧 小区"`` is found in 老旧小区, 老旧 小区 and 老旧、小区.


@functools.lru_cache(maxsize=64)
def _gapped(needle: str) -> re.Pattern[str] | None:
    parts = needle.split()
    if len(parts) < 2:
        return None
    return re.compile(r"[\W_]*".join(map(re.escape, parts)))


def find_needle(folded: str, needle: str, start: int = 0) -> tuple[int, int] | None:
    """(start, end) of the first occurrence of ``needle`` in ``folded`` from ``start``, or None."""
    pattern = _gapped(needle)
    if pattern is None:
        at = folded.find(needle, start)
        return (at, at + len(needle)) if at >= 0 else None
    found = pattern.search(folded, start)
    return found.span() if found else None


def contains(folded: str, needle: str) -> bool:
    return (needle in folded) if " " not in needle else find_needle(folded, needle) is not None


def probe(needle: str) -> str:
    """A plain substring every text containing ``needle`` contains (for SQL ``instr``)."""
    return max(needle.split(), key=len) if " " in needle else needle


# --------------------------------------------------------------------------- snippets

_SNIPPET = 60  # characters shown around a match


def match_spans(folded: str, needles: tuple[str, ...]) -> list[tuple[int, int]]:
    """Every occurrence of the needles in a folded text, overlaps merged (offsets are those of the
    published text too: folding keeps the length)."""
    spans: list[tuple[int, int]] = []
    for needle in needles:
        found = find_needle(folded, needle)
        while found is not None and len(spans) < 200:
            spans.append(found)
            found = find_needle(folded, needle, max(found[1], found[0] + 1))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def snippet_around(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """One line of at most ~60 characters with the first span in its middle, and the spans in it
    (a match near the end of a long sentence is shown, never cut off)."""
    text = re.sub(r"\s", " ", text)  # \s characters are single: offsets stay true
    start, end, prefix = 0, len(text), ""
    if len(text) > _SNIPPET:
        first, first_end = spans[0] if spans else (0, 0)
        before = max(0, (_SNIPPET - (first_end - first)) // 2)
        start = max(0, min(first - before, len(text) - _SNIPPET))
        end = start + _SNIPPET
        prefix = "…" if start > 0 else ""
    snippet = prefix + text[start:end] + ("…" if end < len(text) else "")
    shift = len(prefix) - start
    return snippet, [(max(s, start) + shift, min(e, end) + shift) for s, e in spans if s < end and e > start]
