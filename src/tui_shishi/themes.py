"""Themes (就业创业, 教育, 托育 …): a small taxonomy shipped as data, and keyword tagging.

Pure: no database, no UI. A tag is explainable: every ``ThemeMatch`` carries the words that
matched, as published, with their offsets, so a screen can say *why* an item is about 养老助残.
Matching runs on folded text (``parse.text.fold``: full-width → half-width, Traditional →
Simplified, ASCII lower-cased) so 養老 and 养老 tag alike; folding keeps the length, so offsets
found in the folded text index the published text too.

The taxonomy is ``data/themes.toml`` in the package; ``SHISHI_THEMES`` names another file in the
same format (for users who want their own themes).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from tui_shishi.parse.text import fold
from tui_shishi.reasons import os_reason

ENV_THEMES = "SHISHI_THEMES"


class TaxonomyError(ValueError):
    """The theme file cannot be read or is not in the expected shape."""


@dataclass(frozen=True)
class Theme:
    """A theme: its name, the words that tag an item with it, the words that line up indicators."""

    name: str
    keywords: tuple[str, ...]
    series: tuple[str, ...] = ()

    @property
    def series_words(self) -> tuple[str, ...]:
        """Every word an indicator can be lined up by, longest (most specific) first."""
        words = dict.fromkeys(self.series + self.keywords)
        return tuple(sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class ThemeMatch:
    """A theme found in a text: the words as published and their (start, end) offsets."""

    theme: str
    words: tuple[str, ...]  # distinct, in order of first appearance
    spans: tuple[tuple[int, int], ...]  # every occurrence, in text order


def load_taxonomy(path: str | os.PathLike | None = None) -> tuple[Theme, ...]:
    """The themes of ``path``, else of ``$SHISHI_THEMES``, else the shipped taxonomy."""
    if path is None:
        path = os.environ.get(ENV_THEMES) or None
    if path is None:
        return _shipped()
    return _load(Path(path))


@lru_cache(maxsize=1)
def _shipped() -> tuple[Theme, ...]:
    from importlib.resources import files

    resource = files("tui_shishi") / "data" / "themes.toml"
    return parse_taxonomy(resource.read_text(encoding="utf-8"), source="themes.toml")


def _load(path: Path) -> tuple[Theme, ...]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise TaxonomyError(f"无法读取主题文件 {path}（{os_reason(exc)}）") from None
    return parse_taxonomy(text, source=str(path))


def parse_taxonomy(text: str, source: str = "<text>") -> tuple[Theme, ...]:
    """Themes from TOML text: ``[[theme]]`` tables with name, keywords and optional series."""
    data = _toml_loads(text, source)
    tables = data.get("theme")
    if not isinstance(tables, list) or not tables:
        raise TaxonomyError(f"{source}：没有 [[theme]] 表")
    themes: list[Theme] = []
    seen: set[str] = set()
    for n, table in enumerate(tables, start=1):
        name = table.get("name")
        keywords = table.get("keywords")
        series = table.get("series", [])
        if not isinstance(name, str) or not name.strip():
            raise TaxonomyError(f"{source}：第 {n} 个主题没有 name")
        if name in seen:
            raise TaxonomyError(f"{source}：主题 {name} 定义了两次")
        if not _is_words(keywords) or not keywords:
            raise TaxonomyError(f"{source}：主题 {name} 的 keywords 应为非空的词列表")
        if not _is_words(series):
            raise TaxonomyError(f"{source}：主题 {name} 的 series 应为词列表")
        seen.add(name)
        themes.append(Theme(name.strip(), tuple(fold(w.strip()) for w in keywords), tuple(fold(w.strip()) for w in series)))
    return tuple(themes)


def _is_words(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(w, str) and w.strip() for w in value)


def _toml_loads(text: str, source: str) -> dict[str, Any]:
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TaxonomyError(f"{source}：不是有效的 TOML（{exc}）") from None


def theme_names(taxonomy: tuple[Theme, ...] | None = None) -> list[str]:
    return [t.name for t in (taxonomy or load_taxonomy())]


def get_theme(name: str, taxonomy: tuple[Theme, ...] | None = None) -> Theme:
    """The theme called ``name`` (folded comparison); KeyError with the known names if none."""
    taxonomy = taxonomy or load_taxonomy()
    wanted = fold(name.strip())
    for theme in taxonomy:
        if fold(theme.name) == wanted:
            return theme
    raise KeyError(f"没有主题 {name!r}；主题有：{'、'.join(t.name for t in taxonomy)}")


def _spans(folded: str, word: str) -> list[tuple[int, int]]:
    spans, start = [], folded.find(word)
    while start >= 0:
        spans.append((start, start + len(word)))
        start = folded.find(word, start + 1)
    return spans


def match_theme(text: str, theme: Theme, folded: str | None = None) -> ThemeMatch | None:
    """The words of ``theme`` found in ``text``, or None.

    A word found only inside a longer matched word (老年 inside 老年人) is not reported twice.
    """
    folded = fold(text) if folded is None else folded
    found: list[tuple[int, int]] = []
    for word in theme.keywords:
        found.extend(_spans(folded, word))
    if not found:
        return None
    # Longest first, then keep spans not covered by one already kept.
    kept: list[tuple[int, int]] = []
    for span in sorted(set(found), key=lambda s: (s[0] - s[1], s[0])):
        if not any(k[0] <= span[0] and span[1] <= k[1] for k in kept):
            kept.append(span)
    kept.sort()
    words = tuple(dict.fromkeys(text[s:e] for s, e in kept))
    return ThemeMatch(theme.name, words, tuple(kept))


def tag(text: str, taxonomy: tuple[Theme, ...] | None = None) -> list[ThemeMatch]:
    """Every theme of ``text`` with the words that matched, in taxonomy order."""
    taxonomy = taxonomy or load_taxonomy()
    folded = fold(text)
    matches = (match_theme(text, theme, folded) for theme in taxonomy)
    return [m for m in matches if m is not None]


def series_word(text: str, theme: Theme) -> str | None:
    """The most specific word of ``theme`` in ``text``: what an indicator is lined up by."""
    folded = fold(text)
    for word in theme.series_words:
        if word in folded:
            return word
    return None
