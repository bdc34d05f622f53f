"""Tempo map: converts seconds ↔ beats ↔ (bar, beat in bar) for one song. Pure.

Units: beats are quarter notes counted from 0 (bar 1 starts at beat 0); seconds are song
seconds at tempo scale 1.0 (the tempo scale lives in :class:`player.core.time.transport.Transport`).
Before beat 0 (count-in) the first tempo and meter continue backwards, so bar 0 is the bar
before bar 1. A meter ``N/D`` makes a bar ``N * 4 / D`` beats long (6/8 → 3 beats).

Build one with :meth:`TempoMap.constant` from a song's nominal tempo and meter, or with
:meth:`TempoMap.from_midi` from a MIDI file's tempo and time-signature events (any object shaped
like a ``mido.MidiFile``; this module imports no MIDI library).
"""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass

__all__ = ["TempoMap", "Meter", "tap_tempo"]


@dataclass(frozen=True)
class Meter:
    """A meter starting at ``beat``; ``bar`` is the 1-based bar number that starts there."""

    beat: float
    bar: int
    numerator: int
    denominator: int

    @property
    def beats_per_bar(self) -> float:
        return self.numerator * 4.0 / self.denominator


class TempoMap:
    """Piecewise-constant tempo and meter. Immutable after construction; thread-safe."""

    def __init__(self, tempos: list[tuple[float, float]], meters: list[tuple[float, int, int]]):
        """``tempos``: (beat, bpm) pairs; ``meters``: (beat, numerator, denominator) triples.

        Unsorted input is sorted; a later change at the same beat wins. Missing entries at
        beat 0 take the first given value (120 BPM and 4/4 if none at all).
        """
        tempo_by_beat: dict[float, float] = {}
        for beat, bpm in sorted(tempos, key=lambda x: x[0]):
            if not bpm > 0:
                raise ValueError(f"tempo must be positive, got {bpm}")
            tempo_by_beat[max(0.0, float(beat))] = float(bpm)
        if not tempo_by_beat:
            tempo_by_beat[0.0] = 120.0
        if 0.0 not in tempo_by_beat:
            tempo_by_beat[0.0] = tempo_by_beat[min(tempo_by_beat)]
        self._t_beats: list[float] = []
        self._t_secs: list[float] = []
        self._t_spb: list[float] = []       # seconds per beat from this point on
        sec = 0.0
        for beat in sorted(tempo_by_beat):
            if self._t_beats:
                sec += (beat - self._t_beats[-1]) * self._t_spb[-1]
            self._t_beats.append(beat)
            self._t_secs.append(sec)
            self._t_spb.append(60.0 / tempo_by_beat[beat])

        meter_by_beat: dict[float, tuple[int, int]] = {}
        for beat, num, den in sorted(meters, key=lambda x: x[0]):
            if num < 1 or den < 1:
                raise ValueError(f"bad meter {num}/{den}")
            meter_by_beat[max(0.0, float(beat))] = (int(num), int(den))
        if not meter_by_beat:
            meter_by_beat[0.0] = (4, 4)
        if 0.0 not in meter_by_beat:
            meter_by_beat[0.0] = meter_by_beat[min(meter_by_beat)]
        self._meters: list[Meter] = []
        for beat in sorted(meter_by_beat):
            num, den = meter_by_beat[beat]
            if self._meters:
                prev = self._meters[-1]
                bars = (beat - prev.beat) / prev.beats_per_bar
                bar = prev.bar + math.ceil(bars - 1e-9)     # a change mid-bar starts a new bar
            else:
                bar = 1
            self._meters.append(Meter(beat, bar, num, den))
        self._m_beats = [m.beat for m in self._meters]

    # ----------------------------------------------------------------- construction
    @classmethod
    def constant(cls, bpm: float, beats_per_bar: float = 4, denominator: int = 4) -> "TempoMap":
        """One tempo (quarter notes per minute) and one meter (``beats_per_bar``/``denominator``)."""
        return cls([(0.0, bpm)], [(0.0, int(beats_per_bar), denominator)])

    @classmethod
    def from_midi(cls, midifile) -> "TempoMap":
        """From the ``set_tempo`` and ``time_signature`` meta events of every track.

        ``midifile`` is shaped like ``mido.MidiFile`` (``ticks_per_beat``, ``tracks`` of
        messages with delta ``time`` in ticks). A file without tempo events is 120 BPM (the
        MIDI default), without time signature 4/4.
        """
        tpb = float(midifile.ticks_per_beat)
        tempos: list[tuple[float, float]] = []
        meters: list[tuple[float, int, int]] = []
        for track in midifile.tracks:
            tick = 0
            for msg in track:
                tick += msg.time
                if msg.type == "set_tempo":
                    tempos.append((tick / tpb, 60_000_000.0 / msg.tempo))
                elif msg.type == "time_signature":
                    meters.append((tick / tpb, msg.numerator, msg.denominator))
        return cls(tempos, meters)

    # ----------------------------------------------------------------- beats ↔ seconds
    def seconds_at(self, beat: float) -> float:
        """Song seconds (tempo scale 1) at ``beat``; negative before beat 0."""
        i = max(0, bisect_right(self._t_beats, beat) - 1)
        return self._t_secs[i] + (beat - self._t_beats[i]) * self._t_spb[i]

    def beat_at(self, seconds: float) -> float:
        """Beat at song second ``seconds`` (inverse of :meth:`seconds_at`)."""
        i = max(0, bisect_right(self._t_secs, seconds) - 1)
        return self._t_beats[i] + (seconds - self._t_secs[i]) / self._t_spb[i]

    def bpm_at(self, beat: float) -> float:
        """Quarter notes per minute at ``beat`` (tempo scale 1)."""
        i = max(0, bisect_right(self._t_beats, beat) - 1)
        return 60.0 / self._t_spb[i]

    @property
    def tempo_changes(self) -> tuple[tuple[float, float], ...]:
        """(beat, bpm) of every tempo segment, in order."""
        return tuple((b, 60.0 / s) for b, s in zip(self._t_beats, self._t_spb))

    # ----------------------------------------------------------------- bars
    def meter_at(self, beat: float) -> Meter:
        return self._meters[max(0, bisect_right(self._m_beats, beat) - 1)]

    @property
    def meters(self) -> tuple[Meter, ...]:
        return tuple(self._meters)

    def bar_beat(self, beat: float) -> tuple[int, float]:
        """(bar, beat in bar): bar is 1-based (0 and below while counting in), beat in bar is
        0-based in quarter notes (0 = the downbeat), with the fraction of the beat."""
        m = self.meter_at(beat)
        rel = (beat - m.beat) / m.beats_per_bar
        whole = math.floor(rel + 1e-9)
        in_bar = (beat - m.beat) - whole * m.beats_per_bar
        return m.bar + whole, max(0.0, in_bar)

    def beat_of_bar(self, bar: int, beat_in_bar: float = 0.0) -> float:
        """The beat where ``bar`` (1-based) starts, plus ``beat_in_bar`` quarter notes."""
        i = 0
        for k, m in enumerate(self._meters):
            if m.bar <= bar:
                i = k
        m = self._meters[i]
        return m.beat + (bar - m.bar) * m.beats_per_bar + beat_in_bar

    # ----------------------------------------------------------------- ticks
    @staticmethod
    def ticks_to_beats(ticks: int | float, ticks_per_beat: int) -> float:
        return ticks / float(ticks_per_beat)

    def __repr__(self) -> str:
        return f"TempoMap(tempos={self.tempo_changes!r}, meters={self._meters!r})"


def tap_tempo(times: list[float], max_taps: int = 8) -> float | None:
    """Quarter notes per minute from tap times (seconds, ascending); None with fewer than two
    usable taps. Uses the median of the last ``max_taps`` intervals between 0.2 and 2 s (a gap
    longer than 2 s starts a new series)."""
    recent: list[float] = []
    for a, b in zip(times, times[1:]):
        gap = b - a
        if gap > 2.0:
            recent = []
        elif gap >= 0.2:
            recent.append(gap)
    recent = recent[-(max_taps - 1):]
    if not recent:
        return None
    s = sorted(recent)
    mid = len(s) // 2
    median = s[mid] if len(s) % 2 else (s[mid - 1] + s[mid]) / 2
    return 60.0 / median
