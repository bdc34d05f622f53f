"""Transport: where a song is now, on an injected clock. Pure; thread-safe.

The transport keeps *song seconds* (seconds at tempo scale 1.0, as written in the MIDI file or
the song) moving at ``tempo_scale`` song seconds per clock second while playing. Beats come from
the :class:`~player.core.model.tempomap.TempoMap`. Changing the tempo scale re-anchors at "now", so the
position never jumps. Clock times are the clock's seconds (``clock.now()``).

Any thread may call any method. Listeners added with :meth:`add_listener` are called from the
calling thread, with the transport's lock released, after every change, so a scheduler can
re-plan its deadlines. A caller that changes the transport while holding a lock of its own (the
MIDI scheduler moves its cursors and the transport together) passes ``notify=False`` and calls
:meth:`notify` once it has released that lock: listeners never run under anyone's lock. The
transport's lock is a leaf: only the clock (itself a leaf) and the pure tempo map are called
while it is held.
"""

from __future__ import annotations

import threading
from typing import Callable

from player.core.time.clock import Clock
from player.core.model.tempomap import TempoMap

__all__ = ["Transport"]

STOPPED, PLAYING, PAUSED = "stopped", "playing", "paused"


class Transport:
    def __init__(self, clock: Clock, tempo_map: TempoMap | None = None, tempo_scale: float = 1.0):
        if not tempo_scale > 0:
            raise ValueError("tempo_scale must be positive")
        self.clock = clock
        self.tempo_map = tempo_map or TempoMap.constant(120)
        self._lock = threading.RLock()
        self._state = STOPPED
        self._scale = float(tempo_scale)
        self._anchor_clock = clock.now()
        self._anchor_song = 0.0        # song seconds at _anchor_clock
        self._listeners: list[Callable[[], None]] = []

    # ----------------------------------------------------------------- listeners
    def add_listener(self, fn: Callable[[], None]) -> None:
        self._listeners = self._listeners + [fn]

    def remove_listener(self, fn: Callable[[], None]) -> None:
        self._listeners = [f for f in self._listeners if f != fn]

    def notify(self) -> None:
        """Call every listener (no lock held here; see the module docstring)."""
        for fn in self._listeners:      # a list is replaced, never changed in place
            fn()

    def _changed(self, notify: bool) -> None:
        if notify:
            self.notify()

    # ----------------------------------------------------------------- state
    @property
    def state(self) -> str:
        return self._state

    @property
    def playing(self) -> bool:
        return self._state == PLAYING

    @property
    def tempo_scale(self) -> float:
        return self._scale

    def _song_at(self, now: float) -> float:
        if self._state == PLAYING:
            return self._anchor_song + (now - self._anchor_clock) * self._scale
        return self._anchor_song

    def _anchor(self, song_seconds: float) -> None:
        self._anchor_clock = self.clock.now()
        self._anchor_song = song_seconds

    # ----------------------------------------------------------------- commands
    def start(self, at_beat: float = 0.0, *, notify: bool = True) -> None:
        """Play from ``at_beat`` (may be negative, e.g. the start of a count-in) from now."""
        with self._lock:
            self._anchor(self.tempo_map.seconds_at(at_beat))
            self._state = PLAYING
        self._changed(notify)

    def pause(self, *, notify: bool = True) -> None:
        with self._lock:
            if self._state != PLAYING:
                return
            self._anchor(self._song_at(self.clock.now()))
            self._state = PAUSED
        self._changed(notify)

    def resume(self, *, notify: bool = True) -> None:
        with self._lock:
            if self._state == PLAYING:
                return
            self._anchor(self._anchor_song)
            self._state = PLAYING
        self._changed(notify)

    def stop(self, *, notify: bool = True) -> None:
        """Stop and keep the position (a later :meth:`resume` continues from it)."""
        with self._lock:
            if self._state == PLAYING:
                self._anchor(self._song_at(self.clock.now()))
            self._state = STOPPED
        self._changed(notify)

    def seek(self, beat: float, *, notify: bool = True) -> None:
        """Jump to ``beat``; keeps playing if playing."""
        with self._lock:
            self._anchor(self.tempo_map.seconds_at(beat))
        self._changed(notify)

    def set_tempo_scale(self, scale: float, *, notify: bool = True) -> None:
        """Speed (1.0 = as written). The position at this instant is kept."""
        if not scale > 0:
            raise ValueError("tempo_scale must be positive")
        with self._lock:
            self._anchor(self._song_at(self.clock.now()))
            self._scale = float(scale)
        self._changed(notify)

    # ----------------------------------------------------------------- queries
    def seconds(self, now: float | None = None) -> float:
        """Song seconds (at tempo scale 1) at clock time ``now`` (default: the clock's now)."""
        with self._lock:
            return self._song_at(self.clock.now() if now is None else now)

    def position(self, now: float | None = None) -> float:
        """Beats at clock time ``now`` (default: now)."""
        return self.tempo_map.beat_at(self.seconds(now))

    def bar_beat(self, now: float | None = None) -> tuple[int, float]:
        return self.tempo_map.bar_beat(self.position(now))

    def bpm(self, now: float | None = None) -> float:
        """Quarter notes per minute as heard (tempo scale applied)."""
        return self.tempo_map.bpm_at(self.position(now)) * self._scale

    def clock_time_at(self, beat: float) -> float | None:
        """Clock time at which ``beat`` is reached at the present speed; None unless playing."""
        with self._lock:
            if self._state != PLAYING:
                return None
            return self._anchor_clock + (self.tempo_map.seconds_at(beat) - self._anchor_song) / self._scale
