"""The hand-off between the show's frame loop and the server thread.

The frame loop (main thread) calls :meth:`Hub.publish` with the two texts of the newest view:
it replaces one slot (a single assignment) and asks the server's event loop to wake
(``call_soon_threadsafe``: a byte on the loop's self-pipe, which never blocks: a full pipe is
already a wake-up). It never takes a lock and never waits for a client. On the server's loop
:meth:`Hub._wake` moves the slot into :attr:`latest` and sets the event every page's stream
waits on; a slow page skips views instead of queueing them."""

from __future__ import annotations

import asyncio

__all__ = ["Hub"]


class Hub:
    def __init__(self) -> None:
        self._slot: tuple[int, str, str] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._event: asyncio.Event | None = None
        self.latest: tuple[int, str, str] = (0, "{}", "{}")
        self.published = 0
        self.closing = False

    # -- main thread ----------------------------------------------------------------------
    def publish(self, public: str, control: str) -> None:
        """The newest view (any thread; the frame loop). Never blocks."""
        self.published += 1
        self._slot = (self.published, public, control)
        loop = self._loop
        if loop is not None:
            try:
                loop.call_soon_threadsafe(self._wake)
            except RuntimeError:          # the server's loop has closed: the show goes on
                self._loop = None

    def close(self) -> None:
        """Every page's stream ends (any thread): the server can then stop at once."""
        loop = self._loop
        if loop is not None:
            try:
                loop.call_soon_threadsafe(self._end)
            except RuntimeError:
                pass            # the loop has closed already: no stream is left

    def _end(self) -> None:
        self.closing = True
        if self._event is not None:
            self._event.set()

    # -- the server's event loop -----------------------------------------------------------
    def attach(self, loop: asyncio.AbstractEventLoop) -> None:
        self._event = asyncio.Event()
        self._loop = loop
        self._wake()

    def detach(self) -> None:
        self._loop = None

    def _wake(self) -> None:
        slot = self._slot
        if slot is not None and slot[0] != self.latest[0]:
            self.latest = slot
            old, self._event = self._event, asyncio.Event()
            if old is not None:
                old.set()

    async def changed(self, seen: int, timeout: float) -> bool:
        """Wait until a view newer than ``seen`` is there (False after ``timeout`` seconds)."""
        if self.latest[0] != seen:
            return True
        event = self._event
        if event is None:
            await asyncio.sleep(timeout)
            return False
        try:
            await asyncio.wait_for(event.wait(), timeout)
        except asyncio.TimeoutError:
            return False
        return True
