"""Report passages → observations linked to the targets they answer.

A report states ``扶持创业3.84万人，占年计划的128%`` without saying which target it answers:
``binding.link`` finds it among the item's targets, or its section's where the section heading
states them (a progress report that numbers 项 under 件). A 其中 part of a total is kept among the
item's figures, never given to an indicator where it would read as the result; a percent of
several figures of one unit together (3所开工, 17所续建完工, 占年计划的100%) answers the whole
target (20所) as a percent without a figure.
"""

from __future__ import annotations

import copy
import dataclasses
import re

from tui_shishi import model
from tui_shishi.parse import binding
from tui_shishi.parse.text import fold

# ``就业方面,…``: the topic a progress report's item opens with.
TOPIC = re.compile(r"^(.{1,30}?)方面\s*[,:]")


def report(
    item: model.Item, text: str, line: int, section: model.Section | None, doc: model.Document,
    first: bool = False, targets: list[model.Indicator] | None = None,
) -> None:  # fmt: skip
    """Observations of a report passage, linked to ``targets``, else the item's, else its section's."""
    found, flags = binding.reported(text, line, doc.as_of, skip_first=first and bool(TOPIC.match(fold(text))))
    for flag in flags:
        flag.item_number = item.number
        item.flags.append(flag)
    own = targets is not None or section is None or not section.indicators
    if targets is None:
        targets = item.indicators if own or section is None else section.indicators
    links: dict[int, tuple[binding.Link, model.Indicator | None]] = {}
    runs = _runs(found)
    for entry in found:
        obs = entry.observation
        if entry.part_of is not None:
            # A 其中 part of a total: kept with its sentence among the item's figures, never
            # given to an indicator, where it would read as the result.
            item.progress.append(obs)
            links[id(entry)] = (binding.Link(None), None)
            continue
        if obs.actual is None and not own:
            item.progress.append(obs)  # words about a section's work: the item's own progress
            links[id(entry)] = (binding.Link(None), None)
            continue
        bound = binding.link(obs.actual, entry.clause, obs.percent_of_plan, targets, topic="" if own else item.title, local=entry.local)
        if bound.inconsistent and obs.actual is not None and bound.indicator is not None and bound.indicator.target is not None:
            item.flags.append(model.Flag(
                model.FLAG_INCONSISTENT,
                f"完成{obs.actual.text}、目标{bound.indicator.target.text}，与公布的“{obs.percent_text}”不一致",
                item.number, line,
            ))  # fmt: skip
        made = None
        together = composite(obs, runs.get(id(obs), []), targets) if bound.indicator is None and own else None
        if together is not None:
            # 3所开工,17所续建完工,占年计划的100%: the percent is of the figures together against
            # the whole target; no one figure is the result, and no sum is shown as if published.
            indicator, whole = together
            indicator.observations.append(whole)
            item.progress.append(dataclasses.replace(obs, percent_of_plan=None, percent_text=""))
        elif bound.indicator is None:
            if obs.actual is not None and obs.percent_of_plan is not None and not own:
                made = model.Indicator(entry.clause, None, [obs], sentence=obs.sentence, line=line)
                item.indicators.append(made)
            else:
                item.progress.append(obs)
        elif own:
            bound.indicator.observations.append(obs)
            made = bound.indicator
        else:
            target = bound.indicator
            made = model.Indicator(target.text, copy.copy(target.target), [obs], sentence=target.sentence, line=target.line)
            item.indicators.append(made)
        links[id(entry)] = (bound, made)


def _runs(found: list[binding.Reported]) -> dict[int, list[model.Quantity]]:
    """For each figure with a percent of plan, the figures of its sentence it may be a percent of
    together: itself and those before it since the previous figure with a percent (其中 parts
    aside). One pass over each sentence's figures in reading order."""
    by_sentence: dict[str, list[binding.Reported]] = {}
    for r in found:
        actual = r.observation.actual
        if actual is not None and actual.value is not None and r.part_of is None:
            by_sentence.setdefault(r.observation.sentence, []).append(r)
    runs: dict[int, list[model.Quantity]] = {}
    for entries in by_sentence.values():
        run: list[model.Quantity] = []
        for r in sorted(entries, key=lambda r: r.observation.actual.start if r.observation.actual else 0):
            assert r.observation.actual is not None
            run.append(r.observation.actual)
            if r.observation.percent_of_plan is not None:
                runs[id(r.observation)] = run
                run = []
    return runs


def composite(
    obs: model.Observation, run: list[model.Quantity], targets: list[model.Indicator]
) -> tuple[model.Indicator, model.Observation] | None:
    """The target a percent answers when it is of several figures of one unit taken together
    (``run``: the figures of its sentence since the previous percent, as _runs finds them)."""
    if obs.actual is None or obs.actual.value is None or obs.percent_of_plan is None:
        return None
    together = [q for q in run if binding.unit_match(q, obs.actual) == 1.0]
    if len(together) < 2:
        return None
    total = sum(q.value for q in together if q.value is not None)
    for indicator in targets:
        target = indicator.target
        if target is None or not target.value or binding.unit_match(obs.actual, target) != 1.0:
            continue
        if abs(total / target.value * 100 - obs.percent_of_plan) <= 0.02 * obs.percent_of_plan:
            whole = model.Observation(
                sentence=obs.sentence, percent_of_plan=obs.percent_of_plan, percent_text=obs.percent_text,
                as_of=obs.as_of, line=obs.line,
            )  # fmt: skip
            return indicator, whole
    return None
