"""The objects of the browser's reads (store/queries.py, cities.py, navigation.py): cities,
years, sections, items and an item's detail."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from tui_shishi.model import Quantity  # a figure as published: the parser's and the reads' one class

# Item / indicator statuses are stored as their words; tui_shishi.status owns them and their glyphs.
from tui_shishi.status import ACHIEVED


@dataclass(frozen=True)
class YearSummary:
    id: int
    city: str
    period: str
    year_start: int | None
    year_end: int | None
    item_count: int = 0
    counts: tuple[tuple[str, int], ...] = ()  # (status, number of items), most frequent first
    place: str = ""  # a county's or district's own list under its city: 岚皋县

    @property
    def name(self) -> str:
        """``青岛 2025``; a county's list under its city: ``安康 岚皋县 2023``."""
        return " ".join(part for part in (self.city, self.place, self.period) if part)

    @property
    def label(self) -> str:
        """``2025``, or ``2023 岚皋县`` under its city."""
        return f"{self.period} {self.place}" if self.place else self.period

    @property
    def achieved(self) -> int:
        return dict(self.counts).get(ACHIEVED, 0)


@dataclass(frozen=True)
class CitySummary:
    city: str
    years: tuple[YearSummary, ...]


@dataclass(frozen=True)
class SectionSummary:
    id: int
    year_id: int
    key: str
    number: int | None
    level: int
    title: str
    item_count: int  # items in this section and its subsections
    counts: tuple[tuple[str, int], ...] = ()  # (status, items) below it, most frequent first
    percent: float | None = None  # mean published percent of the items below that have one

    @property
    def achieved(self) -> int:
        return dict(self.counts).get(ACHIEVED, 0)


_CLAUSE_END = re.compile(r"[,，;；。:：、(（]")


def short_title(title: str, width: int = 12) -> str:
    """A label for a bar or a list: the first clause of the title, at most ``width`` characters."""
    title = (title or "").strip()
    m = _CLAUSE_END.search(title, 2)
    head = title[: m.start()] if m else title
    return head if len(head) <= width else head[: width - 1] + "…"


@dataclass(frozen=True)
class ItemRow:
    """One item as listed (the tree, a year's page, a list across cities and years): where it
    belongs, what it is called, how far it got."""

    item_id: int
    year_id: int
    city: str
    period: str
    number: int
    title: str
    status: str
    percent: float | None
    section_id: int | None = None

    @property
    def short_title(self) -> str:
        return short_title(self.title)


@dataclass(frozen=True)
class ObservationView:
    id: int
    indicator_id: int | None
    sentence: str
    actual: Quantity | None
    percent_of_plan: float | None
    percent_text: str
    as_of: dt.date | None
    qualitative: bool
    line: int | None
    document_id: int | None


@dataclass(frozen=True)
class IndicatorView:
    id: int
    ordinal: int
    text: str
    sentence: str
    line: int | None
    target: Quantity | None
    status: str
    observations: tuple[ObservationView, ...] = ()

    @property
    def latest(self) -> ObservationView | None:
        """The most recent observation (by as-of date, then by order of reading)."""
        if not self.observations:
            return None
        return max(self.observations, key=lambda o: (o.as_of or dt.date.min, o.id))


@dataclass(frozen=True)
class MilestoneView:
    ordinal: int
    due: str
    due_date: dt.date | None
    text: str
    line: int | None
    quantities: tuple[Quantity, ...] = ()


@dataclass(frozen=True)
class DepartmentView:
    name: str
    role: str  # lead / co / responsible
    note: str = ""


@dataclass(frozen=True)
class FlagView:
    kind: str
    detail: str
    line: int | None


@dataclass(frozen=True)
class DocumentView:
    id: int
    kind: str
    title: str
    as_of: dt.date | None
    source_file: str


@dataclass(frozen=True)
class ItemDetail:
    item: ItemRow
    year: YearSummary
    text: str
    section_title: str
    departments: tuple[DepartmentView, ...]
    indicators: tuple[IndicatorView, ...]
    milestones: tuple[MilestoneView, ...]
    progress: tuple[ObservationView, ...]  # figures not bound to an indicator
    notes: tuple[str, ...]
    flags: tuple[FlagView, ...]
    documents: tuple[DocumentView, ...]
    line: int | None = None  # of the item's text in its first document

    @property
    def as_of(self) -> dt.date | None:
        """Date of the latest report on this item, if any."""
        dates = [o.as_of for i in self.indicators for o in i.observations if o.as_of]
        dates += [o.as_of for o in self.progress if o.as_of]
        return max(dates, default=None)


@dataclass(frozen=True)
class YearDetail:
    year: YearSummary
    documents: tuple[DocumentView, ...]
    flags: tuple[FlagView, ...]  # document-level flags (not bound to an item)

    @property
    def as_of(self) -> dt.date | None:
        return max((d.as_of for d in self.documents if d.as_of), default=None)


@dataclass(frozen=True)
class JumpTarget:
    """A city, year or item the command palette can jump to."""

    kind: str  # city / year / item
    key: str | int  # city name, year id or item id
    label: str
    help: str = ""


@dataclass(frozen=True)
class NodePath:
    """Where an item sits in the tree: city › year › sections (outermost first) › item."""

    city: str
    year_id: int
    section_ids: tuple[int, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class SectionDetail:
    """One section with its heading as published (a progress report puts targets there)."""

    section: SectionSummary
    year: YearSummary
    text: str
    line: int | None
    path: tuple[str, ...]  # titles of the enclosing sections, outermost first
    document: DocumentView | None
