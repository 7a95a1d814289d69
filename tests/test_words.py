"""Display words: every role, flag kind and document kind has one, in Chinese, from tui_shishi.words."""

import json

from click.testing import CliRunner

from tui_shishi import model
from tui_shishi.cli import main
from tui_shishi.words import (
    FLAG_WORDS,
    KIND_SHORT,
    KIND_WORDS,
    ROLE_WORDS,
    flag_word,
    kind_short,
    kind_word,
    role_word,
)


def _check_words(words: dict[str, str], keys: tuple[str, ...]) -> None:
    assert set(words) == set(keys)
    for key in keys:
        word = words[key]
        assert word and word != key
        assert not any("a" <= ch.lower() <= "z" for ch in word), (key, word)  # no English left
    assert len(set(words.values())) == len(words), "two keys share a word"


def test_every_flag_kind_has_a_word():
    _check_words(FLAG_WORDS, model.FLAG_KINDS)
    assert flag_word(model.FLAG_TRUNCATED) == "文档不完整"


def test_every_role_has_a_word():
    _check_words(ROLE_WORDS, model.ROLES)
    assert [role_word(r) for r in model.ROLES] == ["牵头", "协办", "责任"]


def test_every_document_kind_has_words():
    assert set(KIND_WORDS) == set(KIND_SHORT) == set(model.KINDS)
    assert len(set(KIND_WORDS.values())) == len(KIND_WORDS)
    assert kind_word(model.KIND_FINAL) == "年终报告" and kind_short(model.KIND_FINAL) == "年终"


def test_unknown_keys_are_shown_as_they_are():
    assert flag_word("some_new_kind") == "some_new_kind"
    assert role_word("observer") == "observer"
    assert kind_word("memo") == "memo"


def test_check_names_flags_in_chinese(seed_db):
    runner = CliRunner()
    as_json = runner.invoke(main, ["--db", str(seed_db), "check", "--json"])
    assert as_json.exit_code == 0, as_json.output
    flags = [f for doc in json.loads(as_json.stdout)["documents"] for f in doc["flags"]]
    kinds = {f["kind"] for f in flags}
    assert kinds and kinds <= set(model.FLAG_KINDS)  # --json keeps the machine kind …
    assert all(f["kind_label"] == FLAG_WORDS[f["kind"]] for f in flags)  # … and adds the word

    table = runner.invoke(main, ["--db", str(seed_db), "check"], env={"COLUMNS": "200"})
    assert table.exit_code == 0, table.output
    for kind in kinds:
        assert FLAG_WORDS[kind] in table.stdout, kind
        assert kind not in table.stdout, kind
