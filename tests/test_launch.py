"""The installed `shishi` entry point: bare command straight to the app, the rest to click."""

import subprocess
import sys

import pytest

from tui_shishi import launch


@pytest.mark.parametrize(
    "argv, expected",
    [
        ([], (True, None)),
        (["--db", "x.db"], (True, "x.db")),
        (["--db=x.db"], (True, "x.db")),
        (["--db"], (False, None)),
        (["--db", ""], (False, None)),
        (["check"], (False, None)),
        (["--db", "x.db", "check"], (False, None)),
        (["--help"], (False, None)),
    ],
)
def test_only_the_bare_command_skips_click(argv, expected):
    assert launch.bare_database(argv) == expected


def run_launch(*args):
    code = "from tui_shishi.launch import main; main()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60)


def test_bare_command_with_a_bad_database_says_one_line(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("not a database")
    result = run_launch("--db", str(bad))
    assert result.returncode == 1
    assert result.stderr.startswith("Error: ") and len(result.stderr.strip().splitlines()) == 1
    assert bad.read_text() == "not a database"


def test_other_forms_go_to_the_click_command(seed_db):
    result = run_launch("--db", str(seed_db), "check", "--json")
    assert result.returncode == 0, result.stderr
    assert '"kind"' in result.stdout


def test_launcher_does_not_import_click():
    code = "import sys, tui_shishi.launch; print('click' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"
