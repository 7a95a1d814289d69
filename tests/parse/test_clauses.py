"""Sentences and clauses as offsets: separators inside brackets and quotes do not split."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui_shishi.parse.clauses import split_clauses, split_sentences


def pieces(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[s:e] for s, e in spans]


def test_sentences_on_full_stops_and_newlines() -> None:
    text = "城镇新增就业35万人。扶持创业3万人！ 真的吗？\n\n第2件\n"
    assert pieces(text, split_sentences(text)) == ["城镇新增就业35万人", "扶持创业3万人", "真的吗", "第2件"]


def test_clauses_on_commas_and_semicolons_of_both_widths() -> None:
    text = "完成情况：扶持创业3.84万人，占年计划的128%；赠送保障2.06万人,占年计划的103%;完成。"
    assert pieces(text, split_clauses(text)) == [
        "完成情况：扶持创业3.84万人",
        "占年计划的128%",
        "赠送保障2.06万人",
        "占年计划的103%",
        "完成",
    ]


def test_clauses_never_split_inside_brackets_or_quotes() -> None:
    text = "第1件：实现就业35万人（责任单位：市人力资源社会保障局，市总工会）；实现“集成办，极简办”，〔牵头部门:甲，乙〕【注；略】"
    assert pieces(text, split_clauses(text)) == [
        "第1件：实现就业35万人（责任单位：市人力资源社会保障局，市总工会）",
        "实现“集成办，极简办”",
        "〔牵头部门:甲，乙〕【注；略】",
    ]


def test_nested_and_unclosed_brackets() -> None:
    text = "〔牵头部门:市农业农村局(市乡村振兴局),市财政局〕,下一句"
    assert pieces(text, split_clauses(text)) == ["〔牵头部门:市农业农村局(市乡村振兴局),市财政局〕", "下一句"]
    # A bracket never closed on its line must not swallow the rest of the text.
    text = "甲(未闭合,乙\n丙,丁"
    assert pieces(text, split_clauses(text)) == ["甲(未闭合", "乙", "丙", "丁"]


def test_spans_are_offsets_into_the_input() -> None:
    text = "  甲 ， 乙。\n"
    spans = split_clauses(text)
    assert spans == [(2, 3), (6, 7)]
    assert split_clauses("") == [] and split_sentences(" \n 。！") == []


@given(st.text(alphabet=st.sampled_from("甲乙,，;；。!？\n ()（）“”〔〕【】"), max_size=40) | st.text(max_size=30))
def test_spans_are_ordered_trimmed_and_nonempty(text: str) -> None:
    for split in (split_sentences, split_clauses):
        spans = split(text)
        assert all(0 <= s < e <= len(text) for s, e in spans)
        assert all(e1 <= s2 for (_, e1), (s2, _) in zip(spans, spans[1:]))
        assert all(not text[s].isspace() and not text[e - 1].isspace() for s, e in spans)


def test_closers_without_their_opener_and_deep_nesting() -> None:
    from tui_shishi.parse.clauses import SpanIndex, mask_spans, protected_spans

    # ] has no [ open: passed over; ) closes the ( and drops the 【 opened inside it.
    assert protected_spans("(a]【b)c】") == [(0, 6)]
    assert protected_spans("(" * 1000 + "]" * 1000) == []
    nested = "(" * 500 + ")" * 500
    assert len(protected_spans(nested)) == 500
    assert mask_spans(len(nested), protected_spans(nested)) == [True] * 1000
    assert mask_spans(6, [(1, 3), (2, 5), (0, 1)]) == [True] * 5 + [False]
    index = SpanIndex([(0, 2), (4, 6)])
    assert [index.at(p) for p in range(7)] == [(0, 2), (0, 2), (0, 0), (0, 0), (4, 6), (4, 6), (0, 0)]
    assert [index.index(p) for p in (1, 3, 5)] == [0, -1, 1]
