"""A backing that is still being made: the step starts (its first screen shows at once) and the
real backing starts behind it as soon as what it needs is ready (its MIDI file read, the
built-in synth's SoundFont loaded).

:class:`PendingBacking` takes ``make()``, which returns the real backing or None while it is
not ready yet (it may raise: the act reports it as the backing's error). Until then the
position stands where the real one will start (the beginning of its count-in), so the view
shows the title and the count-in waiting; what the act asked meanwhile (start, pause, tempo,
transpose, guide muting) is applied to the real backing when it comes. ``on_started(seconds)``
is told how long the sound came after the start was asked (the start latency, for the log).
``held=True`` makes nothing until :meth:`release`: the live show holds a song's backing until
the song's first frame is on the screen, so that making and starting it (the scheduler, the
count-in, the synth) never delays that frame.
Main thread only, like every backing: ``make`` is called from :meth:`poll` and :meth:`release`.
"""

from __future__ import annotations

from typing import Callable

from player.core.time.backing import Abilities, Backing, BackingEvent
from player.core.time.clock import Clock

__all__ = ["PendingBacking"]


class PendingBacking:
    def __init__(self, make: Callable[[], Backing | None], clock: Clock, abilities: Abilities, *,
                 count_in_beats: float = 0.0, on_started: Callable[[float], None] | None = None,
                 held: bool = False):
        self.abilities = abilities
        self.held = held
        self.make = make
        self.clock = clock
        self.count_in_beats = float(count_in_beats)
        self.on_started = on_started
        self.real: Backing | None = None
        self._start: tuple[float, bool] | None = None
        self._asked_at: float | None = None
        self._paused = False
        self._scale: float | None = None
        self._transpose: int | None = None
        self._muted: dict[int, bool] = {}
        self._closed = False
        self._events: list[BackingEvent] = []

    # ----------------------------------------------------------------- while waiting
    def release(self) -> None:
        """Let it be made (and started, if it was asked to start) from now on."""
        self.held = False
        self._try()

    def _try(self) -> None:
        if self.held or self.real is not None or self._closed or self._start is None:
            return
        try:
            real = self.make()
        except Exception as err:  # noqa: BLE001 - the act tells the conductor (next poll); the song goes on silent
            self._closed = True
            self._events.append(BackingEvent("error", str(err)))
            return
        if real is None:
            return
        self.real = real
        if self._scale is not None:
            real.set_tempo_scale(self._scale)
        if self._transpose is not None and real.abilities.transpose:
            real.set_transpose(self._transpose)
        for channel, muted in self._muted.items():
            if real.abilities.guide:
                real.mute_channel(channel, muted)
        at, count_in = self._start
        real.start(at, count_in)
        if self._paused:
            real.pause()
        if self.on_started is not None and self._asked_at is not None:
            self.on_started(self.clock.now() - self._asked_at)

    # ----------------------------------------------------------------- Backing
    def start(self, at_beat: float = 0.0, count_in: bool = True) -> None:
        if self.real is not None:
            self.real.start(at_beat, count_in)
            return
        self._start, self._asked_at = (at_beat, count_in), self.clock.now()
        self._try()

    def position(self) -> float:
        if self.real is not None:
            return self.real.position()
        if self._start is None:
            return 0.0
        at, count_in = self._start
        return at - (self.count_in_beats if count_in else 0.0)

    def poll(self) -> list[BackingEvent]:
        self._try()
        events, self._events = self._events, []
        return events + (self.real.poll() if self.real is not None else [])

    def pause(self) -> None:
        self._paused = True
        if self.real is not None:
            self.real.pause()

    def resume(self) -> None:
        self._paused = False
        if self.real is not None:
            self.real.resume()

    def seek(self, beat: float) -> None:
        if self.real is not None:
            self.real.seek(beat)
        elif self._start is not None:
            self._start = (beat, False)

    def stop(self, fade: bool = True) -> None:
        if self.real is not None:
            self.real.stop(fade)
        else:
            self._closed = True            # never starts now

    def panic(self) -> None:
        if self.real is not None:
            self.real.panic()

    def set_tempo_scale(self, scale: float) -> None:
        self._scale = scale
        if self.real is not None:
            self.real.set_tempo_scale(scale)

    def close(self) -> None:
        self._closed = True
        if self.real is not None:
            self.real.close()

    # ----------------------------------------------------------------- declared extras
    def set_transpose(self, semitones: int) -> None:
        self._transpose = semitones
        if self.real is not None:
            self.real.set_transpose(semitones)

    def mute_channel(self, channel: int, muted: bool = True) -> None:
        self._muted[channel] = muted
        if self.real is not None:
            self.real.mute_channel(channel, muted)

    @property
    def output(self):
        """The real backing's port once it plays (the watchdog silences it straight)."""
        return getattr(self.real, "output", None)

    @property
    def started(self) -> bool:
        """The real backing plays (or was started)."""
        return self.real is not None
