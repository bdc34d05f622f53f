"""The acts of steps that are not songs: cards (text, pause, timed exercise), the breathing
pacer, imitation on a beat (pulse) and a video clip. See :mod:`player.core.show.acts` for how
the runner drives an act. Main thread only.
"""

from __future__ import annotations

import math

from player.core.model.tempomap import TempoMap
from player.core.show.acts import Act, Crossing, Progress, beat_crossings, clock_text
from player.core.show.pacing import BreathTimeline, PulseTimeline
from player.core.show.timeline import pulse_at
from player.core.show.words import say
from player.core.time.backing import Backing
from player.core.time.plain import PlainBacking

__all__ = ["CardAct", "BreathAct", "PulseAct", "VideoAct"]


class CardAct(Act):
    """Text, pause and timed-exercise cards, with a countdown when they have a duration."""

    def done_when_left(self) -> bool:
        return self.duration() is None          # a hold card waits for Next: Next is its end

    def fields(self) -> dict:
        step = self.step
        d = self.duration()
        left = (d - self.elapsed()) if d is not None else None
        if step.kind == "pause":
            if left is not None and left > 60:
                text = say(self.texts, "pause_countdown", minutes=math.ceil(left / 60))
            else:
                text = say(self.texts, "pause_soon")
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

    def __init__(self, step, clock, texts, options, notify):
        super().__init__(step, clock, texts, options, notify)
        ex = step.exercise
        cycles = step.repeats or (max(1, round(step.duration / ex.cycle_seconds)) if step.duration else 1)
        self.timeline = BreathTimeline(ex, cycles, texts)
        self.backing = PlainBacking(clock, TempoMap.constant(60), step.tempo_scale, 0.0, self.timeline.total)

    def beats_per_second(self):
        return self.scale

    def crossings(self, before, after):
        return [Crossing(t, "phase", {"name": phase, "seconds": length, "text": label})
                for t, phase, length, label in self.timeline.events() if before < t <= after or (t == 0 and before < 0 <= after)]

    def fields(self):
        return {"scene": "breathing", "title": self.step.title, "body": self.step.exercise.instructions,
                "breath": self.timeline.at(self.position())}


class PulseAct(Act):
    """Imitation on a clear beat: count-in, then call ("Jeg") and response ("Alle") bars."""

    scene = "pulse"

    def __init__(self, step, clock, texts, options, notify, backing: Backing | None = None):
        super().__init__(step, clock, texts, options, notify)
        ex = step.exercise
        self.timeline = PulseTimeline(ex, step.repeats or 8, texts)
        self.backing = backing or PlainBacking(clock, self.timeline.tempo_map, step.tempo_scale,
                                               self.timeline.count_in_beats, self.timeline.end_beat)

    @property
    def follows_sound(self):
        return self.backing is not None

    def beats_per_second(self):
        return self.timeline.tempo_map.bpm_at(max(0.0, self.position())) / 60 * self.scale

    def go_silent(self):
        pos = self.position()
        old, self.backing = self.backing, PlainBacking(self.clock, self.timeline.tempo_map, self.scale, 0.0,
                                                       self.timeline.end_beat)
        try:
            old.stop(fade=False)
        finally:
            old.close()
        self.backing.start(pos, count_in=False)

    def update(self):
        done = super().update() is Progress.ENDED or self.position() >= self.timeline.end_beat
        return Progress.ENDED if done else Progress.GOING

    def crossings(self, before, after):
        return beat_crossings(self.timeline.tempo_map, before, after, -self.timeline.count_in_beats, self.timeline.end_beat)

    def fields(self):
        pos = self.position()
        word, pattern, _ = self.timeline.at(pos)
        bpm = (self.step.exercise.tempo or 80) * self.scale
        return {"scene": "pulse", "title": self.step.title, "body": (pattern,) if pattern else self.step.exercise.instructions,
                "call_response": word,
                "pulse": pulse_at(self.timeline.tempo_map, pos, self.timeline.count_in_beats, bpm)}


class VideoAct(Act):
    """A clip: the video player draws into the window; the act waits for its end."""

    scene = "video"

    def __init__(self, step, clock, texts, options, notify, player=None):
        super().__init__(step, clock, texts, options, notify)
        self.player = player

    def start(self):
        super().start()
        if self.player is not None:
            self.player.play(self.step.video)

    def stop(self):
        if self.player is not None:
            player, self.player = self.player, None
            player.stop()

    def pump(self):
        for e in self.player.poll() if self.player is not None else []:   # BackingEvents
            if e.kind == "error":
                self.notify(e.message)
            if e.kind in ("end", "error"):
                self._end_seen = True

    def update(self):
        if self.player is None:
            done = self.step.duration is not None and self.elapsed() >= self.step.duration
        else:
            done = self._end_seen
        return Progress.ENDED if done else Progress.GOING

    def fields(self):
        if self.player is None:
            return {"scene": "title", "title": self.step.title, "subtitle": ""}
        return {"scene": "video", "title": self.step.title}
