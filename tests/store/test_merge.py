"""Items of one city and period merge by number; a merge of unrelated wording is flagged."""

from tui_shishi.model import FLAG_INCONSISTENT
from tui_shishi.store.build import write_documents
from tui_shishi.store.db import open_write


def inconsistent_flags(conn):
    return conn.execute(
        "SELECT i.number, f.detail FROM flags f JOIN items i ON i.id = f.item_id WHERE f.kind = ?",
        (FLAG_INCONSISTENT,),
    ).fetchall()


def test_same_item_in_two_documents_merges_without_a_finding(tmp_path, demo):
    conn = open_write(tmp_path / "m.db", create=True)
    write_documents(conn, [demo.announced(), demo.final()])
    assert conn.execute("SELECT count(*) FROM items WHERE number = 1").fetchone() == (1,)
    assert inconsistent_flags(conn) == []


def test_unrelated_wording_under_one_number_is_kept_and_flagged(tmp_path, demo):
    report = demo.final()
    report.items[0].title = "一键式紧急报警系统配备工程方面"
    report.items[0].text = "2935所学校(校区)已完成系统安装"
    report.items[0].indicators = []
    conn = open_write(tmp_path / "m.db", create=True)
    write_documents(conn, [demo.announced(), report])
    # still one item 1 (the number is the key), holding both documents, with the finding
    assert conn.execute("SELECT count(*) FROM items WHERE number = 1").fetchone() == (1,)
    (flag,) = inconsistent_flags(conn)
    assert flag[0] == 1 and "促进就业" in flag[1] and "一键式紧急报警" in flag[1]
