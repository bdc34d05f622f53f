"""A silent backing: the plain transport, for steps with no sound of their own (breathing,
a song without backing in rehearsal) and for the headless rehearsal, where the sound is
rendered afterwards from what this backing recorded.

Implements :class:`~player.core.time.backing.Backing`. Positions are beats; clock times seconds.
"""

from __future__ import annotations

from dataclasses import dataclass

from player.core.time.backing import Abilities, BackingEvent
from player.core.time.clock import Clock
from player.core.model.tempomap import TempoMap
from player.core.time.transport import Transport

__all__ = ["PlainBacking", "Span"]


@dataclass(frozen=True)
class Span:
    """From clock time ``t`` the backing played from ``beat`` at ``scale`` (until the next span)."""

    t: float
    beat: float
    scale: float
    playing: bool


class PlainBacking:
    abilities = Abilities(transpose=True)   # it records the transposition for the rehearsal's sound

    def __init__(self, clock: Clock, tempo_map: TempoMap, tempo_scale: float = 1.0,
                 count_in_beats: float = 0.0, end_beat: float | None = None):
        self.clock = clock
        self.transport = Transport(clock, tempo_map, tempo_scale)
        self.count_in_beats = count_in_beats
        self.end_beat = end_beat
        self.spans: list[Span] = []
        self._events: list[BackingEvent] = []
        self._ended = False
        self.transpose = 0

    @property
    def tempo_map(self) -> TempoMap:
        return self.transport.tempo_map

    def _mark(self) -> None:
        t = self.clock.now()
        self.spans.append(Span(t, self.transport.position(t), self.transport.tempo_scale, self.transport.playing))

    def start(self, at_beat: float = 0.0, count_in: bool = True) -> None:
        begin = at_beat - (self.count_in_beats if count_in else 0.0)
        self.transport.start(begin)
        self._ended = False
        self._mark()

    def pause(self) -> None:
        self.transport.pause()
        self._mark()

    def resume(self) -> None:
        self.transport.resume()
        self._mark()

    def seek(self, beat: float) -> None:
        self.transport.seek(beat)
        self._mark()

    def stop(self, fade: bool = True) -> None:
        self.transport.stop()
        self._mark()

    def panic(self) -> None:
        self.transport.pause()
        self._mark()

    def set_tempo_scale(self, scale: float) -> None:
        self.transport.set_tempo_scale(scale)
        self._mark()

    def set_transpose(self, semitones: int) -> None:
        self.transpose = semitones

    def position(self) -> float:
        return self.transport.position()

    def poll(self) -> list[BackingEvent]:
        if self.end_beat is not None and not self._ended and self.transport.playing and self.position() >= self.end_beat:
            self._ended = True
            self._events.append(BackingEvent("end"))
        out, self._events = self._events, []
        return out

    def close(self) -> None:
        if self.transport.playing:
            self.stop()
