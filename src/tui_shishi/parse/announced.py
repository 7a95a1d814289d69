"""The list as announced: a ``第N件`` heading, one summary line, then ``●`` bullets.

The summary line is the commitment: its target clauses become the item's indicators. Bullets
explain it and are kept as notes exactly as published. Pages are garbled in practice: a bullet
can be repeated under another item, or sit under an item whose summary it does not belong to.
Such a bullet is kept and flagged (FLAG_REPEATED_BULLET, naming the item it belongs to when the
summaries tell), and bullets never create indicators, so a stray one cannot give an item a
target that is not its own.

Some cities number the items ``一、`` or ``（一）`` instead of ``第N件``, the summary on the same
line; such headings are read only when the document has no ``第N件`` heading, no numbered
``1.`` lines under them (a progress report or a task list) and most of them promise a figure.

A summary clause without a figure is an indicator (target None) only when it promises something
concrete (``推动地铁6号线一期开通运营``, ``对…给予生均经费补助``); the item's opening theme
(``提升家庭医生签约服务``) is not one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui_shishi import model
from tui_shishi.parse import binding, clauses
from tui_shishi.parse.quote import quote
from tui_shishi.parse.text import Line, fold

NAME = "announced_list"
KIND = model.KIND_ANNOUNCED

_CN_NUM = "〇零一二两三四五六七八九十百"
HEADING = re.compile(rf"^\s*第\s*([\d{_CN_NUM}]+)\s*件\s*[:.、]?\s*(.*)$")
# ``一、…`` / ``（一）…`` as item headings, in a list without ``第N件`` (folded: （ → ().
_CN_HEADING = re.compile(rf"^\s*([{_CN_NUM}]+)\s*[、.]\s*(.+)$")
_PAREN_HEADING = re.compile(rf"^\s*[(〔\[]\s*([{_CN_NUM}]+)\s*[)〕\]]\s*(.+)$")
_NUMBERED = re.compile(r"^\s*\d{1,3}\s*(?:、|\.(?!\d))")
_PERCENT_OF_PLAN = re.compile(r"(?:占|完成|为)(?:全年|年度|年)计划")
BULLET = re.compile(r"^\s*[●○◆◇•▪★☆◎·]\s*")
# A year-end report heads items the same way but reports 完成情况 after them.
_REPORT_WORDS = re.compile(r"^\s*(?:完成情况|进展情况|推进情况|实施情况)\s*[:]")


def item_number(text: str) -> int | None:
    """``12`` or ``十二`` → 12."""
    if text.isdigit():
        return int(text)
    try:
        import cn2an

        return int(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError):
        return None


def heading_pattern(lines: list[Line]) -> re.Pattern[str]:
    """``第N件`` when the document has one; else the ``一、`` or ``（一）`` numbering it uses most."""
    if any(HEADING.match(line.fold) for line in lines):
        return HEADING
    counts = [(sum(1 for line in lines if p.match(line.fold)), p) for p in (_CN_HEADING, _PAREN_HEADING)]
    count, pattern = max(counts, key=lambda pair: pair[0])
    return pattern if count >= 2 else HEADING


def numbered_lines(lines: list[Line]) -> int:
    """How many lines open with ``1.`` / ``1、``: items under 一、 sections, not items themselves."""
    return sum(1 for line in lines if _NUMBERED.match(line.fold))


def score(lines: list[Line]) -> float:
    pattern = heading_pattern(lines)
    if pattern is not HEADING:
        return _score_numbered(lines, pattern)
    headings = [m for m in (HEADING.match(line.fold) for line in lines) if m]
    if not headings:
        return 0.0
    bare = sum(1 for m in headings if len(m.group(2).strip()) <= 20)
    bullets = sum(1 for line in lines if BULLET.match(line.fold))
    reports = sum(1 for line in lines if _REPORT_WORDS.match(line.fold))
    value = 0.5 * min(1.0, len(headings) / 3) * (bare / len(headings)) + 0.4 * min(1.0, bullets / max(3, len(headings)))
    if reports:
        value *= 0.3
    return min(1.0, value + 0.1 * (bare == len(headings)))


def _score_numbered(lines: list[Line], pattern: re.Pattern[str]) -> float:
    """A list numbered 一、/（一）: headings that promise figures, bullets, and no report or sub-items."""
    headings = [m for m in (pattern.match(line.fold) for line in lines) if m and item_number(m.group(1)) is not None]
    numbered = numbered_lines(lines)
    if len(headings) < 2 or numbered >= len(headings) / 2:
        return 0.0
    with_figures = sum(1 for m in headings if binding.targets.target_measures(m.group(2)))
    bullets = sum(1 for line in lines if BULLET.match(line.fold))
    value = (0.3 * min(1.0, len(headings) / 3) + 0.4 * min(1.0, bullets / len(headings))) * with_figures / len(headings)
    if any(_PERCENT_OF_PLAN.search(line.fold) for line in lines):
        value *= 0.3  # progress reported against the plan: not the list as announced
    return value


@dataclass
class _Bullet:
    item: model.Item
    text: str
    line: int


def read(lines: list[Line], doc: model.Document) -> None:
    bullets: list[_Bullet] = []
    current: model.Item | None = None
    summary_seen = False
    pattern = heading_pattern(lines)
    for line in lines:
        text = line.raw.strip()
        if not text:
            continue
        m = pattern.match(line.fold)
        if m:
            number = item_number(m.group(1))
            if number is None:
                doc.flags.append(model.Flag(model.FLAG_NOT_UNDERSTOOD, f"件号无法识别：{quote(text)}", line=line.number))
                continue
            current = model.Item(number=number, title="", line=line.number)
            doc.items.append(current)
            rest = line.raw[m.start(2) : m.end(2)].strip()
            summary_seen = False
            if rest:
                _set_summary(current, rest, line.number)
                summary_seen = True
            continue
        if current is None:
            continue  # the page's headline and lead paragraph: kept in doc.text
        bullet = BULLET.match(line.fold)
        if not summary_seen and not bullet:
            _set_summary(current, text, line.number)
            summary_seen = True
        elif bullet:
            body = line.raw[bullet.end() :].strip()
            current.notes.append(text)
            bullets.append(_Bullet(current, body, line.number))
        else:
            current.notes.append(text)
    for item in doc.items:
        if not item.title:
            item.flags.append(model.Flag(model.FLAG_NOT_UNDERSTOOD, f"第{item.number}件下没有概述文字", item.number, item.line))
    _flag_stray_bullets(bullets, doc.items)


def _set_summary(item: model.Item, text: str, line: int) -> None:
    item.title = text
    item.text = text
    item.indicators = binding.target_indicators(text, line, flags=item.flags)


def _normal(text: str) -> str:
    return "".join(ch for ch in fold(text) if ch.isalnum())


def _leading_sentence(text: str) -> str:
    spans = clauses.split_sentences(text)
    return text[spans[0][0] : spans[0][1]] if spans else text


def _bigrams(text: str) -> set[str]:
    norm = _normal(text)
    return {norm[i : i + 2] for i in range(len(norm) - 1)}


def belonging(bullet: str, summary: str) -> float:
    """How much of the bullet's leading sentence restates clauses of ``summary`` (0..1)."""
    lead = _leading_sentence(bullet)
    summary_clauses = [_bigrams(summary[s:e]) for s, e in clauses.split_clauses(summary)]
    lead_clauses = [_bigrams(lead[s:e]) for s, e in clauses.split_clauses(lead)]
    lead_clauses = [c for c in lead_clauses if c]
    if not lead_clauses or not summary_clauses:
        return 0.0
    whole = _bigrams(summary)
    scores = []
    for grams in lead_clauses:
        best = max(len(grams & s) / len(grams) for s in summary_clauses)
        # A clause can also restate the summary across its own clause marks.
        scores.append(max(best, 0.9 * len(grams & whole) / len(grams)))
    return sum(scores) / len(scores)


