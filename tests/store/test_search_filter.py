"""store/search_filter.py: the items a query's filters allow, found through the city, department
and year tables, are those ``filter_sql`` selects from ``search_items`` (the rule as written)."""

from __future__ import annotations

import sqlite3

import pytest

from tui_shishi.store.query_syntax import filter_sql, parse_query
from tui_shishi.store.search import search
from tui_shishi.store.search_filter import few_allowed

QUERIES = [
    "city:青岛 养老",
    "city:青 就业",
    "city:淄博",
    "city:青岛,淄博 学校",
    "year:2025",
    "year:2023-2025 城",
    "year:2022 养老",  # inside 淄博's 2022-2024
    "dept:民政",
    "dept:局 city:淄博",
    "dept:财政,教育",
    "status:达成",
    "status:达成 dept:人力",
    "status:未报告 year:2024 city:青岛",
    "city:没有的城市 养老",
    "dept:没有的部门",
]


@pytest.fixture(scope="module")
def seed(seed_db):
    conn = sqlite3.connect(seed_db)
    yield conn
    conn.close()


def _exact(conn: sqlite3.Connection, text: str) -> set[int]:
    sql, params = filter_sql(parse_query(text))
    return {r[0] for r in conn.execute(f"SELECT item_id FROM search_items WHERE {sql}", params)}


@pytest.mark.parametrize("text", QUERIES)
def test_the_items_allowed_are_those_the_rule_selects(seed, text):
    q = parse_query(text)
    assert not q.problems
    assert few_allowed(seed, q, limit=10**9) == _exact(seed, text)


@pytest.mark.parametrize("text", QUERIES)
def test_a_filter_allowing_more_than_the_limit_gives_none_or_a_superset(seed, text):
    exact = _exact(seed, text)
    for limit in (0, 3, 20, 100):
        found = few_allowed(seed, parse_query(text), limit)
        assert found is None or found >= exact
        assert found is None or len(found) <= limit


def test_no_filter_is_no_set(seed):
    assert few_allowed(seed, parse_query("养老"), 100) is None


def test_search_with_filters_finds_only_allowed_items_and_all_of_them(seed):
    for text in QUERIES:
        exact = _exact(seed, text)
        hits = search(seed, text, limit=10_000)
        assert {h.item_id for h in hits} <= exact
        if not parse_query(text).needles:
            assert {h.item_id for h in hits} == exact  # filters alone list every item they allow


def _statements(conn: sqlite3.Connection, text: str, limit: int) -> tuple[set[int] | None, list[str]]:
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    try:
        return few_allowed(conn, parse_query(text), limit), seen
    finally:
        conn.set_trace_callback(None)


def test_a_department_naming_more_items_than_the_limit_is_judged_by_its_stored_count(seed):
    """Its items are not read (a country's 民政局 names thousands): its count at import says."""
    largest = seed.execute("SELECT max(n_items) FROM department_counts").fetchone()[0]
    name = seed.execute(
        "SELECT d.name FROM departments d JOIN department_counts c ON c.department_id = d.id WHERE c.n_items = ?", (largest,)
    ).fetchone()[0]
    found, statements = _statements(seed, f"dept:{name}", largest - 1)
    assert found is None and not any("item_departments" in s for s in statements)
    found, statements = _statements(seed, f"dept:{name}", largest)  # within the limit: read, exact
    assert found == _exact(seed, f"dept:{name}") and any("item_departments" in s for s in statements)


def test_without_stored_counts_the_items_are_read(seed_db, tmp_path):
    """A database from before the counts: the department's items are read, as before."""
    import shutil

    copy = tmp_path / "old.db"
    shutil.copy(seed_db, copy)
    conn = sqlite3.connect(copy)
    try:
        conn.execute("DROP TABLE department_counts")
        for text in ("dept:民政", "dept:局 city:淄博"):
            assert few_allowed(conn, parse_query(text), limit=10**9) == _exact(conn, text)
    finally:
        conn.close()
