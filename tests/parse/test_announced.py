"""The announced list (第N件, summary line, ● bullets): the seed's garbling and the genre's variations."""

import pathlib

import pytest

from tui_shishi import model
from tui_shishi.parse import bullets, parse_bytes, parse_file

SEED = "data/sources/qingdao-2024-announced-list.txt"


@pytest.fixture(scope="module")
def seed():
    return parse_file(SEED)


def flags(doc, kind):
    return [f for f in doc.all_flags() if f.kind == kind]


def item(doc, number):
    return next(i for i in doc.items if i.number == number)


def test_seed_items_in_published_order(seed):
    assert seed.format == "jian" and seed.kind == model.KIND_ANNOUNCED
    assert [i.number for i in seed.items] == [1, 2, 3, 4, 5, 7, 6, 14, 12, 15, 11, 13]


def test_seed_missing_and_out_of_order_are_flagged(seed):
    (missing,) = flags(seed, model.FLAG_MISSING_ITEMS)
    assert "缺少第8、9、10件" in missing.detail
    assert sorted(f.item_number for f in flags(seed, model.FLAG_OUT_OF_ORDER)) == [6, 11, 12, 13]
    assert not flags(seed, model.FLAG_DUPLICATE_ITEM)


def test_seed_summary_line_gives_title_and_indicators(seed):
    first = item(seed, 1)
    assert first.title.startswith("实现城镇新增就业35万人") and first.line == 9
    assert [(i.text, i.target.value, i.target.unit) for i in first.indicators] == [
        ("实现城镇新增就业35万人", 350000, "人"),
        ("扶持创业3万人", 30000, "人"),
        ("新设城乡公益性岗位1.65万个", 16500, "个"),
    ]
    assert all(i.line == 11 and i.sentence for i in first.indicators)
    # Offsets of the target are valid in the indicator text.
    assert all(i.text[i.target.start : i.target.end] == i.target.text for i in first.indicators)


def test_seed_figureless_commitment_is_an_indicator_but_the_theme_is_not(seed):
    texts = {i.text: i.target for i in item(seed, 6).indicators}
    assert texts["推动地铁6号线一期开通运营"] is None
    assert "提升家庭医生签约服务" not in {i.text for i in item(seed, 4).indicators}


def test_seed_bullets_kept_as_published(seed):
    assert item(seed, 1).notes[0].startswith("●实现城镇新增就业35万人。")
    assert len(item(seed, 12).notes) == 6


def repeated(doc, number):
    return {f.line: f.detail for f in item(doc, number).flags if f.kind == model.FLAG_REPEATED_BULLET}


def test_seed_repeated_bullets_name_their_item(seed):
    assert "第2件" in repeated(seed, 5)[49]
    assert "第12件" in repeated(seed, 15)[111]
    under_6 = repeated(seed, 6)
    assert "第11件" in under_6[77] and "第11件" in under_6[79]
    assert {71, 73, 75} <= set(under_6)  # targets of no listed item (8-10 are missing)
    under_12 = repeated(seed, 12)
    assert all("第15件" in under_12[line] for line in (99, 101, 103))
    # The same bullet under 13 and 15 belongs to 13 (农贸市场): flagged under 15 only.
    assert "第13件" in repeated(seed, 15)[115]
    assert 127 not in repeated(seed, 13)


def test_seed_bullets_in_their_own_item_are_not_flagged(seed):
    assert not repeated(seed, 1) and not repeated(seed, 2) and not repeated(seed, 4)
    assert 113 not in repeated(seed, 15) and 97 not in repeated(seed, 12)


def test_seed_bullets_never_create_indicators(seed):
    assert not any("人工智能" in i.text for i in item(seed, 5).indicators)
    assert not any("无障碍" in i.text for i in item(seed, 12).indicators)
    assert not any("供水" in i.text for i in item(seed, 6).indicators)


TRADITIONAL = """2022年臺南15件市辦實事
第一件
實現城鎮新增就業２萬人，新設公益性崗位５００個。
●實現城鎮新增就業２萬人。說明文字。
第十二件
建設口袋公園１２個；開通社區巴士線路。
●實現城鎮新增就業２萬人。說明文字。
"""


def test_traditional_full_width_and_chinese_numbers():
    doc = parse_bytes(TRADITIONAL.encode("utf-8"))
    assert doc.format == "jian"
    assert doc.city == "台南" and doc.period == "2022"
    assert [i.number for i in doc.items] == [1, 12]
    first, twelfth = doc.items
    assert [i.target.value for i in first.indicators] == [20000, 500]
    assert [i.target and i.target.value for i in twelfth.indicators] == [12, None]
    (flag,) = [f for f in twelfth.flags if f.kind == model.FLAG_REPEATED_BULLET]
    assert "第1件" in flag.detail and flag.line == 7
    assert "2至11" not in "".join(f.detail for f in doc.flags)
    (missing,) = [f for f in doc.flags if f.kind == model.FLAG_MISSING_ITEMS]
    assert "缺少第2、3、" in missing.detail and "11件" in missing.detail


