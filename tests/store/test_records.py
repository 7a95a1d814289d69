"""Recorded figures (录入): append-only, who/when/why, checked input, never judged, kept by a rebuild."""

from __future__ import annotations

import datetime as dt
import getpass
import shutil
import sqlite3
from pathlib import Path
from types import SimpleNamespace

import pytest

from tui_shishi.store import db as dbmod
from tui_shishi.store import records as rec
from tui_shishi.store.build import build, write_documents
from tui_shishi.store.export import export_rows, to_csv, to_markdown

REPO = Path(__file__).resolve().parents[2]
JOBS = rec.ItemKey("示例市", "2030", "", 1)  # 城镇新增就业35万人 (1 indicator)
PARKING = rec.ItemKey("示例市", "2030", "", 2)


@pytest.fixture
def demo_db(tmp_path, demo_docs) -> Path:
    path = tmp_path / "demo.db"
    conn = dbmod.open_write(path, create=True)
    write_documents(conn, demo_docs)
    conn.close()
    return path


def read(path: Path, fn, *args, **kwargs):
    conn = dbmod.open_read(path)
    try:
        return fn(conn, *args, **kwargs)
    finally:
        conn.close()


def published(path: Path) -> list:
    """Every row of every table but records: what a record must never change."""
    conn = sqlite3.connect(path)
    try:
        names = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name != 'records' ORDER BY name")]
        return [(n, sorted(map(repr, conn.execute(f'SELECT * FROM "{n}"')))) for n in names if not n.startswith("search")]
    finally:
        conn.close()


def test_an_older_database_reads_as_no_records(demo_db):
    assert read(demo_db, rec.has_table) is False
    assert read(demo_db, rec.key_records) == []
    assert read(demo_db, rec.item_records, 1) == []


def test_a_record_carries_who_when_why_and_is_not_judged(demo_db):
    before = published(demo_db)
    made = rec.add_record(demo_db, JOBS, 1, "8,000", "2030-06-30", "人社局月报")
    assert made.id == 1 and made.actual_value == 8000 and made.actual_unit == "人" and made.actual_display == "8,000人"
    assert made.recorded_by == getpass.getuser() and made.note == "人社局月报" and made.as_of == "2030-06-30"
    at = dt.datetime.fromisoformat(made.recorded_at)
    assert at.utcoffset() == dt.timedelta(0) and abs(dt.datetime.now(dt.timezone.utc) - at) < dt.timedelta(minutes=5)
    assert read(demo_db, rec.has_table) is True  # made by the first record
    (found,) = read(demo_db, rec.key_records, JOBS)
    assert found.indicator_text == "城镇新增就业35万人" and found.target_text == "35万人" and found.current
    assert found.indicator_id is not None and found.item_id is not None
    # statuses, percents, observations: all as they were (录入，未公布)
    assert published(demo_db) == before


def test_records_are_append_only(demo_db):
    rec.add_record(demo_db, JOBS, 1, "8000", "2030-06-30")
    conn = sqlite3.connect(demo_db)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("UPDATE records SET actual_value = 1")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("DELETE FROM records")
    finally:
        conn.close()
    assert [r.actual_value for r in read(demo_db, rec.key_records)] == [8000]
    source = (REPO / "src" / "tui_shishi" / "store" / "records.py").read_text(encoding="utf-8")
    assert "UPDATE records" not in source and "DELETE FROM records" not in source


def test_a_correction_supersedes_and_the_trail_keeps_both(demo_db):
    first = rec.add_record(demo_db, JOBS, 1, "8000", "2030-06-30", "月报")
    second = rec.add_record(demo_db, JOBS, 1, "8100", "2030-06-30", "更正", supersedes=first.id)
    trail = read(demo_db, rec.key_records, JOBS)
    assert [(r.id, r.supersedes, r.superseded_by) for r in trail] == [(first.id, None, second.id), (second.id, first.id, None)]
    assert [r.actual_value for r in trail if r.current] == [8100]
    with pytest.raises(rec.RecordRefused, match=f"已被 #{second.id} 更正"):
        rec.add_record(demo_db, JOBS, 1, "8200", "2030-06-30", supersedes=first.id)  # the chain stays a chain
    with pytest.raises(rec.RecordRefused, match="不是"):
        rec.add_record(demo_db, PARKING, 1, "5", "2030-06-30", supersedes=second.id)  # another item's indicator


