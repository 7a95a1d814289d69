"""A worker thread hands its result to a widget or screen, on the app's thread."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import ParamSpec

from textual.message_pump import MessagePump

P = ParamSpec("P")


def deliver(node: MessagePump, callback: Callable[P, Awaitable[None] | None], *args: P.args, **kwargs: P.kwargs) -> None:
    """Run ``callback(*args, **kwargs)`` on the app's thread, in ``node``'s own message queue
    (``call_later``, which is thread-safe), not the app's (``call_from_thread``). A screen that
    is popped meanwhile, or a widget replaced, is pruned through that same queue: the result
    either arrives while everything under ``node`` is still there or never runs, where through
    the app it could land on a screen whose widgets were already gone. The worker does not
    wait for it. (Typed so that mypy checks the arguments, for a coroutine function too.)"""
    node.call_later(callback, *args, **kwargs)
