"""Domain model of tui-shishi: plain dataclasses, no database and no UI.

A city publishes its 市办实事 / 民生实事 ("practical projects for the people") every year as a
numbered list of 件 (items). Around that list come other documents: an implementation plan
table with quarterly milestones, progress reports (截至10月底…占年计划的138.6%) and a year-end
report (完成情况, "how it was done"). Every figure kept here carries the sentence it was read
from, so anything the app shows can be traced back to the published text.

Words of the domain used below:
  件        an item of the year's list ("第3件", the third item)
  牵头单位   lead department (role ``lead``)
  协办单位   co-operating department (role ``co``)
  责任单位   responsible department (role ``responsible``)
  完成情况   completion status paragraph of a year-end report
  占年计划   "of the annual plan": percent of plan reached
  序时进度   pace: the share of the plan period elapsed at a date
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# Document kinds: what the document is, whatever its layout.
KIND_ANNOUNCED = "announced"  # the list as announced (第N件 + ● bullets)
KIND_PLAN = "plan"  # implementation plan (table with milestones)
KIND_TASKS = "tasks"  # multi-level key-task list (一、 › (一) › N、)
KIND_PROGRESS = "progress"  # progress report during the year
KIND_FINAL = "final"  # year-end completion report
KIND_UNKNOWN = "unknown"  # none of the known shapes: kept as paragraphs
KINDS = (KIND_ANNOUNCED, KIND_PLAN, KIND_TASKS, KIND_PROGRESS, KIND_FINAL, KIND_UNKNOWN)

# Department roles.
ROLE_LEAD = "lead"  # 牵头
ROLE_CO = "co"  # 协办
ROLE_RESPONSIBLE = "responsible"  # 责任
ROLES = (ROLE_LEAD, ROLE_CO, ROLE_RESPONSIBLE)

# Flag kinds: data-quality findings, shown to the user, never silently fixed.
FLAG_MISSING_ITEMS = "missing_items"  # numbers absent from 1..max (e.g. 8, 9, 10)
FLAG_OUT_OF_ORDER = "out_of_order"  # items not in ascending order
FLAG_DUPLICATE_ITEM = "duplicate_item"  # the same item number twice in one document
FLAG_REPEATED_BULLET = "repeated_bullet"  # a bullet repeated under several items / under the wrong one
FLAG_NOT_UNDERSTOOD = "not_understood"  # text kept but not read as structure
FLAG_CHROME_STRIPPED = "chrome_stripped"  # web-page chrome removed (menus, bylines, captions)
FLAG_NUMBER_NOT_PARSED = "number_not_parsed"  # a figure that could not be read or bound
FLAG_UNBOUND_PERCENT = "unbound_percent"  # 占年计划 percent with no quantity to attach to
FLAG_INCONSISTENT = "inconsistent"  # actual / target disagrees with the published percent
FLAG_UNKNOWN_FORMAT = "unknown_format"  # document in none of the known formats
FLAG_METADATA = "metadata"  # city / year / kind guessed or missing
FLAG_REPAIRED = "repaired"  # text mended before reading: stray spaces in numbers, pinyin residue
FLAG_SPAM = "spam"  # lines or line prefixes injected by a mirror site, removed before reading
FLAG_TRUNCATED = "truncated"  # the document ends mid-item: what is there is kept
FLAG_DAMAGED_MARKER = "damaged_marker"  # a numbering marker read through damage (一 or _ for ——)
FLAG_KINDS = (
    FLAG_MISSING_ITEMS,
    FLAG_OUT_OF_ORDER,
    FLAG_DUPLICATE_ITEM,
    FLAG_REPEATED_BULLET,
    FLAG_NOT_UNDERSTOOD,
    FLAG_CHROME_STRIPPED,
    FLAG_NUMBER_NOT_PARSED,
    FLAG_UNBOUND_PERCENT,
    FLAG_INCONSISTENT,
    FLAG_UNKNOWN_FORMAT,
    FLAG_METADATA,
    FLAG_REPAIRED,
    FLAG_SPAM,
    FLAG_TRUNCATED,
    FLAG_DAMAGED_MARKER,
)


@dataclass
class Quantity:
    """A number with its unit as published: ``640万平方米以上`` → 6400000 平方米, qualifier 以上.

    ``text`` is the exact substring of ``sentence``-level text it was read from, ``start`` /
    ``end`` its character offsets in the string that was parsed (so the UI can mark it; 0 and 0
    when unknown). The parser makes it and the store's reads return it (store.views).
    ``label`` names what a value in a list applies to: ``二孩500元`` → label 二孩.
    ``value`` is None when the text holds a number that could not be read.
    """

    value: float | None
    unit: str = ""
    qualifier: str = ""  # 以上 / 以下 / 不少于 / 不低于 / 左右 / 约 / 达到 ... as published
    text: str = ""
    start: int = 0
    end: int = 0
    label: str = ""
    is_percent: bool = False

    @property
    def display(self) -> str:
        """The figure as published (``640万平方米以上``), else rebuilt from its parts."""
        if self.text:
            return self.text
        if self.value is None:
            return "?"
        return f"{self.label}{self.value:g}{self.unit}{self.qualifier}"


@dataclass
class Flag:
    kind: str
    detail: str
    item_number: int | None = None
    line: int | None = None  # 1-based line in the source text, where known


@dataclass
class Department:
    """A department named for an item, normalised (``name``) with its published form (``raw``)."""

    name: str
    role: str
    note: str = ""  # scope in brackets: 市住房城乡建设局(节能保暖工程) → 节能保暖工程
    raw: str = ""


@dataclass
class Observation:
    """A reported actual: 扶持创业4.37万人,占年计划的291.3%.

    ``qualitative`` is True when progress is stated in words only (已全部完成整改提升).
    ``percent_of_plan`` is the published percent, never computed here.
    """

    sentence: str
    actual: Quantity | None = None
    percent_of_plan: float | None = None
    percent_text: str = ""  # e.g. "占年计划的138.6%" or "138.6%" within 分别…
    as_of: dt.date | None = None
    qualitative: bool = False
    line: int | None = None


@dataclass
class Indicator:
    """One target clause of an item with its quantity: 新增停车泊位2万个以上."""

    text: str
    target: Quantity | None = None
    observations: list[Observation] = field(default_factory=list)
    sentence: str = ""  # the sentence the clause came from
    line: int | None = None


@dataclass
class Milestone:
    """A dated step of the plan: due 3月底前 / 7月份 / 此后, its text and the figures in it."""

    due: str
    text: str
    due_date: dt.date | None = None
    quantities: list[Quantity] = field(default_factory=list)
    line: int | None = None


@dataclass
class Section:
    """A heading that groups items: 一、促进城乡就业创业… or (三)打造大教育融合新高地.

    ``key`` is the marker as published (一 / (一)), ``number`` its value, ``level`` 1 for
    一、 and 2 for (一). ``parent`` is the key of the enclosing section, if any.
    """

    key: str
    number: int
    title: str
    level: int = 1
    parent: str | None = None
    text: str = ""  # the whole heading sentence (a progress report puts targets here)
    indicators: list[Indicator] = field(default_factory=list)
    line: int | None = None


@dataclass
class Item:
    """One 件 (or one numbered task): number, title, text, departments, indicators."""

    number: int
    title: str
    text: str = ""
    section: str | None = None  # key of the innermost enclosing Section
    departments: list[Department] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)
    progress: list[Observation] = field(default_factory=list)  # not bound to an indicator
    notes: list[str] = field(default_factory=list)  # bullets / explanations as published
    flags: list[Flag] = field(default_factory=list)
    line: int | None = None


@dataclass
class Document:
    city: str
    year_start: int | None
    year_end: int | None
    kind: str
    title: str = ""
    as_of: dt.date | None = None
    source_file: str = ""
    sha256: str = ""
    text: str = ""  # the decoded text as published (newlines normalised to \n)
    encoding: str = "utf-8"
    format: str = ""  # which reader understood it
    sections: list[Section] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)  # for documents in no known format
    flags: list[Flag] = field(default_factory=list)
    # The place the document speaks for when it is below its city: 岚皋县 (county), 临安区 (district);
    # ``city`` then names the prefecture-level city it belongs under. Empty for a city's own document.
    place: str = ""
    place_level: str = ""  # province / city / district / county, from the gazetteer

    @property
    def period(self) -> str:
        """The plan period as shown: ``2025`` or ``2022-2024``."""
        if self.year_start is None:
            return "?"
        if self.year_end is None or self.year_end == self.year_start:
            return str(self.year_start)
        return f"{self.year_start}-{self.year_end}"

    def all_flags(self) -> list[Flag]:
        return self.flags + [f for item in self.items for f in item.flags]
