"""The installed ``shishi`` run as a user runs it: a subprocess for every command, the bare app
under a pseudo-terminal (pexpect), on a database built once for this module from a copy of
data/sources/ without the 2024 list, which is then imported like a newly published document.

Exit codes and messages are those README.md documents: 0 done, 1 refused or failed (one line
on stderr, nothing changed), 2 a command line that cannot be parsed.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace

import pytest

REPO = Path(__file__).resolve().parent.parent
SHISHI = Path(sys.executable).parent / "shishi"
NEW_DOCUMENT = "qingdao-2024-announced-list.txt"  # left out of the build, imported by the tests
SVG = "{http://www.w3.org/2000/svg}"


def _user_env() -> dict[str, str]:
    """The environment of a user's shell: no test switches, no database chosen by the suite."""
    env = {k: v for k, v in os.environ.items() if k not in ("SHISHI_STRICT", "SHISHI_DB")}
    env.update(PYTHONIOENCODING="utf-8", TERM="xterm-256color")
    return env


def shishi(*args: str | Path, db: Path | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    head = [str(SHISHI)] + (["--db", str(db)] if db is not None else [])
    return subprocess.run(head + [str(a) for a in args], capture_output=True, text=True, encoding="utf-8", env=_user_env(), timeout=timeout)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_one_line_error(result: subprocess.CompletedProcess[str], code: int) -> str:
    """A refusal as README promises it: the exit code, nothing on stdout, one line on stderr."""
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


# Every read-only command of the tests below, run once, side by side (they share the database
# and change nothing): name -> arguments after ``shishi --db DB``. {root} is the module's folder.
COMMANDS = {
    "dry_run": ("import", "--dry-run", "--json", f"{{root}}/{NEW_DOCUMENT}"),
    "search": ("search", "停车"),
    "show_year": ("show", "青岛/2025"),
    "show_item": ("show", "青岛/2025/1"),
    "show_new": ("show", "青岛/2024"),
    "export": ("export", "--format", "csv"),
    "screenshot": ("screenshot", "overview", "{root}/shots/overview.svg"),
    # refusals: exit 1, one line
    "no_hit": ("search", "没有这样的词语"),
    "no_item": ("show", "青岛/2025/99"),
    "no_city": ("show", "北京/2025"),
    "bad_year": ("export", "--year", "abc", "--format", "csv"),
    "bad_size": ("screenshot", "overview", "{root}/shots/small.svg", "--size", "5x5"),
    "not_a_document": ("import", "{root}/binary.txt"),
    # command lines click cannot parse: exit 2 with the usage
    "unknown_command": ("nosuch",),
    "missing_argument": ("show",),
    "bad_format": ("export", "--format", "xml"),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> SimpleNamespace:
    """``shishi --db DB build --sources COPY`` once (four of the five seeds), then every command
    of COMMANDS side by side; ``runs[name]`` is its finished process."""
    assert SHISHI.exists(), f"{SHISHI}: the package is not installed in this venv"
    root = tmp_path_factory.mktemp("e2e")
    sources = root / "sources"
    shutil.copytree(REPO / "data" / "sources", sources)
    new_document = root / NEW_DOCUMENT
    (sources / NEW_DOCUMENT).rename(new_document)
    (root / "shots").mkdir()
    (root / "binary.txt").write_bytes(b"\x00\x01\x02 not a document")
    db = root / "shishi.db"
    build = shishi("build", "--sources", sources, db=db, timeout=120)
    assert "Traceback" not in build.stderr, build.stderr
    assert build.returncode == 0, build.stderr
    before = sha256(db)
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {name: pool.submit(shishi, *(a.format(root=root) for a in args), db=db, timeout=120) for name, args in COMMANDS.items()}
        runs = {name: f.result() for name, f in futures.items()}
    return SimpleNamespace(root=root, sources=sources, db=db, new_document=new_document, build=build, runs=runs, before=before)


def test_build_says_what_it_read_per_city_and_year(built):
    out = built.build.stdout
    assert "的 4 个文档，" in out
    for city_year in ("青岛 2020", "青岛 2023", "青岛 2025", "淄博 2022-2024"):
        assert city_year in out
    assert "青岛 2024" not in out  # left out, imported below
    assert built.db.stat().st_size > 0


def test_no_command_but_import_changes_the_database(built):
    assert sha256(built.db) == built.before
    assert not (built.root / "shots" / "small.svg").exists()


def test_import_dry_run_prints_the_reading_as_json_and_writes_nothing(built):
    result = built.runs["dry_run"]
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stderr
    reading = json.loads(result.stdout)
    documents = reading["documents"] if isinstance(reading, dict) and "documents" in reading else reading
    document = documents[0] if isinstance(documents, list) else documents
    assert (document["city"], document["year"], document["kind"]) == ("青岛", "2024", "announced")
    first = document["items"][0]
    assert first["number"] == 1
    assert [i["text"] for i in first["indicators"]][:2] == ["实现城镇新增就业35万人", "扶持创业3万人"]
    assert built.runs["show_new"].returncode == 1  # not written: 青岛 2024 is still not there


def _documents(db: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return sorted(name for (name,) in conn.execute("SELECT source_file FROM documents"))
    finally:
        conn.close()


def test_import_writes_once_then_refuses_the_same_document(built, tmp_path):
    db = tmp_path / "copy.db"
    shutil.copy(built.db, db)
    first = shishi("import", built.new_document, db=db)
    assert "Traceback" not in first.stderr, first.stderr
    assert first.returncode == 0, first.stderr
    assert NEW_DOCUMENT in _documents(db) and len(_documents(db)) == 5
    written = sha256(db)
    again = assert_one_line_error(shishi("import", built.new_document, db=db), 1)
    assert again.startswith("Error: ") and NEW_DOCUMENT in again and "已导入过" in again
    assert sha256(db) == written  # byte for byte: a refused import never opens it for writing


def test_search_lists_every_parking_hit_titles_first(built):
    result = built.runs["search"]
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines()]  # a pipe: one hit per line
    hits = [(r[0], r[1], r[2]) for r in rows]
    assert hits == [("青岛", "2023", "第7件"), ("青岛", "2025", "第3件"), ("青岛", "2025", "第4件"), ("淄博", "2022-2024", "第91件")]
    assert [r[4] for r in rows] == ["title", "indicator", "indicator", "source"]
    assert all("停车" in line for line in result.stdout.splitlines())


def test_show_a_year_lists_its_items_with_status(built):
    result = built.runs["show_year"]
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("青岛 2025")
    assert "15件" in out and "截至 2025-12-31" in out
    assert "完善重点群体就业创业支持措施和服务体系" in out and "✔ 达成" in out


def test_show_an_item_gives_its_targets_departments_and_report(built):
    result = built.runs["show_item"]
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("青岛 2025 · 第1件")
    assert "完善重点群体就业创业支持措施和服务体系" in out
    assert "市人力资源社会保障局" in out and "市总工会" in out
    assert "35万人" in out and "✔ 达成" in out and "超额 +" in out


def test_export_csv_is_one_row_per_indicator_with_its_figures(built):
    result = built.runs["export"]
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {"city", "period", "item_number", "indicator", "target_text", "actual_text", "percent", "status"} <= set(rows[0])
    assert {r["city"] for r in rows} == {"青岛", "淄博"}
    assert {r["period"] for r in rows} == {"2020", "2023", "2025", "2022-2024"}
    jobs = [r for r in rows if (r["city"], r["period"], r["item_number"]) == ("青岛", "2025", "1")]
    assert any(r["indicator"] == "实现城镇新增就业35万人" and r["target_text"] == "35万人" for r in jobs), jobs


def test_screenshot_of_the_overview_is_valid_svg_showing_the_cities(built):
    result = built.runs["screenshot"]
    out = built.root / "shots" / "overview.svg"
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stderr
    assert out.name in result.stdout
    root = ET.parse(out).getroot()  # raises on invalid XML
    assert root.tag == f"{SVG}svg"
    shown = "".join("".join(t.itertext()) for t in root.iter(f"{SVG}text")).replace("\xa0", " ")
    assert "青岛" in shown and "淄博" in shown and "概览" in shown
    assert [p.name for p in (built.root / "shots").iterdir()] == ["overview.svg"]  # no temporary file left


def test_the_app_opens_in_a_terminal_and_q_quits_cleanly(built):
    pexpect = pytest.importorskip("pexpect")
    child = pexpect.spawn(
        str(SHISHI), ["--db", str(built.db)], env=_user_env(), dimensions=(24, 80), encoding="utf-8", timeout=90
    )  # first paint, under a loaded CI machine
    try:
        child.expect("青岛")  # the home dashboard's cards: the first screen
        child.expect("退出")  # the footer is drawn: the app reads keys
        child.send("q")
        child.expect(pexpect.EOF, timeout=60)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0, (child.exitstatus, child.signalstatus, child.before)
    assert "Traceback" not in child.before
    assert "\x1b[?1049l" in child.before  # the terminal is given back: alternate screen left


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("no_item", "99"),
        ("no_city", "北京"),
        ("bad_year", "abc"),
        ("bad_size", "5x5"),
        ("not_a_document", "binary.txt"),
    ],
)
def test_a_refusal_exits_1_with_one_error_line(built, name, says):
    line = assert_one_line_error(built.runs[name], 1)
    assert line.startswith("Error: ") and says in line


def test_no_search_hit_exits_1_like_grep(built):
    line = assert_one_line_error(built.runs["no_hit"], 1)
    assert "没有找到" in line and "没有这样的词语" in line


def test_a_missing_database_is_refused_in_one_line(tmp_path):
    line = assert_one_line_error(shishi("show", "青岛/2025", db=tmp_path / "none.db"), 1)
    assert line.startswith("Error: ") and "none.db" in line
    assert not (tmp_path / "none.db").exists()


@pytest.mark.parametrize("name", ["unknown_command", "missing_argument", "bad_format"])
def test_a_command_line_that_cannot_be_parsed_exits_2_with_the_usage(built, name):
    result = built.runs[name]
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert result.stderr.startswith("Usage: shishi") and "Error: " in result.stderr
