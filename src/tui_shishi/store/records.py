"""Recorded figures (录入): progress staff know but no document has published yet.

Decisions (the CLI, the app and the tests rely on them):
- Append-only. A correction is a new record that ``supersedes`` an earlier one of the same
  indicator; no row is ever updated or deleted (triggers refuse both), so ``shishi history``
  shows the whole trail. A record is superseded at most once (a unique index): the trail is a
  chain, and a correction of a correction names the latest one.
- Each record says who (the OS user), when (UTC, ISO) and why (the note), and is always shown
  as 录入, apart from the published (公布) figures. A recorded figure is never judged: it does
  not change an indicator's or an item's status (录入，未公布).
- Keyed by what survives ``shishi build`` (which makes a new database with new row ids): city,
  period, place, item number and the indicator's number as shown (1-based, in the item's
  order), with the indicator's text and target as they were, to check that a rebuilt database
  still means the same indicator. A record whose indicator is gone is kept and shown as
  「无对应指标」, never dropped; ``carry_over`` copies every record into a rebuilt database.
  (Not covered: a record committed while a build runs, after its carry-over read and before its
  rename, stays in the replaced file; the build would have to hold the old file's write lock.)
- The table is made by the first record, inside its write transaction; a database without it
  (made before, or never recorded into) reads as "no records". Writing goes through the
  import's path: checked read-only first (a refused record leaves the file as it was), then
  ``open_write`` and BEGIN IMMEDIATE, checked again inside the transaction.
"""

from __future__ import annotations

import datetime as dt
import getpass
import math
import os
import sqlite3
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui_shishi.store.export import ItemColumns
    from tui_shishi.store.views import ExportRow

RECORDED = "录入"  # the mark of a recorded figure, wherever it is shown
PUBLISHED = "公布"  # the mark of a published one (export's ``source`` column)
NOT_PUBLISHED = "录入，未公布"  # said beside a recorded figure: shown, not judged
NO_INDICATOR = "「无对应指标」"  # a record whose item or indicator a rebuild no longer has

TABLE = "records"
_DDL = (
    "CREATE TABLE IF NOT EXISTS records (id INTEGER PRIMARY KEY, city TEXT NOT NULL, period TEXT NOT NULL,"
    " place TEXT NOT NULL DEFAULT '', item_number INTEGER NOT NULL, indicator INTEGER NOT NULL,"
    " indicator_text TEXT NOT NULL, target_text TEXT NOT NULL DEFAULT '', actual_value REAL NOT NULL,"
    " actual_unit TEXT NOT NULL DEFAULT '', actual_text TEXT NOT NULL DEFAULT '', as_of TEXT NOT NULL,"
    " note TEXT NOT NULL DEFAULT '', recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL,"
    " supersedes INTEGER REFERENCES records (id))",
    "CREATE INDEX IF NOT EXISTS records_item ON records (city, period, place, item_number)",
    "CREATE UNIQUE INDEX IF NOT EXISTS records_supersedes ON records (supersedes)",
    "CREATE TRIGGER IF NOT EXISTS records_no_update BEFORE UPDATE ON records"
    " BEGIN SELECT RAISE(ABORT, 'records are append-only: add a record that supersedes it'); END",
    "CREATE TRIGGER IF NOT EXISTS records_no_delete BEFORE DELETE ON records"
    " BEGIN SELECT RAISE(ABORT, 'records are append-only: add a record that supersedes it'); END",
)
_COLUMNS = (
    "id, city, period, place, item_number, indicator, indicator_text, target_text, actual_value,"
    " actual_unit, actual_text, as_of, note, recorded_by, recorded_at, supersedes"
)
# A row as inserted: every column of _COLUMNS but the id, in that order.
_Row = tuple[str, str, str, int, int, str, str, float, str, str, str, str, str, str, int | None]


class RecordRefused(Exception):
    """A record that cannot be written (bad input, unknown target…); nothing was written. The
    message is one line, in the staff's words."""


@dataclass(frozen=True)
class ItemKey:
    """An item as named across rebuilds: 青岛 / 2025 / (place) / 第5件."""

    city: str
    period: str
    place: str
    number: int

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.city, self.place, self.period, f"第{self.number}件") if p)


