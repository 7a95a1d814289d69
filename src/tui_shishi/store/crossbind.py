"""Report figures bound to the targets another document of the year stated.

A progress report often names its items without restating their targets (第1件 促进城镇就业。
截至6月底，全市城镇新增就业13.5万人，占年计划的45%): read alone it has nothing to bind the
figure to, so the parser keeps it as the item's progress and flags it (未能对应到第1件的目标). Once
the year's list is in the database, the item has its targets: ``bind_across_documents`` links
each such figure to the target it answers, with the parser's own rule (``binding.link``: the
unit, then the words), and removes the flag its binding answers. A figure no target takes stays
as it was, flagged. Order does not matter: it runs after every import and build.
"""

from __future__ import annotations

import sqlite3

from tui_shishi import model
from tui_shishi.parse import binding


def bind_across_documents(conn: sqlite3.Connection, item_id: int) -> int:
    """Link the item's unbound figures of documents that state none of its targets; return how many."""
    targets = conn.execute(
        "SELECT i.id, i.document_id, i.text, i.target_value, i.target_unit, i.target_qualifier, i.target_text, s.text"
        " FROM indicators i LEFT JOIN sentences s ON s.id = i.sentence_id"
        " WHERE i.item_id = ? AND i.target_value IS NOT NULL ORDER BY i.id",
        (item_id,),
    ).fetchall()
    if not targets:
        return 0
    stating = {row[1] for row in targets}  # documents that state a target of the item
    indicators = [
        model.Indicator(text or "", model.Quantity(value, unit or "", qualifier or "", target_text or ""), sentence=sentence or "")
        for _id, _doc, text, value, unit, qualifier, target_text, sentence in targets
    ]
    ids = {id(indicator): row[0] for indicator, row in zip(indicators, targets)}
    unbound = conn.execute(
        "SELECT o.id, o.document_id, o.line, o.actual_value, o.actual_unit, o.actual_qualifier, o.actual_text,"
        " o.percent_of_plan, s.text FROM observations o LEFT JOIN sentences s ON s.id = o.sentence_id"
        " WHERE o.item_id = ? AND o.indicator_id IS NULL AND o.actual_value IS NOT NULL AND o.qualitative = 0 ORDER BY o.id",
        (item_id,),
    ).fetchall()
    bound = 0
    for obs_id, doc_id, line, value, unit, qualifier, text, percent, sentence in unbound:
        if doc_id in stating:
            continue  # its own document stated the targets and the parser found none it answers
        actual = model.Quantity(value, unit or "", qualifier or "", text or "")
        found = binding.link(actual, sentence or "", percent, indicators).indicator
        if found is None:
            continue
        conn.execute("UPDATE observations SET indicator_id = ? WHERE id = ?", (ids[id(found)], obs_id))
        conn.execute(
            "DELETE FROM flags WHERE document_id = ? AND item_id = ? AND kind = ? AND line IS ? AND detail LIKE ?",
            (doc_id, item_id, model.FLAG_NUMBER_NOT_PARSED, line, f"“{text}”%"),
        )
        bound += 1
    return bound
