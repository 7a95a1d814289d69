"""Search: substring semantics, filters, pinyin, width folding, ranking, hostile input, CLI."""

from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

from tui_shishi.parse.text import fold
from tui_shishi.store import schema
from tui_shishi.store.db import open_read
from tui_shishi.store.search import Hit, SearchIndexMissing, count, parse_query, rebuild_index, search

# Three years, items in simplified and traditional script, full-width letters and brackets.
_DOC_2025 = (
    "年终捷报\n\n第1件：加快养老服务体系建设\n新增养老床位1000张（含AED配置）。\n\n"
    "第2件：老旧小区改造\n改造老旧小区35万平方米，修缮石桥。\n"
)


def _tiny(conn: sqlite3.Connection) -> sqlite3.Connection:
    schema.create(conn)
    x = conn.execute
    x(
        "INSERT INTO years (id, city, period, year_start, year_end) VALUES (1,'青岛','2025',2025,2025), (2,'淄博','2022-2024',2022,2024), (3,'青岛','2020',2020,2020)"
    )
    docs = [
        (1, 1, "青岛", "2025", _DOC_2025),
        (2, 2, "淄博", "2022-2024", "一、建設地鐵6號線\n在公共場所配置ＡＥＤ設備500台"),
        (3, 3, "青岛", "2020", "1.养老助餐\nHPV疫苗接种"),
    ]
    x_many = conn.executemany
    x_many("INSERT INTO documents (id, year_id, city, period, text, sha256) VALUES (?,?,?,?,?,?)", [(*d, str(d[0])) for d in docs])
    x_many(
        "INSERT INTO items (id, year_id, number, title, text, status, document_id, line) VALUES (?,?,?,?,?,?,?,?)",
        [
            (1, 1, 1, "加快养老服务体系建设", "", "达成", 1, 3),
            (2, 1, 2, "老旧小区改造", "", "进行中", 1, 6),
            (3, 2, 1, "建設地鐵6號線", "", "未报告", 2, 1),
            (4, 3, 1, "养老助餐", "", "定性", 3, 1),
        ],
    )
    x("INSERT INTO departments VALUES (1,'市民政局'), (2,'市住房城乡建设局')")
    x("INSERT INTO item_departments (item_id, department_id, role) VALUES (1,1,'lead'), (2,2,'lead'), (4,1,'co')")
    x_many(
        "INSERT INTO indicators (item_id, document_id, ordinal, text, line) VALUES (?,?,?,?,?)",
        [(1, 1, 1, "新增养老床位1000张（含AED配置）", 4), (3, 2, 1, "在公共場所配置ＡＥＤ設備500台", 2)],
    )
    x("INSERT INTO sentences (id, document_id, line, text) VALUES (1,1,7,'截至10月底，改造老旧小区35万平方米')")
    x("INSERT INTO observations (item_id, document_id, sentence_id, line) VALUES (2,1,1,7)")
    x("INSERT INTO milestones (item_id, document_id, ordinal, text, line) VALUES (2,1,1,'一季度启动桥梁维修',7)")
    conn.execute("BEGIN")
    rebuild_index(conn)  # inside the caller's transaction, as the importer calls it
    conn.execute("COMMIT")
    return conn


@pytest.fixture(scope="module")
def tiny() -> sqlite3.Connection:
    return _tiny(sqlite3.connect(":memory:", isolation_level=None))


def ids(conn, query, **kw) -> list[int]:
    return [h.item_id for h in search(conn, query, limit=1000, **kw)]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("桥", [2]),  # one character, in a milestone and in the source text
        ("养", [1, 4]),
        ("养老", [1, 4]),
        ("老旧小区", [2]),
        ("AED", [1, 3]),
        ("aed", [1, 3]),
        ("ＡＥＤ", [1, 3]),  # full-width query, half-width text and the reverse
        ("HPV", [4]),
        ("6号线", [3]),  # traditional 6號線 in the text
        ("地鐵", [3]),
        ("35万", [2]),
        ("（含", [1]),  # full-width bracket finds （ and (
        ("(含", [1]),
        ("（", [1]),  # punctuation alone: no bigram to look up, still exact
        ("年终捷报", []),  # headline before the first item belongs to no item
        ("修缮石桥", [2]),  # a source line between item 2's line and the end
        ("养老 助餐", [4]),  # all words must match
        ("养老 hpv", [4]),  # … anywhere in the same item
        ('"老旧小区 改造"', [2]),  # a space in a phrase: any spacing or punctuation, or none
        ('"平方米 修缮"', [2]),  # … here a full-width comma (平方米，修缮)
        ('"平方米修缮"', []),  # without the space: as typed
        ('"小区 老旧"', []),  # the words in their order
        ('"老旧小区改造"', [2]),
        ("养老床位1001", []),
    ],
)
def test_substring_semantics(tiny, query, expected):
    assert sorted(ids(tiny, query)) == sorted(expected)
    assert count(tiny, query) == len(expected)


