"""store/progress.py (the 滞后 list), milestones.py (milestones against a date) and changes.py
(what changed between two reports).

On 测试市 2031 (tests/progress_docs.py: a plan and reports of 2031-06-30 and 2031-10-31) and on
the seed database (青岛 2020: one report, 截至10月底, 序时进度 83.3%)."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from progress_docs import build_progress_db
from tui_shishi.store import changes as ch
from tui_shishi.store import milestones as ms
from tui_shishi.store import progress as pg
from tui_shishi.store.db import open_read


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    path = build_progress_db(tmp_path_factory.mktemp("progress") / "progress.db")
    conn = open_read(path)
    yield conn
    conn.close()


@pytest.fixture(scope="module")
def seed(seed_db):
    conn = sqlite3.connect(seed_db)
    yield conn
    conn.close()


# ---------------------------------------------------------------- behind


def test_behind_judges_the_latest_report_only(conn):
    rows = pg.behind(conn)
    measured = [r for r in rows if not r.qualitative]
    # 2031-10-31 is day 304 of 365: 序时进度 83.3%. 老旧小区 60% is 23.3 points behind; 就业 90%
    # (behind in June) is on its milestone pace now and no longer listed; 道路 98% is ahead.
    assert [(r.number, r.percent, r.expected, r.gap) for r in measured] == [(2, 60.0, 83.3, 23.3)]
    row = measured[0]
    assert row.as_of == dt.date(2031, 10, 31)
    assert row.departments == ("市住建局",)  # lead; the co-lead 市城管局 is not "responsible"
    assert row.sentence == "已改造老旧小区60个,占年计划的60%"
    assert row.indicator == "改造老旧小区100个"
    assert row.source_file == "test-2031-october.txt"
    assert row.title == "老旧小区改造" and row.city == "测试市" and row.period == "2031"


def test_items_without_a_percent_are_listed_apart_not_hidden(conn):
    rows = pg.behind(conn)
    apart = [r for r in rows if r.qualitative]
    assert [(r.number, r.sentence, r.gap) for r in apart] == [(3, "该件实事已全面完成", None)]
    assert rows[-1].qualitative  # after the measured rows


def test_pace_follows_the_plans_milestone_figures(conn):
    # On 2031-07-01 the latest report is June's: 就业 40% against the plan's 6月底前20万人 of
    # 30万人 = 66.7% (the calendar would say 49.6%), named by another document's indicator row.
    rows = [r for r in pg.behind(conn, on=dt.date(2031, 7, 1)) if not r.qualitative]
    assert [(r.number, r.percent, r.expected, r.gap, r.by_milestones) for r in rows] == [(1, 40.0, 66.7, 26.7, True)]
    assert rows[0].departments == ("市人社局",)


def test_behind_filters_and_sorts(conn, seed):
    assert [r.number for r in pg.behind(conn, dept="城管")] == [2]  # any role matches the filter
    assert pg.behind(conn, dept="体育局") == []  # 健身场地 reached 100%
    assert pg.behind(conn, city="青岛") == []
    assert [r.number for r in pg.behind(conn, city="测试市", year=2031)] == [2, 3]
    by_date = pg.behind(seed, city="青岛", sort="date")
    assert [r.as_of for r in by_date if not r.qualitative] == sorted((r.as_of for r in by_date if not r.qualitative), reverse=True)
    with pytest.raises(ValueError):
        pg.behind(conn, sort="colour")


def test_seed_2020_behind_end_of_october_pace(seed):
    rows = pg.behind(seed, city="青岛", year="2020")
    measured = [r for r in rows if not r.qualitative]
    assert {r.expected for r in measured} == {83.3}  # 305 / 366 days of 2020
    gaps = {(r.number, r.percent): r.gap for r in measured}
    assert gaps[(8, 63.5)] == 19.8  # 节能保暖改造: 317.3万平方米已完工, 63.5%
    assert gaps[(28, 50.0)] == 33.3 and gaps[(28, 64.0)] == 19.3  # 书屋 50%, 书亭 64%
    assert gaps[(30, 52.0)] == 31.3
    assert (16, 80.0) in gaps  # 80% is more than 3 points short of 83.3%
    assert not {2, 5, 6} & {r.number for r in measured}  # 86%, 85.5%, 86.1%: on pace
    assert [r.gap for r in measured] == sorted((r.gap for r in measured), reverse=True)
    assert {10, 25} <= {r.number for r in rows if r.qualitative}  # words only / figures without a percent


# ---------------------------------------------------------------- due


def _states(conn, on, within=30):
    return {(r.number, r.due): (r.state, r.days) for r in ms.due(conn, on, within_days=within)}


def test_milestone_states_on_a_date(conn):
    states = _states(conn, dt.date(2031, 7, 15))
    assert states[(3, "3月底前")] == (ms.OVERDUE, -106)  # June's words say the purchase is done, not the item
    assert states[(1, "6月底前")] == (ms.OVERDUE, -15)
    assert states[(2, "9月底前")] == (ms.NOT_DUE, 77)
    assert states[(1, "12月底前")] == (ms.NOT_DUE, 169)
    assert states[(4, "此后")] == (ms.DONE, None)  # 道路 at 100% in June


def test_due_soon_within_the_window_and_replayed_dates(conn):
    assert _states(conn, dt.date(2031, 8, 31))[(2, "9月底前")] == (ms.DUE_SOON, 30)  # the 30th day counts
    assert _states(conn, dt.date(2031, 8, 31), within=29)[(2, "9月底前")] == (ms.NOT_DUE, 30)
    later = {(r.number, r.due): r for r in ms.due(conn, dt.date(2031, 11, 1))}
    assert later[(3, "3月底前")].state == ms.DONE  # 该件实事已全面完成 in the October report
    assert later[(3, "3月底前")].done_on == dt.date(2031, 10, 31)
    assert later[(4, "此后")].state == ms.UNDATED  # October revised 道路 down to 98%: no longer done
    assert later[(2, "9月底前")].state == ms.OVERDUE
    # Before any report: nothing is done, and the order is 到期未报 first.
    early = ms.due(conn, dt.date(2031, 4, 1))
    assert [r.state for r in early] == [ms.OVERDUE, ms.NOT_DUE, ms.NOT_DUE, ms.NOT_DUE, ms.UNDATED]


def test_seed_milestones_of_2023_are_overdue_without_reports(seed):
    rows = ms.due(seed, dt.date(2023, 6, 30), city="青岛", year=2023)
    states = {r.state for r in rows if r.due_date and r.due_date < dt.date(2023, 6, 30)}
    assert states == {ms.OVERDUE}
    assert {r.state for r in rows if r.due_date == dt.date(2023, 6, 30)} == {ms.DUE_SOON}
    assert all(r.city == "青岛" and r.period == "2023" for r in rows)


# ---------------------------------------------------------------- changes


def test_changes_between_the_last_two_reports(conn):
    rows = {r.number: r for r in ch.changes(conn, "测试市", "2031")}
    assert set(rows) == {1, 2, 3, 4, 5}
    jobs = rows[1]
    assert (jobs.then, jobs.now) == (dt.date(2031, 6, 30), dt.date(2031, 10, 31))
    assert (jobs.percent_then, jobs.percent_now, jobs.delta) == (40.0, 90.0, 50.0)
    assert jobs.behind_then and not jobs.behind_now and not jobs.newly_behind
    housing = rows[2]
    assert (housing.percent_then, housing.percent_now, housing.newly_behind) == (55.0, 60.0, True)
    fitness = rows[5]
    assert fitness.newly_achieved and (fitness.status_then, fitness.status_now) == ("进行中", "达成")
    roads = rows[4]
    assert roads.went_down and roads.delta == -2.0 and (roads.status_then, roads.status_now) == ("达成", "进行中")
    assert not any(r.newly_achieved for n, r in rows.items() if n != 5)
    assert rows[3].percent_then is None and rows[3].reported_now


def test_changes_needs_two_dated_reports(conn, seed):
    with pytest.raises(ch.NotEnoughReports, match="只有 1 次有日期的进展报告"):
        ch.changes(seed, "青岛", "2025")
    with pytest.raises(ch.NotEnoughReports, match="数据库中没有"):
        ch.changes(conn, "测试市", "2040")
