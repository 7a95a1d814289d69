"""Mending damaged text before it is read: split numbers, pinyin residue, injected spam, cut-off ends."""

from __future__ import annotations

import signal

import pytest

from tui_shishi.model import FLAG_REPAIRED, FLAG_SPAM, FLAG_TRUNCATED
from tui_shishi.parse import repair
from tui_shishi.parse.text import Line, fold, split_lines


def _repair(text: str):
    return repair.repair(split_lines(text))


def _one(text: str) -> tuple[str, list]:
    """The mended text of a one-line document, and its flags."""
    kept, flags = _repair(text)
    assert len(kept) <= 1  # kept, or dropped as spam (the markers): never split or multiplied
    assert kept[0].fold == fold(kept[0].raw)
    return kept[0].raw, flags


# --- stray spaces inside numbers -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mended"),
    [
        ("截至3月底,201 7年全市新建公厕12座。", "截至3月底,2017年全市新建公厕12座。"),
        ("20 21年计划完成改造。", "2021年计划完成改造。"),
        ("在2 024年底前完成。", "在2024年底前完成。"),
        ("于2 0 1 9年启动。", "于2019年启动。"),
        ("199 8年建成的老旧小区", "1998年建成的老旧小区"),
        ("奖补资金已拨付约3.2 5亿元,占计划80%。", "奖补资金已拨付约3.25亿元,占计划80%。"),
        ("覆盖率达到96.4 7%。", "覆盖率达到96.47%。"),
        ("完成投资12.0 5万元。", "完成投资12.05万元。"),
    ],
)
def test_split_numbers_joined(text: str, mended: str) -> None:
    raw, flags = _one(text)
    assert raw == mended
    assert [f.kind for f in flags] == [FLAG_REPAIRED]


@pytest.mark.parametrize(
    "text",
    [
        "1 2 3",
        "1 新建社区食堂10个",
        "2019 2020年度",
        "1 2017年新建项目",  # a table's 序号 then a year
        "第1 2件",
        "咨询电话:0571-8888 1234",
        "报名时间:2023-10-26 12:00",
        "180 0年",  # not a year of the genre
        "1.1 2023年完成改造",  # a section number, then a year
        "1.2 3个乡镇",  # a section number at the line's start
        "指标 1.5 20万元",  # after a space: two cells
        "下达资金10.1 7",  # no unit after it
        "约1.25 678亿元",  # too many decimals to be one number
        "v1.2 3版系统",
        "2017 年全市新建",  # a space before 年 is a style, not damage
    ],
)
def test_separate_numbers_not_joined(text: str) -> None:
    lines = split_lines(text)
    kept, flags = repair.repair(lines)
    assert flags == []
    assert kept[0] is lines[0]


def test_number_flag_quotes_before_and_after() -> None:
    _, flags = _one("截至6月底,201 7年省级资金下达约10.1 7亿元。")
    assert len(flags) == 1
    flag = flags[0]
    assert flag.kind == FLAG_REPAIRED and flag.line == 1
    assert flag.detail.startswith("修正数字中的空格2处：")
    assert "201 7年" in flag.detail and "2017年" in flag.detail
    assert "10.1 7亿元" in flag.detail and "10.17亿元" in flag.detail
    before, after = flag.detail.split("；")[0].split("：", 1)[1].split("→")
    assert "201 7年" in before and "2017年" in after and "201 7" not in after


# --- pinyin residue --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mended"),
    [
        ("市政府將(jiāng)辦(bàn)好十件實事", "市政府將辦好十件實事"),
        ("辦（bàn）理居住證", "辦理居住證"),
        ("辦( bàn )理", "辦理"),
        ("辦(ban4)理", "辦理"),
        ("綠(lǜ)化", "綠化"),
        ("綠(lv4)化", "綠化"),
        ("辦(ba\u0300n)理", "辦理"),  # a combining tone mark
        ("學(xué)校", "學校"),
        ("專(zhuān)項", "專項"),
    ],
)
def test_pinyin_residue_removed(text: str, mended: str) -> None:
    raw, flags = _one(text)
    assert raw == mended
    assert [f.kind for f in flags] == [FLAG_REPAIRED]


