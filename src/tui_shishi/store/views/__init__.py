"""The store's read API, its objects: every dataclass a read of the store returns (the tree and
detail of store/queries.py; the lists, cards and departments of reports.py; the themes of
trends.py; the export rows; the 滞后, due and change rows of progress.py, milestones.py and
changes.py; the dashboard's summary), defined once in this package and imported from it by
ui/, the CLI and the exports.

Frozen and free of SQL, so the UI never learns the schema (elia's converters.py habit) and a
view can be built by hand in a test. No sqlite and no textual here.
"""

from tui_shishi.store.views.browse import (
    CitySummary,
    DepartmentView,
    DocumentView,
    FlagView,
    IndicatorView,
    ItemDetail,
    ItemRow,
    JumpTarget,
    MilestoneView,
    NodePath,
    ObservationView,
    Quantity,
    SectionDetail,
    SectionSummary,
    YearDetail,
    YearSummary,
    short_title,
)
from tui_shishi.store.views.lists import (
    BehindPage,
    BehindRow,
    BehindSummary,
    Card,
    ChangeRow,
    CityTrend,
    DepartmentItem,
    DepartmentRow,
    DocumentFlags,
    DueRow,
    ExportRow,
    Figure,
    FlagRow,
    Series,
    SeriesPoint,
    TrendItem,
    TrendYear,
    YearRef,
    YearTotals,
)

__all__ = [
    "DocumentFlags",
    "FlagRow",
    "YearTotals",
    "BehindPage",
    "BehindRow",
    "BehindSummary",
    "Card",
    "ChangeRow",
    "CitySummary",
    "CityTrend",
    "DepartmentItem",
    "DepartmentRow",
    "DepartmentView",
    "DocumentView",
    "DueRow",
    "ExportRow",
    "Figure",
    "FlagView",
    "IndicatorView",
    "ItemDetail",
    "ItemRow",
    "JumpTarget",
    "MilestoneView",
    "NodePath",
    "ObservationView",
    "Quantity",
    "SectionDetail",
    "SectionSummary",
    "Series",
    "SeriesPoint",
    "TrendItem",
    "TrendYear",
    "YearDetail",
    "YearRef",
    "YearSummary",
    "short_title",
]
