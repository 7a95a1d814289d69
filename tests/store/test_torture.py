"""Fault loops run by `make torture` (marked ``slow``): imports killed at random moments, four
importers of different files at once, and a hostile document through every output of the
installed command. Each prints one summary line (pytest -s)."""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tui_shishi.store.db import open_read

SHISHI = [sys.executable, "-c", "from tui_shishi.launch import main; main()"]

LIST = """示例市{year}年市办实事项目

第1件：新增城镇就业{n}万人以上（责任单位：市人力资源社会保障局）

第2件：新增停车泊位{m}个（责任单位：市公安局）
"""


def documents(conn) -> list[str]:
    return [r[0] for r in conn.execute("SELECT source_file FROM documents ORDER BY id")]


def state(path: Path) -> tuple[list[str], int, int]:
    """Documents, items and indicators of a database, which must also pass quick_check."""
    conn = open_read(path, thorough=True)
    try:
        items = conn.execute("SELECT count(*) FROM items").fetchone()[0]
        indicators = conn.execute("SELECT count(*) FROM indicators").fetchone()[0]
        return documents(conn), items, indicators
    finally:
        conn.close()


def leftovers(folder: Path) -> list[str]:
    """Files an import may leave only while it runs: temporary databases and journals."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") or p.name.endswith("-journal"))


@pytest.mark.slow
def test_torture_kill_an_import(tmp_path, seed_db):
    """SIGKILL `shishi import` at random moments: the database holds the document whole or not
    at all, passes quick_check, and the import can be run again."""
    rng = random.Random(11)
    path = tmp_path / "shishi.db"
    shutil.copy(seed_db, path)
    before_docs, before_items, before_indicators = state(path)
    tries, killed, whole = 20, 0, 0
    for n in range(tries):
        doc = tmp_path / f"示例市-{2040 + n}.txt"
        doc.write_text(LIST.format(year=2040 + n, n=n + 1, m=100 * (n + 1)), encoding="utf-8")
        proc = subprocess.Popen([*SHISHI, "--db", str(path), "import", str(doc)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(rng.uniform(0.3, 4.0))  # starting, parsing, writing, or done
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        killed += proc.returncode == -signal.SIGKILL
        docs, items, indicators = state(path)
        imported = doc.name in docs
        if not imported:  # killed before its commit: nothing of it is there, and it imports now
            again = subprocess.run([*SHISHI, "--db", str(path), "import", str(doc)], capture_output=True, text=True, timeout=120)
            assert again.returncode == 0 and "Traceback" not in again.stderr, again.stderr
            docs, items, indicators = state(path)
        else:
            whole += 1
        assert docs == before_docs + [doc.name]  # never lost, never doubled, never another's
        assert (items, indicators) == (before_items + 2, before_indicators + 2)
        before_docs, before_items, before_indicators = docs, items, indicators
    assert leftovers(tmp_path) == []
    print(f"\ntorture: {tries} imports, {killed} killed by SIGKILL ({whole} had committed), 0 lost or doubled documents")


@pytest.mark.slow
def test_torture_four_importers_of_different_files(tmp_path, seed_db):
    """Rounds of four `shishi import` processes, each its own file, on one database: all four land."""
    rounds, tracebacks = 6, 0
    path = tmp_path / "shishi.db"
    shutil.copy(seed_db, path)
    expected = documents(open_read(path))
    for r in range(rounds):
        files = []
        for k in range(4):
            year = 2050 + 4 * r + k
            doc = tmp_path / f"示例市-{year}.txt"
            doc.write_text(LIST.format(year=year, n=k + 1, m=10 * (k + 1)), encoding="utf-8")
            files.append(doc)
        procs = [
            subprocess.Popen([*SHISHI, "--db", str(path), "import", str(f)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for f in files
        ]
        outcomes = [(p.wait(timeout=120), p.stderr.read()) for p in procs]
        tracebacks += sum("Traceback" in err for _, err in outcomes)
        assert [code for code, _ in outcomes] == [0, 0, 0, 0], outcomes
        expected += [f.name for f in files]
        assert sorted(state(path)[0]) == sorted(expected)
    assert tracebacks == 0
    print(f"\ntorture: {rounds} races of 4 importers of different files, {4 * rounds} documents imported, 0 tracebacks")


HOSTILE = (
    "示例市2060年市办实事项目\x1b]0;pwned\x07\n\n"
    "第1件：新增停车泊位2000个\x1b[2J（责任单位：市公安局\x1b]52;c;ZXZpbA==\x07）\n\n"
    "第2件：改造老旧小区30个\x9b31m\u202e反向\u202c（责任单位：市住房城乡建设局）\n"
)


@pytest.mark.slow
def test_torture_hostile_document_through_every_output(tmp_path, seed_db):
    """A document carrying terminal escape sequences, imported and then read back through every
    command and format of the installed command: no output holds an ESC, a C1 control or BEL."""
    path = tmp_path / "shishi.db"
    shutil.copy(seed_db, path)
    doc = tmp_path / "示例市\x1b[31m-2060.txt"
    doc.write_bytes(HOSTILE.encode("utf-8"))
    imported = subprocess.run(
        [*SHISHI, "--db", str(path), "import", str(doc), "--city", "示例", "--year", "2060"], capture_output=True, text=True, timeout=120
    )
    assert imported.returncode == 0, imported.stderr
    commands = [
        ["show", "示例/2060"],
        ["show", "示例/2060/1"],
        ["show", "示例/2060/1", "--json"],
        ["search", "停车"],
        ["search", "停车", "--json"],
        ["check"],
        ["check", "--json"],
        ["export", "--format", "csv"],
        ["export", "--format", "json"],
        ["export", "--format", "md"],
        ["behind"],
        ["due", "--all", "--on", "2060-06-30"],
        ["show", "示例/2060/9\x1b]0;x\x07"],
        ["import", "--dry-run", str(doc)],
    ]
    scanned = 0
    for args in commands:
        done = subprocess.run([*SHISHI, "--db", str(path), *args], capture_output=True, text=True, timeout=120)
        for stream in (done.stdout, done.stderr):
            scanned += 1
            bad = [c for c in stream if c in "\x1b\x07\x9b\u202e\u202c" or "\x80" <= c <= "\x9f"]
            assert not bad, (args, stream[:400])
            assert "Traceback" not in stream, (args, stream)
    svg = tmp_path / "item.svg"
    shot = subprocess.run([*SHISHI, "--db", str(path), "screenshot", "示例/2060/1", str(svg)], capture_output=True, text=True, timeout=120)
    assert shot.returncode == 0, shot.stderr
    import xml.etree.ElementTree as ET

    ET.parse(svg)  # valid XML: no raw control character
    assert "\x1b" not in svg.read_text(encoding="utf-8")
    scanned += 1
    print(f"\ntorture: {scanned} outputs of {len(commands) + 1} commands scanned for escape sequences, 0 found, 0 tracebacks")
