"""SQLite schema of a tui-shishi database.

A *year* row is one city's plan period (``青岛`` / ``2025``, ``淄博`` / ``2022-2024``); every
document of that city and period adds to the same year, and items are matched by number.
Every figure row keeps its sentence (by id: each sentence of a document is stored once in
``sentences``, however many figures it holds), its 1-based line in the document and the document
id, so the UI can show where a number came from. Dates are ISO strings (``2020-10-31``).
"""

from __future__ import annotations

import sqlite3

APP_ID = "tui-shishi"
SCHEMA_VERSION = 3  # 2: years and documents name a district's or county's own place; 3: sentences stored once
# What documents.sha256 hashes, kept in meta: the folded, normalised text (store.build.content_text).
# A database without it (made before) holds hashes of the files' bytes: the first import rehashes.
CONTENT_HASH = "folded-text-1"

# table name → (columns, primary key, foreign keys). Column order is the order shown by `.schema`.
TABLES: dict[str, tuple[dict[str, type], str, list[tuple[str, str, str]]]] = {
    "meta": ({"key": str, "value": str}, "key", []),
    "years": (
        {"id": int, "city": str, "period": str, "year_start": int, "year_end": int, "place": str},
        "id",
        [],
    ),
    "documents": (
        {
            "id": int,
            "year_id": int,
            "city": str,
            "place": str,  # 岚皋县 for a county's document under its city 安康; "" for the city's own
            "period": str,
            "kind": str,
            "format": str,
            "title": str,
            "as_of": str,
            "source_file": str,
            "sha256": str,  # of the document's content, not its bytes (meta content_hash)
            "encoding": str,
            "text": str,
        },
        "id",
        [("year_id", "years", "id")],
    ),
    "sections": (
        {
            "id": int,
            "year_id": int,
            "document_id": int,
            "key": str,
            "number": int,
            "level": int,
            "parent_id": int,
            "title": str,
            "text": str,
            "line": int,
        },
        "id",
        [("year_id", "years", "id"), ("document_id", "documents", "id"), ("parent_id", "sections", "id")],
    ),
    "items": (
        {
            "id": int,
            "year_id": int,
            "number": int,
            "section_id": int,
            "title": str,
            "text": str,
            "status": str,  # 达成 / 进行中 / 未报告 / 定性 (see tui_shishi.status)
            "percent": float,  # mean published percent of plan over its indicators, if any
            "document_id": int,  # first document that listed it
            "line": int,
        },
        "id",
        [("year_id", "years", "id"), ("section_id", "sections", "id"), ("document_id", "documents", "id")],
    ),
    "item_documents": (
        {"item_id": int, "document_id": int},
        "",
        [("item_id", "items", "id"), ("document_id", "documents", "id")],
    ),
    "departments": ({"id": int, "name": str}, "id", []),
    "item_departments": (
        {"item_id": int, "department_id": int, "role": str, "note": str, "raw": str, "document_id": int},
        "",
        [("item_id", "items", "id"), ("department_id", "departments", "id"), ("document_id", "documents", "id")],
    ),
    # A sentence of a document, stored once: a sentence of N figures is referred to N times, so the
    # database grows with the document, not with the square of its longest sentence.
    "sentences": (
        {"id": int, "document_id": int, "line": int, "text": str},
        "id",
        [("document_id", "documents", "id")],
    ),
    "indicators": (
        {
            "id": int,
            "item_id": int,
            "document_id": int,
            "ordinal": int,
            "text": str,
            "sentence_id": int,
            "line": int,
            "target_value": float,
            "target_unit": str,
            "target_qualifier": str,
            "target_text": str,
            "target_label": str,
            "target_start": int,
            "target_end": int,
            "status": str,
        },
        "id",
        [("item_id", "items", "id"), ("document_id", "documents", "id"), ("sentence_id", "sentences", "id")],
    ),
    "observations": (
        {
            "id": int,
            "item_id": int,
            "indicator_id": int,  # NULL when the figure could not be bound to an indicator
            "document_id": int,
            "sentence_id": int,
            "line": int,
            "actual_value": float,
            "actual_unit": str,
            "actual_qualifier": str,
            "actual_text": str,
            "actual_start": int,
            "actual_end": int,
            "percent_of_plan": float,
            "percent_text": str,
            "as_of": str,
            "qualitative": int,
        },
        "id",
        [
            ("item_id", "items", "id"),
            ("indicator_id", "indicators", "id"),
            ("document_id", "documents", "id"),
            ("sentence_id", "sentences", "id"),
        ],
    ),
    "milestones": (
        {
            "id": int,
            "item_id": int,
            "document_id": int,
            "ordinal": int,
            "due": str,
            "due_date": str,
            "text": str,
            "line": int,
            "quantities": str,  # JSON list of {value, unit, qualifier, text, start, end, label}
        },
        "id",
        [("item_id", "items", "id"), ("document_id", "documents", "id")],
    ),
    "notes": (
        {"id": int, "item_id": int, "document_id": int, "ordinal": int, "text": str, "line": int},
        "id",
        [("item_id", "items", "id"), ("document_id", "documents", "id")],
    ),
    "flags": (
        {"id": int, "document_id": int, "item_id": int, "kind": str, "detail": str, "line": int},
        "id",
        [("document_id", "documents", "id"), ("item_id", "items", "id")],
    ),
    # what the progress views show of a city-year, computed at import (store/digest.py)
    "digests": ({"year_id": int, "kind": str, "data": str}, "", [("year_id", "years", "id")]),
    # the 滞后 rows of each city-year's latest reports (store/digest.py), a row each: the 滞后 view
    # reads a page in any of its orders through the indexes below. neg_gap is -(gap or 0) and
    # neg_date -(the report date's ordinal), so that every order is ascending; dept is the row's
    # first department ("\uffff" without one: last); data is the row's JSON (with ``names``).
    "behind_rows": (
        {
            "year_id": int,
            "item_id": int,
            "qualitative": int,
            "neg_gap": float,
            "neg_date": int,
            "dept": str,
            "city": str,
            "period": str,
            "number": int,
            "data": str,
        },
        "",
        [("year_id", "years", "id")],
    ),
    # per stored department: its items by role and in all, and the years they belong to, counted
    # at import (store/digest.py) so that the department list does not read every link
    "department_counts": ({"department_id": int, "counts": str, "n_items": int, "year_ids": str}, "department_id", []),
}

