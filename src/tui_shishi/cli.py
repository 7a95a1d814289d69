"""The ``shishi`` command: open the app, build or import the database, check data quality.

Imports below the top are lazy on purpose: ``shishi --help`` and the app's start must not pay for
sqlite-utils, Textual or the parser when they are not used.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    import sqlite3  # at run time imported where used: `shishi --help` stays fast


def _fail(exc: Exception | str) -> click.ClickException:
    # One line on stderr, exit code 1: the message already names the file and the reason. A
    # newline in it (a file name's) is shown as ⏎, a control character as its picture.
    from tui_shishi.safe_text import printable

    return click.ClickException(printable(str(exc).strip(), line=True) if str(exc) else type(exc).__name__)


def _reason(exc: Exception) -> str:
    """An OS or SQLite error's reason in the command's words (Chinese when it is a known one)."""
    import sqlite3

    from tui_shishi.reasons import os_reason, sqlite_reason

    return os_reason(exc) if isinstance(exc, OSError) else sqlite_reason(exc) if isinstance(exc, sqlite3.Error) else str(exc)


def _db_option(ctx: click.Context) -> Path | None:
    return ctx.find_root().params.get("db_path")


class _Command(click.Group):
    """Whatever command raised it, an error the user can cause ends as ``_fail``'s one line
    (exit 1): a database that cannot be used or read (a failed read is explained: partial
    schema, damage found by quick_check and the command that repairs, another process
    writing), a refused import, a target that names nothing. Anything else is a bug and
    keeps its traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except Exception as exc:
            failure = _user_error(ctx, exc)
            if failure is None:
                raise
            raise failure from None


def _user_error(ctx: click.Context, exc: Exception) -> click.ClickException | None:
    import sqlite3

    from tui_shishi.store.build import ImportRefused
    from tui_shishi.store.db import DatabaseError, locate, read_failure
    from tui_shishi.store.reports import TargetNotFound

    if isinstance(exc, (DatabaseError, ImportRefused, TargetNotFound)):
        return _fail(exc)
    if isinstance(exc, sqlite3.Error):
        try:
            return _fail(read_failure(locate(_db_option(ctx)), exc))
        except DatabaseError as where:
            return _fail(where)
    return None


@click.group(cls=_Command, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="SHISHI_DB",
    show_envvar=True,
    help="Database file (default: data/shishi.db of the checkout, or the copy installed with the package).",
)
@click.option("--present", is_flag=True, help="Open the app in presentation mode (high contrast, large figures; p or Esc leaves it).")
@click.option("--tree", is_flag=True, help="Open the app on the tree instead of the home dashboard (o opens the dashboard).")
@click.pass_context
def main(ctx: click.Context, db_path: Path | None, present: bool, tree: bool) -> None:
    """Browse city 市办实事 (practical projects for the people): plans, targets and progress."""
    if ctx.invoked_subcommand is not None:
        from tui_shishi.safe_text import guard_stream

        guard_stream()  # whatever a command prints (data, file names, errors) shows no control character
        return
    # The installed `shishi` takes a faster path for this (tui_shishi.launch); this one serves
    # `python -c "from tui_shishi.cli import main; main()"` and the tests.
    from tui_shishi.store.db import DatabaseError, locate
    from tui_shishi.ui.app import run

    try:
        run(locate(db_path), present=present, home="browser" if tree else "overview")  # run opens the file read-only and validates it
    except DatabaseError as exc:
        raise _fail(exc) from None


