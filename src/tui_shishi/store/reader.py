"""The seam between the app and its database: how a widget or screen runs a query.

The app holds one read-only connection shared by its worker threads. Widgets and screens are
given the app's ``read`` method, a ``Reader``: ``reader(query, *args)`` runs
``query(conn, *args)`` on that connection under the app's lock and returns what the query
returns. Query functions (``store.queries``, ``load_*`` in the widgets) take the connection
first, so they run the same on a connection of a test's own.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Concatenate, ParamSpec, Protocol, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


class Reader(Protocol):
    """``reader(query, *args, **kwargs)`` → ``query(conn, *args, **kwargs)`` on the app's connection."""

    def __call__(self, query: Callable[Concatenate[sqlite3.Connection, P], T], /, *args: P.args, **kwargs: P.kwargs) -> T: ...
