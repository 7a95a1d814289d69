"""Departments named for an item: ``(牵头部门:市教育局、市自然资源和规划局)`` → two lead departments.

Two readers: ``find_department_notes`` finds the bracketed clause in an item line (so callers can
cut it from the title), ``parse_departments`` splits a department list as published in a note or
in a table cell.

Normalised name (``Department.name``): the published characters with widths folded (``（）`` →
``()``, full-width letters and digits to half-width) and whitespace removed. Characters are not
converted between Traditional and Simplified: a name is shown as the city wrote it, and the
lists are published in Simplified already. So ``各区（市）政府`` and ``各区(市)政府`` are one
name. ``raw`` keeps the published form of the whole entry, note included.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from tui_shishi.model import ROLE_CO, ROLE_LEAD, ROLE_RESPONSIBLE, Department
from tui_shishi.parse import lexicon
from tui_shishi.parse.text import fold, normalize

# Labels as published → role, from the lexicon's [departments] (a bare 牵头 or 协办 is a word of a
# sentence, not a label). Matched on folded text, so 責任單位 reads as 责任单位.
_LABEL_ROLES = {
    label: role
    for role, key in ((ROLE_LEAD, "lead"), (ROLE_CO, "co"), (ROLE_RESPONSIBLE, "responsible"))
    for label in lexicon.terms("departments", key)
    if len(label) >= 4
}
_LABEL_RE = re.compile("(" + "|".join(sorted(_LABEL_ROLES, key=len, reverse=True)) + r")\s*[:]\s*")
_OPEN = {"(": ")", "[": "]", "〔": "〕", "【": "】"}
_CLOSE = frozenset(_OPEN.values())
_SEPARATORS = frozenset("、,;")  # folded: ，→ ,  ；→ ;
# An entry ending in a bracket is "name(scope)" when the name before it is a whole
# organisation; otherwise the bracket belongs to the name: 各区(市)政府, 各镇(街道).
_ORG_ENDINGS = tuple("局委办厅部院会室处站所馆队行社司署台团") + ("中心", "集团", "公司", "政府", "支队")


@dataclass
class DepartmentNote:
    """A bracketed department clause: ``（责任单位：市人力资源社会保障局、市总工会）``.

    ``raw`` is the department list as published (after the label), ``label`` the label as
    published (责任单位), ``start`` / ``end`` cover the whole bracket in the parsed text. One
    bracket holding two labels (``牵头单位:…;配合单位:…``) gives two notes with the same span.
    """

    role: str
    raw: str
    start: int
    end: int
    label: str


def find_department_notes(text: str) -> list[DepartmentNote]:
    """Every bracketed 牵头部门/协办单位/责任单位 clause of ``text``, in order."""
    folded = fold(text)
    notes: list[DepartmentNote] = []
    pos = 0
    while True:
        label = _LABEL_RE.search(folded, pos)
        if label is None:
            break
        opener = _opening_bracket(folded, label.start())
        if opener is None:
            pos = label.end()
            continue
        end, closed = _closing_bracket(folded, opener)
        inner_end = end - 1 if closed else end
        labels = list(_LABEL_RE.finditer(folded, label.start(), inner_end))
        for i, found in enumerate(labels):
            list_end = labels[i + 1].start() if i + 1 < len(labels) else inner_end
            raw = text[found.end() : list_end].strip().rstrip(";；,，。 ")
            notes.append(
                DepartmentNote(
                    role=_LABEL_ROLES[found.group(1)],
                    raw=raw,
                    start=opener,
                    end=end,
                    label=text[found.start(1) : found.end(1)],
                )
            )
        pos = end
    return notes


def _opening_bracket(folded: str, at: int) -> int | None:
    """The bracket the label opens: ``(牵头部门`` with at most spaces between."""
    i = at - 1
    while i >= 0 and folded[i] == " ":
        i -= 1
    return i if i >= 0 and folded[i] in _OPEN else None


def _closing_bracket(folded: str, opener: int) -> tuple[int, bool]:
    """End (exclusive) of the bracket opened at ``opener`` and whether it closes at all.

    A bracket never closed runs to the end of its line: the departments are kept, not lost.
    """
    depth = 0
    for i in range(opener, len(folded)):
        ch = folded[i]
        if ch == "\n":
            return i, False
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth -= 1
            if depth == 0:
                return i + 1, True
    return len(folded), False


def parse_departments(text: str, role: str) -> list[Department]:
    """Departments of a published list, split on 、，,；; and whitespace outside brackets."""
    departments: list[Department] = []
    seen: set[tuple[str, str]] = set()
    for start, end in _entries(text):
        raw = text[start:end]
        name, note = _name_and_note(raw)
        if not name or (name, note) in seen:
            continue
        seen.add((name, note))
        departments.append(Department(name=name, role=role, note=note, raw=raw))
    return departments


def split_department_groups(text: str) -> list[tuple[int, int]]:
    """A table cell's lists, one per line of the cell (joined with spaces), as offsets.

    ``市财政局,各区(市)政府 市发展改革委、市财政局`` → two lists: in a plan table the co-operating
    departments of each scope of the lead cell stand on a line of their own. A space next to a
    list separator (``市财政局、 市教育局``) is spacing within one list, not a line break.
    """
    folded = fold(text)
    groups: list[tuple[int, int]] = []
    for start, end in _split_outside_brackets(text, lambda ch: ch.isspace()):
        if groups and (folded[groups[-1][1] - 1] in _SEPARATORS or folded[start] in _SEPARATORS):
            groups[-1] = (groups[-1][0], end)
        else:
            groups.append((start, end))
    return groups


def _entries(text: str) -> list[tuple[int, int]]:
    return _split_outside_brackets(text, lambda ch: ch in _SEPARATORS or ch.isspace())


def _split_outside_brackets(text: str, is_separator: Callable[[str], bool]) -> list[tuple[int, int]]:
    folded = fold(text)
    spans: list[tuple[int, int]] = []
    depth = 0
    begin = 0
    for i, ch in enumerate(folded):
        if ch == "\n":
            depth = 0  # a bracket never closed does not join lines
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and is_separator(ch):
            spans.append((begin, i))
            begin = i + 1
    spans.append((begin, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _name_and_note(raw: str) -> tuple[str, str]:
    """``市农业农村局(市乡村振兴局)`` → (市农业农村局, 市乡村振兴局); ``各区(市)政府`` → whole name."""
    # Names are identities (one bureau across documents), so they are normalised to the
    # Simplified, half-width form; the published form stays in Department.raw.
    entry = re.sub(r"\s+", "", normalize(raw)).rstrip("。.")
    if entry.endswith("等") and len(entry) > 1:
        entry = entry[:-1]  # 市财政局等: "and others" names no department
    if entry and entry[-1] in _CLOSE:
        opener = _matching_opener(entry)
        if opener > 0:
            name = entry[:opener]
            if name.endswith(_ORG_ENDINGS):
                return name, entry[opener + 1 : -1].strip()
    return entry, ""


def _matching_opener(entry: str) -> int:
    depth = 0
    for i in range(len(entry) - 1, -1, -1):
        if entry[i] in _CLOSE:
            depth += 1
        elif entry[i] in _OPEN:
            depth -= 1
            if depth == 0:
                return i
    return -1


def departments_in(text: str) -> tuple[list[Department], str]:
    """Departments named in brackets (牵头部门:…), and the text with those brackets cut out."""
    found: list[Department] = []
    body, cut = "", 0
    for note in find_department_notes(text):
        found.extend(parse_departments(note.raw, note.role))
        body += text[cut : note.start]
        cut = note.end
    body += text[cut:]
    return found, body.strip()
