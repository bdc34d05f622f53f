"""Work done ahead, off the frame loop: one background thread that only prepares data (a MIDI
file read into a :class:`~player.midi.song.MidiSong`, a SoundFont loaded into a FluidSynth
engine that no device plays yet, the songbook's songs read and checked), so that the frame
loop never waits for it.

Threading model. :meth:`Preparer.submit` and :meth:`Job.result` are for the main thread; the
worker thread runs the jobs one at a time, in the order they were submitted, and touches no
device (no audio device, port or window is opened there: the main thread does that with what
the job made). A job's value is handed over through :class:`Job` (a lock and an event). The
worker is a daemon thread: quitting never waits for a job.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from typing import Callable

from player.core.model.messages import tr

__all__ = ["Preparer", "Job", "done_job"]

log = logging.getLogger("helsekor")


class Job:
    """One piece of work: ``done`` once the worker ran it; then ``value`` or ``error``."""

    def __init__(self, what: str, work: Callable[[], object]):
        self.what = what
        self.work = work
        self.value: object = None
        self.error: BaseException | None = None
        self.seconds = 0.0                 # how long the work took (for the log)
        self._done = threading.Event()

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Tests and the shut-down only: the frame loop never waits."""
        return self._done.wait(timeout)

    def result(self):
        """The value (raises the job's error); only once :attr:`done`."""
        if not self.done:
            raise RuntimeError(f"{self.what} is not ready")
        if self.error is not None:
            raise self.error
        return self.value

    def run(self) -> None:
        t0 = time.perf_counter()
        try:
            self.value = self.work()
        except BaseException as err:  # noqa: BLE001 - handed to the main thread, which reports it
            self.error = err
        self.seconds = time.perf_counter() - t0
        self._done.set()


def done_job(what: str, value: object) -> Job:
    """A job already done (work made in place)."""
    job = Job(what, lambda: value)
    job.run()
    return job


class Preparer:
    """``submit(what, work)`` queues ``work()`` for the worker thread and returns its :class:`Job`."""

    def __init__(self, name: str = "helsekor-prepare"):
        self._queue: queue.SimpleQueue[Job | None] = queue.SimpleQueue()
        self._name = name
        self._thread: threading.Thread | None = None
        self._closed = False

    def submit(self, what: str, work: Callable[[], object]) -> Job:
        job = Job(what, work)
        if self._closed:
            job.error = RuntimeError("the preparer is closed")
            job._done.set()
            return job
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
            self._thread.start()
        self._queue.put(job)
        return job

    def _run(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            job.run()
            if job.error is not None:
                log.warning(tr("preparing %s failed: %s"), job.what, job.error)
            else:
                log.info("prepared %s in %.0f ms", job.what, job.seconds * 1000)

    def close(self) -> None:
        """No more jobs; the worker ends after the one it runs (not waited for)."""
        if not self._closed:
            self._closed = True
            self._queue.put(None)
