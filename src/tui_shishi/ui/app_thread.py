"""A worker thread hands its result to the app's thread, typed for mypy."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, ParamSpec

from textual.app import App

P = ParamSpec("P")


def on_app_thread(app: App[Any], callback: Callable[P, Awaitable[None] | None], *args: P.args, **kwargs: P.kwargs) -> None:
    """``app.call_from_thread(callback, *args, **kwargs)``, ``callback`` a function or a coroutine
    function returning nothing. Textual types the callback ``Callable[..., T | Awaitable[T]]``,
    from which mypy infers no ``T`` for a coroutine function; given as returning
    ``Awaitable[None] | None`` it infers None."""
    app.call_from_thread(callback, *args, **kwargs)
