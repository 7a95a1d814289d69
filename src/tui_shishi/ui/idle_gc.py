"""Python's full garbage collections, moved to when nobody is typing.

A full collection walks every object the interpreter tracks. The app holds a lot of them once a
large database has been browsed (Textual caches each painted line of each widget), and on the
0.5 M database of ``bench/browse.py`` a full collection took 20-100 ms, 17 times in two tours,
each one stalling whichever key it fell on (the p95 of every screen and keystroke doubled).

Here Python's collector keeps its young generations (cheap, frequent) but never starts a full
collection by itself; ``tick`` (on a timer) runs one when one is due, as Python would consider
it (``threshold2`` collections of the middle generation since the last), and either nobody has
pressed a key or moved the mouse for ``IDLE_SECONDS``, or ``BACKSTOP_SECONDS`` have passed since
the last (input held down does not grow memory without bound). An app left alone allocates
little: no collection is due and none runs.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

IDLE_SECONDS = 0.5  # no input for this long: a pause now is not felt
BACKSTOP_SECONDS = 5.0  # never longer between full collections while one is due
NEVER = 1 << 30  # a threshold no count reaches


class IdleCollector:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self.last_input = self.last_full = clock()
        self._thresholds: tuple[int, ...] | None = None
        self.full_collections = 0

    @property
    def active(self) -> bool:
        return self._thresholds is not None

    def start(self) -> None:
        """Take full collections over from Python (its thresholds kept, put back by ``stop``)."""
        if self._thresholds is None:
            self._thresholds = gc.get_threshold()
            young, middle = self._thresholds[0], self._thresholds[1]
            gc.set_threshold(young, middle, NEVER)

    def stop(self) -> None:
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None

    def input(self) -> None:
        """A key or the mouse: someone is using the app now."""
        self.last_input = self._clock()

    def due(self) -> bool:
        """A full collection is what Python would consider now (its third threshold reached)."""
        return self._thresholds is not None and gc.get_count()[2] >= self._thresholds[2]

    def tick(self) -> bool:
        """Run a full collection if one is due and now is a good moment; whether it ran."""
        if not self.due():
            return False
        now = self._clock()
        if now - self.last_input < IDLE_SECONDS and now - self.last_full < BACKSTOP_SECONDS:
            return False
        gc.collect()
        self.last_full = self._clock()
        self.full_collections += 1
        return True
