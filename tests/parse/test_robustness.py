"""Any input, however broken, gives a Document or a ParseError — never another exception.

Property tests over arbitrary text and bytes, and over text built from fragments of the genre
(headings, numbers, brackets left open, table bars, 占年计划), since broken documents of the
genre are what the importer really meets.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_shishi.model import Document
from tui_shishi.parse import chrome, content, milestones, outline
from tui_shishi.parse.text import split_lines

FRAGMENTS = [
    "第3件",
    "第十二件",
    "第1件：",
    "一、",
    "十二、",
    "（一）",
    "(三十四)",
    "〔二〕",
    "1、",
    "12.",
    "113、",
    "2.5",
    "\t",
    "|",
    "｜",
    "|---|",
    "---",
    "\n",
    "\n\n",
    " ",
    "　",
    "占年计划的",
    "138.6%",
    "占年计划200%",
    "分别占年计划的100%和103%",
    "完成情况：",
    "截至10月底,",
    "牵头部门:",
    "（牵头部门：",
    "〔牵头部门:",
    "责任单位：",
    "責任單位：",
    "协办单位",
    "(",
    ")",
    "（",
    "）",
    "〔",
    "〕",
    "“",
    "”",
    "市教育局",
    "市住房城乡建设局(节能保暖工程)",
    "各区(市)政府",
    "、",
    "，",
    ",",
    "。",
    ";",
    "：",
    "序号",
    "实施内容",
    "牵头单位",
    "实施计划",
    "3月底前,",
    "7月份,",
    "此后,",
    "上半年",
    "第一季度",
    "13月底前",
    "35万人",
    "1.65万个",
    "640万平方米以上",
    "不少于30个",
    "80%、70%、60%",
    "二孩500元、三孩600元",
    "1..5万",
    "2024年",
    "热点新闻",
    "+更多",
    "■",
    "□青岛日报/观海新闻记者 刘萍",
    "(记者 张三)",
    "发布时间:2022-01-24 | 来源:x",
    "分享到",
    "●",
]
genre_text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=60).map("".join)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _read_all(text: str) -> None:
    lines = split_lines(text)
    kept, flags = chrome.strip(lines)
    assert {line.number for line in kept} <= {line.number for line in lines}
    assert all(flag.line is not None for flag in flags)
    doc = Document(city="", year_start=2023, year_end=None, kind="")
    content.read(outline.outline(kept), doc)
    assert all(isinstance(item.number, int) for item in doc.items)


@FAST
@given(st.text(max_size=400))
def test_readers_on_any_text(text: str) -> None:
    _read_all(text)


@FAST
@given(genre_text)
def test_readers_on_genre_fragments(text: str) -> None:
    _read_all(text)


@FAST
@given(genre_text, st.one_of(st.none(), st.integers(1900, 2100)))
def test_milestones_on_genre_fragments(text: str, year: int | None) -> None:
    for step in milestones.split_milestones(text, year):
        assert step.due_date is None or isinstance(step.due_date, dt.date)
        assert step.due in text and step.text in text


def _parse(data: bytes) -> None:
    from tui_shishi.parse import ParseError, parse_bytes  # engineer B's entry point

    try:
        doc = parse_bytes(data, "fuzz.txt", city=None, year=None, kind=None)
    except ParseError as exc:
        assert "\n" not in str(exc)  # a clear one-line message
        return
    assert isinstance(doc, Document)
    # parse_bytes keeps the text when a reader breaks; a broken reader is still a bug
    assert not [f.detail for f in doc.flags if "出错" in f.detail]


@FAST
@given(st.text(max_size=400))
def test_importer_on_any_text(text: str) -> None:
    _parse(text.encode("utf-8"))


@FAST
@given(st.binary(max_size=400))
def test_importer_on_any_bytes(data: bytes) -> None:
    _parse(data)


@FAST
@given(genre_text, st.sampled_from(["utf-8", "gb18030", "utf-16"]))
def test_importer_on_genre_fragments(text: str, encoding: str) -> None:
    _parse(text.encode(encoding, errors="replace"))
