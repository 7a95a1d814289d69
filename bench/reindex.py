"""The search index's size against the text it indexes: rebuild a database's index with this
code and print every search table's size before and after, each as a multiple of the indexed
text (the bytes of ``search_rows.text``) and of the documents' text, in the same run.

    .venv/bin/python bench/reindex.py /tmp/bench-country-500k.db

Rewrites the database's search tables in place (one transaction, then VACUUM): use it on a
benchmark database (bench/corpus.py), not on one you keep. A benchmark, not a test.
"""

from __future__ import annotations

import sqlite3
import sys
import time

TABLES = ("search_rows", "search_fts", "search_chars", "search_pinyin", "search_items")


def sizes(conn: sqlite3.Connection) -> dict[str, int]:
    # dbstat names each FTS5 shadow table (search_fts_data, _idx, …) after its table
    return {
        name: conn.execute("SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name LIKE ?", (name + "%",)).fetchone()[0] for name in TABLES
    }


def report(conn: sqlite3.Connection, label: str) -> None:
    text = conn.execute("SELECT sum(length(CAST(text AS BLOB))) FROM search_rows").fetchone()[0] or 1
    docs = conn.execute("SELECT sum(length(CAST(text AS BLOB))) FROM documents").fetchone()[0] or 1
    found = sizes(conn)
    fts = sum(v for k, v in found.items() if k not in ("search_rows", "search_items"))
    total = sum(found.values())
    mib = 2**20
    print(f"{label}: " + ", ".join(f"{k} {v / mib:.1f} MiB" for k, v in found.items()))
    print(f"  FTS5 tables {fts / mib:.1f} MiB = {fts / text:.2f}× the indexed text ({text / mib:.1f} MiB);"
          f" all search tables {total / mib:.1f} MiB = {total / text:.2f}× it, {total / docs:.2f}× the documents' text ({docs / mib:.1f} MiB)")  # fmt: skip


def main() -> None:
    from tui_shishi.store.search import rebuild_index

    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    report(conn, "before")
    start = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    rebuild_index(conn)
    conn.execute("COMMIT")
    print(f"rebuilt in {time.perf_counter() - start:.1f} s")
    conn.execute("VACUUM")
    report(conn, "after")


if __name__ == "__main__":
    main()
