"""Decoding published bytes and the length-preserving fold."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui_shishi.parse.text import DecodeError, decode, fold, split_lines

SAMPLE = "第1件：城镇新增就业35万人（责任单位：市人力资源社会保障局）\r\n完成情况：占年计划的138.6%\r"


def test_decode_utf8_and_newlines() -> None:
    text, encoding = decode(SAMPLE.encode("utf-8"))
    assert encoding == "utf-8"
    assert text == SAMPLE.replace("\r\n", "\n").replace("\r", "\n")
    assert "\r" not in text


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (SAMPLE.encode("gb18030"), "gb18030"),
        (SAMPLE.encode("gbk"), "gb18030"),
        (SAMPLE.encode("utf-16"), "utf-16"),
    ],
)
def test_decode_encodings_published_in(data: bytes, encoding: str) -> None:
    text, found = decode(data)
    assert found == encoding
    assert text.startswith("第1件：城镇新增就业35万人")


@pytest.mark.parametrize("data", [b"\x00\x01\x02binary\x00", codecs.BOM_UTF16_LE + b"\x00\xd8", b"a\x00b"])
def test_decode_rejects_non_text(data: bytes) -> None:
    with pytest.raises(DecodeError):
        decode(data)


def test_fold_width_traditional_and_case() -> None:
    assert fold("（责任单位：市总工会）") == "(责任单位:市总工会)"
    assert fold("３５万人，占７５％") == "35万人,占75%"
    assert fold("責任單位") == "责任单位"
    assert fold("ＡＥＤ AED") == "aed aed"
    assert fold("\u3000甲") == " 甲"


@given(st.text(max_size=50))
def test_fold_keeps_length(text: str) -> None:
    assert len(fold(text)) == len(text)


def test_split_lines_numbers_every_line() -> None:
    lines = split_lines("第1件\n\n  （一）完善机制  \n")
    assert [line.number for line in lines] == [1, 2, 3, 4]
    third = lines[2]
    assert third.raw == "  （一）完善机制  "
    assert third.stripped == "(一)完善机制"
    assert third.raw_span(2, 5) == "（一）"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_decode_utf16_without_a_bom(codec: str) -> None:
    text, found = decode(SAMPLE.encode(codec))
    assert found == codec
    assert text == SAMPLE.replace("\r\n", "\n").replace("\r", "\n")


@pytest.mark.parametrize("data", [b"\x00" * 64, bytes(range(256)) * 4, b"\x00\x01" * 40])
def test_nul_bytes_that_are_not_utf16_text_are_refused(data: bytes) -> None:
    with pytest.raises(DecodeError):
        decode(data)
