"""Figures in published text: ``640万平方米以上`` → Quantity(6400000, "平方米", qualifier "以上").

Every function takes text as published, matches on ``fold(text)`` (same length, so offsets carry
over) and slices units, qualifiers and labels from the published text. Nothing here raises on
arbitrary input: a figure whose digits cannot be read (``1..5万``) comes back with value None so
the caller can flag it.

What is *not* a quantity, because it never states how many of something were promised or done:
  - dates and times: ``2024年``, ``10月底``, ``1月1日``, ``11月中旬``; every ``N年`` is left out,
    calendar year or period (``三年``, ``1年期``), since neither is a countable target;
  - ordinals ``第二届`` ``第1批次``, item numbers at a line start (``1.`` ``12、`` ``(三)``),
    phone numbers ``0532-58525525``, hotlines ``12345热线``, names ``6号线`` ``5G`` ``PM2.5``;
  - ages and school grades (``65岁以上``, ``60周岁``, ``4-6年级``): they say *who* is served, and
    reading them as figures would make them the target of ``65岁以上的老年人签约率达到75%``;
  - figures inside quotes or book titles (``“4个100%”``, ``“三个课堂”``): slogans and names;
  - Chinese numerals without a measure word (``一、二、三级``, ``两网``, ``四好``), a bare ``一``
    (``一张网``, ``一批``) and a bare magnitude (``万家``, ``千人``): idioms far more than counts.
Durations with a measure word (``12个月``, ``1小时``) are kept. A qualifier after a short noun
belongs to the figure (``1000张床位以上``: 1000 张, 以上). Which figures of a clause are its
targets is decided in ``targets``. A range ``2—3个`` is one
Quantity valued at its lower end (the least promised); ``text`` keeps the whole range.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from tui_shishi.model import Quantity
from tui_shishi.parse import lexicon
from tui_shishi.parse.clauses import SpanIndex, mask_spans, protected_spans, split_sentences
from tui_shishi.parse.text import fold, normalize

# Measure words and units. Matched longest first so 平方米 wins over 米 and 人次 over 人.
COUNT_UNITS = """平方公里 平方千米 平方米 立方米 个百分点 百分点 千米 千克 千瓦 公里 公顷 公斤 人次 户次 批次 架次
    车次 场次 个月 小时 分钟 学时 课时 人 个 元 所 处 家 张 名 辆 条 座 场 次 批 项 件 间 台 盏 只 株 户 套
    笔 亩 吨 米 床 支 部 类 种 块 根 棵 栋 幢 层 眼 册 本 份 篇 班 位 天 倍 例 门 组 片 宗 艘 架 列 趟 头""".split()
# Units that make the figure a date, a time, an age, a grade or a name: matched so that the
# whole token is consumed, then dropped.
NON_QUANTITY_UNITS = "年级 周岁 月份 年度 年 月 日 号 时 岁 届".split()
_UNIT_RE = re.compile("|".join(map(re.escape, sorted(COUNT_UNITS + NON_QUANTITY_UNITS, key=len, reverse=True))))
_NON_QUANTITY = frozenset(NON_QUANTITY_UNITS)

PRE_QUALIFIERS = sorted(
    "不少于 不低于 不超过 不高于 不多于 不足 不到 大约 约 超过 逾 将近 接近 近 至少 最多 最高 最低 高于 低于 多于 少于".split(),
    key=len,
    reverse=True,
)
POST_QUALIFIERS = ("以上", "以下", "左右", "以内", "之内")
# A count, a noun of two characters, then 以上/左右 (1000张床位以上): the qualifier is the figure's.
# Not 以下, which as often opens what follows (以下简称).
_NOUN_QUALIFIER_RE = re.compile(r"[\u4e00-\u9fff]{1,2}?(以上|左右)")
BETWEEN_QUALIFIERS = ("余", "多")  # 4500余株, 230多个: between the number and its unit
# Characters before 约 / 近 that make them part of another word (签约, 节约, 附近, 最近).
_NOT_BEFORE_YUE = frozenset("签节集制预契简公条邀特履婚相赴守违解")
_NOT_BEFORE_JIN = frozenset("附最邻临")

_CN_DIGITS = "零〇一二两三四五六七八九"
_CN_CHARS = _CN_DIGITS + "十百千万亿"
_NUMBER_RE = re.compile(
    r"(?P<ar>\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.+\d+)*)"
    r"|(?P<pct>百分之)"
    rf"|(?P<cn>[{_CN_CHARS}]+)"
)
_MAGNITUDE_RE = re.compile(r"万亿|亿|万|千(?![米克瓦])")
_MAGNITUDES = {"万亿": Decimal(10) ** 12, "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4, "千": Decimal(1000)}
_RANGE_END_RE = re.compile(r"(?:[-—–~～]|至|到)(\d+(?:\.\d+)?)")  # 2—3个, 3至5家: the upper end
# 2022-01-24, 2024/1/1, 2024.1.1 and 10:25:39: a date or a clock time, read whole and dropped.
_DATE_TIME_RE = re.compile(r"(?:19|20)\d\d(?:[-/]\d{1,2}(?:[-/]\d{1,2})?|\.\d{1,2}\.\d{1,2})(?!\d)|\d{1,2}:\d{2}(?::\d{2})?(?!\d)")
_ITEM_NUMBER_RE = re.compile(r"\s*(?:\d+(?:\s*[.、)]|\s)|\(\s*(?:\d+|[" + _CN_CHARS + r"]+)\s*\)|[" + _CN_CHARS + r"]+\s*、)")
_QUOTE_OPENERS = frozenset("“‘「『《")
_BRACKET_OPENERS = frozenset("([〔【")
LIST_JOIN_RE = re.compile(r"\s*(?:、|和|及|与|以及)\s*")
LABEL_STOP = frozenset(",;。!?:、“”\n")  # brackets may sit inside a label: 示范镇(街道)15个
MAX_LABEL = 16
_MAX_FIRST_LABEL = 20  # the first value's label runs back to a separator, so allow more
# Words that open a list but name none of its values: 按照二孩500元、三孩600元.
_LEAD_WORD_RE = re.compile(r"按照|依照|按|对|为|其中|包括|分别为|分别是|分别")
# A verb that ends a first label names no value: 村庄达到60个以上 → label 村庄.
_LABEL_VERB_RE = re.compile(r"(?:达到|提高至|提高到|提升至|提升到|增加至|增加到|增至|发展到|突破|达)$")


@dataclass
class PercentOfPlan:
    """A published percent of the annual plan: ``占年计划的138.6%`` → 138.6.

    Percents of one ``分别占年计划的A%和B%`` share ``group`` and have ``respectively`` set;
    ``start`` / ``end`` cover that one percent (``132.1%``) in the parsed text.
    """

    value: float | None
    text: str
    start: int
    end: int
    group: int
    respectively: bool = False
    rate: bool = False  # a rate of the whole item (整体完成率95%), bound to no figure


def parse_quantity(text: str) -> Quantity | None:
    """The first figure of ``text`` (``约227万平方米`` → 2270000 平方米, qualifier 约), or None."""
    found = find_quantities(text)
    return found[0] if found else None


def find_quantities(text: str) -> list[Quantity]:
    """Every countable figure of ``text`` in order, with offsets; see the module doc for exclusions."""
    folded = fold(text)
    quoted = _mask(folded, _QUOTE_OPENERS)
    found: list[Quantity] = []
    pos = 0
    while True:
        match = _NUMBER_RE.search(folded, pos)
        if match is None:
            break
        quantity, pos = _read_figure(text, folded, match)
        if quantity is not None and not quoted[match.start()]:
            found.append(quantity)
    _label_lists(text, folded, found)
    return found


def _read_figure(text: str, folded: str, match: re.Match[str]) -> tuple[Quantity | None, int]:
    """Read number, range, magnitude, unit and qualifiers from ``match``.

    Returns the quantity (None if what was read is not one) and where reading goes on: past
    everything consumed, so the second half of ``0532-58525525`` is not read again.
    """
    start = match.start()
    if _is_ordinal(folded, start):
        return None, match.end()
    if match.group("ar") and (date_time := _DATE_TIME_RE.match(folded, start)):
        return None, date_time.end()
    if match.group("pct"):
        return _read_chinese_percent(text, folded, match)
    arabic = match.group("ar") is not None
    number = match.group(0)
    value = _arabic_value(number) if arabic else _chinese_value(number)
    pos = match.end()
    upper = _RANGE_END_RE.match(folded, pos) if arabic else None
    if upper:
        pos = upper.end()
        if _is_phone(number, upper.group(1)) or _is_year(number) and _is_year(upper.group(1)):
            return None, pos  # 0532-58525525, or 2022-2024 (a period)
    magnitude = ""
    if arabic and (mag := _MAGNITUDE_RE.match(folded, pos)):
        magnitude, pos = mag.group(0), mag.end()
    between_at, between = pos, ""
    for word in BETWEEN_QUALIFIERS:
        if folded.startswith(word, pos) and _UNIT_RE.match(folded, pos + len(word)):
            between, pos = word, pos + len(word)
            break
    if folded.startswith("%", pos):
        unit_start, unit_end = pos, pos + 1
    else:
        probe = pos + 1 if folded.startswith(" ", pos) else pos  # AED 300 台
        unit_match = _UNIT_RE.match(folded, probe)
        unit_start, unit_end = (unit_match.start(), unit_match.end()) if unit_match else (pos, pos)
    unit = folded[unit_start:unit_end]
    end = unit_end if unit else pos
    if unit in _NON_QUANTITY or not unit and folded.startswith(("热线", "专线"), pos):
        return None, end
    if not arabic and (not unit or unit == "%" or not _plausible_chinese(number)):
        return None, match.end()
    if arabic and _touches_code(folded, start, end, bool(unit)):
        return None, end
    integer = number.split(".")[0]
    if arabic and (integer.startswith("0") and len(integer) >= 3 or not unit and len(integer) >= 7):
        return None, end  # 0532…, 58525525: phone numbers, not counts
    if _is_item_number(folded, start, end, unit):
        return None, end
    pre_start, pre = _pre_qualifier(folded, start)
    post = next((w for w in POST_QUALIFIERS if folded.startswith(w, end)), "")
    post_at = end
    if not post and unit and unit != "%" and (noun := _NOUN_QUALIFIER_RE.match(folded, end)):
        post, post_at = noun.group(1), noun.start(1)  # 1000张床位以上: the qualifier after a short noun
    parts = [text[pre_start:start] if pre else "", text[between_at : between_at + len(between)], text[post_at : post_at + len(post)]]
    end = post_at + len(post)
    if value is not None and magnitude:
        value *= _MAGNITUDES[magnitude]
    number_value = float(value) if value is not None else None
    # The unit is compared with other documents' units (status, trends), so it is normalised
    # (個 → 个, ％ → %); the published form stays in ``text``.
    quantity = Quantity(number_value, normalize(text[unit_start:unit_end]), "".join(parts), text[pre_start:end], pre_start, end)
    quantity.is_percent = unit == "%"
    return quantity, end


def _read_chinese_percent(text: str, folded: str, match: re.Match[str]) -> tuple[Quantity | None, int]:
    """百分之八十 / 百分之65: a percent written out."""
    number = re.compile(rf"\d+(?:\.\d+)?|[{_CN_CHARS}点]+").match(folded, match.end())
    if number is None:
        return None, match.end()
    digits = number.group(0)
    value = _arabic_value(digits) if digits[0].isdigit() else _chinese_value(digits)
    pre_start, _ = _pre_qualifier(folded, match.start())
    end = number.end()
    percent = Quantity(None if value is None else float(value), "%", text[pre_start : match.start()], text[pre_start:end])
    percent.start, percent.end, percent.is_percent = pre_start, end, True
    return percent, end


def _arabic_value(number: str) -> Decimal | None:
    try:
        return Decimal(number.replace(",", ""))
    except InvalidOperation:
        return None  # 1..5: digits that cannot be read


def _chinese_value(number: str) -> Decimal | None:
    import cn2an  # lazy: slow to import, and most figures are Arabic

    try:
        return Decimal(str(cn2an.cn2an(number, "normal")))
    except (ValueError, KeyError):  # what cn2an raises on 十四五, 二二 and the like: no number
        return None


def _plausible_chinese(number: str) -> bool:
    """两条 / 十二件 / 三千人 yes; 一 alone, 万 alone, 十四五 no.

    A lone 二 is left out too: a count says 两 (两次), while 二次 / 二期 / 二档 are ordinals.
    """
    if number in ("一", "二") or not any(ch in _CN_DIGITS or ch == "十" for ch in number):
        return False
    return _chinese_value(number) is not None


def _is_ordinal(folded: str, start: int) -> bool:
    """第二届, 第1批次, 第 3 件."""
    i = start - 1
    while i >= 0 and folded[i] == " ":
        i -= 1
    return i >= 0 and folded[i] == "第"


def _is_year(digits: str) -> bool:
    return len(digits) == 4 and digits[:2] in ("19", "20")


def _is_phone(first: str, second: str) -> bool:
    return (first.startswith("0") and len(first) >= 3) or len(second) >= 7 or len(first) >= 7


def _touches_code(folded: str, start: int, end: int, has_unit: bool) -> bool:
    """5G, PM2.5, G20: a number glued to Latin letters is part of a name."""
    before = folded[start - 1] if start > 0 else ""
    after = folded[end] if end < len(folded) else ""
    if after.isascii() and after.isalpha():
        return True
    return before.isascii() and before.isalpha() and not has_unit


def _is_item_number(folded: str, start: int, end: int, unit: str) -> bool:
    """``1.`` ``12、`` ``(三)`` at the start of a line number an item, they count nothing."""
    if unit:
        return False
    head = _ITEM_NUMBER_RE.match(folded, _line_start(folded, start))
    return head is not None and head.end() >= end and not folded[head.end() : head.end() + 1].isdigit()


_NEAR = 4096  # a line start this close is found by a plain search back
_newlines: tuple[str, list[int]] = ("", [])  # the last long text and its newline offsets


def _line_start(folded: str, pos: int) -> int:
    """Offset of the line holding ``pos``; on a long text, by bisection in its newlines (found
    once per text), so that many figures on one long line cost no more than one."""
    near = folded.rfind("\n", max(0, pos - _NEAR), pos)
    if near >= 0 or pos <= _NEAR:
        return near + 1
    global _newlines
    cached = _newlines
    if cached[0] is not folded:
        cached = _newlines = (folded, [m.start() for m in re.finditer("\n", folded)])
    i = bisect_left(cached[1], pos) - 1
    return cached[1][i] + 1 if i >= 0 else 0


def _pre_qualifier(folded: str, start: int) -> tuple[int, str]:
    for word in PRE_QUALIFIERS:
        at = start - len(word)
        if at >= 0 and folded.startswith(word, at):
            before = folded[at - 1] if at > 0 else ""
            if word == "约" and before in _NOT_BEFORE_YUE or word == "近" and before in _NOT_BEFORE_JIN:
                continue
            return at, word
    return start, ""


def bracketed_mask(folded: str) -> list[bool]:
    """For each character of folded text: inside a bracket (an aside: 示范镇(街道), (“两病”人员…))?"""
    return _mask(folded, _BRACKET_OPENERS)


def _mask(folded: str, openers: frozenset[str]) -> list[bool]:
    return mask_spans(len(folded), ((start, end) for start, end in protected_spans(folded) if folded[start] in openers))


class _Covered:
    """Is a position inside any of some spans (which may overlap)? By bisection."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self._starts = [s for s, _e in spans]
        self._reach: list[int] = []  # the furthest end of the spans up to each one
        for _s, e in spans:
            self._reach.append(max(e, self._reach[-1]) if self._reach else e)

    def __contains__(self, pos: int) -> bool:
        i = bisect_right(self._starts, pos) - 1
        return i >= 0 and self._reach[i] > pos


