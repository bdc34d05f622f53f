"""Compile a step into what moves in it, on a beat (or second) line, and answer "what is
active at position p" purely.

- :class:`SongTimeline`: the lyric lines as sung (verses chosen, sections placed on the
  backing's beat line), with words, section labels and movement cues. Beats are quarter notes
  from bar 1 of the song; the backing's position is looked up directly.
The exercises' timelines (breathing, pulse) are in :mod:`player.core.show.pacing`.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass

from player.core.model.data import PlannedSection, Song
from player.core.show.snapshot import LyricLine, Pulse
from player.core.model.tempomap import TempoMap
from player.core.show.words import say

__all__ = ["TimedLine", "SongTimeline", "section_label", "felt_beat", "pulse_at"]


@dataclass(frozen=True)
class TimedLine:
    index: int
    text: str
    start: float                         # beats on the song's beat line
    end: float
    chords: tuple[tuple[int, str], ...]
    words: tuple[tuple[float, int], ...]  # (start beat, char end) per word
    section_label: str
    cue: str
    part: int = 0                        # which entry of the plan (sung order) it belongs to


class SongTimeline:
    """Lyric lines of one song as sung in this step, on the backing's beat line.

    ``plan`` is the sections in sung order; live adjustments (:meth:`repeat`,
    :meth:`to_last_verse`, :meth:`end_after_verse`) edit the part after the current one, and
    the lines are rebuilt. A repeated section sits at the same beats as the first time, so a
    position alone is ambiguous: the act keeps the current ``part`` and asks
    :meth:`index_at` (beat, part).
    """

    def __init__(self, song: Song, verses: tuple[int, ...] | None, texts: dict[str, str]):
        self.song = song
        self.texts = texts
        self.plan: list[PlannedSection] = list(song.plan(verses))
        self.changes: list[str] = []       # what was adjusted live, for the views
        # verses are counted as sung: verses [1, 3] of 4 read «Vers 1 av 2», «Vers 2 av 2»
        sung = sorted({p.verse_number for p in self.plan if p.section.kind == "verse" and p.verse_number})
        self._verse_no = {n: (k, len(sung)) for k, n in enumerate(sung, 1)}
        self._build()

    def _build(self) -> None:
        lines: list[TimedLine] = []
        self._part_lines: list[tuple[int, int]] = []
        for k, planned in enumerate(self.plan):
            section = planned.section
            number, total = self._verse_no.get(planned.verse_number, (planned.verse_number, planned.verse_count))
            label = section_label(section.kind, number, total, section.name, self.texts)
            first = len(lines)
            for line in section.lines:
                start = planned.start + line.start
                words = tuple((start + w.offset, w.char_end) for w in line.words)
                lines.append(TimedLine(len(lines), line.text, start, start + line.length, line.chords,
                                       words, label, line.cue, k))
            self._part_lines.append((first, len(lines)))
        self.lines = tuple(lines)
        self._starts = [ln.start for ln in self.lines]
        self.start_beat = self.plan[0].start if self.plan else 0.0

    # ------------------------------------------------------------------ parts
    def part_end(self, part: int) -> float:
        p = self.plan[part]
        return p.start + p.section.beats

    @property
    def end_beat(self) -> float:
        """Where the last part sung ends (beats)."""
        return self.part_end(len(self.plan) - 1) if self.plan else 0.0

    @property
    def last_beat(self) -> float:
        """The furthest beat any part reaches (a repeat can end before the last part)."""
        return max((self.part_end(k) for k in range(len(self.plan))), default=0.0)

    def segments(self) -> list[tuple[float, float]]:
        """(start, end) beats of each stretch the backing plays without a jump."""
        out: list[tuple[float, float]] = []
        for p in self.plan:
            a, b = p.start, p.start + p.section.beats
            if out and abs(out[-1][1] - a) < 1e-9:
                out[-1] = (out[-1][0], b)
            else:
                out.append((a, b))
        return out

    def parts(self) -> list[tuple[float, float]]:
        """(start, end) beats of every part, in sung order (what a score follower follows)."""
        return [(p.start, p.start + p.section.beats) for p in self.plan]

    def part_lines(self, part: int) -> tuple[int, int]:
        """(first, end) indexes into :attr:`lines` of ``part``."""
        return self._part_lines[part] if 0 <= part < len(self._part_lines) else (0, 0)

    def part_of_line(self, index: int) -> int:
        return self.lines[index].part if 0 <= index < len(self.lines) else 0

    def index_at(self, beat: float, part: int) -> int:
        """The line being sung at ``beat`` in ``part``: the last started line of that part, or
        the last line before the part while its first line has not started (-1 at the very
        start)."""
        first, end = self.part_lines(part)
        i = first - 1
        for j in range(first, end):
            if self.lines[j].start <= beat + 1e-9:
                i = j
        return i

    # ------------------------------------------------------------------ live adjustments
    def _group_end(self, part: int) -> int:
        """Index of the first verse after ``part`` (the end of the current verse with its chorus)."""
        for i in range(part + 1, len(self.plan)):
            if self.plan[i].section.kind == "verse":
                return i
        return len(self.plan)

    def repeat(self, part: int) -> bool:
        """Sing ``part`` once more, straight after itself."""
        if not 0 <= part < len(self.plan):
            return False
        self.plan.insert(part + 1, self.plan[part])
        self._build()
        return True

    def to_last_verse(self, part: int) -> bool:
        """After the current verse (and its chorus), go on with the last verse."""
        verses = [i for i, p in enumerate(self.plan) if p.section.kind == "verse"]
        if not verses or verses[-1] <= part:
            return False
        cut = self._group_end(part)
        if cut >= verses[-1]:
            return False
        del self.plan[cut:verses[-1]]
        self._build()
        return True

    def end_after_verse(self, part: int) -> bool:
        """End after the current verse (and its chorus); an outro at the end stays."""
        cut = self._group_end(part)
        tail = [p for p in self.plan[cut:] if p.section.kind == "outro"]
        if cut >= len(self.plan) or len(tail) == len(self.plan) - cut:
            return False
        self.plan[cut:] = tail[-1:]
        self._build()
        return True

    def order(self, part: int) -> tuple[tuple[str, str], ...]:
        """The parts in sung order as (short label, past|current|coming) for the pianist."""
        out = []
        for k, p in enumerate(self.plan):
            kind = p.section.kind
            short = f"V{p.verse_number}" if kind == "verse" and p.verse_number else (p.section.name or kind)[:8]
            if k and p.start <= self.plan[k - 1].start:     # the backing goes back: sung once more
                short += " igjen"
            out.append((short, "past" if k < part else "current" if k == part else "coming"))
        return tuple(out)

    # ------------------------------------------------------------------ lookups
    def current_index(self, beat: float) -> int:
        """Index of the line being sung (the last line started), -1 before the first."""
        return bisect_right(self._starts, beat + 1e-9) - 1

    def highlight_chars(self, line: TimedLine, beat: float, mode: str) -> int:
        if mode == "off" or beat < line.start:
            return 0
        if mode == "line" or not line.words:
            if mode == "word" and not line.words and line.end > line.start:
                # no word timing: spread the highlight over the line, whole words at a time
                part = (beat - line.start) / (line.end - line.start)
                target = int(len(line.text) * min(1.0, part))
                ends = [i for i, ch in enumerate(line.text + " ") if ch == " " and i >= target]
                return min(len(line.text), ends[0] if ends else len(line.text)) if part > 0 else 0
            return len(line.text)
        chars = 0
        for start, end in line.words:
            if beat + 1e-9 >= start:
                chars = end
        return chars

    def view(self, beat: float, max_lines: int = 4, mode: str = "word", index: int | None = None,
             current: int | None = None) -> tuple[LyricLine, ...]:
        """Lines on screen: the one sung stays in the second row, the one before above it
        (dim), the coming ones below, so the eye never has to look for its place and the next
        line is always on screen before it is due. ``index`` forces the current line and
        shows it as sung (manual advance); ``current`` forces the current line but keeps the
        highlight following ``beat`` (a repeat, the pedal); otherwise it comes from ``beat``."""
        cur = index if index is not None else current if current is not None else self.current_index(beat)
        out: list[LyricLine] = []
        first = max(cur, 0) - 1    # before the first line (count-in) it waits in the second row
        for i in range(first, first + max_lines):
            if i < 0 or i >= len(self.lines):
                out.append(LyricLine("", "empty"))
                continue
            ln = self.lines[i]
            if i < cur:
                state, chars = "past", len(ln.text)
            elif i == cur:
                state = "current"
                chars = len(ln.text) if index is not None else self.highlight_chars(ln, beat, mode)
            elif i == cur + 1:
                state, chars = "next", 0
            else:
                state, chars = "upcoming", 0
            out.append(LyricLine(ln.text, state, chars, ln.chords, ln.start))
        return tuple(out)

    def label_at(self, index: int) -> str:
        if not self.lines:
            return ""
        return self.lines[max(0, min(index, len(self.lines) - 1))].section_label

    def cue_at(self, index: int) -> str:
        if 0 <= index < len(self.lines):
            return self.lines[index].cue
        return ""


def section_label(kind: str, number: int, total: int, name: str, texts: dict[str, str]) -> str:
    if kind == "verse" and total > 1:
        return say(texts, "verse", n=number, total=total)
    if kind == "verse":
        return name
    return texts.get(kind, name or kind)


def felt_beat(numerator: int, denominator: int) -> float:
    """The beat people feel, in quarter notes: a dotted quarter in 6/8, 9/8 and 12/8 (two,
    three or four beats a bar, not six, nine or twelve), else the meter's own unit (a half note
    in 2/2, a quarter in 3/4). The count-in clicks use the same beat."""
    if denominator == 8 and numerator % 3 == 0 and numerator > 3:
        return 1.5
    return 4.0 / denominator


def pulse_at(tempo_map: TempoMap, beat: float, count_in_beats: float, bpm: float, start: float = 0.0) -> Pulse:
    """The pulse at ``beat`` (quarter notes), counted in the felt beat of the meter. Before
    ``start`` (where singing begins) it is counting in: ``count_in`` numbers 1, 2, 3… over the
    ``count_in_beats`` quarter notes before ``start``. ``bpm`` is quarter notes per minute."""
    meter = tempo_map.meter_at(max(beat, 0.0))
    unit = felt_beat(meter.numerator, meter.denominator)
    per_bar = max(1, int(round(meter.beats_per_bar / unit)))
    name = f"{meter.numerator}/{meter.denominator}"
    felt_bpm = bpm / unit
    if beat < start:
        rel = (beat - start) / unit
        k = math.floor(rel)                           # -4, -3, -2, -1 felt beats before singing
        in_bar = int((k + count_in_beats / unit) % per_bar) if count_in_beats else 0
        return Pulse(felt_bpm, per_bar, in_bar, rel - k, 0, count_in=in_bar + 1, meter=name)
    bar, in_bar = tempo_map.bar_beat(beat)
    felt = in_bar / unit
    whole = int(math.floor(felt + 1e-9))
    return Pulse(felt_bpm, per_bar, whole, felt - whole, bar, None, name)
