"""The implementation-plan table: one row per item, columns found by their header names.

    序号 | 实施内容 | 牵头单位 | 协办单位 | 实施计划
    1    | 实现城镇新增就业35万人以上,… | 市人力资源社会保障局 | 市农业农村局、市财政局,… | 3月底前,… 6月底前,…

Cells are separated by tabs (copied from a word processor) or bars (``|``, markdown tables with
or without outer bars and ``---`` rule rows). Columns are found by name, not position, since
cities order them differently. A cell copied from several lines arrives joined by spaces:
``市住房城乡建设局(节能保暖工程) 市住房城乡建设局(老旧小区改造)`` are two departments.
The 协办 cell then holds one list per lead scope, line for line: each co-operating department
takes its lead's scope as ``note`` (see ``co_units``). A row without a 序号 continues the row
above. Notes under the table (``注:…``) are kept as document text.
"""

from __future__ import annotations

import re

from tui_shishi.model import (
    FLAG_NOT_UNDERSTOOD,
    KIND_PLAN,
    ROLE_CO,
    ROLE_LEAD,
    ROLE_RESPONSIBLE,
    Department,
    Document,
    Flag,
    Item,
)
from tui_shishi.parse.milestones import split_milestones
from tui_shishi.parse.tasks import cn_number, read_indicators, short_title
from tui_shishi.parse.text import Line, fold

NAME = "plan_table"
KIND = KIND_PLAN

# Column role → header names (folded, without spaces). Exact names are tried before partial ones.
_COLUMNS: dict[str, tuple[str, ...]] = {
    "number": ("序号", "编号", "项目序号", "序"),
    ROLE_LEAD: ("牵头单位", "牵头部门", "主责单位", "主责部门", "牵头责任单位", "牵头"),
    ROLE_CO: ("协办单位", "协办部门", "配合单位", "配合部门", "参与单位", "协同单位", "协助单位", "协办"),
    ROLE_RESPONSIBLE: ("责任单位", "责任部门", "实施单位", "承办单位"),
    "plan": ("实施计划", "进度安排", "时间安排", "计划安排", "实施进度", "进度计划", "时序进度", "工作计划", "完成时限", "时间节点", "实施步骤", "进度"),
    "content": ("实施内容", "项目内容", "实事内容", "主要内容", "工作内容", "目标任务", "任务内容", "项目名称", "实事项目", "内容", "项目", "任务"),
}
_UNIT_ROLES = (ROLE_LEAD, ROLE_CO, ROLE_RESPONSIBLE)
_RULE_CELL = re.compile(r"^\s*:?-{2,}:?\s*$")
_NOTE = re.compile(r"^\s*(?:注|备注|说明|附)\s*\d*\s*[:.、]")
_YEAR = re.compile(r"(\d{4})\s*年")


class _Header:
    """Separator, column role → index, number of cells, and whether rows are indented by a tab."""

    def __init__(self, sep: str, columns: dict[str, int], width: int, indented: bool, names: list[str]) -> None:
        self.sep, self.columns, self.width, self.indented = sep, columns, width, indented
        self.names = names  # header cells as published, for the columns no role took

    def unnamed(self, cells: list[str]) -> list[str]:
        """``完成时限：2025年12月底`` for each non-empty cell of a column no role took (a second
        timing column, 备注, 资金来源 …): kept with its header so nothing published is lost."""
        taken = set(self.columns.values())
        return [
            f"{self.names[i].strip()}：{cell.strip()}" if self.names[i].strip() else cell.strip()
            for i, cell in enumerate(cells[: self.width])
            if i not in taken and cell.strip()
        ]

    def cells(self, line: Line) -> list[str]:
        return _fit(_cells(line, self.sep, self.indented), self.width)


def score(lines: list[Line]) -> float:
    """A header row naming the content and the units or plan, and rows under it that fit."""
    for index, line in enumerate(lines):
        header = _header(line)
        if header is None:
            continue
        rows = [cells for cells in map(header.cells, lines[index + 1 :]) if len(cells) >= 2]
        rows = [cells for cells in rows if not all(_RULE_CELL.match(cell) for cell in cells)]
        base = 0.6 if len(header.columns) >= 3 else 0.4
        if not rows:
            return base / 2
        fitting = sum(1 for cells in rows if len(cells) == header.width and _number_ok(cells, header))
        return base + 0.4 * fitting / len(rows)
    return 0.0


def read(lines: list[Line], doc: Document) -> None:
    header: _Header | None = None
    rows: list[tuple[Line, dict[str, str]]] = []
    in_notes = False
    for line in lines:
        if not line.fold.strip():
            continue
        if (new_header := _header(line)) is not None:
            header, in_notes = new_header, False
            continue
        cells = header.cells(line) if header else []
        if header is None or len(cells) < 2:
            in_notes = in_notes or bool(header and _NOTE.match(line.fold))
            doc.paragraphs.append(line.raw.strip())
            if header is not None and not in_notes:
                doc.flags.append(Flag(FLAG_NOT_UNDERSTOOD, "表格中的这一行不是表格行，按文字保留", line=line.number))
            continue
        if all(_RULE_CELL.match(cell) or not cell.strip() for cell in cells):
            continue  # markdown |---|---| rule
        if len(cells) != header.width:
            doc.flags.append(
                Flag(
                    FLAG_NOT_UNDERSTOOD,
                    f"此行有{len(cells)}格，表头有{header.width}格，按位置读取",
                    line=line.number,
                )
            )
        named = {role: cells[i].strip() for role, i in header.columns.items() if i < len(cells)}
        extra = header.unnamed(cells) + [cell.strip() for i, cell in enumerate(cells) if i >= header.width and cell.strip()]
        if extra:
            named["extra"] = " ".join(extra)
        if not named.get("number") and "number" in header.columns and rows:
            _continue_row(rows[-1][1], named)  # a cell copied over two lines
        else:
            rows.append((line, named))
    if header is None:
        doc.flags.append(Flag(FLAG_NOT_UNDERSTOOD, "未找到表头（序号、实施内容、牵头单位等）"))
        return
    year = doc.year_start or _year_in(doc.paragraphs)
    previous = 0
    for line, named in rows:
        item = _item(line, named, previous + 1, year)
        previous = item.number
        doc.items.append(item)