def _label_lists(text: str, folded: str, found: list[Quantity]) -> None:
    """``二孩500元、三孩600元``: each value of a 、-list gets the words that name it."""
    i = 0
    while i < len(found):
        j = i
        labels: list[str] = []
        while j + 1 < len(found):
            between = folded[found[j].end : found[j + 1].start]
            join = LIST_JOIN_RE.match(between)
            label = between[join.end() :] if join else None
            if label is None or len(label) > MAX_LABEL or any(ch in LABEL_STOP or ch.isdigit() for ch in label):
                break
            labels.append(text[found[j + 1].start - len(label) : found[j + 1].start])
            j += 1
        if j > i and all(labels):
            first = found[i]
            back = first.start
            while back > 0 and not (folded[back - 1] in LABEL_STOP or folded[back - 1].isdigit() or folded[back - 1].isspace()):
                back -= 1
            label_start = _first_label_start(folded, back, first.start, fold(labels[0]))
            verb = _LABEL_VERB_RE.search(folded, label_start, first.start)
            first.label = text[label_start : verb.start() if verb else first.start]  # a verb alone (达到60个) names nothing
            for quantity, label in zip(found[i + 1 : j + 1], labels):
                quantity.label = label
        i = j + 1


def _first_label_start(folded: str, back: int, start: int, second: str) -> int:
    """Where the first value's label begins, given the text back to a separator.

    Parallel labels keep their shape (标准二孩500元、三孩600元 → 二孩, ending like 三孩); a lead
    word names nothing (按照二孩 → 二孩); a run is cut after its last 的; too long a run gives no label.
    """
    for lead in _LEAD_WORD_RE.finditer(folded, back, start):
        if lead.end() < start and (len(lead.group(0)) > 1 or lead.start() == back):
            back = lead.end()
    if start - back > len(second) and folded[start - 1] == second[-1]:
        return start - len(second)
    cut = folded.rfind("的", back, start - 1)
    if cut >= 0:
        back = cut + 1
    return back if start - back <= _MAX_FIRST_LABEL else start


