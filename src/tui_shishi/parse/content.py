"""The content pass: an outline's blocks → sections, items, indicators, observations.

Each line of an item, and each sentence of a heading, gets a *role* from the lexicon's cue
words, whatever the layout it came in:

    department   牵头单位:… / (责任单位:…) / a 牵头单位 cell      → Item.departments
    milestone    完成时限:… / a 实施计划 cell                    → Item.milestones
    report       完成情况:… / 截至6月底… / 占计划80.1% / 已完成…   → observations
    note         ● bullets under a numbered item                  → Item.notes
    target       everything else of the heading and its summary   → Item.indicators

Targets come only from target text: a report or result sentence never becomes a target. Figures
of a report are linked to the item's targets, or to its section's targets where the section
heading states them (a progress report that numbers 项 under 件); a 其中 part goes with its total.
What the document is (kind) is read from the same roles: a text that reports actuals is a
progress or year-end report whatever its layout.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable

from tui_shishi import model
from tui_shishi.parse import binding, clauses, departments, lexicon, numbering, roles
from tui_shishi.parse.bullets import Bullet, flag_stray
from tui_shishi.parse.departments import departments_in
from tui_shishi.parse.outline import SUB, Block, Outline
from tui_shishi.parse.quantities import find_percents_of_plan
from tui_shishi.parse.reports import TOPIC, report
from tui_shishi.parse.targets import read_indicators, short_title
from tui_shishi.parse.text import Line, fold


@dataclasses.dataclass
class _Reading:
    """What the pass knows of the document while it reads the items."""

    doc: model.Document
    reporting: bool
    sections: dict[int, model.Section]  # id(block) → section
    bullets: list[Bullet] = dataclasses.field(default_factory=list)


def read(ol: Outline, doc: model.Document, kind: str | None = None) -> None:
    """Fill ``doc`` from the outline; ``kind`` overrides what the content says the document is."""
    if ol.items and not looks_like_projects(ol):
        ol = Outline([], [line for b in ol.blocks for line in b.lines()] + ol.preamble, None)
        ol.preamble.sort(key=lambda line: line.number)
    doc.paragraphs.extend(line.raw.strip() for line in ol.preamble)
    doc.flags.extend(ol.flags)
    if not ol.items:
        doc.kind = kind or model.KIND_UNKNOWN
        doc.format = "paragraphs"
        doc.flags.append(model.Flag(model.FLAG_UNKNOWN_FORMAT, "未找到编号的实事项目，全文按段落保留"))
        return
    reporting = is_reporting(ol)
    doc.kind = kind or kind_of(ol, doc, reporting)
    if doc.kind == model.KIND_FINAL and doc.as_of is None and doc.year_end:
        doc.as_of = dt.date(doc.year_end, 12, 31)  # a year-end report speaks for the year
    reading = _Reading(doc, doc.kind in (model.KIND_PROGRESS, model.KIND_FINAL), {})
    _sections(ol, reading)
    for block in ol.items:
        doc.items.append(_item(block, reading))
    flag_stray(reading.bullets, doc.items)
    doc.format = ol.item_scheme or "paragraphs"


def looks_like_projects(ol: Outline) -> bool:
    """Most items promise or report work (a figure, a department, a project word), unlike the
    sections of a notice (一、征集范围 二、征集方式)."""
    project = lexicon.pattern("roles", "project")
    hits = 0
    for block in ol.items:
        following = block.lines()[1:2]
        text = block.head or (following[0].raw if following else "") if block.cells is None else _block_text(block)
        folded = fold(text)
        if re.search(r"\d", folded) or project.search(folded) or departments.find_department_notes(text):
            hits += 1
    return hits * 2 >= len(ol.items)


def is_reporting(ol: Outline) -> bool:
    """The items report actuals: percents of plan, 完成情况 paragraphs, or most items report."""
    if ol.item_scheme == "table":
        rows = [b.cells for b in ol.blocks if b.cells is not None]
        return any(cells.get("progress") for cells in rows) or any(find_percents_of_plan(cells.get("content", "")) for cells in rows)
    texts = [_block_text(b) for b in ol.items]
    if not texts:
        return False
    if any(find_percents_of_plan(t) for t in texts):
        return True
    if any(roles.report_label(line.fold) is not None for b in ol.items for line in b.lines()):
        return True
    reports = sum(1 for t in texts if any(roles.report_sentence(t[s:e]) for s, e in clauses.split_sentences(t)))
    return reports >= max(1, len(texts) / 2)


def kind_of(ol: Outline, doc: model.Document, reporting: bool) -> str:
    lead = fold(" ".join([doc.title, *(line.fold for line in ol.preamble[:6])]))
    if not reporting and doc.as_of is not None and lexicon.pattern("kinds", "progress").search(lead):
        reporting = True  # 现将1至7月…实施进度通报如下: a report, though it gives no figures
    if reporting:
        final = lexicon.pattern("kinds", "final").search(lead) or (doc.as_of is not None and doc.as_of.month == 12)
        labels = any(roles.report_label(line.fold) is not None for b in ol.items for line in b.lines())
        if final or labels and doc.as_of is None:
            return model.KIND_FINAL
        return model.KIND_PROGRESS
    if ol.item_scheme == "table" or lexicon.pattern("kinds", "plan").search(fold(doc.title)):
        return model.KIND_PLAN
    title = fold(doc.title)
    if lexicon.pattern("kinds", "tasks").search(title):
        return model.KIND_TASKS
    with_notes = sum(1 for b in ol.items if departments.find_department_notes(_block_text(b)))
    if ol.sections and with_notes >= max(1, len(ol.items) / 2) and not lexicon.pattern("kinds", "announced").search(title):
        return model.KIND_TASKS  # sections of tasks, each with its 牵头部门
    return model.KIND_ANNOUNCED


def _block_text(block: Block) -> str:
    if block.cells is not None:
        return " ".join(v for v in block.cells.values() if v)
    return "\n".join([block.head, *(line.raw.strip() for line in block.lines()[1:])])


def _sections(ol: Outline, reading: _Reading) -> None:
    keys: set[str] = set()
    restarts = _keys_restart(ol)
    for block in ol.sections:
        parent = reading.sections.get(id(block.parent)) if block.parent else None
        key = f"({block.key})" if block.scheme == "paren_cn" and not block.key.startswith("(") else block.key
        if restarts and parent is not None:
            key = f"{parent.key}{key}"
        if key in keys:
            reading.doc.flags.append(model.Flag(
                model.FLAG_NOT_UNDERSTOOD, f"栏目序号“{key}”重复出现，此处记为“{key}@{block.line.number}”", line=block.line.number,
            ))  # fmt: skip
            key = f"{key}@{block.line.number}"
        keys.add(key)
        heading = " ".join([block.head, *(line.raw.strip() for line in block.body)]).strip() if reading.reporting else block.head
        spans = clauses.split_clauses(block.head)
        title = block.head[spans[0][0] : spans[0][1]] if spans and reading.reporting else block.head
        section = model.Section(
            key=key, number=block.number or 0, title=title, level=block.level,
            parent=parent.key if parent else None, text=block.line.raw.strip(), line=block.line.number,
        )  # fmt: skip
        if reading.reporting:
            section.indicators = binding.target_indicators(heading, block.line.number)
        reading.sections[id(block)] = section
        reading.doc.sections.append(section)


def _keys_restart(ol: Outline) -> bool:
    seen: set[tuple[str, str]] = set()
    for block in ol.sections:
        if (block.scheme, block.key) in seen:
            return True
        seen.add((block.scheme, block.key))
    return False


def _item(block: Block, reading: _Reading) -> model.Item:
    doc = reading.doc
    section = reading.sections.get(id(block.parent)) if block.parent else None
    item = model.Item(number=block.number or 0, title="", section=section.key if section else None, line=block.line.number)
    if block.cells is not None:
        _table_item(item, block, reading)
        return item
    targets: list[tuple[str, int]] = []  # (text, line) of target text
    reports: list[tuple[str, int]] = []
    head_reports = reading.reporting and section is not None and bool(section.indicators)
    body = block.lines()[1:]
    head, head_line, rest = _head_lines(block, body, reading)
    rest_numbers = {line.number for line in rest}
    head_lines = [block.line, *(line for line in body if line.number not in rest_numbers)]
    _heading(item, head, head_line, reading, targets, reports, whole_report=head_reports)
    bullets: list[tuple[str, int]] = []
    in_report = False
    for line in rest:
        text = line.raw.strip()
        folded = line.fold
        found, left = departments_in(text) if text.startswith(("(", "（", "〔")) else ([], text)
        if found and not left:
            item.departments.extend(found)  # a bracketed note on a line of its own
            continue
        dept = roles.department_label(folded)
        if dept is not None:
            item.departments.extend(departments.parse_departments(line.raw[dept[1] :].strip(), dept[0]))
            continue
        end = roles.milestone_label(folded)
        if end is not None:
            _milestone(item, line.raw[end:].strip(), text, line.number, doc)
            continue
        end = roles.report_label(folded)
        if end is not None or in_report:
            in_report = True
            reports.append((line.raw[end or 0 :].strip(), line.number))
            item.notes.append(line.raw[end or 0 :].strip())
            continue
        m = numbering.marker(line.raw, folded)
        if m is not None and m.scheme == "bullet":
            item.notes.append(text)
            bullets.append((line.raw[m.end :].strip(), line.number))
            continue
        if m is not None and m.scheme in numbering.NUMBERED:
            # A sub-item: its heading restates a part of the item; what follows reports on it.
            sub = line.raw[m.end :].strip()
            found, sub_body = departments_in(sub)
            item.departments.extend(d for d in found if d not in item.departments)
            if reading.reporting:
                item.notes.append(text)
            else:
                targets.append((sub_body, line.number))
            continue
        if head_reports:
            item.text = f"{item.text}\n{text}" if item.text else text
            reports.append((text, line.number))
        elif reading.reporting:
            reports.append((text, line.number))
            item.notes.append(text)
        else:
            item.notes.append(text)
    _targets(item, targets, doc)
    if len(head_lines) > 1:
        _place(item.indicators, head_lines)
    own = bool(item.indicators) or section is None or not section.indicators
    for text, at in reports:
        report(item, text, at, section if not own else None, doc, first=head_reports and at == block.line.number)
    if not item.title:
        item.flags.append(model.Flag(model.FLAG_NOT_UNDERSTOOD, f"第{item.number}件下没有概述文字", item.number, item.line))
        item.title = block.head or f"第{item.number}项"
    reading.bullets.extend(Bullet(item, text, line) for text, line in bullets)
    if doc.kind == model.KIND_FINAL and not reports:
        item.flags.append(model.Flag(model.FLAG_NOT_UNDERSTOOD, f"第{item.number}件没有完成情况（未报告）", item.number, item.line))
    if not item.departments and doc.kind == model.KIND_TASKS:
        item.flags.append(
            model.Flag(model.FLAG_NOT_UNDERSTOOD, f"第{item.number}项任务没有写明牵头部门（无“牵头部门”括注）", item.number, item.line)
        )
    return item


_ENDED = tuple("。;!?)）】”")


def _head_lines(block: Block, body: list[Line], reading: _Reading) -> tuple[str, int, list[Line]]:
    """The heading's text with the lines it runs on over, its line, and the lines after it.

    A bare heading (``第3件``) takes the next line as its text; a heading that breaks off
    mid-sentence goes on over the following plain lines."""
    parts = [block.head]
    children = {c.line.number for c in block.children}
    taken = 0
    while taken < len(body):
        line = body[taken]
        folded = line.fold.strip()
        last = next((part.strip() for part in reversed(parts) if part.strip()), "")
        if last and (last.endswith(_ENDED) or reading.reporting):
            break
        if (
            numbering.marker(line.raw, line.fold)
            or roles.department_label(folded)
            or roles.milestone_label(folded)
            or roles.report_label(folded) is not None
        ):
            break
        if line.number in children:
            break
        parts.append(line.raw.strip())
        taken += 1
    rest = body[taken:]
    line_number = block.line.number if block.head or len(parts) == 1 else body[0].number
    return "".join(parts).strip(), line_number, rest


def _place(indicators: list[model.Indicator], lines: list[Line]) -> None:
    """A heading over several lines: each target's line is the one that prints its figure."""
    for indicator in indicators:
        if indicator.target is None:
            continue
        for line in lines:
            if indicator.target.text and indicator.target.text in line.raw:
                indicator.line = line.number
                break