def test_heading_with_summary_on_the_same_line():
    text = "2021年某某市办实事\n第1件：新建公园10个\n●新建公园10个。\n第2件：改造道路20条\n●改造道路20条。\n"
    doc = parse_bytes(text.encode())
    assert doc.format == "jian"
    assert [i.title for i in doc.items] == ["新建公园10个", "改造道路20条"]
    assert not any(f.kind == model.FLAG_REPEATED_BULLET for f in doc.all_flags())


def test_item_without_summary_is_flagged():
    text = "2021年某某市办实事\n第1件\n\n第2件\n改造道路20条。\n●改造道路20条。\n"
    doc = parse_bytes(text.encode())
    assert any(f.kind == model.FLAG_NOT_UNDERSTOOD and f.item_number == 1 for f in doc.all_flags())


def test_belonging_scores_restatement():
    assert bullets.belonging("建设中小学人工智能实验室200间。说明。", "改造幼儿园50所;建设中小学人工智能实验室200间。") > 0.9
    assert bullets.belonging("通过项目实施,激发积极性。", "改造幼儿园50所。") < 0.3


def test_seed_values_of_one_measure_are_one_indicator(seed):
    rates = [i for i in item(seed, 5).indicators if "报销比例" in i.text]
    assert [i.target.text for i in rates] == ["80%"]
    assert "80%、70%、60%" in rates[0].text
    subsidy = [i for i in item(seed, 3).indicators if "二孩" in i.text]
    assert [(i.target.label, i.target.value) for i in subsidy] == [("二孩", 500)]
    sport = [i for i in item(seed, 12).indicators if "活动" in i.text]
    assert [i.target.label for i in sport] == ["文体科教活动", "乡村体育活动"]  # two measures, one unit


def test_seed_repeated_bullet_flags_in_chinese_quote_enough_to_find_the_bullet(seed):
    text = pathlib.Path(SEED).read_text(encoding="utf-8").splitlines()
    for f in flags(seed, model.FLAG_REPEATED_BULLET):
        assert f.detail.startswith(f"第{f.item_number}件下的要点"), f.detail
        quoted = f.detail.split("“", 1)[1].rstrip("”").rstrip("…")
        assert len(quoted) >= 40 or f.detail.endswith("。”"), f.detail  # cut only when long
        assert text[f.line - 1].lstrip("●").startswith(quoted), f.detail  # found again on its line
    under_6 = repeated(seed, 6)
    assert under_6[77].startswith("第6件下的要点属于第11件：“改造农村供水主管网70公里,")


def test_a_bullet_repeated_under_many_items_names_ten_of_them_and_how_many():
    lines = ["2024年某市办实事"]
    for k in range(1, 16):
        lines += [f"第{k}件", f"新建公园{k}个。", "●改造老旧小区管网。说明。"]
    doc = parse_bytes("\n".join(lines).encode())
    details = [f.detail for f in doc.all_flags() if f.kind == model.FLAG_REPEATED_BULLET]
    assert len(details) == 15
    assert details[0].startswith("第1件下的要点也出现在第2、3、4、5、6、7、8、9、10、11等14件下，归属不明")
    assert details[-1].startswith("第15件下的要点也出现在第1、2、3、4、5、6、7、8、9、10等14件下")


def test_stray_bullets_of_a_long_list_are_found_as_in_a_short_one():
    """The index offers each bullet the summaries it may belong to: a bullet of item 3 placed under
    item 140 is found among 150 items, as it is among 5."""

    def document(n: int) -> str:
        lines = ["2024年某市办实事"]
        for k in range(1, n + 1):
            summary = "改造农村公路危桥12座" if k == 3 else f"第{k}片区新建社区食堂{k}个"
            lines += [f"第{k}件", f"{summary}。", f"●{summary}。说明。"]
        lines.insert(-1, "●改造农村公路危桥12座。惠及群众。")  # under the last item
        return "\n".join(lines)

    for n in (5, 150):
        doc = parse_bytes(document(n).encode())
        details = [f.detail for f in doc.all_flags() if f.kind == model.FLAG_REPEATED_BULLET]
        assert details == [f"第{n}件下的要点属于第3件：“改造农村公路危桥12座。惠及群众。”"], n
