"""Documents → SQLite: import into an open database, or build one from data/sources/.

Decisions (the UI and the tests rely on them):
- One transaction per call of ``write_documents``: every document of a batch is written, or none.
- A document already in the database is an error, not a silent skip: the batch is refused with
  "already imported", naming the file imported first, so that the user knows nothing was added.
  "Already" is by content: ``document_sha256`` hashes the folded text with line ends and
  trailing space normalised, so the same document re-encoded (GBK, UTF-16), with CRLF or one
  more newline, is the same document. The check runs inside the write transaction (BEGIN
  IMMEDIATE), so of concurrent imports of one file one wins and the others are refused alike.
- A refused import leaves the database file byte for byte as it was: ``import_documents``
  checks read-only first and opens for writing only when there is something to write.
- Items are matched by (year, number) across the documents of one city and period. The first
  document that lists an item gives its title, text, section, line and ``document_id``; a later
  document only fills what is still empty and never replaces published text. Indicators,
  observations, milestones, notes and departments of every document are all kept, each row with
  the document it came from, so an item first seen in an announced list gets the progress
  report's observations.
- Statuses (indicators and items) and an item's mean percent are recomputed from the database
  after every write, with tui_shishi.status, so they cover all documents of the year.
- A build is deterministic: files in sorted order, ids in insertion order, source files stored by
  name (not by absolute path), no timestamps. It is written to a temporary file and renamed, so a
  failed build leaves the old database as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

from tui_shishi import status as st
from tui_shishi.model import FLAG_INCONSISTENT, Document, Flag, Item, Observation, Quantity
from tui_shishi.parse.quote import quote
from tui_shishi.parse.text import fold, normalize_newlines
from tui_shishi.reasons import sqlite_reason
from tui_shishi.store import digest, handover, schema
from tui_shishi.store.crossbind import bind_across_documents
from tui_shishi.store.db import (
    WRITE_WAIT_SECONDS,
    DatabaseError,
    RebuildableError,
    create_new,
    open_read,
    open_write,
    remove_stale,
    remove_with_journals,
    terminated_as_exit,
)
from tui_shishi.store.handover import check_current


class ImportRefused(Exception):
    """The batch cannot be written (already imported, unreadable file…); message is one line."""


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE … COMMIT, ROLLBACK on any error. Code run inside must not commit.
    RetiredDatabase when the file has been replaced by a rebuild (handover.write_current retries)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        check_current(conn)
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    if not conn.in_transaction:
        # Someone committed half-way (e.g. `with conn:` or sqlite-utils writes): atomicity is lost.
        raise RuntimeError("the import transaction was committed before its end")
    conn.execute("COMMIT")


def _insert(conn: sqlite3.Connection, table: str, row: dict) -> int:
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    cursor = conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values()))
    return cursor.lastrowid  # type: ignore[return-value]


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def content_text(text: str) -> str:
    """The text as compared for "already imported": folded (width, Traditional → Simplified,
    ASCII case), line ends as \\n, no BOM, no trailing space on a line, no blank lines at
    either end."""
    folded = fold(normalize_newlines(text).lstrip("\ufeff"))
    return "\n".join(line.rstrip() for line in folded.split("\n")).strip("\n")


def document_sha256(doc: Document) -> str:
    """The key of a document's content (``documents.sha256``): the SHA-256 of ``content_text``.
    Not the hash of the file's bytes, which would differ for the same document re-encoded."""
    return hashlib.sha256(content_text(doc.text).encode("utf-8")).hexdigest()


def _name(doc: Document) -> str:
    return doc.source_file or doc.title or "document"


def check_batch(docs: Sequence[Document]) -> list[str]:
    """The content keys of ``docs``; ImportRefused when two of them are the same document."""
    seen: dict[str, str] = {}
    for doc in docs:
        sha = document_sha256(doc)
        if sha in seen:
            raise ImportRefused(f"{_name(doc)}：与本批的 {seen[sha]} 内容相同；未写入任何内容")
        seen[sha] = _name(doc)
    return list(seen)


