"""Shared fixtures: the seed sources, a database built from them once per session, and small
documents built by hand (so store tests do not depend on the parser's reading of the seeds)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from tui_shishi.model import (
    Department,
    Document,
    Flag,
    Indicator,
    Item,
    Milestone,
    Observation,
    Quantity,
    Section,
)

REPO = Path(__file__).resolve().parent.parent
# Under tests a reader error raises instead of becoming a flag (tui_shishi.parse.strict).
os.environ.setdefault("SHISHI_STRICT", "1")


@pytest.fixture(scope="session")
def sources_dir() -> Path:
    """data/sources/ of the checkout: the documents as published."""
    return REPO / "data" / "sources"


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory, sources_dir) -> Path:
    """A database built from data/sources/ once per test session. Treat it as read-only."""
    from tui_shishi.store.build import build

    path = tmp_path_factory.mktemp("seed") / "shishi.db"
    build(sources_dir, path)
    return path


def _q(value, unit, text, qualifier="") -> Quantity:
    return Quantity(value=value, unit=unit, qualifier=qualifier, text=text)


def announced_2030() -> Document:
    """示例市 2030, announced list: items 1 and 2 with targets, item 4 before 3 is missing."""
    return Document(
        city="示例市",
        year_start=2030,
        year_end=2030,
        kind="announced",
        title="示例市2030年市办实事",
        source_file="demo-2030-announced.txt",
        text="第1件 促进就业\n实现城镇新增就业35万人\n第2件 停车\n新增停车泊位2万个以上\n",
        format="announced",
        sections=[Section(key="一", number=1, title="民生保障", line=1)],
        items=[
            Item(
                number=1,
                title="促进就业",
                text="实现城镇新增就业35万人",
                section="一",
                departments=[Department("市人力资源社会保障局", "lead", raw="市人力资源社会保障局")],
                indicators=[Indicator("城镇新增就业35万人", _q(350000.0, "人", "35万人"), line=2)],
                notes=["●实现城镇新增就业35万人"],
                line=1,
            ),
            Item(
                number=2,
                title="停车",
                text="新增停车泊位2万个以上",
                departments=[
                    Department("市公安局", "lead"),
                    Department("市住房城乡建设局", "co", note="节能保暖工程", raw="市住房城乡建设局(节能保暖工程)"),
                ],
                indicators=[Indicator("新增停车泊位2万个以上", _q(20000.0, "个", "2万个以上", "以上"), line=4)],
                milestones=[Milestone("3月底前", "完成选址", quantities=[_q(10.0, "个", "10个")])],
                flags=[Flag("repeated_bullet", "●新增停车泊位 repeated under item 2")],
                line=3,
            ),
        ],
        flags=[Flag("missing_items", "items 3 missing"), Flag("out_of_order", "item 2 before 1", item_number=2)],
    )


def final_2030() -> Document:
    """示例市 2030 year-end report: item 1 achieved, item 2 words only, item 5 first seen here."""
    return Document(
        city="示例市",
        year_start=2030,
        year_end=2030,
        kind="final",
        title="示例市2030年市办实事完成情况",
        as_of=dt.date(2030, 12, 31),
        source_file="demo-2030-final.txt",
        text="第1件 完成情况:城镇新增就业38万人,占年计划的108.6%\n第2件 已全部完成\n第5件 新项目\n",
        format="final",
        items=[
            Item(
                number=1,
                title="促进就业(完成情况)",
                indicators=[
                    Indicator(
                        "城镇新增就业35万人",
                        _q(350000.0, "人", "35万人"),
                        observations=[
                            Observation(
                                "城镇新增就业38万人,占年计划的108.6%",
                                actual=_q(380000.0, "人", "38万人"),
                                percent_of_plan=108.6,
                                percent_text="占年计划的108.6%",
                                line=1,
                            )
                        ],
                    )
                ],
                line=1,
            ),
            Item(number=2, title="停车", progress=[Observation("已全部完成", qualitative=True, line=2)], line=2),
            Item(number=5, title="新项目", line=3),
        ],
    )


@pytest.fixture
def demo():
    """Factories of documents built by hand: ``demo.announced()``, ``demo.final()`` (fresh objects)."""
    return SimpleNamespace(announced=announced_2030, final=final_2030)


@pytest.fixture
def demo_docs(demo) -> list[Document]:
    """Two documents of one city and year, built by hand (fresh objects for every test)."""
    return [demo.announced(), demo.final()]


def logical_dump(conn) -> list[str]:
    """Schema and every row of every real table, in a stable order.

    ``Connection.iterdump()`` cannot be used: it scans every table, and a contentless FTS5 table
    (the search index) refuses to be scanned. Its shadow tables are ordinary and are compared.
    """
    lines = []
    tables = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name"
    ).fetchall()
    for name, sql in tables:
        lines.append(sql)
        # sorted in Python: FTS5 shadow tables are WITHOUT ROWID, and every row carries its id
        lines.extend(sorted(repr(row) for row in conn.execute(f'SELECT * FROM "{name}"')))
    lines.extend(sql for (sql,) in conn.execute("SELECT sql FROM sqlite_master WHERE type != 'table' AND sql IS NOT NULL ORDER BY name"))
    return lines


@pytest.fixture
def dump():
    """``dump(conn)``: the logical content of a database, to compare two of them."""
    return logical_dump