def test_hits_mark_the_match_and_carry_the_item(tiny):
    (hit,) = search(tiny, "AED year:2022")
    assert isinstance(hit, Hit)
    assert (hit.city, hit.period, hit.number, hit.title, hit.field) == ("淄博", "2022-2024", 1, "建設地鐵6號線", "indicator")
    assert [hit.snippet[s:e] for s, e in hit.marks] == ["ＡＥＤ"]
    assert hit.document_id == 2 and hit.line == 2


def test_ranking_title_first_then_newer_years(tiny):
    hits = search(tiny, "养老")
    assert [(h.item_id, h.field) for h in hits] == [(1, "title"), (4, "title")]  # 2025 before 2020
    hits = search(tiny, "老旧小区")
    assert [h.field for h in hits] == ["title"]  # once, by its best hit
    fields = [h.field for h in search(tiny, "桥")]
    assert fields == ["milestone"]  # milestone outranks the source line


@pytest.mark.parametrize(
    "query, expected",
    [
        ("year:2025", [1, 2]),
        ("year:2023", [3]),  # inside the period 2022-2024
        ("year:2020-2023", [3, 4]),
        ("year:2021", []),
        ("city:青岛", [1, 2, 4]),
        ("city:淄博 配置", [3]),
        ("dept:民政局", [1, 4]),  # lead of 1, co-operating department of 4
        ("dept:民政局 year:2020", [4]),
        ("status:达成", [1]),
        ("status:达成|进行中", [1, 2]),
        ("status:定性 养老", [4]),
        ("城市：淄博", [3]),  # full-width colon, Chinese key
        ("status:完成", []),  # not a status: no item, and a problem to show
    ],
)
def test_filters(tiny, query, expected):
    assert sorted(ids(tiny, query)) == expected
    assert count(tiny, query) == len(expected)


def test_pinyin_full_and_initials_rank_below_direct_hits(tiny):
    for query in ("yanglao", "yl", "YangLao", "yangl"):
        hits = search(tiny, query)
        assert {h.item_id for h in hits} == {1, 4}, query
        assert all(h.rank > 3 for h in hits)
        assert all(h.snippet[s:e] == "养老" for h in hits for s, e in h.marks)
    assert ids(tiny, "mzj") == [1, 4]  # 民政局: department names carry pinyin too
    assert ids(tiny, "angla") == []  # pinyin starts at a syllable
    hits = search(tiny, "aed")
    assert [h.rank for h in hits] == [1, 1]  # the direct hits, not pinyin


def test_parse_query_reads_terms_phrases_filters_problems():
    q = parse_query('养老  "老旧 小区" year:2020-2023 city:青岛 dept:民政局 status:达成|进行中 ＡＥＤ')
    assert q.terms == ("养老", "aed")
    assert q.phrases == ("老旧 小区",)
    assert (q.year_from, q.year_to) == (2020, 2023)
    assert (q.cities, q.departments, q.statuses) == (("青岛",), ("民政局",), ("达成", "进行中"))
    assert q.problems == ()
    assert parse_query('"unclosed').problems and parse_query('"unclosed').phrases == ("unclosed",)
    assert parse_query("year:abc").problems
    # problems are shown to city staff as they are: plain Chinese, the typed value quoted
    assert parse_query('"养老').problems == ("引号未闭合，其后文字按一个词组搜索",)
    assert parse_query("year:abc").problems == ("“abc”不是年份，应写作2025或2020-2023",)
    assert parse_query("城市:").problems == ("“城市:”后面缺少内容",)
    assert parse_query("status:完成").problems[0].startswith("无“完成”状态，可选达成")
    assert parse_query("http://x").terms == ("http://x",)  # unknown key: plain text


