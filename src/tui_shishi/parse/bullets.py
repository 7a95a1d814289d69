"""Bullets under an item (● notes) that belong to another item.

Pages are garbled in practice: a bullet can be repeated under another item, or sit under an
item whose summary it does not belong to. Such a bullet is kept where it stands and flagged
(FLAG_REPEATED_BULLET, naming the item it belongs to when the summaries tell); bullets never
create indicators, so a stray one cannot give an item a target that is not its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui_shishi import model
from tui_shishi.parse import binding, clauses
from tui_shishi.parse.quote import quote
from tui_shishi.parse.text import fold


@dataclass
class Bullet:
    item: model.Item
    text: str
    line: int


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


def flag_stray(bullets: list[Bullet], items: list[model.Item]) -> None:
    summaries = [(item, item.text) for item in items if item.text]
    by_text: dict[str, list[Bullet]] = {}
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


def _flag(b: Bullet, detail: str) -> None:
    b.item.flags.append(model.Flag(model.FLAG_REPEATED_BULLET, detail, b.item.number, b.line))
