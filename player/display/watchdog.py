"""The frame loop's watchdog, the quit deadline, and device closes that cannot hang the exit.

:class:`Watchdog` owns one daemon thread. The frame loop calls :meth:`Watchdog.beat` once a
frame (main thread). When no beat comes for ``stall_s`` seconds, the thread writes every
thread's stack to ``dump_file`` (the log file, through :mod:`faulthandler`) and silences the
sound with ``silence`` — on a helper daemon thread it waits for at most ``silence_wait_s``: the
stalled main thread may hold the lock that ``silence`` needs, and the watchdog never waits on
it. The first beat after a stall returns a :class:`Stall`, for the loop to tell the conductor.

:meth:`Watchdog.quitting` (any thread, a signal handler too) starts the quit deadline: if
:meth:`Watchdog.done` has not come ``quit_s`` seconds later, the thread dumps the stacks, runs
``emergency`` (save the step) and ends the process with ``os._exit(0)``. With ``native=True``
(the show process only: pytest's own hard limit uses the same faulthandler timer) the C-level
faulthandler timer backs both up, since no Python thread runs while a thread holds the GIL and
waits on a native lock (SDL's audio close, MEASURED.md): it dumps the stacks when the thread
itself has not run for ``native_stall_s``, and after a quit request it exits at ``native_quit_s``.

:func:`close_within` runs device closes one after the other on a daemon thread joined with a
deadline, and says which hung. Times are seconds on ``clock`` (beats) and wall time (waits).
"""

from __future__ import annotations

import faulthandler
import logging
import os
import sys
import threading
from dataclasses import dataclass
from typing import Callable, IO, Sequence

from player.core.time.clock import Clock, MonotonicClock
from player.core.model.messages import tr

__all__ = ["Watchdog", "Stall", "close_within", "STALL_SECONDS", "QUIT_SECONDS"]

log = logging.getLogger("helsekor.watchdog")

STALL_SECONDS = 2.0     # a frame loop this long without a frame has hung
QUIT_SECONDS = 1.3      # from a quit request to the forced exit (the native one comes at 1.6 s)


@dataclass(frozen=True)
class Stall:
    """The frame loop stood still for ``seconds``; ``silenced``: the sound was stopped."""

    seconds: float
    silenced: bool


