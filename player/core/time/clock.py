"""Clocks: where "now" comes from. Times are seconds (float).

The real program uses :class:`MonotonicClock`; tests and headless rendering use
:class:`ManualClock`, which only moves when told to. Only the main loop and the MIDI scheduler
wait; everything else asks a clock.
"""

from __future__ import annotations

import threading
import time
from typing import Protocol

__all__ = ["Clock", "MonotonicClock", "ManualClock"]


class Clock(Protocol):
    def now(self) -> float:
        """Seconds since an arbitrary fixed point; never goes backwards."""
        ...


class MonotonicClock:
    """Wall time from ``time.perf_counter`` (monotonic, high resolution)."""

    def now(self) -> float:
        return time.perf_counter()


class ManualClock:
    """A clock that only moves with :meth:`advance` or :meth:`set`. Thread-safe."""

    def __init__(self, start: float = 0.0):
        self._t = float(start)
        self._lock = threading.Lock()

    def now(self) -> float:
        with self._lock:
            return self._t

    def advance(self, seconds: float) -> float:
        if seconds < 0:
            raise ValueError("a clock cannot go backwards")
        with self._lock:
            self._t += seconds
            return self._t

    def set(self, t: float) -> None:
        with self._lock:
            if t < self._t:
                raise ValueError("a clock cannot go backwards")
            self._t = float(t)
