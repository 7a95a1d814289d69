"""store/dashboard.py: the home dashboard's 滞后 summary, read from each city-year's head in the
digests, is what counting every 滞后 row gives; without heads it is counted the slow way."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

import progress_docs
from tui_shishi.store import dashboard
from tui_shishi.store import progress as pg

OTHER = "测试二市"


@pytest.fixture
def conn(tmp_path):
    """Two city-years behind by the same gaps (progress_docs.build_two_cities_db): merging their
    heads has ties to order."""
    conn = sqlite3.connect(progress_docs.build_two_cities_db(tmp_path / "two.db", OTHER), isolation_level=None)
    yield conn
    conn.close()


def _row(item_id: int, gap: float | None, city: str = "甲市", number: int = 1, qualitative: bool = False) -> pg.BehindRow:
    return pg.BehindRow(
        city=city, period="2031", year_id=1, item_id=item_id, number=number, title=f"第{number}件", indicator="",
        percent=None if qualitative else 50.0, expected=None if qualitative else 50.0 + (gap or 0), gap=gap,
        as_of=dt.date(2031, 6, 30), departments=(), sentence="", line=None, source_file="", qualitative=qualitative,
    )  # fmt: skip


def test_summarise_counts_rows_and_keeps_each_items_worst_row():
    rows = [_row(1, 5.0, number=1), _row(1, 30.0, number=1), _row(2, 12.0, number=2), _row(3, None, number=3, qualitative=True)]
    summary = dashboard.summarise(rows)
    assert (summary.measured, summary.qualitative, summary.items) == (3, 1, 2)
    assert [(r.item_id, r.gap) for r in summary.worst] == [(1, 30.0), (2, 12.0)]  # item 1 once, by its largest gap
    assert [r.item_id for r in dashboard.summarise(rows, keep=1).worst] == [1]
    assert dashboard.summarise([]) == dashboard.BehindSummary(0, 0, 0, ())


def test_the_summary_from_the_heads_is_the_summary_of_every_row(conn):
    heads = dashboard._stored_heads(conn)
    assert heads is not None and len(heads) == 2  # one head per city-year, written by the import
    stored = dashboard.behind_summary(conn)
    assert stored == dashboard.summarise(pg.behind(conn))
    assert (stored.measured, stored.items) == (2, 2)  # item 2 of each city behind
    assert [(r.city, r.number, r.gap) for r in stored.worst] == [(OTHER, 2, 23.3), ("测试市", 2, 23.3)]  # ties by city
    assert dashboard.behind_summary(conn, keep=1).worst == stored.worst[:1]
    assert dashboard.behind_summary(conn, keep=1).items == 2  # the counts are the whole database's
    # read from the heads, not counted again: a head's count changed shows
    conn.execute(
        "UPDATE digests SET data = json_set(data, '$.measured', 100) WHERE kind = 'behind_head' AND rowid = (SELECT min(rowid) FROM digests WHERE kind = 'behind_head')"
    )
    assert dashboard.behind_summary(conn).measured == 101


def test_without_heads_the_summary_is_counted_the_slow_way(conn):
    before = dashboard.behind_summary(conn)
    conn.execute("DELETE FROM digests WHERE kind = 'behind_head' AND rowid = (SELECT min(rowid) FROM digests WHERE kind = 'behind_head')")
    assert dashboard._stored_heads(conn) is None  # one city-year without its head: not trusted
    assert dashboard.behind_summary(conn) == before
    conn.execute("DROP TABLE digests")
    assert dashboard.behind_summary(conn) == before


def test_a_head_keeps_more_rows_than_the_panel_shows():
    rows = [_row(n, float(n), number=n) for n in range(1, dashboard.HEAD + 5)]
    head = dashboard.summarise(rows)
    assert len(head.worst) == dashboard.HEAD and head.items == len(rows)
    assert dashboard._from_json(dashboard.head_json(head)) == head  # stored and read back whole
