"""Rules of the search box's language (store/query_syntax.py) as a user types it, each pinned by a
case the older tests left open (found by mutation testing, `make mutate`). No database."""

from __future__ import annotations

import pytest

from tui_shishi.store.query_syntax import (
    Query,
    bigram_tokens,
    char_tokens,
    contains,
    fast_fold,
    filter_sql,
    find_needle,
    is_pinyin,
    match_expression,
    match_spans,
    parse_query,
    pinyin_columns,
    pinyin_span,
    probe,
    snippet_around,
    syllables,
)

# --------------------------------------------------------------------------- filters


@pytest.mark.parametrize("text", ["city:青岛|淄博", "city:青岛,淄博", "city:青岛，淄博", "city:青岛、淄博", "城市:青岛|淄博"])
def test_city_alternatives_are_split(text):
    assert parse_query(text).cities == ("青岛", "淄博")


def test_department_alternatives_are_split_and_every_key_spelling_counts():
    assert parse_query("dept:民政局|人社局").departments == ("民政局", "人社局")
    assert parse_query("dept:民政局 部门:人社 单位:财政 department:教育").departments == ("民政局", "人社", "财政", "教育")


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("year:2023-2020", (2020, 2023)),  # reversed: read as the same range
        ("year:2020-2023", (2020, 2023)),
        ("year:2020~2023", (2020, 2023)),
        ("year:2020至2023", (2020, 2023)),
        ("year:2020到2023", (2020, 2023)),
        ("year:2020—2023", (2020, 2023)),
        ("year:2025", (2025, 2025)),
        ("year：２０２５", (2025, 2025)),  # full-width colon and digits
        ("年:2024", (2024, 2024)),
        ("年份:2024", (2024, 2024)),
        ("状态:达成 year:2021", (2021, 2021)),
    ],
)
def test_year_filter(text, years):
    q = parse_query(text)
    assert (q.year_from, q.year_to) == years and q.problems == ()


def test_a_year_that_is_not_a_year_is_said_and_ignored():
    q = parse_query("year:abc 养老")
    assert q.problems == ("“abc”不是年份，应写作2025或2020-2023",)
    assert (q.year_from, q.year_to) == (None, None) and q.terms == ("养老",)
    assert parse_query("year:20255").problems == ("“20255”不是年份，应写作2025或2020-2023",)


def test_an_empty_filter_is_said():
    assert parse_query("year:").problems == ("“year:”后面缺少内容",)
    assert parse_query("city: 养老").problems == ("“city:”后面缺少内容",)
    assert parse_query("city: 养老").terms == ("养老",)


def test_status_filter_names_the_unknown_status_and_the_choices():
    q = parse_query("status:达成|完成")
    assert q.statuses == ("达成", "完成")
    assert q.problems == ("无“完成”状态，可选达成|进行中|定性|未报告",)
    assert parse_query("状态:进行中,未报告").statuses == ("进行中", "未报告")
    assert parse_query("status:定性").problems == ()


def test_an_unknown_key_is_searched_as_text():
    q = parse_query("foo:bar 养老")
    assert q.terms == ("foo:bar", "养老") and not q.has_filters


# --------------------------------------------------------------------------- words and phrases


def test_phrases_keep_one_space_for_any_spacing():
    q = parse_query('"老旧  小区" 养老')
    assert q.phrases == ("老旧 小区",) and q.terms == ("养老",)
    assert parse_query('"  "').phrases == ()


def test_a_quote_may_start_inside_a_word():
    q = parse_query('a"b c"')
    assert (q.terms, q.phrases) == (("a",), ("b c",))


def test_an_unclosed_quote_is_searched_as_a_phrase_and_said():
    q = parse_query('"养老 服务')
    assert q.phrases == ("养老 服务",) and q.problems == ("引号未闭合，其后文字按一个词组搜索",)


def test_a_filter_value_may_be_quoted():
    q = parse_query('dept:"市 民政局" x')
    assert q.departments == ("市 民政局",) and q.terms == ("x",)
    unclosed = parse_query('city:"青岛')
    assert unclosed.cities == ("青岛",) and unclosed.problems == ("引号未闭合，其后文字按一个词组搜索",)


def test_a_query_that_is_not_text_is_read_as_text():
    assert parse_query(None) == Query(text="")
    assert parse_query(2025).terms == ("2025",)


def test_needles_longest_first_without_repeats():
    q = parse_query('养老 "老旧 小区" 养老服务 养老')
    assert q.needles == ("老旧 小区", "养老服务", "养老")


