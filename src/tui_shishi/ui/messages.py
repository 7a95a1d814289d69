"""Messages a widget or screen posts to ask the app to go somewhere: they bubble up to
``ShishiApp``, so nothing below the app calls its methods by name."""

from __future__ import annotations

from textual.message import Message


class JumpTo(Message):
    """Show ``kind`` (``city``, ``year``, ``section``, ``item``) ``key`` in the browser."""

    def __init__(self, kind: str, key: str | int) -> None:
        super().__init__()
        self.kind, self.key = kind, key


class OpenView(Message):
    """Open a view by name (``overview``, ``departments``, ``themes``, ``behind``, ``due``)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
