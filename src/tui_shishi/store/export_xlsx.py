"""Export rows as an Excel workbook (``shishi export --format xlsx -o out.xlsx``), via openpyxl.

One sheet, the columns of ``store.export.COLUMNS`` with a frozen header row; figures are numbers
(target_value, actual_value, percent), so Excel sums and sorts them; text is text (a 2025 period
or a sentence that starts with ``=`` is never read as a formula). Written whole or not at all.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from tui_shishi.store.export import COLUMNS
from tui_shishi.store.views import ExportRow

_WIDTHS = {"item_title": 30, "indicator": 30, "departments": 30, "sentence": 60, "actual_sentence": 60}
_NUMBERS = {"item_number", "target_value", "actual_value", "percent"}


def _cell(column: str, value: object, clean: Callable[[str], str]) -> object:
    if value is None:
        return None
    if column in _NUMBERS:
        return value
    return clean(str(value))


def write_xlsx(rows: list[ExportRow], path: str | os.PathLike[str], clean: Callable[[str], str] = str) -> None:
    """Write ``rows`` to ``path`` as .xlsx (atomically, see ``store.files.replacing``); ``clean``
    is applied to every text cell (the command passes ``safe_text.printable``)."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import TYPE_STRING
    from openpyxl.utils import get_column_letter

    from tui_shishi.store.files import replacing

    book = Workbook()
    sheet = book.active
    sheet.title = "市办实事"
    sheet.append(list(COLUMNS))
    for r in rows:
        sheet.append([_cell(c, getattr(r, c), clean) for c in COLUMNS])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = TYPE_STRING  # shown as written, never evaluated
    sheet.freeze_panes = "A2"
    for n, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(n)].width = _WIDTHS.get(column, 12)
    with replacing(path) as part:
        with open(part, "wb") as out:
            book.save(out)
