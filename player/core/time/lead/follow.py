"""Score following: the position follows what the pianist plays on a MIDI keyboard.

:class:`FollowLead` is a lead like the others (Backing-like, no sound): every note-on from
``midi.input`` arrives as a :class:`NoteIn` intent (the mido callback only enqueues it) and is
handed to :meth:`FollowLead.note`, which feeds the
:class:`~player.core.time.lead.follow_match.NoteFollower`. The position is the song's beat
(quarter notes from bar 1) of where the pianist is along the sung order; it waits when the
pianist stops. ``part`` says which part of the plan is being played (a repeat sits on the same
beats as the first time), ``confidence`` (0–1) and ``lost`` say how sure the follower is: the
pianist window shows them, and the runner falls back (with a notice) when the follower is lost.
Main thread only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from player.core.model.intents import Intent
from player.core.model.tempomap import TempoMap
from player.core.time.backing import Abilities
from player.core.time.clock import Clock
from player.core.time.lead.base import _Lead
from player.core.time.lead.follow_match import NoteFollower
from player.core.time.lead.follow_score import Score

__all__ = ["NoteIn", "FollowLead"]


@dataclass(frozen=True)
class NoteIn(Intent):
    """A note-on from the pianist's keyboard (``note`` 0–127, ``velocity`` 1–127)."""

    note: int = 60
    velocity: int = 64


class FollowLead(_Lead):
    """Follows the notes the pianist plays. ``parts`` are the plan's parts ``(start, end)`` in
    beats, in sung order (the act refreshes them with :meth:`set_parts` when the plan changes).
    Before the first note the position waits just before the first part's first note."""

    abilities = Abilities(live=True, notes_in=True)

    def __init__(self, clock: Clock, tempo_map: TempoMap, score: Score, parts: Sequence[tuple[float, float]],
                 tempo_scale: float = 1.0, end_beat: float | None = None):
        super().__init__(clock, tempo_map, tempo_scale, 0.0, end_beat)
        self.score = score
        self.parts = list(parts)
        start = self.parts[0][0] if self.parts else 0.0
        self.follower = NoteFollower(score.along(self.parts), 60.0 / (tempo_map.bpm_at(max(0.0, start)) * tempo_scale))
        self._lost_told = False
        self.running = True

    # ------------------------------------------------------------------ the lead
    @property
    def part(self) -> int:
        """The part of the plan being played (index into the plan)."""
        return self.follower.part_at(self.follower.u_last)

    @property
    def confidence(self) -> float:
        return self.follower.confidence

    @property
    def lost(self) -> bool:
        return self.follower.lost

    def position(self) -> float:
        f = self.follower
        if f.i < 0 and f.t_last is None:
            return (self.parts[0][0] if self.parts else 0.0) - 0.02 if not f.events else f.events[0].beat - 0.02
        return f.beat_of(f.u_at(self.clock.now()))

    def bpm(self) -> float:
        return 60.0 / self.follower.spb

    def start(self, at_beat: float = 0.0, count_in: bool = True) -> None:
        self._ended = False
        if self.follower.i >= 0 or at_beat > (self.parts[0][0] if self.parts else 0.0) + 1e-6:
            self.seek(at_beat)

    def pause(self) -> None:
        """The pianist leads: pausing the show does not stop the follower listening."""

    def resume(self) -> None:
        """See :meth:`pause`."""

    def set_tempo_scale(self, scale: float) -> None:
        self.scale = scale              # the pianist sets the tempo

    def seek(self, beat: float) -> None:
        """The plan jumps to ``beat`` (the start of the next part, or a live switch mid-song):
        go on from the part that holds it, the current one or a later one first."""
        f = self.follower
        here = self.part
        order = list(range(here, len(self.parts))) + list(range(0, here))
        for k in order:
            a, b = self.parts[k]
            if a - 1e-6 <= beat < b - 1e-6:
                if k == here and f.i >= 0 and abs(f.beat_of(f.u_last) - beat) < 1.0:
                    return                      # already there (the follower went on by itself)
                f.seek_part(k, self.clock.now())
                sung = [e for e in f.events if e.part == k and e.beat < beat - 1e-6]
                if sung:
                    f.i = f.events.index(sung[-1])
                    f.u_last = sung[-1].u + (beat - sung[-1].beat)
                return

    def set_parts(self, parts: Sequence[tuple[float, float]]) -> None:
        """The plan changed (a repeat, the last verse, the end after this verse): lay the score
        out again and keep the place (parts up to the current one do not change)."""
        f = self.follower
        old = f.events[f.i] if f.i >= 0 else None
        self.parts = list(parts)
        events = self.score.along(self.parts)
        state = (f.t_last, f.u_last, f.spb, f.heard, f.voices, f.confidence, f.notes, f.matched, f.recent)
        self.follower = NoteFollower(events, f.nominal_spb)
        g = self.follower
        g.t_last, g.u_last, g.spb, g.heard, g.voices, g.confidence, g.notes, g.matched, g.recent = state
        if old is not None:
            g.i = next((k for k, e in enumerate(events) if e.part == old.part and abs(e.beat - old.beat) < 1e-6), -1)

    # ------------------------------------------------------------------ input
    def note(self, pitch: int, at: float | None = None) -> bool:
        """A note-on at clock time ``at``; True when it matched the score."""
        return self.follower.feed(pitch, self.clock.now() if at is None else at)
