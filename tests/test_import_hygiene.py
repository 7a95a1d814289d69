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


def test_display_words_are_not_copied():
    """Role, flag and document-kind words live in tui_shishi/words.py only: no other module maps
    a role / kind (as a literal or a model constant) to the same word, e.g. {"lead": "牵头"}."""
    import ast
    from pathlib import Path

    from tui_shishi import model, words

    package = Path(words.__file__).parent
    constants = {name: getattr(model, name) for name in dir(model) if name.startswith(("ROLE_", "FLAG_", "KIND_"))}
    # KIND_SHORT is left out: its one-word forms are common (the search field "progress" is 进展 too).
    known = {(key, word) for table in (words.ROLE_WORDS, words.FLAG_WORDS, words.KIND_WORDS) for key, word in table.items()}
    assert ("lead", "牵头") in known

    def key_of(node):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None
        return constants.get(name)

    copies = []
    for path in sorted(package.rglob("*.py")):
        if path == Path(words.__file__):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            pairs = []
            if isinstance(node, ast.Dict):
                pairs = [(key_of(k), v) for k, v in zip(node.keys, node.values) if k is not None]
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "dict":
                pairs = [(kw.arg, kw.value) for kw in node.keywords]
            for key, value in pairs:
                if isinstance(value, ast.Constant) and (key, value.value) in known:
                    copies.append(f"{path.relative_to(package)}:{node.lineno} {key!r}: {value.value!r}")
    assert not copies, "use tui_shishi.words instead of a copy: " + "; ".join(copies)
