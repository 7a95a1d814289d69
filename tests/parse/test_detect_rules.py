"""Rules of detect.py's city reading: a function word glued before a city's name (在淄博市, 对青岛市,
全淄博市, 由青岛供电公司) is not part of the name, unless the gazetteer names the whole (本溪市)."""

from __future__ import annotations

import pytest

from tui_shishi.parse import detect, parse_bytes
from tui_shishi.parse.detect import detect_city
from tui_shishi.parse.text import split_lines


def city(text: str) -> tuple[str, bool] | None:
    return detect_city(split_lines(text))


@pytest.mark.parametrize(
    "text",
    [
        "在淄博市举行新闻发布会\n会议在淄博市召开",  # 在 at a line's start: read by the line-start pattern too
        "今年在淄博市实施\n今年在淄博市推进",
        "对淄博市的支持\n对淄博市的投入",
        "于淄博市召开\n于淄博市举办",
        "全淄博市动员\n全淄博市推进",
        "对于淄博市而言\n对于淄博市来说",  # two function words
        "由淄博市民政局牵头\n由淄博市教育局牵头",
        "和淄博市共建\n与淄博市共建",
    ],
)
def test_a_function_word_before_a_city_is_not_part_of_it(text):
    assert city(text) == ("淄博", True)


def test_a_function_word_before_a_year_list_city_is_not_part_of_it():
    assert city("2024年在青岛市办实事") == ("青岛", True)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("本溪市2025年民生实事\n本溪市人民政府", "本溪"),  # 本 opens the name: the gazetteer knows 本溪市
        ("和田市2025年民生实事\n和田市人民政府", "和田"),  # 和 likewise
        ("同江市2025年民生实事\n在同江市召开", "同江"),  # a county-level city
    ],
)
def test_a_city_whose_name_opens_with_such_a_word_keeps_it(text, name):
    assert city(text) == (name, True)


@pytest.mark.parametrize("text", ["在全市推广\n在全市实施", "我市完成任务\n本市完成任务", "对各市的要求\n对各市考核"])
def test_a_phrase_with_no_name_after_the_function_words_is_no_city(text):
    assert city(text) is None


def test_an_organisation_named_after_a_function_word_votes_for_its_city():
    # 由青岛… read as two characters: 由青 before, 青岛 now
    assert city("由青岛供电公司负责\n由青岛地铁集团负责") == ("青岛", False)


def test_a_city_unknown_to_the_gazetteer_is_read_without_the_glued_word():
    # 青溪 is no place the gazetteer knows, so only the text's shape tells where the name starts
    text = "关于民生实事的通知\n会议在青溪市召开\n今年在青溪市实施十件实事\n"
    assert detect.detect_metadata(split_lines(text)).city == "青溪"
    doc = parse_bytes(text.encode(), "notice.txt")
    assert doc.city == "青溪"
    assert not any(detect.CITY_GUESSED in f.detail for f in doc.flags)
