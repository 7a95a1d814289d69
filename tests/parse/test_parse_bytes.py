"""The entry point: decoding, overrides, errors, fallbacks and the item checks of every format."""

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_shishi import model
from tui_shishi.parse import ParseError, content, numbering_flags, parse_bytes, parse_file

LIST = "2021年某某市办实事\n第1件\n新建公园10个。\n●新建公园10个。\n第2件\n改造道路20条。\n"


def test_document_fields():
    data = LIST.encode()
    doc = parse_bytes(data, "list.txt")
    assert doc.source_file == "list.txt" and doc.sha256 == hashlib.sha256(data).hexdigest()
    assert doc.text == LIST and doc.encoding == "utf-8"
    assert (doc.city, doc.period, doc.kind, doc.format) == ("某某", "2021", model.KIND_ANNOUNCED, "jian")


@pytest.mark.parametrize(
    ("encode", "encoding"),
    [
        (lambda s: s.encode("gbk"), "gb18030"),
        (lambda s: s.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
        (lambda s: s.encode("utf-8-sig"), "utf-8-sig"),
        (lambda s: s.encode("utf-16"), "utf-16"),
    ],
)
def test_encodings_and_line_ends_read_alike(encode, encoding):
    doc = parse_bytes(encode(LIST))
    assert doc.encoding == encoding and doc.text == LIST
    assert [(i.number, i.title, i.line) for i in doc.items] == [(1, "新建公园10个。", 2), (2, "改造道路20条。", 5)]


def test_not_text_is_a_parse_error():
    with pytest.raises(ParseError, match="^不是文本"):
        parse_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\x00")


def test_missing_file_is_a_parse_error(tmp_path):
    with pytest.raises(ParseError, match="无法读取（文件或目录不存在）"):
        parse_file(tmp_path / "nope.txt")


def test_parse_file_names_the_source(tmp_path):
    path = tmp_path / "list.txt"
    path.write_bytes(LIST.encode())
    assert parse_file(path).source_file == "list.txt"


def test_overrides():
    doc = parse_bytes(LIST.encode(), city="烟台", year="2022-2024", kind=model.KIND_PLAN)
    assert (doc.city, doc.year_start, doc.year_end, doc.kind) == ("烟台", 2022, 2024, model.KIND_PLAN)
    assert parse_bytes(LIST.encode(), year=2023).period == "2023"


def test_override_removes_the_metadata_flag():
    text = "第1件\n新建公园10个。\n"
    assert any(f.kind == model.FLAG_METADATA for f in parse_bytes(text.encode()).flags)
    doc = parse_bytes(text.encode(), city="烟台", year=2021)
    assert not any(f.kind == model.FLAG_METADATA for f in doc.flags)
    city_only = parse_bytes(text.encode(), city="烟台")
    assert [f.detail for f in city_only.flags if f.kind == model.FLAG_METADATA] == ["文中未找到年份"]


@pytest.mark.parametrize(
    "overrides",
    [{"kind": "novel"}, {"year": "20x5"}, {"year": "2024-2022"}, {"city": "  "}],
)
def test_bad_overrides_are_parse_errors(overrides):
    with pytest.raises(ParseError):
        parse_bytes(LIST.encode(), **overrides)


def test_unknown_format_is_kept_as_paragraphs():
    doc = parse_bytes("会议纪要\n\n今天开会讨论了天气。\n".encode())
    assert doc.kind == model.KIND_UNKNOWN and doc.paragraphs == ["会议纪要", "今天开会讨论了天气。"]
    assert any(f.kind == model.FLAG_UNKNOWN_FORMAT for f in doc.flags)


def test_a_failing_reader_leaves_paragraphs_and_names_the_error(monkeypatch):
    def broken(outline, doc, kind=None):
        doc.items.append(model.Item(1, "half read"))
        raise KeyError("boom")

    monkeypatch.setattr(content, "read", broken)
    monkeypatch.delenv("SHISHI_STRICT", raising=False)
    doc = parse_bytes(LIST.encode())
    assert not doc.items and doc.paragraphs[0] == "2021年某某市办实事"
    (flag,) = [f for f in doc.flags if f.kind == model.FLAG_NOT_UNDERSTOOD]
    assert "KeyError" in flag.detail and "boom" in flag.detail


def test_numbering_flags():
    items = [model.Item(n, str(n), line=n) for n in (1, 3, 2, 3, 6)]
    kinds = {f.kind: f for f in numbering_flags(items)}
    assert kinds[model.FLAG_DUPLICATE_ITEM].item_number == 3
    assert kinds[model.FLAG_OUT_OF_ORDER].item_number == 2
    assert kinds[model.FLAG_MISSING_ITEMS].detail.endswith("缺少第4、5件")
    assert numbering_flags([model.Item(n, "") for n in (1, 2, 3)]) == []


def test_duplicate_item_numbers_in_a_document():
    text = LIST + "第2件\n改造道路30条。\n"
    doc = parse_bytes(text.encode())
    assert [f.item_number for f in doc.flags if f.kind == model.FLAG_DUPLICATE_ITEM] == [2]


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="第一二件12.、:：（）()●■完成情况占年计划的%万人个责任单位市年\n ，,。", max_size=120))
def test_no_text_makes_the_import_crash(text):
    if not text.strip():
        with pytest.raises(ParseError, match="^文件为空"):  # a clear refusal, not a crash
            parse_bytes(text.encode())
        return
    doc = parse_bytes(text.encode())
    assert doc.text == text
    assert not [f for f in doc.flags if f.kind == model.FLAG_NOT_UNDERSTOOD and "出错" in f.detail]


