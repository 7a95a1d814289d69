"""Targets and the actuals that report on them.

A report states ``扶持创业3.84万人，占年计划的128%`` without saying which target it answers; the
target is ``扶持创业3万人`` of the same item (or of the section, in a progress report). An actual is
linked to a target when the units agree and the clause words overlap, and more strongly when
actual / target agrees with the published percent (3.84 / 3 = 128%). A percent that disagrees
is never corrected: the link is refused, or kept and flagged when the words leave no doubt.

Also here: turning a target sentence into indicators, and a report sentence into observations,
because progress and year-end reports share both steps.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass
from functools import lru_cache

from tui_shishi import model
from tui_shishi.parse import clauses, quantities, targets
from tui_shishi.parse.text import fold

# Words that say a clause is a concrete deliverable even without a figure (建成浮山全民健身中心);
# vaguer verbs (完善, 推进, 提升 …) open a theme, not a commitment.
_CONCRETE = re.compile(
    r"全部达标|全覆盖|扩大至|提高至|提高到|降至|纳入|建成|建设|新建|改造|开通|实现|设置|安装|增设|打造|完成|给予|补助|开工|开展|实施|新增|配备|投用|投入使用|上线"
)
_PURPOSE = re.compile(r"^(?:助力|以|为了|通过|进一步|有效|切实|让|使|从而|确保|努力|力争)")
# Generic words that every clause of the genre shares: no evidence of a match.
_STOP_PHRASES = re.compile(
    r"占年计划的?|分别|其中|累计|全市|已经|已|达到|以上|以下|不少于|不低于|左右|完成|实现|年度|计划|目标|方面|顺利|全部|新增|建设|推动|推进|提升|开展"
)

# Units that count the same things under different words.
_UNIT_FAMILIES = ({"人", "名", "人次"}, {"个", "处", "座"}, {"所", "个"}, {"家", "个"}, {"台", "套"})


# Same unit and a third of the words in common; or a percent that agrees with actual / target.
MIN_LINK = 0.6


@dataclass
class Link:
    indicator: model.Indicator | None
    score: float = 0.0
    inconsistent: bool = False


def keywords(text: str) -> set[str]:
    """Character bigrams of the Chinese words in ``text``, generic words and figures removed."""
    folded = _STOP_PHRASES.sub(" ", fold(text))
    runs = re.findall(r"[\u4e00-\u9fff]+", folded)
    return {run[i : i + 2] for run in runs for i in range(len(run) - 1)}


def overlap(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


@lru_cache(maxsize=1024)
def _bare_unit(unit: str) -> str:
    unit = fold(unit)  # 個 and 个 are one unit
    return unit.lstrip("万亿千百十") or unit


def unit_match(actual: model.Quantity, target: model.Quantity) -> float:
    """1 for the same unit, 0.6 for units of one family (人/名), 0 otherwise."""
    if actual.is_percent != target.is_percent:
        return 0.0
    a, b = _bare_unit(actual.unit), _bare_unit(target.unit)
    if a == b:
        return 1.0
    if any(a in family and b in family for family in _UNIT_FAMILIES):
        return 0.6
    return 0.0


def percent_error(actual: model.Quantity, target: model.Quantity, percent: float | None) -> float | None:
    """|actual/target − percent| relative to the percent; None when it cannot be computed."""
    if percent is None or not actual.value or not target.value or actual.is_percent:
        return None
    computed = actual.value / target.value * 100
    return abs(computed - percent) / max(percent, 1.0)


def local_context(text: str, start: int, end: int, figures: list[tuple[int, int]]) -> str:
    """The words that go with one figure of a list.

    Words come before their figures (``新增公共停车位1.34万个、新能源汽车充电桩3.58万个``) unless
    the clause opens with a figure (``50个专项整治问题小区、50个样板小区``): then they follow.
    """
    first = min((s for s, _e in figures), default=start)
    prev_end = max((e for s, e in figures if e <= start), default=0)
    next_start = min((s for s, e in figures if s >= end), default=len(text))
    if len(keywords(text[:first])) >= 1:
        return text[prev_end:end]
    return text[start:next_start]


def _indicator_words(indicator: model.Indicator) -> tuple[set[str], set[str]]:
    """(words local to the target figure, words of the whole clause) of an indicator."""
    target = indicator.target
    if target is None:
        return _words_of(indicator.text, 0, 0)
    return _words_of(indicator.text, target.start, target.end)


@lru_cache(maxsize=512)
def _words_of(text: str, start: int, end: int) -> tuple[set[str], set[str]]:
    """``_indicator_words`` of a clause and its target's span, read once for every actual that
    may report on it (a report links each of its figures against each target)."""
    whole = keywords(text)
    if not (0 <= start < end <= len(text)):
        return whole, whole
    figures = [(q.start, q.end) for q in quantities.find_quantities(text)]
    return keywords(local_context(text, start, end, figures)), whole


def link(
    actual: model.Quantity | None,
    clause: str,
    percent: float | None,
    indicators: list[model.Indicator],
    topic: str = "",
    local: str = "",
) -> Link:
    """The indicator this actual (or word-only clause, ``actual`` None) reports on, if any.

    ``local`` is the actual's own words within its clause (see ``local_context``); ``topic``
    names what the whole passage is about (``医保工作站建设方面``): a clause as short as
    ``已扩容至200家`` says too little on its own.
    """
    context = keywords(topic)
    clause_words = keywords(clause) | context
    local_words = keywords(local) | context if local else clause_words
    # Words of the figure itself, without the passage's topic: only they can outweigh a percent.
    own_words = keywords(local or clause)
    best = Link(None)
    for indicator in indicators:
        ind_local, ind_whole = _indicator_words(indicator)
        kw = max(overlap(local_words, ind_local), 0.8 * overlap(clause_words, ind_whole))
        own_kw = overlap(own_words, ind_local) if len(own_words & ind_local) >= 3 else 0.0
        target = indicator.target
        inconsistent = False
        if actual is None or target is None:
            # Without two figures only the words can link; demand a clear overlap.
            score = kw if kw >= 0.5 else 0.0
            if actual is not None and target is None:
                score *= 0.8
        else:
            units = unit_match(actual, target)
            if units == 0.0 or percent is None and _out_of_scale(actual, target):
                continue
            score = 0.6 * kw + 0.4 * units + (0.1 if actual.value == target.value else 0.0)
            error = percent_error(actual, target, percent)
            if error is not None:
                if error <= 0.02:
                    score += 0.8
                elif error <= 0.06:
                    score += 0.4
                elif own_kw >= 0.6:
                    inconsistent = True  # the words leave no doubt: keep the link, flag it
                else:
                    score = 0.0
        if score >= MIN_LINK and score > best.score:
            best = Link(indicator, score, inconsistent)
    return best


# An actual this many times its target, or this fraction of it, measures something else:
# 统筹基金支出…约96.4亿元 against 起付标准降至800元. A level against its increase (880元
# against 增加30元) stays within it.
_SCALE = 100.0


def _out_of_scale(actual: model.Quantity, target: model.Quantity) -> bool:
    if not actual.value or not target.value or actual.is_percent:
        return False
    ratio = actual.value / target.value
    return ratio > _SCALE or ratio < 1 / _SCALE


def is_commitment(clause: str) -> bool:
    """A clause with no figure is a target only if it promises something concrete."""
    folded = fold(clause).strip()
    return len(folded) >= 4 and not _PURPOSE.match(folded) and bool(_CONCRETE.search(folded))


def _span_of(spans: list[tuple[int, int]], start: int) -> tuple[int, int]:
    for s, e in spans:
        if s <= start < e:
            return s, e
    return 0, 0


def shifted(quantity: model.Quantity, by: int) -> model.Quantity:
    return dataclasses.replace(quantity, start=quantity.start - by, end=quantity.end - by)


def target_indicators(text: str, line: int | None, skip_theme: bool = True, flags: list[model.Flag] | None = None) -> list[model.Indicator]:
    """One indicator per target measure of each clause; a figure-less clause only if it commits.

    Each indicator's text is its whole clause, target offsets within it: a clause promising
    two measures (``…服务站600处、…照护中心10处``) gives two indicators with the same text, and
    a list of one measure's values (``分别达到80%、70%、60%``) one, its target the first value
    (see ``targets``). ``skip_theme``: the first clause without a figure is the item's theme
    (提升医疗卫生服务水平), not a commitment, whatever its verb. A figure that cannot be read
    is flagged into ``flags``.
    """
    indicators: list[model.Indicator] = []
    sentences = clauses.SpanIndex(clauses.split_sentences(text))
    for index, (start, end) in enumerate(clauses.split_clauses(text)):
        clause = text[start:end]
        s_start, s_end = sentences.at(start)
        sentence = text[s_start:s_end] or clause
        measures = targets.target_measures(clause)
        if measures:
            for measure in measures:
                for value in measure:
                    if value.value is None and flags is not None:
                        flags.append(model.Flag(model.FLAG_NUMBER_NOT_PARSED, f"目标数字无法识别：“{value.text}”", line=line))
                indicators.append(model.Indicator(clause, measure[0], sentence=sentence, line=line))
        elif not (skip_theme and index == 0) and is_commitment(clause):
            indicators.append(model.Indicator(clause, None, sentence=sentence, line=line))
    return indicators


@dataclass
class Reported:
    """An observation read from a report sentence, with the clause it came from (for linking)."""

    observation: model.Observation
    clause: str
    local: str = ""  # the figure's own words within the clause
    # A part of an earlier total (``管网186.2公里，其中供排水管网39.2公里，供热管网79公里``): it
    # reports on whatever its total reports on, not on a target of its own.
    part_of: Reported | None = None


# A figure in a clause that states completion as a whole (``50个…小区已全部完成整改提升``,
# ``35万人以上就业目标顺利实现``) names the scope or the target, not a measured actual.
_TOTALITY = re.compile(r"全部(?:完成|建成|开工|达标|实现|封顶|开通)|已全部|目标.{0,6}实现|顺利实现")
# Progress stated in words, in a clause with no figure.
_PROGRESS_WORDS = re.compile(
    r"(?:开展|进行|印发|选取|组织|召开|举办)了|已|完成|建成|开工|启动|正在|投入使用|投用|运行|全部|基本|实现|设置|安装|纳入|开通|上线"
)


# Entries are put in the order their clauses first occur in a passage up to this long (a clause
# repeated later sorts with its first occurrence), in the order they were read in a longer one.
_FIND_WITHIN = 20_000


def reported(
    text: str, line: int | None, as_of: dt.date | None = None, skip_first: bool = False
) -> tuple[list[Reported], list[model.Flag]]:
    """Observations of a report passage: figures with their published percent, and word-only progress.

    Offsets of each actual are made relative to the observation's sentence. ``skip_first``: the
    first clause is a topic (``就业方面``), not a report.
    """
    flags: list[model.Flag] = []
    found: list[Reported] = []
    at: dict[int, int] = {}  # id(entry) → where its clause is in ``text``
    pairs, unbound = quantities.bind_percents(text)
    percent_of = {(q.start, q.end): p for q, p in pairs}
    in_percent = clauses.mask_spans(len(text), [(p.start, p.end) for _q, p in pairs] + [(p.start, p.end) for p in unbound])
    figures = {(q.start, q.end): q for q, _p in pairs}
    taken = _Taken(list(figures))
    for q in quantities.find_quantities(text):
        if (q.start, q.end) in figures or 0 <= q.start < len(in_percent) and in_percent[q.start]:
            continue
        if taken.meets(q.start, q.end):
            continue
        figures[(q.start, q.end)] = q
        taken.add(q.start, q.end)
    sentences = clauses.SpanIndex(clauses.split_sentences(text))
    figure_starts = sorted(start for start, _end in figures)
    rates: list[Reported] = []
    for p in unbound:
        s_start, s_end = sentences.at(p.start)
        first = bisect_left(figure_starts, s_start)
        if not p.rate and first < len(figure_starts) and figure_starts[first] < p.start:
            flags.append(model.Flag(model.FLAG_UNBOUND_PERCENT, f"“{p.text}”找不到对应的完成数", line=line))
            continue
        # No figure before it in its sentence: a share of the whole work (已完成总工程量的90%,
        # 整体完成率95%) is the item's progress, never a target.
        sentence = text[s_start:s_end]
        obs = model.Observation(sentence=sentence, percent_of_plan=p.value, percent_text=p.text, as_of=as_of, line=line)
        rates.append(Reported(obs, sentence))
        at[id(rates[-1])] = s_start
    for q in figures.values():
        if q.value is None:
            flags.append(model.Flag(model.FLAG_NUMBER_NOT_PARSED, f"数字无法识别：“{q.text}”", line=line))
    clause_spans = clauses.split_clauses(text)
    clause_index = clauses.SpanIndex(clause_spans)
    figure_clauses = {clause_index.at(start) for start, _end in figures}
    figure_spans = sorted(figures)
    placed: list[tuple[int, int]] = []  # (sentence start, clause index) of each figure entry
    for (start, _end), q in sorted(figures.items()):
        s_start, s_end = sentences.at(start)
        c_start, c_end = clause_index.at(start)
        clause = text[c_start:c_end]
        own = percent_of.get((q.start, q.end))
        words_only = own is None and bool(_TOTALITY.search(fold(clause)))
        obs = model.Observation(
            sentence=text[s_start:s_end],
            actual=shifted(q, s_start),
            percent_of_plan=own.value if own else None,
            percent_text=own.text if own else "",
            as_of=as_of,
            qualitative=bool(words_only),
            line=line,
        )
        in_clause = figure_spans[bisect_left(figure_spans, (c_start,)) : bisect_left(figure_spans, (c_end,))]
        local = local_context(clause, q.start - c_start, q.end - c_start, [(s - c_start, e - c_start) for s, e in in_clause])
        found.append(Reported(obs, clause, local))
        at[id(found[-1])] = c_start
        placed.append((s_start, clause_index.index(start)))
    _mark_parts(found, placed, text, clause_spans)
    found.extend(rates)
    # Word-only progress: runs of figure-less clauses that state progress, one observation per run.
    clause_starts = [c_start for c_start, _c_end in clause_spans]
    for s_start, s_end in sentences.spans:
        run: list[tuple[int, int]] = []
        for index in range(bisect_left(clause_starts, s_start), bisect_left(clause_starts, s_end)):
            c_start, c_end = clause_spans[index]
            if skip_first and index == 0:
                continue
            words = fold(text[c_start:c_end])
            if (c_start, c_end) not in figure_clauses and _PROGRESS_WORDS.search(words) and not _has_percent(words):
                run.append((c_start, c_end))
            elif run:
                found.append(_word_observation(text, run, as_of, line))
                at[id(found[-1])] = run[0][0]
                run = []
        if run:
            found.append(_word_observation(text, run, as_of, line))
            at[id(found[-1])] = run[0][0]
    if len(text) <= _FIND_WITHIN:
        found.sort(key=lambda r: text.find(r.clause))
    else:  # a search from the start for each entry would cost the passage's length squared
        found.sort(key=lambda r: at[id(r)])
    return found, flags


class _Taken:
    """Figure spans already read, and whether a new one meets one of them: starts inside it, or
    holds its start. By bisection while the spans do not overlap (as figures read in order do)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._all = sorted(spans)
        self._starts = [s for s, _e in self._all]
        self._solid = [(s, e) for s, e in self._all if s < e]
        self._disjoint = all(e <= s for (_s, e), (s, _e) in zip(self._solid, self._solid[1:]))

    def meets(self, start: int, end: int) -> bool:
        if not self._disjoint:
            return any(s <= start < e or start <= s < end for s, e in self._all)
        i = bisect_left(self._starts, start)
        if i < len(self._starts) and self._starts[i] < end:
            return True  # one starts inside the new span
        j = bisect_right(self._solid, (start, float("inf"))) - 1
        return j >= 0 and start < self._solid[j][1]  # the last one starting before holds it

    def add(self, start: int, end: int) -> None:
        insort(self._all, (start, end))
        insort(self._starts, start)
        if start < end:
            insort(self._solid, (start, end))


