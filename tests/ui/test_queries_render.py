"""Read-only queries (view dataclasses) and the text pieces the views are made of."""

from rich.cells import cell_len

from tui_shishi.store import queries as q
from tui_shishi.store import views
from tui_shishi.ui.widgets import render
from tui_shishi.ui.widgets.item_view import indicator_pace, milestone_points


def test_cities_years_and_counts(conn):
    cities = {c.city: c for c in q.cities(conn)}
    assert [y.period for y in cities["青岛"].years] == ["2025", "2023", "2020"]  # newest first
    y2020 = cities["青岛"].years[-1]
    assert (y2020.item_count, y2020.achieved) == (2, 1)


def test_sections_nest_and_count_items_below(conn):
    top = q.sections(conn, 4)
    assert [(s.key, s.item_count) for s in top] == [("一", 1)]
    assert [s.key for s in q.sections(conn, 4, top[0].id)] == ["(一)"]
    assert q.items(conn, 4) == []  # every item of 淄博 sits in a section
    assert len(q.items(conn, 4, all_sections=True)) == 1
    assert q.item_path(conn, 6) == views.NodePath("淄博", 4, (2, 3))


def test_item_detail(conn):
    detail = q.item_detail(conn, 1)
    assert detail.section_title == "促进城乡就业创业"
    assert [i.latest.percent_of_plan for i in detail.indicators] == [138.6, 291.3, 102.6]
    assert detail.as_of.isoformat() == "2020-10-31"
    assert [f.kind for f in detail.flags] == ["inconsistent"]
    pace = indicator_pace(detail, detail.indicators[1])
    assert (round(pace.share * 100, 1), pace.mark, pace.by_milestones) == (83.3, "超序时", False)
    plan = q.item_detail(conn, 3)
    assert [m.due for m in plan.milestones] == ["3月底前", "6月底前", "9月底前", "12月底前"]
    assert [(d.name, d.role) for d in plan.departments] == [("市人力资源社会保障局", "lead"), ("市财政局", "co")]
    assert indicator_pace(plan, plan.indicators[0]) is None  # nothing reported, no pace
    assert milestone_points(plan, plan.indicators[0]) == []  # the fixture's milestones carry no figures


def test_jump_targets(conn):
    labels = [t.label for t in q.jump_targets(conn, "就业")]
    assert "青岛 2020 第1件 就业方面" in labels
    assert {t.kind for t in q.jump_targets(conn, "")} == {"city", "year"}
    assert [t.kind for t in q.jump_targets(conn, "淄博")][:2] == ["city", "year"]


def test_truncate_counts_cells_not_characters():
    cut = render.truncate("完善重点群体就业创业支持措施", 10)
    assert cut.endswith("…") and cell_len(cut) <= 10
    assert render.truncate("就业", 10) == "就业"
    assert cell_len(render.pad("就业", 8)) == 8


def test_bar_is_full_at_100_and_never_longer():
    assert render.bar(291.3).plain == render.FULL * render.BAR_WIDTH
    assert render.bar(50).plain.count(render.FULL) == render.BAR_WIDTH // 2
    assert render.over_text(291.3).plain == "超额 +191.3%"
    assert render.over_text(100).plain == ""
    assert render.PACE in render.bar(50, pace_share=0.833).plain


def test_marked_corrects_bad_offsets_and_skips_missing_figures():
    sentence = "政策性扶持创业4.37万人,占年计划的291.3%"
    text = render.marked(sentence, [(0, 3, "4.37万人"), (None, None, "占年计划的291.3%"), (1, 2, "不存在")])
    marked = ["".join(sentence[s.start : s.end]) for s in text.spans]
    assert marked == ["4.37万人", "占年计划的291.3%"]


def test_a_figure_is_marked_as_a_whole_number_never_inside_another():
    # Offsets of another text (the clause, not the sentence) are corrected by searching the figure:
    # 5万人 is the one after 技能提升, not the tail of 1.5万人.
    sentence = "政策性扶持创业1.5万人,技能提升5万人。"
    text = render.marked(sentence, [(4, 7, "5万人")])
    assert [(s.start, s.end) for s in text.spans] == [(sentence.index("提升5") + 2, sentence.index("提升5") + 5)]
    assert render.find_figure("扶持创业1.5万人", "5万人") == -1
    assert render.find_figure("新增15万人，另5万人", "5万人") == 8
