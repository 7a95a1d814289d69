"""Tables, for the outline pass: one row per item, columns found by their header names.

    序号 | 实施内容 | 牵头单位 | 协办单位 | 实施计划
    1    | 实现城镇新增就业35万人以上,… | 市人力资源社会保障局 | 市农业农村局、市财政局,… | 3月底前,… 6月底前,…

Cells are separated by tabs (copied from a word processor) or bars (``|``, markdown tables with
or without outer bars and ``---`` rule rows). Columns are found by name, not position, since
cities order them differently. A cell copied from several lines arrives joined by spaces:
``市住房城乡建设局(节能保暖工程) 市住房城乡建设局(老旧小区改造)`` are two departments.
The 协办 cell then holds one list per lead scope, line for line: each co-operating department
takes its lead's scope as ``note`` (see ``co_units``). A row without a 序号 continues the row
above. Notes under the table (``注:…``) are kept as document text. Two damaged copies are read
too: a table flattened with no separators at all (…配合单位1增加教育资源供给…), its rows found by
their 序号 run into the text, and a table copied one cell per line.
"""

from __future__ import annotations

import re

from tui_shishi.model import (
    FLAG_NOT_UNDERSTOOD,
    ROLE_CO,
    ROLE_LEAD,
    ROLE_RESPONSIBLE,
    Department,
    Flag,
)
from tui_shishi.parse import lexicon
from tui_shishi.parse import outline as ol
from tui_shishi.parse.numbering import numeral as cn_number
from tui_shishi.parse.text import Line, fold


# Column role → header names (folded, without spaces), from the lexicon's [columns] and
# [departments]. Exact names are tried before partial ones, roles in this order.
def _column_names() -> dict[str, tuple[str, ...]]:
    columns = lexicon.table("columns")
    return {
        "number": tuple(columns["number"]),
        ROLE_LEAD: tuple(lexicon.table("departments")["lead"]),
        ROLE_CO: tuple(lexicon.table("departments")["co"]),
        ROLE_RESPONSIBLE: tuple(lexicon.table("departments")["responsible"]),
        "progress": tuple(columns["progress"]),
        "plan": tuple(columns["plan"]),
        "content": tuple(columns["content"]),
        "title": tuple(columns["title"]),
    }


_COLUMNS = _column_names()
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
    if "content" not in columns and "title" in columns:
        columns["content"] = columns.pop("title")  # 项目名称 is all the table says of the project
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


# A flattened table's header: the column names run together with no separator between them.
_FLAT_MIN_COLUMNS = 3
_PAGE_MARKER = re.compile(r"^\s*\d{1,2}、")
_NOT_ROW_AFTER = frozenset("个人所家名处座条套万亿千百十年月日号届次项件批类元米吨辆台张户间栋期%万")


def outline(lines: list[Line]) -> ol.Outline | None:
    """The document as table rows, if it is a table (with separators, or flattened); else None."""
    for index, line in enumerate(lines):
        header = _header(line)
        if header is not None and any(len(header.cells(row)) >= 2 for row in lines[index + 1 : index + 4]):
            return _rows(lines, index, header)
        flat = _flat_columns(line.fold)
        if flat:
            return _flattened(lines, index, flat)
        vertical = _vertical_header(lines, index)
        if vertical is not None:
            return _vertical(lines, index, vertical)
    return None


def _vertical_header(lines: list[Line], index: int) -> dict[str, int] | None:
    """A header written one cell per line (序号 / 项目名称 / 牵头单位 …): its columns, if so."""
    if re.sub(r"\s+", "", lines[index].fold) not in _COLUMNS["number"]:
        return None
    names = []
    for line in lines[index:]:
        name = re.sub(r"\s+", "", line.fold)
        if not name:
            continue
        if len(_columns([name])) != 1 or len(name) > 8:
            break
        names.append(name)
    columns = _columns(names)
    return {**columns, "width": len(names)} if len(columns) >= 3 and "content" in columns else None


def _vertical(lines: list[Line], index: int, columns: dict[str, int]) -> ol.Outline | None:
    """Rows of a table copied one cell per line: a row opens with the next 序号 on a line of its
    own; the lines up to the next one are its cells, in the header's order."""
    width = columns.pop("width")
    role_at = {i: role for role, i in columns.items()}
    body = [line for line in lines[index:] if line.fold.strip()][width:]
    preamble = [line for line in lines[:index] if line.fold.strip()]
    blocks: list[ol.Block] = []
    flags: list[Flag] = []
    row: list[Line] = []
    expected = 1

    def close() -> None:
        if not row:
            return
        cells = [line.raw.strip() for line in row[1:]]
        if len(cells) != width - 1:
            flags.append(Flag(FLAG_NOT_UNDERSTOOD, f"此行有{len(cells) + 1}格，表头有{width}格，按位置读取", line=row[0].number))
        named = {"number": row[0].raw.strip()}
        extra = [cell for i, cell in enumerate(cells, start=1) if i not in role_at and cell]
        named.update({role_at[i]: cell for i, cell in enumerate(cells, start=1) if i in role_at})
        if extra:
            named["extra"] = " ".join(extra)  # a column no role took, or cells beyond the header
        blocks.append(ol.Block(ol.ITEM, "table", cn_number(row[0].fold.strip()), row[0].raw.strip(), row[0], 0, cells=named))

    for line in body:
        if cn_number(line.fold.strip()) == expected:
            close()
            row, expected = [line], expected + 1
        elif row:
            row.append(line)
        else:
            preamble.append(line)
    close()
    if not blocks:
        return None
    return ol.Outline(blocks, preamble, "table", flags)


