"""The session as data: frozen dataclasses made by the loader, every reference resolved.

Units: beats are quarter notes, counted from 0 at bar 1 of a song; ``tempo`` is quarter notes
per minute; durations are seconds. Line and word timing inside a :class:`Section` is relative
to the start of that section; :meth:`Song.plan` places sections on the song's beat line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "LEAD_MODES", "Cue", "Meter", "Word", "Line", "Section", "Song", "BreathPhase", "Exercise", "Step", "Session",
    "PlannedSection",
]

#: who leads a song: its backing, a pedal, tapping, or MIDI clock from the pianist's keyboard
LEAD_MODES = ("backing", "pedal", "tap", "midi-clock", "follow")


@dataclass(frozen=True)
class Meter:
    beats: int = 4      # numerator
    unit: int = 4       # denominator (2, 4 or 8)

    @property
    def beats_per_bar(self) -> float:
        """Length of a bar in quarter-note beats (6/8 → 3.0)."""
        return self.beats * 4 / self.unit

    def __str__(self) -> str:
        return f"{self.beats}/{self.unit}"


@dataclass(frozen=True)
class Cue:
    """MIDI messages for the pianist's keyboard, as in a show-control cue list: sent when the
    step starts (``bar`` None) or at the start of ``bar`` (1-based) of the song. ``send`` is
    the cue as written (text such as "program 5 bank 2", or a mapping); see player.midi.cues."""

    bar: int | None
    send: object
    line: int = 0


@dataclass(frozen=True)
class Word:
    """A word (or syllable) of a line: ``offset`` in beats from the line's start."""

    text: str
    offset: float
    char_start: int     # index into Line.text
    char_end: int


@dataclass(frozen=True)
class Line:
    text: str                                   # as shown to participants (no chords)
    start: float                                # beats from the section start
    length: float                               # beats
    chords: tuple[tuple[int, str], ...] = ()    # (character index in text, chord name)
    words: tuple[Word, ...] = ()                # empty when the song has no word timing
    cue: str = ""                               # movement cue

    @property
    def end(self) -> float:
        return self.start + self.length


@dataclass(frozen=True)
class Section:
    id: str
    name: str
    kind: str               # verse | chorus | bridge | intro | outro
    lines: tuple[Line, ...]
    beats: float            # length of the section in beats


@dataclass(frozen=True)
class PlannedSection:
    """A section as sung: where it starts on the song's beat line, and its label."""

    section: Section
    start: float            # beats from bar 1 of the song (the backing's timeline)
    verse_number: int       # 1-based among verses, 0 for other kinds
    verse_count: int


@dataclass(frozen=True)
class Song:
    id: str
    path: Path
    title: str
    credits: str
    meter: Meter
    tempo: float
    key: str
    range: str
    sections: tuple[Section, ...]
    order: tuple[str, ...]
    midi: Path | None = None
    audio: Path | None = None
    audio_start: float = 0.0            # seconds into the audio file where beat 0 is
    beat_times: tuple[float, ...] = ()  # optional seconds of each beat in the audio file
    count_in_bars: int | None = None
    lyrics_from_midi: bool = False
    program: int | None = None          # program (1–128) for the pianist's keyboard at the start
    cues: tuple[Cue, ...] = ()          # MIDI cues for the pianist's keyboard

    def section(self, section_id: str) -> Section:
        return next(s for s in self.sections if s.id == section_id)

    @property
    def verse_count(self) -> int:
        return sum(1 for sid in self.order if self.section(sid).kind == "verse")

    def plan(self, verses: tuple[int, ...] | None = None) -> tuple[PlannedSection, ...]:
        """The sections sung, in order, with their start on the song's (backing's) beat line.

        ``verses`` picks verses by number (1-based); a chorus or bridge goes with the verse
        before it, an intro is always kept. Skipped sections leave gaps in ``start``: the
        backing jumps over them.
        """
        out = []
        position = 0.0
        verse_no = 0
        keep = True
        total = self.verse_count
        for sid in self.order:
            section = self.section(sid)
            if section.kind == "verse":
                verse_no += 1
                keep = verses is None or verse_no in verses
            elif section.kind == "intro":
                keep = True
            if keep:
                number = verse_no if section.kind == "verse" else 0
                out.append(PlannedSection(section, position, number, total))
            position += section.beats
        return tuple(out)

    def beats_sung(self, verses: tuple[int, ...] | None = None) -> float:
        return sum(p.section.beats for p in self.plan(verses))


@dataclass(frozen=True)
class BreathPhase:
    phase: str          # inhale | exhale | sound | hold
    seconds: float
    text: str = ""      # shown word; default from the language's texts


@dataclass(frozen=True)
class Exercise:
    id: str
    path: Path
    title: str
    kind: str                                   # breathing | pulse | movement | timed
    instructions: tuple[str, ...]
    picture: Path | None = None
    duration: float | None = None               # seconds
    repeats: int | None = None
    tempo: float | None = None
    meter: Meter = Meter()
    breathing: tuple[BreathPhase, ...] = ()
    count_in_bars: int = 1
    call_bars: int = 1
    response_bars: int = 1
    patterns: tuple[str, ...] = ()
    song: Song | None = None

    @property
    def cycle_seconds(self) -> float:
        return sum(p.seconds for p in self.breathing)


@dataclass(frozen=True)
class Step:
    index: int                      # 0-based
    kind: str                       # text | pause | exercise | song | video
    title: str
    file: str                       # where the step is written (for messages)
    line: int
    text: str = ""                  # the card text (text and pause steps)
    subtitle: str = ""
    note: str = ""                  # for the conductor only
    duration: float | None = None   # seconds, when given or implied
    repeats: int | None = None
    tempo_scale: float = 1.0
    transpose: int = 0
    verses: tuple[int, ...] | None = None
    backing: str = "none"           # midi | audio | none (resolved)
    lead: str = "backing"           # backing | pedal | tap | midi-clock (who leads a song)
    then: str = "hold"              # next | hold
    song: Song | None = None        # song steps and movement exercises
    exercise: Exercise | None = None
    video: Path | None = None
    planned_seconds: float = 0.0
    cues: tuple[Cue, ...] = ()


@dataclass(frozen=True)
class Session:
    path: Path
    title: str
    language: str
    steps: tuple[Step, ...]

    @property
    def planned_seconds(self) -> float:
        return sum(s.planned_seconds for s in self.steps)