def test_unreadable_figures_are_flagged_on_their_item():
    text = "2022年某某市办实事\n第1件：新建公园1..5万个。（责任单位：市园林局）\n完成情况：新建公园2..1万个。\n"
    doc = parse_bytes(text.encode())
    flagged = [f for f in doc.all_flags() if f.kind == model.FLAG_NUMBER_NOT_PARSED]
    assert {f.line for f in flagged} == {2, 3} and all(f.item_number == 1 for f in flagged)


def _shape(doc):
    observations = [o for i in doc.items for ind in i.indicators for o in ind.observations]
    return (
        doc.city,
        doc.period,
        doc.format,
        doc.as_of,
        len(doc.sections),
        [i.number for i in doc.items],
        [len(i.indicators) for i in doc.items],
        [(o.actual and o.actual.value, o.percent_of_plan) for o in observations],
        sorted((f.kind, f.line) for f in doc.all_flags()),
    )


@pytest.mark.parametrize(
    "name",
    ["qingdao-2024-announced-list.txt", "qingdao-2020-progress-october.txt", "qingdao-2025-year-end-report.txt"],
)
def test_seed_in_traditional_with_chinese_item_numbers_and_crlf_reads_the_same(name):
    import re

    import cn2an
    import zhconv

    with open("data/sources/" + name, encoding="utf-8") as fh:
        text = fh.read()
    variant = zhconv.convert(text, "zh-tw")
    variant = re.sub(r"第(\d+)件", lambda m: "第" + cn2an.an2cn(m.group(1)) + "件", variant)
    assert variant != text
    assert _shape(parse_bytes(variant.replace("\n", "\r\n").encode())) == _shape(parse_bytes(text.encode()))


# --- what parse_file reads ---------------------------------------------------------------------------


def test_the_size_limit_is_20_mb():
    from tui_shishi import parse

    assert parse.MAX_BYTES == 20 * 1024 * 1024


def test_a_file_over_the_limit_is_refused_unread(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        fh.truncate(21 * 1024 * 1024)  # sparse: nothing to read, and nothing is read
    with pytest.raises(ParseError) as err:
        parse_file(path)
    message = str(err.value)
    assert "\n" not in message and message.startswith(f"{path}: 文件过大")
    assert "22,020,096 字节" in message and "上限 20,971,520 字节（20 MB）" in message


def test_bytes_over_the_limit_are_refused(monkeypatch):
    from tui_shishi import parse

    data = LIST.encode()
    monkeypatch.setattr(parse, "MAX_BYTES", len(data) - 1)
    with pytest.raises(ParseError, match=f"^文件过大：{len(data):,} 字节；上限 {len(data) - 1:,} 字节$"):
        parse_bytes(data)
    monkeypatch.setattr(parse, "MAX_BYTES", len(data))
    assert parse_bytes(data).text == LIST


def test_only_regular_files_are_read(tmp_path):
    import os

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)  # reading it would wait for a writer forever
    for path in (fifo, tmp_path, *(p for p in ("/dev/zero",) if os.path.exists(p))):
        with pytest.raises(ParseError, match=r": 不是普通文件$"):
            parse_file(path)


def test_a_control_character_in_the_name_or_the_city_is_not_kept():
    doc = parse_bytes(LIST.encode(), "list\x1b[2J\n.txt", city="某某\x1b]0;t\x07")
    assert doc.source_file == "list␛[2J⏎.txt" and doc.city == "某某]0;t"