def test_pinyin_folded_to_simplified() -> None:
    kept, _ = _repair("辦(bàn)理")
    assert kept[0].fold == "办理"


@pytest.mark.parametrize(
    "text",
    [
        "配置自动体外除颤器(AED)100台",
        "采用政府和社会资本合作(PPP)模式",
        "辦(ban)理",  # no tone: maybe a name, kept
        "安置地块(A1)",
        "地块(a1)",  # one letter and a digit: too short to be sure
        "国道(G2)改造",
        "建设(bàn4)",  # a mark and a digit
        "第1(bàn)",  # not after a Han character
        "系统(xyz1)",  # not a syllable
        "辦(bàn lǐ)理",  # two syllables
        "开通热线(12345)",
    ],
)
def test_brackets_that_are_not_pinyin_kept(text: str) -> None:
    lines = split_lines(text)
    kept, flags = repair.repair(lines)
    assert flags == []
    assert kept[0] is lines[0]


def test_pinyin_flag_quotes_before_and_after() -> None:
    _, flags = _one("市政府將(jiāng)辦(bàn)好十件實事")
    (flag,) = flags
    # two mends close together share one quote
    assert flag.detail == "去除汉字后的拼音注音2处：“市政府將(jiāng)辦(bàn)好十件實事”→“市政府將辦好十件實事”"


def test_many_mends_in_a_line_quoted_apart_and_counted() -> None:
    gap = "的" * 20
    _, flags = _one(f"201 7年{gap}20 18年{gap}20 19年{gap}20 20年")
    (flag,) = flags
    assert flag.detail.startswith("修正数字中的空格4处：“201 7年")
    assert flag.detail.count("→") == 3 and flag.detail.endswith("等")
    assert f"“{gap[:8]}20 18年{gap[:7]}”→“{gap[:8]}2018年{gap[:7]}”" in flag.detail


# --- spam --------------------------------------------------------------------------------------------

_PREFIX = "bet365娱乐城_888bet在线_bet365官网入口"


def test_spam_prefix_removed() -> None:
    raw, flags = _one(_PREFIX + "某某区第三届人民代表大会第一次会议")
    assert raw == "某某区第三届人民代表大会第一次会议"
    (flag,) = flags
    assert flag.kind == FLAG_SPAM and flag.line == 1
    assert flag.detail.startswith("去除转载网站插入的广告文字：")
    before, after = flag.detail.split("：", 1)[1].split("→")
    assert before.startswith("“" + _PREFIX + "某某区") and after.startswith("“某某区")


def test_spam_suffix_removed() -> None:
    raw, flags = _one("新建社区食堂10个。 真人娱乐_彩票网址_棋牌在线")
    assert raw == "新建社区食堂10个。"
    (flag,) = flags
    assert flag.kind == FLAG_SPAM
    assert "“新建社区食堂10个。 真人娱乐_彩票网址_棋牌在线”→“新建社区食堂10个。”" in flag.detail


def test_spam_prefix_stops_at_the_documents_figures() -> None:
    raw, _ = _one("beat365体育登陆网址2023年民生实事项目")
    assert raw == "2023年民生实事项目"


def test_spam_line_dropped_and_numbers_kept() -> None:
    text = "第一行。\n" + _PREFIX + "\n  \n" + _PREFIX + "某区201 7年计划\n最后一行。"
    lines = split_lines(text)
    kept, flags = repair.repair(lines)
    assert [line.number for line in kept] == [1, 3, 4, 5]
    assert kept[0] is lines[0] and kept[1] is lines[2] and kept[3] is lines[4]
    assert kept[2].raw == "某区2017年计划" and kept[2].fold == fold("某区2017年计划")
    assert [(f.kind, f.line) for f in flags] == [(FLAG_SPAM, 2), (FLAG_SPAM, 4), (FLAG_REPAIRED, 4)]
    assert flags[0].detail.startswith("去除转载网站插入的广告行：")