# Tables an earlier version did not make: a database without them is complete; its next import adds them.
ADDED_LATER = frozenset({"digests", "behind_rows", "department_counts"})

INDEXES: list[tuple[str, list[str], bool]] = [
    ("years", ["city", "period", "place"], True),
    ("documents", ["sha256"], True),
    ("items", ["year_id", "number"], True),
    ("departments", ["name"], True),
    ("item_documents", ["item_id", "document_id"], True),
    ("item_departments", ["item_id"], False),
    ("item_departments", ["department_id"], False),
    ("indicators", ["item_id"], False),
    ("observations", ["item_id"], False),
    ("observations", ["indicator_id"], False),
    ("milestones", ["item_id"], False),
    ("notes", ["item_id"], False),
    ("flags", ["document_id"], False),
    ("flags", ["item_id"], False),
    ("sections", ["year_id"], False),
    ("sentences", ["document_id"], False),
    # the reads of the views: a year's documents, and its items by status (the counts of a card
    # or a tree row read the index alone)
    ("documents", ["year_id"], False),
    ("items", ["year_id", "status"], False),
    ("digests", ["kind", "year_id"], True),
    # the 滞后 view's three orders (progress.BEHIND_ORDER), a page read from the index in order
    ("behind_rows", ["qualitative", "neg_gap", "city", "period", "number", "year_id", "item_id"], False),
    ("behind_rows", ["qualitative", "dept", "neg_gap", "city", "period", "number", "year_id", "item_id"], False),
    ("behind_rows", ["qualitative", "neg_date", "neg_gap", "city", "period", "number", "year_id", "item_id"], False),
    ("behind_rows", ["year_id"], False),
]


def index_sql(table: str, columns: list[str], unique: bool) -> str:
    """``CREATE INDEX IF NOT EXISTS``, named as sqlite-utils names it (idx_items_year_id_number)."""
    kind = "UNIQUE INDEX" if unique else "INDEX"
    return f"CREATE {kind} IF NOT EXISTS idx_{table}_{'_'.join(columns)} ON {table} ({', '.join(columns)})"


def ensure_indexes(conn: sqlite3.Connection) -> None:
    """Add the indexes a database made by an earlier version lacks (inside the caller's write
    transaction: an import brings an older file up to date)."""
    for table, columns, unique in INDEXES:
        conn.execute(index_sql(table, columns, unique))


def create(conn: sqlite3.Connection) -> None:
    """Create every table and index in an empty database (idempotent)."""
    import sqlite_utils  # lazy: the app's start-up path only reads

    db = sqlite_utils.Database(conn)
    conn.execute("PRAGMA foreign_keys = ON")
    for name, (columns, pk, fks) in TABLES.items():
        table = db.table(name)  # db[name] may be a View, to the type checker
        if not table.exists():
            table.create(columns, pk=pk or None, foreign_keys=fks or None)
    ensure_indexes(conn)
    db.table("meta").upsert_all(
        [
            {"key": "app", "value": APP_ID},
            {"key": "schema_version", "value": str(SCHEMA_VERSION)},
            {"key": "content_hash", "value": CONTENT_HASH},
        ],
        pk="key",
    )
