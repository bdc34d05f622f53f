"""The push driver: sends a scheduler's messages at their deadlines from its own thread.

Threading model. :class:`DeadlineThread` runs one daemon thread. The transport calls
:meth:`DeadlineThread.wake` (from whichever thread changed it, with no lock held) after every
change; ``wake`` only takes ``_cond`` to set a flag and notify. The thread asks the scheduler
for its next deadline and pumps it *without* holding ``_cond``, and holds ``_cond`` only to
wait, so it never takes the scheduler's locks while holding its condition (the deadlock of the
first landing: a control call held the scheduler's lock while waking, and this thread held the
condition while asking for the deadline). A wake between asking and waiting is not lost: the
flag is cleared before asking and checked before waiting. ``close`` from the main thread.
"""

from __future__ import annotations

import os
import threading
from typing import Protocol

from player.core.time.clock import Clock
from player.core.time.transport import Transport

__all__ = ["DeadlineThread", "PushSource"]


class PushSource(Protocol):
    """What the thread drives (a :class:`~player.midi.scheduler.Scheduler`)."""

    transport: Transport

    def next_deadline(self) -> float | None: ...

    def pump(self, now: float) -> int: ...


class DeadlineThread:
    """Waits on a condition (woken by every transport change) until ``spin_s`` before the next
    deadline, then spins on the clock and sends everything due. Needs a real clock."""

    IDLE_WAIT_S = 0.1      # re-check now and then even without a wake
    MAX_WAIT_S = 0.25

    def __init__(self, scheduler: PushSource, clock: Clock, spin_s: float = 0.0015,
                 name: str = "midi-scheduler", realtime: bool = True):
        self.realtime_wanted = realtime
        self.realtime = False
        self.scheduler = scheduler
        self.clock = clock
        self.spin_s = spin_s
        self._cond = threading.Condition(threading.Lock())
        self._woken = False
        self._stopping = False
        scheduler.transport.add_listener(self.wake)
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def wake(self) -> None:
        with self._cond:
            self._woken = True
            self._cond.notify_all()

    def _raise_priority(self) -> None:
        """Ask for real-time scheduling (SCHED_FIFO) for this thread so a busy machine does not
        delay wake-ups; allowed for root or with an rtprio limit, silently skipped otherwise."""
        try:
            prio = min(10, os.sched_get_priority_max(os.SCHED_FIFO))
            os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(prio))
            self.realtime = True
        except (AttributeError, OSError):
            self.realtime = False

    def _wait(self, seconds: float) -> None:
        with self._cond:
            if not self._woken and not self._stopping:
                self._cond.wait(seconds)

    def _run(self) -> None:
        sched, clock = self.scheduler, self.clock
        if self.realtime_wanted:
            self._raise_priority()
        while True:
            with self._cond:
                if self._stopping:
                    return
                self._woken = False
            d = sched.next_deadline()             # scheduler lock; our condition is free
            if d is None:
                self._wait(self.IDLE_WAIT_S)
                continue
            wait = d - clock.now() - self.spin_s
            if wait > 0:
                self._wait(min(wait, self.MAX_WAIT_S))
                continue
            while clock.now() < d and not self._woken:
                pass
            sched.pump(clock.now())

    def close(self) -> None:
        """Stop the thread (waits up to a second for it); idempotent."""
        self.scheduler.transport.remove_listener(self.wake)
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        if threading.current_thread() is not self._thread:
            self._thread.join(timeout=1.0)