def _item(line: Line, named: dict[str, str], position: int, year: int | None) -> Item:
    content = named.get("content", "")
    number = cn_number(named.get("number", "")) if named.get("number") else None
    item = Item(number=number if number is not None else position, title=short_title(content), text=content, line=line.number)
    if number is None:
        shown = named.get("number", "")
        item.flags.append(
            Flag(FLAG_NOT_UNDERSTOOD, f"序号“{shown}”不是数字，按位置记为第{position}件", item.number, line.number)
        )
    item.indicators = read_indicators(content, lambda _offset: line.number)
    for role in _UNIT_ROLES:
        if named.get(role) and role != ROLE_CO:
            item.departments.extend(units(named[role], role))
        elif named.get(role):
            item.departments.extend(co_units(named[role], named.get(ROLE_LEAD, "")))
    if named.get("plan"):
        item.milestones = split_milestones(named["plan"], year)
        for milestone in item.milestones:
            milestone.line = line.number
    if named.get("extra"):
        item.notes.append(named["extra"])
    if not item.departments:
        item.flags.append(Flag(FLAG_NOT_UNDERSTOOD, f"第{item.number}件没有写明单位", item.number, line.number))
    return item


def units(cell: str, role: str) -> list[Department]:
    """Departments of a unit cell; spaces outside brackets separate lines of the published cell."""
    from tui_shishi.parse.departments import parse_departments

    return parse_departments(cell, role)


def co_units(cell: str, lead_cell: str) -> list[Department]:
    """协办 departments, each with the scope of the lead it helps when the cells tell.

    A lead cell of several scopes (``市住房城乡建设局(节能保暖工程) 市住房城乡建设局(老旧小区改造)``)
    comes with one co list per scope, in the same order, each on its own line of the cell. When
    the counts agree, each co department's ``note`` is its lead's scope; when they do not, which
    list goes with which lead would be a guess, and every co department is kept without a note.
    """
    from tui_shishi.parse.departments import parse_departments, split_department_groups

    leads = [lead_cell[s:e] for s, e in split_department_groups(lead_cell)]
    groups = [cell[s:e] for s, e in split_department_groups(cell)]
    if not leads or len(leads) != len(groups):
        return parse_departments(cell, ROLE_CO)
    departments: list[Department] = []
    for lead, group in zip(leads, groups):
        notes = list(dict.fromkeys(d.note for d in parse_departments(lead, ROLE_LEAD) if d.note))
        for department in parse_departments(group, ROLE_CO):
            department.note = "、".join(notes)
            departments.append(department)
    return departments


def _continue_row(previous: dict[str, str], named: dict[str, str]) -> None:
    for role, text in named.items():
        if text:
            previous[role] = f"{previous[role]} {text}" if previous.get(role) else text


def _header(line: Line) -> _Header | None:
    """The line as a header row: content column and at least one other named column."""
    for sep in ("\t", "|"):
        indented = sep == "\t" and line.fold.startswith("\t")
        cells = _cells(line, sep, indented)
        if len(cells) < 2:
            continue
        columns = _columns([re.sub(r"\s+", "", fold(cell)) for cell in cells])
        if "content" in columns and len(columns) >= 2:
            return _Header(sep, columns, len(cells), indented, cells)
    return None


def _columns(names: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for exact in (True, False):
        for i, name in enumerate(names):
            if not name or i in columns.values():
                continue
            for role, synonyms in _COLUMNS.items():
                if role in columns:
                    continue
                # a header cell is short; a long cell holding 项目 is a row, not a header
                if any(name == s if exact else (len(s) >= 2 and s in name and len(name) <= 10) for s in synonyms):
                    columns[role] = i
                    break
    return columns


def _cells(line: Line, sep: str, indented: bool = False) -> list[str]:
    """Raw cells of a row; the folded text finds the bars (｜ folds to |), the raw gives the text."""
    folded = line.fold
    if sep not in folded:
        return []
    start, end = 0, len(folded)
    if sep == "|":  # markdown outer bars are borders, not empty cells
        while start < end and folded[start].isspace():
            start += 1
        while end > start and folded[end - 1].isspace():
            end -= 1
        if folded.startswith("|", start):
            start += 1
        if end > start and folded[end - 1] == "|":
            end -= 1
    elif indented and folded.startswith("\t"):
        start = 1  # the table's rows all begin with a tab: indentation, not an empty cell
    cells, begin = [], start
    for i in range(start, end):
        if folded[i] == sep:
            cells.append(line.raw[begin:i])
            begin = i + 1
    cells.append(line.raw[begin:end])
    return cells


def _fit(cells: list[str], width: int) -> list[str]:
    """Trailing empty cells beyond the header's width are stray tabs, not cells."""
    while len(cells) > width and not cells[-1].strip():
        cells.pop()
    return cells


def _number_ok(cells: list[str], header: _Header) -> bool:
    i = header.columns.get("number")
    return i is None or cn_number(cells[i]) is not None


def _year_in(paragraphs: list[str]) -> int | None:
    for text in paragraphs:
        if m := _YEAR.search(fold(text)):
            return int(m.group(1))
    return None
