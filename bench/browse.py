"""Browsing a country-scale database: every screen to its first page, search per keystroke, RSS.

    .venv/bin/python bench/browse.py --db /tmp/bench-country-500k.db [--baseline data/shishi.db] [--runs 4 --reps 2]

Headless (``App.run_test``, 120×40), keys sent as a terminal sends them (without Pilot's sleeps
for CPU idle, which would be most of a figure): the cursor onto a city (its summary in the detail
pane), onto its newest year and Enter (sections and items), onto its first section and Enter
(again for a sub-section), onto an item (its detail) and Enter (its indicators); the overview ``o``, the
departments ``d``, the themes ``m`` and the 滞后 ``l`` views (each from the key to its first
page painted: the cards with one selected, the departments and the first one's items, the
first theme's city-years, the first rows; then ``(all read)``: every worker done and a frame
painted, the panels and counts below the first page too; Esc back, untimed); then ``/`` and one keystroke
that makes the query 养 / 养老 / 养老服 / 养老服务 / ``city:X 养老`` / ``year:2025 城`` …, from the key to
the first page of results shown. ``store search`` times ``store.search.search(conn, q, limit=50)``
alone (what a keystroke costs the database, without the UI) over more words.

The same tour runs on the baseline database (the seeds) in the same run, children alternating
(``--reps`` of each, ``--runs`` fresh apps per child); ``empty screen`` (push and pop a bare
Screen) is the floor of any screen in the same process. Each figure is the p95 of the warm runs
(every run but each child's first, whose imports of the views' modules are shown as ``cold``).
Peak RSS is VmHWM of the child process after the whole tour. Goals: a screen ≤ 50 ms p95, search
≤ 5 ms p95 per keystroke, RSS ≤ 150 MB; MEETS / MISSES by how much. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve()
REPO = HERE.parent.parent
SCREEN_GOAL_MS, SEARCH_GOAL_MS, RSS_GOAL_MB = 50.0, 5.0, 150.0
KEYSTROKES = ["养", "养老", "养老服", "养老服务", "学", "学校", "城镇新增", "{city2} 养老", "city:{city} 养老", "year:2025 城"]
STORE_QUERIES = ["养", "桥", "医", "水", "就业", "学校", "停车", "养老服务", "老旧小区", "公共卫生", "yanglao",
                 "city:{city} 养老", "year:2025 城", "status:达成 就业", "dept:民政局 养老"]  # fmt: skip


def vm_hwm_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cities(db: str) -> list[str]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT DISTINCT city FROM years ORDER BY city LIMIT 2")]
    finally:
        conn.close()


def _send_key(app, key: str) -> None:
    """One key event into the app as Pilot.press sends it, without its waits for CPU idle
    (each at least 20 ms of sleep: they would be most of what is timed)."""
    import unicodedata

    from textual import events
    from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        char = unicodedata.lookup(_get_unicode_name_from_key(REPLACED_KEYS.get(key, key)))
    except KeyError:
        char = key if len(key) == 1 else None
    event = events.Key(key, char)
    event.set_sender(app)
    app._driver.send_message(event)


async def _settle(pilot, condition=None, timeout: float = 120) -> None:
    """Until every message is handled and every worker done (or, given, until ``condition()``),
    then the frame painted (the screen's update run now, not at its timer). Never sleeps for idle."""
    app = pilot.app
    deadline = time.perf_counter() + timeout
    quiet = 0  # passes in a row with the same mounted screen and nothing pending
    while quiet < 2:
        if time.perf_counter() > deadline:
            raise TimeoutError("not settled")
        screen = app.screen
        await pilot._wait_for_screen()
        if app.screen is not screen or not screen.is_mounted:
            quiet = 0
            continue
        if condition is None:
            busy = [w for w in app.workers if not w.is_finished]
            if busy:
                quiet = 0
                await app.workers.wait_for_complete(busy)
                continue
        elif not condition():
            quiet = 0
            await asyncio.sleep(0.0002)
            continue
        quiet += 1
    app.screen._on_timer_update()


async def _press(pilot, key: str, condition=None) -> None:
    _send_key(pilot.app, key)
    await asyncio.sleep(0)
    await _settle(pilot, condition)


async def tour(db: str, times: dict[str, list[float]], views: str = "odml") -> None:
    """One fresh app over ``db``: every timed action appends its ms to ``times``."""
    from textual.screen import Screen
    from textual.widgets import Input

    from tui_shishi.store.db import open_read
    from tui_shishi.ui.app import ShishiApp
    from tui_shishi.ui.screens.browser import BrowserScreen
    from tui_shishi.ui.widgets.plan_tree import PlanTree

    cities = _cities(db)
    city, city2 = cities[0], cities[-1]

    def note(name: str, start: float) -> None:
        times.setdefault(name, []).append((time.perf_counter() - start) * 1000)

    app = ShishiApp(open_read(db), db, poll_interval=None, home="browser")
    start = time.perf_counter()
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot, lambda: isinstance(app.screen, BrowserScreen) and bool(app.screen.query_one(PlanTree).root.children))
        await _settle(pilot)
        note("start (headless, tree shown)", start)
        browser = app.screen
        tree = browser.query_one(PlanTree)

        start = time.perf_counter()
        app.push_screen(Screen())
        await _settle(pilot)
        note("empty screen push", start)
        app.pop_screen()
        await _settle(pilot)

        tree.focus()
        await _settle(pilot)

        def child(kind: str):
            node = tree.cursor_node
            return next((c for c in node.children if c.data is not None and c.data.kind == kind), None)

        async def cursor_then_enter(kind: str, name: str) -> bool:
            """The cursor onto the first child of ``kind`` (its detail shown), then Enter on it."""
            node = child(kind)
            if node is None:
                return False
            start = time.perf_counter()
            tree.move_to(node)
            await _settle(pilot)
            note(f"{name} (cursor, detail)", start)
            start = time.perf_counter()
            await _press(pilot, "enter")
            note(f"{name} (Enter: its children)", start)
            return True

        start = time.perf_counter()
        browser.reveal("city", city2)
        await _settle(pilot)
        note("city (cursor, detail)", start)
        if not tree.cursor_node.is_expanded:  # a database of many cities opens with the first one only
            start = time.perf_counter()
            await _press(pilot, "enter")
            note("city (Enter: its years)", start)
        await cursor_then_enter("year", "year")
        while await cursor_then_enter("section", "section"):
            pass
        await cursor_then_enter("item", "item")
        assert tree.cursor_node is not None and tree.cursor_node.data.kind == "item", tree.cursor_node

        def shown(selector: str, rows: bool = True):
            """The view's first page: ``selector`` has rows (a table) or children (a container)."""

            def check() -> bool:
                found = app.screen.query(selector)
                return bool(found) and bool(found.first().row_count if rows else found.first().children)

            return check

        first_pages = {
            "o": lambda: type(app.focused).__name__ == "YearCard",  # the cards, one selected
            "d": lambda: shown("#dept-list")() and shown("#dept-items")(),  # departments, the first one's items
            "m": shown("#theme-detail", rows=False),  # themes, the first one's city-years
            "l": shown("#behind-list"),
        }
        for key, name in (("o", "overview o"), ("d", "departments d"), ("m", "themes m"), ("l", "滞后 l")):
            if key not in views:
                continue
            start = time.perf_counter()
            await _press(pilot, key, first_pages[key])
            note(name, start)
            assert app.screen is not browser, name
            await _settle(pilot)  # and every read behind the first page (panels, counts, the rest)
            note(f"{name} (all read)", start)
            await _press(pilot, "escape")

        start = time.perf_counter()
        await _press(pilot, "slash")
        note("search / (panel)", start)
        panel = browser.search_panel
        box = browser.query_one("#search-input", Input)
        for pattern in KEYSTROKES:
            text = pattern.format(city=city, city2=city2)
            box.value = text[:-1]
            box.cursor_position = len(box.value)
            await _settle(pilot)
            start = time.perf_counter()
            await _press(pilot, text[-1], lambda text=text: panel.query_text == text)
            note(f"search keystroke → {pattern}", start)
            await _settle(pilot)  # the count of all hits, untimed
        await _press(pilot, "escape")
        await pilot.press("q")


