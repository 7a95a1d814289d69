"""Search over the Chinese text: every item whose text contains the query as a substring.

Chinese has no spaces, so words cannot be indexed. The index is an FTS5 table over character
*bigrams* of the folded text: ``老旧小区`` is indexed as ``老旧 旧小 小区`` (overlapping pairs),
and a second one over its characters (``老 旧 小 区``, each once); neither keeps positions. An
n-character query is every one of its bigrams and a one-character query one token of the second
table, so recall is that of a substring scan (a prefix index on the bigrams did the one-character
job at twice the size; positions, to ask for the phrase of the bigrams, made the bigram table
2.6× larger at 0.5 M indicators for the same search times: a row holding every bigram of a
needle almost always holds the needle, and the check drops the rest). Punctuation and spaces are left out (``(6号线)`` → ``6号 号线``); the
exact folded substring is then checked in Python on each candidate row, so a result
always contains the query exactly as typed (folded; a space inside a quoted phrase stands for any
spacing or punctuation, or none: query_syntax.find_needle).

Ranking needs no scoring: rows are numbered in rank order when the index is built (field tier:
title, then indicator/department, then milestone/progress, then source; newer years first), and
FTS5 returns matches in rowid order, so the first page is the first rows found and the cost does
not grow with the number of hits. Pinyin (``yanglao``, ``yl``) is indexed for titles and
department names only (over long text it gives false hits and a huge index) and ranked after
every direct hit.
"""

from __future__ import annotations

import heapq
import json
import sqlite3
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from tui_shishi.store.query_syntax import (
    BIGRAM_TABLE,
    CHAR_TABLE,
    Query,
    contains,
    fast_fold,
    filter_sql,
    is_pinyin,
    match_expression,
    match_spans,
    parse_query,
    pinyin_expression,
    pinyin_span,
    probe,
    snippet_around,
    word_chars,
)
from tui_shishi.store.search_filter import few_allowed
from tui_shishi.store.search_index import FIELDS, rebuild_index

__all__ = ["Hit", "Query", "SearchIndexMissing", "count", "parse_query", "rebuild_index", "search"]

PINYIN_TIER = len(set(FIELDS.values()))  # pinyin hits rank after every direct hit
_MAX_STREAMED = 8  # needles looked up at once; an item must still contain all of them
_SMALL_FILTER = 2000  # when filters or a rare word leave at most this many items, read their rows
_RARE = 2000  # a word with at most this many index candidates narrows the items of a query


class SearchIndexMissing(RuntimeError):
    """The database has no search index (built before search existed)."""


@dataclass(frozen=True)
class Hit:
    """One item found, shown by its best-ranked matching text.

    ``marks`` are (start, end) offsets of the matches in ``snippet``; ``rank`` is the tier of the
    field (0 title … 3 source, 4 pinyin), lower first.
    """

    item_id: int
    city: str
    period: str
    number: int | None
    title: str
    field: str
    snippet: str
    marks: list[tuple[int, int]] = dataclass_field(default_factory=list)
    rank: int = 0
    document_id: int | None = None
    line: int | None = None


# --------------------------------------------------------------------------- index


# --------------------------------------------------------------------------- search

_COLUMNS = "id, item_id, field, text, folded, pinyin, document_id, line"
_Row = tuple  # (id, item_id, field, text, folded, pinyin, document_id, line)
_FOLD = "shishi_fold"  # SQL function: query_syntax.fast_fold, the folding the index was made with


def _with_fold(conn: sqlite3.Connection) -> None:
    """Register ``shishi_fold(text)`` on the connection (the folded text is not stored), once:
    SQLite refuses to replace a function while a statement of an earlier search is open."""
    try:
        conn.execute(f"SELECT {_FOLD}('')").fetchone()
    except sqlite3.OperationalError:
        conn.create_function(_FOLD, 1, fast_fold, deterministic=True)


def _row(r: tuple) -> _Row:
    """A search_rows row with its whole folded text (stored only where a word character folds)."""
    return (*r[:4], r[4] if r[4] is not None else fast_fold(r[3]), *r[5:])


def _contains_sql(needle: str) -> str:
    """An SQL condition (one parameter: the needle) true for a row whose folded text contains
    ``needle``: the stored fold for a needle of word characters, else the text folded again."""
    if word_chars(needle) == needle:
        return "instr(coalesce(folded, text), ?) > 0"
    return f"instr({_FOLD}(text), ?) > 0"


_Restriction = tuple[str, list]  # an SQL condition on search_rows and its parameters


