"""A progress report during the year: ``一、`` sections with targets, ``N.`` items with actuals.

    一、促进城乡就业创业,城镇新增就业30万人,政策性扶持创业1.5万人,…
    1.就业方面,全市城镇新增就业41.58万人,占年计划的138.6%;政策性扶持创业4.37万人,…

A section heading states the year's targets: they become the section's indicators. An item reports
on them: each figure becomes an Observation (with its published percent of plan, the document's
as-of date, its sentence and line) on an indicator of the item, whose ``target`` is the section
target the figure reports on (binding.link) or None when no target matches: never invented.
A figure that matches no target and has no percent is kept in ``item.progress``, as is progress
stated in words only (``已完成全部设施设备采购程序``). A part of a total without a percent of its
own (``…,其中…39.2公里``) goes with its total.
"""

from __future__ import annotations

import copy
import re

from tui_shishi import model
from tui_shishi.parse import binding
from tui_shishi.parse.announced import item_number
from tui_shishi.parse.text import Line, fold

NAME = "progress_report"
KIND = model.KIND_PROGRESS

_CN_NUM = "〇零一二两三四五六七八九十"
SECTION = re.compile(rf"^\s*([{_CN_NUM}]{{1,3}})\s*[、.]\s*(.+)$")
# ``12.`` but not ``1.5万人``: the dot must not be followed by a digit.
ITEM = re.compile(r"^\s*(\d{1,3})\s*(?:[.、]|\.)(?!\d)\s*(.+)$")
_PERCENT_OF_PLAN = re.compile(r"(?:占|完成|为)(?:全年|年度|年)计划")
_TOPIC = re.compile(r"^(.{1,30}?)方面\s*[,:]")


def score(lines: list[Line]) -> float:
    sections = sum(1 for line in lines if SECTION.match(line.fold))
    items = sum(1 for line in lines if ITEM.match(line.fold))
    percents = sum(len(_PERCENT_OF_PLAN.findall(line.fold)) for line in lines)
    if not items or not percents:
        return 0.0
    # Items that report (占年计划) rather than plan; sections help but are not required.
    return min(1.0, 0.5 * min(1.0, percents / max(3, items)) + 0.3 * min(1.0, items / 5) + 0.2 * (sections > 0))


def read(lines: list[Line], doc: model.Document) -> None:
    section: model.Section | None = None
    current: model.Item | None = None
    for line in lines:
        text = line.raw.strip()
        if not text:
            continue
        m = SECTION.match(line.fold)
        number = item_number(m.group(1)) if m else None
        if m and number is not None:
            section = _section(m.group(1), number, line, m.start(2))
            doc.sections.append(section)
            current = None
            continue
        m = ITEM.match(line.fold)
        if m:
            current = model.Item(number=int(m.group(1)), title="", section=section.key if section else None, line=line.number)
            doc.items.append(current)
            _report(current, line.raw[m.start(2) :].strip(), line.number, section, doc, first=True)
            continue
        if current is not None:
            # A report running on over a second line belongs to the same item.
            _report(current, text, line.number, section, doc)
        else:
            doc.paragraphs.append(text)


def _section(key: str, number: int, line: Line, start: int) -> model.Section:
    heading = line.raw[start:].strip()
    spans = binding.clauses.split_clauses(heading)
    title = heading[spans[0][0] : spans[0][1]] if spans else heading
    section = model.Section(key=key, number=number, title=title, text=heading, line=line.number)
    section.indicators = binding.target_indicators(heading, line.number)
    return section


def _report(
    item: model.Item, text: str, line: int, section: model.Section | None, doc: model.Document, first: bool = False
) -> None:
    if not item.title:
        topic = _TOPIC.match(fold(text))
        spans = binding.clauses.split_clauses(text)
        item.title = text[: topic.end(1)] if topic else text[: spans[0][1]] if spans else text
    item.text = f"{item.text}\n{text}" if item.text else text
    found, flags = binding.reported(text, line, doc.as_of, skip_first=first and bool(_TOPIC.match(fold(text))))
    for flag in flags:
        flag.item_number = item.number
        item.flags.append(flag)
    targets = section.indicators if section else []
    made: dict[int, model.Indicator] = {}  # the indicator each figure went to, for its parts
    for entry in found:
        obs = entry.observation
        if entry.part_of is not None and id(entry.part_of) in made:
            made[id(entry.part_of)].observations.append(obs)  # a part goes with its total
            continue
        if obs.actual is None:
            item.progress.append(obs)
            continue
        bound = binding.link(obs.actual, entry.clause, obs.percent_of_plan, targets, topic=item.title, local=entry.local)
        if bound.inconsistent:
            item.flags.append(
                model.Flag(
                    model.FLAG_INCONSISTENT,
                    f"完成{obs.actual.text}、目标{bound.indicator.target.text}，与公布的“{obs.percent_text}”不一致",
                    item.number,
                    line,
                )
            )
        if bound.indicator is None and obs.percent_of_plan is None:
            item.progress.append(obs)
            continue
        if bound.indicator is not None:
            # The indicator is the section's target clause; the observation keeps its own sentence.
            target = bound.indicator
            item.indicators.append(
                model.Indicator(target.text, copy.copy(target.target), [obs], sentence=target.sentence, line=target.line)
            )
        else:
            item.indicators.append(model.Indicator(entry.clause, None, [obs], sentence=obs.sentence, line=line))
        made[id(entry)] = item.indicators[-1]
