"""Waiting for a condition with a deadline, for tests that watch another thread or process:
fast when the machine is calm, still right when it is busy (no "sleep and hope")."""

from __future__ import annotations

import time
from typing import Callable, TypeVar

T = TypeVar("T")


def wait_until(condition: Callable[[], T], timeout_s: float = 10.0, interval_s: float = 0.02) -> T:
    """Call ``condition`` until it returns something true or ``timeout_s`` (wall seconds) have
    passed; return its last value, so the caller asserts on it and a timeout fails the test."""
    deadline = time.monotonic() + timeout_s
    while True:
        value = condition()
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(interval_s)
