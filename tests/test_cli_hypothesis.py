"""Any arguments to any read command: a result or a one-line error, never a traceback."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tui_shishi.cli import main

# Commands that read (or, with --dry-run, only parse): `build`, `import`, `record` and `serve`
# write or listen, and no subcommand at all opens the app.
COMMANDS = ["show", "search", "export", "check", "behind", "due", "changes", "history", "screenshot"]

PIECES = st.sampled_from(
    [
        "青岛", "青岛/2025", "青岛/2025/1", "青岛/2025/99999999999999999999", "淄博/2022-2024/3", "/", "//", "青岛//",
        "dept:", "dept:市财政局", "theme:就业创业", "overview", "overview:青岛/2025", "city:青岛|淄博", "year:2025-2020",
        "status:达成", "--json", "--jsonl", "--limit", "0", "-1", "99999999999999999999999", "--city", "--year",
        "--format", "csv", "md", "xlsx", "json", "--on", "2025-02-30", "2025-06-30", "--within", "4w", "x0d",
        "--size", "5x5", "120x40", "--all", "--sort", "gap", "--dept", "\x1b]0;t\x07", "\u202e", "\x00", "'", '"', "*",
        "%", "--", "-", "--help",
    ]
)  # fmt: skip
ARGS = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=5)


@pytest.fixture(scope="module")
def db(tmp_path_factory, seed_db):
    path = tmp_path_factory.mktemp("hyp") / "shishi.db"
    shutil.copy(seed_db, path)
    return path


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(command=st.sampled_from(COMMANDS), args=ARGS)
@example(command="search", args=["0\n<"])  # a query of two lines: 没有找到 still says it on one
def test_any_arguments_give_a_result_or_one_line(db, tmp_path_factory, command, args):
    if command == "screenshot":  # its output file goes to a scratch folder, never the checkout
        args = [*args[:1], str(tmp_path_factory.mktemp("shot") / "out.svg"), *args[1:]]
    if "\x00" in "".join(args):
        args = [a.replace("\x00", "") for a in args]  # no OS passes a NUL in an argument
    result = CliRunner().invoke(main, ["--db", str(db), command, *args])
    assert result.exit_code in (0, 1, 2), (command, args, result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), (command, args, repr(result.exception))
    assert "Traceback" not in result.output
    if result.exit_code == 1:
        # 提示：… lines are hints about the query (search), not errors
        errors = [line for line in result.stderr.splitlines() if line.strip() and not line.startswith("提示：")]
        assert len(errors) <= 1, (command, args, errors)