def _lookup(conn: sqlite3.Connection, needle: str) -> tuple[str, str] | None:
    """match_expression, for an index made before the characters table (an older database until
    its next import): a one-character needle is then a prefix query on the bigrams."""
    found = match_expression(needle)
    if found is None or found[0] != CHAR_TABLE:
        return found
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (CHAR_TABLE,)).fetchone() is not None:
        return found
    return BIGRAM_TABLE, found[1] + "*"


def _fts_rows(conn: sqlite3.Connection, table: str, expression: str, restrict: _Restriction) -> Iterator[_Row]:
    """Rows matching an FTS expression, in rowid (= rank) order, fetched in growing chunks so
    the first page costs a few dozen rows whatever the number of hits."""
    cursor = conn.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid", (expression,))
    size = 32
    try:
        while ids := [r[0] for r in cursor.fetchmany(size)]:
            yield from map(
                _row,
                conn.execute(
                    f"""SELECT {_COLUMNS} FROM search_rows WHERE id IN (SELECT value FROM json_each(?))
                    AND {restrict[0]} ORDER BY id""",
                    [json.dumps(ids), *restrict[1]],
                ).fetchall(),
            )
            size = min(size * 4, 2048)
    finally:
        cursor.close()


def _scan_rows(conn: sqlite3.Connection, where: str, params: list) -> Iterator[_Row]:
    cursor = conn.execute(f"SELECT {_COLUMNS} FROM search_rows WHERE {where} ORDER BY id", params)
    try:
        while rows := cursor.fetchmany(256):
            yield from map(_row, rows)
    finally:
        cursor.close()


def _sources(conn: sqlite3.Connection, q: Query, small: set[int] | None, restrict: _Restriction):
    """(kind, rows) streams in rank order: direct hits, then pinyin hits. ``small``: the only
    items that can match, few enough to read their rows instead of asking the index."""
    needles = q.needles
    within, within_params = restrict[0] + " AND ", list(restrict[1])
    if small is not None:
        within += "item_id IN (SELECT value FROM json_each(?)) AND "
        within_params.append(json.dumps(sorted(small)))
    if not needles:
        yield "title", _scan_rows(conn, within + "field = 'title'", within_params)
        return
    lookups = [e for e in (_lookup(conn, n) for n in needles[:_MAX_STREAMED]) if e]
    if lookups and small is None:
        by_table: dict[str, list[str]] = {}
        for table, expression in lookups:
            by_table.setdefault(table, []).append(expression)
        streams = [_fts_rows(conn, table, " OR ".join(found), restrict) for table, found in by_table.items()]
        # both tables number rows alike: merged by row id, the stream stays in rank order
        yield "direct", streams[0] if len(streams) == 1 else heapq.merge(*streams, key=lambda row: row[0])
    else:
        probes = [probe(n) for n in needles]
        where = "(" + " OR ".join(map(_contains_sql, probes)) + ")"
        yield "direct", _scan_rows(conn, within + where, within_params + probes)
    spelled = [n for n in needles if is_pinyin(n)]
    if spelled:
        if small is not None:
            yield "pinyin", _scan_rows(conn, within + "pinyin IS NOT NULL", within_params)
        else:
            expression = " OR ".join(map(pinyin_expression, spelled[:_MAX_STREAMED]))
            yield "pinyin", _fts_rows(conn, "search_pinyin", expression, restrict)


def _restriction(q: Query) -> _Restriction:
    """The filters as a condition on each row (one primary-key lookup of its item, in SQLite)."""
    condition = filter_sql(q)
    if condition is None:
        return "1", []
    sql = f"EXISTS (SELECT 1 FROM search_items s WHERE s.item_id = search_rows.item_id AND {condition[0]})"
    return sql, condition[1]


def _rare_needle_items(conn: sqlite3.Connection, needles: tuple[str, ...]) -> set[int] | None:
    """Items that may hold every *rare* needle (few index candidates), or None when no needle is
    rare. With several words the rank-ordered stream follows the most frequent one; this set lets
    the others reject items without reading them."""
    result: set[int] | None = None
    for needle in needles[:_MAX_STREAMED]:
        lookup = None if is_pinyin(needle) else _lookup(conn, needle)  # pinyin: may match by sound
        if lookup is None:
            continue
        table, expression = lookup
        rowids = conn.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH ? LIMIT ?", (expression, _RARE + 1)).fetchall()
        if len(rowids) > _RARE:
            continue
        items = {
            r[0]
            for r in conn.execute(
                "SELECT item_id FROM search_rows WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps([r[0] for r in rowids]),),
            )
        }
        result = items if result is None else result & items
    return result


