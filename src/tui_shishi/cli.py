"""The ``shishi`` command: open the app, build or import the database, check data quality.

Imports below the top are lazy on purpose: ``shishi --help`` and the app's start must not pay for
sqlite-utils, Textual or the parser when they are not used.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click


def _fail(exc: Exception) -> click.ClickException:
    # One line on stderr, exit code 1: the message already names the file and the reason.
    return click.ClickException(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)


def _db_option(ctx: click.Context) -> Path | None:
    return ctx.find_root().params.get("db_path")


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="SHISHI_DB",
    show_envvar=True,
    help="Database file (default: data/shishi.db of the checkout, or the copy installed with the package).",
)
@click.pass_context
def main(ctx: click.Context, db_path: Path | None) -> None:
    """Browse city 市办实事 (practical projects for the people): plans, targets and progress."""
    if ctx.invoked_subcommand is not None:
        return
    # The installed `shishi` takes a faster path for this (tui_shishi.launch); this one serves
    # `python -c "from tui_shishi.cli import main; main()"` and the tests.
    from tui_shishi.store.db import DatabaseError, locate
    from tui_shishi.ui.app import run

    try:
        run(locate(db_path))  # run opens the file read-only and validates it
    except DatabaseError as exc:
        raise _fail(exc) from None


def _print_summary(conn, path: Path) -> None:
    from tui_shishi.status import label
    from tui_shishi.store.check import summary

    click.echo(f"{path}")
    rows = summary(conn)
    if not rows:
        click.echo("  empty: run `shishi build` or `shishi import FILE`")
    for row in rows:
        statuses = ", ".join(f"{label(s)} {n}" for s, n in row["statuses"].items())
        click.echo(
            f"  {row['city']} {row['period']}: {row['documents']} document(s), {row['items']} items"
            f" ({statuses}), {row['flags']} flag(s)"
        )


@main.command()
@click.option(
    "--sources",
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory of published documents (default: data/sources/ of the checkout).",
)
@click.pass_context
def build(ctx: click.Context, sources: Path | None) -> None:
    """Rebuild the database from scratch from every file in the sources directory."""
    import sqlite3

    from tui_shishi.store.build import ImportRefused
    from tui_shishi.store.build import build as build_db
    from tui_shishi.store.db import DatabaseError, locate, open_read, repository_root

    try:
        path = locate(_db_option(ctx), for_writing=True)
        if sources is None:
            root = repository_root()
            if root is None:
                raise click.UsageError("give --sources DIR (no checkout to take data/sources/ from)")
            sources = root / "data" / "sources"
        docs = build_db(sources, path)
        conn = open_read(path)
    except (DatabaseError, ImportRefused) as exc:
        raise _fail(exc) from None
    except (OSError, sqlite3.OperationalError) as exc:  # e.g. a read-only directory
        raise _fail(f"{path}: build failed, old database kept ({exc})") from None
    flags = sum(len(d.all_flags()) for d in docs)
    click.echo(f"built {path} from {len(docs)} file(s) in {sources}: {flags} flag(s) (see `shishi check`)")
    _print_summary(conn, path)
    conn.close()


def _year(value: str | None) -> int | str | None:
    return int(value) if value and value.isdigit() else value


@main.command(name="import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--city", help="City, when the document does not say (青岛).")
@click.option("--year", help="Year or period, when the document does not say (2025, 2022-2024).")
@click.option("--kind", type=click.Choice(["announced", "plan", "tasks", "progress", "final", "unknown"]))
@click.option("--dry-run", is_flag=True, help="Parse and show what would be imported; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the documents as JSON.")
@click.pass_context
def import_(ctx, files, city, year, kind, dry_run, as_json) -> None:
    """Import published documents: all files are parsed first, then written in one transaction.

    A document already in the database (same content) is refused: nothing is written.
    """
    import sqlite3

    from tui_shishi.store.build import ImportRefused, parse_files, write_documents
    from tui_shishi.store.check import preview
    from tui_shishi.store.db import DatabaseError, locate, open_write

    try:
        docs = parse_files(list(files), city=city, year=_year(year), kind=kind)
    except ImportRefused as exc:
        raise _fail(exc) from None
    previews = [preview(doc) for doc in docs]
    if dry_run:
        _mark_already_imported(ctx, docs, previews)
    else:
        try:
            path = locate(_db_option(ctx), for_writing=True)
            existed = path.exists()
            conn = open_write(path, create=True)
        except DatabaseError as exc:
            raise _fail(exc) from None
        try:
            ids = write_documents(conn, docs)
        except (ImportRefused, sqlite3.OperationalError) as exc:
            # OperationalError: another writer holds the lock (10 s), disk full… — rolled back
            conn.close()
            if not existed:
                _remove_new_database(path)
            raise _fail(exc if isinstance(exc, ImportRefused) else f"{path}: nothing written ({exc})") from None
        conn.close()
        for p, doc_id in zip(previews, ids):
            p["document_id"] = doc_id
    if as_json:
        data = previews[0] if len(previews) == 1 else previews
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    verb = "would import" if dry_run else "imported"
    for p in previews:
        if p.get("already_imported"):
            click.echo(f"already imported {p['source_file']}: importing it would fail")
            continue
        indicators = sum(len(i["indicators"]) for i in p["items"])
        as_of = f" as of {p['as_of']}" if p["as_of"] else ""
        click.echo(
            f"{verb} {p['source_file']}: {p['city'] or '?'} {p['year']} {p['kind']}{as_of},"
            f" {len(p['items'])} items, {indicators} indicators, {len(p['flags'])} flag(s)"
        )
    if not dry_run:
        click.echo(f"into {path}")


def _mark_already_imported(ctx: click.Context, docs, previews: list[dict]) -> None:
    """A dry run tells which documents the database already holds (when there is one to read)."""
    from tui_shishi.store.build import document_sha256
    from tui_shishi.store.db import DatabaseError, locate, open_read

    try:
        conn = open_read(locate(_db_option(ctx)))
    except DatabaseError:
        return  # no usable database: a dry run does not need one
    for doc, p in zip(docs, previews):
        row = conn.execute("SELECT id FROM documents WHERE sha256 = ?", (document_sha256(doc),)).fetchone()
        p["already_imported"] = row is not None
    conn.close()


def _remove_new_database(path: Path) -> None:
    # The import created this file and then failed: leave no empty database behind.
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        p.unlink(missing_ok=True)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_context
def check(ctx: click.Context, as_json: bool) -> None:
    """Data-quality report: the flags of every document, with the item numbers they concern.

    The table names each flag in plain Chinese (缺少编号); ``--json`` keeps the machine ``kind``
    (missing_items) and adds it in words as ``kind_label``."""
    from tui_shishi.store.check import flag_report
    from tui_shishi.store.db import DatabaseError, locate, open_read

    try:
        conn = open_read(locate(_db_option(ctx)), thorough=True)
    except DatabaseError as exc:
        raise _fail(exc) from None
    report = flag_report(conn)
    conn.close()
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Data quality: flags per document", show_lines=False)
    for column in ("document", "件", "flag", "detail", "line"):
        table.add_column(column, overflow="fold")
    for doc in report:
        name = f"{doc['source_file']}\n{doc['city']} {doc['period']} {doc['kind']}"
        if not doc["flags"]:
            table.add_row(name, "", "—", "no flags", "")
        for n, flag in enumerate(doc["flags"]):
            table.add_row(
                name if n == 0 else "",
                "" if flag["item_number"] is None else str(flag["item_number"]),
                flag["kind_label"],
                flag["detail"],
                "" if flag["line"] is None else str(flag["line"]),
            )
        table.add_section()
    Console(file=sys.stdout).print(table)
    total = sum(len(d["flags"]) for d in report)
    click.echo(f"{total} flag(s) in {len(report)} document(s)")


@main.command("search")
@click.argument("query", nargs=-1)
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1), help="Items to show.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line: city, year, item, title, field, snippet.")
@click.pass_context
def search_(ctx: click.Context, query: tuple[str, ...], limit: int, as_json: bool) -> None:
    """Search the text: 养老, "老旧 小区", yanglao, yl, year:2020-2023 city:青岛 dept:民政局 status:达成|进行中."""
    from tui_shishi.store.db import DatabaseError, locate, open_read
    from tui_shishi.store.search import SearchIndexMissing, parse_query, search

    parsed = parse_query(" ".join(query))
    try:
        conn = open_read(locate(_db_option(ctx)))
        hits = search(conn, parsed, limit=limit)
    except (DatabaseError, SearchIndexMissing) as exc:
        raise _fail(exc) from None
    conn.close()
    for problem in parsed.problems:
        click.echo(f"note: {problem}", err=True)
    if as_json:
        for h in hits:
            row = {"city": h.city, "year": h.period, "item": h.number, "title": h.title, "field": h.field}
            row |= {"snippet": h.snippet, "marks": h.marks, "item_id": h.item_id}
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    if not sys.stdout.isatty():
        for h in hits:
            click.echo(f"{h.city}\t{h.period}\t第{h.number}件\t{h.title}\t{h.field}\t{h.snippet}")
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    more = " (first page: --limit for more)" if len(hits) == limit else ""
    table = Table(title=f"{len(hits)} item(s) for {' '.join(query)!r}{more}")
    for column in ("city", "year", "件", "title", "field", "snippet"):
        table.add_column(column, overflow="fold")
    for h in hits:
        snippet = Text(h.snippet)
        for start, end in h.marks:
            snippet.stylize("bold reverse", start, end)
        table.add_row(h.city, h.period, str(h.number or ""), h.title, h.field, snippet)
    Console(file=sys.stdout).print(table)


@main.command()
@click.argument("target")
@click.option("--json", "as_json", is_flag=True, help="Print the view as JSON.")
@click.pass_context
def show(ctx: click.Context, target: str, as_json: bool) -> None:
    """Show an item (青岛/2025/5), a year (青岛/2025) or a department (dept:市民政局)."""
    from tui_shishi.cli_render import show as show_target
    from tui_shishi.store.db import DatabaseError, locate, open_read
    from tui_shishi.store.reports import TargetNotFound

    try:
        conn = open_read(locate(_db_option(ctx)))
    except DatabaseError as exc:
        raise _fail(exc) from None
    try:
        show_target(conn, target, as_json=as_json)
    except TargetNotFound as exc:
        raise _fail(exc) from None
    finally:
        conn.close()


@main.command()
@click.option("--city", help="Only this city (青岛).")
@click.option("--year", help="Only this period, or the period containing this year (2025, 2022-2024).")
@click.option("--theme", help="Only items of this theme (就业创业, 养老助残 …).")
@click.option("--format", "fmt", type=click.Choice(["csv", "json", "md"]), default="csv", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE, not stdout.")
@click.pass_context
def export(ctx: click.Context, city, year, theme, fmt: str, output: Path | None) -> None:
    """Every indicator with target, actual, percent, status, departments and source sentence."""
    from tui_shishi.store.db import DatabaseError, locate, open_read
    from tui_shishi.store.export import export_rows, render

    try:
        conn = open_read(locate(_db_option(ctx)))
    except DatabaseError as exc:
        raise _fail(exc) from None
    try:
        rows = export_rows(conn, city=city, year=year, theme=theme)
    except KeyError as exc:  # unknown theme: the message lists the known ones
        raise _fail(ValueError(exc.args[0])) from None
    finally:
        conn.close()
    if not rows and (city or year or theme):
        raise _fail(ValueError("no items match the filters given (--city / --year / --theme)"))
    text = render(rows, fmt)
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise _fail(ValueError(f"{output}: cannot write ({exc.strerror})")) from None
    click.echo(f"wrote {len(rows)} row(s) to {output}", err=True)


@main.command()
@click.argument("target")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--size", default="120x40", show_default=True, help="Terminal size COLUMNSxROWS.")
@click.pass_context
def screenshot(ctx: click.Context, target: str, out: Path, size: str) -> None:
    """Render a view headless to an SVG file: overview, theme:养老助残, dept:市民政局, 青岛/2025, 青岛/2025/5."""
    from tui_shishi.store.db import DatabaseError, locate
    from tui_shishi.ui.screenshot import ScreenshotError, parse_size
    from tui_shishi.ui.screenshot import screenshot as render

    try:
        columns_rows = parse_size(size)
        path = locate(_db_option(ctx))
        written = render(path, target, out, columns_rows)
    except (DatabaseError, ScreenshotError) as exc:
        raise _fail(exc) from None
    except OSError as exc:
        raise _fail(ValueError(f"{out}: cannot write ({exc.strerror})")) from None
    click.echo(f"wrote {written} ({columns_rows[0]}x{columns_rows[1]})")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int) -> None:
    """Serve the app in a web browser (textual-serve) at http://HOST:PORT."""
    from tui_shishi.store.db import DatabaseError, locate, open_read
    from tui_shishi.ui.serve import serve as serve_app

    try:
        path = locate(_db_option(ctx))
        open_read(path).close()  # fail here, not in every browser session
    except DatabaseError as exc:
        raise _fail(exc) from None
    click.echo(f"serving {path} at http://{host}:{port} (Ctrl+C to stop)")
    serve_app(path, host=host, port=port)
