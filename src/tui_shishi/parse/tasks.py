"""The multi-level key-task list: ``一、`` sections › ``(一)`` subsections › ``N、`` tasks.

A three-year plan publishes its tasks as

    一、实施教育品质提升三年攻坚行动
      (一)完善优质教育资源供给机制
        1、…新增优质学位5万个以上…。(牵头部门:市教育局、市自然资源和规划局)

Indentation varies and brackets come full- or half-width (（一）/(一), 〔牵头部门:…〕), so lines are
matched on their folded, left-stripped text. A task runs until the next numbered line; its
department bracket becomes ``departments``, the clauses holding a figure become ``indicators``.

The helpers ``read_indicators``, ``short_title``, ``cn_number`` and ``departments_in`` are shared
with the plan-table reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tui_shishi.model import (
    FLAG_NOT_UNDERSTOOD,
    KIND_TASKS,
    Department,
    Document,
    Flag,
    Indicator,
    Item,
    Section,
)
from tui_shishi.parse.text import Line, fold

NAME = "task_list"
KIND = KIND_TASKS

_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN = "一二三四五六七八九十百零〇两"

SECTION = re.compile(rf"^\s*([{_CN}]+)\s*[、.]\s*")  # 一、 (folded: 一． → 一.)
SUBSECTION = re.compile(rf"^\s*[(〔\[]\s*([{_CN}]+)\s*[)〕\]]\s*")  # (一) （一） 〔一〕
TASK = re.compile(r"^\s*(\d{1,3})\s*(?:、|\.(?!\d))\s*")  # 1、 1. (not 2.5万)
ANNOUNCED = re.compile(rf"^\s*第[{_CN}\d]+件")
PERCENT_OF_PLAN = re.compile(r"占年计划")
# A clause that only says when: 到2024年 / 2022年底前 / 年内 — it belongs to the figure after it.
_TIME_CLAUSE = re.compile(
    r"^(?:到|至|截至|截止到?|在|于|力争|计划|预计)?\s*(?:\d{4}年(?:底|末|年底)?|年底|今年|年内|明年)(?:前|以前|时)?$"
)


def cn_number(text: str) -> int | None:
    """``三十四`` → 34, ``一百零三`` → 103, ``12`` → 12; None when it is not a number."""
    text = fold(text).strip()
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CN_DIGIT and ch not in "十百" for ch in text):
        return None
    total, digit = 0, None
    for ch in text:
        if ch in _CN_DIGIT:
            digit = _CN_DIGIT[ch]
        elif ch == "十":
            total += (1 if digit is None else digit) * 10
            digit = None
        else:  # 百
            total += (1 if digit is None else digit) * 100
            digit = None
    return total + (digit or 0)


def score(lines: list[Line]) -> float:
    """Numbered tasks with department brackets under 一、/(一) headings look like a task list."""
    tasks = [line for line in lines if TASK.match(line.fold)]
    if len(tasks) < 2:
        return 0.0
    with_departments = sum(1 for line in tasks if _has_department_note(line.raw))
    sections = sum(1 for line in lines if SECTION.match(line.fold))
    subsections = sum(1 for line in lines if SUBSECTION.match(line.fold))
    reported = sum(1 for line in tasks if PERCENT_OF_PLAN.search(line.fold))
    announced = sum(1 for line in lines if ANNOUNCED.match(line.fold))
    value = (
        0.25 * min(1.0, len(tasks) / 10)
        + 0.35 * with_departments / len(tasks)
        + 0.2 * (subsections > 0)
        + 0.2 * (sections > 0)
        - 0.4 * reported / len(tasks)  # 占年计划 on the numbered lines: a progress report
        - 0.4 * (announced >= 2)
    )
    return max(0.0, min(1.0, value))


def read(lines: list[Line], doc: Document) -> None:
    qualify = _subsections_restart(lines)
    section: Section | None = None
    subsection: Section | None = None
    keys: set[str] = set()
    task: list[tuple[Line, str]] = []  # the open task's lines with the text each contributes
    number = 0

    def close() -> None:
        if task:
            doc.items.append(_task_item(number, task, subsection or section))
            task.clear()

    for line in lines:
        text = line.fold.strip()
        if not text:
            continue
        if (m := SUBSECTION.match(line.fold)) and cn_number(m.group(1)) is not None:
            close()
            parent = section.key if section else None
            key = f"{parent or ''}({m.group(1)})" if qualify else f"({m.group(1)})"
            subsection = _section(line, m, key, 2, parent, keys, doc)
            doc.sections.append(subsection)
        elif (m := SECTION.match(line.fold)) and cn_number(m.group(1)) is not None:
            close()
            section, subsection = _section(line, m, m.group(1), 1, None, keys, doc), None
            doc.sections.append(section)
        elif m := TASK.match(line.fold):
            close()
            number = int(m.group(1))
            task.append((line, line.raw[m.end() :].strip()))
        elif task:
            task.append((line, line.raw.strip()))  # the task goes on over several lines
        else:
            doc.paragraphs.append(line.raw.strip())  # title, preamble: document-level text
    close()  # numbering (missing, duplicate, out of order) is checked for every format by parse_bytes


def _section(line: Line, m: re.Match[str], key: str, level: int, parent: str | None, keys: set[str], doc: Document) -> Section:
    if key in keys:  # keys must stay unique: items point to their section by key
        doc.flags.append(Flag(FLAG_NOT_UNDERSTOOD, f"栏目序号“{key}”重复出现，此处记为“{key}@{line.number}”", line=line.number))
        key = f"{key}@{line.number}"
    keys.add(key)
    return Section(
        key=key,
        number=cn_number(m.group(1)) or 0,
        title=line.raw[m.end() :].strip(),
        level=level,
        parent=parent,
        text=line.raw.strip(),
        line=line.number,
    )


def _subsections_restart(lines: list[Line]) -> bool:
    """(一) numbered again under each 一、: its key then needs the parent's key to be unique."""
    seen: set[str] = set()
    for line in lines:
        if m := SUBSECTION.match(line.fold):
            if m.group(1) in seen:
                return True
            seen.add(m.group(1))
    return False


