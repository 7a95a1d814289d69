"""What each screen reads from the database, timed alone: the query functions the UI calls (in
its workers) for its first page, on a scaled database against the seeds, same run.

    .venv/bin/python bench/reads.py --db /tmp/bench-country-500k.db [--baseline data/shishi.db] [--profile NAME]

Separates the database's share of a screen's time (bench/browse.py) from the widgets'. Each
function runs twice on one read-only connection; the second (warm cache) is shown, the first
beside it (a read of more than 5 s runs once: its time is shown as both). ``--profile NAME`` prints cProfile's top functions of that read (on --db).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sqlite3
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def reads(conn: sqlite3.Connection) -> dict:
    """name → zero-argument function, the arguments picked as the tour of browse.py picks them."""
    from tui_shishi.store import progress, reports
    from tui_shishi.store import queries as q
    from tui_shishi.ui.screens.overview import dashboard_data
    from tui_shishi.ui.screens.themes import load_theme, scoped_cities
    from tui_shishi.ui.widgets.year_view import load_section_page, load_year_page

    city = conn.execute("SELECT DISTINCT city FROM years ORDER BY city LIMIT 1 OFFSET 1").fetchone()[0]
    year_id = conn.execute("SELECT id FROM years WHERE city = ? ORDER BY year_start DESC LIMIT 1", (city,)).fetchone()[0]
    section = conn.execute("SELECT id FROM sections WHERE year_id = ? ORDER BY id LIMIT 1", (year_id,)).fetchone()
    item_id = conn.execute("SELECT id FROM items WHERE year_id = ? ORDER BY number LIMIT 1", (year_id,)).fetchone()[0]
    from tui_shishi.themes import theme_names

    theme = theme_names()[0]
    scope = scoped_cities(conn)  # a database of many cities: the themes view shows the first alone
    out = {
        "tree: first screen (tree_start)": lambda: q.tree_start(conn),
        "detail: city (and its years in the tree)": lambda: q.city(conn, city),
        "detail: year page": lambda: load_year_page(conn, year_id),
        "tree: year children": lambda: q.sections(conn, year_id) + q.items(conn, year_id, None, limit=201, offset=0),
        "detail: item": lambda: q.item_detail(conn, item_id),
        "tree: item children": lambda: q.indicators(conn, item_id),
        "o: reports.overview (first 60 cards)": lambda: reports.overview(conn, limit=60),
        "o: dashboard_data (behind + changes)": lambda: dashboard_data(conn),
        "d: reports.departments('')": lambda: reports.departments(conn, ""),
        "m: load_theme (the first city, when many)": lambda: load_theme(conn, theme, scope[0] if scope else None),
        "l: progress.behind_page (first 200 rows)": lambda: progress.behind_page(conn, "gap", 200),
        "l: progress.behind (the whole list: CLI)": lambda: progress.behind(conn, sort="gap"),
    }
    if section:
        out["detail: section page"] = lambda: load_section_page(conn, section[0])
    return out


def timed(db: str, slow_ms: float = 5000) -> dict[str, tuple[float, float]]:
    from tui_shishi.store.db import open_read

    result = {}
    conn = open_read(db)
    for name, fn in reads(conn).items():
        times = []
        for _ in range(2):
            start = time.perf_counter()
            fn()
            times.append((time.perf_counter() - start) * 1000)
            if times[0] > slow_ms:  # minutes at 0.5 M: once is enough to know
                times.append(times[0])
                break
        result[name] = (times[0], times[1])
        print(f"  … {Path(db).name}: {name} {times[1]:.0f} ms", flush=True)
    conn.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/bench-country-10k.db")
    parser.add_argument("--baseline", default=str(REPO / "data" / "shishi.db"))
    parser.add_argument("--profile", help="a read's name (or its start) to profile on --db")
    args = parser.parse_args()
    if args.profile:
        from tui_shishi.store.db import open_read

        conn = open_read(args.db)
        fn = next(f for name, f in reads(conn).items() if name.startswith(args.profile))
        fn()
        profile = cProfile.Profile()
        profile.runcall(fn)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
        return
    load = os.getloadavg()[0]
    base = timed(args.baseline)
    scaled = timed(args.db)
    print(f"reads of {Path(args.db).name} against {Path(args.baseline).name} (warm, ms); load {load:.2f} → {os.getloadavg()[0]:.2f}")
    print(f"{'read':40} {'scaled':>9} {'cold':>9} {'baseline':>9} {'ratio':>7}")
    for name, (cold, warm) in scaled.items():
        b = base.get(name, (float("nan"),) * 2)[1]
        print(f"{name:40} {warm:9.1f} {cold:9.1f} {b:9.1f} {warm / b:6.0f}×")


if __name__ == "__main__":
    main()
