"""Web-page chrome the parser removed (热点新闻 links after the last item) is not searchable as
an item's source text; the item's own lines still are."""

from __future__ import annotations

from click.testing import CliRunner

from tui_shishi.cli import main


def search(db, *words):
    return CliRunner().invoke(main, ["--db", str(db), "search", *words])


def test_removed_chrome_is_found_in_no_item(seed_db):
    for words in ("黄金周", "热点新闻"):
        result = search(seed_db, words)
        assert result.exit_code == 1 and "没有找到" in result.stderr, (words, result.output)


def test_the_last_items_own_lines_are_still_found(seed_db):
    result = search(seed_db, "食品追溯")
    assert result.exit_code == 0 and "第113件" in result.stdout
