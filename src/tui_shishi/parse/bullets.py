"""Bullets under an item (● notes) that belong to another item.

Pages are garbled in practice: a bullet can be repeated under another item, or sit under an
item whose summary it does not belong to. Such a bullet is kept where it stands and flagged
(FLAG_REPEATED_BULLET, naming the item it belongs to when the summaries tell); bullets never
create indicators, so a stray one cannot give an item a target that is not its own.

The check is linear in the document in practice: every summary's bigram sets are computed once,
and an index from bigram to summaries gives each bullet only the items that could reach the
belonging threshold (a summary must share one of a clause's rarest bigrams to share 60% of
them), never all pairs of bullets and items.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from sys import intern

from tui_shishi import model
from tui_shishi.parse import binding, clauses, targets
from tui_shishi.parse.quote import quote
from tui_shishi.parse.text import fold

_BELONGS = 0.6  # belonging() from which a bullet restates a summary
_CANDIDATES = 100  # summaries a bullet is scored against, at most
_POSTINGS = 500  # summaries of one bigram counted, at most
_MORE = 4  # bigrams counted beyond those one of which any summary reaching _BELONGS holds
_LISTED = 10  # items named where a bullet is repeated under more

Grams = set[str]


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


def _bigrams(text: str) -> Grams:
    norm = _normal(text)
    # interned: a long list's sets share one string per distinct bigram (a slice is a new object,
    # ~78 bytes: at 9,000 items the sets held ~250 MB of copies of a few thousand bigrams)
    return {intern(norm[i : i + 2]) for i in range(len(norm) - 1)}


def _lead_grams(lead: str) -> list[Grams]:
    """Bigram sets of the clauses of a bullet's leading sentence (empty ones left out)."""
    return [c for c in (_bigrams(lead[s:e]) for s, e in clauses.split_clauses(lead)) if c]


def _summary_grams(summary: str) -> tuple[list[Grams], Grams]:
    """Bigram sets of the summary's clauses, and of the whole summary."""
    return [_bigrams(summary[s:e]) for s, e in clauses.split_clauses(summary)], _bigrams(summary)


def _score(lead: list[Grams], summary_clauses: list[Grams], whole: Grams) -> float:
    if not lead or not summary_clauses:
        return 0.0
    scores = []
    for grams in lead:
        best = max(len(grams & s) / len(grams) for s in summary_clauses)
        # A clause can also restate the summary across its own clause marks.
        scores.append(max(best, 0.9 * len(grams & whole) / len(grams)))
    return sum(scores) / len(scores)


def belonging(bullet: str, summary: str) -> float:
    """How much of the bullet's leading sentence restates clauses of ``summary`` (0..1)."""
    return _score(_lead_grams(_leading_sentence(bullet)), *_summary_grams(summary))


class _Summaries:
    """The items' summaries with their bigram sets, computed once, and an index bigram → items.

    A bullet is scored only against the summaries that share enough of its bigrams to reach the
    threshold, counted through the index: exact for any list of up to _POSTINGS items as long as
    at most _CANDIDATES summaries remain (the most similar are scored), and bounded for a
    hostile one where every item repeats the same words.
    """

    def __init__(self, items: list[model.Item]) -> None:
        self.items = [item for item in items if item.text]
        self.grams = [_summary_grams(item.text) for item in self.items]
        self._of = {id(item): grams for item, grams in zip(self.items, self.grams)}
        self.postings: dict[str, list[int]] = {}
        for k, (_, whole) in enumerate(self.grams):
            for gram in whole:
                self.postings.setdefault(gram, []).append(k)
        self._owners: dict[str, list[tuple[int, float]]] = {}
        self._nearest: dict[str, model.Item | None] = {}

    def of(self, item: model.Item) -> tuple[list[Grams], Grams]:
        grams = self._of.get(id(item))
        if grams is None:
            grams = self._of[id(item)] = _summary_grams(item.text)
        return grams

    def _df(self, gram: str) -> int:
        return len(self.postings.get(gram, ()))

    def _shared(self, grams: list[str]) -> Counter[int]:
        """How many of ``grams`` each summary holds (each gram's first _POSTINGS summaries)."""
        shared: Counter[int] = Counter()
        for gram in grams:
            shared.update(self.postings.get(gram, ())[:_POSTINGS])
        return shared

    def may_reach(self, lead: list[Grams]) -> list[int]:
        """Summaries (indices, in document order) that ``lead`` may belong to with a score of at
        least _BELONGS; every other one scores below it.

        The score is a mean over the lead's clauses of at most each clause's share of bigrams in
        the whole summary, so one clause must share at least 60% (``need``) of its bigrams: of
        its ``len - need + 1 + more`` rarest bigrams, a summary must hold ``more + 1``.
        """
        found: dict[int, int] = {}
        for grams in lead:
            need = (3 * len(grams) + 4) // 5  # ceil(0.6 × len), in integers
            more = min(need - 1, _MORE)
            rarest = sorted(grams, key=self._df)[: len(grams) - need + 1 + more]
            for k, n in self._shared(rarest).items():
                if n > more:
                    found[k] = max(found.get(k, 0), n)
        if len(found) > _CANDIDATES:  # the most similar ones
            found = dict(sorted(found.items(), key=lambda kn: (-kn[1], kn[0]))[:_CANDIDATES])
        return sorted(found)

    def owners(self, lead_text: str, lead: list[Grams]) -> list[tuple[int, float]]:
        """(summary index, score) of the summaries ``lead`` belongs to (score ≥ _BELONGS)."""
        if lead_text not in self._owners:
            found = []
            for k in self.may_reach(lead):
                score = _score(lead, *self.grams[k])
                if score >= _BELONGS:
                    found.append((k, score))
            self._owners[lead_text] = found
        return self._owners[lead_text]

    def owner(self, lead_text: str, lead: list[Grams], bullet_item: model.Item) -> tuple[float, model.Item | None]:
        """The best-scoring other item (the first of equals) when it reaches _BELONGS."""
        best, owner = 0.0, None
        for k, score in self.owners(lead_text, lead):
            if score > best and self.items[k] is not bullet_item:
                best, owner = score, self.items[k]
        return best, owner

    def nearest(self, bullet: str) -> model.Item | None:
        """The item whose summary shares most words with the whole bullet, if clearly ahead."""
        if bullet not in self._nearest:
            self._nearest[bullet] = self._find_nearest(bullet)
        return self._nearest[bullet]

    def _find_nearest(self, bullet: str) -> model.Item | None:
        # Summaries sharing nothing score 0; ties go to the earlier item.
        shared = self._shared(list(_bigrams(bullet)))
        scored = sorted((-n / max(1, len(self.grams[k][1])), k) for k, n in shared.items())
        if not scored:
            return None
        top = -scored[0][0]
        second = -scored[1][0] if len(scored) > 1 else 0.0
        if top >= 0.2 and (len(self.items) == 1 or top >= 2 * second):
            return self.items[scored[0][1]]
        return None


