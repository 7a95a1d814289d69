"""Themes across years: which items of every city-year are about a theme, and their indicators
lined up so a trend reads at a glance (城镇新增就业 30万人 → 35万人 → 35万人). Read-only, no Textual.

An item belongs to a theme when a keyword of the theme occurs in its title or text
(``tui_shishi.themes``); an indicator joins the series of the most specific theme word in its
text, and series are kept apart by unit, so 老旧小区 110个 never sits beside 227万平方米.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from tui_shishi.parse.text import fold
from tui_shishi.status import ACHIEVED, IN_PROGRESS, NOT_REPORTED, QUALITATIVE
from tui_shishi.store.reports import _ITEM_SQL, _item_row, rows
from tui_shishi.store.views import Figure, ItemRow, Series, SeriesPoint, TrendItem, TrendYear
from tui_shishi.themes import Theme, ThemeMatch, get_theme, match_theme, series_word


def _clause_before(sentence: str, start: int | None, end: int | None) -> str:
    """The clause of ``sentence`` that ends with the figure at [start, end): what it counts."""
    if start is None or end is None or not (0 <= start < end <= len(sentence)):
        return sentence
    head = sentence[:end]
    cut = max(head.rfind(ch, 0, start) for ch in ",，;；。")
    return head[cut + 1 :].strip()


def _latest(observations: list[dict]) -> dict | None:
    if not observations:
        return None
    return max(observations, key=lambda o: (o["as_of"] or "", o["id"]))


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _clause_words(indicator: dict) -> set[str]:
    text, figure = indicator["text"] or "", indicator["target_text"] or ""
    return _bigrams(fold(text.replace(figure, "") if figure else text))


def _same_indicator(a: dict, b: dict) -> bool:
    """The same target restated by another document of the year (the announced list, then the
    year-end report): same value and unit, and the clauses share words besides the figure."""
    if a["document_id"] == b["document_id"] or a["target_value"] is None:
        return False
    if (a["target_value"], a["target_unit"] or "") != (b["target_value"], b["target_unit"] or ""):
        return False
    words_a, words_b = _clause_words(a), _clause_words(b)
    return bool(words_a & words_b) or not (words_a and words_b)


_OBSERVATIONS = "SELECT o.*, s.text AS sentence FROM observations o LEFT JOIN sentences s ON s.id = o.sentence_id"
_INDICATORS = "SELECT i.*, s.text AS sentence FROM indicators i LEFT JOIN sentences s ON s.id = i.sentence_id"
_CHUNK = 500  # item ids per query: under SQLite's bound on parameters


def _by_item(conn: sqlite3.Connection, sql: str, order: str, item_ids: list[int]) -> dict[int, list[dict]]:
    """Rows of ``sql`` for these items, grouped by item, each group in ``order``."""
    grouped: dict[int, list[dict]] = {item_id: [] for item_id in item_ids}
    for n in range(0, len(item_ids), _CHUNK):
        chunk = item_ids[n : n + _CHUNK]
        for r in rows(conn, f"{sql} WHERE {order[0]}.item_id IN ({','.join('?' * len(chunk))}) ORDER BY {order}", tuple(chunk)):
            grouped[r["item_id"]].append(r)
    return grouped


def _merge(indicators: list[dict], obs: list[dict]) -> list[tuple[dict, list[dict]]]:
    groups: list[tuple[dict, list[dict]]] = []
    for ind in indicators:
        bound = [o for o in obs if o["indicator_id"] == ind["id"]]
        for first, members in groups:
            if _same_indicator(first, ind):
                members.extend(bound)
                if bound:
                    first["status"] = ind["status"]  # judged on the observations, i.e. this statement
                break
        else:
            groups.append((dict(ind), bound))
    return groups


def item_figures(conn: sqlite3.Connection, item_id: int, theme: Theme | None = None) -> list[Figure]:
    """The item's indicators with their latest actual, then its unbound reported figures."""
    return items_figures(conn, [item_id], theme)[item_id]


def items_figures(conn: sqlite3.Connection, item_ids: list[int], theme: Theme | None = None) -> dict[int, list[Figure]]:
    """``item_figures`` of many items, read in a few queries."""
    obs = _by_item(conn, _OBSERVATIONS, "o.id", item_ids)
    indicators = _by_item(conn, _INDICATORS, "i.document_id, i.ordinal, i.id", item_ids)
    return {item_id: _figures(_merge(indicators[item_id], obs[item_id]), obs[item_id], theme) for item_id in item_ids}


