"""Themes: the shipped taxonomy, explainable tagging, and lining up indicators by theme word."""

from __future__ import annotations

import pytest

from tui_shishi import themes
from tui_shishi.themes import TaxonomyError, get_theme, load_taxonomy, parse_taxonomy, series_word, tag

ISSUE_THEMES = [
    "就业创业",
    "教育",
    "托育",
    "医疗医保",
    "养老助残",
    "住房与老旧小区",
    "交通出行与停车",
    "生态环境与园林",
    "文体",
    "农业农村",
    "食品与市场",
    "公共安全",
    "城市基础设施",
    "政务服务",
]


def test_shipped_taxonomy_has_the_issue_themes_in_order():
    assert [t.name for t in load_taxonomy()] == ISSUE_THEMES
    assert all(t.keywords for t in load_taxonomy())


def test_tag_explains_itself_with_the_words_and_offsets_as_published():
    text = "扩大优质养老助残服务供给，新建失智老年人照护中心30处；新增3岁以下婴幼儿托位4000个"
    found = {m.theme: m for m in tag(text)}
    assert set(found) == {"养老助残", "托育"}
    elderly = found["养老助残"]
    assert elderly.words == ("养老", "助残", "失智", "老年人")
    assert all(text[s:e] in elderly.words for s, e in elderly.spans)
    # 老年 lies inside 老年人: reported once, as the longer word
    assert "老年" not in elderly.words


def test_tag_reads_full_width_and_traditional_text_and_keeps_its_spelling():
    text = "養老服務中心45處，ＡＥＤ配置"
    found = {m.theme: m for m in tag(text)}
    assert found["养老助残"].words == ("養老",)
    assert found["公共安全"].words == ("ＡＥＤ",)


def test_an_item_can_have_several_themes_and_none():
    assert [m.theme for m in tag("改造城镇老旧小区400个以上，新增停车泊位2万个")] == [
        "住房与老旧小区",
        "交通出行与停车",
    ]
    assert tag("会议纪要") == []


def test_series_word_is_the_most_specific_theme_word():
    jobs = get_theme("就业创业")
    assert series_word("实现城镇新增就业35万人以上", jobs) == "新增就业"
    assert series_word("扶持创业3万人以上", jobs) == "扶持创业"
    assert series_word("新设城乡公益性岗位1.65万个", jobs) == "公益性岗位"
    assert series_word("建设中小学人工智能实验室200间", jobs) is None
    assert series_word("改造城镇老旧小区400个以上", get_theme("住房与老旧小区")) == "老旧小区"


def test_get_theme_unknown_names_the_known_ones():
    with pytest.raises(KeyError, match="就业创业"):
        get_theme("天文")


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "没有 \\[\\[theme\\]\\] 表"),
        ('[[theme]]\nname = "甲"\nkeywords = []\n', "keywords 应为非空的词列表"),
        ('[[theme]]\nkeywords = ["a"]\n', "第 1 个主题没有 name"),
        ('[[theme]]\nname = "甲"\nkeywords = ["a"]\n[[theme]]\nname = "甲"\nkeywords = ["b"]\n', "主题 甲 定义了两次"),
        ('[[theme]]\nname = "甲"\nkeywords = ["a"]\nseries = "b"\n', "series 应为词列表"),
        ("[[theme]\n", "不是有效的 TOML"),
    ],
)
def test_bad_taxonomy_is_one_clear_error(text, message):
    with pytest.raises(TaxonomyError, match=message):
        parse_taxonomy(text)


def test_environment_names_another_taxonomy(tmp_path, monkeypatch):
    path = tmp_path / "mine.toml"
    path.write_text('[[theme]]\nname = "海洋"\nkeywords = ["海湾", "海岸"]\n', encoding="utf-8")
    monkeypatch.setenv(themes.ENV_THEMES, str(path))
    assert [t.name for t in load_taxonomy()] == ["海洋"]
    assert [m.theme for m in tag("胶州湾海岸整治")] == ["海洋"]
    monkeypatch.setenv(themes.ENV_THEMES, str(tmp_path / "missing.toml"))
    with pytest.raises(TaxonomyError, match="无法读取主题文件"):
        load_taxonomy()


def _point(city, period, target_text, number=1, actual_text="", percent=None):
    from tui_shishi.store.views import SeriesPoint

    return SeriesPoint(city, period, None, None, "张", target_text, actual_text, percent, number)


def test_a_series_reads_city_by_city_never_from_one_city_to_another():
    from tui_shishi.store.views import Series

    beds = Series(
        "养老床位",
        "张",
        (
            _point("青岛", "2020", "12000张", 23),
            _point("淄博", "2022-2024", "7000张以上", 59),
            _point("淄博", "2022-2024", "1000张以上", 63),
            _point("青岛", "2025", "2000张以上", 5),
        ),
    )
    assert [c.text for c in beds.by_city()] == [
        "青岛：2020年 12000张 → 2025年 2000张以上",
        "淄博：2022-2024年 7000张以上、1000张以上",  # two targets of one period: 、, not →
    ]
    assert [c.city for c in beds.by_city()] == ["青岛", "淄博"]
    one = Series("新增就业", "人", (_point("青岛", "2020", "30万人"), _point("青岛", "2023", "", actual_text="35万人")))
    assert [c.text for c in one.by_city()] == ["青岛：2020年 30万人 → 2023年 35万人"]  # the actual where no target


def test_a_cell_of_several_targets_shows_each_in_words_not_a_count():
    from tui_shishi.ui.screens.themes import point_cell

    cell = point_cell([_point("淄博", "2022-2024", "7000张以上", 59), _point("淄博", "2022-2024", "1000张以上", 63, "1200张", 120.0)])
    assert cell.plain.split("\n") == ["目标 7000张以上", "实际 —", "目标 1000张以上", "实际 1200张 120%"]
    assert "+" not in cell.plain