BAD = [
    (rec.ItemKey("示例市", "2030", "", 9), 1, "1", "2030-06-30", None, "没有这一件"),
    (JOBS, 3, "1", "2030-06-30", None, "有 2 个指标，没有第 3 个"),
    (JOBS, 0, "1", "2030-06-30", None, "没有第 0 个"),
    (JOBS, 1, "abc", "2030-06-30", None, "不是数字"),
    (JOBS, 1, "-3", "2030-06-30", None, "不是数字"),
    (JOBS, 1, "nan", "2030-06-30", None, "不是数字"),
    (JOBS, 1, "1", "2030-02-30", None, "无法识别"),
    (JOBS, 1, "1", "30.6.2030", None, "无法识别"),
    (JOBS, 1, "1", "2031-01-01", None, "不在计划期 2030-01-01 至 2030-12-31"),
    (JOBS, 1, "1", "2030-06-30", 99, "没有编号为 #99"),
]


@pytest.mark.parametrize("key, indicator, actual, as_of, supersedes, message", BAD)
def test_bad_input_is_refused_and_nothing_is_written(demo_db, key, indicator, actual, as_of, supersedes, message):
    if supersedes:
        rec.add_record(demo_db, JOBS, 1, "8000", "2030-06-30")  # a table, but no #99
    before = demo_db.read_bytes()
    with pytest.raises(rec.RecordRefused, match=message):
        rec.add_record(demo_db, key, indicator, actual, as_of, "x", supersedes)
    assert demo_db.read_bytes() == before  # refused read-only: the file was not even opened for writing


@pytest.mark.parametrize(
    "typed, value, shown",
    [("8000", 8000, "8000人"), ("8,000", 8000, "8,000人"), ("８０００", 8000, "8000人"), ("1.2万", 12000, "1.2万人"),
     ("12000人", 12000, "12000人"), (" 0 ", 0, "0人")],
)  # fmt: skip
def test_an_actual_is_read_in_the_indicators_unit(typed, value, shown):
    assert rec.parse_actual(typed, "人") == (value, shown)


@pytest.mark.parametrize("typed", ["", "abc", "八千人以上", "-3", "1e5", "nan", "8000个", "80%", "8000人以上", "1 2"])
def test_an_actual_that_is_not_a_figure_in_the_unit_is_refused(typed):
    with pytest.raises(rec.RecordRefused, match="实际数字"):
        rec.parse_actual(typed, "人")


def test_the_indicator_is_found_by_its_text_when_numbers_move():
    def ind(id_, text, target):
        return SimpleNamespace(id=id_, text=text, target=SimpleNamespace(display=target))

    record = rec.Record(
        id=1, city="c", period="2030", place="", item_number=1, indicator=2, indicator_text="新增泊位2万个", target_text="2万个",
        actual_value=1.0, actual_unit="个", actual_text="1个", as_of="2030-06-30", note="", recorded_by="u", recorded_at="t",
    )  # fmt: skip
    assert rec._match(record, [ind(10, "就业35万人", "35万人"), ind(11, "新增泊位2万个", "2万个")]) == 11
    moved = [ind(12, "新指标", "1个"), ind(10, "就业35万人", "35万人"), ind(11, "新增泊位2万个", "2万个")]
    assert rec._match(record, moved) == 11  # number 2 is now another indicator: found by text and target
    assert rec._match(record, [ind(10, "就业35万人", "35万人"), ind(13, "新增泊位3万个", "3万个")]) is None


