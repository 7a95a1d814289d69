"""What the commands print, the way grep and sqlite-utils print it.

* ``--json`` is ONE JSON document on every command: an object whose records are under a named
  key, with ``total`` counting them (``{"query": …, "total": 24, "hits": [...]}``);
  ``--jsonl`` (search, export) is one record per line, nothing else.
* On a pipe, one record per line, fields separated by tabs; nothing wraps, so a figure
  (``改造城镇老旧小区400个以上``) is never split. A summary or "还有 4 条" goes to stderr there,
  so that the records stay records; on a terminal it is the last line.
* No match exits 1 with one line on stderr (``没有找到：…``), like grep; an empty query is a
  usage error (exit 2, one line).

Imported by the commands only (rich is not loaded for ``shishi --help``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from collections.abc import Iterable, Sequence
from typing import IO, TYPE_CHECKING, Any

import click

from tui_shishi.safe_text import printable

if TYPE_CHECKING:
    from tui_shishi.store.views import DocumentFlags


class UsageLine(click.ClickException):
    """A command line that reads but asks for nothing (an empty query): one line, exit 2 (a
    newline or a tab in the query shown as its picture: the message stays one line)."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(printable(message, line=True))


class NoMatch(click.ClickException):
    """Nothing found: the message alone on stderr (no ``Error:``), exit 1, as grep; one line,
    whatever the query held (``shishi search $'0\n<'``)."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(printable(message, line=True))

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(self.format_message(), file=file or sys.stderr)


def is_tty(out: IO[str]) -> bool:
    return hasattr(out, "isatty") and out.isatty()


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def dumps(data: Any) -> str:
    """One JSON document, indented, Chinese kept readable (dates and dataclasses as plain values)."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=_plain)


def jsonl(records: Iterable[dict], out: IO[str]) -> None:
    """One compact JSON object per line."""
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False, default=_plain) + "\n")


_FIELD_BREAKS = str.maketrans({"\t": " ", "\n": " ", "\r": " "})


def line(out: IO[str], *fields: object) -> None:
    """One record: tab-separated fields, none holding a tab or a newline."""
    out.write("\t".join("" if f is None else str(f).translate(_FIELD_BREAKS) for f in fields) + "\n")


def more_words(shown: int, total: int) -> str:
    """``还有 4 条，用 --limit 24 查看全部`` when a list was cut, else ``""``."""
    rest = total - shown
    return f"还有 {rest} 条，用 --limit {total} 查看全部" if rest > 0 else ""


# ---------------------------------------------------------------- shishi search


def hits(out: IO[str], found: Sequence, query: str, total: int, limit: int, as_json: bool = False, as_jsonl: bool = False) -> None:
    """Print the hits (``store.search.Hit``) of ``query``; ``total`` is how many items match in all."""
    records = [
        {"city": h.city, "year": h.period, "item": h.number, "title": h.title, "field": h.field}
        | {"snippet": h.snippet, "marks": h.marks, "item_id": h.item_id}
        for h in found
    ]
    more = more_words(len(found), total)
    if as_json:
        out.write(dumps({"query": query, "total": total, "limit": limit, "hits": records}) + "\n")
    elif as_jsonl:
        jsonl(records, out)
    elif not is_tty(out):
        for h in found:
            line(out, h.city, h.period, "" if h.number is None else f"第{h.number}件", h.title, h.field, h.snippet)
    else:
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        from tui_shishi.cli_text import FigureText

        table = Table(title=f"{total} 件：{query}", title_justify="left")
        for column in ("城市", "年份", "件", "标题", "字段", "摘要"):
            table.add_column(column, no_wrap=column in ("城市", "年份", "件", "字段"))
        for h in found:
            snippet = Text(h.snippet)
            for start, end in h.marks:
                snippet.stylize("bold reverse", start, end)
            table.add_row(h.city, h.period, str(h.number or ""), FigureText(h.title), h.field, FigureText(snippet))
        console = Console(file=out, highlight=False)
        console.print(table)
        if more:
            console.print(more)
        return
    if more:  # on a pipe the records stay records: the note goes to stderr
        click.echo(more, err=True)


# ---------------------------------------------------------------- shishi check


def check_report(report: Sequence[DocumentFlags], out: IO[str] | None = None) -> None:
    """The flags of every document: tab lines on a pipe, a table on a terminal (figures whole)."""
    out = out or sys.stdout
    n_flags = sum(len(d.flags) for d in report)
    summary = f"共 {n_flags} 个问题，{len(report)} 个文档"
    if not is_tty(out):
        for doc in report:
            head = (doc.source_file, doc.city, doc.period, doc.kind)
            if not doc.flags:
                line(out, *head, "", "—", "无问题", "")
            for flag in doc.flags:
                line(out, *head, flag.item_number, flag.kind_label, flag.detail, flag.line)
        click.echo(summary, err=True)
        return
    from rich.console import Console
    from rich.table import Table

    from tui_shishi.cli_text import FigureText

    console = Console(file=out, highlight=False)
    for doc in report:
        table = Table(title=f"{doc.source_file}  {doc.city} {doc.period} {doc.kind}", title_justify="left")
        table.add_column("件", no_wrap=True, justify="right")
        table.add_column("问题", no_wrap=True)
        table.add_column("说明")  # wrapped between characters, never inside a figure
        table.add_column("行", no_wrap=True, justify="right")
        if not doc.flags:
            table.add_row("", "—", "无问题", "")
        for f in doc.flags:
            number = "" if f.item_number is None else f"第{f.item_number}件"
            table.add_row(number, f.kind_label, FigureText(f.detail), "" if f.line is None else f"第{f.line}行")
        console.print(table)
    console.print(summary)
