"""``shishi record`` and ``shishi history``: figures staff record that no document has published
(store/records.py), and their trail. Also how ``shishi show`` lists them, always marked 录入.

Only click is imported at the top: ``shishi --help`` must stay fast.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    import sqlite3

    from rich.console import RenderableType

    from tui_shishi.store.records import ItemKey, Record
    from tui_shishi.store.views import ItemDetail, ItemRow


def _fail(exc: Exception | str) -> click.ClickException:
    from tui_shishi.cli import _fail as fail

    return fail(exc)


def _db(ctx: click.Context) -> Path | None:
    return ctx.find_root().params.get("db_path")


# ---------------------------------------------------------------- words shared with `show`


def indicator_label(record: Record, positions: dict[int, int] | None = None) -> str:
    """``指标3 完成适老化改造1万户以上``; a record whose indicator is gone: ``「无对应指标」 (原指标2 …)``."""
    from tui_shishi.store.records import NO_INDICATOR

    if record.indicator_id is None:
        return f"{NO_INDICATOR} (原指标{record.indicator} {record.indicator_text})"
    n = (positions or {}).get(record.indicator_id, record.indicator)
    return f"指标{n} {record.indicator_text}"


def record_line(record: Record, positions: dict[int, int] | None = None, *, trail: bool = False) -> str:
    """One record in one line: ``#2 [录入] 指标3 … 实际 8000户 截至2025-06-30 · 民政局月报 · alice 2025-07-01T…``."""
    from tui_shishi.store.records import RECORDED

    parts = [f"#{record.id} [{RECORDED}] {indicator_label(record, positions)}", f"实际 {record.actual_display}", f"截至{record.as_of}"]
    line = "  ".join(parts)
    if record.note:
        line += f" · {record.note}"
    line += f" · {record.recorded_by} {record.recorded_at}"
    if record.supersedes is not None:
        line += f" · 更正 #{record.supersedes}"
    if trail and record.superseded_by is not None:
        line += f" · 〔已被 #{record.superseded_by} 更正〕"
    return line


def records_renderable(records: Sequence[Record], detail: ItemDetail) -> RenderableType:
    """The records of an item for ``shishi show``: current ones, apart from the published table."""
    from rich.console import Group
    from rich.text import Text

    positions = {ind.id: n for n, ind in enumerate(detail.indicators, start=1)}
    current = [r for r in records if r.current]
    lines = [Text("录入（未公布，不计入状态）：", style="bold magenta")]
    lines += [Text(f"  {record_line(r, positions)}") for r in current]
    older = len(records) - len(current)
    if older:
        lines.append(Text(f"  另有 {older} 条已被更正（shishi history 看全部）", style="dim"))
    return Group(*lines)


def record_json(record: Record) -> dict:
    from dataclasses import asdict

    from tui_shishi.store.records import RECORDED

    return {"source": RECORDED, **asdict(record), "actual": record.actual_display}


# ---------------------------------------------------------------- shishi record


@click.command("record")
@click.argument("target")
@click.option("--indicator", "-i", "indicator", type=int, required=True, help="The indicator's number in the item (1, 2 …).")
@click.option("--actual", required=True, help="The figure (8000), in the indicator's unit.")
@click.option("--as-of", "as_of", help="The date the figure is as of (2025-06-30; default today).")
@click.option("--note", default="", help="Where the figure comes from (民政局月报).")
@click.option("--supersedes", type=int, help="The id of an earlier record of this indicator that this one corrects.")
@click.option("--json", "as_json", is_flag=True, help="Print the record as JSON.")
@click.pass_context
def record(
    ctx: click.Context, target: str, indicator: int, actual: str, as_of: str | None, note: str, supersedes: int | None, as_json: bool
) -> None:
    """Record a figure not (yet) published for an item's indicator: 青岛/2025/5 -i 2 --actual 8000.

    Append-only: a correction is a new record with --supersedes ID. Shown as 录入, never as a
    published figure, and it does not change any status."""
    from tui_shishi.store.db import locate, open_read, read_transaction
    from tui_shishi.store.records import NOT_PUBLISHED, RecordRefused, add_record
    from tui_shishi.store.reports import resolve_target

    path = locate(_db(ctx), for_writing=True)
    conn = open_read(path)
    try:
        with read_transaction(conn):
            item = resolve_target(conn, target).item_row(f"{target}：录入要指明一件事项，如 青岛/2025/5")
            key = _item_key(conn, item)
    finally:
        conn.close()
    try:
        made = add_record(path, key, indicator, actual, as_of, note, supersedes)
    except RecordRefused as exc:
        raise _fail(exc) from None
    if as_json:
        import json

        click.echo(json.dumps(record_json(made), ensure_ascii=False, indent=2))
        return
    click.echo(f"{key.name}  {record_line(made)}")
    click.echo(f"（{NOT_PUBLISHED}：不改变状态）已写入数据库 {path}")


