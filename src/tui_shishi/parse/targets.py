"""Which figures of a target clause are its targets, and how they fall into indicators.

An indicator is one measure with one target. A clause can promise several measures:

  - each figure after its own noun, 、-joined (a labelled list):
    ``建设…社区(村)养老服务站600处、示范性失智老年人日间照护中心10处`` → 600处 and 10处;
  - each figure before its own noun, 、/和-joined:
    ``三年打造10所以上省级特色高中、4个以上省级学科基地`` → 10所以上 and 4个以上,
    ``为60公里气、热管网和27座重点桥梁安装感知监测设备`` → 60公里 and 27座.

A list can also give the values of ONE measure for several categories. Then it is one indicator:
  - values with nothing between them but the join: ``一、二、三级…报销比例分别达到80%、70%、60%``;
  - labelled values in one unit inside a longer phrase, the measure named after the list:
    ``按照二孩500元、三孩600元每人每月进行补助``, ``按照城市每小时15元、农村每小时10元的标准``.
  Its ``target`` is the first value (with its label): the list's own order, the order 分别 maps
  onto the categories. The other values are not dropped: they stand in the indicator's text,
  which is the whole clause, and ``target_measures`` returns them after the target.

Figures of a clause that are not targets: a baseline (``由1000元提高至3000元``), a scope
(``在16家农贸市场开展…抽检14万批次以上``), asides in brackets, and the terms of a formula
(``构建1所领航高中+1所合作高校+N所参与高中的…模式`` names a model, it counts nothing), and a
count of beneficiaries (``惠及居民2.1万户``, ``受益群众5万人``, ``服务人口16万``): it says who gains,
not what is promised, and stays in the clause's text only. When an anchor verb
(达到, 提高至 …) stands right before a figure, the targets are that figure's list; otherwise
the clause's last list.

Every Quantity keeps its offsets in the clause, so ``clause[q.start:q.end] == q.text``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tui_shishi.model import Indicator, Quantity
from tui_shishi.parse.clauses import split_clauses, split_sentences
from tui_shishi.parse.quantities import LABEL_STOP, LIST_JOIN_RE, MAX_LABEL, bracketed_mask, find_quantities
from tui_shishi.parse.text import fold

# Verbs after which a clause states its target value: 达到75%, 提高至3000元.
_TARGET_ANCHOR_RE = re.compile(
    r"达到|提高至|提高到|提升至|提升到|增加至|增加到|增至|扩大至|扩大到|扩容至|降至|降到|降低至|降低到|"
    r"减少至|减少到|调减至|调整至|调整为|缩短至|缩短到|控制在|保持在|稳定在|"
    r"(?<![发到传表下抵送直通])达|(?<![截直乃甚以])至|(?<![得受做感看遇来回收听达])到"
)
_ANCHOR_REACH = 6  # characters between an anchor and its figure: 提高至每人每年60元
# A figure before its noun, then a join, then the next figure: 10所以上省级特色高中、4个以上….
# The noun may itself hold a 、 (气、热管网), so only the join at its end counts.
_NOUN_THEN_JOIN_RE = re.compile(r"[^\d,;。!?:“”\n]{1,20}?(?:、|和|及|与|以及)\s*$")
_FORMULA_JOIN_RE = re.compile(r"[^\d,;。!?:\n]{0,12}\+\s*")
# Words right before a figure that make it a count of beneficiaries: 惠及(周边)居民, 受益群众,
# 服务人口. 服务/覆盖 only with a word for people: 服务站600处 and 覆盖率达到80% are targets, and so
# is a share (服务人口稳定在96%以上 is a level to hold, not a head count).
_BENEFICIARY_RE = re.compile(
    r"(?:惠及|受益|获益|(?:服务|覆盖)(?=[^\d,;。!?:\n]{0,4}(?:人口|居民|群众|人群|家庭|农户)))"
    r"[^\d,;。!?:、\n]{0,8}?(?:约|近|超过|超|逾|达|共|总计|累计)?\s*$"
)
# A category label of one measure is short (二孩, 城市每小时); a longer one names a thing.
_MAX_CATEGORY = 6


def list_groups(text: str, found: list[Quantity]) -> list[list[Quantity]]:
    """Runs of quantities joined only by 、/和/及 (and a short label): ``80%、70%、60%``."""
    folded = fold(text)
    groups: list[list[Quantity]] = []
    for quantity in found:
        if groups:
            between = folded[groups[-1][-1].end : quantity.start]
            join = LIST_JOIN_RE.match(between)
            rest = between[join.end() :] if join else None
            if rest is not None and len(rest) <= MAX_LABEL and not any(ch in LABEL_STOP for ch in rest):
                if rest == fold(quantity.label) or not rest:
                    groups[-1].append(quantity)
                    continue
        groups.append([quantity])
    return groups


def target_measures(clause: str) -> list[list[Quantity]]:
    """The measures a target clause promises, one list per indicator, its target first.

    ``为60公里气、热管网和27座重点桥梁安装…`` → [[60公里], [27座]];
    ``报销比例分别达到80%、70%、60%`` → [[80%, 70%, 60%]] (one measure, target 80%).
    """
    found = find_quantities(clause)
    folded = fold(clause)
    bracketed = bracketed_mask(folded)
    found = [q for q in found if not bracketed[q.start]] or found
    found = _without_formulas(folded, found)
    found = [q for q in found if q.is_percent or not _BENEFICIARY_RE.search(folded[max(0, q.start - 16) : q.start])]
    if not found:
        return []
    chains = _chains(folded, list_groups(clause, found))
    chosen = chains[-1]
    # The latest anchor with its figure right after it (提高至每人每年60元): 到2024年,… is a
    # deadline, not a target, and its anchor has no figure close by.
    anchored = [
        chain
        for anchor in reversed(list(_TARGET_ANCHOR_RE.finditer(folded)))
        for chain in chains
        if any(0 <= group[0].start - anchor.end() <= _ANCHOR_REACH for group in chain)
    ]
    if anchored:
        chosen = anchored[0]
    return [measure for group in chosen for measure in _measures(folded, group)]


def target_quantities(clause: str) -> list[Quantity]:
    """Every target figure of a clause, in order (the values of a one-measure list too)."""
    return [q for measure in target_measures(clause) for q in measure]


def _without_formulas(folded: str, found: list[Quantity]) -> list[Quantity]:
    """Leave out figures joined by ``+``: ``1所领航高中+1所合作高校+N所参与高中`` names a model."""
    joined: set[int] = set()
    for i in range(len(found) - 1):
        if _FORMULA_JOIN_RE.fullmatch(folded[found[i].end : found[i + 1].start]):
            joined.update((i, i + 1))
    return [q for i, q in enumerate(found) if i not in joined]


def _chains(folded: str, groups: list[list[Quantity]]) -> list[list[list[Quantity]]]:
    """Groups joined as a list of figure-first phrases (10所以上省级特色高中、4个以上…)."""
    chains: list[list[list[Quantity]]] = []
    for group in groups:
        if chains:
            between = folded[chains[-1][-1][-1].end : group[0].start]
            if _NOUN_THEN_JOIN_RE.fullmatch(between) and re.search(r"[\u4e00-\u9fff]", between):
                chains[-1].append(group)
                continue
        chains.append([group])
    return chains


def _measures(folded: str, group: list[Quantity]) -> list[list[Quantity]]:
    """A 、-list as one measure (values by category) or as one measure per value."""
    if len(group) == 1:
        return [group]
    units = {(fold(q.unit), q.is_percent) for q in group}
    labelled = [q.label for q in group[1:] if q.label]
    if len(units) == 1 and (not labelled or _categories(folded, group)):
        return [group]
    return [[q] for q in group]


def _categories(folded: str, group: list[Quantity]) -> bool:
    """Short labels, and the phrase goes on after the list to name the measure they share.

    ``二孩500元、三孩600元每人每月进行补助`` yes; ``国医馆20个、国医阁100个`` (the clause ends: each
    label names its own thing) no.
    """
    if any(len(q.label) > _MAX_CATEGORY for q in group[1:]):
        return False
    after = folded[group[-1].end :]
    stop = next((i for i, ch in enumerate(after) if ch in LABEL_STOP), len(after))
    return re.search(r"[\u4e00-\u9fff]", after[:stop]) is not None


def short_title(text: str) -> str:
    """The first clause of a text; a clause of a few characters (到2024年) takes the next along."""
    spans = split_clauses(text)
    if not spans:
        return text.strip()
    start, end = spans[0]
    if end - start < 6 and len(spans) > 1:
        end = spans[1][1]
    return text[start:end]


# A clause that only says when: 到2024年 / 2022年底前 / 年内 — it belongs to the figure after it.
_TIME_CLAUSE = re.compile(r"^(?:到|至|截至|截止到?|在|于|力争|计划|预计)?\s*(?:\d{4}年(?:底|末|年底)?|年底|今年|年内|明年)(?:前|以前|时)?$")


def read_indicators(text: str, line_of: Callable[[int], int | None] = lambda _: None) -> list[Indicator]:
    """One indicator per target measure, its text the clause it stands in (offsets within it),
    a leading time clause (到2024年,…) taken along."""
    indicators: list[Indicator] = []
    for s_start, s_end in split_sentences(text):
        sentence = text[s_start:s_end]
        previous: tuple[int, int] | None = None
        for c_start, c_end in split_clauses(sentence):
            clause = sentence[c_start:c_end]
            start = c_start
            if previous and _TIME_CLAUSE.match(fold(sentence[previous[0] : previous[1]])):
                start = previous[0]
            for quantity in (measure[0] for measure in target_measures(clause)):
                quantity.start += c_start - start
                quantity.end += c_start - start
                indicators.append(Indicator(sentence[start:c_end], quantity, sentence=sentence, line=line_of(s_start + c_start)))
            previous = (c_start, c_end)
    return indicators
