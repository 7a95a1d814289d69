"""Imports go one way: parse knows no SQLite, store and the command start without Textual."""

import subprocess
import sys
import textwrap


def loaded_after(code: str) -> set[str]:
    script = textwrap.dedent(code) + "\nimport sys\nprint(' '.join(sorted(sys.modules)))\n"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_parse_imports_neither_sqlite_nor_textual():
    modules = loaded_after(
        """
        from tui_shishi.parse import parse_bytes
        parse_bytes("第1件：新增就业10万人（责任单位：市人社局）".encode(), city="示例市", year=2031)
        """
    )
    assert "tui_shishi.parse" in modules
    assert not {"sqlite3", "sqlite_utils", "textual"} & modules


def test_store_does_not_import_textual():
    modules = loaded_after(
        """
        import tui_shishi.store, tui_shishi.store.db, tui_shishi.store.build, tui_shishi.store.check
        import tui_shishi.status
        """
    )
    assert "tui_shishi.store.build" in modules
    assert "textual" not in modules


def test_command_starts_light():
    modules = loaded_after("import tui_shishi.cli")
    assert not {"textual", "sqlite_utils", "tui_shishi.parse", "rich"} & modules
