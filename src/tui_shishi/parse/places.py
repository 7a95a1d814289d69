"""A gazetteer of China's provinces, cities, districts and counties, and the place a document is about.

The table is ``data/places.tsv`` (adcode, full name, level, city adcode, province adcode), made by
``scripts/make_places.py`` from a PyPI data package and read lazily here. Pure Python.

* ``find(name)``: the places whose full name, short name or common alias is ``name``.
* ``mentions(text)``: every place named in a (folded, Simplified) text, with its span. Longest name
  first at each position (荆州区 is one district, not 荆州 + 区). Full names always count; the short
  names of cities and provinces count when not followed by an organisation word (青岛日报) and not
  one of the few that are ordinary words (安康, 日照, 新乡…); the short names of counties and
  districts never count (they collide with ordinary words). A name shared by several places
  (朝阳区, 鼓楼区) is resolved by a city or province named in the same text, else every candidate is
  returned with the same span.
* ``document_place(lines)``: the most specific place a document speaks for, from weighted votes.

Scanning is one pass over the text with a dict lookup per position and name length, so it is
linear in the text's length.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from tui_shishi.parse import lexicon

PROVINCE, CITY, DISTRICT, COUNTY = "province", "city", "district", "county"
_LEVEL_ORDER = {PROVINCE: 0, CITY: 1, DISTRICT: 2, COUNTY: 2}

# The 55 minority nationalities (and 汉), as they appear inside 自治州/自治县/自治旗 names.
_NATIONS = (
    "汉 壮 回 满 维吾尔 苗 彝 土家 藏 蒙古 侗 布依 瑶 白 朝鲜 哈尼 黎 哈萨克 傣 畲 傈僳 东乡 仡佬 拉祜 佤 水 纳西 羌 土 仫佬 "
    "锡伯 柯尔克孜 景颇 达斡尔 撒拉 布朗 毛南 塔吉克 普米 阿昌 怒 鄂温克 京 基诺 德昂 保安 俄罗斯 裕固 乌孜别克 门巴 鄂伦春 "
    "独龙 赫哲 高山 珞巴 塔塔尔 各"
).split()  # 各: 龙胜各族自治县
# Suffixes stripped for the short name, longest first; the short name keeps at least 2 characters.
_SUFFIXES = tuple("特别行政区 自治区 自治州 自治县 自治旗 行政区 地区 新区 林区 特区 矿区 省 市 县 区 旗 盟".split())
_AUTONOMOUS = ("自治区", "自治州", "自治县", "自治旗")

# Short names of cities that are also ordinary words or parts of common phrases (幸福安康, 日照时数,
# 白银, 孙中山, 三明治, 更新乡村, 复合肥, 美丽水乡, 出海口, 四平八稳, 白山黑水, 巩固原有, 文山会海,
# 平安顺利, 大庆…): they count only as full names (安康市) or aliases (红河州).
_WORDLIKE = frozenset(
    "安康 来宾 日照 白银 中山 三明 大同 北海 朝阳 长治 阿里 大理 红河 怒江 黄山 普洱 玉树 河源 山南 兴安 海东 海北 海西 黄南 "
    "新乡 合肥 丽水 丽江 海口 大庆 四平 白山 定西 固原 文山 和田 安顺".split()
)
# Full names that are ordinary words (城区, 郊区, 新城区…): they count only right after their city or
# province (阳泉市城区, 西安市新城区).
_GENERIC = frozenset(
    "城区 郊区 矿区 东区 西区 中区 南区 北区 新城区 老城区 市中区 城关区 城中区 城东区 城西区 城北区 市北区 市南区 新市区 "
    "平安区 新建区 港口区 城厢区 前进区".split()
)
# A name ending in 区 followed by one of these is the word 区域/区块/区县…, not the district.
_NOT_AFTER_QU = frozenset("域块间别分位县划")
# Characters after which a 2-character full name (易县, 新县, 芒市) may start: any non-Han character,
# or one of these function words, or its city or province right before (信阳市新县). Else 示范县,
# 提高县, 创新县城, 各市和县 would read as counties.
_BEFORE_SHORT_FULL = frozenset("在于至赴到和与及同对从向由是为")
_ORG_GAP = 4  # 山东 + 工艺美术 + 学院
_HAN = re.compile(r"[\u3400-\u9fff]")
_STOPS = frozenset(",，。;；:：!！?？、()（）\n")
_GENRE = re.compile(r"实事(?:项目)?|民生工程|件事|民生项目")

FULL, ALIAS, SHORT = "full", "alias", "short"


@dataclass(frozen=True)
class Place:
    adcode: str
    name: str  # full official name: 岚皋县
    short: str  # 岚皋
    level: str  # "province" | "city" | "district" | "county"
    city: str  # short name of its prefecture-level city ("" for a province); 北京 for 朝阳区 of Beijing
    province: str  # short name of its province
    city_adcode: str = ""
    province_adcode: str = ""


@dataclass
class Found:
    place: Place  # the most specific place the document speaks for
    strong: bool  # named as a full name, or by its short name more than once in the title/lead
    evidence: str  # the text it was read from, e.g. 岚皋县2023年十大民生实事


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    places: tuple[Place, ...]
    kind: str  # FULL, ALIAS or SHORT


def short_name(name: str) -> str:
    """岚皋县 → 岚皋, 黔南布依族苗族自治州 → 黔南, 内蒙古自治区 → 内蒙古; 赵县, 城区 stay."""
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            base = name[: -len(suffix)]
            break
    else:
        return name
    if suffix in _AUTONOMOUS or suffix == "特别行政区":
        base = _strip_nations(base)
    return base


def _strip_nations(base: str) -> str:
    """海西蒙古族藏族 → 海西; 克孜勒苏柯尔克孜 → 克孜勒苏; 鄂温克族 → 鄂温克; 鄂伦春 stays."""
    changed = True
    while changed:
        changed = False
        for nation in _NATIONS:
            for form in (nation + "族", nation) if len(nation) >= 2 else (nation + "族",):
                if base.endswith(form) and len(base) - len(form) >= 2:
                    base = base[: -len(form)]
                    changed = True
                    break
            if changed:
                break
    if base.endswith("族") and len(base) >= 3:
        base = base[:-1]
    return base


@lru_cache(maxsize=1)
def _table() -> tuple[Place, ...]:
    text = resources.files("tui_shishi").joinpath("data/places.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines()[1:] if line and not line.startswith("#")]
    names = {row[0]: row[1] for row in rows}
    places = []
    for adcode, name, level, city_code, province_code in rows:
        city = short_name(names[city_code]) if city_code else ""
        province = short_name(names.get(province_code, ""))
        places.append(Place(adcode, name, short_name(name), level, city, province, city_code, province_code))
    return tuple(places)


@lru_cache(maxsize=1)
def _by_code() -> dict[str, Place]:
    return {p.adcode: p for p in _table()}


def _aliases(place: Place, top_shorts: frozenset[str]) -> list[str]:
    """Common forms of autonomous names: 黔南州, 镇宁县, 镇宁自治县, 广西自治区."""
    if place.short == place.name:
        return []
    if place.name.endswith("自治州"):
        return [place.short + "州", place.short + "自治州"]
    if place.name.endswith("自治区"):
        return [place.short + "自治区"]
    for suffix, plain in (("自治县", "县"), ("自治旗", "旗")):
        if place.name.endswith(suffix):
            # 河南蒙古族自治县: no 河南县, which would read 河南 + 县级… as the county
            return [place.short + suffix] + ([] if place.short in top_shorts else [place.short + plain])
    return []


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, list[tuple[Place, str]]], dict[str, tuple[int, ...]]]:
    """name → [(place, kind)], and first character → the name lengths starting with it, longest first."""
    table = _table()
    keys: dict[str, list[tuple[Place, str]]] = defaultdict(list)
    fulls = {p.name for p in table}
    top_shorts = frozenset(p.short for p in table if p.level in (PROVINCE, CITY))
    for place in table:
        keys[place.name].append((place, FULL))
    for place in table:
        for alias in _aliases(place, top_shorts):
            if alias not in fulls:
                keys[alias].append((place, ALIAS))
    # Bare short names: provinces and cities only, the highest level wins (吉林, 海南 → the province).
    shorts: dict[str, list[Place]] = defaultdict(list)
    for place in table:
        if place.level in (PROVINCE, CITY) and place.short != place.name and place.short not in _WORDLIKE:
            shorts[place.short].append(place)
    for short, group in shorts.items():
        if short in fulls:
            continue
        best = min(_LEVEL_ORDER[p.level] for p in group)
        keys[short].extend((p, SHORT) for p in group if _LEVEL_ORDER[p.level] == best)
    lengths: dict[str, set[int]] = defaultdict(set)
    for key in keys:
        lengths[key[0]].add(len(key))
    return dict(keys), {c: tuple(sorted(ls, reverse=True)) for c, ls in lengths.items()}


@lru_cache(maxsize=1)
def _not_after() -> tuple[str, ...]:
    return lexicon.terms("places", "not_place_after")


def find(name: str) -> list[Place]:
    """Places whose full name, short name or alias is exactly ``name`` (province first, then by adcode)."""
    name = name.strip()
    found = {p.adcode: p for p in _table() if name in (p.name, p.short)}
    for place, _kind in _index()[0].get(name, ()):
        found[place.adcode] = place
    return sorted(found.values(), key=lambda p: (_LEVEL_ORDER[p.level], p.adcode))


def _is_parent(prev: _Hit | None, start: int, place: Place) -> bool:
    if prev is None or prev.end != start:
        return False
    return any(p.adcode in (place.city_adcode, place.province_adcode) and p.adcode != place.adcode for p in prev.places)


def _accept(text: str, start: int, key: str, cands: list[tuple[Place, str]], prev: _Hit | None) -> list[tuple[Place, str]]:
    end = start + len(key)
    after = text[end : end + 12]
    if any(after.startswith(word) for word in _not_after()):
        return []
    if (cands[0][1] == SHORT or cands[0][0].level in ("city", "province")) and _org_within(after):
        return []  # 北京师范大学, 青岛科技大学, 人民银行青岛市中心支行
    if key.endswith("区") and after[:1] in _NOT_AFTER_QU:
        return []
    kept = []
    for place, kind in cands:
        if kind == FULL and key in _GENERIC:
            if not _is_parent(prev, start, place):
                continue
        elif kind == FULL and len(key) == 2 and not _is_parent(prev, start, place):
            before = text[start - 1] if start else ""
            if before and _HAN.match(before) and before not in _BEFORE_SHORT_FULL:
                continue
            if key.endswith("县") and after[:1] == "城":  # 新县城: a new county seat
                continue
        kept.append((place, kind))
    return kept


def _org_within(after: str) -> bool:
    """An organisation word within the next few Han characters (a bare short name only)."""
    for gap in range(1, _ORG_GAP + 1):
        if not _HAN.match(after[gap - 1 : gap] or " "):
            return False
        if any(after.startswith(word, gap) for word in _not_after()):
            return True
    return False


def _scan(text: str) -> list[_Hit]:
    """Longest acceptable name at each position, left to right; ambiguous names keep every candidate."""
    keys, lengths = _index()
    hits: list[_Hit] = []
    i, n = 0, len(text)
    while i < n:
        for size in lengths.get(text[i], ()):
            key = text[i : i + size]
            cands = keys.get(key) if len(key) == size else None
            if not cands:
                continue
            kept = _accept(text, i, key, cands, hits[-1] if hits else None)
            if kept:
                hits.append(_Hit(i, i + size, tuple(p for p, _ in kept), kept[0][1]))
                i += size
                break
        else:
            i += 1
    return _resolve(hits)


def _resolve(hits: list[_Hit]) -> list[_Hit]:
    """Narrow ambiguous hits: a parent named right before wins (长春市朝阳区), else a city, else a
    province named anywhere in the text; with none, keep every candidate."""
    named: set[str] = set()
    for hit in hits:
        if len(hit.places) == 1:
            p = hit.places[0]
            named.update(code for code in (p.adcode, p.city_adcode, p.province_adcode) if code)
    out = []
    prev: _Hit | None = None
    for hit in hits:
        if len(hit.places) > 1:
            near = tuple(p for p in hit.places if _is_parent(prev, hit.start, p))
            if near:
                hit = _Hit(hit.start, hit.end, near, hit.kind)
            else:
                by_city = tuple(p for p in hit.places if p.city_adcode in named and p.city_adcode != p.adcode)
                by_province = tuple(p for p in hit.places if p.province_adcode in named)
                chosen = by_city or by_province
                if chosen:
                    hit = _Hit(hit.start, hit.end, chosen, hit.kind)
        out.append(hit)
        prev = hit
    return out


def mentions(text: str) -> list[tuple[int, int, Place]]:
    """Every place named in ``text`` as (start, end, place); an unresolved ambiguous name gives one
    tuple per candidate, all with the same span."""
    return [(hit.start, hit.end, place) for hit in _scan(text) for place in hit.places]


# ---------------------------------------------------------------- the place a document is about

_KIND_WEIGHT = {FULL: 3.0, ALIAS: 3.0, SHORT: 1.0}
_DOMINANCE = 2.0  # a child must have this many times the votes of the next sibling to be the document's place
_SHARE = 0.6  # …and, when the text's voice does not tell, this share of all its siblings' votes
_VOICE = re.compile(r"(?:我|全|本)(?P<a>[省市县区])|(?P<b>[省市县区])(?:委|政府|人民政府|人大|政协)")
_NOT_VOICE_BEFORE = frozenset("社小园景城片街辖新山校都超")  # 社区委…, 城市政府…


def _line_weight(line_no: int, lead: int) -> float:
    return 3.0 if line_no == 0 else 2.0 if line_no < lead else 1.0


def document_place(lines: list[str], lead: int = 12) -> Found | None:
    """The most specific place the document speaks for, or None when it names none.

    Each mention votes for its place, weighted by position (title line 3, other lead lines 2, body
    1), by kind (full name or alias 3, short name 1) and shared among the candidates of an
    ambiguous name; votes add up over mentions. A district's or county's votes also count for its
    city and province. The choice descends province → city → district/county to the child with the
    most votes when it has at least twice the next sibling's, outweighs the parent's own votes, is
    named in the lead if the parent is, and the document does not speak as the parent: its own
    voice (我市/全市/市政府 against 我县/全县/县政府, 区…, 省…) decides; with no voice, the child
    must also hold 60% of its siblings' votes.
    """
    text = "\n".join(lines)
    starts = []
    offset = 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    hits = _scan(text)
    if not hits:
        return None
    own: dict[str, float] = defaultdict(float)
    in_lead: set[str] = set()
    line_of: dict[int, int] = {}
    for hit in hits:
        line_no = bisect_right(starts, hit.start) - 1
        line_of[hit.start] = line_no
        weight = _KIND_WEIGHT[hit.kind] * _line_weight(line_no, lead) / len(hit.places)
        for place in hit.places:
            own[place.adcode] += weight
            if line_no < lead:
                in_lead.add(place.adcode)
    codes = _by_code()
    voice = _voice(text, hits)
    by_province: dict[str, float] = defaultdict(float)
    by_city: dict[str, float] = defaultdict(float)
    for code, votes in own.items():
        place = codes[code]
        by_province[place.province_adcode] += votes
        if place.city_adcode:
            by_city[place.city_adcode] += votes

    def descend(parent: str, children: dict[str, float]) -> str | None:
        if not children:
            return None
        ranked = sorted(children, key=lambda c: (children[c], c), reverse=True)
        best = ranked[0]
        if len(ranked) > 1 and children[best] < _DOMINANCE * children[ranked[1]]:
            return None
        if children[best] < own.get(parent, 0.0):
            return None
        if parent in in_lead and not any(_within(codes[c], best) for c in in_lead):
            return None
        up, down = voice[_voice_of(codes[parent])], voice[_voice_of(codes[best])]
        if up > down:
            return None
        if up == down and children[best] < _SHARE * sum(children.values()):
            return None
        return best

    province = max(by_province, key=lambda c: (by_province[c], c))
    cities = {c: v for c, v in by_city.items() if codes[c].province_adcode == province}
    if codes[province].level == PROVINCE:
        city = descend(province, cities)
    else:  # a municipality: province and city are one
        city = province
    result = province if city is None else city
    if city is not None:
        children = {c: v for c, v in own.items() if codes[c].city_adcode == city and c != city}
        result = descend(city, children) or city
    place = codes[result]
    return Found(place, _strong(place, hits, line_of, lead), _evidence(place, hits, text, line_of, lead))


def _voice_of(place: Place) -> str:
    """The character a document of this place calls itself by: 省, 市, 县 (also 旗) or 区."""
    if place.level == PROVINCE:
        return "省"
    last = place.name[-1]
    return "县" if last in "县旗" else "区" if place.level == DISTRICT else "市"


def _voice(text: str, hits: list[_Hit]) -> dict[str, int]:
    """How often the text speaks as a province, city, county or district (我市, 全县, 区政府, 省委…),
    not counting those characters inside a place name (昆明市政府 is not the voice of the text)."""
    inside: set[int] = set()
    for hit in hits:
        inside.update(range(hit.start, hit.end))
    counts = dict.fromkeys("省市县区", 0)
    for match in _VOICE.finditer(text):
        at = match.start("a") if match.group("a") else match.start("b")
        if at in inside:
            continue
        if match.group("b") and at > 0 and text[at - 1] in _NOT_VOICE_BEFORE:
            continue
        counts[text[at]] += 1
    return counts


def _within(place: Place, code: str) -> bool:
    return code in (place.adcode, place.city_adcode, place.province_adcode)


def _strong(place: Place, hits: list[_Hit], line_of: dict[int, int], lead: int) -> bool:
    own = [hit for hit in hits if hit.places == (place,)]
    if any(hit.kind != SHORT for hit in own):
        return True
    return len(own) >= 2 and any(line_of[hit.start] < lead for hit in own)


def _evidence(place: Place, hits: list[_Hit], text: str, line_of: dict[int, int], lead: int) -> str:
    named = [hit for hit in hits if place in hit.places]
    if not named:  # a city known only from its districts
        named = [hit for hit in hits if any(_within(p, place.adcode) for p in hit.places)]

    def clause(hit: _Hit) -> str:
        end = hit.end
        while end < len(text) and end - hit.start < 30 and text[end] not in _STOPS:
            end += 1
        return text[hit.start : end]

    def cut(hit: _Hit) -> str:
        words = clause(hit)
        genre = _GENRE.search(words)
        return words[: genre.end()] if genre else words

    def rank(hit: _Hit) -> tuple[bool, bool, bool, bool, int, int]:
        # a full name, unambiguous, in a clause naming the genre (…实事), in the lead, the shortest, the first
        words = cut(hit)
        return (hit.kind == SHORT, len(hit.places) > 1, not _GENRE.search(words), line_of[hit.start] >= lead, len(words), hit.start)

    return cut(min(named, key=rank))
