"""The search index: the rows of every searchable text, numbered in rank order, and FTS5
tables over their character bigrams and their characters (neither with positions: a needle is
every one of its bigrams, or one character token, and each candidate is checked for the exact
substring) and (titles, department names) pinyin.

See tui_shishi.store.search for why the index has this shape. ``rebuild_index`` runs after every
build and import, inside the caller's transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from tui_shishi.model import FLAG_CHROME_STRIPPED
from tui_shishi.parse.chrome import stripped_lines
from tui_shishi.parse.text import fold
from tui_shishi.safe_text import printable
from tui_shishi.store.query_syntax import bigram_tokens, char_tokens, fast_fold, pinyin_columns, syllables, word_chars

# field → tier (lower ranks first)
FIELDS = {"title": 0, "indicator": 1, "department": 1, "milestone": 2, "progress": 2, "source": 3}
_PINYIN_FIELDS = ("title", "department")

_CREATE = """
DROP TABLE IF EXISTS search_fts;
DROP TABLE IF EXISTS search_chars;
DROP TABLE IF EXISTS search_pinyin;
DROP TABLE IF EXISTS search_rows;
DROP TABLE IF EXISTS search_items;
CREATE TABLE search_items (
    item_id INTEGER PRIMARY KEY, city TEXT, period TEXT, year_start INTEGER, year_end INTEGER,
    number INTEGER, title TEXT, status TEXT, city_folded TEXT, departments_folded TEXT);
CREATE TABLE search_rows (
    id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL, field TEXT NOT NULL, text TEXT NOT NULL,
    folded TEXT, pinyin TEXT, document_id INTEGER, line INTEGER);
CREATE INDEX search_rows_item ON search_rows(item_id);
CREATE VIRTUAL TABLE search_fts USING fts5(
    tokens, content='', tokenize='ascii', columnsize=0, detail=none);
CREATE VIRTUAL TABLE search_chars USING fts5(
    tokens, content='', tokenize='ascii', columnsize=0, detail=none);
CREATE VIRTUAL TABLE search_pinyin USING fts5(
    full, initials, content='', tokenize='ascii', columnsize=0);