class _Repeats:
    """Bullets of one (normalised) text, in document order: for one of them, those under other
    items, found without a pass over the whole group (a hostile list repeats one bullet)."""

    def __init__(self, group: list[Bullet]) -> None:
        self.group = group
        self._under = Counter(id(b.item) for b in group)
        # For each bullet, the next one under another item than its own.
        self._skip = [len(group)] * len(group)
        for i in range(len(group) - 2, -1, -1):
            self._skip[i] = i + 1 if group[i + 1].item is not group[i].item else self._skip[i + 1]
        self._owned: tuple[Bullet | None, Bullet | None] | None = None

    def others(self, item: model.Item) -> int:
        """How many of the bullets are under other items than ``item``."""
        return len(self.group) - self._under[id(item)]

    def numbers(self, item: model.Item) -> str:
        """The numbers of the other items, in order (the first _LISTED and how many in all)."""
        found: list[str] = []
        i = 0
        while i < len(self.group) and len(found) < _LISTED:
            if self.group[i].item is item:
                i = self._skip[i]
                continue
            found.append(str(self.group[i].item.number))
            i += 1
        total = self.others(item)
        return "、".join(found) + (f"等{total}" if total > len(found) else "")

    def owner(self, item: model.Item, own: Callable[[Bullet], float]) -> model.Item | None:
        """The item of the first bullet under another item that is its item's own (``own``)."""
        if self._owned is None:
            first = alt = None
            for x in self.group:
                if x.item.text and own(x) >= _BELONGS:
                    if first is None:
                        first = x
                    elif x.item is not first.item:
                        alt = x
                        break
            self._owned = (first, alt)
        first, alt = self._owned
        found = first if first is None or first.item is not item else alt
        return found.item if found is not None else None


def flag_stray(bullets: list[Bullet], items: list[model.Item]) -> None:
    summaries = _Summaries(items)
    by_text: dict[str, list[Bullet]] = {}
    for b in bullets:
        by_text.setdefault(_normal(b.text), []).append(b)
    repeats = {text: _Repeats(group) for text, group in by_text.items()}
    lead_texts = {id(b): _leading_sentence(b.text) for b in bullets}
    own_scores: dict[int, float] = {}
    # a bullet's bigram sets are made when it is scored and not kept: a list of thousands of
    # items has tens of thousands of bullets (only the scores are)

    def own(b: Bullet) -> float:
        if id(b) not in own_scores:
            own_scores[id(b)] = _score(_lead_grams(lead_texts[id(b)]), *summaries.of(b.item)) if b.item.text else 0.0
        return own_scores[id(b)]

    for b in bullets:
        best, owner = summaries.owner(lead_texts[id(b)], _lead_grams(lead_texts[id(b)]), b.item)
        same = repeats[_normal(b.text)]
        if owner is not None and best >= _BELONGS and best > own(b) + 0.1:
            where = f"，第{same.numbers(b.item)}件下也有此条" if same.others(b.item) else ""
            _flag(b, f"第{b.item.number}件下的要点属于第{owner.number}件{where}：{quote(b.text)}")
        elif same.others(b.item) and own(b) < _BELONGS:
            # Repeated text that is not clearly this item's own: whose it is, the summaries may tell.
            owner = same.owner(b.item, own) or summaries.nearest(b.text)
            if owner is None:
                _flag(b, f"第{b.item.number}件下的要点也出现在第{same.numbers(b.item)}件下，归属不明：{quote(b.text)}")
            elif owner is not b.item:
                _flag(b, f"第{b.item.number}件下的要点与第{owner.number}件重复，应属第{owner.number}件：{quote(b.text)}")
        elif own(b) < 0.3 and _restates_target(b.text):
            _flag(b, f"第{b.item.number}件下的要点含概述中没有的目标，归属不明：{quote(b.text)}")


def _restates_target(bullet: str) -> bool:
    """The bullet opens like a summary clause: a concrete verb and a target figure."""
    lead = _leading_sentence(bullet)
    first = clauses.split_clauses(lead)
    if not first:
        return False
    clause = lead[first[0][0] : first[0][1]]
    return binding.is_commitment(clause) and bool(targets.target_measures(clause))


def _flag(b: Bullet, detail: str) -> None:
    b.item.flags.append(model.Flag(model.FLAG_REPEATED_BULLET, detail, b.item.number, b.line))