def test_empty_and_filter_only_queries():
    assert parse_query("").is_empty and not parse_query("").has_filters
    assert parse_query("year:2020").has_filters and not parse_query("year:2020").is_empty
    assert not parse_query("养老").is_empty and not parse_query("养老").has_filters
    for text in ("city:青岛", "dept:民政", "status:达成"):
        assert parse_query(text).has_filters, text


def test_filter_sql_values_of_one_filter_are_alternatives():
    q = parse_query("year:2023-2020 city:青岛|济南 dept:民政 status:达成|进行中 养老")
    sql, params = filter_sql(q)
    assert sql == (
        "year_end >= ? AND year_start <= ? AND (instr(city_folded, ?) > 0 OR instr(city_folded, ?) > 0)"
        " AND (instr(departments_folded, ?) > 0) AND status IN (?,?)"
    )
    assert params == [2020, 2023, "青岛", "济南", "民政", "达成", "进行中"]
    assert filter_sql(parse_query("养老")) is None
    assert filter_sql(parse_query("status:达成")) == ("status IN (?)", ["达成"])


# --------------------------------------------------------------------------- index tokens


def test_pinyin_needles_are_ascii_letters_two_or_more():
    assert is_pinyin("yl") and is_pinyin("yanglao")
    assert not is_pinyin("y") and not is_pinyin("yang1") and not is_pinyin("养老") and not is_pinyin("")


def test_bigram_tokens():
    assert bigram_tokens("养老服务") == "养老 老服 服务"
    assert bigram_tokens("、") == ""
    assert bigram_tokens("a b_c") == "ab bc"


def test_match_expression():
    assert match_expression("养") == ("search_chars", '"养"')
    assert match_expression("（养）") == ("search_chars", '"养"')
    assert match_expression("养老院") == ("search_fts", '"养老" "老院"')  # both bigrams, anywhere in the row
    assert match_expression("（") is None
    assert match_expression("x" * 40) == ("search_fts", '"xx"')  # a bigram repeated is asked once
    long = "".join(chr(0x4E00 + n) for n in range(40))
    table, expression = match_expression(long)
    assert expression.count('"') == 2 * 32 and expression.startswith(f'"{long[:2]}" ')  # a long needle: its first 32 bigrams


def test_index_tokens():
    assert bigram_tokens("老旧小区") == "老旧 旧小 小区"
    assert bigram_tokens("(6号线)") == "6号 号线"
    assert bigram_tokens("养") == "" and bigram_tokens("，") == ""
    assert char_tokens("老旧小区旧") == "老 旧 小 区"  # each character once
    assert char_tokens("(6号线)") == "6 号 线"


def test_syllables_and_pinyin_columns():
    syl = syllables("养老、服务a")
    assert syl == ["yang", "lao", "", "fu", "wu", "a"]
    assert pinyin_columns(syl) == ("ya an ng gl la ao of fu uw wu ua", "yl lf fw wa")


@pytest.mark.parametrize(
    ("text", "needle", "span"),
    [
        ("居家养老服务", "yanglao", (2, 4)),
        ("居家养老服务", "yangl", (2, 4)),  # the last syllable cut short
        ("居家养老服务", "ylfw", (2, 6)),  # initials
        ("居家养老服务", "xyz", None),
        ("养、老", "yanglao", (0, 3)),  # punctuation between syllables skipped
        ("、养老", "yanglao", (1, 3)),
        ("老人养老", "lao", (0, 1)),  # the first 老
        ("人养老", "lao", (2, 3)),
        ("养老", "yanglaofuwu", None),
    ],
)
def test_pinyin_span(text, needle, span):
    assert pinyin_span(syllables(text), needle) == span


def test_fast_fold_is_fold():
    assert fast_fold("ＡＥＤ養老") == "aed养老"


# --------------------------------------------------------------------------- needles in text


def test_a_space_in_a_phrase_stands_for_any_punctuation_or_none():
    text = "老旧、小区 老旧小区"
    assert find_needle(text, "老旧 小区") == (0, 5)
    assert find_needle(text, "老旧 小区", 3) == (6, 10)
    assert find_needle("abcabc", "bc", 2) == (4, 6)
    assert find_needle("abc", "x") is None and find_needle("abc", "x y") is None
    assert contains("老旧、小区", "老旧 小区") and contains("老旧小区", "旧小")
    assert not contains("老旧", "老旧 小区") and not contains("老旧", "小区")


