"""Short notices for the conductor (never a traceback): a board that the runner, the devices
and the app all post to, read by the snapshot. Main thread only.

A notice has a kind (``warning``: something failed or was refused; ``done``: a confirmation of
what the conductor asked) and belongs to the part of the show it was raised in: the runner
calls :meth:`NoticeBoard.enter` at each step (and at the closing card), and a notice shows only
while its step runs and for :data:`NOTICE_SECONDS`. The last :data:`HISTORY` notices stay for
the console whatever their age.

Posting tells the board's listeners (the session log, a test) after the notice is stored;
reading never changes the board: old notices are dropped by :meth:`NoticeBoard.prune`, which
the runner calls from ``tick()``.
"""

from __future__ import annotations

import logging
from collections import deque
from typing import Callable

from player.core.show.snapshot import Notice
from player.core.time.clock import Clock

__all__ = ["NOTICE_SECONDS", "HISTORY", "KINDS", "NoticeBoard"]

logger = logging.getLogger("helsekor")
NOTICE_SECONDS = 12.0       # how long a notice stays on the screen
HISTORY = 8                 # notices the console keeps, whatever their age
KINDS = ("warning", "done")


class NoticeBoard:
    def __init__(self, clock: Clock):
        self.clock = clock
        self._notices: list[tuple[int, Notice]] = []      # (part of the show, notice)
        self._history: deque[Notice] = deque(maxlen=HISTORY)
        self._listeners: list[Callable[[float, str], None]] = []
        self._part, self._step = 0, -1

    def listen(self, listener: Callable[[float, str], None]) -> None:
        """``listener(t, text)`` for every notice posted from now on (t: clock seconds)."""
        self._listeners.append(listener)

    def enter(self, step: int) -> None:
        """A new part of the show begins (session step ``step``, 0-based): the notices raised
        before it are no longer shown (they stay in the history)."""
        self._part += 1
        self._step = step

    def post(self, text: str, kind: str = "warning") -> None:
        logger.warning("notice: %s", text)
        now = self.clock.now()
        notice = Notice(text, kind if kind in KINDS else "warning", self._step, now)
        self._notices.append((self._part, notice))
        self._history.append(notice)
        for listener in list(self._listeners):
            listener(now, text)

    def items(self, now: float) -> tuple[Notice, ...]:
        """The notices of the part running now, younger than :data:`NOTICE_SECONDS` (a query)."""
        return tuple(n for part, n in self._notices if part == self._part and now - n.at < NOTICE_SECONDS)

    def current(self, now: float) -> tuple[str, ...]:
        """The texts of :meth:`items`."""
        return tuple(n.text for n in self.items(now))

    def history(self) -> tuple[Notice, ...]:
        """The last :data:`HISTORY` notices, oldest first."""
        return tuple(self._history)

    def prune(self, now: float) -> None:
        self._notices = [(part, n) for part, n in self._notices
                         if part == self._part and now - n.at < NOTICE_SECONDS]