def _print_summary(conn: sqlite3.Connection, path: Path) -> None:
    from tui_shishi.status import label
    from tui_shishi.store.check import summary

    click.echo(f"{path}")
    rows = summary(conn)
    if not rows:
        click.echo("  数据库为空：运行 `shishi build` 或 `shishi import 文件`")
    for row in rows:
        statuses = "，".join(f"{label(s)} {n}" for s, n in row.statuses.items())
        click.echo(f"  {row.city} {row.period}：{row.documents} 个文档，{row.items} 件（{statuses}），{row.flags} 个问题")


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
                raise click.UsageError("请用 --sources 目录 指定源文件（不在源码目录中运行，没有 data/sources/ 可用）")
            sources = root / "data" / "sources"
        docs = build_db(sources, path)
        conn = open_read(path)
    except (DatabaseError, ImportRefused) as exc:
        raise _fail(exc) from None
    except (OSError, sqlite3.OperationalError) as exc:  # e.g. a read-only directory
        raise _fail(f"数据库 {path} 构建失败，旧数据库保留（{_reason(exc)}）") from None
    flags = sum(len(d.all_flags()) for d in docs)
    click.echo(f"已构建 {path}：来自 {sources} 的 {len(docs)} 个文档，{flags} 个问题（见 `shishi check`）")
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
@click.option("--json", "as_json", is_flag=True, help="One JSON document: {total, documents: [...]}.")
@click.pass_context
def import_(ctx, files, city, year, kind, dry_run, as_json) -> None:
    """Import published documents: all files are parsed first, then written in one transaction.

    A document already in the database (same content) is refused: nothing is written.
    """
    from tui_shishi.store.build import ImportRefused, import_documents, parse_files
    from tui_shishi.store.check import preview
    from tui_shishi.store.db import DatabaseError, locate

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
            ids = import_documents(path, docs)  # a refusal leaves the file byte for byte as it was
        except (DatabaseError, ImportRefused) as exc:
            raise _fail(exc) from None
        for p, doc_id in zip(previews, ids):
            p["document_id"] = doc_id
    if as_json:  # one document, however many files: {total, documents: [...]}
        from tui_shishi.cli_grep import dumps

        click.echo(dumps({"total": len(previews), "documents": previews}))
        return
    from tui_shishi.words import kind_word

    verb = "将导入" if dry_run else "已导入"
    for p in previews:
        if p.get("already_imported"):
            click.echo(f"已导入过 {p['source_file']}：再次导入会被拒绝")
            continue
        indicators = sum(len(i["indicators"]) for i in p["items"])
        as_of = f"，截至 {p['as_of']}" if p["as_of"] else ""
        click.echo(
            f"{verb} {p['source_file']}：{p['city'] or '?'} {p['year']} {kind_word(p['kind'])}{as_of}，"
            f"{len(p['items'])} 件，{indicators} 个指标，{len(p['flags'])} 个问题"
        )
    if not dry_run:
        click.echo(f"已写入数据库 {path}")


def _mark_already_imported(ctx: click.Context, docs, previews: list[dict]) -> None:
    """A dry run tells which documents the database already holds (when there is one to read)."""
    from tui_shishi.store.build import document_sha256, imported
    from tui_shishi.store.db import DatabaseError, locate, open_read

    try:
        conn = open_read(locate(_db_option(ctx)))
    except DatabaseError:
        return  # no usable database: a dry run does not need one
    shas = [document_sha256(doc) for doc in docs]
    found = imported(conn, shas)
    for sha, p in zip(shas, previews):
        p["already_imported"] = sha in found
    conn.close()


