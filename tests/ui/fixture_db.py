"""A small hand-made database in the shape of the seeds, for fast UI and query tests.

The figures are those of the seed documents (青岛 2020 progress as of 10月底, 2023 plan with
milestones, 2025 year-end, 淄博 2022-2024 with two levels of sections), a few of each.
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import sqlite_utils

from tui_shishi.store import digest, schema

EMPLOYMENT_2020 = (
    "1.就业方面,全市城镇新增就业41.58万人(按照国家最新统计方法修正),占年计划的138.6%;"
    "政策性扶持创业4.37万人,占年计划的291.3%;技能提升5.13万人,占年计划的102.6%。"
)
TARGET_2020 = "一、促进城乡就业创业,城镇新增就业30万人,政策性扶持创业1.5万人,技能提升5万人,引才聚才25万人"
TALENT_2020 = "2.引才聚才方面,累计聚集各类人才21.49万人,占年计划的86%。"
PLAN_2023 = "实现城镇新增就业35万人以上,创设城乡公益性岗位3.7万个以上,扶持创业3万人以上"
FINAL_2025 = (
    "第1件：完善重点群体就业创业支持措施和服务体系，实现城镇新增就业35万人，扶持创业3万人。（责任单位：市人力资源社会保障局、市总工会）"
)
DONE_2025 = "完成情况：全市城镇新增就业35万人以上就业目标顺利实现，扶持创业3.84万人，占年计划的128%。"


def _span(sentence: str, figure: str) -> tuple[int, int]:
    """Where ``figure`` stands in ``sentence`` as a whole number: 5万人 is not the tail of 1.5万人.

    Exactly one such place, else the fixture is ambiguous and says so when it is built.
    """
    found = [m.start() for m in re.finditer(rf"(?<![\d.]){re.escape(figure)}(?![\d.])", sentence)]
    assert len(found) == 1, f"{figure!r} stands {len(found)} times in {sentence!r}"
    start, end = found[0], found[0] + len(figure)
    assert sentence[start:end] == figure
    return start, end


def _clause(sentence: str, end: int) -> str:
    """The clause that ends with the figure, as the parser keeps it: 政策性扶持创业1.5万人."""
    head = sentence[:end]
    return head[max(head.rfind(mark) for mark in ",，;；、:：。") + 1 :]


def _indicator(item_id, doc, ordinal, sentence, figure, value, unit, qualifier="", status="未报告"):
    start, end = _span(sentence, figure)
    return {
        "item_id": item_id, "document_id": doc, "ordinal": ordinal, "text": _clause(sentence, end),
        "sentence": sentence, "line": 5 + ordinal, "target_value": value, "target_unit": unit,
        "target_qualifier": qualifier, "target_text": figure, "target_label": "", "target_start": start,
        "target_end": end, "status": status,
    }  # fmt: skip


def _observation(item_id, indicator_id, doc, sentence, figure, value, unit, percent, as_of, qualitative=0):
    start, end = _span(sentence, figure) if figure else (None, None)
    percent_text = f"占年计划的{percent:g}%" if percent is not None else ""
    assert percent_text in sentence, f"{percent_text!r} not in {sentence!r}"
    return {
        "item_id": item_id, "indicator_id": indicator_id, "document_id": doc, "sentence": sentence, "line": 9,
        "actual_value": value, "actual_unit": unit, "actual_qualifier": "", "actual_text": figure,
        "actual_start": start, "actual_end": end, "percent_of_plan": percent,
        "percent_text": percent_text, "as_of": as_of,
        "qualitative": qualitative,
    }  # fmt: skip


def _sentence_ids(db: sqlite_utils.Database, rows: list[dict]) -> list[dict]:
    """Rows with their ``sentence`` stored once in ``sentences`` and referred to by id."""
    ids: dict[tuple[int, str], int] = {}
    out = []
    for row in rows:
        row = dict(row)
        key = (row["document_id"], row.pop("sentence"))
        if key not in ids:
            ids[key] = db["sentences"].insert({"document_id": key[0], "line": row["line"], "text": key[1]}).last_pk
        out.append({**row, "sentence_id": ids[key]})
    return out


def build_fixture_db(path: Path) -> Path:
    conn = sqlite3.connect(path)
    schema.create(conn)
    db = sqlite_utils.Database(conn)
    db["years"].insert_all(
        [
            {"id": 1, "city": "青岛", "period": "2020", "year_start": 2020, "year_end": 2020},
            {"id": 2, "city": "青岛", "period": "2023", "year_start": 2023, "year_end": 2023},
            {"id": 3, "city": "青岛", "period": "2025", "year_start": 2025, "year_end": 2025},
            {"id": 4, "city": "淄博", "period": "2022-2024", "year_start": 2022, "year_end": 2024},
        ]
    )
    docs = [
        (1, 1, "青岛", "2020", "progress", "2020年青岛市办实事进展顺利", "2020-10-31", "qingdao-2020-progress-october.txt"),
        (2, 2, "青岛", "2023", "plan", "2023年市办实事项目责任分工与实施计划一览表", None, "qingdao-2023-implementation-plan.txt"),
        (3, 3, "青岛", "2025", "final", "年终捷报：15件市办实事全部办“妥”", "2025-12-31", "qingdao-2025-year-end-report.txt"),
        (4, 4, "淄博", "2022-2024", "tasks", "淄博市民生实事三年行动", None, "zibo-2022-2024-key-tasks.txt"),
    ]  # fmt: skip
    db["documents"].insert_all(
        dict(zip(("id", "year_id", "city", "period", "kind", "title", "as_of", "source_file"), d), sha256=f"sha{d[0]}") for d in docs
    )
    db["sections"].insert_all(
        [
            {
                "id": 1,
                "year_id": 1,
                "document_id": 1,
                "key": "一",
                "number": 1,
                "level": 1,
                "parent_id": None,
                "title": "促进城乡就业创业",
                "text": TARGET_2020,
                "line": 5,
            },
            {
                "id": 2,
                "year_id": 4,
                "document_id": 4,
                "key": "一",
                "number": 1,
                "level": 1,
                "parent_id": None,
                "title": "聚焦幼有善育",
                "text": "",
                "line": 3,
            },
            {
                "id": 3,
                "year_id": 4,
                "document_id": 4,
                "key": "(一)",
                "number": 1,
                "level": 2,
                "parent_id": 2,
                "title": "打造学前教育新高地",
                "text": "",
                "line": 4,
            },
        ]  # fmt: skip
    )
    db["items"].insert_all(
        [
            {
                "id": 1,
                "year_id": 1,
                "number": 1,
                "section_id": 1,
                "title": "就业方面",
                "text": EMPLOYMENT_2020,
                "status": "达成",
                "percent": 177.5,
                "document_id": 1,
                "line": 7,
            },
            {
                "id": 2,
                "year_id": 1,
                "number": 2,
                "section_id": 1,
                "title": "引才聚才方面",
                "text": TALENT_2020,
                "status": "进行中",
                "percent": 86.0,
                "document_id": 1,
                "line": 9,
            },
            {
                "id": 3,
                "year_id": 2,
                "number": 1,
                "section_id": None,
                "title": "实现城镇新增就业35万人以上",
                "text": PLAN_2023,
                "status": "未报告",
                "percent": None,
                "document_id": 2,
                "line": 4,
            },
            {
                "id": 4,
                "year_id": 3,
                "number": 1,
                "section_id": None,
                "title": "完善重点群体就业创业支持措施和服务体系",
                "text": FINAL_2025,
                "status": "达成",
                "percent": 128.0,
                "document_id": 3,
                "line": 9,
            },
            {
                "id": 5,
                "year_id": 3,
                "number": 7,
                "section_id": None,
                "title": "提升城市环境品质",
                "text": "第7件：整治提升背街小巷。",
                "status": "定性",
                "percent": None,
                "document_id": 3,
                "line": 40,
            },
            {
                "id": 6,
                "year_id": 4,
                "number": 1,
                "section_id": 3,
                "title": "新建改扩建幼儿园",
                "text": "1、新建改扩建幼儿园30所。",
                "status": "未报告",
                "percent": None,
                "document_id": 4,
                "line": 5,
            },
        ]  # fmt: skip
    )
    db["item_documents"].insert_all({"item_id": i, "document_id": d} for i, d in [(1, 1), (2, 1), (3, 2), (4, 3), (5, 3), (6, 4)])
    db["departments"].insert_all([{"id": 1, "name": "市人力资源社会保障局"}, {"id": 2, "name": "市财政局"}, {"id": 3, "name": "市总工会"}])
    db["item_departments"].insert_all(
        [
            {"item_id": 3, "department_id": 1, "role": "lead", "note": "", "raw": "市人力资源社会保障局", "document_id": 2},
            {"item_id": 3, "department_id": 2, "role": "co", "note": "", "raw": "市财政局", "document_id": 2},
            {"item_id": 4, "department_id": 1, "role": "responsible", "note": "", "raw": "市人力资源社会保障局", "document_id": 3},
            {"item_id": 4, "department_id": 3, "role": "responsible", "note": "", "raw": "市总工会", "document_id": 3},
        ]  # fmt: skip
    )
    db["indicators"].insert_all(
        _sentence_ids(
            db,
            [
                {"id": 1, **_indicator(1, 1, 1, TARGET_2020, "30万人", 300000, "人", status="达成")},
                {"id": 2, **_indicator(1, 1, 2, TARGET_2020, "1.5万人", 15000, "人", status="达成")},
                {"id": 3, **_indicator(1, 1, 3, TARGET_2020, "5万人", 50000, "人", status="达成")},
                {"id": 4, **_indicator(2, 1, 1, TARGET_2020, "25万人", 250000, "人", status="进行中")},
                {"id": 5, **_indicator(3, 2, 1, PLAN_2023, "35万人以上", 350000, "人", "以上")},
                {"id": 6, **_indicator(3, 2, 2, PLAN_2023, "3.7万个以上", 37000, "个", "以上")},
                {"id": 7, **_indicator(3, 2, 3, PLAN_2023, "3万人以上", 30000, "人", "以上")},
                {"id": 8, **_indicator(4, 3, 1, FINAL_2025, "3万人", 30000, "人", status="达成")},
            ],
        )
    )
    db["observations"].insert_all(
        _sentence_ids(
            db,
            [
                _observation(1, 1, 1, EMPLOYMENT_2020, "41.58万人", 415800, "人", 138.6, "2020-10-31"),
                _observation(1, 2, 1, EMPLOYMENT_2020, "4.37万人", 43700, "人", 291.3, "2020-10-31"),
                _observation(1, 3, 1, EMPLOYMENT_2020, "5.13万人", 51300, "人", 102.6, "2020-10-31"),
                _observation(2, 4, 1, TALENT_2020, "21.49万人", 214900, "人", 86.0, "2020-10-31"),
                _observation(4, 8, 3, DONE_2025, "3.84万人", 38400, "人", 128.0, "2025-12-31"),
                _observation(5, None, 3, "背街小巷已全部完成整治提升。", "", None, "", None, "2025-12-31", 1),
            ],
        )
    )
    milestones = [
        ("3月底前", "2023-03-31", "城镇新增就业5.5万人,扶持创业6000人,创设城乡公益性岗位2万个。"),
        ("6月底前", "2023-06-30", "城镇新增就业17万人,扶持创业1.4万人,创设城乡公益性岗位3.7万个以上。"),
        ("9月底前", "2023-09-30", "城镇新增就业28万人,扶持创业2.2万人。"),
        ("12月底前", "2023-12-31", "全面完成目标任务。"),
    ]
    db["milestones"].insert_all(
        {"item_id": 3, "document_id": 2, "ordinal": n, "due": due, "due_date": date, "text": text, "line": 4,
         "quantities": json.dumps([])}
        for n, (due, date, text) in enumerate(milestones, 1)
    )  # fmt: skip
    db["flags"].insert_all(
        [
            {"document_id": 1, "item_id": 1, "kind": "inconsistent", "detail": "41.58万人 / 30万人 = 138.6%, 已核对", "line": 7},
            {"document_id": 1, "item_id": None, "kind": "chrome_stripped", "detail": "新闻署名行已去除", "line": 3},
        ]
    )  # fmt: skip
    digest.write(conn, [r[0] for r in conn.execute("SELECT id FROM years")])  # as an import does
    conn.commit()
    conn.close()
    return path
