"""A reader that breaks is never silent: for users a flag naming the error (the text kept), under
tests (``SHISHI_STRICT=1``) the exception itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_shishi import model
from tui_shishi.parse import chrome, parse_bytes, quantities
from tui_shishi.parse.milestones import split_milestones

PLAN = Path(__file__).resolve().parents[2] / "data" / "sources" / "qingdao-2023-implementation-plan.txt"
STEP = "此后,每半年集中审核发放一次补贴资金。"  # the last step of item 5's plan cell, and nowhere else


def _failing_on(needle: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The figure reader raises on any text containing ``needle``, as a bug would."""
    real = quantities.find_quantities

    def find(text: str) -> list[model.Quantity]:
        if needle in text:
            raise RuntimeError("reader bug")
        return real(text)

    monkeypatch.setattr(quantities, "find_quantities", find)


def test_figure_reader_error_in_a_step_is_a_flag_for_users(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHISHI_STRICT", "0")
    _failing_on("半年", monkeypatch)
    flags: list[model.Flag] = []
    steps = split_milestones("3月底前,出台实施方案。 此后,每半年发放补贴资金300元。", 2023, flags, line=10)
    assert [s.text for s in steps] == ["出台实施方案。", "每半年发放补贴资金300元。"]  # the text is kept
    assert steps[1].quantities == []
    assert len(flags) == 1
    flag = flags[0]
    assert flag.kind == model.FLAG_NOT_UNDERSTOOD and flag.line == 10
    assert "RuntimeError: reader bug" in flag.detail and "每半年发放补贴资金300元" in flag.detail


def test_figure_reader_error_in_a_step_raises_under_tests(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHISHI_STRICT", "1")
    _failing_on("半年", monkeypatch)
    with pytest.raises(RuntimeError, match="reader bug"):
        split_milestones("3月底前,出台实施方案。 此后,每半年发放补贴资金。", 2023, [])


def test_plan_document_keeps_the_step_and_flags_its_item(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHISHI_STRICT", "0")
    clean = parse_bytes(PLAN.read_bytes(), PLAN.name)
    _failing_on(STEP[3:], monkeypatch)
    doc = parse_bytes(PLAN.read_bytes(), PLAN.name)
    item = next(i for i in doc.items if i.number == 5)
    assert [m.text for m in item.milestones] == [m.text for m in next(i for i in clean.items if i.number == 5).milestones]
    errors = [f for f in item.flags if "数字时出错" in f.detail]
    assert len(errors) == 1 and errors[0].item_number == 5 and errors[0].line == item.milestones[-1].line
    assert len(doc.all_flags()) == len(clean.all_flags()) + 1  # nothing else changed


def test_chrome_error_keeps_the_text_for_users_and_raises_under_tests(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(lines: object) -> object:
        raise RuntimeError("chrome bug")

    monkeypatch.setattr(chrome, "strip", broken)
    data = "第1件：新增就业10万人（责任单位：市人社局）".encode()
    monkeypatch.setenv("SHISHI_STRICT", "1")
    with pytest.raises(RuntimeError, match="chrome bug"):
        parse_bytes(data, city="示例市", year=2031)
    monkeypatch.setenv("SHISHI_STRICT", "0")
    doc = parse_bytes(data, city="示例市", year=2031)
    assert any(f.kind == model.FLAG_NOT_UNDERSTOOD and "chrome bug" in f.detail for f in doc.flags)
    assert doc.items and doc.items[0].number == 1  # the document is still read


def test_numerals_the_converter_cannot_read_are_no_figure() -> None:
    assert quantities._chinese_value("十四五") is None
    assert quantities._chinese_value("三千") == 3000