def store_search(db: str, times: dict[str, list[float]], repeats: int = 5) -> None:
    from tui_shishi.store.db import open_read
    from tui_shishi.store.search import search

    cities = _cities(db)
    conn = open_read(db)
    for pattern in STORE_QUERIES:
        q = pattern.format(city=cities[0])
        search(conn, q, limit=50)  # warm, as when typing
        for _ in range(repeats):
            start = time.perf_counter()
            search(conn, q, limit=50)
            times.setdefault(f"store search {pattern}", []).append((time.perf_counter() - start) * 1000)
    conn.close()


def child(db: str, runs: int, views: str) -> None:
    times: dict[str, list[float]] = {}
    for _ in range(runs):
        gc.collect()  # as a fresh process starts: the last tour's app collected, untimed
        asyncio.run(tour(db, times, views))
    store_search(db, times)
    print(json.dumps({"times": times, "rss_mb": vm_hwm_mb()}, ensure_ascii=False))


def p95(values: list[float]) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[94]


def _run_child(db: str, runs: int, views: str) -> dict:
    done = subprocess.run([sys.executable, str(HERE), "--child", db, "--runs", str(runs), "--views", views], capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"browse.py child on {db} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _merge(results: list[dict], runs: int) -> tuple[dict[str, list[float]], dict[str, list[float]], float]:
    """(warm times, cold times, peak RSS) over the children: each child's first run is cold."""
    warm: dict[str, list[float]] = {}
    cold: dict[str, list[float]] = {}
    for result in results:
        for name, values in result["times"].items():
            if name.startswith("store search"):
                warm.setdefault(name, []).extend(values)
                continue
            per_run = len(values) // runs
            cold.setdefault(name, []).extend(values[:per_run])
            warm.setdefault(name, []).extend(values[per_run:])
    return warm, cold, max(r["rss_mb"] for r in results)


def _verdict(value: float, goal: float) -> str:
    return "MEETS" if value <= goal else f"MISSES by {value - goal:.1f} ({value / goal:.1f}× the goal)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/bench-country-10k.db", help="the scaled database (bench/corpus.py)")
    parser.add_argument("--baseline", default=str(REPO / "data" / "shishi.db"), help="the same tour here, same run")
    parser.add_argument("--runs", type=int, default=4, help="fresh apps per child process")
    parser.add_argument("--reps", type=int, default=2, help="child processes per database, alternating")
    parser.add_argument("--views", default="odml", help="which views to open: o d m l (at 0.5 M, o and l take minutes: see reads.py)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.runs, args.views)
        return
    load = os.getloadavg()[0]
    base_results, scaled_results = [], []
    for _ in range(args.reps):
        base_results.append(_run_child(args.baseline, args.runs, args.views))
        scaled_results.append(_run_child(args.db, args.runs, args.views))
    base, _base_cold, base_rss = _merge(base_results, args.runs)
    scaled, cold, rss = _merge(scaled_results, args.runs)
    db_mb = Path(args.db).stat().st_size / 2**20
    print(f"browse {Path(args.db).name} ({db_mb:.0f} MiB) against {Path(args.baseline).name}, p95 of {len(scaled[next(iter(scaled))])} warm runs each; "
          f"load {load:.2f} → {os.getloadavg()[0]:.2f}")  # fmt: skip
    print(f"{'action':44} {'scaled p95':>10} {'baseline':>9} {'ratio':>6} {'cold':>7}  goal")
    for name, values in scaled.items():
        values = values or cold.get(name, [])  # --runs 1: the only run is the cold one
        ours, theirs = p95(values), p95(base.get(name) or _base_cold.get(name) or values)
        goal = SEARCH_GOAL_MS if name.startswith(("search keystroke", "store search")) else SCREEN_GOAL_MS
        verdict = "" if name.startswith(("start", "empty")) or name.endswith("(all read)") else _verdict(ours, goal)
        first = f"{max(cold[name]):6.0f}" if name in cold else "     -"
        print(f"{name:44} {ours:8.1f}ms {theirs:7.1f}ms {ours / theirs:5.1f}× {first}ms  {verdict}")
    print(
        f"peak RSS (VmHWM) after the tour: {rss:.0f} MB, baseline {base_rss:.0f} MB ({rss / base_rss:.2f}×): {_verdict(rss, RSS_GOAL_MB)}"
    )


if __name__ == "__main__":
    main()