# ---------------------------------------------------------------- shishi history


def _item_key(conn: sqlite3.Connection, item: ItemRow) -> ItemKey:
    """The key of an item ``resolve_target`` found, in the same read transaction."""
    from tui_shishi.store.records import item_key
    from tui_shishi.store.reports import TargetNotFound

    key = item_key(conn, item.item_id)
    if key is None:  # not after resolve_target in one read transaction; said as it would say it
        raise TargetNotFound(f"{item.city} {item.period} 没有第{item.number}件")
    return key


def _named(conn: sqlite3.Connection, target: str) -> list[Record]:
    """Records named by ``CITY/YEAR[/N]`` when the database no longer has that year or item."""
    from tui_shishi.parse.text import fold
    from tui_shishi.store.records import key_records

    parts = [p.strip() for p in fold(target).replace("／", "/").split("/")]
    if len(parts) not in (2, 3):
        return []
    number = parts[2].removeprefix("第").removesuffix("件") if len(parts) == 3 else None
    return [
        r
        for r in key_records(conn)
        if fold(r.city) == parts[0] and fold(r.period) == parts[1] and (number is None or str(r.item_number) == number)
    ]


def _history(conn: sqlite3.Connection, target: str | None) -> tuple[list[Record], str]:
    from tui_shishi.store.records import key_records
    from tui_shishi.store.reports import TargetNotFound, resolve_target

    if not target:
        return key_records(conn), "全部录入"
    try:
        found = resolve_target(conn, target)
    except TargetNotFound:
        gone = _named(conn, target)  # kept through a rebuild that dropped the year or the item
        if not gone:
            raise
        return gone, target
    if found.kind == "item":
        item = found.item_row()
        key = _item_key(conn, item)
        return key_records(conn, key), f"{key.name} {item.title}"
    if found.kind == "year":
        year = found.year_ref()
        (place,) = conn.execute("SELECT coalesce(place, '') FROM years WHERE id = ?", (year.year_id,)).fetchone()
        found_records = [r for r in key_records(conn, city=year.city, period=year.period) if r.place == place]
        return found_records, f"{year.city} {year.period}"
    raise TargetNotFound(f"{target}：请指明一件事项（青岛/2025/5）或一个城市年度（青岛/2025）")


@click.command("history")
@click.argument("target", required=False)
@click.option("--json", "as_json", is_flag=True, help="One JSON document: {target, total, superseded, records: [...]}.")
@click.pass_context
def history(ctx: click.Context, target: str | None, as_json: bool) -> None:
    """The trail of recorded figures of an item (青岛/2025/5), a city-year, or all: every record,
    superseded ones marked, those whose indicator a rebuild no longer has as 「无对应指标」."""
    from tui_shishi.store.db import locate, open_read, read_transaction
    from tui_shishi.store.records import NOT_PUBLISHED

    conn = open_read(locate(_db(ctx)))
    try:
        with read_transaction(conn):
            found, title = _history(conn, target)
    finally:
        conn.close()
    if as_json:
        import json

        data = {"target": target or "", "total": len(found), "superseded": sum(1 for r in found if not r.current)}
        click.echo(json.dumps({**data, "records": [record_json(r) for r in found]}, ensure_ascii=False, indent=2))
        return
    superseded = sum(1 for r in found if not r.current)
    click.echo(f"{title}：{len(found)} 条录入" + (f"，{superseded} 条已被更正" if superseded else "") + f"（{NOT_PUBLISHED}）")
    key = None
    for r in found:
        if r.key != key and not (target and len(target.replace("／", "/").split("/")) == 3):
            click.echo(f"{r.key.name}")
        key = r.key
        click.echo(f"  {record_line(r, trail=True)}")
