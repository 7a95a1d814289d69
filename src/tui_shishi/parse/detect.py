"""Metadata read from the text itself: city, plan period, as-of date, title; and format scores.

Nothing here knows a city by name: a city is whatever the text names in the places a city's
name stands in this genre (``2024年青岛15件市办实事``, a title ``淄博市建设…``, a newspaper
``青岛日报``). All matching is on folded text, so Traditional and full-width text reads alike,
and the city comes back folded (青島 → 青岛): it is the key that groups a city's documents.
A year-end report's as-of date (31 December) is set by the entry point once the format is known.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from tui_shishi import model
from tui_shishi.parse import lexicon, places
from tui_shishi.parse.text import Line, fold

UNKNOWN_CITY = "未知"

# Openings of the metadata flags' details; the entry point drops a flag whose field the user gave.
CITY_GUESSED = "城市名由机构名称推断"
CITY_NOT_FOUND = "文中未找到城市名"
YEAR_NOT_FOUND = "文中未找到年份"

_HAN = "\u4e00-\u9fff"
_CN_DIGITS = "〇零一二两三四五六七八九十"

# ``2024年青岛15件市办实事`` / ``2020年青岛市办实事`` / ``2023年淄博市民生实事``: the name sits between
# the year and the count or the 市办实事 / 民生实事 words.
_YEAR_CITY_LIST = re.compile(
    rf"(?:19|20)\d\d年度?([{_HAN}]{{2,4}}?)市?(?:[\d{_CN_DIGITS}]+件(?:[\d{_CN_DIGITS}]+项)?)?"
    r"(?:市办实事|办实事|民生实事|为民办实事)"
)
# ``淄博市建设…`` at the start of a line, ``青岛市红十字会``.
_LINE_START_CITY = re.compile(rf"^[^{_HAN}\d]*([{_HAN}]{{2,3}}?)市(?![级场民值面容])")
# A city named after a boundary: ``在青岛市``, ``,淄博市区``, ``2022年淄博市``.
_BOUNDED_CITY = re.compile(rf"(?:^|[^{_HAN}]|[年在对为由向从与和及])([{_HAN}]{{2,3}}?)市(?![级场民值面容])")
# Organisations named after their city in department lists: ``青岛供电公司``, ``青岛地铁集团``.
_ORGANISATION_CITY = re.compile(rf"(?:^|[^{_HAN}])([{_HAN}]{{2}})市?[{_HAN}]{{1,8}}?(?:集团|公司|支行|分行)")
# City newspapers: ``青岛日报``, ``淄博日报``.
_NEWSPAPER_CITY = re.compile(rf"(?:^|[^{_HAN}])([{_HAN}]{{2,3}}?)日报")

# Words ending in 市 that are not ``<city>市``, and prefixes that make X市 a phrase (全市, 我市).
_NOT_CITY_WORDS = {
    "城市",
    "都市",
    "超市",
    "门市",
    "夜市",
    "股市",
    "楼市",
    "车市",
    "集市",
    "上市",
    "下市",
    "开市",
    "闭市",
    "互市",
    "花市",
    "早市",
    "菜市",
    "街市",
    "闹市",
    "房市",
    "债市",
    "汇市",
    "灯市",
}
_NOT_CITY_START = set("全我本该各每此其同省县区镇乡村")
# Words that may stand glued before a city's name (在淄博市, 对青岛市, 全淄博市, 由青岛供电公司):
# prepositions, conjunctions and determiners. They open no name unless the gazetteer knows it so
# (本溪市, 和田市, 同江市).
_LEADING_WORDS = frozenset("在于对向从由与和及为至赴到是全我本该各每此其同")
# Verbs that end a clause before 市级/市区 (``建成市级…中心``): a phrase, not a name.
_NOT_CITY_VERBS = ("建成", "建设", "完成", "实现", "新建", "改造", "推动", "打造", "开展", "提升", "增设", "设置", "覆盖", "推进")
_NOT_CITY_NAMES = {
    "人民",
    "光明",
    "经济",
    "工人",
    "农民",
    "法治",
    "中国",
    "科技",
    "健康",
    "中国青年",
    "解放",
    "新华",
    "参考",
    "环球",
    "大众",
    "齐鲁",
    "半岛",
    "信息",
    "服务",
}
# What stands between a year and 办实事 when no city does: ``2024年为民办实事``, ``2025年重点民生实事``.
_NOT_CITY_QUALIFIERS = ("为民", "惠民", "重点", "民生", "十大", "年度")

_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
_YEAR_RANGE = re.compile(r"((?:19|20)\d\d)\s*(?:年)?\s*[-—–~～至到]\s*((?:19|20)\d\d)\s*年")
_PUBLISHED = re.compile(r"(?:发布时间|发布日期|发布于|时间|日期)\s*[:]?\s*((?:19|20)\d\d)[-/.年](\d{1,2})[-/.月](\d{1,2})")
_BY_YEAR = re.compile(r"到\s*((?:19|20)\d\d)\s*年")
# A three-year plan: ``三年攻坚行动``, ``三年行动计划``, ``三年新改扩建``.
_THREE_YEARS = re.compile(r"三年(?:攻坚|行动|计划|规划)")

# The as-of phrasings are the lexicon's: 截至/截止 … 10月底 / 10月末 / 10月份末.
_AS_OF_OPENER = lexicon.alternation("as_of", "openers")
_MONTH_END = lexicon.alternation("as_of", "month_end")
_AS_OF_MONTH_END = re.compile(rf"{_AS_OF_OPENER}\s*(?:((?:19|20)\d\d)\s*年)?\s*([\d{_CN_DIGITS}]{{1,3}})\s*月\s*{_MONTH_END}")
# ``截至三季度末`` / ``截至第三季度末``: the quarter's last month.
_AS_OF_QUARTER = re.compile(rf"{_AS_OF_OPENER}\s*(?:((?:19|20)\d\d)\s*年)?\s*(?:第)?([一二三四1-4])\s*季度{_MONTH_END}")
# Weaker signs, read only in a report's title and lead: ``1-9月`` / ``1至9月份``, ``前三季度``, ``上半年``.
_MONTHS_FROM_JANUARY = re.compile(r"(?<![\d.])1\s*[-—–~～至到]\s*(\d{1,2})\s*月(?!\s*[\d底末前])")
_PERIOD_WORDS: dict[str, int] = dict(lexicon.table("as_of")["periods"])
_PERIOD = re.compile(
    "(?:" + "|".join(sorted(map(re.escape, _PERIOD_WORDS), key=len, reverse=True)) + ")(?:进展|进度|落实|推进|工作|情况|以来)"
)
_LEAD_LINES = 6
_AS_OF_DAY = re.compile(
    rf"{_AS_OF_OPENER}\s*(?:((?:19|20)\d\d)\s*年)?\s*([\d{_CN_DIGITS}]{{1,3}})\s*月\s*([\d{_CN_DIGITS}]{{1,3}})\s*[日号]"
)


@dataclass
class Metadata:
    city: str = UNKNOWN_CITY
    year_start: int | None = None
    year_end: int | None = None
    title: str = ""
    as_of: dt.date | None = None
    title_line: int | None = None
    place: str = ""  # a district's or county's own name (岚皋县), its city in ``city``
    place_level: str = ""
    flags: list[model.Flag] = field(default_factory=list)


def detect_metadata(kept: list[Line], all_lines: list[Line] | None = None) -> Metadata:
    """City, period, title and as-of from the text (``kept``: lines left after chrome stripping).

    ``all_lines`` adds the chrome back for what only chrome holds (a publication date).
    """
    all_lines = all_lines if all_lines is not None else kept
    meta = Metadata()
    meta.title, meta.title_line = detect_title(kept)
    found = None
    place = places.document_place([line.fold for line in kept])
    if place is not None:
        p = place.place
        meta.place_level = p.level
        if p.level in ("district", "county"):
            meta.place = p.name
        found = (p.city or p.short, place.strong)
    if found is None or not found[1]:
        found = detect_city(kept) or found
    if found is None or not found[1]:
        found = detect_city(all_lines) or found
    if found:
        meta.city = found[0]
        if not found[1]:
            meta.flags.append(model.Flag(model.FLAG_METADATA, f"{CITY_GUESSED}：{found[0]}"))
    else:
        meta.flags.append(model.Flag(model.FLAG_METADATA, f"{CITY_NOT_FOUND}，记为“{UNKNOWN_CITY}”"))
    meta.year_start, meta.year_end = detect_period(kept, all_lines, meta.title)
    if meta.year_start is None:
        meta.flags.append(model.Flag(model.FLAG_METADATA, YEAR_NOT_FOUND))
    meta.as_of = detect_as_of(kept, meta.year_end)
    return meta


def detect_title(lines: list[Line]) -> tuple[str, int | None]:
    """The first heading-like line: short, not a sentence, not a bullet or a list marker."""
    for line in lines:
        text = line.raw.strip()
        folded = line.stripped
        if not text or len(text) > 80 or folded.endswith("。"):
            continue
        if folded[0] in "●○◆◇■□•▪★☆·-—" or re.match(r"^第.{1,4}件$", folded):
            continue
        if sum(ch.isalnum() for ch in folded) < 4:
            continue
        return text, line.number
    return "", None


@lru_cache(maxsize=4096)
def _known_city(name: str) -> bool:
    """Does the gazetteer name a city ``name``市 (淄博市, 胶州市) or a prefecture ``name`` (和田)?"""
    return bool(places.find(name + "市")) or any(p.level == places.CITY for p in places.find(name))


def _city_name(text: str, start: int, end: int, width: int | None = None) -> str:
    """The name a pattern captured at ``text[start:end]``, without the function words glued before
    it (在淄博 → 淄博) unless the gazetteer knows the whole (本溪). ``width``: a name read as a fixed
    number of characters (an organisation's city) is read again as many after those words."""
    name = text[start:end]
    if _known_city(name):
        return name
    glued = 0
    while glued < len(name) and name[glued] in _LEADING_WORDS:
        glued += 1
    if not glued:
        return name
    if width is None:
        return name[glued:]  # the name ends where 市 follows it; what is left may be too short
    again = text[start + glued : start + glued + width]
    return again if len(again) == width and all("\u4e00" <= ch <= "\u9fff" for ch in again) else name[glued:]


def _city_candidate(name: str) -> bool:
    if len(name) < 2 or name in _NOT_CITY_NAMES or name.startswith(_NOT_CITY_VERBS):
        return False
    if (name[0] in _NOT_CITY_START or name[0] in _LEADING_WORDS) and not _known_city(name):
        return False
    if name.endswith(_NOT_CITY_QUALIFIERS):
        return False
    if name + "市" in _NOT_CITY_WORDS or name[-1] + "市" in _NOT_CITY_WORDS:
        return False
    # ``办``, ``实事`` and the like mean the pattern ran into the list's own words.
    return not any(word in name for word in ("市", "办", "实事", "件", "年"))


def detect_city(lines: list[Line]) -> tuple[str, bool] | None:
    """The city named by the text and whether the evidence is strong (a list or title naming it)
    rather than a guess from organisation names; votes weigh how surely each place names a city."""
    votes: Counter[str] = Counter()
    strong: Counter[str] = Counter()
    for index, line in enumerate(lines):
        text = line.fold
        for m in _YEAR_CITY_LIST.finditer(text):
            strong[_city_name(text, *m.span(1))] += 10
        start = _LINE_START_CITY.match(text)
        if start:
            # A title at the top counts more than a caption further down.
            strong[_city_name(text, *start.span(1))] += 5 if index < 12 else 2
        for m in _BOUNDED_CITY.finditer(text):
            strong[_city_name(text, *m.span(1))] += 1
        for m in _NEWSPAPER_CITY.finditer(text):
            strong[_city_name(text, *m.span(1))] += 2
        for m in _ORGANISATION_CITY.finditer(text):
            votes[_city_name(text, *m.span(1), width=2)] += 1
    votes.update(strong)
    for name, count in votes.most_common():
        if _city_candidate(name) and count >= 2:
            # Folded (Simplified) on purpose: the city is the key that groups a year's documents,
            # and 青島 in a Traditional copy is the same city as 青岛.
            return name, strong[name] >= 2
    return None


def detect_period(kept: list[Line], all_lines: list[Line], title: str = "") -> tuple[int | None, int | None]:
    """(first year, last year) of the plan: ``2025`` → (2025, 2025), a three-year plan → (2022, 2024)."""
    text = "\n".join(line.fold for line in kept)
    # A span named in the title or a heading before the items is the plan's; one in an item
    # (实施2021—2025年农村公路提升计划) or a body sentence is another plan's.
    from tui_shishi.parse.chrome import STRUCTURE

    lead = []
    for line in kept:
        if STRUCTURE.match(line.fold):
            break
        lead.append(line)
    m = _YEAR_RANGE.search("\n".join(line.fold for line in lead if _heading_like(line)))
    if m and int(m.group(1)) < int(m.group(2)) <= int(m.group(1)) + 10:
        return int(m.group(1)), int(m.group(2))
    published = _publication_year(all_lines)
    # Only a heading names the plan's span; ``三年攻坚`` inside a body sentence or a book title
    # (《全市城镇消防站三年攻坚建设任务统计表》) is about something else.
    headings = [re.sub(r"《[^》]*》", "", line.fold) for line in kept if _heading_like(line)]
    if any(_THREE_YEARS.search(heading) for heading in headings):
        by_years = [int(y) for y in _BY_YEAR.findall(text)]
        if by_years:
            end = Counter(by_years).most_common(1)[0][0]
            return end - 2, end
        first = published or _first_year(kept)
        if first:
            return first, first + 2
    genre = _genre_year(kept)
    if genre is not None:
        return genre, genre
    title_year = _YEAR.search(fold(title)) if title else None
    year = int(title_year.group(1)) if title_year else _first_year(kept) or published
    return year, year


# The year the genre's own words name: ``2023年民生实事项目``, ``2000年为群众办好以下“十件事”``,
# ``2017年省委、省政府25件为民办实事``. No 年 or 月 between, so a date (2022年12月27日投票表决,
# 确定…2023年民生实事) gives the list's year, not the vote's; a page's date line names no 实事.
_GENRE_YEAR = re.compile(r"((?:19|20)\d\d)\s*年度?[^年月。\n]{0,16}?(?:实事|件事|民生工程|民生项目)")


def _genre_year(lines: list[Line]) -> int | None:
    years = Counter(int(m.group(1)) for line in lines for m in _GENRE_YEAR.finditer(line.fold))
    return years.most_common(1)[0][0] if years else None


def _heading_like(line: Line) -> bool:
    text = line.stripped
    return 0 < len(text) <= 50 and "。" not in text and text[0] not in "●○◆◇■□•▪★☆·"


def _first_year(lines: list[Line]) -> int | None:
    for line in lines:
        m = _YEAR.search(line.fold)
        if m:
            return int(m.group(1))
    return None


def _publication_year(lines: list[Line]) -> int | None:
    for line in lines:
        m = _PUBLISHED.search(line.fold)
        if m:
            return int(m.group(1))
    return None


def _small_number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    try:
        import cn2an

        return int(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, ImportError):
        return None


def detect_as_of(lines: list[Line], year: int | None) -> dt.date | None:
    """``截至10月底`` → the last day of October of the report's year; ``截至9月30日`` → that day;
    ``截至三季度末`` → 30 September. Without a 截至 date, the title and lead may still say what the
    report covers (``1-9月``, ``前三季度进展情况``, ``上半年``): its last month's end."""
    found = _as_of_stated(lines, year)
    if found is not None:
        return found
    from tui_shishi.parse.chrome import STRUCTURE

    lead = [line for line in lines if line.stripped][:_LEAD_LINES]
    for line in lead:
        if STRUCTURE.match(line.fold):
            break  # the items begin: a month range below is a milestone, not the report's date
        m = _MONTHS_FROM_JANUARY.search(line.fold)
        if m:
            date = _date(None, m.group(1), None, year)
            if date:
                return date
        m = _PERIOD.search(line.fold)
        if m:
            word = max((k for k in _PERIOD_WORDS if m.group(0).startswith(k)), key=len)
            return _date(None, str(_PERIOD_WORDS[word]), None, year)
    return None


def _as_of_stated(lines: list[Line], year: int | None) -> dt.date | None:
    for line in lines:
        m = _AS_OF_QUARTER.search(line.fold)
        if m:
            quarter = m.group(2) if m.group(2).isdigit() else str("一二三四".index(m.group(2)) + 1)
            date = _date(m.group(1), str(int(quarter) * 3), None, year)
            if date:
                return date
        m = _AS_OF_DAY.search(line.fold)
        if m:
            date = _date(m.group(1), m.group(2), m.group(3), year)
            if date:
                return date
        m = _AS_OF_MONTH_END.search(line.fold)
        if m:
            date = _date(m.group(1), m.group(2), None, year)
            if date:
                return date
    return None


def year_end_date(year: int | None) -> dt.date | None:
    return dt.date(year, 12, 31) if year else None


def _date(year_text: str | None, month_text: str, day_text: str | None, year: int | None) -> dt.date | None:
    y = int(year_text) if year_text else year
    month = _small_number(month_text)
    if not y or not month or not 1 <= month <= 12:
        return None
    if day_text is None:
        return dt.date(y, month, calendar.monthrange(y, month)[1])
    day = _small_number(day_text)
    try:
        return dt.date(y, month, day) if day else None
    except ValueError:
        return None
