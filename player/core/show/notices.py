"""Short notices for the conductor (never a traceback): a board that the runner, the devices
and the app all post to, read by the snapshot. Main thread only.

Posting tells the board's listeners (the session log, a test) after the notice is stored;
reading never changes the board: old notices are dropped by :meth:`NoticeBoard.prune`, which
the runner calls from ``tick()``.
"""

from __future__ import annotations

import logging
from typing import Callable

from player.core.time.clock import Clock
from player.core.model.messages import tr

__all__ = ["NOTICE_SECONDS", "NoticeBoard"]

logger = logging.getLogger("helsekor")
NOTICE_SECONDS = 12.0       # how long a notice stays on the screen


class NoticeBoard:
    def __init__(self, clock: Clock):
        self.clock = clock
        self._notices: list[tuple[float, str]] = []
        self._listeners: list[Callable[[float, str], None]] = []

    def listen(self, listener: Callable[[float, str], None]) -> None:
        """``listener(t, text)`` for every notice posted from now on (t: clock seconds)."""
        self._listeners.append(listener)

    def post(self, text: str) -> None:
        logger.warning(tr("notice: %s"), text)
        now = self.clock.now()
        self._notices.append((now, text))
        for listener in list(self._listeners):
            listener(now, text)

    def current(self, now: float) -> tuple[str, ...]:
        """The notices younger than :data:`NOTICE_SECONDS` at ``now`` (a query)."""
        return tuple(text for t, text in self._notices if now - t < NOTICE_SECONDS)

    def prune(self, now: float) -> None:
        self._notices = [(t, text) for t, text in self._notices if now - t < NOTICE_SECONDS]
