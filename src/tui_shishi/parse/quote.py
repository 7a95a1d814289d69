"""Published text quoted in a flag's detail, for city staff to find it again in the source.

A flag's detail is plain Chinese with the passage it concerns in “”; a long passage is cut, but
never so short that its opening no longer finds it (search, Ctrl-F in the published page).
"""

from __future__ import annotations

QUOTE_CHARS = 50  # characters kept of a long passage (at least ~40 find it again)


def quote(text: str, limit: int = QUOTE_CHARS) -> str:
    """``“text”`` as published (ends stripped), cut after ``limit`` characters with …"""
    text = text.strip()
    if len(text) > limit:
        text = text[:limit] + "…"
    return f"“{text}”"