def _rows(lines: list[Line], index: int, header: _Header) -> ol.Outline:
    blocks: list[ol.Block] = []
    preamble = [line for line in lines[:index] if line.fold.strip()]
    flags: list[Flag] = []
    item: ol.Block | None = None
    for line in lines[index + 1 :]:
        if not line.fold.strip() or _header(line) is not None:
            continue
        cells = header.cells(line)
        if len(cells) < 2 or all(_RULE_CELL.match(cell) or not cell.strip() for cell in cells):
            if len(cells) < 2:
                preamble.append(line)  # a note under the table (注:…) is document text
            continue
        cells = _shifted(cells, header)
        if len(cells) != header.width:
            flags.append(Flag(FLAG_NOT_UNDERSTOOD, f"此行有{len(cells)}格，表头有{header.width}格，按位置读取", line=line.number))
        named = {role: cells[i].strip() for role, i in header.columns.items() if i < len(cells)}
        extra = header.unnamed(cells) + [cell.strip() for i, cell in enumerate(cells) if i >= header.width and cell.strip()]
        if extra:
            named["extra"] = " ".join(extra)
        number_cell = named.get("number", "")
        if "number" in header.columns and not number_cell and item is not None:
            row = ol.Block(ol.SUB, "table", None, "", line, 0, cells=named, parent=item)
            item.children.append(row)  # a row without 序号 continues the item above
            blocks.append(row)
            continue
        number = cn_number(number_cell) if number_cell else None
        position = (item.number or 0) + 1 if item is not None else 1
        item = ol.Block(ol.ITEM, "table", number if number is not None else position, number_cell, line, 0, cells=named)
        blocks.append(item)
    return ol.Outline(blocks, preamble, "table", flags, table=header)


def _shifted(cells: list[str], header: _Header) -> list[str]:
    """A continuation row copied without its empty 序号 cell: its cells sit one column left."""
    i = header.columns.get("number")
    if i != 0 or not cells[0].strip() or cn_number(cells[0]) is not None:
        return cells
    if len(cells) < header.width:
        return ["", *cells]  # cut short as well: its last cells are missing
    if cells[-1].strip():
        return cells
    return ["", *cells[:-1]]


def _flat_columns(folded: str) -> list[str]:
    """Column names of a header row written with no separators (序号项目名称主要内容牵头单位…)."""
    if "\t" in folded or "|" in folded:
        return []
    text = re.sub(r"\s+", "", folded)
    at = text.find("序号")
    if at < 0:
        return []
    names = []
    for role, synonyms in _COLUMNS.items():
        if role == "number":
            continue
        hit = next((s for s in synonyms if len(s) >= 4 and s in text[at:]), None)
        if hit:
            names.append(hit)
    return names if len(names) >= _FLAT_MIN_COLUMNS else []


def _flattened(lines: list[Line], index: int, columns: list[str]) -> ol.Outline | None:
    """Rows of a flattened table: each begins with its 序号 run into the text (…配合单位1增加…).

    The site's page-chunk markers at line starts (``2、``) split words: they are removed, with a
    flag, and the lines joined. A repeated header row is removed too."""
    flags: list[Flag] = []
    chars: list[str] = []
    where: list[Line] = []
    for line in lines[index:]:
        raw = line.raw.strip()
        m = _PAGE_MARKER.match(line.fold)
        if m and line is not lines[index]:
            flags.append(Flag(FLAG_NOT_UNDERSTOOD, f"去除网页分页标记“{line.raw[m.start() : m.end()].strip()}”", line=line.number))
            raw = line.raw[m.end() :].strip()
        chars.extend(raw)
        where.extend([line] * len(raw))
    text = "".join(chars)
    folded = fold(text)
    header_end = _header_end(folded, columns, 0)
    if header_end is None:
        return None
    blocks: list[ol.Block] = []
    starts: list[tuple[int, int]] = []  # (row number, offset of its text)
    pos = header_end
    number = 1
    while True:
        m = re.compile(rf"(?<![\d.]){number}(?=[\u4e00-\u9fff])").search(folded, pos)
        while m is not None and folded[m.end()] in _NOT_ROW_AFTER:
            m = re.compile(rf"(?<![\d.]){number}(?=[\u4e00-\u9fff])").search(folded, m.end())
        if m is None:
            break
        starts.append((number, m.start()))
        pos, number = m.end(), number + 1
    preamble = [line for line in lines[:index] if line.fold.strip()]
    for i, (number, start) in enumerate(starts):
        end = starts[i + 1][1] if i + 1 < len(starts) else len(text)
        body_start = start + len(str(number))
        row_text = text[body_start:end]
        again = _header_start(fold(row_text), columns)
        if again is not None:
            row_text = row_text[:again]  # the header printed again above the next page's rows
        line = where[start]
        blocks.append(ol.Block(ol.ITEM, "table", number, str(number), line, 0, cells={"content": row_text.strip()}))
    if not blocks:
        return None
    flags.append(Flag(FLAG_NOT_UNDERSTOOD, "表格的分隔符已丢失，各行按序号读取，单元格未能分开", line=lines[index].number))
    return ol.Outline(blocks, preamble, "table", flags)


def _header_start(folded: str, columns: list[str]) -> int | None:
    at = folded.find("序号")
    if at >= 0 and all(name in folded[at:] for name in columns):
        return at
    return None


def _header_end(folded: str, columns: list[str], start: int) -> int | None:
    at = folded.find("序号", start)
    if at < 0:
        return None
    end = at
    for name in columns:
        hit = folded.find(name, at)
        if hit >= 0:
            end = max(end, hit + len(name))
    tail = re.match(r"[\u4e00-\u9fff]{0,6}?(?:单位|部门|领导)", folded[end:])
    return end + (tail.end() if tail else 0)