@main.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON document: {total, flags, documents: [...]}.")
@click.pass_context
def check(ctx: click.Context, as_json: bool) -> None:
    """Data-quality report: the flags of every document, with the item numbers they concern.

    On a pipe one flag per line (file, city, period, kind, 件, flag, detail, line; tab-separated),
    the count on stderr; on a terminal a table per document. Each flag is named in plain Chinese
    (缺少编号); ``--json`` ({total, flags, documents: [...]}) keeps the machine ``kind``
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
        from tui_shishi.cli_grep import dumps

        flags = sum(len(d.flags) for d in report)
        click.echo(dumps({"total": len(report), "flags": flags, "documents": report}))
        return
    from tui_shishi.cli_grep import check_report

    check_report(report, sys.stdout)


@main.command("search")
@click.argument("query", nargs=-1)
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1), help="Items to show.")
@click.option("--json", "as_json", is_flag=True, help="One JSON document: {query, total, limit, hits: [...]}.")
@click.option("--jsonl", "as_jsonl", is_flag=True, help="One JSON object per hit and line (a stream).")
@click.pass_context
def search_(ctx: click.Context, query: tuple[str, ...], limit: int, as_json: bool, as_jsonl: bool) -> None:
    """Search the items' text: the app's / search, same syntax and ranking.

    Every word must be found in the item (any part of its text, from one character); a
    "quoted phrase" is one text, where a space may be a space, punctuation or nothing. Filters:
    year:, city:, dept:, status:. Pinyin and its initials find titles and departments.

    \b
    Examples:
      shishi search 养老
      shishi search 老旧小区 改造
      shishi search '"老旧 小区"'
      shishi search yanglao
      shishi search yl
      shishi search 养老 city:青岛 year:2020-2023
      shishi search dept:民政局 'status:达成|进行中'

    Like grep: no match exits 1 with 没有找到 on stderr; a list cut by --limit says how many
    more there are (stderr on a pipe, the last line on a terminal; ``total`` in JSON)."""
    from tui_shishi import cli_grep
    from tui_shishi.store.db import DatabaseError, locate, open_read
    from tui_shishi.store.search import SearchIndexMissing, count, parse_query, search

    text = " ".join(query).strip()
    if not text:
        raise cli_grep.UsageLine("搜索词为空：shishi search 养老（语法见 shishi search --help）")
    parsed = parse_query(text)
    if parsed.is_empty:  # only what cannot be read (year:abc, a lone quote)
        raise cli_grep.UsageLine(f"没有可搜索的内容：{text}" + (f"（{'；'.join(parsed.problems)}）" if parsed.problems else ""))
    try:
        conn = open_read(locate(_db_option(ctx)))
    except DatabaseError as exc:
        raise _fail(exc) from None
    try:
        hits = search(conn, parsed, limit=limit)
        total = max(count(conn, parsed), len(hits)) if len(hits) >= limit else len(hits)  # all of them only when cut
    except SearchIndexMissing as exc:
        raise _fail(exc) from None
    finally:
        conn.close()
    for problem in parsed.problems:
        click.echo(f"提示：{problem}", err=True)
    cli_grep.hits(sys.stdout, hits, text, total, limit, as_json=as_json, as_jsonl=as_jsonl)  # the guarded stdout
    if not hits:
        raise cli_grep.NoMatch(f"没有找到：{text}")


@main.command()
@click.argument("target")
@click.option("--json", "as_json", is_flag=True, help="Print the view as JSON.")
@click.pass_context
def show(ctx: click.Context, target: str, as_json: bool) -> None:
    """Show an item (青岛/2025/5), a year (青岛/2025) or a department (dept:市民政局)."""
    from tui_shishi.cli_render import show as show_target
    from tui_shishi.store.db import DatabaseError, locate, open_read, read_transaction
    from tui_shishi.store.reports import TargetNotFound

    try:
        conn = open_read(locate(_db_option(ctx)))
    except DatabaseError as exc:
        raise _fail(exc) from None
    try:
        with read_transaction(conn):  # a year's card and its items from one state of the database
            show_target(conn, target, as_json=as_json)
    except TargetNotFound as exc:
        raise _fail(exc) from None
    finally:
        conn.close()


@main.command()
@click.option("--city", help="Only this city (青岛).")
@click.option("--year", help="Only this period, or the period containing this year (2025, 2022-2024).")
@click.option("--theme", help="Only items of this theme (就业创业, 养老助残 …).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "json", "jsonl", "md", "xlsx"]),
    default="csv",
    show_default=True,
    help="json: one document {total, rows: [...]}; jsonl: one row per line; xlsx: a workbook (needs -o).",
)
@click.option("--jsonl", "as_jsonl", is_flag=True, help="Same as --format jsonl.")
@click.option("--excel", is_flag=True, help="CSV with the byte-order mark Excel needs to read UTF-8 (utf-8-sig).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE, not stdout.")
@click.pass_context
def export(ctx: click.Context, city, year, theme, fmt: str, as_jsonl: bool, excel: bool, output: Path | None) -> None:
    """Every indicator with target, actual, percent, status, departments and source sentence."""
    from tui_shishi.cli_grep import UsageLine
    from tui_shishi.safe_text import printable
    from tui_shishi.store.db import DatabaseError, locate, open_read
    from tui_shishi.store.export import export_rows, render
    from tui_shishi.store.files import write_text

    fmt = "jsonl" if as_jsonl else fmt
    if excel and fmt != "csv":
        raise UsageLine(f"--excel 只用于 CSV（--format csv），不用于 {fmt}")
    if fmt == "xlsx" and output is None:  # refused before anything is read: no binary on a terminal or pipe
        raise _fail(ValueError("xlsx 是二进制文件，不写到终端或标准输出：加 -o 文件名.xlsx"))
    try:
        conn = open_read(locate(_db_option(ctx)))
    except DatabaseError as exc:
        raise _fail(exc) from None
    try:
        rows = export_rows(conn, city=city, year=year, theme=theme)
    except KeyError:  # unknown theme
        from tui_shishi.themes import load_taxonomy

        known = "、".join(t.name for t in load_taxonomy())
        raise _fail(ValueError(f"没有主题「{theme}」；主题有：{known}")) from None
    except ValueError as exc:  # bad year
        raise _fail(exc) from None
    finally:
        conn.close()
    if not rows and (city or year or theme):
        raise _fail(ValueError("没有符合筛选条件的条目（--city / --year / --theme）"))
    try:
        if fmt == "xlsx":
            from tui_shishi.store.export_xlsx import write_xlsx

            assert output is not None  # xlsx without -o was refused above, before reading
            write_xlsx(rows, output, clean=printable)  # whole or not at all, as write_text
        else:
            text = printable(render(rows, fmt))  # a file gets no control character either
            if output is None:
                click.echo(("\ufeff" if excel else "") + text, nl=False)
                return
            write_text(output, text, encoding="utf-8-sig" if excel else "utf-8")  # a full disk keeps the old file
    except OSError as exc:
        raise _fail(ValueError(f"{output}：无法写入（{_reason(exc)}）")) from None
    click.echo(f"已写入 {len(rows)} 行：{output}", err=True)


@main.command()
@click.argument("target")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--size", default="120x40", show_default=True, help="Terminal size COLUMNSxROWS.")
@click.pass_context
def screenshot(ctx: click.Context, target: str, out: Path, size: str) -> None:
    """Render a view headless to an SVG file: overview, theme:养老助残, dept:市民政局, 青岛/2025, 青岛/2025/5."""
    from tui_shishi.store.db import DatabaseError, locate
    from tui_shishi.store.files import replacing
    from tui_shishi.ui.screenshot import ScreenshotError, parse_size
    from tui_shishi.ui.screenshot import screenshot as render

    try:
        columns_rows = parse_size(size)
        path = locate(_db_option(ctx))
        with replacing(out) as part:  # whole or not at all: no empty SVG, the old one kept
            render(path, target, part, columns_rows)
        written = out
    except (DatabaseError, ScreenshotError) as exc:
        raise _fail(exc) from None
    except OSError as exc:
        raise _fail(ValueError(f"{out}：无法写入（{_reason(exc)}）")) from None
    click.echo(f"已写入 {written}（{columns_rows[0]}x{columns_rows[1]}）")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every network).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--token", envvar="SHISHI_SERVE_TOKEN", help="Access token (default: a new random one per start).")
@click.option("--max-sessions", default=4, show_default=True, type=click.IntRange(1, 64), help="Browser sessions at once.")
@click.option("--public-url", metavar="URL", help="Where browsers reach the server (e.g. https://meeting.example/shishi).")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, token: str | None, max_sessions: int, public_url: str | None) -> None:
    """Serve the app in a web browser at http://HOST:PORT/?token=… until Ctrl+C or SIGTERM."""
    from tui_shishi.store.db import DatabaseError, locate, open_read
    from tui_shishi.ui.serve import serve as serve_app
    from tui_shishi.ui.serve_guard import ServeError

    try:
        path = locate(_db_option(ctx))
        open_read(path).close()  # fail here, not in every browser session
    except DatabaseError as exc:
        raise _fail(exc) from None

    def announce(url: str) -> None:
        # The URL last: a terminal's link detection would take a （ right after it into the link.
        click.echo(f"正在服务 {path}（最多 {max_sessions} 个会话；按 Ctrl+C 停止）：{url}")

    try:
        closed = serve_app(path, host=host, port=port, token=token, max_sessions=max_sessions, public_url=public_url, announce=announce)
    except ServeError as exc:
        raise _fail(exc) from None
    except OSError as exc:
        raise _fail(ValueError(f"无法在 {host}:{port} 监听（{_reason(exc)}）")) from None
    click.echo(f"已停止（关闭了 {closed} 个会话）")


