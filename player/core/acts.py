"""What runs during one step ("an act"): where its position comes from, when it ends, and
what its part of the snapshot is. One small class per kind of step.

Positions are beats from the step's backing (quarter notes from bar 1; seconds for a
breathing step). Every act is driven by the runner from the main thread.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

from .backing import Backing
from .clock import Clock
from .model import Step
from .plain import PlainBacking
from .tempomap import TempoMap
from .timeline import BreathTimeline, PulseTimeline, SongTimeline, felt_beat, pulse_at

__all__ = ["Act", "CardAct", "BreathAct", "PulseAct", "SongAct", "VideoAct", "Crossing", "fmt_time", "clock_text"]


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


class SongAct(Act):
    """A song (or a movement exercise to a song). With backing, the backing's position is the
    clock and the lyrics follow it; without, Next and Back step through the lines.

    The backing may be a live lead (:mod:`player.core.lead`): tap tempo and MIDI clock in
    are followed like a track; the pedal lead says which line is sung (``index``) and the
    highlight runs through it. ``lead`` names the mode (manual, backing, pedal, tap,
    midi-clock). The current part of the plan (``part``) moves on at each section end; when
    the next part does not follow on the beat line (skipped verses, a repeat) the backing
    seeks there.
    """

    scene = "lyrics"

    def __init__(self, step, clock, texts, options, backing: Backing | None, tempo_map: TempoMap | None,
                 lead: str = ""):
        super().__init__(step, clock, texts, options)
        self.timeline = SongTimeline(step.song, step.verses, texts)
        self.backing = backing
        song = step.song
        self.tempo_map = tempo_map or TempoMap.constant(song.tempo, song.meter.beats, song.meter.unit)
        self.manual = backing is None
        self.lead = "manual" if backing is None else (lead or "backing")
        self.index = 0 if self.manual else -1
        self.part = 0
        self.jumped = False
        self.count_in_beats = options.get("count_in_beats", 0.0)

    def attach(self, lead, mode: str) -> None:
        """Follow a live lead (before :meth:`start`)."""
        self.backing, self.lead, self.manual, self.index = lead, mode, False, -1

    def switch(self, new, mode: str, tempo_map: TempoMap | None = None) -> None:
        """Hand the song to another lead (or a track, or the conductor's hand when ``new`` is
        None) from where it is now, without a count-in."""
        pos = self.position()
        cur = self.current(pos)
        old, self.backing = self.backing, None
        if old is not None:
            try:
                old.stop(fade=True)
            finally:
                old.close()
        self.lead = mode
        if new is None:
            self.manual, self.index = True, max(0, cur)
            return
        self.manual, self.index = False, -1
        if tempo_map is not None:
            self.tempo_map = tempo_map
        self.backing = new
        new.start(pos, count_in=False)
        if hasattr(new, "go_to_line"):
            new.go_to_line(cur, pos)
        elif hasattr(new, "tap"):
            new.running = True          # goes on at the song's tempo until the first tap

    @property
    def by_line(self) -> bool:
        """The backing says which line is sung (the pedal lead)."""
        return self.backing is not None and hasattr(self.backing, "go_to_line")

    def start_beat(self):
        return self.timeline.start_beat

    def position(self):
        if self.manual:
            return self.timeline.lines[self.index].start if self.timeline.lines else 0.0
        return self.backing.position()

    def current(self, pos: float | None = None) -> int:
        """Index (sung order) of the line being sung; -1 before the first."""
        if self.manual:
            return self.index
        if self.by_line:
            return self.backing.index
        return self.timeline.index_at(self.position() if pos is None else pos, self.part)

    def bpm(self, pos: float) -> float:
        """Quarter notes per minute as heard (or as led)."""
        own = getattr(self.backing, "bpm", None)
        if callable(own) and getattr(self.backing, "leads", False):
            return own()
        return self.tempo_map.bpm_at(max(pos, 0.0)) * self.scale

    def ended(self):
        if self.manual:
            return False
        pos = self.backing.position()
        last = len(self.timeline.plan) - 1
        if self.by_line:
            self.part = self.timeline.part_of_line(max(0, self.backing.index))
        else:
            while self.part < last and pos >= self.timeline.part_end(self.part) - 1e-6:
                end = self.timeline.part_end(self.part)
                self.part += 1
                nxt = self.timeline.plan[self.part].start
                if abs(nxt - end) > 1e-6:
                    self.backing.seek(nxt)
                    self.jumped = True
                    pos = self.backing.position()
                    break
        events = self._drain()
        if self.part < last:
            return False
        return any(e.kind == "end" for e in events) or (not self.by_line and pos >= self.timeline.end_beat)

    def next(self):
        if self.manual and self.index < len(self.timeline.lines) - 1:
            self.index += 1
            return True
        if self.by_line:
            return self.backing.next(self.clock.now())
        return False

    def back(self):
        if self.manual and self.index > 0:
            self.index -= 1
            return True
        if self.by_line:
            return self.backing.back(self.clock.now())
        return False

    # live adjustments ------------------------------------------------------------------
    def adjust(self, what: str) -> bool:
        """``repeat`` | ``last_verse`` | ``end_after_verse`` from the current part on."""
        part = self.timeline.part_of_line(self.index) if self.manual else self.part
        ok = {"repeat": self.timeline.repeat, "last_verse": self.timeline.to_last_verse,
              "end_after_verse": self.timeline.end_after_verse}[what](part)
        if ok and self.by_line:
            self.backing.set_lines([ln.start for ln in self.timeline.lines], [ln.end for ln in self.timeline.lines])
            self.backing.end_beat = self.timeline.end_beat
        elif ok and self.backing is not None and hasattr(self.backing, "end_beat") \
                and getattr(self.backing, "leads", False):
            self.backing.end_beat = self.timeline.end_beat
        if ok:
            self.timeline.changes.append(what)
        return ok

    def crossings(self, before, after):
        out = []
        first, end = self.timeline.part_lines(self.part)
        nxt = self.part + 1
        if nxt < len(self.timeline.plan) and abs(self.timeline.plan[nxt].start - self.timeline.part_end(self.part)) < 1e-6:
            end = self.timeline.part_lines(nxt)[1]
        candidates = self.timeline.lines if self.manual or self.by_line else self.timeline.lines[first:end]
        for ln in candidates:
            if before < ln.start <= after:
                out.append(Crossing(ln.start, "line", {"text": ln.text, "section": ln.section_label, "index": ln.index,
                                                       "beat": ln.start}))
                if ln.cue:
                    out.append(Crossing(ln.start, "cue", {"text": ln.cue}))
            for (t, end_char) in ln.words:
                if before < t <= after:
                    start_char = max([e for _, e in ln.words if _ < t] + [0])
                    out.append(Crossing(t, "syllable", {"text": ln.text[start_char:end_char].strip()}))
        if not self.manual:
            start = self.timeline.start_beat
            out += beat_crossings(self.tempo_map, before, after, start - self.count_in_beats, self.timeline.last_beat, start)
        return sorted(out, key=lambda c: c.position)

    def fields(self):
        pos = self.position()
        cur = self.current(pos)
        lines = self.timeline.view(pos, self.options.get("max_lines", 4), self.options.get("highlight", "word"),
                                   index=self.index if self.manual else None,
                                   current=None if self.manual else cur)
        song = self.step.song
        out = {"scene": "lyrics", "title": self.step.title, "lines": lines,
               "section_label": self.timeline.label_at(max(cur, 0)), "cue": self.timeline.cue_at(cur), "key": song.key,
               "lead_mode": self.lead}
        if not self.manual:
            out["pulse"] = pulse_at(self.tempo_map, pos, self.count_in_beats, self.bpm(pos), self.timeline.start_beat)
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


ActFactory = Callable[[Step], Act]
