"""Records written behind the show: the session log's and the state file's fsyncs run on one
writer thread, in the order they were asked, so the frame loop never waits for the disk.

Measured under Xvfb on a busy machine: the session log's first event (seven fsyncs: the
journal, the summary and the CSV with their folders) took 345 ms on the main thread before the
first frame, and every step change paid it again (Next between cards up to 530 ms).

Threading model. :meth:`DiskBehind.call` is for the main thread and only enqueues.
The writer thread runs one call at a time holding :attr:`DiskBehind.lock`; whoever must write
now on another thread (the shut-down's save, the watchdog's emergency save) takes that lock
with :meth:`DiskBehind.now`, which runs what is still queued first, so two writes of one file
never overlap and the records keep their order. The records' ``notify``
(a folder that cannot be written) is called on the writer thread: :meth:`DiskBehind.notices`
hands those to the main thread, which posts them (the notice board is main-thread only).
"""

from __future__ import annotations

import logging
import queue
import threading
from typing import Callable

__all__ = ["DiskBehind", "LogBehind"]

log = logging.getLogger("helsekor")


class DiskBehind:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self._queue: "queue.Queue[Callable[[], None] | None]" = queue.Queue()
        self._notices: "queue.SimpleQueue[str]" = queue.SimpleQueue()
        self._asked = 0                     # calls asked and calls run, under _done
        self._ran = 0
        self._done = threading.Condition()
        self._wake = threading.Semaphore(0)
        self._thread = threading.Thread(target=self._work, name="helsekor-records", daemon=True)
        self._thread.start()

    def call(self, fn: Callable[[], None]) -> None:
        """Main thread: have ``fn()`` run on the writer thread after what was asked before."""
        with self._done:
            self._asked += 1
        self._queue.put(fn)
        self._wake.release()

    def notify(self, text: str) -> None:
        """Any thread (the records' ``notify``): kept for :meth:`notices`."""
        self._notices.put(text)

    def notices(self) -> list[str]:
        """Main thread: the notices the records gave since the last call."""
        out = []
        while True:
            try:
                out.append(self._notices.get_nowait())
            except queue.Empty:
                return out

    def flush(self, timeout: float) -> bool:
        """Wait until every call asked so far has run (shut-down and tests); False past ``timeout``."""
        with self._done:
            asked = self._asked
            return self._done.wait_for(lambda: self._ran >= asked, timeout)

    def now(self, fn: Callable[[], None], timeout: float = 0.25) -> None:
        """Run what is still queued and then ``fn()`` on this thread, in order, holding the
        writer's lock (the write it runs now finishes first, within ``timeout``; past it this
        goes on anyway: the quit has a deadline and the save must happen). Nothing waits for
        the writer's turn: the queued records cost here what they cost when written in place."""
        got = self.lock.acquire(timeout=timeout)
        try:
            while True:
                try:
                    queued = self._queue.get_nowait()
                except queue.Empty:
                    break
                if queued is None:
                    self._queue.put(None)
                    break
                self._run(queued)
            fn()
        finally:
            if got:
                self.lock.release()

    def close(self, timeout: float = 0.1) -> bool:
        """Write what is queued (within ``timeout``) and end the thread; True if all was written."""
        written = self.flush(timeout)
        self._queue.put(None)
        self._wake.release()
        return written

    def _run(self, fn: Callable[[], None]) -> None:
        try:
            fn()
        except Exception:  # noqa: BLE001 - the records report their own faults; never end the writer
            log.exception("a record could not be written")
        with self._done:
            self._ran += 1
            self._done.notify_all()

    def _work(self) -> None:
        while True:
            self._wake.acquire()                 # one per call asked (and one for the end)
            with self.lock:                      # taken off the queue only under the lock, as now() does
                try:
                    fn = self._queue.get_nowait()
                except queue.Empty:
                    continue                     # now() ran it already
                if fn is None:
                    return
                self._run(fn)


class LogBehind:
    """A :class:`~player.records.sessionlog.SessionLog` whose events are written by ``disk``'s
    thread (the runner calls these on the main thread; times are taken here, at the call)."""

    def __init__(self, session_log, disk: DiskBehind):
        self.log = session_log
        self.disk = disk

    def _later(self, name: str, *args) -> None:
        method = getattr(self.log, name)
        self.disk.call(lambda: method(*args))

    def step_started(self, index: int, t: float) -> None:
        self._later("step_started", index, t)

    def step_completed(self, t: float) -> None:
        self._later("step_completed", t)

    def change(self, t: float, what: str, value) -> None:
        self._later("change", t, what, value)

    def notice(self, t: float, text: str) -> None:
        self._later("notice", t, text)

    def finish(self, t: float) -> None:
        """The shut-down: the last event, written before this returns (within half a second)."""
        self.disk.now(lambda: self.log.finish(t))