def _heading(
    item: model.Item, text: str, line: int, reading: _Reading,
    targets: list[tuple[str, int]], reports: list[tuple[str, int]], whole_report: bool,
) -> None:  # fmt: skip
    """Split a heading (or an item's first line) into department notes, target and report text."""
    found, body = departments_in(text)
    item.departments.extend(found)
    # 牵头部门:市交通局 written into the sentence without brackets.
    body = roles.inline_departments(item, body)
    if not body:
        return
    if whole_report:
        topic = TOPIC.match(fold(body))
        spans = clauses.split_clauses(body)
        item.title = body[: topic.end(1)] if topic else body[: spans[0][1]] if spans else body
        item.text = body
        reports.append((body, line))
        return
    target, cut = body, 0
    if reading.reporting:
        target = ""
        for start, end in clauses.split_sentences(body):
            if roles.report_sentence(body[start:end]):
                reports.append((body[start:end], line))
                target += body[cut:start]
                cut = roles.sentence_end(body, end)
        target = (target + body[cut:]).strip()
    if not item.title:
        spans = clauses.split_clauses(target or body)
        source = target or body
        whole = reading.doc.kind == model.KIND_ANNOUNCED  # a list's item is named by its summary
        item.title = body if whole else source[spans[0][0] : spans[0][1]] if spans else source
    item.text = body if not item.text else item.text
    if target:
        targets.append((target, line))


