"""Volume fades: a pure ramp, and a small thread that applies it to a player.

Gains are 0–1 (linear amplitude asked of the player); times are seconds on the injected clock.
A :class:`Ramp` is pure. :class:`Fader` owns one daemon thread that moves the gain along the
current ramp every ``step_s`` and runs an optional ``then`` action when a ramp ends (for
example "stop the player" after a fade out). The thread calls only ``set_gain`` and ``then``;
both must be safe to call from a non-main thread (libvlc is, outside its own callbacks).
A new ramp replaces the running one, starting from the gain reached so far, so a panic during
a slow fade out gets faster, never louder.

:meth:`Fader.close_after` hands the fader a last action (release the player) to run once the
running ramp and its ``then`` are done, and ends the thread after it: whoever closes never
waits for a fade (the frame loop closes a backing right after ``stop(fade=True)``).
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from typing import Callable

from player.core.time.clock import Clock

__all__ = ["Ramp", "Fader"]


@dataclass(frozen=True)
class Ramp:
    """From ``start`` gain at clock time ``t0`` to ``end`` gain over ``seconds``.

    The curve is a raised cosine (smooth at both ends, so no click at the corners).
    """

    start: float
    end: float
    t0: float
    seconds: float

    def gain(self, t: float) -> float:
        if self.seconds <= 0 or t >= self.t0 + self.seconds:
            return self.end
        if t <= self.t0:
            return self.start
        x = (t - self.t0) / self.seconds
        w = 0.5 - 0.5 * math.cos(math.pi * x)
        return self.start + (self.end - self.start) * w

    def done(self, t: float) -> bool:
        return t >= self.t0 + self.seconds


class Fader:
    """Applies ramps to ``set_gain`` from its own thread. ``close()`` is idempotent."""

    def __init__(self, set_gain: Callable[[float], None], clock: Clock, step_s: float = 0.01,
                 on_error: Callable[[BaseException], None] | None = None):
        self._set_gain = set_gain
        self._clock = clock
        self._step = step_s
        self._on_error = on_error
        self._cond = threading.Condition()
        self._ramp: Ramp | None = None
        self._then: Callable[[], None] | None = None
        self._gain = 1.0
        self._closed = False
        self._acting = False                           # the thread is touching the player now
        self._after: Callable[[], None] | None = None  # the last action (close_after)
        self._thread = threading.Thread(target=self._run, name="helsekor-fader", daemon=True)
        self._thread.start()

    @property
    def gain(self) -> float:
        """The gain last applied (0–1)."""
        with self._cond:
            return self._gain

    def set(self, gain: float) -> None:
        """Jump to ``gain`` now (cancels a running ramp and its ``then``)."""
        with self._cond:
            self._ramp, self._then = None, None
            self._gain = gain
        self._apply(gain)

    def ramp(self, end: float, seconds: float, then: Callable[[], None] | None = None) -> None:
        """Move from the current gain to ``end`` over ``seconds``; then run ``then`` (fader thread).
        A ramp to the gain already reached takes no time (a stop after a panic's fade)."""
        with self._cond:
            if abs(self._gain - end) < 1e-6:
                seconds = 0.0
            self._ramp = Ramp(self._gain, end, self._clock.now(), max(0.0, seconds))
            self._then = then
            self._cond.notify()

    def busy(self) -> bool:
        with self._cond:
            return self._ramp is not None

    def wait(self, timeout: float) -> bool:
        """Block until no ramp runs and its ``then`` is done (True), or ``timeout`` s pass (False)."""
        with self._cond:
            return self._cond.wait_for(lambda: (self._ramp is None and not self._acting) or self._closed, timeout)

    def close_after(self, action: Callable[[], None]) -> None:
        """Run ``action`` once no ramp runs and the thread is not touching the player, then
        end the thread. Never waits: with nothing running ``action`` runs here and now, else
        on the fader thread after the ramp and its ``then``. Later calls are ignored."""
        with self._cond:
            if self._closed or self._after is not None:
                return
            if self._ramp is not None or self._acting:
                self._after = action
                self._cond.notify_all()
                return
            self._closed = True
            self._cond.notify_all()
        self._act(action)

    def join(self, timeout: float) -> bool:
        """Wait until the thread has ended (after :meth:`close` or :meth:`close_after`)."""
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        if self._thread is not threading.current_thread():
            self._thread.join(timeout=1.0)

    def _act(self, action: Callable[[], None]) -> None:
        try:
            action()
        except Exception as err:  # a device fault must not kill the fader thread
            if self._on_error:
                self._on_error(err)

    def _apply(self, gain: float) -> None:
        try:
            self._set_gain(gain)
        except Exception as err:  # a device fault must not kill the fader thread
            if self._on_error:
                self._on_error(err)

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._ramp is not None or self._closed or self._after is not None)
                if self._closed:
                    return
                ramp = self._ramp
                if ramp is None:                   # nothing left to fade: the last action, then end
                    after, self._after, self._closed = self._after, None, True
                    self._cond.notify_all()
                else:
                    now = self._clock.now()
                    gain = ramp.gain(now)
                    self._gain = gain
                    then = None
                    if ramp.done(now):
                        self._ramp, then, self._then = None, self._then, None
                    self._acting = True
            if ramp is None:
                if after is not None:
                    self._act(after)
                return
            self._apply(gain)
            if then is not None:
                self._act(then)
            with self._cond:
                self._acting = False
                self._cond.notify_all()
                if self._ramp is not None and not self._closed:
                    self._cond.wait(self._step)
