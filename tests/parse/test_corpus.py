"""The genre beyond the seeds: every hand-counted fact of ../shared/corpus and of the seeds holds,
and what the reader keeps is traceable and never invented.

The corpus is read where it is (CI has ../shared); its text is not copied into the project.
The fact checker is bench/genre.py's, so the benchmark and the tests count the same facts.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_shishi import model
from tui_shishi.parse import parse_bytes, roles

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("genre_bench", ROOT / "bench" / "genre.py")
genre = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(genre)

DOCUMENTS = genre.documents(genre.CORPUS, genre.SOURCES)
CORPUS_NAMES = [name for name, _data, _facts in DOCUMENTS if name.startswith("corpus/")]


@pytest.fixture(scope="module")
def parsed() -> dict[str, tuple[model.Document, dict]]:
    return {name: (parse_bytes(data, name.split("/", 1)[1]), facts) for name, data, facts in DOCUMENTS}


def test_the_corpus_is_there():
    assert len(CORPUS_NAMES) == 9, f"../shared/corpus not found at {genre.CORPUS}"


@pytest.mark.parametrize("name", [name for name, _d, _f in DOCUMENTS])
def test_every_fact_holds(parsed, name):
    doc, facts = parsed[name]
    wrong = [(key, want, got) for key, want, got in genre.measure(doc, facts) if want != got]
    assert not wrong, wrong


def _figures(doc: model.Document):
    for item in doc.items:
        for indicator in item.indicators:
            yield "target", indicator.text, indicator.target
            for obs in indicator.observations:
                yield "actual", obs.sentence, obs.actual
        for obs in item.progress:
            yield "actual", obs.sentence, obs.actual


def _traceable(doc: model.Document) -> list[tuple[str, str, str]]:
    """Figures whose published text is not at its offsets in the clause or sentence kept with it."""
    return [(role, text, q.text) for role, text, q in _figures(doc) if q is not None and text[q.start : q.end] != q.text]


def test_every_figure_is_in_its_own_sentence(parsed):
    for name, (doc, _facts) in parsed.items():
        assert not _traceable(doc), name


def test_no_result_clause_becomes_a_target(parsed):
    # A target's clause promises; a report's clause (已完成…, 截至…, 占计划X%) is never one.
    for name, (doc, _facts) in parsed.items():
        for item in doc.items:
            for indicator in item.indicators:
                if indicator.target is not None:
                    assert not roles.report_sentence(indicator.text), (name, item.number, indicator.text)


def test_a_year_end_result_is_not_a_target():
    text = "2030年某某市民生实事完成情况\n一、新建公园10个。(责任单位:市园林局)该件实事已全面完成\n此项工作已完成。截至2030年12月底,已新建公园12个。\n"
    doc = parse_bytes(text.encode())
    assert doc.kind == model.KIND_FINAL
    (item,) = doc.items
    assert [i.target.text for i in item.indicators] == ["10个"]
    assert [o.actual.text for o in item.indicators[0].observations] == ["12个"]


def test_a_share_of_the_work_is_progress_not_a_target():
    text = (
        "2030年某某区民生实事进展情况表\n序号 | 项目内容 | 进展情况 | 责任单位 |\n1 | 新建住房100套。 | 已完成总工程量的90%。 | 住建局 |\n"
    )
    doc = parse_bytes(text.encode())
    (item,) = doc.items
    assert [i.target.text for i in item.indicators] == ["100套"]
    assert [o.percent_of_plan for o in item.progress] == [90.0]


FRAGMENTS = [
    "第1件",
    "第2件",
    "一、",
    "二、",
    "(一)",
    "1.",
    "2、",
    "①",
    "②",
    "——",
    "●",
    "新建公园10个",
    "占年计划的120%",
    "完成情况:",
    "截至6月底,",
    "已建成12个",
    "其中小公园5个",
    "(责任单位:市园林局)",
    "。",
    ";",
    "\n",
    "牵头单位:市教育局",
    "序号 | 项目内容 | 进展情况 |",
    "1 | 新建学校5所。 | 已完成3所。 |",
    "占计划80.1%",
    "完成时限:2023年12月31日前",
]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=40).map("".join).filter(str.strip))
def test_any_genre_text_keeps_every_figure_traceable(text):
    doc = parse_bytes(text.encode())
    assert not _traceable(doc)
