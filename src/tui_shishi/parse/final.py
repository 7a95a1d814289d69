"""The year-end report: each item restated with its targets, then how it was done.

    第1件：…实现城镇新增就业35万人，扶持创业3万人；…（责任单位：市人力资源社会保障局、市总工会）
    完成情况：…扶持创业3.84万人，占年计划的128%；…补充工伤保险参保人数达到22.78万人。

The target text gives the item's indicators (its figure-bearing clauses, and figure-less ones that
promise something concrete), the bracket its responsible departments. Each actual of 完成情况
becomes an Observation linked to the indicator it answers (binding.link: units, words, and
actual / target against the published percent); a part of a total (``管网186.2公里，其中供排水管网
39.2公里``) without a percent of its own goes with its total. An actual that answers no indicator, and progress
stated in words that matches none, stay in ``item.progress``. An item without 完成情况 is kept
and flagged: the report said nothing on it.

Some cities number the items ``一、`` or ``（一）`` instead (``announced.heading_pattern`` tells
which). Such a document is a year-end report only when its headings are followed by 完成情况 and
it has no ``1.`` lines under them: a progress report heads its sections ``一、`` and reports
numbered items inside them.
"""

from __future__ import annotations

import dataclasses
import re

from tui_shishi import model
from tui_shishi.parse import binding, departments
from tui_shishi.parse.announced import HEADING, heading_pattern, item_number, numbered_lines
from tui_shishi.parse.text import Line

NAME = "year_end_report"
KIND = model.KIND_FINAL

REPORT = re.compile(r"^\s*(?:完成情况|进展情况|落实情况|实施情况|推进情况)\s*[:]\s*")


def score(lines: list[Line]) -> float:
    pattern = heading_pattern(lines)
    headings = [m for m in (pattern.match(line.fold) for line in lines) if m and item_number(m.group(1)) is not None]
    if not headings:
        return 0.0
    reports = sum(1 for line in lines if REPORT.match(line.fold))
    # 一、 numbering is common to every kind of list: only 完成情况 under it, and no ``1.`` items
    # in sections (a progress report, a task list), make it a year-end report.
    if pattern is not HEADING and (not reports or numbered_lines(lines) >= len(headings) / 2):
        return 0.0
    with_text = sum(1 for m in headings if len(m.group(2).strip()) > 10)
    return min(1.0, 0.4 * with_text / len(headings) + 0.6 * min(1.0, reports / len(headings)))


def read(lines: list[Line], doc: model.Document) -> None:
    current: model.Item | None = None
    reported = False
    pattern = heading_pattern(lines)
    for line in lines:
        text = line.raw.strip()
        if not text:
            continue
        m = pattern.match(line.fold)
        if m and item_number(m.group(1)) is not None:
            _close(current, reported)
            current = model.Item(number=item_number(m.group(1)) or 0, title="", line=line.number)
            doc.items.append(current)
            reported = False
            _targets(current, line.raw[m.start(2) : m.end(2)].strip(), line.number)
            continue
        if current is None:
            doc.paragraphs.append(text)  # the lead: kept as document text
            continue
        r = REPORT.match(line.fold)
        # Everything after 完成情况 up to the next heading reports (a second paragraph too).
        if r or reported:
            reported = True
            _report(current, line.raw[r.end() if r else 0 :].strip(), line.number, doc)
        elif not current.text:
            _targets(current, text, line.number)  # heading alone on its line, targets below
        else:
            current.notes.append(text)
    _close(current, reported)


def _close(item: model.Item | None, reported: bool) -> None:
    if item is not None and not reported:
        item.flags.append(model.Flag(model.FLAG_NOT_UNDERSTOOD, f"第{item.number}件没有完成情况（未报告）", item.number, item.line))


def _targets(item: model.Item, text: str, line: int) -> None:
    notes = departments.find_department_notes(text)
    body, cut = "", 0
    for note in notes:
        item.departments.extend(departments.parse_departments(note.raw, note.role))
        if note.start >= cut:
            body += text[cut : note.start]
            cut = note.end
    body = (body + text[cut:]).strip()
    item.text = body
    spans = binding.clauses.split_clauses(body)
    item.title = body[spans[0][0] : spans[0][1]] if spans else body
    item.indicators = binding.target_indicators(body, line, flags=item.flags)


def _report(item: model.Item, text: str, line: int, doc: model.Document) -> None:
    found, flags = binding.reported(text, line, doc.as_of)
    for flag in flags:
        flag.item_number = item.number
        item.flags.append(flag)
    links: dict[int, binding.Link] = {}
    for entry in found:
        obs = entry.observation
        if entry.part_of is not None and id(entry.part_of) in links:
            bound = dataclasses.replace(links[id(entry.part_of)], inconsistent=False)  # a part goes with its total
        else:
            bound = binding.link(obs.actual, entry.clause, obs.percent_of_plan, item.indicators, local=entry.local)
        links[id(entry)] = bound
        if bound.indicator is None:
            item.progress.append(obs)
            continue
        if bound.inconsistent:
            item.flags.append(
                model.Flag(
                    model.FLAG_INCONSISTENT,
                    f"完成{obs.actual.text}、目标{bound.indicator.target.text}，与公布的“{obs.percent_text}”不一致",
                    item.number,
                    line,
                )
            )
        bound.indicator.observations.append(obs)
    if text:
        item.notes.append(text)  # the 完成情况 paragraph as published, for reading in full
