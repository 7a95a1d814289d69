"""The browser on the database built from data/sources/ (the seed documents)."""

from __future__ import annotations

from ui_helpers import detail_text, make_app, open_node, settle, walk_to


async def test_each_status_appears_where_the_seed_has_it(seed_db):
    app = make_app(seed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await walk_to(pilot, "2025 ·", "year")
        assert "✔ 达成" in detail_text(app)  # year-end report
        await walk_to(pilot, "2020 ·", "year")
        text = detail_text(app)
        assert "◐ 进行中" in text and "✔ 达成" in text  # progress report
        assert "序时进度 83.3%" in text
        await walk_to(pilot, "2023 ·", "year")
        text = detail_text(app)
        assert "○ 未报告" in text and "✔ 达成" not in text  # plan only


async def test_2025_item_7_is_qualitative(seed_db):
    app = make_app(seed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_node(pilot, "2025 ·", "year")
        await walk_to(pilot, " 7 ", "item")
        text = detail_text(app)
        assert "第7件" in text and "✎ 定性" in text
        # 50个…已全部完成整改提升: the figure is the scope, said so rather than "no figure"
        assert "数字为范围而非完成量" in text and "无数字可比" not in text


async def test_2020_employment_over_achievement(seed_db):
    app = make_app(seed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_node(pilot, "2020 ·", "year")
        await open_node(pilot, "促进城乡就业创业", "section")
        await walk_to(pilot, "就业", "item")
        text = detail_text(app)
        assert "291.3%" in text and "超额 +191.3%" in text
        assert "138.6%" in text and "超序时" in text


async def test_2023_item_1_departments_and_milestones(seed_db):
    app = make_app(seed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_node(pilot, "2023 ·", "year")
        await walk_to(pilot, " 1 ", "item")
        text = detail_text(app)
        assert " 牵头  市人力资源社会保障局" in text and " 协办 " in text
        for due in ("3月底前", "6月底前", "9月底前", "12月底前"):
            assert due in text
