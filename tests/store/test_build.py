"""write_documents (hand-built documents) and build (the seed sources, needs the parser)."""

import sqlite3
from pathlib import Path

import pytest

from tui_shishi.parse import parse_bytes
from tui_shishi.store.build import ImportRefused, build, write_documents
from tui_shishi.store.db import DatabaseError, open_read, open_write

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def demo_db(tmp_path, demo_docs):
    conn = open_write(tmp_path / "demo.db", create=True)
    write_documents(conn, demo_docs)
    yield conn
    conn.close()


def rows(conn, sql, *args):
    return conn.execute(sql, args).fetchall()


def test_items_merge_across_documents_of_a_year(demo_db):
    assert rows(demo_db, "SELECT city, period FROM years") == [("示例市", "2030")]
    items = rows(demo_db, "SELECT number, title, text, status, percent, document_id FROM items ORDER BY number")
    assert items == [
        # the first document's title stays; the year-end report adds its observation
        (1, "促进就业", "实现城镇新增就业35万人", "达成", 108.6, 1),
        (2, "停车", "新增停车泊位2万个以上", "定性", None, 1),
        (5, "新项目", "", "未报告", None, 2),
    ]
    assert rows(demo_db, "SELECT item_id, document_id FROM item_documents ORDER BY 1, 2") == [(1, 1), (1, 2), (2, 1), (2, 2), (3, 2)]


def test_rows_keep_their_sentence_and_document(demo_db):
    (obs,) = rows(
        demo_db,
        "SELECT s.text, o.actual_text, o.percent_text, o.as_of, o.document_id, i.text"
        " FROM observations o JOIN indicators i ON i.id = o.indicator_id JOIN sentences s ON s.id = o.sentence_id",
    )
    assert obs == ("城镇新增就业38万人,占年计划的108.6%", "38万人", "占年计划的108.6%", "2030-12-31", 2, "城镇新增就业35万人")
    # item-level progress has no indicator and takes the document's date
    assert rows(demo_db, "SELECT qualitative, as_of FROM observations WHERE indicator_id IS NULL") == [(1, "2030-12-31")]
    assert rows(demo_db, "SELECT text FROM documents ORDER BY id")[0][0].startswith("第1件 促进就业\n")


def test_a_sentence_of_many_figures_is_stored_once(tmp_path):
    """Storage grows with the document: one sentence of N targets is one row, referred to N times."""
    figures = "，".join(f"新增停车泊位{n}00个" for n in range(1, 301))
    text = f"青岛市2025年市办实事项目\n\n第1件 建设停车设施。{figures}。\n牵头单位：市交通局\n"
    conn = open_write(tmp_path / "long.db", create=True)
    write_documents(conn, [parse_bytes(text.encode(), source_file="long.txt")])
    assert rows(conn, "SELECT count(*) FROM indicators") == [(300,)]
    assert rows(conn, "SELECT count(*), count(DISTINCT document_id) FROM sentences") == [(1, 1)]
    assert rows(conn, "SELECT count(DISTINCT sentence_id) FROM indicators") == [(1,)]
    stored = rows(conn, "SELECT sum(length(text)) FROM sentences")[0][0]
    assert stored < len(text)


def test_departments_deduplicated_by_name(demo_db):
    assert rows(demo_db, "SELECT count(*) FROM departments") == [(3,)]
    assert rows(
        demo_db,
        "SELECT d.name, x.role, x.note FROM item_departments x JOIN departments d ON d.id = x.department_id"
        " WHERE x.item_id = 2 ORDER BY x.role DESC",
    ) == [("市公安局", "lead", ""), ("市住房城乡建设局", "co", "节能保暖工程")]


def test_sections_milestones_flags(demo_db):
    assert rows(demo_db, "SELECT i.number, s.key FROM items i JOIN sections s ON s.id = i.section_id") == [(1, "一")]
    (quantities,) = rows(demo_db, "SELECT quantities FROM milestones")[0]
    assert '"text": "10个"' in quantities and '"value": 10.0' in quantities
    flags = rows(demo_db, "SELECT f.kind, i.number FROM flags f LEFT JOIN items i ON i.id = f.item_id ORDER BY f.kind")
    assert flags == [("missing_items", None), ("out_of_order", 2), ("repeated_bullet", 2)]


def test_same_document_twice_is_refused_and_nothing_written(demo_db, demo, dump):
    before = dump(demo_db)
    with pytest.raises(ImportRefused, match="已导入过"):
        write_documents(demo_db, [other_city(demo), demo.final()])
    with pytest.raises(ImportRefused, match="内容相同"):
        write_documents(demo_db, [other_city(demo), other_city(demo)])
    assert dump(demo_db) == before


def other_city(demo):
    doc = demo.announced()
    doc.city = "另一市"
    doc.text += "另一市\n"
    return doc


def test_a_failure_inside_the_transaction_rolls_everything_back(tmp_path, demo, dump):
    conn = open_write(tmp_path / "x.db", create=True)
    write_documents(conn, [demo.announced()])
    before = dump(conn)
    bad = demo.final()
    bad.items[0].indicators[0].observations[0].sentence = object()  # cannot be stored
    with pytest.raises(sqlite3.Error):
        write_documents(conn, [other_city(demo), bad])
    assert dump(conn) == before
    assert not conn.in_transaction


def test_build_is_deterministic_and_replaces_atomically(tmp_path, sources_dir, dump):
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    build(sources_dir, first)
    build(sources_dir, second)
    assert dump(open_read(first)) == dump(open_read(second))
    assert open_read(first).execute("SELECT count(*) FROM documents").fetchone()[0] == len(list(sources_dir.iterdir()))
    # a failed build (unreadable source dir) leaves the old database as it was
    old = first.read_bytes()
    with pytest.raises(ImportRefused):
        build(tmp_path / "nowhere", first)
    assert first.read_bytes() == old
    assert not list(tmp_path.glob(".*.tmp"))


def test_build_refuses_to_replace_a_foreign_file(tmp_path, sources_dir):
    foreign = tmp_path / "notes.db"
    foreign.write_bytes(b"my notes, not a database" * 100)
    with pytest.raises(DatabaseError, match="不替换它"):
        build(sources_dir, foreign)
    assert foreign.read_bytes() == b"my notes, not a database" * 100


def test_committed_database_equals_a_fresh_build(seed_db, dump):
    committed = REPO / "data" / "shishi.db"
    assert committed.is_file(), "data/shishi.db is missing: run `shishi build`"
    assert dump(open_read(committed)) == dump(open_read(seed_db))