"""


def _source_lines(conn: sqlite3.Connection) -> Iterator[tuple[int, int, int, str]]:
    """(item_id, document_id, line, text) for each non-blank line of each document that falls
    between an item's first line in that document and the next item's. Lines before the first
    item (headline, preamble) belong to no item and are not searchable as items."""
    anchors: dict[int, dict[int, int]] = {}  # document → item → first line
    for doc, item, line in conn.execute(
        """SELECT document_id, id, line FROM items
           UNION ALL SELECT document_id, item_id, line FROM indicators
           UNION ALL SELECT document_id, item_id, line FROM observations
           UNION ALL SELECT document_id, item_id, line FROM milestones
           UNION ALL SELECT document_id, item_id, line FROM notes"""
    ):
        if doc is None or item is None or line is None:
            continue
        per_doc = anchors.setdefault(doc, {})
        per_doc[item] = min(line, per_doc.get(item, line))
    chrome: dict[int, dict[int, int]] = {}  # document → first line → non-blank lines removed as web chrome
    for doc, line, detail in conn.execute("SELECT document_id, line, detail FROM flags WHERE kind = ?", (FLAG_CHROME_STRIPPED,)):
        if line is not None:
            chrome.setdefault(doc, {})[line] = stripped_lines(detail or "")
    for doc_id, text in conn.execute("SELECT id, text FROM documents"):
        starts = sorted((line, item) for item, line in anchors.get(doc_id, {}).items())
        if not starts or not text:
            continue
        k, skipping = -1, 0
        runs = chrome.get(doc_id, {})
        for number, raw in enumerate(text.split("\n"), start=1):
            while k + 1 < len(starts) and starts[k + 1][0] <= number:
                k += 1
            skipping = max(skipping, runs.get(number, 0))
            if skipping and raw.strip():  # a page's menus and links the parser removed: no item's text
                skipping -= 1
                continue
            if k >= 0 and raw.strip():
                # the text as published may hold control characters: never in a result
                yield starts[k][1], doc_id, number, printable(raw)


def rebuild_index(conn: sqlite3.Connection) -> None:
    """Drop and rebuild the search tables from the database rows (after every build/import).

    Runs inside the caller's transaction: no commit here.
    """
    # statement by statement: executescript() would commit the caller's transaction
    for statement in filter(str.strip, _CREATE.split(";")):
        conn.execute(statement)
    items: dict[int, tuple] = {}
    for row in conn.execute(
        """SELECT i.id, y.city, y.period, y.year_start, y.year_end, i.number, i.title, i.status
           FROM items i JOIN years y ON y.id = i.year_id"""
    ):
        items[row[0]] = row
    departments: dict[int, list[str]] = {}
    rows: list[tuple] = []  # (item_id, field, text, document_id, line)
    for item_id, title, text, doc, line in conn.execute("SELECT id, title, text, document_id, line FROM items"):
        rows.append((item_id, "title", title or "", doc, line))
        if text:
            rows.append((item_id, "source", text, doc, line))
    for item_id, name, doc in conn.execute(
        """SELECT d.item_id, p.name, d.document_id FROM item_departments d
           JOIN departments p ON p.id = d.department_id"""
    ):
        departments.setdefault(item_id, []).append(fold(name or ""))
        rows.append((item_id, "department", name or "", doc, None))
    for source, field in (
        ("indicators", "indicator"),
        ("milestones", "milestone"),
        # A report's sentences (once each, however many figures they hold)
        (
            "(SELECT min(o.id) AS id, o.item_id, s.text, s.document_id, s.line FROM observations o"
            " JOIN sentences s ON s.id = o.sentence_id GROUP BY o.item_id, o.sentence_id)",
            "progress",
        ),
        ("notes", "progress"),
    ):
        rows.extend(
            (item, field, text, doc, line)
            for item, text, doc, line in conn.execute(f"SELECT item_id, text, document_id, line FROM {source} ORDER BY id")
            if text
        )
    rows.extend((item, "source", text, doc, line) for item, doc, line, text in _source_lines(conn))

    conn.executemany(
        "INSERT INTO search_items VALUES (?,?,?,?,?,?,?,?,?,?)",
        [(*row, fold(row[1] or ""), "\n".join(departments.get(row[0], []))) for row in items.values()],
    )

    def order(entry: tuple[int, tuple]) -> tuple:
        seq, (item_id, field, *_rest) = entry
        meta = items.get(item_id) or (item_id, "", "", 0, 0, 0)
        year_end, year_start = meta[4] or 0, meta[3] or 0
        return (FIELDS[field], -year_end, -year_start, meta[1] or "", meta[5] or 0, item_id, seq)

    seen: set[tuple[int, str, str]] = set()
    rowid = 0
    batch: list[tuple] = []
    for _seq, (item_id, field, text, doc, line) in sorted(enumerate(rows), key=order):
        if item_id not in items:
            continue
        folded = fast_fold(text)
        if (item_id, field, folded) in seen:
            continue  # the same sentence bound to several figures is one searchable row
        seen.add((item_id, field, folded))
        rowid += 1
        pinyin = " ".join(syllables(folded)) if field in _PINYIN_FIELDS else None
        batch.append((rowid, item_id, field, text, folded, pinyin, doc, line))
        if len(batch) >= 5000:
            _insert(conn, batch)
            batch = []
    _insert(conn, batch)


def stored_fold(text: str, folded: str) -> str | None:
    """The folded text as stored: only where folding changes a word character (Traditional or
    full-width letters and digits, under 1% of rows), else None. Folding keeps the length, so a
    needle of word characters is found in ``coalesce(folded, text)`` exactly where it is in the
    folded text; readers fold the text again for the rest (punctuation)."""
    return folded if word_chars(folded) != word_chars(text) else None


def _insert(conn: sqlite3.Connection, batch: list[tuple]) -> None:
    conn.executemany(
        "INSERT INTO search_rows VALUES (?,?,?,?,?,?,?,?)", [(*row[:4], stored_fold(row[3], row[4]), *row[5:]) for row in batch]
    )
    conn.executemany(
        "INSERT INTO search_fts(rowid, tokens) VALUES (?, ?)",
        [(row[0], bigram_tokens(row[4])) for row in batch],
    )
    conn.executemany(
        "INSERT INTO search_chars(rowid, tokens) VALUES (?, ?)",
        [(row[0], char_tokens(row[4])) for row in batch],
    )
    conn.executemany(
        "INSERT INTO search_pinyin(rowid, full, initials) VALUES (?, ?, ?)",
        [(row[0], *pinyin_columns(row[5].split(" "))) for row in batch if row[5] is not None],
    )
