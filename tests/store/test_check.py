"""Data-quality report: flags per document with the item numbers they concern."""

import json

from click.testing import CliRunner

from tui_shishi.cli import main
from tui_shishi.store.build import write_documents
from tui_shishi.store.check import flag_report, summary
from tui_shishi.store.db import open_read, open_write


def test_flag_report_of_hand_built_documents(tmp_path, demo_docs):
    conn = open_write(tmp_path / "demo.db", create=True)
    write_documents(conn, demo_docs)
    report = flag_report(conn)
    assert [(d.source_file, d.kind) for d in report] == [
        ("demo-2030-announced.txt", "announced"),
        ("demo-2030-final.txt", "final"),
    ]
    flags = {(f.kind, f.item_number) for f in report[0].flags}
    assert flags == {("repeated_bullet", 2), ("missing_items", None), ("out_of_order", 2)}
    assert report[1].flags == ()
    (year,) = summary(conn)
    assert (year.documents, year.items, year.flags) == (2, 3, 3)
    assert year.statuses == {"达成": 1, "定性": 1, "未报告": 1}


def test_check_json_on_the_seed(seed_db):
    result = CliRunner().invoke(main, ["--db", str(seed_db), "check", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)["documents"]
    assert len(report) == 5
    announced = next(d for d in report if d["source_file"] == "qingdao-2024-announced-list.txt")
    kinds = {f["kind"] for f in announced["flags"]}
    # the 2024 list is garbled as published: items missing, out of order, bullets repeated
    assert {"missing_items", "out_of_order", "repeated_bullet"} <= kinds
    assert any(f["item_number"] is not None for f in announced["flags"] if f["kind"] == "repeated_bullet")


def test_check_table(seed_db):
    result = CliRunner().invoke(main, ["--db", str(seed_db), "check"])
    assert result.exit_code == 0, result.output
    # the flag kind in words (条目重复), not its machine name (repeated_bullet)
    assert "条目重复" in result.stdout and "repeated_bullet" not in result.stdout
    assert "qingdao-2024" in result.stdout
    total = sum(len(d.flags) for d in flag_report(open_read(seed_db)))
    assert result.stderr.rstrip().endswith(f"共 {total} 个问题，5 个文档")  # on a pipe the count goes to stderr
