"""Every search example a user is shown finds something in the database built from data/sources:
the README (its "Search syntax" paragraph and every ``shishi search …`` in it), the help of
``shishi search`` and the search panel's empty screen (its hints and the box's placeholder). An
example that finds nothing teaches the user that search is broken.

The README's one example of *no* match (``没有找到：city:北京``) is checked to find nothing."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from tui_shishi.cli import main
from tui_shishi.store.db import open_read
from tui_shishi.store.search import parse_query, search
from tui_shishi.ui.widgets.search_hits import EXAMPLES, HINTS, PLACEHOLDER

README = Path(__file__).resolve().parent.parent / "README.md"
_WORD = re.compile(r"\w")


def _is_query(span: str) -> bool:
    """A code span that is a query, not a placeholder of the syntax (``"…"``, ``/``)."""
    return bool(_WORD.search(span)) and span not in ("QUERY", '""')


def readme_examples(text: str) -> list[str]:
    """The code spans of the "Search syntax" paragraph and the arguments of every
    ``shishi search …`` (in code blocks and inline code), options left out."""
    examples: list[str] = []
    paragraph = re.search(r"^Search syntax.*?(?=\n\s*\n)", text, re.M | re.S)
    assert paragraph, "README.md has no 'Search syntax' paragraph"
    spans = re.findall(r"`([^`]+)`", paragraph.group(0))
    examples += [span for span in spans if _is_query(span) and not span.startswith("shishi ")]  # commands: below
    for command in re.findall(r"shishi search ([^`#\n]+)", text):
        command = re.sub(r"\[[^\]]*\]|--\w+(?:[ =]\d+)?", " ", command)  # options, [optional parts]
        words = [w for w in shlex.split(command) if _is_query(w)]
        if words:
            examples.append(" ".join(words))
    return list(dict.fromkeys(examples))


def help_commands() -> list[list[str]]:
    """The arguments of each ``shishi search …`` line of ``shishi search --help``, read as a
    shell reads them."""
    result = CliRunner().invoke(main, ["search", "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in result.output.splitlines() if line.strip().startswith("shishi search ")]
    return [shlex.split(line)[2:] for line in lines]


def help_examples() -> list[str]:
    return [" ".join(args) for args in help_commands()]  # the query the command makes of them


def hint_examples() -> list[str]:
    """Each query of the empty screen's hints (one per query, as each is meant to be typed) and
    of the box's placeholder (``搜索:养老  "老旧 小区"  …``: two spaces between examples)."""
    queries = [q for qs, _ in EXAMPLES for q in qs]
    placeholder = PLACEHOLDER.split(":", 1)[1]
    return list(dict.fromkeys([*queries, *(q.strip() for q in placeholder.split("  ") if q.strip())]))


def test_the_examples_are_found_where_the_user_reads_them():
    readme = readme_examples(README.read_text(encoding="utf-8"))
    assert {"养老", "yanglao", "city:青岛"} <= set(readme)
    helped = help_examples()
    assert len(helped) >= 5 and '"老旧 小区"' in helped  # the shell's quotes are gone, the query's kept
    hints = hint_examples()
    shown = "\n".join(HINTS)
    assert all(q in shown for qs, _ in EXAMPLES for q in qs)  # what the test runs is what is shown
    assert '"老旧 小区"' in hints and "养老" in hints and "city:青岛" in hints


def test_the_readme_extractor_reads_a_proposed_paragraph():
    text = 'Search syntax (`/`, `shishi search`): words (`桥`, `养老`); `"老旧 小区"` a phrase; `"…"`.\n\nnext\n'
    text += "```sh\nshishi search QUERY [--limit N] [--json | --jsonl]\nshishi search 养老 --limit 5\n```\n"
    assert readme_examples(text) == ["桥", "养老", '"老旧 小区"']


ALL = sorted(
    {("README.md", q) for q in readme_examples(README.read_text(encoding="utf-8"))}
    | {("shishi search --help", q) for q in help_examples()}
    | {("search panel hints", q) for q in hint_examples()}
)


@pytest.fixture(scope="module")
def seed(seed_db):
    conn = open_read(seed_db)
    yield conn
    conn.close()


@pytest.mark.parametrize(("where", "query"), ALL, ids=[f"{w}: {q}" for w, q in ALL])
def test_every_documented_example_finds_something(seed, where, query):
    parsed = parse_query(query)
    assert not parsed.problems, f"{where}: {query!r} reads with problems {parsed.problems}"
    hits = search(seed, parsed, limit=1)
    assert len(hits) >= 1, f"{where}: the example {query!r} finds nothing in a database built from data/sources"


def test_the_cli_runs_its_help_examples(seed_db):
    for args in help_commands():
        result = CliRunner().invoke(main, ["--db", str(seed_db), "search", *args, "--limit", "1"])
        assert result.exit_code == 0, f"shishi search {args}: exit {result.exit_code} {result.output}"


def test_the_readme_example_of_no_match_finds_nothing(seed):
    text = README.read_text(encoding="utf-8")
    said = re.findall(r"没有找到：([^`\s]+)", text)
    assert said, "README.md shows no 没有找到 example"
    for query in said:
        assert search(seed, query, limit=1) == [], f"README says {query!r} finds nothing"
