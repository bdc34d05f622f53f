"""The song act: a song (or a movement exercise to a song) whose position comes from its
backing (MIDI, VLC, a live lead) so the lyrics follow what the room hears; without backing the
conductor steps through the lines with Next and Back. Main thread only.
"""

from __future__ import annotations

from player.core.show.acts import Act, Crossing, Progress, beat_crossings
from player.core.time.backing import Backing, ClockFollowing, LineLeading, LiveLeading, TapFollowing
from player.core.time.lead.follow import FollowLead
from player.core.time.plain import PlainBacking
from player.core.model.tempomap import TempoMap
from player.core.show.timeline import SongTimeline, pulse_at

__all__ = ["SongAct"]


class SongAct(Act):
    """A song (or a movement exercise to a song). With backing, the backing's position is the
    clock and the lyrics follow it; without, Next and Back step through the lines.

    The backing may be a live lead (:mod:`player.core.time.lead`): tap tempo and MIDI clock in
    are followed like a track; the pedal lead says which line is sung (``index``) and the
    highlight runs through it. ``lead`` names the mode (manual, backing, pedal, tap,
    midi-clock). The current part of the plan (``part``) moves on at each section end; when
    the next part does not follow on the beat line (skipped verses, a repeat) the backing
    seeks there. ``count_in_beats``: how long the backing counts in before the first line.
    """

    scene = "lyrics"

    def __init__(self, step, clock, texts, options, notify, backing: Backing | None, tempo_map: TempoMap | None,
                 count_in_beats: float = 0.0, lead: str = ""):
        super().__init__(step, clock, texts, options, notify)
        self.timeline = SongTimeline(step.song, step.verses, texts)
        # every line of every section: the views choose one text size for the whole song from them
        self.song_lines = tuple(dict.fromkeys(ln.text for sec in step.song.sections for ln in sec.lines))
        self.song_cues = tuple(dict.fromkeys(ln.cue for ln in self.timeline.lines if ln.cue))
        self.backing = backing
        song = step.song
        self.tempo_map = tempo_map or TempoMap.constant(song.tempo, song.meter.beats, song.meter.unit)
        self.manual = backing is None
        self.lead = "manual" if backing is None else (lead or "backing")
        self.index = 0 if self.manual else -1
        self.part = 0
        self.count_in_beats = count_in_beats

    def attach(self, lead: Backing, mode: str) -> None:
        """Follow a live lead (before :meth:`start`)."""
        self.backing, self.lead, self.manual, self.index = lead, mode, False, -1

    def switch(self, new: Backing | None, mode: str, tempo_map: TempoMap | None = None) -> None:
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
        if new.abilities.by_line:
            self._line_lead().go_to_line(cur, pos)
        elif new.abilities.taps:
            self._live().running = True          # goes on at the song's tempo until the first tap

    def _follower(self) -> FollowLead:
        return self.backing        # declared: abilities.notes_in

    def _line_lead(self) -> LineLeading:
        return self.backing        # declared: abilities.by_line

    def _live(self) -> LiveLeading:
        return self.backing        # declared: abilities.live

    @property
    def by_line(self) -> bool:
        """The backing says which line is sung (the pedal lead)."""
        return self.backing is not None and self.backing.abilities.by_line

    @property
    def follows_sound(self):
        return self.backing is not None and self.lead == "backing"

    def go_silent(self):
        self.switch(PlainBacking(self.clock, self.tempo_map, self.scale, 0.0), "backing", self.tempo_map)

    def beats_per_second(self):
        return self.bpm(self.position()) / 60

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
            return self._line_lead().index
        return self.timeline.index_at(self.position() if pos is None else pos, self.part)

    def bpm(self, pos: float) -> float:
        """Quarter notes per minute as heard (or as led)."""
        if self.abilities.live:
            return self._live().bpm()
        return self.tempo_map.bpm_at(max(pos, 0.0)) * self.scale

    def update(self):
        if self.manual:
            return Progress.GOING
        end_seen, self._end_seen = self._end_seen, False
        pos = self.backing.position()
        last = len(self.timeline.plan) - 1
        jumped = False
        if self.by_line:
            self.part = self.timeline.part_of_line(max(0, self._line_lead().index))
        elif self.abilities.notes_in:         # the follower knows which part is played
            self.part = min(last, max(0, self._follower().part))
        else:
            while self.part < last and pos >= self.timeline.part_end(self.part) - 1e-6:
                end = self.timeline.part_end(self.part)
                self.part += 1
                nxt = self.timeline.plan[self.part].start
                if abs(nxt - end) > 1e-6:
                    self.backing.seek(nxt)
                    jumped = True
                    pos = self.backing.position()
                    break
        if self.part >= last and (end_seen or (not self.by_line and pos >= self.timeline.end_beat)):
            return Progress.ENDED
        return Progress.JUMPED if jumped else Progress.GOING

    def done_when_left(self):
        return self.manual and self.index >= len(self.timeline.lines) - 1   # the last line, by hand

    def next(self):
        if self.manual and self.index < len(self.timeline.lines) - 1:
            self.index += 1
            return True
        if self.by_line:
            return self._line_lead().next(self.clock.now())
        return False

    def back(self):
        if self.manual and self.index > 0:
            self.index -= 1
            return True
        if self.by_line:
            return self._line_lead().back(self.clock.now())
        return False

    # live input ------------------------------------------------------------------------
    def tap(self, at: float | None) -> None:
        if self.abilities.taps:
            lead: TapFollowing = self.backing
            lead.tap(at)

    def clock_in(self, kind: str, at: float | None, value: int) -> None:
        if self.abilities.clock_in:
            lead: ClockFollowing = self.backing
            lead.feed(kind, at, value)

    def note_in(self, note: int, at: float | None) -> bool:
        """A note the pianist played; False when no follower leads this song."""
        if not self.abilities.notes_in:
            return False
        self._follower().note(note, at)
        return True

    def follow_lost(self) -> bool:
        return self.abilities.notes_in and self._follower().lost

    def follow_confidence(self) -> float | None:
        """How sure the score follower is (0–1), for the pianist's console; None without one."""
        return self._follower().confidence if self.abilities.notes_in else None

    def pedal(self, down: bool, at: float | None) -> bool:
        """A lead pedal going down or up; False when the pedal does not lead this song."""
        if not self.by_line:
            return False
        (self._line_lead().down if down else self._line_lead().up)(at)
        return True

    # live adjustments ------------------------------------------------------------------
    def adjust(self, what: str) -> bool:
        """``repeat`` | ``last_verse`` | ``end_after_verse`` from the current part on."""
        part = self.timeline.part_of_line(self.index) if self.manual else self.part
        ok = {"repeat": self.timeline.repeat, "last_verse": self.timeline.to_last_verse,
              "end_after_verse": self.timeline.end_after_verse}[what](part)
        if ok and self.by_line:
            self._line_lead().set_lines([ln.start for ln in self.timeline.lines], [ln.end for ln in self.timeline.lines])
        if ok and self.abilities.notes_in:
            self._follower().set_parts(self.timeline.parts())
        if ok and self.abilities.live:
            self._live().end_beat = self.timeline.end_beat
        if ok:
            self.timeline.changes.append(what)
        return ok

    # what the views read -----------------------------------------------------------------
    def section_label(self) -> str:
        """The label of the section sung now (the first one before singing starts)."""
        return self.timeline.label_at(max(self.current(), 0))

    def order(self) -> tuple[tuple[str, str], ...]:
        """The sections as sung: (label, past|current|coming)."""
        part = self.part if not self.manual else self.timeline.part_of_line(self.index)
        return self.timeline.order(part)

    def changes(self) -> tuple[str, ...]:
        """The live adjustments made in this song, in order (``repeat``...)."""
        return tuple(self.timeline.changes)

    def manual_line_seconds(self) -> float | None:
        """How long the line shown now is sung at the song's tempo, when the conductor steps
        through the lines by hand; None when the song follows a backing."""
        if not self.manual or not self.timeline.lines:
            return None
        line = self.timeline.lines[min(self.index, len(self.timeline.lines) - 1)]
        return (line.end - line.start) * 60 / (self.step.song.tempo * self.scale)

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
        lines = self.timeline.view(pos, self.options.max_lines, self.options.highlight,
                                   index=self.index if self.manual else None,
                                   current=None if self.manual else cur)
        song = self.step.song
        out = {"scene": "lyrics", "song_lines": self.song_lines, "title": self.step.title, "lines": lines,
               "section_label": self.timeline.label_at(max(cur, 0)), "cue": self.timeline.cue_at(cur), "key": song.key,
               "lead_mode": self.lead, "song_cues": self.song_cues,
               "intro": cur < 0 or (self.manual and self.index == 0)}
        if not self.manual:
            out["pulse"] = pulse_at(self.tempo_map, pos, self.count_in_beats, self.bpm(pos), self.timeline.start_beat)
        return out