def _matches(conn: sqlite3.Connection, q: Query) -> Generator[tuple[_Row, str, tuple[int, int] | None]]:
    """Each matching item once, with its best row, in rank order: (row, kind, pinyin span)."""
    needles = q.needles
    small = few_allowed(conn, q, _SMALL_FILTER)  # every row is still checked against every filter
    if len(needles) > 1:
        rare = _rare_needle_items(conn, needles)
        if rare is not None:
            small = rare if small is None else small & rare
    if small is not None and not small:
        return
    spelled = [n for n in needles if is_pinyin(n)]
    done: set[int] = set()  # items shown or rejected

    def whole_item(item_id: int) -> bool:
        if len(needles) <= 1:
            return True
        rows = conn.execute("SELECT text, folded, pinyin FROM search_rows WHERE item_id = ?", (item_id,))
        texts = [(f if f is not None else fast_fold(t), p) for t, f, p in rows]
        for needle in needles:
            if any(contains(f, needle) for f, _ in texts):
                continue
            if needle in spelled and any(p and pinyin_span(p.split(" "), needle) for _, p in texts):
                continue
            return False
        return True

    for kind, rows in _sources(conn, q, small, _restriction(q)):
        for row in rows:
            item_id = row[1]
            if item_id in done:
                continue
            span = None
            if kind == "direct" and not any(contains(row[4], n) for n in needles):
                continue  # an FTS candidate that differs in punctuation: not an exact hit
            if kind == "pinyin":
                syl = (row[5] or "").split(" ")
                span = next(filter(None, (pinyin_span(syl, n) for n in spelled)), None)
                if span is None:
                    continue
            done.add(item_id)
            if whole_item(item_id):
                yield row, kind, span


def _hit(conn: sqlite3.Connection, row: _Row, kind: str, span, needles, metas: dict) -> Hit:
    _id, item_id, field, text, folded, _pinyin, document_id, line = row
    if item_id not in metas:
        metas[item_id] = conn.execute("SELECT city, period, number, title FROM search_items WHERE item_id = ?", (item_id,)).fetchone() or (
            "",
            "",
            None,
            "",
        )
    city, period, number, title = metas[item_id]
    spans = [span] if kind == "pinyin" else match_spans(folded, needles) if kind == "direct" else []
    snippet, marks = snippet_around(text, spans)
    rank = PINYIN_TIER if kind == "pinyin" else FIELDS.get(field, PINYIN_TIER)
    return Hit(item_id, city, period, number, title or "", field, snippet, marks, rank, document_id, line)


def _checked(q: str | Query) -> Query:
    return q if isinstance(q, Query) else parse_query(q)


def _missing_index(exc: sqlite3.OperationalError) -> SearchIndexMissing:
    return SearchIndexMissing(f"数据库没有搜索索引（{exc}）：请用 `shishi build` 重建")


def search(conn: sqlite3.Connection, query: str | Query, *, limit: int = 50, offset: int = 0) -> list[Hit]:
    """One page of hits, best first; each item once. Any query text is accepted."""
    q = _checked(query)
    if q.is_empty or limit <= 0:
        return []
    _with_fold(conn)
    needles = q.needles
    metas: dict = {}
    hits: list[Hit] = []
    matches = _matches(conn, q)
    try:
        for index, (row, kind, span) in enumerate(matches):
            if index < offset:
                continue
            hits.append(_hit(conn, row, kind, span, needles, metas))
            if len(hits) >= limit:
                break
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            raise _missing_index(exc) from None
        raise
    finally:
        matches.close()
    return hits


def count(conn: sqlite3.Connection, query: str | Query) -> int:
    """How many items match (all of them: slower than the first page on common queries)."""
    q = _checked(query)
    if q.is_empty:
        return 0
    _with_fold(conn)
    try:
        needles = q.needles
        lookup = _lookup(conn, needles[0]) if len(needles) == 1 else None
        if lookup is not None and not is_pinyin(needles[0]) and probe(needles[0]) == needles[0]:
            # one word: the whole count in SQL (candidates from the index, exact check by instr)
            table, expression = lookup
            sql = f"""SELECT count(DISTINCT item_id) FROM search_rows WHERE {_contains_sql(needles[0])}
                     AND id IN (SELECT rowid FROM {table} WHERE {table} MATCH ?)"""
            params: list = [needles[0], expression]
            restrict = _restriction(q)
            sql += f" AND {restrict[0]}"
            params += restrict[1]
            return conn.execute(sql, params).fetchone()[0]
        return sum(1 for _ in _matches(conn, q))
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            raise _missing_index(exc) from None
        raise