@dataclass(frozen=True)
class Record:
    id: int
    city: str
    period: str
    place: str
    item_number: int
    indicator: int  # the indicator's number as shown when recorded (1-based)
    indicator_text: str  # the indicator as it read then
    target_text: str
    actual_value: float
    actual_unit: str  # the indicator's target unit
    actual_text: str  # as typed, with the unit: 1.2万人
    as_of: str  # ISO date the figure is as of
    note: str
    recorded_by: str  # OS user
    recorded_at: str  # UTC, ISO
    supersedes: int | None = None
    superseded_by: int | None = None  # filled on reading: the record that corrects this one
    indicator_id: int | None = None  # the indicator it belongs to in this database; None: 无对应指标
    item_id: int | None = None

    @property
    def key(self) -> ItemKey:
        return ItemKey(self.city, self.period, self.place, self.item_number)

    @property
    def current(self) -> bool:
        return self.superseded_by is None

    @property
    def actual_display(self) -> str:
        """``8000户``: the figure with the indicator's unit."""
        return self.actual_text or f"{self.actual_value:g}{self.actual_unit}"


# ---------------------------------------------------------------- reading


def has_table(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (TABLE,)).fetchone() is not None


def _read(conn: sqlite3.Connection, where: str = "", params: tuple = ()) -> list[Record]:
    if not has_table(conn):
        return []  # an older database, or none recorded yet
    found = [Record(*r) for r in conn.execute(f"SELECT {_COLUMNS} FROM records {where} ORDER BY id", params)]
    if not found:
        return []
    ids = [r.id for r in found]
    marks = ",".join("?" * len(ids))
    by = dict(conn.execute(f"SELECT supersedes, id FROM records WHERE supersedes IN ({marks})", ids).fetchall())
    return [replace(r, superseded_by=by.get(r.id)) for r in found]


def _item_id(conn: sqlite3.Connection, key: ItemKey) -> tuple[int, int | None, int | None] | None:
    """(item id, year_start, year_end) of the item ``key`` names in this database, if any."""
    return conn.execute(
        "SELECT i.id, y.year_start, y.year_end FROM items i JOIN years y ON y.id = i.year_id"
        " WHERE y.city = ? AND y.period = ? AND coalesce(y.place, '') = ? AND i.number = ?",
        (key.city, key.period, key.place, key.number),
    ).fetchone()


def item_key(conn: sqlite3.Connection, item_id: int) -> ItemKey | None:
    row = conn.execute(
        "SELECT y.city, y.period, coalesce(y.place, ''), i.number FROM items i JOIN years y ON y.id = i.year_id WHERE i.id = ?",
        (item_id,),
    ).fetchone()
    return ItemKey(*row) if row else None


def _indicators(conn: sqlite3.Connection, item_id: int):
    from tui_shishi.store.queries import indicators

    return indicators(conn, item_id)  # the order the item's pane shows them in


def _target_text(indicator) -> str:
    return indicator.target.display if indicator.target else ""


def _match(record: Record, indicators) -> int | None:
    """The indicator (id) a record belongs to now: its number, when that indicator still reads
    the same; else the one indicator of the same text and target (numbers moved); else None."""
    n = record.indicator
    if 1 <= n <= len(indicators) and indicators[n - 1].text == record.indicator_text:
        return indicators[n - 1].id
    same = [i for i in indicators if i.text == record.indicator_text and _target_text(i) == record.target_text]
    return same[0].id if same else None  # (two: one target restated by two documents)


def _resolve(conn: sqlite3.Connection, found: list[Record]) -> list[Record]:
    out, cache = [], {}
    for r in found:
        if r.key not in cache:
            item = _item_id(conn, r.key)
            cache[r.key] = (item[0], _indicators(conn, item[0])) if item else (None, [])
        item_id, indicators = cache[r.key]
        out.append(replace(r, item_id=item_id, indicator_id=_match(r, indicators) if item_id else None))
    return out


def item_records(conn: sqlite3.Connection, item_id: int) -> list[Record]:
    """Every record of an item (superseded ones too, marked), each with the indicator it
    belongs to now (None: 无对应指标), in the order they were made."""
    key = item_key(conn, item_id)
    if key is None or not has_table(conn):
        return []
    found = _read(conn, "WHERE city = ? AND period = ? AND place = ? AND item_number = ?", (key.city, key.period, key.place, key.number))
    return _resolve(conn, found)


def key_records(conn: sqlite3.Connection, key: ItemKey | None = None, city: str | None = None, period: str | None = None) -> list[Record]:
    """The records of an item named by ``key`` (also when the database no longer has it), of a
    city-year, or every record."""
    params: tuple[str | int, ...]
    if key is not None:
        where, params = "WHERE city = ? AND period = ? AND place = ? AND item_number = ?", (key.city, key.period, key.place, key.number)
    elif city is not None and period is not None:
        where, params = "WHERE city = ? AND period = ?", (city, period)
    else:
        where, params = "", ()
    return _resolve(conn, _read(conn, where, params))