# 占年计划的138.6% / 分别占年计划的100%和103% / 完成全年目标的80% / 占计划任务的68.79% / 已完成总工程量的90%:
# the openers and plan words are the lexicon's.
_PLAN_RE = re.compile(
    r"(?P<resp>分别)?\s*"
    + lexicon.alternation("percent_of_plan", "openers")
    + r"了?\s*"
    + lexicon.alternation("percent_of_plan", "plan_words")
    + r"(?:的)?\s*(?P<first>\d+(?:\.+\d+)*)\s*%"
)
# 整体完成率95% / 总体进度达到80%: the item's own rate, from the lexicon's rates.
_RATE_RE = re.compile(lexicon.alternation("percent_of_plan", "rates") + r"\s*(?:已|为|达到?|约)?\s*(?P<first>\d+(?:\.\d+)?)\s*%")
_PLAN_NEXT_RE = re.compile(r"\s*(?:、|和|及|与|以及|,)\s*(\d+(?:\.+\d+)*)\s*%")


def find_percents_of_plan(text: str) -> list[PercentOfPlan]:
    """Every percent of the annual plan in ``text``, each percent of a 分别-list on its own."""
    folded = fold(text)
    found: list[PercentOfPlan] = []
    group = 0
    for match in _PLAN_RE.finditer(folded):
        respectively = match.group("resp") is not None
        spans = [(match.start("first"), match.end())]
        pos = match.end()
        while True:
            more = _PLAN_NEXT_RE.match(folded, pos)
            if more is None or (more.group(0).strip().startswith(",") and not respectively):
                break
            spans.append((more.start(1), more.end()))
            pos = more.end()
        for start, end in spans:
            value = _arabic_value(folded[start:end].rstrip("% "))
            number_value = float(value) if value is not None else None
            found.append(PercentOfPlan(number_value, text[start:end], start, end, group, respectively))
        group += 1
    taken = _Covered([(p.start, p.end) for p in found])
    for match in _RATE_RE.finditer(folded):
        start, end = match.start("first"), match.end()
        if start in taken:
            continue
        value = _arabic_value(folded[start:end].rstrip("% "))
        found.append(PercentOfPlan(float(value) if value is not None else None, text[start:end], start, end, group, rate=True))
        group += 1
    found.sort(key=lambda p: p.start)
    return found


