"""A city-year with four reports, written in the genre's words and read by the parser: 样本市 2031.
Used by tests/store/test_paths.py, tests/ui/test_figure_path.py, tests/test_cli_paths.py and
tests/snapshots/test_path_snapshot.py.

  list        1 城镇新增就业30万人  2 改造老旧小区100个  3 新建健身场地50处
  2031-03-31  1: 7.5万人 25%     2: 15个 15%    3: 10处 20%
  2031-06-30  1: 13.5万人 45%    2: 40个 40%    3: 30处 60%
  2031-09-30  1: 24万人 80%      2: 36个 36%    3: 42处 84%   ← 老旧小区 goes DOWN (40个 → 36个)
  2031-12-31  1: 31.2万人 104%   2: 100个 100%  3: 50处 100%  (year-end report)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

CITY, YEAR = "样本", 2031
ITEM_JOBS, ITEM_HOUSING, ITEM_FITNESS = 1, 2, 3
JUNE, SEPTEMBER = dt.date(YEAR, 6, 30), dt.date(YEAR, 9, 30)
DATES = (dt.date(YEAR, 3, 31), JUNE, SEPTEMBER, dt.date(YEAR, 12, 31))

LIST = """样本市2031年市办实事项目
第1件 促进城镇就业。实现城镇新增就业30万人。（牵头单位：市人力资源社会保障局）
第2件 老旧小区改造。改造老旧小区100个。（牵头单位：市住房城乡建设局）
第3件 新建健身场地。新建健身场地50处。（牵头单位：市体育局）
"""


def _report(title: str, when: str, figures: tuple[tuple[str, str], tuple[str, str], tuple[str, str]]) -> str:
    (jobs, p1), (housing, p2), (fitness, p3) = figures
    return (
        f"样本市2031年市办实事项目{title}\n"
        f"第1件 促进城镇就业。{when}全市城镇新增就业{jobs}，占年计划的{p1}。\n"
        f"第2件 老旧小区改造。{when}已改造老旧小区{housing}，占年计划的{p2}。\n"
        f"第3件 新建健身场地。{when}已建成健身场地{fitness}，占年计划的{p3}。\n"
    )


REPORTS = {
    "q1": _report("第一季度进展情况", "截至3月底，", (("7.5万人", "25%"), ("15个", "15%"), ("10处", "20%"))),
    "h1": _report("上半年进展情况", "截至6月底，", (("13.5万人", "45%"), ("40个", "40%"), ("30处", "60%"))),
    "q3": _report("前三季度进展情况", "截至9月底，", (("24万人", "80%"), ("36个", "36%"), ("42处", "84%"))),
    "final": _report("完成情况", "完成情况：", (("31.2万人", "104%"), ("100个", "100%"), ("50处", "100%"))),
}


def documents():
    from tui_shishi.parse import parse_bytes

    docs = [parse_bytes(LIST.encode(), "sample-2031-list.txt", kind="announced")]
    for name, text in REPORTS.items():
        kind = "final" if name == "final" else "progress"
        docs.append(parse_bytes(text.encode(), f"sample-2031-{name}.txt", kind=kind))
    return docs


def build_path_db(path: Path) -> Path:
    from tui_shishi.store.build import write_documents
    from tui_shishi.store.db import open_write

    conn = open_write(path, create=True)
    write_documents(conn, documents())
    conn.close()
    return path


def item_id(conn, number: int) -> int:
    return conn.execute(
        "SELECT i.id FROM items i JOIN years y ON y.id = i.year_id WHERE y.city = ? AND y.period = ? AND i.number = ?",
        (CITY, str(YEAR), number),
    ).fetchone()[0]
