"""Search properties on the seed database: every substring of indexed text is found, any string
is accepted, hits are exact, ranked and unique."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tui_shishi.parse.text import fold
from tui_shishi.store.db import open_read
from tui_shishi.store.query_syntax import Query, is_pinyin, word_chars
from tui_shishi.store.search import count, search

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def seed(seed_db) -> sqlite3.Connection:
    return open_read(seed_db)


@pytest.fixture(scope="module")
def texts(seed) -> list[tuple[int, str]]:
    """(item id, text as published) of the items' own rows, straight from the base tables."""
    rows = seed.execute(
        """SELECT id, title FROM items UNION ALL SELECT item_id, text FROM indicators
           UNION ALL SELECT item_id, text FROM milestones UNION ALL SELECT o.item_id, s.text FROM observations o JOIN sentences s ON s.id = o.sentence_id
           UNION ALL SELECT d.item_id, p.name FROM item_departments d JOIN departments p ON p.id = d.department_id"""
    ).fetchall()
    return [(item, text) for item, text in rows if text]


def _found(conn, query) -> set[int]:
    return {h.item_id for h in search(conn, query, limit=100_000)}


@SETTINGS
@given(data=st.data())
def test_every_substring_of_an_indexed_text_is_found(seed, texts, data):
    item_id, text = data.draw(st.sampled_from(texts))
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, min(len(text), start + 12)))
    needle = text[start:end]
    if not needle.strip():
        return  # blank: not a query
    query = Query(terms=(fold(needle),))  # the engine, not the parser (the text may hold `"` or `:`)
    found = _found(seed, query)
    assert item_id in found, needle
    assert count(seed, query) == len(found)


@SETTINGS
@given(data=st.data())
def test_two_substrings_of_one_item_find_it(seed, texts, data):
    item_id, first = data.draw(st.sampled_from(texts))
    same_item = [t for i, t in texts if i == item_id]
    second = data.draw(st.sampled_from(same_item))
    a = data.draw(st.integers(0, len(first) - 1))
    b = data.draw(st.integers(0, len(second) - 1))
    needles = (fold(first[a : a + 3]), fold(second[b : b + 2]))
    if not all(n.strip() for n in needles):
        return
    assert item_id in _found(seed, Query(terms=needles))


@SETTINGS
@given(query=st.text(max_size=40) | st.text(alphabet='养老桥区AED号线 "*():|-年year:city:dept:status:', max_size=30))
@example(query='"0 0')  # a phrase's space may stand for nothing: 200间 holds it as 00
def test_any_string_is_accepted_and_hits_are_exact(seed, query):
    hits = search(seed, query, limit=30)
    assert len({h.item_id for h in hits}) == len(hits)
    assert [h.rank for h in hits] == sorted(h.rank for h in hits)
    parsed_needles = [n for n in _needles(query)]

    def part_of(marked: str, needle: str) -> bool:
        if marked in needle or needle in marked:
            return True
        # a space in a quoted phrase stands for any spacing or punctuation, or none
        # (query_syntax.find_needle): compared by their word characters
        return (
            " " in needle
            and bool(word_chars(marked))
            and (word_chars(marked) in word_chars(needle) or word_chars(needle) in word_chars(marked))
        )

    for hit in hits:
        for start, end in hit.marks:
            marked = fold(hit.snippet[start:end])
            if hit.rank <= 3:  # a direct hit marks (a part of) one of the needles
                assert any(part_of(marked, n) for n in parsed_needles), (query, hit)
    assert count(seed, query) >= len(hits)


def _needles(query: str) -> list[str]:
    from tui_shishi.store.query_syntax import parse_query

    return list(parse_query(query).needles)


@SETTINGS
@given(data=st.data())
def test_pinyin_initials_of_a_title_find_it(seed, data):
    from tui_shishi.store.query_syntax import syllables

    titles = seed.execute("SELECT id, title FROM items WHERE title != ''").fetchall()
    item_id, title = data.draw(st.sampled_from(titles))
    initials = "".join(s[0] for s in syllables(fold(title)) if s)
    start = data.draw(st.integers(0, max(0, len(initials) - 2)))
    needle = initials[start : start + data.draw(st.integers(2, 4))]
    if not is_pinyin(needle):
        return
    assert item_id in _found(seed, needle)