HOSTILE = [
    "",
    "   ",
    '"',
    '""',
    '"""',
    "*",
    '"养"*',
    "AND",
    "OR NOT",
    "养 AND 老",
    "NEAR(养 老)",
    "NEAR(",
    "(",
    ")",
    "((养))",
    "\\",
    "\\\\'",
    "'; DROP TABLE items; --",
    "%",
    "_",
    "^养",
    "养:",
    ":",
    "year:",
    "year:9999999999999999999999",
    "😀",
    "养😀老",
    "\x00",
    "\u200b",
    "𠀀",
    "養" * 10_000,
    "a " * 5_000,
    "老" * 3 + "桥" * 10_000,
]


@pytest.mark.parametrize("query", HOSTILE)
def test_any_input_gives_results_or_nothing(tiny, query):
    hits = search(tiny, query)
    assert count(tiny, query) >= len(hits)
    assert all(isinstance(h, Hit) for h in hits)


def test_paging_is_consistent(tiny):
    everything = ids(tiny, "老")
    assert len(everything) >= 3
    assert ids(tiny, "老", offset=1) == everything[1:]
    assert [h.item_id for h in search(tiny, "老", limit=2)] == everything[:2]
    assert search(tiny, "老", limit=0) == []


def test_missing_index_is_a_clear_error():
    conn = sqlite3.connect(":memory:")
    schema.create(conn)
    with pytest.raises(SearchIndexMissing):
        search(conn, "养老")


