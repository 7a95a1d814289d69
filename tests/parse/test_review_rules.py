"""Bugs a review found surviving every test at some point, each pinned by the case it named:
a department whose name ends in a bracket, a city named once, a links block at a page's end."""

from __future__ import annotations

import pytest

from tui_shishi.parse import chrome
from tui_shishi.parse.departments import parse_departments
from tui_shishi.parse.detect import detect_city
from tui_shishi.parse.text import split_lines


def test_a_name_ending_in_a_bracket_is_one_department_unless_an_organisation_comes_first():
    found = parse_departments("各镇(街道)、各区(市)、市农业农村局(市乡村振兴局)、市民政局（各区）", "lead")
    assert [(d.name, d.note) for d in found] == [
        ("各镇(街道)", ""),  # not 各镇 with a note 街道
        ("各区(市)", ""),
        ("市农业农村局", "市乡村振兴局"),
        ("市民政局", "各区"),
    ]


def test_a_city_named_once_is_only_a_guess():
    # one bounded mention (,淄博市区) and one organisation (淄博供电公司): named, but weakly
    assert detect_city(split_lines("项目内容\n覆盖,淄博市区\n淄博供电公司负责")) == ("淄博", False)
    assert detect_city(split_lines("项目内容\n覆盖,淄博市区")) is None
    assert detect_city(split_lines("淄博市2025年民生实事")) == ("淄博", True)


def _kept(text: str) -> list[str]:
    kept, _ = chrome.strip(split_lines(text))
    return [line.raw for line in kept]


def test_structure_after_a_links_block_is_kept():
    assert _kept("一、就业\n相关新闻\n某条新闻\n二、教育\n3、新建学校5所。") == ["一、就业", "二、教育", "3、新建学校5所。"]


def test_a_paragraph_after_a_links_block_is_kept():
    kept = _kept("正文第一段,很长的内容。\n相关链接\n某条新闻\n正文继续,这是正文中的一句话,全市新增就业10万人,完成年度任务。")
    assert kept == ["正文第一段,很长的内容。", "正文继续,这是正文中的一句话,全市新增就业10万人,完成年度任务。"]


def test_a_paragraph_before_a_links_block_is_kept_and_the_links_go():
    text = (
        "三、养老\n全市新建社区食堂120处,完成年度计划的110%。\n热点新闻\n"
        "淄博4500余家企业同上安全生产“开工第一课”\n青岛:建设“绿色城市”,5个试点片区全面铺开\n"
        "【于燕说电影】暖心动物电影:一个男孩与一匹马的传奇\n\n+更多\n菏泽市成武县胡萝卜喜获丰收"
    )
    assert _kept(text) == ["三、养老", "全市新建社区食堂120处,完成年度计划的110%。"]


def test_a_wrapped_paragraph_without_a_full_stop_ends_a_links_block():
    # a paragraph cut at the page's width: no 。 on the line, but long, in clauses, with figures
    body = "截至10月底,全市累计改造老旧小区386个,惠及居民4.2万户,占年计划的96.5%,其余项目正在加紧施工"
    kept = _kept(f"相关阅读\n某条新闻标题\n{body}\n完成年度任务。")
    assert kept == [body, "完成年度任务。"]


@pytest.mark.parametrize("numbered", ["①新增城镇就业5万人", "⑵建设口袋公园20处", "第3项 改造老旧小区", "【二】教育"])
def test_an_item_numbered_in_any_scheme_ends_a_links_block(numbered):
    assert _kept(f"相关新闻\n某条新闻\n{numbered}") == [numbered]


def test_chrome_after_the_body_still_goes():
    text = (
        "相关链接\n某条新闻\n全市新增城镇就业10万人,完成年度任务的105%。\n"
        "责任编辑:王某\n上一篇:淄博市召开新闻发布会,介绍2022年为民办实事项目\n分享到\n"
        "版权所有:淄博市人民政府办公室 鲁ICP备05023548号"
    )
    assert _kept(text) == ["全市新增城镇就业10万人,完成年度任务的105%。"]


def test_a_caption_goes_but_a_marked_line_stating_figures_stays():
    caption = "■崂山区某小区举办物业管理服务专题活动。图为活动留影。"
    item = "■新增城镇就业10万人以上,完成年度计划的105%。"
    assert _kept(f"一、就业\n{caption}\n{item}") == ["一、就业", item]
    assert _kept("一、就业\n■2025年3月,市民在社区食堂用餐。") == ["一、就业"]  # a date is no figure
