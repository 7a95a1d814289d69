"""Shared by the genre-variation tests: the fixture documents and a compact view of an item."""

from pathlib import Path

from tui_shishi import model
from tui_shishi.parse import parse_file

FIXTURES = Path(__file__).parent / "fixtures"


def doc(name: str) -> model.Document:
    return parse_file(FIXTURES / name)


def targets_and_actuals(item: model.Item) -> list[tuple[float | None, float | None, float | None]]:
    """(target, latest actual, latest percent) of each indicator."""
    return [
        (i.target.value if i.target else None, i.observations[-1].actual.value if i.observations else None,
         i.observations[-1].percent_of_plan if i.observations else None)
        for i in item.indicators
    ]  # fmt: skip
