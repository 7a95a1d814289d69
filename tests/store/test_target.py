"""``Target.item_row`` / ``Target.year_ref``: what a ``shishi show`` target names, or the one-line
TargetNotFound a command gives when the target is of another kind."""

from __future__ import annotations

import pytest

from tui_shishi.store.reports import Target, TargetNotFound
from tui_shishi.store.views import ItemRow, YearRef

YEAR = YearRef(7, "青岛", "2025", 2025, 2025)
ITEM = ItemRow(42, 7, "青岛", "2025", 5, "新增养老床位", "进行中", 60.0)
ITEM_TARGET = Target("item", year=YEAR, item=ITEM)
YEAR_TARGET = Target("year", year=YEAR)
DEPT_TARGET = Target("department", department="市民政局")


def test_each_kind_gives_what_it_names():
    assert ITEM_TARGET.item_row() is ITEM
    assert YEAR_TARGET.year_ref() is YEAR


@pytest.mark.parametrize(
    "target, message",
    [
        (YEAR_TARGET, "青岛 2025 不是一件事项"),
        (DEPT_TARGET, "市民政局 不是一件事项"),
    ],
)
def test_item_row_of_another_kind_is_one_line(target, message):
    with pytest.raises(TargetNotFound, match=message) as info:
        target.item_row()
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    "target, message",
    [
        (ITEM_TARGET, "青岛 2025 第5件 不是一个城市年度"),  # an item's target carries its year, but names the item
        (DEPT_TARGET, "市民政局 不是一个城市年度"),
    ],
)
def test_year_ref_of_another_kind_is_one_line(target, message):
    with pytest.raises(TargetNotFound, match=message) as info:
        target.year_ref()
    assert "\n" not in str(info.value)


def test_the_command_gives_its_own_refusal():
    with pytest.raises(TargetNotFound, match="^青岛/2025：录入要指明一件事项$"):
        YEAR_TARGET.item_row("青岛/2025：录入要指明一件事项")