def export_rows(conn: sqlite3.Connection, item_id: int, base: ItemColumns, departments: str) -> list[ExportRow]:
    """Export's rows of an item's current records that still have their indicator: ``source``
    录入, no percent, the status column saying 录入，未公布 (a recorded figure is not judged)."""
    from tui_shishi.store.views import ExportRow

    rows = []
    for r in item_records(conn, item_id) if has_table(conn) else ():
        if not r.current or r.indicator_id is None:
            continue
        detail = "；".join(p for p in (r.note, f"{r.recorded_by} {r.recorded_at}") if p)
        rows.append(ExportRow(
            *base, r.indicator_text, r.target_text, None, "", r.actual_display, r.actual_value, r.actual_unit, None,
            NOT_PUBLISHED, departments, r.as_of, "", f"{RECORDED} #{r.id}：{detail}", source=RECORDED,
        ))  # fmt: skip
    return rows


# ---------------------------------------------------------------- checking input


def parse_actual(text: str | float, unit: str = "") -> tuple[float, str]:
    """The figure typed and how to show it, in the indicator's ``unit``: ``8000`` → (8000,
    ``8000户``), ``1.2万`` → (12000, ``1.2万人``), ``8,000``, ``８０００``, ``12000人``. RecordRefused
    for anything else: words, a negative, a percent, a unit other than the indicator's."""
    from tui_shishi.parse.quantities import parse_quantity

    raw = " ".join(unicodedata.normalize("NFKC", str(text)).split())
    found = parse_quantity(raw) if raw else None
    if found is None or found.start != 0 or found.end != len(raw) or found.value is None or found.qualifier:
        raise RecordRefused(f"实际数字 {str(text).strip()!r} 不是数字（如 8000、1.2万）")
    if found.is_percent:
        raise RecordRefused(f"实际数字 {raw!r} 是百分比：请填写完成量（如 8000），不是占年计划的比例")
    if found.unit and unit and found.unit != unit:
        raise RecordRefused(f"实际数字 {raw!r} 的单位「{found.unit}」与指标目标的单位「{unit}」不同")
    value = float(found.value)
    if not math.isfinite(value) or value < 0:
        raise RecordRefused(f"实际数字 {raw!r} 不是有效数字")
    return value, raw if found.unit or not unit else f"{raw}{unit}"


def parse_as_of(text: str | dt.date | None, today: dt.date | None = None) -> dt.date:
    """``2025-06-30`` (empty: today); RecordRefused for anything else."""
    if isinstance(text, dt.date):
        return text
    raw = unicodedata.normalize("NFKC", text or "").strip()
    if not raw:
        return today or dt.date.today()
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise RecordRefused(f"日期 {raw!r} 无法识别（如 2025-06-30）") from None


@dataclass(frozen=True)
class _Draft:
    key: ItemKey
    indicator: int
    indicator_text: str
    target_text: str
    actual_value: float
    actual_unit: str
    actual_text: str
    as_of: str
    note: str
    supersedes: int | None
    item_id: int
    indicator_id: int


def _check(conn: sqlite3.Connection, key: ItemKey, indicator: int, actual, as_of, note: str, supersedes: int | None) -> _Draft:
    parse_actual(actual)  # words are refused first, in the order the form asks; the unit below
    day = parse_as_of(as_of)
    found = _item_id(conn, key)
    if found is None:
        raise RecordRefused(f"{key.name}: 数据库中没有这一件")
    item_id, year_start, year_end = found
    indicators = _indicators(conn, item_id)
    if not indicators:
        raise RecordRefused(f"{key.name} 没有指标，无法录入")
    if not 1 <= indicator <= len(indicators):
        raise RecordRefused(f"{key.name} 有 {len(indicators)} 个指标，没有第 {indicator} 个（--indicator 1…{len(indicators)}）")
    if year_start is not None:
        first, last = dt.date(year_start, 1, 1), dt.date(year_end or year_start, 12, 31)
        if not first <= day <= last:
            raise RecordRefused(f"截至日期 {day} 不在计划期 {first} 至 {last} 内")
    chosen = indicators[indicator - 1]
    if supersedes is not None:
        earlier = next(iter(_read(conn, "WHERE id = ?", (supersedes,))), None) if has_table(conn) else None
        if earlier is None:
            raise RecordRefused(f"没有编号为 #{supersedes} 的录入记录")
        (earlier,) = _resolve(conn, [earlier])
        if earlier.item_id != item_id or earlier.indicator_id != chosen.id:
            raise RecordRefused(
                f"#{supersedes} 是 {earlier.key.name} 第 {earlier.indicator} 个指标的录入，不是 {key.name} 第 {indicator} 个指标的"
            )
        if earlier.superseded_by is not None:
            raise RecordRefused(f"#{supersedes} 已被 #{earlier.superseded_by} 更正：请更正 #{earlier.superseded_by}")
    unit = chosen.target.unit if chosen.target else ""
    value, shown = parse_actual(actual, unit)
    one_line = " ".join((note or "").split())
    return _Draft(
        key, indicator, chosen.text, _target_text(chosen), value, unit, shown, day.isoformat(), one_line, supersedes, item_id, chosen.id
    )


