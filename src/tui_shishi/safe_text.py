"""Text made safe to show: no control character reaches a terminal, a file or an SVG.

A document copied from the web can carry control characters, and some of them act on the
terminal that prints them: ESC opens escape sequences (``ESC]0;…BEL`` sets the window title,
``ESC]52;c;…BEL`` writes the clipboard, ``ESC[2J`` clears the screen), a C1 control does the same
in one byte (``\\x9b`` is CSI), and XML forbids C0 controls (an SVG holding one is not valid).
Import removes them from what it reads (``parse.repair``, flagged), but the text as published is
kept, and file names and options come from the user; so every output goes through ``printable``.

``printable`` replaces each C0 and C1 control except newline and tab (and DEL, and the
noncharacters U+FFFE/U+FFFF that XML forbids) with a visible stand-in of one character: the
Control Pictures ␛ ␇ ␍ … for C0, ␡ for DEL, � for the rest (C1, and the bidirectional
overrides and isolates, which would reorder what is drawn after them). One for one, so offsets into the
text (search marks, spans) stay valid. ``line=True`` is for one-line contexts (an error
message, a cell): a newline becomes ⏎ and a tab a space.

The outputs use it through three doors: ``guard_stream`` (everything the command prints on
stdout and stderr), ``guard_renderers`` (Rich ``Text`` and Textual ``Content``, where every string
the app shows and every screenshot starts) and direct calls for files written.

No Textual or Rich import here: the command starts without them.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from typing import Any, TextIO

CONTROLS: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20) if code not in (0x09, 0x0A)}
CONTROLS[0x7F] = "\u2421"  # ␡
CONTROLS.update({code: "\ufffd" for code in range(0x80, 0xA0)})
CONTROLS.update({0xFFFE: "\ufffd", 0xFFFF: "\ufffd"})
# Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) reorder what a
# terminal draws after them: 改造30个\u202e反向 shows text in an order the document never had.
BIDI = tuple(range(0x202A, 0x202F)) + tuple(range(0x2066, 0x206A))
CONTROLS.update({code: "\ufffd" for code in BIDI})
_ONE_LINE = {**CONTROLS, 0x0A: "\u23ce", 0x09: " "}  # ⏎
# The C0 and C1 controls but tab and newline (with DEL), and the bidirectional overrides and
# isolates: what import removes from a document.
CONTROL_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\u202a-\u202e\u2066-\u2069]")


def printable(text: str, *, line: bool = False) -> str:
    """``text`` with every control character but newline and tab replaced by a visible one;
    with ``line``, newlines and tabs too."""
    if text.isprintable():
        return text
    return text.translate(_ONE_LINE if line else CONTROLS)


def has_controls(text: str) -> bool:
    """Does ``text`` hold a character ``printable`` would replace (newline and tab aside)?"""
    return _UNSAFE.search(text) is not None


# A colour or style of Rich's own, on a terminal: ESC [ … m changes no state but the colours.
_SGR = re.compile(r"(\x1b\[[0-9;:]*m)")


class SafeStream:
    """A text stream that prints through ``printable``: a control character written to it is
    shown, never obeyed. On a terminal, colour sequences (SGR, ``ESC[…m``, Rich's styles) pass;
    any other sequence (title, clipboard, screen) is shown as text."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._tty = _isatty(stream)

    def write(self, text: str) -> int:
        if not isinstance(text, str) or not has_controls(text):
            return self._stream.write(text)
        if self._tty and "\x1b[" in text:
            parts = _SGR.split(text)
            text = "".join(part if i % 2 else printable(part) for i, part in enumerate(parts))
        else:
            text = printable(text)
        return self._stream.write(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def isatty(self) -> bool:
        return self._tty

    def __getattr__(self, name: str) -> Any:
        if name == "buffer":  # bytes written past the text layer would not be checked
            raise AttributeError(name)
        return getattr(self._stream, name)


def _isatty(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def guard_stream() -> None:
    """Route ``sys.stdout`` and ``sys.stderr`` through ``SafeStream`` (once)."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is not None and not isinstance(stream, SafeStream):
            setattr(sys, name, SafeStream(stream))


def guard_renderers() -> None:
    """Make Rich's ``Text`` and, once loaded, Textual's ``Content`` replace control characters
    as ``printable`` does, wherever a string enters them (widgets, tables, tree labels,
    notifications, screenshots). Both remove only BEL, BS, VT, FF and CR by a translation table
    of their own; these stand-ins are added to it (and replace those five one for one)."""
    import rich.control

    tables = [getattr(rich.control, "_CONTROL_STRIP_TRANSLATE", None)]
    content = sys.modules.get("textual.content")
    if content is not None:
        tables.append(getattr(content, "_CONTROL_STRIP_TRANSLATE", None))
    for table in tables:
        if isinstance(table, dict):
            table.update(CONTROLS)
