"""What runs during one step ("an act"): where its position comes from, when it ends, and
what its part of the snapshot is. One small class per kind of step.

Positions are beats from the step's backing (quarter notes from bar 1; seconds for a
breathing step). Every act is driven by the runner from the main thread.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from player.core.time.backing import Backing
from player.core.time.clock import Clock
from player.core.model.data import Step
from player.core.time.plain import PlainBacking
from player.core.model.tempomap import TempoMap
from player.core.show.timeline import BreathTimeline, PulseTimeline, felt_beat, pulse_at

__all__ = ["Act", "CardAct", "BreathAct", "PulseAct", "VideoAct", "Crossing", "fmt_time", "clock_text",
           "beat_crossings"]


@dataclass
class Crossing:
    """Something that happened at a position between two ticks (for timeline.json and logs)."""

    position: float
    kind: str
    fields: dict = field(default_factory=dict)


class Act:
    """Base: a step that only shows a card. ``backing`` is None when nothing plays."""

    scene = "title"

    def __init__(self, step: Step, clock: Clock, texts: dict[str, str], options: dict):
        self.step = step
        self.clock = clock
        self.texts = texts
        self.options = options
        self.backing: Backing | None = None
        self.scale = step.tempo_scale
        self._elapsed_before = 0.0
        self._since: float | None = None

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

    def set_tempo_scale(self, scale: float) -> None:
        self.scale = scale
        if self.backing is not None:
            self.backing.set_tempo_scale(scale)

    def position(self) -> float:
        return self.backing.position() if self.backing is not None else self.elapsed()

    def ended(self) -> bool:
        """True once the step has run its course (then the runner moves on or holds)."""
        if self.backing is not None:
            return any(e.kind == "end" for e in self._drain())
        d = self.duration()
        return d is not None and self.elapsed() >= d

    def duration(self) -> float | None:
        """Seconds the step lasts when nothing plays: its own, else a timed exercise's."""
        ex = self.step.exercise
        if self.step.duration is None and ex is not None and ex.kind == "timed":
            return ex.duration
        return self.step.duration

    def _drain(self):
        events = self.backing.poll() if self.backing is not None else []
        for e in events:
            if e.kind in ("error", "notice"):
                self.options.get("notify", lambda text: None)(e.message)
        return events

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


class CardAct(Act):
    """Text, pause and timed-exercise cards, with a countdown when they have a duration."""

    def fields(self) -> dict:
        step = self.step
        d = self.duration()
        left = (d - self.elapsed()) if d is not None else None
        if step.kind == "pause":
            if left is not None and left > 60:
                text = self.texts.get("pause_countdown", "{minutes} min").format(minutes=math.ceil(left / 60))
            else:
                text = self.texts.get("pause_soon", "")
            return {"scene": "pause", "title": step.text, "countdown_text": text}
        if step.kind == "exercise" and step.exercise is not None:
            ex = step.exercise
            return {"scene": "instruction", "title": step.title, "body": ex.instructions, "picture": ex.picture,
                    "countdown_text": clock_text(left) if left is not None else ""}
        return {"scene": "title", "title": step.text or step.title, "subtitle": step.subtitle,
                "countdown_text": ""}


class BreathAct(Act):
    """The breathing pacer: seconds are its beats, so tempo scale slows the breath too."""

    scene = "breathing"

    def __init__(self, step, clock, texts, options):
        super().__init__(step, clock, texts, options)
        ex = step.exercise
        cycles = step.repeats or (max(1, round(step.duration / ex.cycle_seconds)) if step.duration else 1)
        self.timeline = BreathTimeline(ex, cycles, texts)
        self.backing = PlainBacking(clock, TempoMap.constant(60), step.tempo_scale, 0.0, self.timeline.total)

    def crossings(self, before, after):
        return [Crossing(t, "phase", {"name": phase, "seconds": length, "text": label})
                for t, phase, length, label in self.timeline.events() if before < t <= after or (t == 0 and before < 0 <= after)]

    def fields(self):
        return {"scene": "breathing", "title": self.step.title, "body": self.step.exercise.instructions,
                "breath": self.timeline.at(self.position())}


class PulseAct(Act):
    """Imitation on a clear beat: count-in, then call ("Jeg") and response ("Alle") bars."""

    scene = "pulse"

    def __init__(self, step, clock, texts, options, backing: Backing | None = None):
        super().__init__(step, clock, texts, options)
        ex = step.exercise
        self.timeline = PulseTimeline(ex, step.repeats or 8, texts)
        self.backing = backing or PlainBacking(clock, self.timeline.tempo_map, step.tempo_scale,
                                               self.timeline.count_in_beats, self.timeline.end_beat)

    def ended(self):
        return super().ended() or self.position() >= self.timeline.end_beat

    def crossings(self, before, after):
        return beat_crossings(self.timeline.tempo_map, before, after, -self.timeline.count_in_beats, self.timeline.end_beat)

    def fields(self):
        pos = self.position()
        word, pattern, _ = self.timeline.at(pos)
        bpm = (self.step.exercise.tempo or 80) * self.scale
        return {"scene": "pulse", "title": self.step.title, "body": (pattern,) if pattern else self.step.exercise.instructions,
                "call_response": word,
                "pulse": pulse_at(self.timeline.tempo_map, pos, self.timeline.count_in_beats, bpm)}


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


class VideoAct(Act):
    """A clip: the video player draws into the window; the act waits for its end."""

    scene = "video"

    def __init__(self, step, clock, texts, options, player=None):
        super().__init__(step, clock, texts, options)
        self.player = player

    def start(self):
        super().start()
        if self.player is not None:
            self.player.play(self.step.video)

    def stop(self):
        if self.player is not None:
            player, self.player = self.player, None
            player.stop()

    def ended(self):
        if self.player is None:
            return self.step.duration is not None and self.elapsed() >= self.step.duration
        events = self.player.poll()
        for e in events:
            if getattr(e, "kind", "") == "error":
                self.options.get("notify", lambda text: None)(getattr(e, "message", "video error"))
        return any(getattr(e, "kind", "") in ("end", "error") for e in events)

    def fields(self):
        if self.player is None:
            return {"scene": "title", "title": self.step.title, "subtitle": ""}
        return {"scene": "video", "title": self.step.title}

