"""Read-only views of a tui-shishi database for meetings and staff: overview cards per
city-year, the department index, the items of a department. No Textual.

Theme trends are in ``store/trends.py`` and export rows in ``store/export.py``; one item in
full is ``store/queries.item_detail``.

Every function takes an open ``sqlite3.Connection`` (any ``row_factory``) and only reads.
Results are frozen dataclasses of plain values, so a screen, ``shishi show --json`` and the
export all see the same thing. Figures keep their sentence: nothing here computes a percent,
the published ones are passed through.
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass

from tui_shishi.model import ROLE_CO, ROLE_LEAD, ROLE_RESPONSIBLE, ROLES
from tui_shishi.parse.text import fold
from tui_shishi.status import CARD_ORDER, NOT_REPORTED
from tui_shishi.store import digest
from tui_shishi.store.views import Card, DepartmentItem, DepartmentRow, ItemRow, YearRef


def rows(conn: sqlite3.Connection, sql: str, params: tuple | dict = ()) -> list[dict]:
    """Query results as dicts, whatever the connection's row_factory."""
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, tuple(r))) for r in cur.fetchall()]


# ---------------------------------------------------------------- years and items


_ITEM_SQL = """
SELECT i.id AS item_id, i.year_id, y.city, y.period, i.number, i.title, i.status, i.percent, i.section_id
FROM items i JOIN years y ON y.id = i.year_id
"""


def _item_row(r: dict) -> ItemRow:
    return ItemRow(
        r["item_id"],
        r["year_id"],
        r["city"],
        r["period"],
        r["number"],
        r["title"] or "",
        r["status"] or NOT_REPORTED,
        r["percent"],
        r["section_id"],
    )


def years(conn: sqlite3.Connection) -> list[YearRef]:
    found = rows(conn, "SELECT id, city, period, year_start, year_end FROM years ORDER BY city, year_start, period")
    return [YearRef(r["id"], r["city"], r["period"], r["year_start"], r["year_end"]) for r in found]


def find_year(conn: sqlite3.Connection, city: str, year: str) -> YearRef | None:
    """The year of ``city`` whose period is ``year`` (2025, 2022-2024) or, failing that, the one
    period that contains it (淄博/2023 → 2022-2024). City and year compare folded."""
    city_f, year_f = fold(city.strip()), fold(year.strip())
    mine = [y for y in years(conn) if fold(y.city) == city_f]
    exact = [y for y in mine if fold(y.period) == year_f]
    if exact:
        return exact[0]
    if year_f.isdigit():
        n = int(year_f)
        within = [y for y in mine if y.year_start is not None and y.year_start <= n <= (y.year_end or y.year_start)]
        if len(within) == 1:
            return within[0]
    return None


def year_items(conn: sqlite3.Connection, year_id: int) -> list[ItemRow]:
    return [_item_row(r) for r in rows(conn, _ITEM_SQL + " WHERE i.year_id = ? ORDER BY i.number", (year_id,))]


# ---------------------------------------------------------------- overview cards


def _cards(conn: sqlite3.Connection, where: str = "", params: tuple = (), limit: int | None = None, offset: int = 0) -> list[Card]:
    page = " LIMIT ? OFFSET ?" if limit is not None else ""
    params = (*params, limit, offset) if limit is not None else params
    year_rows = rows(conn, f"SELECT id, city, period FROM years {where} ORDER BY city, year_start, period{page}", params)
    cards = []
    for y in year_rows:
        items = rows(conn, "SELECT status, percent FROM items WHERE year_id = ?", (y["id"],))
        counts = dict.fromkeys(CARD_ORDER, 0)
        for it in items:
            status = it["status"] or NOT_REPORTED
            counts[status] = counts.get(status, 0) + 1
        percents = [it["percent"] for it in items if it["percent"] is not None]
        docs = rows(conn, "SELECT id, kind, as_of FROM documents WHERE year_id = ? ORDER BY id", (y["id"],))
        n_flags = conn.execute(
            "SELECT count(*) FROM flags WHERE document_id IN (SELECT id FROM documents WHERE year_id = ?)"
            " OR item_id IN (SELECT id FROM items WHERE year_id = ?)",
            (y["id"], y["id"]),
        ).fetchone()[0]
        dates = [d["as_of"] for d in docs if d["as_of"]]
        cards.append(
            Card(
                y["id"],
                y["city"],
                y["period"],
                len(items),
                counts,
                round(sum(percents) / len(percents), 1) if percents else None,
                n_flags,
                max(dates) if dates else None,
                len(docs),
                tuple(dict.fromkeys(d["kind"] for d in docs if d["kind"])),
            )
        )
    return cards