def test_export_marks_recorded_rows_and_leaves_published_ones(demo_db):
    first = rec.add_record(demo_db, JOBS, 1, "8000", "2030-06-30", "月报")
    rec.add_record(demo_db, JOBS, 1, "9000", "2030-06-30", "更正", supersedes=first.id)
    rows = read(demo_db, export_rows)
    recorded = [r for r in rows if r.source == rec.RECORDED]
    assert [(r.item_number, r.actual_value, r.actual_text, r.percent, r.status) for r in recorded] == [
        (1, 9000, "9000人", None, "录入，未公布")
    ]
    assert recorded[0].item_status == "达成"  # the item's own (published) status, untouched
    assert {r.source for r in rows} == {"公布", "录入"} and len(rows) - 1 == len([r for r in rows if r.source == "公布"])
    assert to_csv(rows).splitlines()[0].endswith(",source")
    assert "9000人（录入）" in to_markdown(rows)


@pytest.fixture(scope="module")
def sources(tmp_path_factory, sources_dir) -> SimpleNamespace:
    """Two source directories: 青岛 2025 year-end, and 青岛 2024's list only."""
    base = tmp_path_factory.mktemp("records-sources")
    for name, files in (("y2025", ["qingdao-2025-year-end-report.txt"]), ("y2024", ["qingdao-2024-announced-list.txt"])):
        (base / name).mkdir()
        for f in files:
            shutil.copy(sources_dir / f, base / name / f)
    return SimpleNamespace(y2025=base / "y2025", y2024=base / "y2024")


def test_records_survive_a_rebuild_and_a_lost_indicator_is_kept(tmp_path, sources):
    path = tmp_path / "shishi.db"
    build(sources.y2025, path)
    key = rec.ItemKey("青岛", "2025", "", 5)
    first = rec.add_record(path, key, 2, "20", "2025-06-30", "民政局月报")
    rec.add_record(path, key, 2, "21", "2025-06-30", "更正", supersedes=first.id)
    build(sources.y2025, path)  # the same path, a new database
    trail = read(path, rec.key_records, key)
    assert [(r.id, r.actual_value, r.supersedes, r.superseded_by) for r in trail] == [(1, 20, None, 2), (2, 21, 1, None)]
    assert all(r.indicator_id is not None for r in trail)
    assert rec.add_record(path, key, 2, "22", "2025-09-30").id == 3  # ids go on after the carried ones
    build(sources.y2024, path)  # 青岛 2025 is gone: its records are kept, 无对应指标
    kept = read(path, rec.key_records, key)
    assert [r.id for r in kept] == [1, 2, 3] and all(r.indicator_id is None and r.item_id is None for r in kept)
    build(sources.y2025, path)  # and back
    assert all(r.indicator_id is not None for r in read(path, rec.key_records, key))


def test_a_rebuild_of_a_database_without_records_adds_no_table(tmp_path, sources):
    path = tmp_path / "shishi.db"
    build(sources.y2024, path)
    build(sources.y2024, path)
    assert read(path, rec.has_table) is False


def test_carry_over_from_a_connection(tmp_path, demo_db, demo_docs):
    rec.add_record(demo_db, JOBS, 1, "8000", "2030-06-30")
    old = sqlite3.connect(demo_db)
    new_path = tmp_path / "new.db"
    new = dbmod.open_write(new_path, create=True)
    try:
        assert rec.carry_over(old, new) == 1
    finally:
        old.close()
        new.close()
    assert [r.actual_value for r in read(new_path, rec.key_records)] == [8000]


def test_a_record_waits_for_another_writer_and_says_so_when_it_cannot(demo_db, monkeypatch):
    import tui_shishi.store.db as db_module

    real = db_module.open_write

    def impatient(path, **kwargs):  # as open_write, with no patience for the lock
        conn = real(path, **kwargs)
        conn.execute("PRAGMA busy_timeout = 0")
        return conn

    monkeypatch.setattr(db_module, "open_write", impatient)
    holder = dbmod.open_write(demo_db)
    holder.execute("BEGIN IMMEDIATE")  # another process writing (an import)
    try:
        with pytest.raises(rec.RecordRefused, match="未写入.*重试"):
            rec.add_record(demo_db, JOBS, 1, "8000", "2030-06-30")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert read(demo_db, rec.key_records) == []
    assert rec.add_record(demo_db, JOBS, 1, "8000", "2030-06-30").id == 1  # once it is free