def bind_percents(text: str) -> tuple[list[tuple[Quantity, PercentOfPlan]], list[PercentOfPlan]]:
    """Pair each percent of plan with the figure it reports on, within its sentence.

    A single percent takes the last figure before it (after the previous percent group); a
    group of N takes the last N, in order. A group with too few figures stays unbound as a
    whole: which figure a percent belongs to would be a guess.
    """
    percents = find_percents_of_plan(text)
    if not percents:
        return [], []
    folded = fold(text)
    bracketed = bracketed_mask(folded)
    in_plan = mask_spans(len(text), [(percent.start, percent.end) for percent in percents])
    figures = [q for q in find_quantities(text) if not q.is_percent and not bracketed[q.start] and not in_plan[q.start]]
    sentences = SpanIndex(split_sentences(text))
    in_order = [q.start for q in figures]
    starts: list[int] | None = in_order
    if any(a > b for a, b in zip(in_order, in_order[1:])) or any(q.end < q.start for q in figures):
        starts = None
    bound: list[tuple[Quantity, PercentOfPlan]] = []
    unbound: list[PercentOfPlan] = []
    floor = 0
    groups: dict[int, list[PercentOfPlan]] = {}
    for percent in percents:
        groups.setdefault(percent.group, []).append(percent)
    for members in groups.values():
        first = members[0]
        if first.rate:
            unbound.extend(members)  # the whole item's rate: no one figure's
            continue
        low = max(floor, sentences.at(first.start)[0])
        candidates = _last_between(figures, starts, low, first.start, len(members))
        if len(candidates) >= len(members):
            bound.extend(zip(candidates, members))
        else:
            unbound.extend(members)
        floor = members[-1].end
    return bound, unbound


def _last_between(figures: list[Quantity], starts: list[int] | None, low: int, high: int, n: int) -> list[Quantity]:
    """The last ``n`` of the figures (in order) that start at ``low`` or after and end by
    ``high``; fewer when there are fewer. ``starts``: the figures' starts when they are in
    reading order (then searched by bisection), else None."""
    if starts is None:
        return [q for q in figures if q.start >= low and q.end <= high][-n:]
    found: list[Quantity] = []
    i = bisect_right(starts, high) - 1
    while i >= 0 and starts[i] >= low and len(found) < n:
        if figures[i].end <= high:
            found.append(figures[i])
        i -= 1
    return found[::-1]