def _flag_stray_bullets(bullets: list[_Bullet], items: list[model.Item]) -> None:
    summaries = [(item, item.text) for item in items if item.text]
    by_text: dict[str, list[_Bullet]] = {}
    for b in bullets:
        by_text.setdefault(_normal(b.text), []).append(b)
    for b in bullets:
        own = belonging(b.text, b.item.text) if b.item.text else 0.0
        others = [(belonging(b.text, text), item) for item, text in summaries if item is not b.item]
        best, owner = max(others, key=lambda pair: pair[0], default=(0.0, None))
        same = [x for x in by_text[_normal(b.text)] if x.item is not b.item]
        if best >= 0.6 and best > own + 0.1:
            where = f"，第{'、'.join(str(x.item.number) for x in same)}件下也有此条" if same else ""
            _flag(b, f"第{b.item.number}件下的要点属于第{owner.number}件{where}：{quote(b.text)}")
        elif same and own < 0.6:
            # Repeated text that is not clearly this item's own: whose it is, the summaries may tell.
            owners = [x.item for x in same if x.item.text and belonging(x.text, x.item.text) >= 0.6]
            owner = owners[0] if owners else _nearest(b.text, summaries)
            listed = "、".join(str(x.item.number) for x in same)
            if owner is None:
                _flag(b, f"第{b.item.number}件下的要点也出现在第{listed}件下，归属不明：{quote(b.text)}")
            elif owner is not b.item:
                _flag(b, f"第{b.item.number}件下的要点与第{owner.number}件重复，应属第{owner.number}件：{quote(b.text)}")
        elif own < 0.3 and _restates_target(b.text):
            _flag(b, f"第{b.item.number}件下的要点含概述中没有的目标，归属不明：{quote(b.text)}")


def _nearest(bullet: str, summaries: list[tuple[model.Item, str]]) -> model.Item | None:
    """The item whose summary shares most words with the whole bullet, if clearly ahead."""
    grams = _bigrams(bullet)
    scored = sorted(((len(grams & _bigrams(text)) / max(1, len(_bigrams(text))), item) for item, text in summaries), key=lambda p: -p[0])
    if scored and scored[0][0] >= 0.2 and (len(scored) == 1 or scored[0][0] >= 2 * scored[1][0]):
        return scored[0][1]
    return None


def _restates_target(bullet: str) -> bool:
    """The bullet opens like a summary clause: a concrete verb and a target figure."""
    lead = _leading_sentence(bullet)
    first = clauses.split_clauses(lead)
    if not first:
        return False
    clause = lead[first[0][0] : first[0][1]]
    return binding.is_commitment(clause) and bool(binding.targets.target_measures(clause))


def _flag(b: _Bullet, detail: str) -> None:
    b.item.flags.append(model.Flag(model.FLAG_REPEATED_BULLET, detail, b.item.number, b.line))