def _figures(merged: list[tuple[dict, list[dict]]], obs: list[dict], theme: Theme | None) -> list[Figure]:
    figures = []
    for ind, bound in merged:
        latest = _latest(bound) or {}
        text = ind["text"] or ""
        figures.append(
            Figure(
                text,
                ind["target_text"] or "",
                ind["target_value"],
                ind["target_unit"] or "",
                latest.get("actual_text") or "",
                latest.get("actual_value"),
                latest.get("actual_unit") or "",
                latest.get("percent_of_plan"),
                ind["status"] or NOT_REPORTED,
                series_word(text, theme) if theme else None,
                ind["sentence"] or text,
                latest.get("as_of"),
                latest.get("sentence") or "",
            )
        )
    for o in (o for o in obs if o["indicator_id"] is None):
        # Words only (已全部完成) are kept too: a report needs them; series skip them (no value).
        text = _clause_before(o["sentence"] or "", o["actual_start"], o["actual_end"])
        if o["qualitative"] or o["actual_value"] is None and o["percent_of_plan"] is None:
            status = QUALITATIVE  # words only
        elif o["percent_of_plan"] is None:
            status = ""  # a figure no target takes (a 其中 part, a context figure): shown, never judged
        else:
            status = ACHIEVED if o["percent_of_plan"] >= 100 else IN_PROGRESS
        figures.append(
            Figure(
                text,
                "",
                None,
                "",
                o["actual_text"] or "",
                o["actual_value"],
                o["actual_unit"] or "",
                o["percent_of_plan"],
                status,
                series_word(text, theme) if theme else None,
                o["sentence"] or "",
                o["as_of"],
                o["sentence"] or "",
            )
        )
    return figures


def theme_items(conn: sqlite3.Connection, theme: str | Theme, city: str | None = None) -> list[tuple[ItemRow, ThemeMatch]]:
    """Every item tagged with ``theme`` (of ``city`` only, if given), by city, year and number,
    with the words that matched."""
    theme = get_theme(theme) if isinstance(theme, str) else theme
    where, params = (" WHERE y.city = ?", (city,)) if city is not None else ("", ())
    found = rows(
        conn,
        _ITEM_SQL.replace("SELECT ", "SELECT i.text AS item_text, y.year_start, ", 1)
        + where
        + " ORDER BY y.city, y.year_start, y.period, i.number",
        params,
    )
    tagged = []
    for r in found:
        match = match_theme(f"{r['title'] or ''}\n{r['item_text'] or ''}", theme)
        if match is not None:
            tagged.append((_item_row(r), match))
    return tagged


def theme_trend(conn: sqlite3.Connection, theme: str | Theme, city: str | None = None) -> list[TrendYear]:
    """For a theme, each city-year (in time order) with its items, targets and actuals; of
    ``city`` only, if given (a country's database: one city's years at a time).

    Raises KeyError (message lists the themes) for an unknown theme name.
    """
    theme = get_theme(theme) if isinstance(theme, str) else theme
    where, params = (" WHERE city = ?", (city,)) if city is not None else ("", ())
    years = {r["id"]: r for r in rows(conn, "SELECT id, city, period, year_start FROM years" + where, params)}
    grouped: dict[int, list[TrendItem]] = defaultdict(list)
    tagged = theme_items(conn, theme, city)
    figures = items_figures(conn, [row.item_id for row, _ in tagged], theme)
    for row, match in tagged:
        grouped[row.year_id].append(TrendItem(row, match.words, tuple(figures[row.item_id])))
    order = sorted(grouped, key=lambda yid: (years[yid]["year_start"] or 0, years[yid]["city"], years[yid]["period"]))
    return [TrendYear(yid, years[yid]["city"], years[yid]["period"], years[yid]["year_start"], tuple(grouped[yid])) for yid in order]


def theme_series(conn: sqlite3.Connection, theme: str | Theme, trend: list[TrendYear] | None = None) -> list[Series]:
    """Comparable indicators of a theme lined up across years: one Series per (word, unit).

    Series reaching over more years come first. A target stated twice for one item (by two
    documents, or reported as started and as finished) is one point: the first read.
    ``trend``: the theme's ``theme_trend``, when the caller has read it already.
    """
    theme = get_theme(theme) if isinstance(theme, str) else theme
    grouped: dict[tuple[str, str], list[SeriesPoint]] = defaultdict(list)
    seen = set()
    for year in theme_trend(conn, theme) if trend is None else trend:
        for item in year.items:
            for fig in item.figures:
                unit = fig.target_unit or fig.actual_unit
                if fig.series is None or (fig.target_value is None and fig.actual_value is None):
                    continue
                key = (fig.series, unit)
                point = SeriesPoint(
                    year.city,
                    year.period,
                    fig.target_value,
                    fig.actual_value,
                    unit,
                    fig.target_text,
                    fig.actual_text,
                    fig.percent,
                    item.row.number,
                )
                # One point per target: a target restated, or reported twice (已开工 / 已完工), once.
                ident = (
                    key,
                    year.city,
                    year.period,
                    item.row.number,
                    fig.target_value,
                    fig.actual_value if fig.target_value is None else None,
                )
                if ident not in seen:
                    seen.add(ident)
                    grouped[key].append(point)
    rank = {w: n for n, w in enumerate(theme.series + theme.keywords)}
    series = [Series(label, unit, tuple(points)) for (label, unit), points in grouped.items()]
    series.sort(key=lambda s: (-len({(p.city, p.period) for p in s.points}), rank.get(s.label, 99), s.label, s.unit))
    return series


def item_themes(conn: sqlite3.Connection, item_id: int) -> list[ThemeMatch]:
    """The themes of one item with the words that matched (title and text)."""
    from tui_shishi.themes import tag

    found = rows(conn, "SELECT title, text FROM items WHERE id = ?", (item_id,))
    if not found:
        return []
    return tag(f"{found[0]['title'] or ''}\n{found[0]['text'] or ''}")
