"""The hand-made database reads right: every figure stands at its offsets in its sentence, as a
whole number (技能提升5万人, never the tail of 1.5万人), and each indicator is named by its clause."""

from __future__ import annotations

import sqlite3

import pytest
from fixture_db import _span


def test_a_figure_is_found_as_a_whole_number():
    sentence = "政策性扶持创业1.5万人,技能提升5万人,引才聚才25万人"
    assert sentence[slice(*_span(sentence, "5万人"))] == "5万人"
    assert _span(sentence, "5万人")[0] == sentence.index("技能提升") + len("技能提升")
    with pytest.raises(AssertionError):
        _span("扶持创业1.5万人", "5万人")  # only inside another number: not there


def test_every_figure_is_at_its_offsets_and_every_indicator_named_by_its_clause(fixture_db):
    conn = sqlite3.connect(fixture_db)
    indicators = conn.execute(
        "SELECT i.text, i.target_text, i.target_start, i.target_end, s.text FROM indicators i"
        " JOIN sentences s ON s.id = i.sentence_id ORDER BY i.id"
    ).fetchall()
    observations = conn.execute(
        "SELECT o.actual_text, o.actual_start, o.actual_end, s.text FROM observations o"
        " JOIN sentences s ON s.id = o.sentence_id WHERE o.actual_text != ''"
    ).fetchall()
    conn.close()
    assert [(label, figure) for label, figure, *_ in indicators] == [
        ("城镇新增就业30万人", "30万人"),
        ("政策性扶持创业1.5万人", "1.5万人"),
        ("技能提升5万人", "5万人"),
        ("引才聚才25万人", "25万人"),
        ("实现城镇新增就业35万人以上", "35万人以上"),
        ("创设城乡公益性岗位3.7万个以上", "3.7万个以上"),
        ("扶持创业3万人以上", "3万人以上"),
        ("扶持创业3万人", "3万人"),
    ]
    for label, figure, start, end, sentence in indicators:
        assert sentence[start:end] == figure and sentence[:end].endswith(label)
    assert len(observations) == 5
    for figure, start, end, sentence in observations:
        assert sentence[start:end] == figure
