"""No control character reaches a terminal or a file: the sanitiser, and a hostile document
(escape sequences in its text and in its file name) through every output of the command."""

from __future__ import annotations

import io
import re
import shutil
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from tui_shishi.safe_text import SafeStream, guard_renderers, has_controls, printable

# ESC, BEL and the C1 controls (\x9b is CSI): none may appear in any output.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

HOSTILE_TEXT = (
    "示例市2031年市办实事项目\n\n"
    "第1件：新建\x1b]0;evil\x07口袋公园20个\x1b[2J，改造\x1b]52;c;ZXZpbA==\x07道路3公里（责任单位：市园林局\x9b31m）\n\n"
    "第2件：新增停车泊位2000个（责任单位：市公安局）\n"
)
HOSTILE_NAME = "evil\x1b[31m\nname.txt"


# ---------------------------------------------------------------- the sanitiser


def test_printable_replaces_controls_one_for_one():
    text = "a\x1b]0;evil\x07b\x9b31m\x7f\tc\nd\r"
    shown = printable(text)
    assert shown == "a␛]0;evil␇b�31m␡\tc\nd␍"
    assert len(shown) == len(text) and not has_controls(shown)
    assert printable("第1件：新建公园") == "第1件：新建公园"


def test_printable_on_one_line_shows_newlines():
    assert printable("evil\x1b[31m\nname.txt", line=True) == "evil␛[31m⏎name.txt"
    assert printable("a\tb", line=True) == "a b"


def test_bidirectional_overrides_are_shown_not_obeyed():
    # U+202E would draw what follows right to left: 改造30个反向 would read 改造30个向反.
    text = "改造30个\u202e反向\u202c，\u2066隔离\u2069"
    shown = printable(text)
    assert shown == "改造30个\ufffd反向\ufffd，\ufffd隔离\ufffd" and has_controls(text) and not has_controls(shown)


def test_xml_forbidden_noncharacters_are_replaced():
    assert printable("a\ufffeb\uffff") == "a\ufffdb\ufffd"


def test_safe_stream_shows_sequences_and_keeps_colours_on_a_terminal():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    pipe = SafeStream(io.StringIO())
    pipe.write("\x1b[1m粗\x1b[0m \x1b]0;evil\x07")
    assert pipe.getvalue() == "␛[1m粗␛[0m ␛]0;evil␇"  # a pipe: nothing passes
    tty = SafeStream(Terminal())
    tty.write("\x1b[1m粗\x1b[0m \x1b]0;evil\x07\x1b[2J")
    assert tty.getvalue() == "\x1b[1m粗\x1b[0m ␛]0;evil␇␛[2J"  # colours only
    assert not hasattr(pipe, "buffer")  # no way around the check


def test_rich_and_textual_draw_controls_as_pictures():
    from rich.text import Text
    from textual.content import Content

    guard_renderers()
    assert Text("a\x1b[2Jb\x07").plain == "a␛[2Jb␇"
    assert Text.from_markup("[b]x\x1b]0;t\x07[/b]").plain == "x␛]0;t␇"
    assert Content("a\x9b31m").plain == "a�31m"
    assert Content.from_markup("q\x1bw").plain == "q␛w"


# ---------------------------------------------------------------- a hostile document, every output


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory, seed_db):
    """A copy of the seed database with the hostile document imported (city 示例市, 2031)."""
    from tui_shishi.cli import main

    folder = tmp_path_factory.mktemp("hostile")
    db = folder / "shishi.db"
    shutil.copy(seed_db, db)
    source = folder / HOSTILE_NAME
    source.write_bytes(HOSTILE_TEXT.encode("utf-8"))
    result = CliRunner().invoke(main, ["--db", str(db), "import", str(source), "--city", "示例市"])
    assert result.exit_code == 0, result.output
    assert_clean(result.stdout + result.stderr)
    assert "evil␛[31m⏎name.txt" in result.stdout  # the name shown on its line, not obeyed
    return db


def assert_clean(text: str) -> None:
    found = UNSAFE.search(text)
    assert found is None, f"control character {found.group()!r} in output: …{text[max(0, found.start() - 40) : found.end() + 40]!r}…"


def run(db, *args):
    from tui_shishi.cli import main

    result = CliRunner().invoke(main, ["--db", str(db), *map(str, args)])
    assert_clean(result.stdout)
    assert_clean(result.stderr)
    return result


def test_import_removes_controls_and_flags_how_many(hostile_db):
    from tui_shishi.store.db import open_read

    conn = open_read(hostile_db)
    try:
        (title,) = conn.execute(
            "SELECT title FROM items WHERE text LIKE '%口袋公园%' AND year_id IN (SELECT id FROM years WHERE city = '示例市')"
        ).fetchone()
        details = [d for (d,) in conn.execute("SELECT detail FROM flags WHERE detail LIKE '去除控制字符%'")]
        (name,) = conn.execute("SELECT source_file FROM documents WHERE city = '示例市'").fetchone()
    finally:
        conn.close()
    assert title.startswith("新建口袋公园20个") and not has_controls(title)
    assert details == ["去除控制字符6个（第3行）"]
    assert name == "evil␛[31m⏎name.txt"


@pytest.mark.parametrize(
    "args",
    [
        ("show", "示例市/2031/1"),
        ("show", "示例市/2031/1", "--json"),
        ("show", "示例市/2031"),
        ("search", "evil"),  # the source line: the text as published
        ("search", "evil", "--json"),
        ("search", "公园", "year:2031"),
        ("check",),
        ("check", "--json"),
        ("export", "--city", "示例市", "--format", "csv"),
        ("export", "--city", "示例市", "--format", "md"),
        ("export", "--city", "示例市", "--format", "json"),
    ],
)
def test_outputs_hold_no_control_character(hostile_db, args):
    result = run(hostile_db, *args)
    assert result.exit_code == 0, result.output
    if args[0] == "search" and args[1] == "evil":
        assert "␛]0;evil␇" in result.stdout  # found, and shown as text
    if args[0] != "search":
        assert "示例市" in result.stdout


@pytest.mark.parametrize("fmt", ["csv", "md", "json"])
def test_export_to_a_file_holds_no_control_character(hostile_db, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    result = run(hostile_db, "export", "--city", "示例市", "--format", fmt, "-o", out)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "示例市" in text
    assert_clean(text)


def test_errors_naming_the_file_are_one_clean_line(hostile_db, tmp_path):
    source = tmp_path / HOSTILE_NAME
    source.write_bytes(HOSTILE_TEXT.encode("utf-8"))
    result = run(hostile_db, "import", source, "--city", "示例市")
    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()  # the newline of the name does not cut the reason
    assert "已导入过" in line and "evil␛[31m⏎name.txt" in line


def test_an_option_echoed_in_an_error_is_clean(hostile_db):
    result = run(hostile_db, "show", "示例市\x1b]0;evil\x07/2031/1")
    assert result.exit_code == 1 and "␛]0;evil␇" in result.stderr


def test_screenshot_svg_is_valid_xml_without_controls(hostile_db, tmp_path):
    out = tmp_path / "item.svg"
    result = run(hostile_db, "screenshot", "示例市/2031/1", out)
    assert result.exit_code == 0, result.output
    svg = out.read_text(encoding="utf-8")
    assert_clean(svg.replace("\t", " "))
    root = ET.fromstring(svg)  # valid XML
    assert root.tag.endswith("svg")
    assert "口袋公园" in "".join(root.itertext()).replace("\xa0", " ")
