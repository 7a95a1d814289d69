"""The outline pass: any document of the genre → a tree of blocks with their lines.

No format is assumed. Every line's opening marker is read (``numbering.marker``); which scheme
numbers the document's *items* is decided from the whole run of each scheme, never from the
first line that matches:

* ``第N件`` when the document has it;
* else the numbered scheme that counts on through the whole document without starting again
  at 1 (a run at one level), the longest such run. A scheme that starts again under each
  heading (1. 2. under 一、, 1. under 二、) numbers parts of items, not items;
* else a run of bullets of one kind (——, ●), with damaged bullets inside the run recovered;
* else paragraphs that open with a short title sentence (``提高农村居民最低生活保障标准。截至…``).

Schemes above the items that open before them are sections (一、 › (一)); schemes below are
sub-items. Tables (tab or bar separated, or flattened with no separators at all) are rows; a row
without a 序号 continues the item above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tui_shishi import model
from tui_shishi.parse import numbering
from tui_shishi.parse.quote import quote
from tui_shishi.parse.text import Line

SECTION, ITEM, SUB = "section", "item", "sub"
# At least this many markers make a run of items; 第N件 counts from one.
_MIN_RUN = 2
_MIN_BULLETS = 3
_MIN_TITLED = 3
_TITLE_MAX = 30
_TITLE_SENTENCE = re.compile(rf"^([^。;!?\d%]{{4,{_TITLE_MAX}}})。")


@dataclass
class Block:
    """A heading and the lines under it up to the next heading of any level."""

    role: str  # SECTION / ITEM / SUB
    scheme: str
    number: int | None
    key: str
    line: Line
    head_start: int  # where the heading text starts in ``line.raw``
    level: int = 1  # sections: 1 for the outermost
    body: list[Line] = field(default_factory=list)
    children: list[Block] = field(default_factory=list)
    parent: Block | None = None
    cells: dict[str, str] | None = None  # a table row: column role → cell text
    damaged: bool = False

    @property
    def head(self) -> str:
        return self.line.raw[self.head_start :].strip()

    def lines(self) -> list[Line]:
        """Heading line, body and the lines of every sub-block, in document order."""
        out = [self.line, *self.body]
        for child in self.children:
            out.extend(child.lines())
        return sorted(out, key=lambda line: line.number)


@dataclass
class Outline:
    blocks: list[Block]  # every block, in document order
    preamble: list[Line]  # lines before the first block
    item_scheme: str | None
    flags: list[model.Flag] = field(default_factory=list)
    table: object | None = None  # the table header when the items are table rows

    @property
    def items(self) -> list[Block]:
        return [b for b in self.blocks if b.role == ITEM]

    @property
    def sections(self) -> list[Block]:
        return [b for b in self.blocks if b.role == SECTION]


def outline(lines: list[Line]) -> Outline:
    """The document's outline; a document with no items gives an outline of none."""
    from tui_shishi.parse import table

    found = table.outline(lines)
    if found is not None:
        return found
    markers = {line.number: m for line in lines if line.fold.strip() and (m := numbering.marker(line.raw, line.fold))}
    scheme = _item_scheme(lines, markers)
    if scheme in numbering.NUMBERED:
        return _numbered(lines, markers, scheme)
    if scheme == "bullet":
        return _bulleted(lines, markers)
    titled = _titled_lines(lines)
    if len(titled) >= _MIN_TITLED:
        return _titled(lines, titled)
    names = _name_run(lines)
    if names:
        return _titled(lines, names)
    return Outline([], [line for line in lines if line.fold.strip()], None)


_NAME_LINE = re.compile(r"^[^,。:;!?]{4,40}[;。]?$")


def _name_run(lines: list[Line]) -> list[Line]:
    """The longest run of short lines each naming a project (新民社区改造项目;), unnumbered."""
    from tui_shishi.parse import lexicon

    project = lexicon.pattern("roles", "project")
    best: list[Line] = []
    run: list[Line] = []
    for line in lines:
        text = line.fold.strip()
        if not text:
            continue
        if _NAME_LINE.match(text) and project.search(text):
            run.append(line)
            continue
        best, run = max(best, run, key=len), []
    best = max(best, run, key=len)
    return best if len(best) >= _MIN_TITLED else []


def _values(lines: list[Line], markers: dict[int, numbering.Marker], scheme: str) -> list[int]:
    """The values of the lines marked in ``scheme`` (a numbered one: every marker has a value)."""
    found = (markers[line.number] for line in lines if line.number in markers)
    return [m.value for m in found if m.scheme == scheme and m.value is not None]


def restarts(values: list[int]) -> int:
    """How many times a run starts again at 1 after counting on."""
    return sum(1 for prev, value in zip(values, values[1:]) if value == 1 and prev >= 1)


