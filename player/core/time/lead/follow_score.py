"""The score a follower follows: a song's note onsets along the sung order. Pure.

A :class:`Score` is the song's MIDI file cut into *events* (the notes that start together,
within a 32nd note), each with its pitches split into melody (the guide channel) and
accompaniment. The sung order is the step's plan: a list of *parts* ``(start, end)`` in beats
on the song's beat line (quarter notes from bar 1, as in ``timeline.json``); the same notes
appear once per part that sings them. :meth:`Score.along` lays the events out in that order
with a running *sung beat* ``u`` (beats sung since the first part began), which is what the
follower's tempo is measured in; ``beat`` stays the song's own beat for the views.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

__all__ = ["ScoreNote", "ScoreEvent", "Score", "SungEvent", "group_notes"]

CHORD_BEATS = 1 / 8          # notes starting this close (beats) are one event


@dataclass(frozen=True)
class ScoreNote:
    beat: float              # onset, beats on the song's beat line
    pitch: int               # MIDI note number
    melody: bool             # on the guide (melody) channel


@dataclass(frozen=True)
class ScoreEvent:
    beat: float
    melody: frozenset[int]
    accomp: frozenset[int]

    @property
    def pitches(self) -> frozenset[int]:
        return self.melody | self.accomp


@dataclass(frozen=True)
class SungEvent:
    """One event as sung: ``u`` sung beats from the start, in ``part`` (index into the plan)."""

    u: float
    beat: float
    part: int
    melody: frozenset[int]
    accomp: frozenset[int]
    pitches: frozenset[int]
    classes: frozenset[int]          # pitch classes (0–11) of every pitch


def group_notes(notes: Iterable[ScoreNote]) -> tuple[ScoreEvent, ...]:
    """Notes to events: onsets within :data:`CHORD_BEATS` of an event's first note join it."""
    out: list[ScoreEvent] = []
    mel: set[int] = set()
    acc: set[int] = set()
    start = None
    for n in sorted(notes, key=lambda n: (n.beat, n.pitch)):
        if start is None or n.beat - start > CHORD_BEATS:
            if start is not None:
                out.append(ScoreEvent(start, frozenset(mel), frozenset(acc)))
            start, mel, acc = n.beat, set(), set()
        (mel if n.melody else acc).add(n.pitch)
    if start is not None:
        out.append(ScoreEvent(start, frozenset(mel), frozenset(acc)))
    return tuple(out)


@dataclass(frozen=True)
class Score:
    events: tuple[ScoreEvent, ...]
    length_beats: float

    @classmethod
    def from_notes(cls, notes: Sequence[ScoreNote], length_beats: float | None = None) -> "Score":
        events = group_notes(notes)
        end = max([n.beat for n in notes], default=0.0) if length_beats is None else length_beats
        return cls(events, end)

    def along(self, parts: Sequence[tuple[float, float]]) -> tuple[SungEvent, ...]:
        """The events of each part ``(start, end)`` in turn, with their sung beat ``u``."""
        out: list[SungEvent] = []
        offset = 0.0
        for k, (a, b) in enumerate(parts):
            for e in self.events:
                if a - 1e-6 <= e.beat < b - 1e-6:
                    p = e.pitches
                    out.append(SungEvent(offset + e.beat - a, e.beat, k, e.melody, e.accomp, p,
                                         frozenset(x % 12 for x in p)))
            offset += b - a
        return tuple(out)