class Watchdog:
    def __init__(self, *, clock: Clock | None = None, silence: Callable[[], None] | None = None,
                 emergency: Callable[[], None] | None = None, dump_file: IO | None = None,
                 stall_s: float = STALL_SECONDS, quit_s: float = QUIT_SECONDS, tick_s: float = 0.1,
                 silence_wait_s: float = 0.5, native: bool = False, native_stall_s: float = 4.0,
                 native_quit_s: float = 1.6, exit: Callable[[int], None] = os._exit):
        self.clock = clock or MonotonicClock()
        self.silence = silence
        self.emergency = emergency
        self.dump_file = dump_file if dump_file is not None else sys.__stderr__
        self.stall_s, self.quit_s, self.tick_s = stall_s, quit_s, tick_s
        self.silence_wait_s = silence_wait_s
        self.native = native
        self.native_stall_s, self.native_quit_s = native_stall_s, native_quit_s
        self._exit = exit
        self._lock = threading.RLock()   # re-entrant: quitting() may run in a signal handler
        self._armed_at = float("-inf")
        self._last_beat = self.clock.now()
        self._stalled_since: float | None = None   # when the stall was found (beat time)
        self._silenced = False
        self._quit_at: float | None = None
        self._done = False
        self.stalls = 0                              # stalls found so far (for tests and the log)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # -- the frame loop (main thread) -------------------------------------------------------
    def beat(self) -> Stall | None:
        """One frame went by. Returns the stall that just ended, if any."""
        now = self.clock.now()
        with self._lock:
            before, self._last_beat = self._last_beat, now
            if self._stalled_since is None:
                return None
            self._stalled_since = None
            silenced, self._silenced = self._silenced, False
        seconds = now - before
        log.warning(tr("the frame loop runs again after %.1f s"), seconds)
        return Stall(seconds, silenced)

    # -- quitting (any thread) --------------------------------------------------------------
    def quitting(self, reason: str = "") -> None:
        """A quit was asked for: the process ends within ``quit_s`` whatever hangs."""
        with self._lock:
            if self._quit_at is not None:
                return
            self._quit_at = self.clock.now()
        if self.native:
            faulthandler.dump_traceback_later(self.native_quit_s, exit=True, file=self.dump_file)
        log.info("quit asked (%s): exit within %.1f s", reason or "quit", self.quit_s)

    def done(self, keep_exit_deadline: bool = True) -> None:
        """The quit finished in time: stop the thread. ``keep_exit_deadline``: the native
        deadline stays armed to guard the interpreter's own exit (pygame closes SDL's audio
        there too); False when the process goes on (the show failed to open its screen)."""
        with self._lock:
            self._done = True
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(1.0)
        if self.native and not keep_exit_deadline:
            faulthandler.cancel_dump_traceback_later()

    # -- the thread -------------------------------------------------------------------------
    def start(self) -> "Watchdog":
        if self._thread is None:
            self._last_beat = self.clock.now()
            self._thread = threading.Thread(target=self._run, name="helsekor-watchdog", daemon=True)
            self._thread.start()
        return self

    def close(self) -> None:
        """Stop watching, with no quit deadline left armed (tests; a process that goes on)."""
        self.done(keep_exit_deadline=False)

    def _run(self) -> None:
        while not self._stop.wait(self.tick_s):
            try:
                self.check()
            except Exception:  # noqa: BLE001 - the watchdog must outlive what it watches
                log.exception("the watchdog failed a check")

    def check(self) -> None:
        """One look (watchdog thread): a stall to report, a quit past its deadline."""
        now = self.clock.now()
        with self._lock:
            quit_at, done = self._quit_at, self._done
            stalled = self._stalled_since is None and now - self._last_beat >= self.stall_s
            if stalled:
                self._stalled_since = now
                self.stalls += 1
            idle = now - self._last_beat
        if self.native and quit_at is None and now - self._armed_at >= 0.5:
            # re-armed twice a second: fires only if this thread cannot run (the GIL held elsewhere)
            self._armed_at = now
            faulthandler.dump_traceback_later(self.native_stall_s, exit=False, file=self.dump_file)
        if quit_at is not None and not done and now - quit_at >= self.quit_s:
            self._force_exit(now - quit_at)
            return
        if stalled:
            log.error(tr("the frame loop has stood still for %.1f s: every thread's stack follows"), idle)
            self._dump()
            if self.silence is not None and quit_at is None:
                silenced = self._run_with_deadline("silence the sound", self.silence, self.silence_wait_s)
                with self._lock:
                    self._silenced = silenced

    def _force_exit(self, waited: float) -> None:
        log.error(tr("the quit has taken %.1f s: every thread's stack follows, then the exit"), waited)
        self._dump()
        if self.emergency is not None:
            self._run_with_deadline("save before the forced exit", self.emergency, 0.2)
        for handler in logging.getLogger().handlers:
            try:
                handler.flush()
            except Exception:  # noqa: BLE001 - exiting anyway
                pass
        self._exit(0)

    def _dump(self) -> None:
        for handler in logging.getLogger().handlers:
            handler.flush()
        try:
            faulthandler.dump_traceback(file=self.dump_file, all_threads=True)
        except (ValueError, OSError) as err:     # no usable file: say so, go on
            log.error(tr("could not write the stacks: %s"), err)

    def _run_with_deadline(self, what: str, action: Callable[[], None], seconds: float) -> bool:
        hung = close_within([(what, action)], seconds)
        return not hung


def close_within(steps: Sequence[tuple[str, Callable[[], None]]], seconds: float) -> list[str]:
    """Run ``steps`` (name, call) in order on a daemon thread; wait at most ``seconds``.

    A step that raises is logged and the next one runs. Returns the names of the step that
    was still running at the deadline and of those it kept from running (empty: all done).
    The hung thread is left behind (a daemon: it does not hold up the exit)."""
    state = {"at": 0}

    def run() -> None:
        for k, (name, call) in enumerate(steps):
            state["at"] = k
            try:
                call()
            except Exception:  # noqa: BLE001 - one device failing to close must not keep the others open
                log.exception("%s failed", name)
        state["at"] = len(steps)

    thread = threading.Thread(target=run, name="helsekor-close", daemon=True)
    thread.start()
    thread.join(seconds)
    if not thread.is_alive():
        return []
    hung = [name for name, _ in steps[state["at"]:]]
    log.error("still not done after %.1f s: %s (left behind)", seconds, ", ".join(hung))
    return hung