# ---------------------------------------------------------------- progress over time (issue 11)


def _open_for_reading(ctx: click.Context) -> sqlite3.Connection:
    from tui_shishi.store.db import DatabaseError, locate, open_read

    try:
        return open_read(locate(_db_option(ctx)))
    except DatabaseError as exc:
        raise _fail(exc) from None


def _check_years(conn: sqlite3.Connection, city: str | None, year: str | None) -> None:
    from tui_shishi.store.progress import select_years

    if (city or year) and not select_years(conn, city, year):
        conn.close()
        raise _fail(ValueError("没有符合筛选条件的城市年度（--city / --year）"))


@main.command("behind")
@click.option("--city", help="Only this city (青岛).")
@click.option("--year", help="Only this period, or the period containing this year (2020, 2022-2024).")
@click.option("--dept", help="Only items of a department whose name contains this (民政局).")
@click.option("--sort", type=click.Choice(["gap", "dept", "date"]), default="gap", show_default=True)
@click.option("--on", "on", help="Judge on the reports dated up to this day only (2020-06-30 replays it).")
@click.option("--json", "as_json", is_flag=True, help="Print {behind: [...], qualitative: [...]} as JSON.")
@click.pass_context
def behind_(ctx: click.Context, city, year, dept, sort: str, on, as_json: bool) -> None:
    """The 滞后 list: indicators whose latest report is behind 序时进度, largest gap first; items
    whose latest report has no percent of plan (定性) are listed apart."""
    from tui_shishi import cli_progress
    from tui_shishi.store.progress import behind

    try:
        day = _on_date(on) if on else None
    except click.BadParameter as exc:
        raise _fail(ValueError(exc.message)) from None
    conn = _open_for_reading(ctx)
    _check_years(conn, city, year)
    try:
        rows = behind(conn, city=city, year=year, dept=dept, on=day, sort=sort)
    finally:
        conn.close()
    cli_progress.behind(rows, as_json=as_json)


