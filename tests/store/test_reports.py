"""Views for meetings and staff: overview cards, departments, targets, theme trends, export rows.

Most tests run on hand-built documents (示例市 2030 from conftest, plus a 2031 year-end report
here) so they do not depend on the parser; the last ones check the seed database.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sqlite3

import pytest

from tui_shishi.model import Department, Document, Indicator, Item, Observation, Quantity
from tui_shishi.store import reports
from tui_shishi.store.build import write_documents
from tui_shishi.store.db import open_read, open_write
from tui_shishi.store.export import COLUMNS, export_rows, to_csv, to_json, to_markdown
from tui_shishi.store.trends import item_figures, theme_items, theme_series, theme_trend


def _q(value, unit, text, qualifier=""):
    return Quantity(value=value, unit=unit, qualifier=qualifier, text=text)


def final_2031() -> Document:
    """示例市 2031 year-end: jobs 40万 (reached), 老旧小区 by count and by area, departments
    stored the way an older importer left them (a list in one name, a scope in brackets)."""
    jobs = Indicator(
        "城镇新增就业40万人",
        _q(400000.0, "人", "40万人"),
        sentence="实现城镇新增就业40万人。",
        observations=[
            Observation(
                "城镇新增就业41万人,占年计划的102.5%",
                actual=_q(410000.0, "人", "41万人"),
                percent_of_plan=102.5,
                percent_text="占年计划的102.5%",
                line=2,
            )
        ],
    )
    estates = Indicator(
        "改造城镇老旧小区400个以上",
        _q(400.0, "个", "400个以上", "以上"),
        observations=[
            Observation(
                "改造老旧小区360个,占年计划的90%",
                actual=_q(360.0, "个", "360个"),
                percent_of_plan=90.0,
                percent_text="占年计划的90%",
                line=4,
            )
        ],
    )
    area = Indicator("老旧小区改造面积200万平方米", _q(2000000.0, "平方米", "200万平方米"))
    return Document(
        city="示例市",
        year_start=2031,
        year_end=2031,
        kind="final",
        title="示例市2031年市办实事完成情况",
        as_of=dt.date(2031, 12, 31),
        source_file="demo-2031-final.txt",
        text="第1件\n第2件\n",
        format="final",
        items=[
            Item(
                1,
                "稳就业",
                "实现城镇新增就业40万人",
                indicators=[jobs],
                departments=[Department("市人力资源社会保障局", "responsible")],
                line=1,
            ),
            Item(
                2,
                "老旧小区改造",
                "改造城镇老旧小区400个以上;改造面积200万平方米",
                indicators=[estates, area],
                departments=[
                    Department("市住房城乡建设局(老旧小区改造)", "lead"),
                    Department("市财政局、市自然资源和规划局,各区(市)政府", "co"),
                ],
                line=3,
            ),
        ],
    )


@pytest.fixture
def db(tmp_path, demo_docs) -> sqlite3.Connection:
    path = tmp_path / "views.db"
    conn = open_write(path, create=True)
    write_documents(conn, demo_docs + [final_2031()])
    conn.close()
    conn = open_read(path)
    yield conn
    conn.close()


def year_id(conn, period):
    return conn.execute("SELECT id FROM years WHERE period = ?", (period,)).fetchone()[0]


# ---------------------------------------------------------------- overview


def test_overview_has_a_card_per_city_year_with_counts_percent_flags_and_date(db):
    cards = reports.overview(db)
    assert [(c.city, c.period) for c in cards] == [("示例市", "2030"), ("示例市", "2031")]
    c2030 = cards[0]
    assert c2030.n_items == 3
    assert c2030.counts == {"达成": 1, "进行中": 0, "未报告": 1, "定性": 1}
    assert c2030.mean_percent == 108.6
    assert c2030.n_flags == 3
    assert c2030.as_of == "2030-12-31"
    assert c2030.kinds == ("announced", "final")
    assert sum(cards[1].counts.values()) == cards[1].n_items == 2


def test_year_percents_for_a_bar_chart(db):
    assert reports.year_percents(db, year_id(db, "2030")) == [(1, "促进就业", 108.6), (2, "停车", None), (5, "新项目", None)]


def test_short_title_is_the_first_clause_within_width():
    from tui_shishi.store.views import ItemRow, short_title

    assert short_title("扩大优质养老助残服务供给，增设区（市）级养老服务指导中心") == "扩大优质养老助残服务供给"
    assert short_title("完善重点群体就业创业支持措施和服务体系") == "完善重点群体就业创业支…"
    assert (
        ItemRow(1, 1, "示例市", "2030", 1, "完善重点群体就业创业支持措施和服务体系", "达成", None).short_title == "完善重点群体就业创业支…"
    )


# ---------------------------------------------------------------- departments


@pytest.mark.parametrize(
    "stored, expected",
    [
        ("市住房城乡建设局(节能保暖工程)", [("市住房城乡建设局", "节能保暖工程")]),
        ("市财政局、市自然资源和规划局,各区(市)政府", [("市财政局", ""), ("市自然资源和规划局", ""), ("各区(市)政府", "")]),
        ("各区(市)政府", [("各区(市)政府", "")]),
        ("市民政局", [("市民政局", "")]),
    ],
)
def test_normalise_department_fixes_only_leftovers(stored, expected):
    assert reports.normalise_department(stored) == expected


def test_departments_counted_by_role_across_years(db):
    by_name = {d.name: d for d in reports.departments(db)}
    assert "市财政局、市自然资源和规划局,各区(市)政府" not in by_name
    assert {"市财政局", "市自然资源和规划局", "各区(市)政府"} <= set(by_name)
    housing = by_name["市住房城乡建设局"]  # co on 2030/2 (节能保暖工程), lead on 2031/2 (老旧小区改造)
    assert housing.counts == {"lead": 1, "co": 1, "responsible": 0}
    assert housing.n_items == 2
    assert housing.periods == ("示例市 2030", "示例市 2031")
    labour = by_name["市人力资源社会保障局"]
    assert labour.counts == {"lead": 1, "co": 0, "responsible": 1}
    # most items first
    counts = [d.n_items for d in reports.departments(db)]
    assert counts == sorted(counts, reverse=True)


def test_department_filter_is_folded(db):
    assert [d.name for d in reports.departments(db, "住房城鄉")] == ["市住房城乡建设局"]
    assert reports.departments(db, "没有这个单位") == []


def test_department_items_with_role_note_status_percent(db):
    found = reports.department_items(db, "市住房城乡建设局")
    assert [(i.period, i.number, i.role, i.note, i.status) for i in found] == [
        ("2030", 2, "co", "节能保暖工程", "定性"),
        ("2031", 2, "lead", "老旧小区改造", "进行中"),
    ]
    assert found[1].percent is not None
    assert reports.department_items(db, "市交通运输局") == []
    assert reports.department_items(db, "市住房城乡建设局", city="别处") == []
    assert [d.name for d in reports.departments(db, city="别处")] == []


# ---------------------------------------------------------------- targets for `show`


def test_resolve_target_item_year_department(db):
    item = reports.resolve_target(db, "示例市/2030/2")
    assert item.kind == "item" and item.item.number == 2 and item.item.title == "停车"
    assert reports.resolve_target(db, "示例市／2030／第2件").item.item_id == item.item.item_id
    year = reports.resolve_target(db, "示例市/2031")
    assert year.kind == "year" and year.year.period == "2031"
    dept = reports.resolve_target(db, "dept:市住房城乡建設局")
    assert dept.kind == "department" and dept.department == "市住房城乡建设局"


@pytest.mark.parametrize(
    "target, message",
    [
        ("示例市/2030/9", "没有第9件"),
        ("示例市/1999", "没有 示例市 1999"),
        ("别处/2030", "数据库中没有"),
        ("dept:市天文局", "没有单位"),
        ("示例市", "看不懂目标"),
        ("示例市/2030/x", "看不懂件号"),
    ],
)
def test_resolve_target_unknown_is_one_line(db, target, message):
    with pytest.raises(reports.TargetNotFound, match=message) as info:
        reports.resolve_target(db, target)
    assert "\n" not in str(info.value)


# ---------------------------------------------------------------- themes


def test_a_target_restated_by_two_documents_is_one_figure(db):
    item_id = reports.resolve_target(db, "示例市/2030/1").item.item_id
    assert db.execute("SELECT count(*) FROM indicators WHERE item_id = ?", (item_id,)).fetchone()[0] == 2
    figures = item_figures(db, item_id)
    assert [(f.target_text, f.actual_text, f.percent, f.status) for f in figures] == [("35万人", "38万人", 108.6, "达成")]
    assert figures[0].actual_sentence == "城镇新增就业38万人,占年计划的108.6%"


def test_theme_items_and_trend_in_time_order(db):
    tagged = theme_items(db, "就业创业")
    assert [(row.period, row.number, match.words) for row, match in tagged] == [
        ("2030", 1, ("就业",)),
        ("2031", 1, ("就业",)),
    ]
    trend = theme_trend(db, "住房与老旧小区")
    assert [(y.period, [i.row.number for i in y.items]) for y in trend] == [("2031", [2])]
    figures = trend[0].items[0].figures
    assert [(f.target_text, f.actual_text, f.percent, f.series) for f in figures] == [
        ("400个以上", "360个", 90.0, "老旧小区"),
        ("200万平方米", "", None, "老旧小区"),
    ]


def test_theme_series_lines_up_comparable_indicators(db):
    series = {(s.label, s.unit): s for s in theme_series(db, "就业创业")}
    jobs = series[("新增就业", "人")]
    assert [(p.period, p.target, p.actual) for p in jobs.points] == [
        ("2030", 350000.0, 380000.0),
        ("2031", 400000.0, 410000.0),
    ]
    assert jobs.summary == "35万人 → 40万人"
    # different units are different series: 400个 is not comparable with 200万平方米
    housing = {(s.label, s.unit) for s in theme_series(db, "住房与老旧小区")}
    assert housing == {("老旧小区", "个"), ("老旧小区", "平方米")}


def test_unknown_theme_is_a_key_error(db):
    with pytest.raises(KeyError, match="就业创业"):
        theme_series(db, "天文")


# ---------------------------------------------------------------- export


def test_export_has_every_indicator_once_with_its_figures(db):
    out = export_rows(db)
    # 2030: jobs (stated twice, once here), parking + its words-only report, bare item 5; 2031: 3
    assert len(out) == 7
    by_key = {(r.period, r.item_number, r.indicator): r for r in out}
    jobs = by_key[("2031", 1, "城镇新增就业40万人")]
    assert (jobs.target_value, jobs.actual_value, jobs.percent, jobs.status) == (400000.0, 410000.0, 102.5, "达成")
    assert jobs.sentence == "实现城镇新增就业40万人。"
    assert jobs.actual_sentence == "城镇新增就业41万人,占年计划的102.5%"
    assert jobs.departments == "市人力资源社会保障局(责任)"
    estates = by_key[("2031", 2, "改造城镇老旧小区400个以上")]
    assert estates.departments == "市住房城乡建设局(牵头，老旧小区改造)；市财政局(协办)；市自然资源和规划局(协办)；各区(市)政府(协办)"
    words = by_key[("2030", 2, "已全部完成")]
    assert (words.status, words.target_text) == ("定性", "")
    assert by_key[("2030", 5, "")].item_title == "新项目"


def test_export_filters(db):
    assert {r.period for r in export_rows(db, year="2031")} == {"2031"}
    assert export_rows(db, city="别处") == []
    assert {(r.period, r.item_number) for r in export_rows(db, theme="住房与老旧小区")} == {("2031", 2)}


def test_export_formats_read_back(db):
    out = export_rows(db)
    back = list(csv.DictReader(io.StringIO(to_csv(out))))
    assert tuple(back[0]) == COLUMNS
    assert [(r["period"], r["item_number"], r["indicator"], r["percent"]) for r in back] == [
        (r.period, str(r.item_number), r.indicator, "" if r.percent is None else str(r.percent)) for r in out
    ]
    assert json.loads(to_json(out))[0]["item_title"] == out[0].item_title
    md = to_markdown(out)
    assert md.count("## 示例市") == 2
    assert "| 1 | 城镇新增就业40万人 | 40万人 | 41万人 | 102.5% | ✔ 达成 |" in md


# ---------------------------------------------------------------- the seed database


@pytest.fixture(scope="module")
def seed(seed_db):
    conn = open_read(seed_db)
    yield conn
    conn.close()


def test_seed_cards(seed):
    cards = {(c.city, c.period): c for c in reports.overview(seed)}
    qd2025 = cards[("青岛", "2025")]
    assert qd2025.n_items == 15 and qd2025.as_of == "2025-12-31"
    assert qd2025.counts["未报告"] == 0
    assert cards[("淄博", "2022-2024")].n_items == 113
    assert [n for n, _, _ in reports.year_percents(seed, qd2025.year_id)] == list(range(1, 16))


def test_seed_departments_are_single_names(seed):
    names = [d.name for d in reports.departments(seed)]
    assert "各区(市)政府" in names and "市民政局" in names
    assert not [n for n in names if any(sep in n for sep in "、,，;；") or n.endswith(")")]
    assert len(names) == len(set(names))


def test_seed_employment_trend_reads_at_a_glance(seed):
    jobs = {(s.label, s.unit): s for s in theme_series(seed, "就业创业")}[("新增就业", "人")]
    qingdao = [(p.period, p.target) for p in jobs.points if p.city == "青岛"]
    assert qingdao[0] == ("2020", 300000.0)
    assert ("2025", 350000.0) in qingdao
    assert [p for p, _ in qingdao] == sorted(p for p, _ in qingdao)


def test_seed_every_item_of_qingdao_2025_has_a_theme(seed):
    from tui_shishi.store.trends import item_themes

    ids = [
        r[0] for r in seed.execute("SELECT i.id FROM items i JOIN years y ON y.id = i.year_id WHERE y.city = '青岛' AND y.period = '2025'")
    ]
    assert len(ids) == 15
    assert all(item_themes(seed, i) for i in ids)


def test_seed_export_covers_every_indicator(seed):
    out = export_rows(seed, city="青岛", year="2025")
    targets = {
        r[0]
        for r in seed.execute(
            "SELECT target_text FROM indicators x JOIN items i ON i.id = x.item_id JOIN years y ON y.id = i.year_id"
            " WHERE y.city = '青岛' AND y.period = '2025' AND target_text <> ''"
        )
    }
    assert targets <= {r.target_text for r in out}
    assert {r.item_number for r in out} == set(range(1, 16))


def test_an_item_under_two_stored_spellings_of_a_department_counts_once(tmp_path):
    # 市财政局 leads item 1 alone and within a joined name; co-leads item 2 only in the joined one
    doc = Document(
        city="计数市", year_start=2032, year_end=2032, kind="announced", title="计数市2032年市办实事",
        source_file="count-2032.txt", text="第1件 甲\n第2件 乙\n", format="announced",
        items=[
            Item(1, "甲", "甲", departments=[Department("市财政局", "lead"), Department("市财政局、市民政局", "lead")], line=1),
            Item(2, "乙", "乙", departments=[Department("市财政局、市民政局", "co")], line=2),
        ],
    )  # fmt: skip
    path = tmp_path / "count.db"
    conn = open_write(path, create=True)
    write_documents(conn, [doc])
    conn.close()
    conn = open_read(path)
    by_name = {d.name: d for d in reports.departments(conn)}
    assert (by_name["市财政局"].counts, by_name["市财政局"].n_items) == ({"lead": 1, "co": 1, "responsible": 0}, 2)
    assert (by_name["市民政局"].counts, by_name["市民政局"].n_items) == ({"lead": 1, "co": 1, "responsible": 0}, 2)
    assert by_name["市财政局"].cities == ("计数市",) and by_name["市财政局"].periods == ("计数市 2032",)
    assert reports.departments(conn, city="别的市") == []
    assert [d.name for d in reports.departments(conn, "民政", city="计数市")] == ["市民政局"]
    # its items are read through the stored spellings that name it, the joined one too
    assert [(i.number, i.role) for i in reports.department_items(conn, "市民政局")] == [(1, "lead"), (2, "co")]
    assert [(i.number, i.role) for i in reports.department_items(conn, "市财政局")] == [(1, "lead"), (2, "co")]
    assert reports.department_name(conn, "市民政局") == "市民政局"
    assert reports.department_items(conn, "市民") == [] and reports.department_name(conn, "市民") is None  # whole names only
    conn.close()


def _computed_departments(path, filter_text: str = "") -> list:
    """The department list counted from every link (no stored counts): what the stored ones must equal."""
    source, raw = sqlite3.connect(path), sqlite3.connect(":memory:")
    source.backup(raw)  # (with what the write-ahead log holds)
    source.close()
    raw.execute("DROP TABLE department_counts")
    found = reports.departments(raw, filter_text)
    raw.close()
    return found


def test_the_department_list_reads_the_counts_the_import_stored(tmp_path, demo_docs):
    path = tmp_path / "dept.db"
    conn = open_write(path, create=True)
    write_documents(conn, demo_docs)
    conn.close()
    conn = open_read(path)
    stored = reports.departments(conn)
    (n_stored,) = conn.execute("SELECT count(*) FROM department_counts").fetchone()
    (n_linked,) = conn.execute("SELECT count(DISTINCT department_id) FROM item_departments").fetchone()
    conn.close()
    assert n_stored == n_linked > 0  # every department an item names
    assert stored == _computed_departments(path)
    reader = open_read(path)
    assert reports.departments(reader, "财政") == _computed_departments(path, "财政")
    reader.close()


def test_an_import_counts_again_the_departments_it_names(tmp_path, demo_docs):
    path = tmp_path / "dept.db"
    conn = open_write(path, create=True)
    write_documents(conn, demo_docs[:1])
    conn.close()
    reader = open_read(path)
    before = {d.name: d.n_items for d in reports.departments(reader)}
    reader.close()
    conn = open_write(path)
    write_documents(conn, [final_2031()])  # 2031 names 市人力资源社会保障局 and 市住房城乡建设局 again
    conn.close()
    reader = open_read(path)
    after = reports.departments(reader)
    reader.close()
    assert after == _computed_departments(path)
    assert {d.name: d.n_items for d in after} != before  # the stored counts moved with the import


def test_a_database_without_stored_counts_gets_them_for_every_year_at_its_next_import(tmp_path, demo_docs):
    path = tmp_path / "old.db"
    conn = open_write(path, create=True)
    write_documents(conn, demo_docs[:1])  # 2030
    conn.execute("DROP TABLE department_counts")  # as an earlier version made it
    conn.close()
    reader = open_read(path)
    assert {"市公安局", "市人力资源社会保障局"} <= {d.name for d in reports.departments(reader)}  # counted from the links meanwhile
    reader.close()
    conn = open_write(path)
    write_documents(conn, [final_2031()])  # touches 2031 only
    conn.close()
    reader = open_read(path)
    assert {"市公安局"} <= {d.name for d in reports.departments(reader)}  # named in 2030 alone: counted too
    assert reports.departments(reader) == _computed_departments(path)
    reader.close()
