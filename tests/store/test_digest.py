"""store/digest.py: the progress views read what the import computed, and read the same as
computing it item by item; a database without digests (an earlier version's) is read the slow
way and gets them for every year at its next import."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

import progress_docs
from tui_shishi.store import changes as ch
from tui_shishi.store import digest, views
from tui_shishi.store import progress as pg
from tui_shishi.store.build import write_documents
from tui_shishi.store.db import open_write

FAR = dt.date(9999, 12, 31)  # replaying a date after every report: computed, never read from digests


def _years(conn: sqlite3.Connection) -> list[int]:
    return [r[0] for r in conn.execute("SELECT id FROM years ORDER BY id")]


def _without_digests(conn: sqlite3.Connection) -> None:
    conn.execute("DROP TABLE digests")
    conn.execute("DROP TABLE behind_rows")


@pytest.fixture
def db(tmp_path):
    """The progress documents (测试市 2031: a plan and two reports), written by the importer."""
    return progress_docs.build_progress_db(tmp_path / "p.db")


@pytest.fixture
def conn(db):
    conn = sqlite3.connect(db, isolation_level=None)
    yield conn
    conn.close()


def test_the_import_writes_one_digest_per_year_and_kind(conn):
    kinds = conn.execute("SELECT y.city, y.period, d.kind FROM digests d JOIN years y ON y.id = d.year_id ORDER BY d.kind").fetchall()
    assert kinds == [("测试市", "2031", k) for k in ("changes", "dates")]
    # and the 滞后 rows, a row each: item 2 (60% against 83.3%), item 3 (words only) apart
    rows = conn.execute("SELECT number, qualitative, neg_gap, dept FROM behind_rows ORDER BY rowid").fetchall()
    assert rows == [(2, 0, -23.3, "市住建局"), (3, 1, 0.0, "市卫健委")]


def test_behind_read_from_digests_is_the_behind_computed(conn):
    stored = pg.behind(conn)
    assert stored == pg.behind(conn, on=FAR)
    assert [(r.number, r.percent, r.gap) for r in stored if not r.qualitative] == [(2, 60.0, 23.3)]
    assert digest.behind(conn, _years(conn)) is not None  # it was read, not computed
    for sort in pg.SORTS:
        assert pg.behind(conn, sort=sort) == pg.behind(conn, on=FAR, sort=sort)


def test_the_department_filter_reads_every_name_of_the_item(conn):
    # 市城管局 is item 2's co-lead: not among the row's departments, but the filter finds it
    assert [r.number for r in pg.behind(conn, dept="城管")] == [2]
    assert pg.behind(conn, dept="城管") == pg.behind(conn, dept="城管", on=FAR)
    assert pg.behind(conn, dept="没有这个部门") == []


def test_changes_and_report_dates_read_from_digests_equal_the_computed(conn):
    (year_id,) = _years(conn)
    dates = ch.report_dates(conn, year_id)
    assert dates == [dt.date(2031, 6, 30), dt.date(2031, 10, 31)] == ch.computed_report_dates(conn, year_id)
    stored = ch.changes(conn, "测试市", "2031")
    assert digest.changes(conn, year_id) == stored
    assert stored == ch.computed_changes(conn, year_id, *dates)
    assert any(r.newly_achieved or r.delta for r in stored)
    [(year, then, now, rows)], total = ch.latest_changes(conn)
    assert (year.city, then, now, rows, total) == ("测试市", *dates, stored, 1)


def test_without_digests_every_view_reads_the_same_the_slow_way(conn):
    before = (pg.behind(conn), ch.changes(conn, "测试市", "2031"), ch.latest_changes(conn), ch.report_dates(conn, _years(conn)[0]))
    _without_digests(conn)
    assert digest.behind(conn, _years(conn)) is None and digest.all_report_dates(conn) is None
    assert (pg.behind(conn), ch.changes(conn, "测试市", "2031"), ch.latest_changes(conn), ch.report_dates(conn, _years(conn)[0])) == before


def test_an_import_into_a_database_without_digests_digests_every_year(db, tmp_path):
    conn = sqlite3.connect(db, isolation_level=None)
    expected = pg.behind(conn)
    _without_digests(conn)
    conn.close()
    other = progress_docs.plan()
    other = type(other)(**{**other.__dict__, "city": "另一市", "source_file": "other.txt", "text": other.text.replace("测试市", "另一市")})
    writer = open_write(db)
    write_documents(writer, [other])
    writer.close()
    conn = sqlite3.connect(db)
    years = dict(conn.execute("SELECT city, id FROM years"))
    assert conn.execute("SELECT count(DISTINCT year_id) FROM digests").fetchone()[0] == 2
    assert pg.behind(conn, city="测试市") == expected  # the year imported before has its digest too
    assert ch.report_dates(conn, years["另一市"]) == []  # a plan only: no dated report
    conn.close()


def test_a_report_imported_later_updates_its_years_digest(tmp_path):
    path = tmp_path / "later.db"
    writer = open_write(path, create=True)
    write_documents(writer, [progress_docs.plan(), progress_docs.june()])
    conn = sqlite3.connect(path)
    june = {(r.number, r.percent) for r in pg.behind(conn) if not r.qualitative}
    write_documents(writer, [progress_docs.october()])
    writer.close()
    october = {(r.number, r.percent) for r in pg.behind(conn) if not r.qualitative}
    assert october == {(2, 60.0)} != june
    assert pg.behind(conn) == pg.behind(conn, on=FAR)
    conn.close()


def test_latest_changes_are_the_newest_reports_first_and_limited(tmp_path):
    path = tmp_path / "three.db"
    writer = open_write(path, create=True)
    for city, shift in (("甲市", 0), ("乙市", 2), ("丙市", 1)):  # a later report date for a larger shift
        docs = []
        for doc in progress_docs.documents():
            as_of = doc.as_of.replace(day=doc.as_of.day - shift) if doc.as_of else None
            text = doc.text.replace("测试市", city)
            docs.append(
                type(doc)(**{**doc.__dict__, "city": city, "as_of": as_of, "text": text, "source_file": f"{city}-{doc.source_file}"})
            )
        write_documents(writer, docs)
    writer.close()
    conn = sqlite3.connect(path)
    found, total = ch.latest_changes(conn)
    assert total == 3
    assert [(y.city, now) for y, _, now, _ in found] == [
        ("甲市", dt.date(2031, 10, 31)),
        ("丙市", dt.date(2031, 10, 30)),
        ("乙市", dt.date(2031, 10, 29)),
    ]
    top, total = ch.latest_changes(conn, limit=2)
    assert (top, total) == (found[:2], 3)
    _without_digests(conn)
    assert ch.latest_changes(conn, limit=2) == (top, 3)
    conn.close()


@pytest.fixture
def two(tmp_path):
    conn = sqlite3.connect(progress_docs.build_two_cities_db(tmp_path / "two.db"), isolation_level=None)
    yield conn
    conn.close()


@pytest.mark.parametrize("sort", pg.SORTS)
def test_the_behind_table_reads_in_the_order_computed_with_ties(two, sort):
    stored = pg.behind(two, sort=sort)
    assert stored == pg.behind(two, on=FAR, sort=sort)
    assert [(r.city, r.number) for r in stored] == [("测试二市", 2), ("测试市", 2), ("测试二市", 3), ("测试市", 3)]


@pytest.mark.parametrize("sort", pg.SORTS)
def test_a_page_of_behind_is_that_part_of_the_whole_list(two, sort):
    whole = pg.behind(two, sort=sort)
    pages = [pg.behind_page(two, sort, limit=1, offset=n) for n in range(len(whole) + 1)]
    assert [p.rows for p in pages] == [[row] for row in whole] + [[]]
    assert {(p.measured, p.qualitative) for p in pages} == {(2, 2)}
    assert pg.behind_page(two, sort, limit=3, offset=1).rows == whole[1:4]
    _without_digests(two)
    assert pg.behind_page(two, sort, limit=3, offset=1) == views.BehindPage(whole[1:4], 2, 2)  # the slow way, the same


def test_behind_page_refuses_an_unknown_order(two):
    with pytest.raises(ValueError, match="unknown sort"):
        pg.behind_page(two, "size")