def _item_scheme(lines: list[Line], markers: dict[int, numbering.Marker]) -> str | None:
    if any(m.scheme == "jian" for m in markers.values()):
        return "jian"
    candidates: list[tuple[int, int, str]] = []
    for scheme in numbering.NUMBERED:
        values = _values(lines, markers, scheme)
        if len(values) >= _MIN_RUN and not restarts(values) and values[0] <= 2:
            candidates.append((len(values), numbering.SCHEMES.index(scheme), scheme))
    if candidates:
        return max(candidates)[2]
    # Every numbered scheme starts again: the outermost one that does not is the items' …
    for scheme in numbering.NUMBERED:
        values = _values(lines, markers, scheme)
        if len(values) >= _MIN_RUN and values[0] <= 2:
            return scheme
    # A document of one item: the innermost numbered scheme that opens at 1.
    for scheme in reversed(numbering.NUMBERED):
        values = _values(lines, markers, scheme)
        if values and values[0] == 1 and scheme != "bullet":
            return scheme
    bullets = [m.key for m in markers.values() if m.scheme == "bullet"]
    if bullets and max(bullets.count(b) for b in set(bullets)) >= _MIN_BULLETS:
        return "bullet"
    return None


def _numbered(lines: list[Line], markers: dict[int, numbering.Marker], scheme: str) -> Outline:
    first_item = next(n for n, m in markers.items() if m.scheme == scheme)
    above = [
        s for s in numbering.NUMBERED if s != scheme and (scheme == "jian" or numbering.SCHEMES.index(s) < numbering.SCHEMES.index(scheme))
    ]
    section_schemes = [s for s in above if any(m.scheme == s and n < first_item for n, m in markers.items())]
    level = {s: i + 1 for i, s in enumerate(section_schemes)}
    blocks: list[Block] = []
    preamble: list[Line] = []
    current: Block | None = None
    open_sections: list[Block] = []
    item: Block | None = None
    for line in lines:
        if not line.fold.strip():
            continue
        m = markers.get(line.number)
        role = None
        if m is not None and m.scheme == scheme:
            role = ITEM
        elif m is not None and m.scheme in level:
            role = SECTION
        elif m is not None and m.scheme in numbering.NUMBERED and item is not None and m.scheme != "jian":
            role = SUB
        if m is None or role is None:
            if current is None:
                preamble.append(line)
            else:
                current.body.append(line)
            continue
        block = Block(role, m.scheme, m.value, m.key, line, m.end)
        if role == SECTION:
            block.level = level[m.scheme]
            open_sections = [s for s in open_sections if s.level < block.level]
            block.parent = open_sections[-1] if open_sections else None
            open_sections.append(block)
            item = None
        elif role == ITEM:
            block.parent = open_sections[-1] if open_sections else None
            item = block
        else:
            assert item is not None  # SUB is given only under an item
            block.parent = item
            item.children.append(block)
        blocks.append(block)
        current = block
    return Outline(blocks, preamble, scheme)


def _bulleted(lines: list[Line], markers: dict[int, numbering.Marker]) -> Outline:
    """Items are the lines of the commonest bullet; a line inside the run that opens with what
    damage makes of that bullet (一 or _ for ——) is an item too, flagged."""
    keys = [m.key for m in markers.values() if m.scheme == "bullet"]
    bullet = max(set(keys), key=keys.count)
    numbers = [n for n, m in markers.items() if m.scheme == "bullet" and m.key == bullet]
    first, last = min(numbers), max(numbers)
    blocks: list[Block] = []
    preamble: list[Line] = []
    flags: list[model.Flag] = []
    current: Block | None = None
    position = 0
    for line in lines:
        if not line.fold.strip():
            continue
        m = markers.get(line.number)
        if m is not None and m.scheme == "bullet" and m.key == bullet:
            position += 1
            current = Block(ITEM, "bullet", position, str(position), line, m.end)
            blocks.append(current)
            continue
        damage = numbering.damaged_bullet(line.raw) if first < line.number < last else None
        if damage is not None and (current is None or current.line.number >= line.number - 2 or not current.body):
            position += 1
            start = line.raw.index(damage) + len(damage)
            current = Block(ITEM, "bullet", position, str(position), line, start, damaged=True)
            blocks.append(current)
            flags.append(model.Flag(
                model.FLAG_DAMAGED_MARKER,
                f"此行开头的“{damage}”应是项目符号“{bullet}”，按第{position}项读取：{quote(line.raw.strip())}",
                position, line.number,
            ))  # fmt: skip
            continue
        if current is None or line.number > last and _is_tail(line):
            preamble.append(line)  # the lead before the list, the page's tail after it
            continue
        current.body.append(line)
    return Outline(blocks, preamble, "bullet", flags)


def _is_tail(line: Line) -> bool:
    return len(line.fold.strip()) < 30


def _titled_lines(lines: list[Line]) -> list[Line]:
    """Paragraphs whose first sentence is a short title without figures: the project's name."""
    found = []
    for line in lines:
        text = line.fold.strip()
        m = _TITLE_SENTENCE.match(text)
        if m and "," not in m.group(1) and len(text) > len(m.group(0)):
            found.append(line)
    return found


def _titled(lines: list[Line], titled: list[Line]) -> Outline:
    numbers = {line.number for line in titled}
    blocks: list[Block] = []
    preamble: list[Line] = []
    current: Block | None = None
    for line in lines:
        if not line.fold.strip():
            continue
        if line.number in numbers:
            current = Block(ITEM, "titled", len(blocks) + 1, str(len(blocks) + 1), line, len(line.raw) - len(line.raw.lstrip()))
            blocks.append(current)
        elif current is None:
            preamble.append(line)
        else:
            current.body.append(line)
    return Outline(blocks, preamble, "titled")
