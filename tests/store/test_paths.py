"""store/paths.py: each indicator's figures across the reports of its city-year.

On 样本 2031 (tests/path_docs.py: a list, three progress reports and a year-end report, read by
the parser, 老旧小区 going down from 40个 to 36个) and 测试市 2031 (tests/progress_docs.py: a plan
with milestone figures, figures bound to indicator rows)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

import path_docs as pd
import progress_docs
from tui_shishi import pace
from tui_shishi.store import paths as ps
from tui_shishi.store import queries as q
from tui_shishi.store.db import open_read


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    connection = open_read(pd.build_path_db(tmp_path_factory.mktemp("paths") / "paths.db"))
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def progress_conn(tmp_path_factory):
    connection = open_read(progress_docs.build_progress_db(tmp_path_factory.mktemp("paths-p") / "p.db"))
    yield connection
    connection.close()


def test_four_reports_make_one_path_per_indicator(conn):
    (path,) = ps.figure_paths(conn, pd.item_id(conn, pd.ITEM_JOBS))
    assert path.label == "实现城镇新增就业30万人" and path.target.display == "30万人"
    assert [p.as_of for p in path.points] == list(pd.DATES)
    assert [(p.figure, p.value, p.unit, p.percent) for p in path.points] == [
        ("7.5万人", 75000.0, "人", 25.0),
        ("13.5万人", 135000.0, "人", 45.0),
        ("24万人", 240000.0, "人", 80.0),
        ("31.2万人", 312000.0, "人", 104.0),
    ]
    assert not any(p.recorded for p in path.points)
    assert path.drops == ()


def test_each_point_has_its_pace_gap_and_source(conn):
    (path,) = ps.figure_paths(conn, pd.item_id(conn, pd.ITEM_JOBS))
    june = path.points[1]
    # 2031-06-30 is day 181 of 365: 序时进度 49.6%; 45% is 4.6 points behind (more than 3).
    assert (june.expected, june.gap, june.mark, june.by_milestones) == (49.6, 4.6, pace.BEHIND, False)
    assert [p.mark for p in path.points] == [pace.ON_PACE, pace.BEHIND, pace.AHEAD, pace.AHEAD]
    assert june.source_file == "sample-2031-h1.txt" and june.document_kind == "progress"
    assert june.document_title == "样本市2031年市办实事项目上半年进展情况"
    assert june.line == 2 and "13.5万人" in june.sentence
    assert path.points[-1].document_kind == "final"
    assert ps.source_label(june, ps.short_titles(path.points)) == "上半年进展情况 第2行"


def test_a_figure_going_down_is_flagged_with_both_values_and_sources(conn):
    (path,) = ps.figure_paths(conn, pd.item_id(conn, pd.ITEM_HOUSING))
    (drop,) = path.drops
    assert (drop.before.as_of, drop.after.as_of) == (pd.JUNE, pd.SEPTEMBER)
    assert (drop.before.figure, drop.after.figure) == ("40个", "36个")
    assert drop.actual_down and drop.percent_down
    assert (drop.before.source_file, drop.after.source_file) == ("sample-2031-h1.txt", "sample-2031-q3.txt")
    assert drop.describe() == "较上次下降：36个（36%） ← 40个（40%）"
    assert path.drop_after(path.points[2]) is drop and path.drop_after(path.points[1]) is None
    # the later 100个 is not a drop, and both figures are kept as published
    assert [p.figure for p in path.points] == ["15个", "40个", "36个", "100个"]


def test_drops_need_a_later_date_and_the_same_unit():
    base = ps.PathPoint(
        as_of=dt.date(2031, 6, 30), value=40.0, unit="个", text="40个", percent=40.0, share_of_target=40.0,
        expected=None, by_milestones=False, gap=None, mark="", document_id=1, document_title="",
        document_kind="progress", source_file="a", line=1, sentence="",
    )  # fmt: skip
    same_day = replace(base, value=30.0, percent=None, document_id=2)
    other_unit = replace(base, as_of=dt.date(2031, 9, 30), value=3.0, unit="万个", percent=None)
    recorded = replace(base, as_of=dt.date(2031, 12, 1), value=1.0, percent=None, recorded=True)
    assert ps.drops([base, same_day]) == []
    assert ps.drops([base, other_unit]) == []
    assert ps.drops([base, recorded]) == []  # a record is shown, never judged
    percent_only = replace(base, as_of=dt.date(2031, 9, 30), value=None, text="", percent=35.0)
    (drop,) = ps.drops([base, percent_only])
    assert (drop.actual_down, drop.percent_down) == (False, True)


def test_rows_restating_an_indicator_are_one_path_with_milestone_pace(progress_conn):
    item_id = progress_conn.execute("SELECT id FROM items WHERE number = 1").fetchone()[0]
    detail = q.item_detail(progress_conn, item_id)
    (path,) = ps.figure_paths(detail)
    assert len(path.indicator_ids) == 3  # the plan's row and each report's restatement
    assert [(p.as_of, p.percent) for p in path.points] == [(dt.date(2031, 6, 30), 40.0), (dt.date(2031, 10, 31), 90.0)]
    # the plan's 6月底前20万人 of 30万人: the pace at 2031-06-30 is 66.7%, not the calendar's 49.6%
    assert (path.points[0].expected, path.points[0].by_milestones, path.points[0].gap) == (66.7, True, 26.7)


def test_roads_revised_down_is_a_drop(progress_conn):
    item_id = progress_conn.execute("SELECT id FROM items WHERE number = 4").fetchone()[0]
    (path,) = ps.figure_paths(progress_conn, item_id)
    (drop,) = path.drops
    assert (drop.before.figure, drop.after.figure, drop.before.percent, drop.after.percent) == ("10条", "9.8条", 100.0, 98.0)


def test_words_only_are_no_points_and_an_unknown_item_is_an_error(progress_conn):
    item_id = progress_conn.execute("SELECT id FROM items WHERE number = 3").fetchone()[0]
    assert ps.figure_paths(progress_conn, item_id) == []  # 智慧门诊: words only, no indicator
    with pytest.raises(LookupError):
        ps.figure_paths(progress_conn, 99999)


class _Record:
    """What store.records.Record offers a path (duck-typed: the module may change today)."""

    def __init__(self, indicator_id, value, as_of, note="电话核实"):
        self.indicator_id, self.actual_value, self.actual_unit, self.as_of, self.note = indicator_id, value, "个", as_of, note
        self.current = True


def test_recorded_figures_are_points_marked_recorded_and_never_judged(conn):
    detail = q.item_detail(conn, pd.item_id(conn, pd.ITEM_HOUSING))
    indicator_id = detail.indicators[0].id
    (path,) = ps.figure_paths(detail, records=[_Record(indicator_id, 70.0, "2031-11-15")])
    recorded = [p for p in path.points if p.recorded]
    assert len(recorded) == 1
    point = recorded[0]
    assert (point.as_of, point.figure, point.share_of_target, point.mark, point.gap) == (dt.date(2031, 11, 15), "70个", 70.0, "", None)
    assert point.expected is not None  # the pace is shown beside it
    assert ps.source_label(point) == ps.RECORDED_WORD
    assert [p.as_of for p in path.points] == sorted(p.as_of for p in path.points)  # in date order
    assert len(path.drops) == 1  # 70 → 100 (published) is not compared with the record


def test_records_of_the_database_join_through_the_hook(conn):
    pytest.importorskip("tui_shishi.store.records")
    # a database without a records table: the hook reads none
    assert ps.load_records(conn, pd.item_id(conn, pd.ITEM_HOUSING)) == []


def test_all_drops_lists_every_contradiction(conn, progress_conn):
    found = ps.all_drops(conn)
    assert [(d.item.number, path.label, drop.after.figure) for d, path, drop in found] == [(2, "改造老旧小区100个", "36个")]
    assert [d.item.number for d, _, _ in ps.all_drops(progress_conn)] == [4]
    assert ps.all_drops(conn, year_ids=[]) == []


def test_a_record_written_by_store_records_is_on_the_path(tmp_path):
    records = pytest.importorskip("tui_shishi.store.records")
    path_db = pd.build_path_db(tmp_path / "r.db")
    key = records.ItemKey(pd.CITY, str(pd.YEAR), "", pd.ITEM_HOUSING)
    first = records.add_record(path_db, key, 1, "60", "2031-10-15", "街道报送", who="test")
    records.add_record(path_db, key, 1, "65", "2031-10-15", "更正", supersedes=first.id, who="test")
    connection = open_read(path_db)
    try:
        (path,) = ps.figure_paths(connection, pd.item_id(connection, pd.ITEM_HOUSING))
    finally:
        connection.close()
    recorded = [p for p in path.points if p.recorded]
    assert [(p.as_of, p.value, p.sentence) for p in recorded] == [(dt.date(2031, 10, 15), 65.0, "更正")]  # the correction only
    assert path.points.index(recorded[0]) == 3  # between the 09-30 and 12-31 reports
