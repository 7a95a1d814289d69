"""A synthetic database of N indicators made by recombining the seed documents' sentences.

The fragments (clauses between 。；，and line ends) come from data/sources/, so characters,
bigram frequencies and row lengths (~150 characters) are those of real documents; only the
combinations are new. Items get ~12 indicators, a title (one fragment) and two departments;
items are spread over cities and years so that year ordering and filters have work to do.
"""

from __future__ import annotations

import random
import re
import sqlite3
from pathlib import Path

from tui_shishi.parse.text import decode
from tui_shishi.store import schema

REPO = Path(__file__).resolve().parent.parent
CITIES = ["青岛", "淄博", "济南", "烟台", "潍坊", "临沂", "济宁", "泰安", "威海", "日照", "德州", "聊城"]
STATUSES = ["达成", "进行中", "未报告", "定性"]
_DEPARTMENT = re.compile(r"(?:市|区)[\u4e00-\u9fff]{1,10}?(?:局|委员会|委|办公室|办)")
_CLAUSE = re.compile(r"[。；;！？\n，,]")


def seed_fragments(sources: Path = REPO / "data" / "sources") -> tuple[list[str], list[str]]:
    """(clauses of 4–60 characters, department names) read from the seed documents."""
    fragments: list[str] = []
    departments: set[str] = set()
    for path in sorted(sources.iterdir()):
        text, _ = decode(path.read_bytes())
        departments.update(_DEPARTMENT.findall(text))
        fragments += [f.strip() for f in _CLAUSE.split(text) if 4 <= len(f.strip()) <= 60]
    return fragments, sorted(departments) or ["市民政局"]


def build_corpus(conn: sqlite3.Connection, indicators: int, *, seed: int = 7) -> list[str]:
    """Fill an empty database with ``indicators`` indicator rows; return every text written
    (titles, indicators, department names)."""
    rng = random.Random(seed)
    fragments, departments = seed_fragments()
    schema.create(conn)
    conn.executemany("INSERT INTO departments (id, name) VALUES (?, ?)", list(enumerate(departments, 1)))
    per_item = 12
    n_items = max(1, indicators // per_item)
    years: dict[tuple[str, int], int] = {}
    numbers: dict[int, int] = {}  # year → last item number
    items, item_departments, rows, texts = [], [], [], []
    for item_id in range(1, n_items + 1):
        key = (rng.choice(CITIES), rng.randint(2012, 2025))
        year_id = years.setdefault(key, len(years) + 1)
        numbers[year_id] = numbers.get(year_id, 0) + 1
        title = rng.choice(fragments)[:30]
        items.append((item_id, year_id, numbers[year_id], title, rng.choice(STATUSES)))
        texts.append(title)
        for role, dep in zip(("lead", "co"), rng.sample(range(1, len(departments) + 1), min(2, len(departments)))):
            item_departments.append((item_id, dep, role))
    for indicator_id in range(1, indicators + 1):
        target = rng.randint(60, 240)
        parts: list[str] = []
        while sum(map(len, parts)) < target:
            parts.append(rng.choice(fragments))
        text = "，".join(parts)[:target]
        rows.append((indicator_id, (indicator_id - 1) // per_item % n_items + 1, indicator_id, text))
        texts.append(text)
    conn.executemany(
        "INSERT INTO years (id, city, period, year_start, year_end) VALUES (?,?,?,?,?)",
        [(i, city, str(year), year, year) for (city, year), i in years.items()],
    )
    conn.executemany("INSERT INTO items (id, year_id, number, title, status) VALUES (?,?,?,?,?)", items)
    conn.executemany("INSERT INTO item_departments (item_id, department_id, role) VALUES (?,?,?)", item_departments)
    conn.executemany("INSERT INTO indicators (id, item_id, ordinal, text) VALUES (?,?,?,?)", rows)
    return texts + departments
