"""A worker thread hands its result to a widget or screen, on the app's thread."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from inspect import isawaitable
from typing import ParamSpec

from textual.message_pump import MessagePump
from textual.widget import MountError

P = ParamSpec("P")


def deliver(node: MessagePump, callback: Callable[P, Awaitable[None] | None], *args: P.args, **kwargs: P.kwargs) -> None:
    """Run ``callback(*args, **kwargs)`` on the app's thread, in ``node``'s own message queue
    (``call_later``, which is thread-safe), not the app's (``call_from_thread``), and only while
    ``node`` is attached to the app.

    A screen that is popped meanwhile, or a widget replaced, is pruned through that same queue:
    the result either arrives while everything under ``node`` is still there or never runs,
    where through the app it could land on a screen whose widgets were already gone. An app
    quitting detaches every node at once, queues or not: a result arriving then is dropped too.
    The worker does not wait for it. (Typed so that mypy checks the arguments, for a coroutine
    function too.)"""
    node.call_later(_while_attached, node, partial(callback, *args, **kwargs))


async def _while_attached(node: MessagePump, call: Callable[[], Awaitable[None] | None]) -> None:
    if not node.is_attached:
        return
    try:
        result = call()
        if isawaitable(result):
            await result
    except MountError:
        if node.is_attached:
            raise  # not the app quitting: a fault