@pytest.mark.parametrize(
    "text",
    [
        "开通在线预约服务",
        "公布网址和电话",
        "在线服务平台建设",
        "网址:www.example.gov.cn",
        "体育彩票公益金资助建设健身步道",
        "真人秀节目",
        "5G在线问诊覆盖全市",
        "APP在线办理",
        "新建社区体育公园3个,开通在线预约",
        "登录官网下载表格",
        "市民可登录政务服务网注册",
        "彩票 网址",  # two markers without a _ or a brand
    ],
)
def test_text_with_marker_words_kept(text: str) -> None:
    lines = split_lines(text)
    kept, flags = repair.repair(lines)
    assert flags == []
    assert kept[0] is lines[0]


# --- lines kept -------------------------------------------------------------------------------------


def test_unchanged_lines_are_the_same_objects() -> None:
    lines = split_lines("一、新建幼儿园5所\n\n牵头单位:市教育局\n完成时限:2023年12月31日前")
    kept, flags = repair.repair(lines)
    assert flags == []
    assert all(a is b for a, b in zip(kept, lines, strict=True))


def test_line_numbers_kept_and_fold_recomputed() -> None:
    lines = [Line(7, "辦(bàn)理201 7年", fold("辦(bàn)理201 7年")), Line(9, "无需修改", fold("无需修改"))]
    kept, flags = repair.repair(lines)
    assert [line.number for line in kept] == [7, 9]
    assert kept[0].raw == "辦理2017年" and kept[0].fold == "办理2017年"
    assert kept[1] is lines[1]
    assert [(f.kind, f.line) for f in flags] == [(FLAG_REPAIRED, 7), (FLAG_REPAIRED, 7)]


def test_empty_input() -> None:
    assert repair.repair([]) == ([], [])


# --- cut-off documents -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "四、促进就业。确保全市新增参保人数1234",  # inside a number
        "其中:甲区2所、乙区1所、丙县1所、镇",  # a lone character
        "推进水系建设。截",
        "开展文化惠民活动,组",
        "项目分别是:",
        "城镇新增就业1万人,农村劳动力",
        "一、新建道路(",
        "提升基本公共卫生服务能力今年基本公共卫生服务项目政府补助标准从每人每年45元提高到50元截至6月底",
        "完成改造任务。截至9月底",  # a new sentence began and stops
        "镇",
        "完成情况:已完成新建,正在推进",
        "牵头单位:市教育局\n新建幼儿园8所,其中",
    ],
)
def test_cut_off(text: str) -> None:
    assert repair.cut_off(text)


@pytest.mark.parametrize(
    "text",
    [
        "新建幼儿园5所。",
        "新建幼儿园5所;",
        "确保全年完成!",
        "实施“菜篮子”工程”",
        "(责任单位:市教育局)",
        "新民社区建设项目",
        "⑩城北社区道路建设项目",
        "覆盖率达100%",
        "牵头单位:市市场监管局",
        "责任单位:各县(市)区人民政府、市农业农村局",
        "完成时限:2023年12月31日前",
        "完成时限:2023.12",
        "投资金额:500",
        "备注:无",
        "各项工作有序推进。 某某市民生办",  # a signature set apart
        "| 1 | 新建道路 | 100 |",
        "1\t新建道路\t2023年12月",
        "新建幼儿园5所。\n\n  ",
        "",
        "   \n",
    ],
)
def test_not_cut_off(text: str) -> None:
    assert not repair.cut_off(text)


