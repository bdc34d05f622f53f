"""The leads' common part: the intents that feed them, the mode names and the base that
follows a tempo map. Main thread only (see the package docstring)."""

from __future__ import annotations

from dataclasses import dataclass

from player.core.model.data import LEAD_MODES
from player.core.model.settings import PianistSection
from player.core.time.backing import Abilities, BackingEvent
from player.core.time.clock import Clock
from player.core.model.intents import Intent
from player.core.model.tempomap import TempoMap

__all__ = ["LEAD_MODES", "lead_text_key", "ClockIn", "PedalDown", "PedalUp", "SwitchLead", "next_mode"]


def lead_text_key(mode: str) -> str:
    """The catalog key of what the views say leads in ``mode`` (``lead_midi_clock``...)."""
    return "lead_" + mode.replace("-", "_")


CLOCKS_PER_BEAT = 24
SERIES_GAP_BEATS = 2.5        # a pause longer than this many beats starts a new tap series
LONG_PRESS_S = PianistSection.long_press_ms / 1000.0   # the settings' default, in seconds


@dataclass(frozen=True)
class ClockIn(Intent):
    """A MIDI real-time message: kind is clock | start | stop | continue | songpos;
    ``value`` is the Song Position Pointer in sixteenths (songpos only)."""

    kind: str = "clock"
    value: int = 0


@dataclass(frozen=True)
class PedalDown(Intent):
    """The lead pedal (or key) went down."""


@dataclass(frozen=True)
class PedalUp(Intent):
    """The lead pedal (or key) came up."""


@dataclass(frozen=True)
class SwitchLead(Intent):
    """Switch the lead mode of the running song to ``mode`` (empty: the next one in turn)."""

    mode: str = ""


def next_mode(mode: str) -> str:
    """The mode after ``mode`` in :data:`LEAD_MODES` (wrapping round)."""
    i = LEAD_MODES.index(mode) if mode in LEAD_MODES else -1
    return LEAD_MODES[(i + 1) % len(LEAD_MODES)]


class _Lead:
    """Shared: an anchor (clock time, beat) and a speed (beats per second) while running."""

    abilities = Abilities(live=True)

    def __init__(self, clock: Clock, tempo_map: TempoMap, tempo_scale: float = 1.0,
                 count_in_beats: float = 0.0, end_beat: float | None = None):
        self.clock = clock
        self.tempo_map = tempo_map
        self.scale = tempo_scale
        self.count_in_beats = count_in_beats
        self.end_beat = end_beat
        self.running = False
        self._t0 = clock.now()
        self._b0 = 0.0
        self._events: list[BackingEvent] = []
        self._ended = False

    def nominal_bps(self, beat: float) -> float:
        return self.tempo_map.bpm_at(max(0.0, beat)) / 60.0 * self.scale

    def _rate(self) -> float:
        return self.nominal_bps(self._b0)

    def _raw(self, now: float) -> float:
        return self._b0 + (now - self._t0) * self._rate() if self.running else self._b0

    def position(self) -> float:
        return self._raw(self.clock.now())

    def _anchor(self, beat: float, t: float | None = None) -> None:
        self._t0 = self.clock.now() if t is None else t
        self._b0 = beat

    def start(self, at_beat: float = 0.0, count_in: bool = True) -> None:
        self._anchor(at_beat - (self.count_in_beats if count_in else 0.0))
        self._ended = False

    def pause(self) -> None:
        self._anchor(self.position())
        self.running = False

    def resume(self) -> None:
        self._anchor(self.position())
        self.running = True

    def seek(self, beat: float) -> None:
        self._anchor(beat)

    def stop(self, fade: bool = True) -> None:
        self.pause()

    def panic(self) -> None:
        self.pause()

    def set_tempo_scale(self, scale: float) -> None:
        self._anchor(self.position())
        self.scale = scale

    def bpm(self) -> float:
        """Quarter notes per minute as led now."""
        return self._rate() * 60.0

    def poll(self) -> list[BackingEvent]:
        if self.end_beat is not None and not self._ended and self.position() >= self.end_beat:
            self._ended = True
            self._events.append(BackingEvent("end"))
        out, self._events = self._events, []
        return out

    def close(self) -> None:
        self.running = False