_PART_OPENER = re.compile(r"^\s*其中")


def _mark_parts(found: list[Reported], placed: list[tuple[int, int]], text: str, clause_spans: list[tuple[int, int]]) -> None:
    """Set ``part_of`` on the figures that break a total down: a clause opening with 其中, and
    the clauses right after it, each with a figure in the total's unit and no percent of its own.
    A figure with its own percent (其中1722套已开工,占年计划的86.1%) reports on its own."""
    head: Reported | None = None
    head_sentence = -1
    last: tuple[int, int] | None = None  # (sentence, clause index) of the latest part
    for entry, (sentence, clause_index) in zip(found, placed):
        obs = entry.observation
        head_actual = head.observation.actual if head is not None else None
        own = obs.actual is None or obs.percent_of_plan is not None
        same_unit = head_actual is not None and obs.actual is not None and not own and unit_match(obs.actual, head_actual) == 1.0
        c_start = clause_spans[clause_index][0] if clause_index >= 0 else 0
        opens = clause_index >= 0 and bool(_PART_OPENER.match(fold(text[c_start : clause_spans[clause_index][1]])))
        if (
            head is not None
            and same_unit
            and sentence == head_sentence
            and (opens or last is not None and last[0] == sentence and clause_index == last[1] + 1)
        ):
            entry.part_of = head
            last = (sentence, clause_index)
            continue
        last = None
        if obs.actual is not None:
            head, head_sentence = entry, sentence


def _has_percent(folded: str) -> bool:
    return "%" in folded and bool(quantities.find_percents_of_plan(folded))


def _word_observation(text: str, run: list[tuple[int, int]], as_of: dt.date | None, line: int | None) -> Reported:
    passage = text[run[0][0] : run[-1][1]]
    return Reported(
        # The passage, not the whole sentence: it is what the words say about progress.
        model.Observation(sentence=passage, as_of=as_of, qualitative=True, line=line),
        passage,
    )