def test_probe_is_the_longest_word_of_a_phrase():
    assert probe("老旧 小区改造") == "小区改造"
    assert probe("老旧小区") == "老旧小区"


def test_match_spans_merge_overlaps():
    assert match_spans("养老养老服务老", ("养老", "老服")) == [(0, 5)]
    assert match_spans("aaaa", ("aa",)) == [(0, 4)]
    assert match_spans("养老 服务 养老", ("养老",)) == [(0, 2), (6, 8)]
    assert match_spans("养老", ("x",)) == []


def test_snippet_shows_the_match_in_the_middle_of_a_long_sentence():
    text = "一" * 50 + "养老" + "二" * 50
    snippet, spans = snippet_around(text, [(50, 52)])
    assert snippet == "…" + "一" * 29 + "养老" + "二" * 29 + "…"
    assert spans == [(30, 32)] and snippet[30:32] == "养老"


def test_snippet_of_a_short_sentence_is_the_sentence():
    assert snippet_around("短句子养老", [(3, 5)]) == ("短句子养老", [(3, 5)])
    assert snippet_around("a\nb", [(0, 1)]) == ("a b", [(0, 1)])


def test_snippet_near_the_end_is_not_cut_off():
    text = "一" * 100 + "养老"
    snippet, spans = snippet_around(text, [(100, 102)])
    assert snippet == "…" + "一" * 58 + "养老"
    assert [snippet[s:e] for s, e in spans] == ["养老"]


def test_snippet_without_spans_starts_at_the_start():
    text = "一" * 100
    assert snippet_around(text, []) == ("一" * 60 + "…", [])


def test_snippet_cuts_a_span_at_its_edge():
    text = "一" * 100
    snippet, spans = snippet_around(text, [(40, 42), (70, 73), (98, 100)])
    assert snippet == "…" + "一" * 60 + "…"
    assert spans == [(30, 32), (60, 61)]  # the second cut at the snippet's end, the third not shown


def test_bigram_tokens_of_two_characters_are_one_bigram():
    assert bigram_tokens("养老") == "养老"
    assert char_tokens("养老") == "养 老"


def test_pinyin_initials_found_at_their_first_place():
    assert pinyin_span(syllables("养老养老"), "yl") == (0, 2)


def test_match_spans_finds_adjacent_single_characters_and_stops_at_200():
    assert match_spans("养养养", ("养",)) == [(0, 3)]
    assert match_spans("养" * 300, ("养",)) == [(0, 200)]


def test_snippet_of_a_match_longer_than_the_snippet_starts_at_the_match():
    text = "".join(chr(0x4E00 + i) for i in range(100))
    snippet, spans = snippet_around(text, [(20, 90)])
    assert snippet == "…" + text[20:80] + "…" and spans == [(1, 61)]


def test_snippet_one_character_in_says_so():
    text = "".join(chr(0x4E00 + i) for i in range(100))
    snippet, spans = snippet_around(text, [(30, 32)])
    assert snippet == "…" + text[1:61] + "…" and spans == [(30, 32)]


def test_snippet_leaves_out_spans_that_only_touch_its_edges():
    text = "一" * 100
    # the window is text[21:81]: a span ending at 21 or starting at 81 is not in it
    assert snippet_around(text, [(50, 52), (19, 21), (81, 83)])[1] == [(30, 32)]


def test_two_phrases_and_what_follows_a_closing_quote():
    q = parse_query('"老旧 小区" "养老 服务"')
    assert q.phrases == ("老旧 小区", "养老 服务") and q.problems == ()
    q = parse_query('"养老"服务')
    assert (q.phrases, q.terms) == (("养老",), ("服务",))


def test_an_empty_phrase_is_nothing():
    q = parse_query('"" 养老')
    assert (q.phrases, q.terms, q.problems) == ((), ("养老",), ())


def test_quoted_filter_values_end_at_their_own_quote():
    q = parse_query('dept:"市 民政局" "老旧 小区"')
    assert (q.departments, q.phrases) == (("市 民政局",), ("老旧 小区",))
    q = parse_query('city:"青岛"养老')
    assert (q.cities, q.terms) == (("青岛",), ("养老",))
    q = parse_query('city:"" 养老')
    assert (q.cities, q.terms, q.problems) == ((), ("养老",), ("“city:”后面缺少内容",))


def test_a_filter_value_may_hold_a_colon_and_the_query_keeps_its_text():
    assert parse_query("city:青岛:崂山").cities == ("青岛:崂山",)
    assert parse_query("养老 city:青岛").text == "养老 city:青岛"
