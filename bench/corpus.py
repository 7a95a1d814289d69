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
import time
from pathlib import Path

from tui_shishi import model
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


# --------------------------------------------------------------------------- country scale

INDICATORS_PER_CITY_YEAR = 167  # measured mean of what country_documents writes (see --scale)
YEARS = range(2016, 2026)
UNITS = [("万人", 1e4), ("个", 1), ("所", 1), ("公里", 1), ("万平方米", 1e4), ("户", 1), ("张", 1), ("处", 1)]
QUALIFIERS = ["", "以上", "左右", ""]
SECTION_TITLES = ["促进城乡就业创业", "提升教育服务水平", "完善医疗卫生服务", "加强养老助残服务", "改善城市人居环境", "优化交通出行条件"]
REPORT_DATES = [(6, 30), (9, 30), (10, 31)]


def gazetteer() -> list[tuple[str, str, str]]:
    """(city, place, level) to write documents for: every prefecture-level city by its short name
    (北京市 → 北京), then counties and districts as places of their own under their city."""
    from tui_shishi.parse.places import short_name

    rows = [r.split("\t") for r in (REPO / "src" / "tui_shishi" / "data" / "places.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    names = {r[0]: r[1] for r in rows if len(r) >= 4}
    cities = [(short_name(r[1]), "", "") for r in rows if len(r) >= 4 and r[2] == "city"]
    below = [(short_name(names.get(r[3], r[1])), r[1], r[2]) for r in rows if len(r) >= 4 and r[2] in ("county", "district")]
    return cities + below


def _themes() -> list[str]:
    import tomllib

    data = tomllib.loads((REPO / "src" / "tui_shishi" / "data" / "themes.toml").read_text(encoding="utf-8"))
    return [word for theme in data["theme"] for word in theme["keywords"]]


class _Lines:
    """A document's text being written: ``add`` returns the 1-based line number."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, text: str) -> int:
        self.lines.append(text)
        return len(self.lines)

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def _year_plan(rng: random.Random, fragments: list[str], departments: list[str], themes: list[str]) -> list[dict]:
    """One city-year's items: title, section, summary, indicators (text, target), departments, milestones."""
    n_sections = rng.randint(3, 5)
    plan = []
    for number in range(1, rng.randint(12, 18) + 1):
        indicators = []
        for _ in range(rng.randint(3, 7)):
            unit, _scale = rng.choice(UNITS)
            value = rng.choice([rng.randint(2, 50), rng.randint(50, 2000)])
            qualifier = rng.choice(QUALIFIERS)
            head = rng.choice(fragments)[:24].rstrip("，。；")
            figure = f"{value}{unit}{qualifier}"
            text = f"{head}{figure}"
            target = model.Quantity(float(value), unit, qualifier, figure, len(head), len(text))
            indicators.append((text, target))
        plan.append(
            dict(
                number=number,
                section=model.Section("一二三四五六"[(number - 1) * n_sections // 18], 1 + (number - 1) * n_sections // 18, ""),
                title=f"{rng.choice(themes)}{rng.choice(fragments)[:14].rstrip('，。；')}",
                summary=rng.choice(fragments),
                indicators=indicators,
                departments=rng.sample(departments, min(3, len(departments))),
            )
        )
    return plan


def _percent(rng: random.Random, elapsed: float) -> float:
    """A published percent of plan around the pace ``elapsed`` (a share): some 滞后, some 超额."""
    return round(max(1.0, rng.gauss(elapsed * 105, 25)), 1)


def country_documents(city: str, place: str, level: str, rng: random.Random, fragments, departments, themes):
    """The documents of one city (or county) over ten years: per year an announced list, two or
    three progress reports and a year-end report, as model objects (as parse would return them)."""
    import datetime as dt

    who = place or city
    for year in YEARS:
        plan = _year_plan(rng, fragments, departments, themes)
        lines = _Lines()
        doc = model.Document(city, year, year, model.KIND_ANNOUNCED, title=f"{who}{year}年市办实事项目", place=place, place_level=level)
        lines.add(doc.title)
        lines.add(f"（{year}年1月{rng.randint(5, 28)}日{who}人民政府发布）")
        for p in plan:
            section = p["section"]
            if not doc.sections or doc.sections[-1].key != section.key:
                title = SECTION_TITLES[(section.number + year) % len(SECTION_TITLES)]
                line = lines.add(f"{section.key}、{title}")
                doc.sections.append(model.Section(section.key, section.number, title, text=f"{section.key}、{title}", line=line))
            item = model.Item(p["number"], p["title"], text=p["summary"], section=section.key)
            item.line = lines.add(f"第{p['number']}件：{p['title']}")
            lines.add(p["summary"])
            for text, target in p["indicators"]:
                line = lines.add(f"● {text}。")
                item.indicators.append(model.Indicator(text, target, sentence=f"{text}。", line=line))
            lead, *co = p["departments"]
            line = lines.add(f"牵头单位：{lead}；协办单位：{'、'.join(co)}")
            item.departments = [model.Department(lead, model.ROLE_LEAD, raw=lead)] + [model.Department(c, model.ROLE_CO, raw=c) for c in co]
            for month in (3, 6, 12):
                text = f"{month}月底前完成{month * 100 // 12}%"
                line = lines.add(f"{month}月底前：{text}")
                share = model.Quantity(
                    float(month * 100 // 12), "%", "", f"{month * 100 // 12}%", 5, 5 + len(str(month * 100 // 12)) + 1, is_percent=True
                )
                item.milestones.append(
                    model.Milestone(
                        f"{month}月底前", text, dt.date(year, month, 28 if month == 2 else 30 if month in (6, 9) else 31), [share], line
                    )
                )
            doc.items.append(item)
        doc.text = lines.text
        yield doc
        reports = REPORT_DATES[: rng.choice((2, 3))] + [(12, 31)]
        for month, day in reports:
            as_of = dt.date(year, month, day)
            final = month == 12
            elapsed = (as_of - dt.date(year, 1, 1)).days / 365
            kind = model.KIND_FINAL if final else model.KIND_PROGRESS
            name = "完成情况" if final else f"进展情况（截至{month}月底）"
            lines = _Lines()
            doc = model.Document(
                city, year, year, kind, title=f"{who}{year}年市办实事项目{name}", as_of=as_of, place=place, place_level=level
            )
            lines.add(doc.title)
            for p in plan:
                item = model.Item(p["number"], p["title"])
                item.line = lines.add(f"{p['number']}.{p['title']}")
                for text, target in p["indicators"]:
                    if rng.random() >= (0.6 if final else 0.25):
                        continue
                    pct = _percent(rng, elapsed)
                    actual = round(target.value * pct / 100, 1)
                    figure = f"{actual:g}{target.unit}"
                    head = text[: target.start]
                    pct_text = f"占年计划的{pct:g}%"
                    sentence = f"{head}，{'全年' if final else f'截至{month}月底'}完成{figure}，{pct_text}。"
                    line = lines.add(sentence)
                    start = sentence.index(figure)
                    obs = model.Observation(
                        sentence,
                        model.Quantity(actual, target.unit, "", figure, start, start + len(figure)),
                        pct,
                        pct_text,
                        as_of,
                        line=line,
                    )
                    item.indicators.append(model.Indicator(text, target, [obs], sentence=sentence, line=line))
                if rng.random() < 0.15:  # progress in words only
                    sentence = f"{p['title']}工作{'已全面完成' if final else '正在有序推进'}。"
                    item.progress.append(model.Observation(sentence, as_of=as_of, qualitative=True, line=lines.add(sentence)))
                doc.items.append(item)
            doc.text = lines.text
            yield doc


def build_country(path: Path, scale: int, *, seed: int = 7) -> dict:
    """Write a country-scale database of about ``scale`` indicator rows to ``path`` through the
    store's own write path (build._write_document, refresh_statuses, the search index), in one
    transaction as ``write_documents`` does, streaming the documents city by city. Returns counts."""
    from tui_shishi.store import build, search_index

    rng = random.Random(seed)
    fragments, departments = seed_fragments()
    fragments = [f for f in fragments if "\t" not in f and "|" not in f and len(f) >= 8]
    themes = _themes()
    places = gazetteer()
    n_places = max(1, min(len(places), round(scale / (INDICATORS_PER_CITY_YEAR * len(YEARS)))))
    tmp = path.with_name(f".{path.name}.tmp")
    for p in (tmp, path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        p.unlink(missing_ok=True)
    conn = sqlite3.connect(tmp, isolation_level=None)
    timings: dict[str, float] = {}
    start = time.perf_counter()
    schema.create(conn)
    conn.execute("PRAGMA foreign_keys = ON")
    year_ids: set[int] = set()
    documents = 0
    with build.transaction(conn):
        for city, place, level in places[:n_places]:
            for doc in country_documents(city, place, level, rng, fragments, departments, themes):
                year_ids.add(build._write_document(conn, doc)[1])
                documents += 1
        timings["rows"] = time.perf_counter() - start
        build.refresh_statuses(conn, sorted(year_ids))
        timings["statuses"] = time.perf_counter() - start - timings["rows"]
        mark = time.perf_counter()
        search_index.rebuild_index(conn)
        timings["index"] = time.perf_counter() - mark
    conn.execute("PRAGMA journal_mode = WAL")  # as db.create_new leaves a new database
    conn.close()
    tmp.rename(path)
    timings["total"] = time.perf_counter() - start
    counts = {"places": n_places, "documents": documents}
    return counts | {"timings": timings}


def table_sizes(path: Path) -> dict[str, int]:
    """Bytes per table and index (dbstat), FTS shadow tables summed under their table's name."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    sizes: dict[str, int] = {}
    for name, size in conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"):
        key = re.sub(r"_(data|idx|docsize|config|content)$", "", name) if name.startswith("search_") else name
        sizes[key] = sizes.get(key, 0) + size
    conn.close()
    return dict(sorted(sizes.items(), key=lambda kv: -kv[1]))


def main() -> None:
    import argparse
    import os

    parser = argparse.ArgumentParser(description="A country-scale database: real city names, ten years of lists and reports.")
    parser.add_argument("--scale", type=lambda s: int(float(s.replace("_", "").replace("k", "e3").replace("M", "e6"))), default=500_000,
                        help="indicator rows, 10k … 1M (default 0.5M ≈ 300 cities)")  # fmt: skip
    parser.add_argument("--out", type=Path, default=Path("/tmp/shishi-country.db"))
    parser.add_argument("--sizes", action="store_true", help="print bytes per table and index (dbstat)")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    result = build_country(args.out, args.scale)
    conn = sqlite3.connect(f"file:{args.out}?mode=ro", uri=True)
    rows = {
        t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("years", "items", "indicators", "observations", "milestones", "search_rows")
    }
    text_bytes = conn.execute("SELECT sum(length(CAST(text AS BLOB))) FROM documents").fetchone()[0]
    conn.close()
    size = args.out.stat().st_size
    t = result["timings"]
    print(
        f"{args.out}: {result['places']} places, {result['documents']:,} documents, "
        + ", ".join(f"{k} {v:,}" for k, v in rows.items())
        + f"\n  built in {t['total']:.1f} s (rows {t['rows']:.1f}, statuses {t['statuses']:.1f}, search index {t['index']:.1f}); "
        f"file {size / 2**20:.1f} MiB = {size / text_bytes:.1f}× the documents' text ({text_bytes / 2**20:.1f} MiB); "
        f"load {load:.2f} → {os.getloadavg()[0]:.2f}"
    )
    if args.sizes:
        for name, n in table_sizes(args.out).items():
            print(f"  {name:40} {n / 2**20:8.1f} MiB  {n / text_bytes:5.2f}× text")


if __name__ == "__main__":
    main()
