"""The exercises' timelines, answering "what is active at position p" purely.

- :class:`BreathTimeline`: breathing phases in seconds (a breathing step's "beats" are seconds).
- :class:`PulseTimeline`: an imitation exercise on a beat grid: count-in, then rounds of call
  ("Jeg") and response ("Alle") bars; the words come from the catalog (``call``, ``response``).
"""

from __future__ import annotations

import math

from player.core.model.data import Exercise
from player.core.model.tempomap import TempoMap
from player.core.show.snapshot import Breath
from player.core.show.words import say

__all__ = ["BreathTimeline", "PulseTimeline", "ease"]


def ease(p: float) -> float:
    """Smooth 0→1 (cosine): no sudden starts or stops in a moving shape."""
    p = min(1.0, max(0.0, p))
    return 0.5 - 0.5 * math.cos(math.pi * p)


class BreathTimeline:
    """Phases of a breathing exercise, repeated ``cycles`` times; positions in seconds."""

    def __init__(self, exercise: Exercise, cycles: int, texts: dict[str, str]):
        self.phases = exercise.breathing
        self.cycles = max(1, cycles)
        self.cycle = sum(p.seconds for p in self.phases)
        self.texts = texts

    @property
    def total(self) -> float:
        return self.cycle * self.cycles

    def events(self) -> list[tuple[float, str, float, str]]:
        """(start second, phase, length, label) of every phase in the exercise."""
        out = []
        t = 0.0
        for _ in range(self.cycles):
            for ph in self.phases:
                out.append((t, ph.phase, ph.seconds, ph.text or self.texts.get(ph.phase, ph.phase)))
                t += ph.seconds
        return out

    def at(self, seconds: float) -> Breath:
        seconds = min(max(seconds, 0.0), self.total - 1e-9)
        cycle = int(seconds // self.cycle)
        t = seconds - cycle * self.cycle
        size = 0.0
        for ph in self.phases:
            if t < ph.seconds:
                progress = t / ph.seconds
                if ph.phase == "inhale":
                    size = ease(progress)
                elif ph.phase in ("exhale", "sound"):
                    size = 1.0 - ease(progress)
                # hold keeps the size it had
                label = ph.text or self.texts.get(ph.phase, ph.phase)
                count = max(1, math.ceil(ph.seconds - t - 1e-9))
                return Breath(ph.phase, label, progress, size, count, cycle + 1, self.cycles)
            size = 1.0 if ph.phase == "inhale" else 0.0 if ph.phase in ("exhale", "sound") else size
            t -= ph.seconds
        last = self.phases[-1]  # pragma: no cover - seconds is clamped inside the cycle
        return Breath(last.phase, last.text, 1.0, size, 1, self.cycles, self.cycles)


class PulseTimeline:
    """Imitation on a pulse: count-in bars, then rounds of call and response bars."""

    def __init__(self, exercise: Exercise, rounds: int, texts: dict[str, str]):
        self.exercise = exercise
        self.rounds = rounds
        self.bpb = exercise.meter.beats_per_bar
        self.tempo_map = TempoMap.constant(exercise.tempo or 80, exercise.meter.beats, exercise.meter.unit)
        self.count_in_beats = exercise.count_in_bars * self.bpb
        self.round_beats = (exercise.call_bars + exercise.response_bars) * self.bpb
        self.end_beat = rounds * self.round_beats
        self.texts = texts

    def at(self, beat: float) -> tuple[str, str, int]:
        """(call or response word, the pattern text, round number 1-based) at ``beat``."""
        if beat < 0:
            return "", self.pattern(0), 0
        r = min(int(beat // self.round_beats), self.rounds - 1)
        within = beat - r * self.round_beats
        word = say(self.texts, "call" if within < self.exercise.call_bars * self.bpb else "response")
        return word, self.pattern(r), r + 1

    def pattern(self, r: int) -> str:
        p = self.exercise.patterns
        return p[r % len(p)] if p else ""