def test_unpunctuated_list_style_from_peers() -> None:
    last = "十、实施老旧小区改造,改善居住环境"
    assert repair.cut_off(last)
    peers = ["一、新建幼儿园5所,增加学位", "二、改造农贸市场3个", "三、新增停车位500个"]
    assert not repair.cut_off(last, peers=peers)
    # a peer style never hides an end inside a number or after a comma
    assert repair.cut_off("十、新增停车位50", peers=peers)
    assert repair.cut_off("十、新增停车位,", peers=peers)
    assert repair.cut_off(last, peers=["一、新建幼儿园5所。", "二、改造农贸市场3个。"])


def test_truncation_flag() -> None:
    assert repair.truncation_flag("新建幼儿园5所。", 12) is None
    flag = repair.truncation_flag("一、促进就业。\n确保全市新增参保人数1234", 12)
    assert flag is not None
    assert flag.kind == FLAG_TRUNCATED and flag.line == 12
    assert flag.detail == "文档在此处中断，只保留已有内容：“确保全市新增参保人数1234”"
    long = "推进" * 40 + "截至6月底,完成"
    flag = repair.truncation_flag(long, None)
    assert flag is not None and flag.line is None
    assert flag.detail.endswith("…" + long[-50:] + "”")


# --- speed ------------------------------------------------------------------------------------------


def test_a_megabyte_is_repaired_line_for_line() -> None:
    # Its speed is measured by bench/parse.py (a ratio against a baseline), not here.
    block = (
        "截至6月底,201 7年省级资金已下达约10.1 7亿元,辦(bàn)理。\n"
        + _PREFIX
        + "某区人民代表大会\n开通在线预约服务,公布网址和电话。\n"
        + "新建社区食堂10个,占年计划的49.63%。\n" * 5
    )
    text = block * (1_000_000 // len(block))
    lines = split_lines(text)
    kept, flags = repair.repair(lines)
    assert len(kept) == len(lines) and flags


@pytest.mark.parametrize(
    "text",
    ["在线_" * 20000, "1 " * 50000 + "年", "a" * 100000 + "1", "約1.1 " * 20000, "辦(" * 50000],
    ids=["markers", "digits", "letters", "decimals", "brackets"],
)
def test_no_runaway_line(text: str) -> None:
    """Lines built to make a backtracking pattern run away finish (a hang guard, far above any
    normal time: the speed itself is measured by bench/parse.py)."""

    def runaway(signum, frame):
        raise TimeoutError("repair ran away on a hostile line")

    previous = signal.signal(signal.SIGALRM, runaway)
    signal.alarm(60)
    try:
        kept, _flags = repair.repair(split_lines(text))
        repair.cut_off(text)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert len(kept) <= 1  # kept, or dropped as spam (the markers): never split or multiplied


# --- control characters ---------------------------------------------------------------------------


def test_control_characters_and_their_sequences_are_removed_and_counted() -> None:
    kept, flags = _repair("新建\x1b]0;evil\x07公园\x1b[2J10个\n说明\x9b31m文字\x0c。见\x1b[注]\n无")
    assert [line.raw for line in kept] == ["新建公园10个", "说明文字。见[注]", "无"]
    assert all(line.fold == fold(line.raw) for line in kept)
    (flag,) = flags
    assert (flag.kind, flag.detail, flag.line) == (FLAG_REPAIRED, "去除控制字符6个（第1、2行）", 1)


def test_bidirectional_overrides_are_removed_and_counted() -> None:
    kept, flags = _repair("改造老旧小区30个\u202e反向\u202c\n\u2067新建公园\u2069")
    assert [line.raw for line in kept] == ["改造老旧小区30个反向", "新建公园"]
    assert flags[0].detail == "去除控制字符4个（第1、2行）"


def test_tabs_stay_and_an_unterminated_sequence_loses_only_its_escape() -> None:
    kept, flags = _repair("序号\t项目\n甲\x1b]0;未完的标题")
    assert [line.raw for line in kept] == ["序号\t项目", "甲]0;未完的标题"]
    assert flags[0].detail == "去除控制字符1个（第2行）"
