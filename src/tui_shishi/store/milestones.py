"""Milestones against a date, read-only (the 节点 view, ``shishi due``); built on progress.py.

* **Milestones on a date** (``due``): a milestone is 已完成 when the latest report dated on or
  before the date shows its item done (every published percent ≥ 100 or the actual reaching the
  target, as ``status.item_status`` judges; or a sentence ending in 全面完成 / 全部完成 / 圆满完成);
  a later report revising a figure down undoes it. Only reports dated on or before the date
  count, so ``on`` replays the past. Otherwise it is 到期未报 when its
  due date is before the date, 即将到期 when due within ``within_days`` days (the day itself
  included), else 未到期; a milestone without a date (此后, 长期) is 无日期. The item is the unit:
  a milestone's own figure (6月底前新增就业17万人) is not compared with the reported figure.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from tui_shishi import status as st
from tui_shishi.store import queries as q
from tui_shishi.store import views
from tui_shishi.store.progress import all_observations, departments_of, item_ids, observation_dates, says_done, select_years, status_at
from tui_shishi.store.views import DueRow

# Milestone states, in the order a list shows them.
OVERDUE = "到期未报"
DUE_SOON = "即将到期"
NOT_DUE = "未到期"
DONE = "已完成"
UNDATED = "无日期"
DUE_STATES = (OVERDUE, DUE_SOON, NOT_DUE, DONE, UNDATED)


def _done_on(detail: views.ItemDetail, on: dt.date) -> dt.date | None:
    """Since when the reports up to ``on`` show the item done, else None: the latest of them must
    show it (a later report revising a figure down undoes an earlier 已完成)."""
    observations = all_observations(detail)
    since = None
    for date in observation_dates(observations):
        if date > on:
            break
        done = status_at(detail, date) == st.ACHIEVED or says_done(o for o in observations if o.as_of == date)
        since = (since or date) if done else None
    return since


def milestone_state(due_date: dt.date | None, on: dt.date, within_days: int, done_on: dt.date | None) -> str:
    if done_on is not None and done_on <= on:
        return DONE
    if due_date is None:
        return UNDATED
    if due_date < on:
        return OVERDUE
    if (due_date - on).days <= within_days:
        return DUE_SOON
    return NOT_DUE


def due(
    conn: sqlite3.Connection,
    on: dt.date,
    within_days: int = 30,
    city: str | None = None,
    year: str | int | None = None,
) -> list[DueRow]:
    """Every milestone with its state on ``on``, in state order (到期未报 first), then by due date."""
    out: list[DueRow] = []
    year_ids = [y.year_id for y in select_years(conn, city, year)]
    with_milestones = {r[0] for r in conn.execute("SELECT DISTINCT item_id FROM milestones")}
    for item_id in item_ids(conn, year_ids):
        if item_id not in with_milestones:
            continue
        detail = q.item_detail(conn, item_id)
        if detail is None:
            continue
        done_on = _done_on(detail, on)
        for m in detail.milestones:
            state = milestone_state(m.due_date, on, within_days, done_on)
            out.append(
                DueRow(
                    detail.year.city,
                    detail.year.period,
                    detail.year.id,
                    item_id,
                    detail.item.number,
                    detail.item.title,
                    m.due,
                    m.due_date,
                    m.text,
                    m.line,
                    state,
                    (m.due_date - on).days if m.due_date else None,
                    done_on if state == DONE else None,
                    departments_of(detail),
                )  # fmt: skip
            )
    order = {s: n for n, s in enumerate(DUE_STATES)}
    out.sort(key=lambda r: (order[r.state], r.due_date or dt.date.max, r.city, r.period, r.number))
    return out