def _task_item(number: int, parts: list[tuple[Line, str]], section: Section | None) -> Item:
    text = "".join(part for _, part in parts)
    first = parts[0][0].number

    def line_of(offset: int) -> int:
        for line, part in parts:
            if offset < len(part):
                return line.number
            offset -= len(part)
        return parts[-1][0].number

    departments, body = departments_in(text)
    item = Item(
        number=number,
        title=short_title(body),
        text=body,
        section=section.key if section else None,
        departments=departments,
        indicators=read_indicators(body, line_of),
        line=first,
    )
    if not departments:
        item.flags.append(Flag(FLAG_NOT_UNDERSTOOD, f"第{number}项任务没有写明牵头部门（无“牵头部门”括注）", number, first))
    return item


def departments_in(text: str) -> tuple[list[Department], str]:
    """Departments named in brackets (牵头部门:…), and the text with those brackets cut out."""
    from tui_shishi.parse.departments import find_department_notes, parse_departments

    departments: list[Department] = []
    body, cut = "", 0
    for note in find_department_notes(text):
        departments.extend(parse_departments(note.raw, note.role))
        body += text[cut : note.start]
        cut = note.end
    body += text[cut:]
    return departments, body.strip()


def _has_department_note(raw: str) -> bool:
    from tui_shishi.parse.departments import find_department_notes

    return bool(find_department_notes(raw))


def short_title(text: str) -> str:
    """The first clause of a text; a clause of a few characters (到2024年) takes the next along."""
    from tui_shishi.parse.clauses import split_clauses

    spans = split_clauses(text)
    if not spans:
        return text.strip()
    start, end = spans[0]
    if end - start < 6 and len(spans) > 1:
        end = spans[1][1]
    return text[start:end]


def read_indicators(text: str, line_of: Callable[[int], int | None] = lambda _: None) -> list[Indicator]:
    """One indicator per target measure, its text the clause it stands in (offsets within it).

    A clause of several measures gives one indicator each, all with the clause as text; the
    values of one measure (``分别达到80%、70%、60%``) give one, its target the first value (see
    ``targets``). ``line_of`` maps an offset in ``text`` to its line in the source, for texts
    spanning lines.
    """
    from tui_shishi.parse.clauses import split_clauses, split_sentences
    from tui_shishi.parse.targets import target_measures

    indicators: list[Indicator] = []
    for s_start, s_end in split_sentences(text):
        sentence = text[s_start:s_end]
        previous: tuple[int, int] | None = None
        for c_start, c_end in split_clauses(sentence):
            clause = sentence[c_start:c_end]
            start = c_start
            if previous and _TIME_CLAUSE.match(fold(sentence[previous[0] : previous[1]])):
                start = previous[0]  # 到2024年,…达到80%以上: the year is part of the target
            for quantity in (measure[0] for measure in target_measures(clause)):
                quantity.start += c_start - start
                quantity.end += c_start - start
                indicators.append(
                    Indicator(
                        text=sentence[start:c_end],
                        target=quantity,
                        sentence=sentence,
                        line=line_of(s_start + c_start),
                    )
                )
            previous = (c_start, c_end)
    return indicators
