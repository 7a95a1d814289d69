"""The genre's vocabulary, read from ``data/lexicon.toml``.

Every cue word the reader looks for (numbering separators, percent-of-plan and as-of phrasings,
department labels, clause-role cues, spam markers) is data in that file, so a phrasing met in a
new document is one line there. Terms are folded (Simplified, half-width) like the text they
are matched against.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache, lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    text = resources.files("tui_shishi").joinpath("data/lexicon.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def table(section: str) -> dict[str, Any]:
    """One ``[section]`` of the lexicon."""
    found: dict[str, Any] = _data()[section]
    return found


def terms(section: str, key: str) -> tuple[str, ...]:
    """The words of ``[section] key``, longest first (so an alternation prefers 已全面完成 to 已)."""
    return tuple(sorted(table(section)[key], key=len, reverse=True))


@cache
def alternation(section: str, key: str) -> str:
    """``(?:a|b|…)`` of the escaped terms, longest first, for building a regex."""
    return "(?:" + "|".join(re.escape(t) for t in terms(section, key)) + ")"


@cache
def pattern(section: str, key: str) -> re.Pattern[str]:
    """A compiled search pattern for any term of ``[section] key``."""
    return re.compile(alternation(section, key))