def test_cli_json_lines(tiny, tmp_path):
    from tui_shishi.cli import main

    path = tmp_path / "tiny.db"
    target = sqlite3.connect(path)
    tiny.backup(target)
    target.close()
    result = CliRunner().invoke(main, ["--db", str(path), "search", "养老", "--jsonl", "--limit", "5"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["item"] for r in rows] == [1, 1]
    assert {"city", "year", "item", "title", "field", "snippet"} <= set(rows[0])
    assert rows[0]["year"] == "2025" and rows[0]["city"] == "青岛"
    plain = CliRunner().invoke(main, ["--db", str(path), "search", "year:2020-2023"])
    assert plain.exit_code == 0 and "淄博\t2022-2024\t第1件" in plain.output


# ---------------------------------------------------------------- the seed database


@pytest.fixture(scope="module")
def seed(seed_db) -> sqlite3.Connection:
    return open_read(seed_db)


def _brute_force(conn: sqlite3.Connection, needle: str) -> set[int]:
    """Items whose own rows (not the source lines) contain the folded needle: a LIKE-free scan."""
    texts = conn.execute(
        """SELECT id, title FROM items UNION ALL SELECT item_id, text FROM indicators
           UNION ALL SELECT item_id, text FROM milestones UNION ALL SELECT o.item_id, s.text FROM observations o JOIN sentences s ON s.id = o.sentence_id
           UNION ALL SELECT item_id, text FROM notes UNION ALL SELECT id, text FROM items
           UNION ALL SELECT d.item_id, p.name FROM item_departments d JOIN departments p ON p.id = d.department_id"""
    )
    return {item for item, text in texts if text and needle in fold(text)}


def _indexed(conn: sqlite3.Connection, needle: str) -> set[int]:
    return {item for item, folded in conn.execute("SELECT item_id, text FROM search_rows") if needle in fold(folded)}


@pytest.mark.parametrize("needle", ["桥", "养老", "老旧小区", "aed", "hpv", "6号线", "35万", "(", "%", "第", "1", "年"])
def test_seed_completeness_against_a_scan(seed, needle):
    found = {h.item_id for h in search(seed, needle, limit=100_000)}
    assert found == _indexed(seed, needle)
    assert found >= _brute_force(seed, needle)
    assert count(seed, needle) == len(found)


def test_seed_every_title_substring_is_found(seed):
    for item_id, title in seed.execute("SELECT id, title FROM items WHERE title != ''"):
        for size in (1, 2, 3, 5):
            needle = fold(title)[:size]
            assert item_id in {h.item_id for h in search(seed, needle, limit=100_000)}, needle


def test_seed_ranking_order(seed):
    hits = search(seed, "老", limit=100_000)
    assert len({h.item_id for h in hits}) == len(hits)
    assert [h.rank for h in hits] == sorted(h.rank for h in hits)


# ---------------------------------------------------------------- snippets and phrases


def test_the_snippet_is_centred_on_the_match():
    from tui_shishi.store.query_syntax import snippet_around

    text = "甲" * 100 + "立交桥" + "乙" * 100
    snippet, marks = snippet_around(text, [(101, 102)])
    ((start, end),) = marks
    assert snippet[start:end] == "交"  # (the span given, not a search)
    assert abs(start - (len(snippet) - end)) <= 2  # as much before it as after
    assert snippet.startswith("…") and snippet.endswith("…")
    tail = "甲" * 100 + "“立交桥”。"  # the match at the very end of a long sentence: shown
    snippet, marks = snippet_around(tail, [(103, 104)])
    assert snippet.endswith("“立交桥”。") and [snippet[s:e] for s, e in marks] == ["桥"]
    head = "立交桥" + "乙" * 100
    snippet, marks = snippet_around(head, [(2, 3)])
    assert snippet.startswith("立交桥") and marks == [(2, 3)]


@pytest.mark.parametrize("query", ["桥", "养老", "老旧小区", '"老旧 小区"', "6号线"])
def test_seed_every_direct_hit_shows_its_match_in_the_snippet(seed, query):
    import re

    hits = search(seed, query, limit=1000)
    needle = parse_query(query).needles[0].replace(" ", "")
    assert hits
    for hit in hits:
        if hit.rank < 4:  # (a pinyin hit marks the characters it spells)
            marked = [re.sub(r"[\W_]", "", fold(hit.snippet[s:e])) for s, e in hit.marks]
            assert marked and all(needle in m for m in marked), (hit.title, hit.snippet, marked)


def test_seed_a_phrase_with_a_space_finds_the_words_joined_or_apart(seed):
    joined = {h.item_id for h in search(seed, "老旧小区", limit=1000)}
    phrase = {h.item_id for h in search(seed, '"老旧 小区"', limit=1000)}
    assert joined and phrase >= joined
    assert count(seed, '"老旧 小区"') == len(phrase)
    assert search(seed, '"小区 老旧"', limit=1) == []  # the words in their order


def test_a_phrase_gap_is_spacing_or_punctuation_only():
    from tui_shishi.store.query_syntax import find_needle, match_spans

    assert find_needle("改造老旧小区35万", "老旧 小区") == (2, 6)
    assert find_needle("老旧、 小区", "老旧 小区") == (0, 6)
    assert find_needle("老旧的小区", "老旧 小区") is None  # a character between: not the phrase
    assert match_spans("老旧小区和老旧,小区", ("老旧 小区",)) == [(0, 4), (5, 10)]


def test_search_on_a_terminal_highlights_the_match(tiny, tmp_path, monkeypatch):
    import io

    from tui_shishi import cli_grep

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.delenv("NO_COLOR", raising=False)
    found = search(tiny, "石桥")
    out = Terminal()
    cli_grep.hits(out, found, "石桥", len(found), 20)
    assert found and "\x1b[1;7m石桥\x1b[0m" in out.getvalue()  # bold reverse: shows without colour too
    piped = io.StringIO()
    cli_grep.hits(piped, found, "石桥", len(found), 20)
    assert "\x1b" not in piped.getvalue() and "石桥" in piped.getvalue()


def test_an_index_without_the_characters_table_still_answers_one_character(seed_db, tmp_path):
    """A database indexed before the characters table existed (until its next import): a
    one-character needle is a prefix query on the bigrams, not an error."""
    import shutil

    copy = tmp_path / "older.db"
    shutil.copyfile(seed_db, copy)
    conn = sqlite3.connect(copy)
    before = {h.item_id for h in search(conn, "养", limit=1000)}
    conn.execute("DROP TABLE search_chars")
    conn.commit()
    after = {h.item_id for h in search(conn, "养", limit=1000)}
    assert after and after <= before
    assert count(conn, "养") == len(after)
    conn.close()


@pytest.mark.parametrize("needle", ["地铁", "aed设备", "公共场所", "(含aed", "配置aed"])
def test_folded_text_is_found_through_a_filter_and_counted(tiny, needle):
    """A filter leaving few items scans their rows in SQL: the stored fold (Traditional, full-width
    letters) and the text folded again (punctuation) find what the index finds without one."""
    unfiltered = {h.item_id for h in search(tiny, needle)}
    assert unfiltered, needle
    for city in ("淄博", "青岛"):
        filtered = {h.item_id for h in search(tiny, f"city:{city} {needle}")}
        wanted = {i for (i,) in tiny.execute("SELECT item_id FROM search_items WHERE city = ?", (city,))}
        assert filtered == unfiltered & wanted
    assert count(tiny, needle) == len(unfiltered)
