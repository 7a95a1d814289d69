"""Web-page chrome: gone from the seeds, structure kept, and read by shape on new pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tui_shishi.model import FLAG_CHROME_STRIPPED
from tui_shishi.parse import chrome
from tui_shishi.parse.text import split_lines

SOURCES = Path(__file__).resolve().parents[2] / "data" / "sources"
SEEDS = sorted(SOURCES.glob("*.txt"))
STRUCTURE = re.compile(r"^\s*(第\d+件|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d+[、.．])|\t\S")


def _strip(text: str):
    return chrome.strip(split_lines(text))


def _kept_text(text: str) -> list[str]:
    kept, _ = _strip(text)
    return [line.raw for line in kept]


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_seed_structure_lines_all_kept(path: Path) -> None:
    lines = split_lines(path.read_text(encoding="utf-8"))
    kept, flags = chrome.strip(lines)
    kept_numbers = {line.number for line in kept}
    structure = [line.number for line in lines if STRUCTURE.search(line.raw)]
    assert structure and all(n in kept_numbers for n in structure)
    assert all(flag.kind == FLAG_CHROME_STRIPPED and flag.line for flag in flags)
    # numbers stay those of the file
    assert all(lines[line.number - 1].raw.startswith(line.raw) for line in kept)


def test_zibo_top_and_bottom() -> None:
    lines = split_lines((SOURCES / "zibo-2022-2024-key-tasks.txt").read_text(encoding="utf-8"))
    kept, flags = chrome.strip(lines)
    text = "\n".join(line.raw for line in kept)
    for gone in ("搜索", "联系我们", "招聘信息", "济南 青岛", "发布时间", "热点新闻", "+更多", "花饽饽"):
        assert gone not in text
    assert kept[0].raw.strip().startswith("淄博市建设高品质民生") or not kept[0].raw.strip()
    assert "淄博市建设高品质民生促进共同富裕113项重点任务清单" in text  # the title is not chrome
    assert [f.line for f in flags] == [1, 8, 314]
    assert "已去除网页杂项6行" in flags[0].detail and "搜索" in flags[0].detail
    last = [line for line in kept if line.raw.strip()][-1]
    assert last.raw.strip().startswith("113、")


def test_qingdao_progress_footer_and_trailing_byline() -> None:
    lines = split_lines((SOURCES / "qingdao-2020-progress-october.txt").read_text(encoding="utf-8"))
    kept, flags = chrome.strip(lines)
    by_number = {line.number: line.raw for line in kept}
    assert by_number[99].endswith("11月初正式进入试运行阶段。")
    assert 101 not in by_number and 103 not in by_number  # 责任编辑, 分享到
    assert by_number[1].startswith("2020年青岛市办实事进展顺利")  # headline kept
    assert by_number[3].startswith("青岛日报社/观海新闻11月11日讯")  # the lead paragraph is body text
    assert any("薛华飞" in f.detail and f.line == 99 for f in flags)


def test_qingdao_year_end_captions_and_byline() -> None:
    lines = split_lines((SOURCES / "qingdao-2025-year-end-report.txt").read_text(encoding="utf-8"))
    kept, flags = chrome.strip(lines)
    text = "\n".join(line.raw for line in kept)
    assert "■" not in text and "刘萍" not in text
    assert "年终捷报" in text and "涵盖就业居住教育" in text
    assert sum(1 for line in kept if line.raw.startswith("第")) == 15
    assert flags[0].line == 7


def test_table_and_list_seeds_untouched() -> None:
    for name in ("qingdao-2023-implementation-plan.txt", "qingdao-2024-announced-list.txt"):
        lines = split_lines((SOURCES / name).read_text(encoding="utf-8"))
        kept, flags = chrome.strip(lines)
        assert kept == lines and flags == []


def test_new_page_shapes() -> None:
    page = "\n".join(
        [
            "首页",
            "当前位置:首页 > 政务公开 > 通知公告",
            "北京 上海 广州 深圳 杭州 成都",
            "某市2026年民生实事项目",
            "来源:某市政府网",
            "一、就业",
            "1、新增就业10万人。(牵头部门:市人社局)",
            "本报记者 张三 通讯员 李四",
            "相关阅读",
            "某市召开会议",
            "另一条新闻",
            "Copyright © 2026 某市人民政府 版权所有 鲁ICP备12345号",
        ]
    )
    kept = _kept_text(page)
    assert kept == ["某市2026年民生实事项目", "一、就业", "1、新增就业10万人。(牵头部门:市人社局)"]


def test_structure_after_a_links_heading_is_kept() -> None:
    kept = _kept_text("一、就业\n相关新闻\n某条新闻\n二、教育\n3、新建学校5所。")
    assert kept == ["一、就业", "二、教育", "3、新建学校5所。"]


def test_markdown_table_rows_are_not_menus() -> None:
    table = "| 序号 | 实施内容 | 牵头单位 |\n|---|---|---|\n| 1 | 新增就业 | 市人社局 |"
    assert _kept_text(table) == table.split("\n")
    menu = "标题\n招聘信息 | 版权声明 | 广告合作 | 关于我们\n正文一句话,很长的内容。"
    assert _kept_text(menu) == ["标题", "正文一句话,很长的内容。"]


def test_headline_mentioning_reporters_is_not_a_byline() -> None:
    kept = _kept_text("记者走访城市口袋公园建设现场发现新变化\n正文。")
    assert kept[0].startswith("记者走访")


def test_traditional_and_full_width_chrome() -> None:
    kept, flags = _strip("責任編輯：王五\n正文。\n分享到：微信")
    assert [line.raw for line in kept] == ["正文。"]
    assert len(flags) == 2


def test_blank_lines_inside_a_run_go_with_it() -> None:
    kept, flags = _strip("正文。\n\n■图一\n\n■图二\n\n第2件:后文。")
    assert [line.raw for line in kept] == ["正文。", "", "", "第2件:后文。"]
    assert len(flags) == 1 and "2行" in flags[0].detail and flags[0].line == 3


def test_space_separated_table_header_is_not_a_word_row() -> None:
    assert _kept_text("序号 实施内容 牵头单位 协办单位 实施计划") == ["序号 实施内容 牵头单位 协办单位 实施计划"]


def test_a_long_chrome_line_is_quoted_long_enough_to_find_again() -> None:
    caption = "■崂山区千禧龙苑小区举办物业管理服务专题活动，图为活动留影，居民代表与物业公司工作人员在小区广场合影留念"
    kept, flags = _strip(f"正文。\n{caption}\n第2件:后文。")
    (flag,) = flags
    assert flag.line == 2 and flag.detail.startswith("已去除网页杂项1行：“■崂山区千禧龙苑")
    quoted = flag.detail.split("“", 1)[1].rstrip("”").rstrip("…")
    assert len(quoted) >= 40 and caption.startswith(quoted)