# ---------------------------------------------------------------- writing


def _create_table(conn: sqlite3.Connection) -> None:
    for statement in _DDL:
        conn.execute(statement)


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no name for this uid (a container)
        return f"uid {os.getuid()}" if hasattr(os, "getuid") else "?"


def add_record(
    db_path: str | os.PathLike[str],
    key: ItemKey,
    indicator: int,
    actual: str | float,
    as_of: str | dt.date | None = None,
    note: str = "",
    supersedes: int | None = None,
    *,
    who: str | None = None,
    now: dt.datetime | None = None,
) -> Record:
    """Append one record to the database at ``db_path``; return it. RecordRefused (one line)
    when the input is bad, DatabaseError when the database cannot be used: nothing written.
    Checked read-only first, so a refusal never opens the file for writing."""
    from tui_shishi.store.build import transaction
    from tui_shishi.store.db import WRITE_WAIT_SECONDS, open_read, open_write, read_transaction
    from tui_shishi.store.handover import write_current

    db_path = Path(db_path)
    conn = open_read(db_path, thorough=True)
    try:
        with read_transaction(conn):
            _check(conn, key, indicator, actual, as_of, note, supersedes)
    finally:
        conn.close()
    by = who or _user()
    at = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc).isoformat(timespec="seconds")
    try:

        def write(conn: sqlite3.Connection) -> Record:
            with transaction(conn):  # on a file a rebuild replaced meanwhile: RetiredDatabase, written again
                _create_table(conn)
                d = _check(conn, key, indicator, actual, as_of, note, supersedes)  # another writer may have come first
                row: _Row = (d.key.city, d.key.period, d.key.place, d.key.number, d.indicator, d.indicator_text, d.target_text,
                             d.actual_value, d.actual_unit, d.actual_text, d.as_of, d.note, by, at, d.supersedes)  # fmt: skip
                cursor = conn.execute(f"INSERT INTO records ({_COLUMNS.removeprefix('id, ')}) VALUES ({','.join('?' * len(row))})", row)
                assert cursor.lastrowid is not None  # sqlite3 sets it on every INSERT
                return Record(cursor.lastrowid, *row, item_id=d.item_id, indicator_id=d.indicator_id)

        return write_current(lambda: open_write(db_path, validated=True), write, WRITE_WAIT_SECONDS)
    except sqlite3.IntegrityError as exc:  # the same record superseded by another process just now
        raise RecordRefused(f"{db_path}: 未写入（{str(exc).splitlines()[0]}）：该记录刚被另一条录入更正") from None
    except sqlite3.OperationalError as exc:  # locked past the timeout, disk full… — rolled back
        raise RecordRefused(f"{db_path}: 未写入（{str(exc).splitlines()[0]}）：请稍后重试") from None


def carry_over(old: str | os.PathLike[str] | sqlite3.Connection, new_conn: sqlite3.Connection) -> int:
    """Copy every record of the database ``old`` (a path or a connection) into ``new_conn`` (a
    rebuilt database), ids and all; return how many. Nothing when ``old`` does not exist or has
    no records. Records are never dropped: one that cannot be read stops the rebuild."""
    from tui_shishi.store.build import transaction
    from tui_shishi.store.db import DatabaseError

    if isinstance(old, sqlite3.Connection):
        source, close = old, False
    else:
        path = Path(old)
        if not path.is_file():
            return 0
        try:  # raw, not open_read: an older schema's database still has its records to give
            source, close = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True), True
        except sqlite3.Error as exc:
            raise DatabaseError(f"数据库 {path} 的录入记录无法读取（{exc}）；不替换它") from None
    try:
        try:
            if not has_table(source):
                return 0
            cursor = source.execute("SELECT * FROM records ORDER BY id")
            names = [d[0] for d in cursor.description]
            found = cursor.fetchall()
        except sqlite3.Error as exc:
            raise DatabaseError(f"数据库 {old} 的录入记录无法读取（{exc}）；不替换它") from None
    finally:
        if close:
            source.close()
    wanted = [n for n in names if n in _COLUMNS.split(", ")]
    sql = f"INSERT INTO records ({', '.join(wanted)}) VALUES ({','.join('?' * len(wanted))})"
    picks = [names.index(n) for n in wanted]

    def write() -> None:
        _create_table(new_conn)
        new_conn.executemany(sql, ([row[i] for i in picks] for row in found))

    if new_conn.in_transaction:
        write()
    else:
        with transaction(new_conn):
            write()
    return len(found)
