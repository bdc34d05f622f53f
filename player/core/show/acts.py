"""What runs during one step ("an act"): where its position comes from, when it ends, and
what its part of the snapshot is. One small class per kind of step: the base here, the cards,
breathing, pulse and video in :mod:`player.core.show.cards`, songs in
:mod:`player.core.show.songact`.

Positions are beats from the step's backing (quarter notes from bar 1; seconds for a
breathing step). Every act is driven by the runner from the main thread, each tick in this
order: :meth:`Act.pump` (drain the backing's events), :meth:`Act.position` and
:meth:`Act.crossings` (queries), then :meth:`Act.update` (move on: parts, jumps, the end).
An act replaces its own backing (:meth:`Act.go_silent`); what the backing can do is read from
its declared :class:`~player.core.time.backing.Abilities`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import Enum
from typing import Callable

from player.core.time.backing import NO_ABILITIES, Abilities, Backing, GuideMuting, Transposing
from player.core.time.clock import Clock
from player.core.model.data import Step
from player.core.model.tempomap import TempoMap
from player.core.show.options import ShowOptions
from player.core.show.timeline import felt_beat

__all__ = ["Act", "Progress", "Crossing", "fmt_time", "clock_text",
           "beat_crossings"]


@dataclass
class Crossing:
    """Something that happened at a position between two ticks (for timeline.json and logs)."""

    position: float
    kind: str
    fields: dict = field(default_factory=dict)


class Progress(Enum):
    """What :meth:`Act.update` found: going on, jumped on the beat line (a repeat), or ended."""

    GOING = "going"
    JUMPED = "jumped"
    ENDED = "ended"


class Act:
    """Base: a step that only shows a card. ``backing`` is None when nothing plays (read it;
    only the act itself replaces it). ``notify`` takes a short notice for the conductor."""

    scene = "title"

    def __init__(self, step: Step, clock: Clock, texts: dict[str, str], options: ShowOptions,
                 notify: Callable[[str], None]):
        self.step = step
        self.clock = clock
        self.texts = texts
        self.options = options
        self.notify = notify
        self.backing: Backing | None = None
        self.scale = step.tempo_scale
        self._elapsed_before = 0.0
        self._since: float | None = None
        self._end_seen = False

    @property
    def abilities(self) -> Abilities:
        """What the backing declared it can do (nothing when there is none)."""
        return self.backing.abilities if self.backing is not None else NO_ABILITIES

    @property
    def follows_sound(self) -> bool:
        """Whether the position comes from a sound device (which may stop without an error)."""
        return False

    # elapsed time of the step (stops while paused)
    def elapsed(self) -> float:
        running = self.clock.now() - self._since if self._since is not None else 0.0
        return self._elapsed_before + running

    def start(self) -> None:
        self._since = self.clock.now()
        if self.backing is not None:
            self.backing.start(self.start_beat(), count_in=self.count_in())

    def start_beat(self) -> float:
        return 0.0

    def count_in(self) -> bool:
        return True

    def pause(self) -> None:
        if self._since is not None:
            self._elapsed_before = self.elapsed()
            self._since = None
        if self.backing is not None:
            self.backing.pause()

    def resume(self) -> None:
        if self._since is None:
            self._since = self.clock.now()
        if self.backing is not None:
            self.backing.resume()

    def stop(self) -> None:
        if self.backing is not None:
            backing, self.backing = self.backing, None
            try:
                backing.stop(fade=True)
            finally:
                backing.close()

    def panic(self) -> None:
        """Silence at once and stand still."""
        if self.backing is not None:
            self.backing.panic()
        self.pause()

    def set_tempo_scale(self, scale: float) -> None:
        self.scale = scale
        if self.backing is not None:
            self.backing.set_tempo_scale(scale)

    def set_transpose(self, semitones: int) -> bool:
        """Move the sound by ``semitones``; False when the backing cannot."""
        if self.backing is None or not self.backing.abilities.transpose:
            return False
        backing: Transposing = self.backing    # declared: abilities.transpose
        backing.set_transpose(semitones)
        return True

    def mute_guide(self, channel: int, muted: bool) -> bool:
        """Mute or unmute the guide melody (``channel`` 0-based); False when there is none."""
        if self.backing is None or not self.backing.abilities.guide:
            return False
        backing: GuideMuting = self.backing    # declared: abilities.guide
        backing.mute_channel(channel, muted)
        return True

    def go_silent(self) -> None:
        """The sound device stopped: go on from here on a silent transport."""

    def beats_per_second(self) -> float:
        """How fast the position moves now (for the times of crossings)."""
        return 1.0

    def position(self) -> float:
        return self.backing.position() if self.backing is not None else self.elapsed()

    def pump(self) -> None:
        """Take in what the backing reported since the last tick (its end, its errors)."""
        for e in self.backing.poll() if self.backing is not None else []:
            if e.kind in ("error", "notice"):
                self.notify(e.message)
            elif e.kind == "end":
                self._end_seen = True

    def update(self) -> Progress:
        """Move on in time; ENDED once the step has run its course (then the runner moves on
        or holds). Call after :meth:`pump`."""
        if self.backing is not None:
            return Progress.ENDED if self._end_seen else Progress.GOING
        d = self.duration()
        return Progress.ENDED if d is not None and self.elapsed() >= d else Progress.GOING

    def duration(self) -> float | None:
        """Seconds the step lasts when nothing plays: its own, else a timed exercise's."""
        ex = self.step.exercise
        if self.step.duration is None and ex is not None and ex.kind == "timed":
            return ex.duration
        return self.step.duration

    def done_when_left(self) -> bool:
        """Whether leaving the step with Next now means it was done (a card that waits for
        Next), not skipped."""
        return False

    def next(self) -> bool:
        """Handle Next inside the step; False means: go to the next step."""
        return False

    def back(self) -> bool:
        return False

    def crossings(self, before: float, after: float) -> list[Crossing]:
        return []

    def fields(self) -> dict:
        """This act's part of the snapshot."""
        return {"scene": self.scene, "title": self.step.title, "subtitle": self.step.subtitle}


def fmt_time(seconds: float) -> str:
    """1:05 or 1:02:05 (rounded to whole seconds)."""
    seconds = int(round(seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def clock_text(seconds: float) -> str:
    seconds = max(0, math.ceil(seconds - 1e-9))
    return f"{seconds // 60}:{seconds % 60:02d}"


def beat_crossings(tempo_map: TempoMap, before: float, after: float, first: float, last: float,
                   start: float = 0.0) -> list[Crossing]:
    """Felt beats (see :func:`felt_beat`: dotted quarters in 6/8) in (before, after], from
    ``first`` to ``last``; those before ``start`` are the count-in (bar 0). Positions are
    quarter notes."""
    meter = tempo_map.meter_at(max(start, 0.0))
    unit = felt_beat(meter.numerator, meter.denominator)
    bpb = meter.beats_per_bar
    out = []
    # the count-in counts from its first click; the song from bar 1
    k = max(math.floor((before - first) / unit) + 1, 0)
    while True:
        b = first + k * unit
        if b >= start:
            break
        if b > after:
            return out
        out.append(Crossing(b, "beat", {"beat": b, "bar": 0, "downbeat": (b - first) % bpb < 1e-6, "count_in": True}))
        k += 1
    k = max(math.floor(before / unit) + 1, math.ceil(start / unit - 1e-9))
    while (b := k * unit) <= after and b < last:
        bar, in_bar = tempo_map.bar_beat(b)
        out.append(Crossing(b, "beat", {"beat": b, "bar": bar, "downbeat": in_bar < 1e-6}))
        k += 1
    return out
