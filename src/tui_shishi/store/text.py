"""The parser's text rules the UI needs too, re-exported here so that ui/ never imports parse/.

``fold`` is the one comparison form (full-width → half-width, Traditional → Simplified, case),
so a highlight in the UI finds what search matched. ``figure_units`` are the measure words a
figure may end in; the quantity reader is imported on the first call only.
"""

from __future__ import annotations

from tui_shishi.parse.text import fold

__all__ = ["figure_units", "fold"]


def figure_units() -> list[str]:
    """Every unit the parser reads after a figure: counts (人, 个, 平方米) and those that make it a
    date, an age or a grade (年, 月, 岁, 年级)."""
    from tui_shishi.parse.quantities import COUNT_UNITS, NON_QUANTITY_UNITS

    return COUNT_UNITS + NON_QUANTITY_UNITS