def _targets(item: model.Item, targets: list[tuple[str, int]], doc: model.Document) -> None:
    for text, line in targets:
        if doc.kind in (model.KIND_TASKS, model.KIND_PLAN):
            found = read_indicators(text, _on_line(line))
        else:
            found = binding.target_indicators(text, line, flags=item.flags)
        item.indicators.extend(i for i in found if not _is_part(i))
    if targets and not item.text:
        item.text = "\n".join(t for t, _ in targets)


def _on_line(line: int) -> Callable[[int], int]:
    """``line_of`` for a passage on one line: every offset in it is on ``line``."""
    return lambda _offset: line


def _is_part(indicator: model.Indicator) -> bool:
    """A 其中 clause breaks a target down: a part, never a target of its own."""
    return bool(lexicon.pattern("roles", "part").match(fold(indicator.text).strip()))


def _milestone(item: model.Item, rest: str, text: str, line: int, doc: model.Document) -> None:
    from tui_shishi.parse.milestones import split_milestones

    found = split_milestones(rest, doc.year_start, item.flags, line) or [model.Milestone(due=rest, text=text)]
    for milestone in found:
        milestone.line = line
    item.milestones.extend(found)


def _table_item(item: model.Item, block: Block, reading: _Reading) -> None:
    from tui_shishi.parse import table

    doc = reading.doc
    rows = [block, *[c for c in block.children if c.role == SUB]]  # table rows: each has its cells
    head = block.cells or {}
    contents = [cells["content"] for r in rows if (cells := r.cells or {}).get("content")]
    item.text = " ".join(contents)  # a row without 序号 goes on with the row above
    shown = head.get("number", "")
    if shown and numbering.numeral(shown) is None:
        item.flags.append(model.Flag(
            model.FLAG_NOT_UNDERSTOOD, f"序号“{shown}”不是数字，按位置记为第{item.number}件", item.number, block.line.number,
        ))  # fmt: skip
    item.title = head.get("title") or (short_title(contents[0]) if contents else "")
    for row in rows:
        cells = row.cells or {}
        if cells.get("content"):
            found, body = departments_in(cells["content"])
            item.departments.extend(found)
            indicators = read_indicators(body, _on_line(row.line.number))
            item.indicators.extend(i for i in indicators if not _is_part(i))
            if cells.get("progress"):
                # A row's progress cell reports on that row's targets first.
                report(item, cells["progress"], row.line.number, None, doc, targets=indicators or None)
        elif cells.get("progress"):
            report(item, cells["progress"], row.line.number, None, doc)
        for role in (model.ROLE_LEAD, model.ROLE_CO, model.ROLE_RESPONSIBLE):
            if not cells.get(role):
                continue
            if role == model.ROLE_CO:
                item.departments.extend(table.co_units(cells[role], cells.get(model.ROLE_LEAD, "")))
            else:
                item.departments.extend(table.units(cells[role], role))
        if cells.get("plan"):
            year = doc.year_start or _year_in(doc.paragraphs)
            from tui_shishi.parse.milestones import split_milestones

            for milestone in split_milestones(cells["plan"], year, item.flags, row.line.number):
                milestone.line = row.line.number
                item.milestones.append(milestone)
        if cells.get("extra"):
            item.notes.append(cells["extra"])
        if cells.get("progress"):
            item.notes.append(cells["progress"])
    if block.cells is not None and block.number is not None and not item.departments and "content" in block.cells and len(block.cells) > 1:
        item.flags.append(model.Flag(model.FLAG_NOT_UNDERSTOOD, f"第{item.number}件没有写明单位", item.number, block.line.number))


def _year_in(paragraphs: list[str]) -> int | None:
    for text in paragraphs:
        if m := re.search(r"((?:19|20)\d\d)\s*年", fold(text)):
            return int(m.group(1))
    return None
