"""store/dashboard.py: the home dashboard's 滞后 summary, read from the 滞后 table's index, is what
counting every 滞后 row gives; without the table it is counted the slow way."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

import progress_docs
from tui_shishi.store import dashboard, views
from tui_shishi.store import progress as pg

OTHER = "测试二市"


@pytest.fixture
def conn(tmp_path):
    """Two city-years behind by the same gaps (progress_docs.build_two_cities_db): the items
    furthest behind have ties to order."""
    conn = sqlite3.connect(progress_docs.build_two_cities_db(tmp_path / "two.db", OTHER), isolation_level=None)
    yield conn
    conn.close()


def _row(item_id: int, gap: float | None, city: str = "甲市", number: int = 1, qualitative: bool = False) -> views.BehindRow:
    return views.BehindRow(
        city=city, period="2031", year_id=1, item_id=item_id, number=number, title=f"第{number}件", indicator="",
        percent=None if qualitative else 50.0, expected=None if qualitative else 50.0 + (gap or 0), gap=gap,
        as_of=dt.date(2031, 6, 30), departments=(), sentence="", line=None, source_file="", qualitative=qualitative,
    )  # fmt: skip


def test_summarise_counts_rows_and_keeps_each_items_worst_row():
    rows = [_row(1, 5.0, number=1), _row(1, 30.0, number=1), _row(2, 12.0, number=2), _row(3, None, number=3, qualitative=True)]
    summary = dashboard.summarise(rows, keep=5)
    assert (summary.measured, summary.qualitative, summary.items) == (3, 1, 2)
    assert [(r.item_id, r.gap) for r in summary.worst] == [(1, 30.0), (2, 12.0)]  # item 1 once, by its largest gap
    one = dashboard.summarise(rows, keep=1)
    assert [r.item_id for r in one.worst] == [1] and one.items == 2  # the counts are every row's
    assert dashboard.summarise([], keep=5) == views.BehindSummary(0, 0, 0, ())


def test_the_summary_from_the_table_is_the_summary_of_every_row(conn):
    stored = dashboard.behind_summary(conn, keep=5)
    assert stored == dashboard.summarise(pg.behind(conn), keep=5)
    assert (stored.measured, stored.qualitative, stored.items) == (2, 2, 2)  # item 2 of each city; item 3 定性
    assert [(r.city, r.number, r.gap) for r in stored.worst] == [(OTHER, 2, 23.3), ("测试市", 2, 23.3)]  # ties by city
    assert dashboard.behind_summary(conn, keep=1).worst == stored.worst[:1]
    assert dashboard.behind_summary(conn, keep=1).items == 2
    # a second indicator of 测试市's item 2, behind by less: one item still, shown by its worst gap
    conn.execute(
        "INSERT INTO behind_rows (year_id, item_id, qualitative, neg_gap, neg_date, dept, city, period, number, data)"
        " SELECT year_id, item_id, 0, -5, neg_date, dept, city, period, number, json_set(data, '$.gap', 5)"
        " FROM behind_rows WHERE city = '测试市' AND number = 2"
    )
    two = dashboard.behind_summary(conn, keep=5)
    assert (two.measured, two.items) == (3, 2) and [(r.city, r.gap) for r in two.worst] == [(OTHER, 23.3), ("测试市", 23.3)]
    # read from the table, not computed again: a row changed there shows
    conn.execute("UPDATE behind_rows SET qualitative = 1 WHERE city = ? AND number = 2", (OTHER,))
    changed = dashboard.behind_summary(conn, keep=5)
    assert (changed.measured, changed.qualitative, changed.items) == (2, 3, 1)  # 测试市 item 2: two rows
    assert [r.city for r in changed.worst] == ["测试市"]


def test_without_the_table_the_summary_is_counted_the_slow_way(conn):
    before = dashboard.behind_summary(conn, keep=5)
    conn.execute("DROP TABLE behind_rows")
    assert dashboard.behind_summary(conn, keep=5) == before


def test_an_item_behind_on_several_indicators_is_one_item_with_its_worst_gap():
    rows = [_row(1, 40.0, number=1), _row(1, 35.0, number=1), _row(2, 38.0, number=2), _row(3, 10.0, number=3)]
    summary = dashboard.summarise(rows, keep=2)
    assert [(r.item_id, r.gap) for r in summary.worst] == [(1, 40.0), (2, 38.0)]  # not item 1 twice