def overview(conn: sqlite3.Connection, limit: int | None = None, offset: int = 0) -> list[Card]:
    """A card per city-year, ordered by city then year (``limit`` of them from ``offset``)."""
    return _cards(conn, limit=limit, offset=offset)


def year_count(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM years").fetchone()[0]


def card(conn: sqlite3.Connection, year_id: int) -> Card | None:
    found = _cards(conn, "WHERE id = ?", (year_id,))
    return found[0] if found else None


def year_percents(conn: sqlite3.Connection, year_id: int) -> list[tuple[int, str, float | None]]:
    """(item number, short title, percent of plan or None) for a bar chart, in item order."""
    return [(r.number, r.short_title, r.percent) for r in year_items(conn, year_id)]


# ---------------------------------------------------------------- departments

# A trailing bracket is a scope note (市住房城乡建设局(节能保暖工程)), unless it is part of the
# name itself, as in 各区(市)政府 where text follows the bracket.
_TRAILING_NOTE = re.compile(r"^(?P<name>.+?)[(（](?P<note>[^()（）]{2,})[)）]$")
_LIST_SEPARATORS = re.compile(r"[、,，;；\s]+")


def normalise_department(name: str, note: str = "") -> list[tuple[str, str]]:
    """(name, note) pairs for a stored department name, splitting what the importer left joined.

    The parser normalises when importing; this only catches leftovers, so a department listed
    as ``市财政局、市自然资源和规划局`` is still counted under each name.
    """
    pairs = []
    for part in _LIST_SEPARATORS.split(name.strip()):
        if not part:
            continue
        m = _TRAILING_NOTE.match(part)
        if m:
            pairs.append((m["name"], "；".join(x for x in (note, m["note"]) if x)))
        else:
            pairs.append((part, note or ""))
    return pairs


_DEPT_SQL = """
SELECT d.name, idp.role, idp.note, i.id AS item_id, i.year_id, y.city, y.period, y.year_start,
       i.number, i.title, i.status, i.percent
FROM item_departments idp
JOIN departments d ON d.id = idp.department_id
JOIN items i ON i.id = idp.item_id
JOIN years y ON y.id = i.year_id
"""


def _stored_ids(conn: sqlite3.Connection, wanted: str) -> list[int]:
    """The stored departments whose name normalises to one that folds to ``wanted`` (a name
    listed with others, 市财政局、市自然资源和规划局, is one of them for each)."""
    return [
        dep_id
        for dep_id, raw in conn.execute("SELECT id, name FROM departments")
        if any(fold(name) == wanted for name, _ in normalise_department(raw or ""))
    ]


def _department_links(conn: sqlite3.Connection, city: str | None = None, named: str | None = None) -> list[dict]:
    """Every (department, item, role, note) once, with department names normalised; ``named``:
    only the links of the stored departments that name (folded), read through their ids."""
    seen, links = set(), []
    clauses: list[str] = ["y.city = ?"] if city else []
    params: list[str | int] = [city] if city else []
    if named is not None:
        ids = _stored_ids(conn, named)
        if not ids:
            return []
        clauses.append(f"idp.department_id IN ({','.join('?' * len(ids))})")
        params += ids
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    for r in rows(conn, _DEPT_SQL + where + " ORDER BY y.city, y.year_start, i.number, idp.rowid", tuple(params)):
        for name, note in normalise_department(r["name"] or "", r["note"] or ""):
            key = (name, r["item_id"], r["role"], note)
            if key not in seen:
                seen.add(key)
                links.append({**r, "name": name, "note": note})
    return links


DepartmentCounts = tuple[dict[int, dict[str, int]], dict[int, tuple[int, set[int]]]]


def count_departments(conn: sqlite3.Connection, ids: list[int], city: str | None = None) -> DepartmentCounts:
    """For each stored department of ``ids`` (in ``city``, if given): its items counted by role,
    and its items in any role with the year ids they belong to. Reads every link of ``ids``:
    the department list reads what the import stored instead (digest.department_counts)."""
    params: list[str | int]
    join, params = (
        ("JOIN items i ON i.id = idp.item_id JOIN years y ON y.id = i.year_id AND y.city = ?", [city])
        if city
        else ("JOIN items i ON i.id = idp.item_id", [])
    )
    in_ids = f"idp.department_id IN ({','.join('?' * len(ids))})"
    by_role: dict[int, dict[str, int]] = defaultdict(dict)
    for dep_id, role, n in conn.execute(
        f"SELECT idp.department_id, idp.role, count(DISTINCT idp.item_id) FROM item_departments idp {join} WHERE {in_ids} GROUP BY 1, 2",
        [*params, *ids],
    ):
        by_role[dep_id][role] = n
    totals: dict[int, tuple[int, set[int]]] = {}
    for dep_id, n, year_ids in conn.execute(
        f"SELECT idp.department_id, count(DISTINCT idp.item_id), group_concat(DISTINCT i.year_id) FROM item_departments idp {join}"
        f" WHERE {in_ids} GROUP BY 1",
        [*params, *ids],
    ):
        totals[dep_id] = (n, {int(y) for y in year_ids.split(",")})
    return by_role, totals


def departments(conn: sqlite3.Connection, filter_text: str = "", city: str | None = None) -> list[DepartmentRow]:
    """Every department with its items counted by role; most items first. ``filter_text``
    keeps names containing it (folded: full-width and Traditional forms match too).

    A name is one department across cities (市民政局 of 青岛 and of 淄博 together, as the
    issue asks); ``city`` keeps one city's items only, ``cities`` says which are mixed in.
    Counted in SQL per stored department; only a name that several stored names normalise to
    (市财政局 and 市财政局、市自然资源和规划局) has its items gathered one by one.
    """
    wanted = fold(filter_text.strip())
    ids_of: dict[str, dict[int, None]] = {}  # normalised name → stored department ids
    for dep_id, raw in conn.execute("SELECT id, name FROM departments"):
        for name, _ in normalise_department(raw or ""):
            if wanted in fold(name):
                ids_of.setdefault(name, {})[dep_id] = None
    if not ids_of:
        return []
    years_of = {r[0]: (r[3] or 0, r[1], r[2]) for r in conn.execute("SELECT id, city, period, year_start FROM years")}
    params: list[str | int]
    join, params = (
        ("JOIN items i ON i.id = idp.item_id JOIN years y ON y.id = i.year_id AND y.city = ?", [city])
        if city
        else ("JOIN items i ON i.id = idp.item_id", [])
    )
    ids = sorted({dep_id for found in ids_of.values() for dep_id in found})
    stored = digest.department_counts(conn, ids) if city is None else None  # counted at import
    by_role, totals = stored if stored is not None else count_departments(conn, ids, city)
    result = []
    for name, found in ids_of.items():
        dep_ids = [d for d in found if d in totals]
        if not dep_ids:
            continue
        if len(dep_ids) == 1:
            counts = {role: by_role[dep_ids[0]].get(role, 0) for role in ROLES}
            n_items, year_ids = totals[dep_ids[0]]
        else:  # an item may be listed under several of them: count it once
            marks = ",".join("?" * len(dep_ids))
            links = conn.execute(
                f"SELECT idp.role, idp.item_id, i.year_id FROM item_departments idp {join} WHERE idp.department_id IN ({marks})",
                [*params, *dep_ids],
            ).fetchall()
            counts = {role: len({item for r, item, _ in links if r == role}) for role in ROLES}
            n_items, year_ids = len({item for _, item, _ in links}), {y for _, _, y in links}
        seen = sorted(years_of[y] for y in year_ids if y in years_of)
        result.append(
            DepartmentRow(
                name, counts, n_items, tuple(sorted({c for _, c, _ in seen})), tuple(dict.fromkeys(f"{c} {p}" for _, c, p in seen))
            )
        )
    result.sort(key=lambda d: (-d.n_items, d.name))
    return result


_ROLE_RANK = {ROLE_LEAD: 0, ROLE_RESPONSIBLE: 1, ROLE_CO: 2}


def department_items(conn: sqlite3.Connection, name: str, city: str | None = None) -> list[DepartmentItem]:
    """The items ``name`` leads, co-leads or is responsible for, across cities (or in ``city``)
    and years, by city, year, item number, lead before responsible before co."""
    wanted = fold(name.strip())
    links = [lk for lk in _department_links(conn, city, named=wanted) if fold(lk["name"]) == wanted]
    links.sort(key=lambda lk: (lk["city"], lk["year_start"] or 0, lk["number"], _ROLE_RANK.get(lk["role"], 9)))
    return [
        DepartmentItem(
            lk["city"],
            lk["period"],
            lk["year_id"],
            lk["item_id"],
            lk["number"],
            lk["title"] or "",
            lk["role"],
            lk["note"],
            lk["status"] or NOT_REPORTED,
            lk["percent"],
        )
        for lk in links
    ]


def department_name(conn: sqlite3.Connection, name: str) -> str | None:
    """The stored (normalised) spelling of a department name, or None if no item names it."""
    wanted = fold(name.strip())
    for link in _department_links(conn, named=wanted):
        if fold(link["name"]) == wanted:
            return link["name"]
    return None


# ---------------------------------------------------------------- one item


def find_item(conn: sqlite3.Connection, year_id: int, number: int) -> ItemRow | None:
    found = rows(conn, _ITEM_SQL + " WHERE i.year_id = ? AND i.number = ?", (year_id, number))
    return _item_row(found[0]) if found else None


class TargetNotFound(LookupError):
    """A ``shishi show`` target that names nothing in the database; the message is one line."""


@dataclass(frozen=True)
class Target:
    """What a ``shishi show`` target names. ``kind`` says which fields are set: an item target
    has ``year`` and ``item``, a year target ``year``, a department target ``department``."""

    kind: str  # "item", "year" or "department"
    year: YearRef | None = None
    item: ItemRow | None = None
    department: str = ""

    def item_row(self, refusal: str = "") -> ItemRow:
        """The item an item target names; TargetNotFound(``refusal``) for a year or a department."""
        if self.kind != "item" or self.item is None:
            raise TargetNotFound(refusal or f"{self._name()} 不是一件事项：应写作 城市/年份/件号，如 青岛/2025/5")
        return self.item

    def year_ref(self, refusal: str = "") -> YearRef:
        """The year a year target names; TargetNotFound(``refusal``) for an item or a department."""
        if self.kind != "year" or self.year is None:
            raise TargetNotFound(refusal or f"{self._name()} 不是一个城市年度：应写作 城市/年份，如 青岛/2025")
        return self.year

    def _name(self) -> str:
        if self.kind == "department":
            return self.department
        where = f"{self.year.city} {self.year.period}" if self.year else ""
        return f"{where} 第{self.item.number}件" if self.item else where


_DEPT_PREFIXES = ("dept:", "department:", "部门:", "单位:")
_ITEM_NUMBER = re.compile(r"^第?(\d+)件?$")


def resolve_target(conn: sqlite3.Connection, target: str) -> Target:
    """What ``青岛/2025/5``, ``青岛/2025`` or ``dept:市民政局`` names (full-width ／ and ： too).

    Raises TargetNotFound with a one-line reason when it names nothing.
    """
    text = target.strip()
    folded = fold(text)
    for prefix in _DEPT_PREFIXES:
        if folded.startswith(prefix):
            wanted = text[len(prefix) :].strip()
            name = department_name(conn, wanted) if wanted else None
            if name is None:
                raise TargetNotFound(f"数据库中没有单位「{wanted}」")
            return Target("department", department=name)
    parts = [p.strip() for p in folded.split("/")]
    raw_parts = [text[m.start() : m.end()].strip() for m in re.finditer(r"[^/]+", folded)] if "/" in folded else [text]
    if len(parts) not in (2, 3) or not all(parts):
        raise TargetNotFound(f"看不懂目标 {target!r}：应写作 城市/年份、城市/年份/件号 或 dept:单位名")
    year = find_year(conn, raw_parts[0], raw_parts[1])
    if year is None:
        raise TargetNotFound(f"数据库中没有 {raw_parts[0]} {raw_parts[1]}")
    if len(parts) == 2:
        return Target("year", year=year)
    m = _ITEM_NUMBER.match(parts[2])
    if not m:
        raise TargetNotFound(f"看不懂件号 {raw_parts[2]!r}：应写作数字，如 青岛/2025/5")
    # A number past SQLite's integers (青岛/2025/99999999999999999999) names no item either.
    item = find_item(conn, year.year_id, int(m[1])) if len(m[1]) <= 18 else None
    if item is None:
        raise TargetNotFound(f"{year.city} {year.period} 没有第{m[1]}件")
    return Target("item", year=year, item=item)