def _days(value: str) -> int:
    text = value.strip().lower()
    scale = 7 if text.endswith("w") else 1
    number = text.rstrip("dw").strip()
    if not number.isdigit():
        raise click.BadParameter(f"{value!r}：天数应写作 30、30d 或 4w")
    return int(number) * scale


def _on_date(value: str | None):
    import datetime as dt

    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(f"{value!r}：日期应写作 2023-06-30") from None


@main.command("due")
@click.option("--within", default="30d", show_default=True, help="即将到期 when due within this many days (30d, 4w).")
@click.option("--on", "on", help="The date to judge on (default today; 2023-06-30 replays it).")
@click.option("--city", help="Only this city (青岛).")
@click.option("--year", help="Only this period, or the period containing this year.")
@click.option("--all", "show_all", is_flag=True, help="Every milestone, also 未到期, 已完成 and undated ones.")
@click.option("--json", "as_json", is_flag=True, help="Print the milestones as JSON.")
@click.pass_context
def due_(ctx: click.Context, within: str, on, city, year, show_all: bool, as_json: bool) -> None:
    """Milestones against a date: 到期未报 (due date passed, no report shows the item done) and
    即将到期 (due within --within); --all adds 未到期, 已完成 and 无日期."""
    from tui_shishi import cli_progress
    from tui_shishi.store.milestones import DUE_SOON, OVERDUE, due

    try:
        days, day = _days(within), _on_date(on)
    except click.BadParameter as exc:
        raise _fail(ValueError(exc.message)) from None
    conn = _open_for_reading(ctx)
    _check_years(conn, city, year)
    try:
        rows = due(conn, day, within_days=days, city=city, year=year)
    finally:
        conn.close()
    if not show_all:
        rows = [r for r in rows if r.state in (OVERDUE, DUE_SOON)]
    title = f"{day}：{len(rows)} 个节点" + ("" if show_all else f"（到期未报、{days}天内到期；--all 看全部）")
    cli_progress.due(rows, as_json=as_json, title=title)


@main.command("changes")
@click.argument("target")
@click.option("--json", "as_json", is_flag=True, help="Print the changes as JSON.")
@click.pass_context
def changes_(ctx: click.Context, target: str, as_json: bool) -> None:
    """What changed between a city-year's last two reports (青岛/2025): percent then → now,
    newly achieved, newly behind."""
    from tui_shishi import cli_progress
    from tui_shishi.store.changes import NotEnoughReports, changes
    from tui_shishi.store.reports import TargetNotFound, resolve_target

    conn = _open_for_reading(ctx)
    try:
        year = resolve_target(conn, target).year_ref(f"{target!r} 不是一个城市年度：应写作 城市/年份，如 青岛/2025")
        rows = changes(conn, year.city, year.period)
    except (TargetNotFound, NotEnoughReports) as exc:
        raise _fail(exc) from None
    finally:
        conn.close()
    cli_progress.changes(rows, f"{year.city} {year.period}", as_json=as_json)


# ---------------------------------------------------------------- recorded figures (录入)

from tui_shishi.cli_records import history, record  # noqa: E402  (imports only click at the top)

main.add_command(record)
main.add_command(history)
