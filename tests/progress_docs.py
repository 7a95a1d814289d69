"""A city-year with a plan and two dated progress reports, built by hand (issue 11's fixtures):
测试市 2031. Used by tests/store/test_progress.py and tests/test_cli_progress.py.

  plan (no date)  1 就业 30万人, milestones 6月底前 20万人 and 12月底前 全面完成; lead 市人社局
                  2 老旧小区 100个, milestone 9月底前 改造60个; lead 市住建局, co 市城管局
                  3 智慧门诊 (words only), milestone 3月底前 完成采购; responsible 市卫健委
                  4 道路 10条, milestone 此后 (no date); lead 市住建局
                  5 健身场地 50处, no milestone; lead 市体育局
  2031-06-30      1: 40%  2: 55%  3: words  4: 100% (10条)  5: 70%
  2031-10-31      1: 90%  2: 60%  3: 该件实事已全面完成  4: 98% (9.8条, revised down)  5: 100%
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tui_shishi.model import Department, Document, Indicator, Item, Milestone, Observation, Quantity

CITY, YEAR = "测试市", 2031
JOBS = "城镇新增就业30万人"
HOUSING = "改造老旧小区100个"
ROADS = "打通道路10条"
FITNESS = "新建健身场地50处"


def _q(value, unit, text, start=None) -> Quantity:
    return Quantity(value=value, unit=unit, text=text, start=start, end=None if start is None else start + len(text))


def _doc(kind: str, as_of: dt.date | None, items: list[Item], name: str) -> Document:
    return Document(
        city=CITY, year_start=YEAR, year_end=YEAR, kind=kind, title=f"{CITY}{YEAR}年民生实事{name}",
        source_file=f"test-{YEAR}-{name}.txt", text=f"{CITY} {name}\n" + "\n".join(i.title for i in items),
        format=kind, as_of=as_of, items=items,
    )  # fmt: skip


def plan() -> Document:
    jobs_m = "城镇新增就业20万人"
    return _doc(
        "plan",
        None,
        [
            Item(
                number=1,
                title="促进就业",
                text=JOBS,
                departments=[Department("市人社局", "lead")],
                indicators=[Indicator(JOBS, _q(300000.0, "人", "30万人"), line=2)],
                milestones=[
                    Milestone("6月底前", jobs_m, dt.date(YEAR, 6, 30), [_q(200000.0, "人", "20万人", jobs_m.find("20万人"))], 3),
                    Milestone("12月底前", "全面完成目标任务。", dt.date(YEAR, 12, 31), [], 4),
                ],
                line=1,
            ),
            Item(
                number=2,
                title="老旧小区改造",
                text=HOUSING,
                departments=[Department("市住建局", "lead"), Department("市城管局", "co")],
                indicators=[Indicator(HOUSING, _q(100.0, "个", "100个"), line=6)],
                milestones=[Milestone("9月底前", "完成改造60个", dt.date(YEAR, 9, 30), [], 7)],
                line=5,
            ),
            Item(
                number=3,
                title="智慧门诊建设",
                text="建设智慧门诊",
                departments=[Department("市卫健委", "responsible")],
                milestones=[Milestone("3月底前", "完成设备采购", dt.date(YEAR, 3, 31), [], 9)],
                line=8,
            ),
            Item(
                number=4,
                title="打通道路",
                text=ROADS,
                departments=[Department("市住建局", "lead")],
                indicators=[Indicator(ROADS, _q(10.0, "条", "10条"), line=11)],
                milestones=[Milestone("此后", "持续推进", None, [], 12)],
                line=10,
            ),
            Item(
                number=5,
                title="健身场地",
                text=FITNESS,
                departments=[Department("市体育局", "lead")],
                indicators=[Indicator(FITNESS, _q(50.0, "处", "50处"), line=14)],
                line=13,
            ),
        ],  # fmt: skip
        "plan",
    )


def _report_item(number: int, title: str, indicator: str, target: Quantity, sentence: str, actual: Quantity, percent: float) -> Item:
    obs = Observation(sentence, actual=actual, percent_of_plan=percent, percent_text=f"占年计划的{percent:g}%", line=number)
    return Item(number=number, title=title, indicators=[Indicator(indicator, target, observations=[obs])], line=number)


def report(as_of: dt.date, name: str, jobs, housing, clinic_words, roads, fitness) -> Document:
    return _doc(
        "progress",
        as_of,
        [
            _report_item(
                1,
                "促进就业",
                JOBS,
                _q(300000.0, "人", "30万人"),
                f"城镇新增就业{jobs[0]},占年计划的{jobs[1]:g}%",
                _q(jobs[2], "人", jobs[0]),
                jobs[1],
            ),
            _report_item(
                2,
                "老旧小区改造",
                HOUSING,
                _q(100.0, "个", "100个"),
                f"已改造老旧小区{housing[0]},占年计划的{housing[1]:g}%",
                _q(housing[2], "个", housing[0]),
                housing[1],
            ),
            Item(number=3, title="智慧门诊建设", progress=[Observation(clinic_words, qualitative=True, line=3)], line=3),
            _report_item(
                4,
                "打通道路",
                ROADS,
                _q(10.0, "条", "10条"),
                f"已打通道路{roads[0]},占年计划的{roads[1]:g}%",
                _q(roads[2], "条", roads[0]),
                roads[1],
            ),
            _report_item(
                5,
                "健身场地",
                FITNESS,
                _q(50.0, "处", "50处"),
                f"已建成健身场地{fitness[0]},占年计划的{fitness[1]:g}%",
                _q(fitness[2], "处", fitness[0]),
                fitness[1],
            ),
        ],  # fmt: skip
        name,
    )


def june() -> Document:
    return report(
        dt.date(YEAR, 6, 30), "june", ("12万人", 40.0, 120000.0), ("55个", 55.0, 55.0),
        "已完成设备采购,正在安装调试", ("10条", 100.0, 10.0), ("35处", 70.0, 35.0),
    )  # fmt: skip


def october() -> Document:
    return report(
        dt.date(YEAR, 10, 31), "october", ("27万人", 90.0, 270000.0), ("60个", 60.0, 60.0),
        "该件实事已全面完成", ("9.8条", 98.0, 9.8), ("50处", 100.0, 50.0),
    )  # fmt: skip


def documents() -> list[Document]:
    return [plan(), june(), october()]


def build_progress_db(path: Path) -> Path:
    from tui_shishi.store.build import write_documents
    from tui_shishi.store.db import open_write

    conn = open_write(path, create=True)
    write_documents(conn, documents())
    conn.close()
    return path


def build_two_cities_db(path: Path, other: str = "测试二市") -> Path:
    """测试市 2031 and the same documents as ``other`` 2031: two city-years behind by the same
    gaps, so that every order of the 滞后 rows has ties to break."""
    import dataclasses

    from tui_shishi.store.build import write_documents
    from tui_shishi.store.db import open_write

    docs = documents()
    others = [dataclasses.replace(d, city=other, source_file="二-" + d.source_file, text=d.text.replace(d.city, other)) for d in docs]
    conn = open_write(path, create=True)
    write_documents(conn, docs + others)
    conn.close()
    return path