def _hashed_by_content(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT value FROM meta WHERE key = 'content_hash'").fetchone()
    return row is not None and row[0] == schema.CONTENT_HASH


def imported(conn: sqlite3.Connection, shas: Sequence[str]) -> dict[str, tuple[int, str]]:
    """Of the content keys ``shas``, those the database holds: key → (document id, source file).
    Reads only; a database made before content keys (hashes of bytes) is compared by its texts."""
    found: dict[str, tuple[int, str]] = {}
    if _hashed_by_content(conn):
        for sha in shas:
            row = conn.execute("SELECT id, source_file FROM documents WHERE sha256 = ?", (sha,)).fetchone()
            if row:
                found[sha] = (row[0], row[1])
        return found
    wanted = set(shas)
    for doc_id, source_file, text in conn.execute("SELECT id, source_file, text FROM documents ORDER BY id"):
        sha = hashlib.sha256(content_text(text or "").encode("utf-8")).hexdigest()
        if sha in wanted and sha not in found:
            found[sha] = (doc_id, source_file)
    return found


def refuse_imported(conn: sqlite3.Connection, docs: Sequence[Document], shas: Sequence[str]) -> None:
    """ImportRefused naming the first document of ``docs`` the database already holds."""
    found = imported(conn, shas)
    for doc, sha in zip(docs, shas):
        if sha in found:
            doc_id, first = found[sha]
            raise ImportRefused(f"{_name(doc)}：已导入过（文档 #{doc_id}，{first}）；未写入任何内容")


def _rehash(conn: sqlite3.Connection) -> None:
    """Inside a write: turn a database's byte hashes (before content keys) into content keys.
    A document that is by content the same as an earlier one keeps its old key."""
    if _hashed_by_content(conn):
        return
    seen: set[str] = set()
    for doc_id, text in conn.execute("SELECT id, text FROM documents ORDER BY id").fetchall():
        sha = hashlib.sha256(content_text(text or "").encode("utf-8")).hexdigest()
        if sha not in seen:
            seen.add(sha)
            conn.execute("UPDATE documents SET sha256 = ? WHERE id = ?", (sha, doc_id))
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('content_hash', ?)", (schema.CONTENT_HASH,))


def write_documents(conn: sqlite3.Connection, docs: Sequence[Document]) -> list[int]:
    """Write ``docs`` in one transaction; return their document ids. Raises ImportRefused.

    The duplicate check runs inside the transaction: a process that imported the same file
    a moment ago has committed before this one's BEGIN IMMEDIATE, and is seen."""
    shas = check_batch(docs)
    ids = []
    with transaction(conn):
        _rehash(conn)
        had_digests = digest.present(conn)
        schema.create(conn)  # a database made by an earlier version gets the new tables and indexes
        refuse_imported(conn, docs, shas)
        year_ids: set[int] = set() if had_digests else {r[0] for r in conn.execute("SELECT id FROM years")}
        for doc in docs:
            doc_id, year_id = _write_document(conn, doc)
            ids.append(doc_id)
            year_ids.add(year_id)
        refresh_statuses(conn, sorted(year_ids))
        _rebuild_search_index(conn)
    return ids


def import_documents(db_path: str | os.PathLike[str], docs: Sequence[Document]) -> list[int]:
    """Import parsed ``docs`` into the database at ``db_path`` (made when there is none); return
    their ids. ImportRefused (one line) when nothing was written: a document already there, a
    lock held too long by another writer, a full disk. The file is opened for writing only when
    the read-only check found nothing to refuse, so a refusal leaves it byte for byte as it was.
    A new database is made whole in a temporary file and linked into place (``db.create_new``):
    when another process made it first, the documents go into that one (or are refused there)."""
    db_path = Path(db_path)
    shas = check_batch(docs)
    ids: list[int] = []
    try:
        if not db_path.exists() and create_new(db_path, lambda conn: ids.extend(write_documents(conn, docs))):
            return ids
        conn = open_read(db_path, thorough=True)
        try:
            refuse_imported(conn, docs, shas)
        finally:
            conn.close()
        return handover.write_current(
            lambda: open_write(db_path, validated=True), lambda conn: write_documents(conn, docs), WRITE_WAIT_SECONDS
        )
    except sqlite3.OperationalError as exc:  # locked past the timeout, disk full… — rolled back
        raise ImportRefused(f"{db_path}：未写入任何内容（{sqlite_reason(exc)}）") from None


def _rebuild_search_index(conn: sqlite3.Connection) -> None:
    try:
        from tui_shishi.store import search
    except ModuleNotFoundError as exc:
        if exc.name != "tui_shishi.store.search":
            raise
        return  # the search module is not part of this tree (yet)
    search.rebuild_index(conn)


def _year_id(conn: sqlite3.Connection, doc: Document) -> int:
    # A county's or district's list is its own year under its city, never merged with the city's.
    row = conn.execute("SELECT id FROM years WHERE city = ? AND period = ? AND place = ?", (doc.city, doc.period, doc.place)).fetchone()
    if row:
        return row[0]
    row = dict(city=doc.city, period=doc.period, year_start=doc.year_start, year_end=doc.year_end, place=doc.place)
    return _insert(conn, "years", row)


def _write_document(conn: sqlite3.Connection, doc: Document) -> tuple[int, int]:
    year_id = _year_id(conn, doc)
    doc_id = _insert(conn, "documents", dict(
        year_id=year_id, city=doc.city, place=doc.place, period=doc.period, kind=doc.kind, format=doc.format, title=doc.title,
        as_of=_iso(doc.as_of), source_file=doc.source_file, sha256=document_sha256(doc),
        encoding=doc.encoding, text=doc.text,
    ))  # fmt: skip
    section_ids: dict[str, int] = {}
    for section in doc.sections:
        parent_id = section_ids.get(section.parent) if section.parent else None
        section_ids[section.key] = _insert(conn, "sections", dict(
            year_id=year_id, document_id=doc_id, key=section.key, number=section.number, level=section.level,
            parent_id=parent_id, title=section.title, text=section.text, line=section.line,
        ))  # fmt: skip
    sentences = _Sentences(conn, doc_id)
    for item in doc.items:
        item_id = _merge_item(conn, year_id, doc_id, item, section_ids.get(item.section or ""))
        _write_item_parts(conn, item_id, doc_id, item, doc.as_of, sentences)
        _write_flags(conn, doc_id, item_id, item.flags)
    for flag in doc.flags:
        flagged_item: int | None = None  # a document's flag may name an item, by number
        if flag.item_number is not None:
            row = conn.execute("SELECT id FROM items WHERE year_id = ? AND number = ?", (year_id, flag.item_number)).fetchone()
            flagged_item = row[0] if row else None
        _write_flags(conn, doc_id, flagged_item, [flag])
    return doc_id, year_id


def _merge_item(conn: sqlite3.Connection, year_id: int, doc_id: int, item: Item, section_id: int | None) -> int:
    row = conn.execute("SELECT id, title, text, section_id FROM items WHERE year_id = ? AND number = ?", (year_id, item.number)).fetchone()
    if row is None:
        item_id = _insert(conn, "items", dict(
            year_id=year_id, number=item.number, section_id=section_id, title=item.title, text=item.text,
            status=st.NOT_REPORTED, percent=None, document_id=doc_id, line=item.line,
        ))  # fmt: skip
    else:
        item_id, title, text, old_section = row
        if not _same_subject(f"{title}{text}", f"{item.title}{item.text}"):
            # Numbers are the only key across documents; when the wording shares almost nothing
            # (a report numbering its 项 where the list numbers its 件) the merge is kept but said.
            _write_flags(conn, doc_id, item_id, [Flag(
                FLAG_INCONSISTENT,
                f"按编号合并为第{item.number}件，但两份文件的内容几乎不同：{quote(title)} / {quote(item.title)}",
                item.number, item.line,
            )])  # fmt: skip
        # Fill what the first document left empty; never replace published text.
        conn.execute(
            "UPDATE items SET title = ?, text = ?, section_id = ? WHERE id = ?",
            (title or item.title, text or item.text, old_section if old_section is not None else section_id, item_id),
        )
    conn.execute("INSERT OR IGNORE INTO item_documents (item_id, document_id) VALUES (?, ?)", (item_id, doc_id))
    return item_id


def _bigrams(text: str) -> set[str]:
    folded = "".join(ch for ch in fold(text) if ch.isalnum())
    return {folded[i : i + 2] for i in range(len(folded) - 1)}


def _same_subject(old: str, new: str) -> bool:
    """Whether two documents' texts of one item number plausibly speak of the same item."""
    a, b = _bigrams(old), _bigrams(new)
    if not a or not b:
        return True  # nothing to compare: no finding
    return len(a & b) / min(len(a), len(b)) >= 0.15


def _department_id(conn: sqlite3.Connection, name: str) -> int:
    conn.execute("INSERT OR IGNORE INTO departments (name) VALUES (?)", (name,))
    return conn.execute("SELECT id FROM departments WHERE name = ?", (name,)).fetchone()[0]


def _quantity_columns(prefix: str, quantity: Quantity | None) -> dict:
    fields = ("value", "unit", "qualifier", "text", "start", "end") + (("label",) if prefix == "target" else ())
    return {f"{prefix}_{name}": getattr(quantity, name) if quantity else None for name in fields}


class _Sentences:
    """Ids of one document's sentences, each written to ``sentences`` the first time it is named."""

    def __init__(self, conn: sqlite3.Connection, doc_id: int) -> None:
        self.conn, self.doc_id = conn, doc_id
        self.ids: dict[tuple[int | None, str], int] = {}

    def id(self, text: str | None, line: int | None) -> int | None:
        if not text:
            return None
        key = (line, text)
        if key not in self.ids:
            self.ids[key] = _insert(self.conn, "sentences", {"document_id": self.doc_id, "line": line, "text": text})
        return self.ids[key]


def _write_observation(
    conn: sqlite3.Connection,
    item_id: int,
    indicator_id: int | None,
    doc_id: int,
    obs: Observation,
    doc_as_of: dt.date | None,
    sentences: _Sentences,
) -> None:
    _insert(conn, "observations", dict(
        item_id=item_id, indicator_id=indicator_id, document_id=doc_id,
        sentence_id=sentences.id(obs.sentence, obs.line), line=obs.line,
        **_quantity_columns("actual", obs.actual), percent_of_plan=obs.percent_of_plan,
        percent_text=obs.percent_text, as_of=_iso(obs.as_of or doc_as_of), qualitative=int(obs.qualitative),
    ))  # fmt: skip


def _write_item_parts(
    conn: sqlite3.Connection, item_id: int, doc_id: int, item: Item, doc_as_of: dt.date | None, sentences: _Sentences
) -> None:
    written: set[tuple[int, str, str]] = set()
    for dep in item.departments:
        dep_id = _department_id(conn, dep.name)
        if (dep_id, dep.role, dep.note) in written:  # the same department twice in one document's list
            continue
        written.add((dep_id, dep.role, dep.note))
        _insert(conn, "item_departments", dict(
            item_id=item_id, department_id=dep_id, role=dep.role, note=dep.note, raw=dep.raw, document_id=doc_id
        ))  # fmt: skip
    for ordinal, indicator in enumerate(item.indicators, start=1):
        indicator_id = _insert(conn, "indicators", dict(
            item_id=item_id, document_id=doc_id, ordinal=ordinal, text=indicator.text,
            sentence_id=sentences.id(indicator.sentence, indicator.line), line=indicator.line,
            **_quantity_columns("target", indicator.target),
            status=st.NOT_REPORTED,
        ))  # fmt: skip
        for obs in indicator.observations:
            _write_observation(conn, item_id, indicator_id, doc_id, obs, doc_as_of, sentences)
    for obs in item.progress:
        _write_observation(conn, item_id, None, doc_id, obs, doc_as_of, sentences)
    for ordinal, milestone in enumerate(item.milestones, start=1):
        quantities = [{k: v for k, v in asdict(q).items() if k != "is_percent"} for q in milestone.quantities]
        _insert(conn, "milestones", dict(
            item_id=item_id, document_id=doc_id, ordinal=ordinal, due=milestone.due,
            due_date=_iso(milestone.due_date), text=milestone.text, line=milestone.line,
            quantities=json.dumps(quantities, ensure_ascii=False),
        ))  # fmt: skip
    for ordinal, note in enumerate(item.notes, start=1):
        _insert(conn, "notes", {"item_id": item_id, "document_id": doc_id, "ordinal": ordinal, "text": note, "line": None})


def _write_flags(conn: sqlite3.Connection, doc_id: int, item_id: int | None, flags: Sequence[Flag]) -> None:
    for flag in flags:
        _insert(
            conn,
            "flags",
            {"document_id": doc_id, "item_id": item_id, "kind": flag.kind, "detail": flag.detail, "line": flag.line},
        )


def _quantity(value, unit) -> Quantity | None:
    return None if value is None and unit is None else Quantity(value, unit or "")


def _observations(conn: sqlite3.Connection, item_id: int) -> list[tuple[int | None, Observation]]:
    rows = conn.execute(
        "SELECT o.indicator_id, o.actual_value, o.actual_unit, o.percent_of_plan, o.as_of, o.qualitative, s.text"
        " FROM observations o LEFT JOIN sentences s ON s.id = o.sentence_id WHERE o.item_id = ? ORDER BY o.id",
        (item_id,),
    ).fetchall()
    return [
        (
            indicator_id,
            Observation(
                sentence=sentence or "",
                actual=_quantity(value, unit),
                percent_of_plan=percent,
                as_of=dt.date.fromisoformat(as_of) if as_of else None,
                qualitative=bool(qualitative),
            ),
        )
        for indicator_id, value, unit, percent, as_of, qualitative, sentence in rows
    ]


def refresh_statuses(conn: sqlite3.Connection, year_ids: Sequence[int]) -> None:
    """Recompute indicator and item statuses, item percents and the digests (store/digest.py) of
    these years from the database."""
    for year_id in year_ids:
        item_ids = [r[0] for r in conn.execute("SELECT id FROM items WHERE year_id = ? ORDER BY id", (year_id,))]
        for item_id in item_ids:
            bind_across_documents(conn, item_id)  # a report's figures to the list's targets
            observations = _observations(conn, item_id)
            pairs = []
            for indicator_id, value, unit in conn.execute(
                "SELECT id, target_value, target_unit FROM indicators WHERE item_id = ? ORDER BY id", (item_id,)
            ).fetchall():
                target = _quantity(value, unit)
                bound = [o for i, o in observations if i == indicator_id]
                pairs.append((target, bound))
                conn.execute("UPDATE indicators SET status = ? WHERE id = ?", (st.indicator_status(target, bound), indicator_id))
            progress = [o for i, o in observations if i is None]
            conn.execute(
                "UPDATE items SET status = ?, percent = ? WHERE id = ?",
                (st.item_status(pairs, progress), st.mean_percent(o for _, o in observations), item_id),
            )
    digest.write(conn, year_ids)


def source_files(sources_dir: str | os.PathLike[str]) -> list[Path]:
    """Every (non-hidden) file of the sources directory, in sorted order."""
    directory = Path(sources_dir)
    if not directory.is_dir():
        raise ImportRefused(f"{directory}：目录不存在")
    return sorted(p for p in directory.iterdir() if p.is_file() and not p.name.startswith("."))


def parse_files(
    paths: Sequence[Path], *, city: str | None = None, year: str | int | None = None, kind: str | None = None
) -> list[Document]:
    """Parse every file before anything is written; the first failure names its file."""
    from tui_shishi.parse import ParseError, parse_bytes, read_source  # lazy: the app only reads

    docs = []
    for path in paths:
        try:
            # Regular files of at most MAX_BYTES only: /dev/zero or a FIFO is refused in one line.
            data = read_source(path)
            doc = parse_bytes(data, source_file=Path(path).name, city=city, year=year, kind=kind)
        except ParseError as exc:
            raise ImportRefused(f"{path}：{exc}") from None
        doc.sha256 = doc.sha256 or hashlib.sha256(data).hexdigest()
        docs.append(doc)
    return docs


def build(sources_dir: str | os.PathLike[str], db_path: str | os.PathLike[str]) -> list[Document]:
    """Rebuild ``db_path`` from scratch from every file in ``sources_dir``; return the documents."""
    db_path = Path(db_path)
    paths = source_files(sources_dir)
    if not paths:
        raise ImportRefused(f"{sources_dir}：目录中没有源文件")
    if db_path.exists():
        try:  # never replace a file that is not ours
            open_read(db_path).close()
        except RebuildableError:
            pass  # ours, of an older schema or with tables missing: rebuilt below
        except DatabaseError as exc:
            raise DatabaseError(f"{exc}；不替换它（删除它再重建）") from None
    docs = parse_files(paths)
    remove_stale(db_path, ".tmp")  # left by a build that was killed
    tmp = db_path.with_name(f".{db_path.name}.{os.getpid()}.tmp")
    remove_with_journals(tmp)
    old: sqlite3.Connection | None = None
    try:
        with terminated_as_exit():  # SIGTERM too goes through the cleanup below
            conn = sqlite3.connect(tmp, isolation_level=None)
            try:
                schema.create(conn)
                conn.execute("PRAGMA foreign_keys = ON")
                write_documents(conn, docs)
                from tui_shishi.store.records import carry_over  # lazy: records imports this module

                # From here to the rename the old file is held: a record made meanwhile waits,
                # then finds it retired and is written to the new one (store/handover.py).
                old = handover.hold(db_path, WRITE_WAIT_SECONDS)
                carry_over(old if old is not None else db_path, conn)  # recorded figures (录入) outlive the rebuild
            finally:
                conn.close()
            if old is not None:
                handover.retire(old, tmp.name)
            _retire(db_path)
            os.replace(tmp, db_path)
    finally:
        handover.release(old)
        remove_with_journals(tmp)  # after the rename only the journal could be left, if anything
    for suffix in ("-wal", "-shm"):  # the old file's, now stale: never let them meet the new one
        _remove(Path(f"{db_path}{suffix}"))
    return docs


def _retire(db_path: Path) -> None:
    # Fold the old database's WAL into it, so nothing of it is left to be replayed.
    if db_path.exists():
        conn = sqlite3.connect(db_path, isolation_level=None, timeout=10)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()


def _remove(path: Path) -> None:
    for p in (path, Path(f"{path}-journal")):
        try:
            p.unlink()
        except FileNotFoundError:
            pass
