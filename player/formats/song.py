"""The in-memory song that every importer fills and every exporter reads.

Units: every ``start``/``length``/word offset is in **beats** (quarter notes), as in the song
YAML (docs/script-format.md). Line ``start`` counts from the start of its section; word offsets
count from the start of their line. Importers that know absolute times (MIDI ticks, LRC
seconds, MusicXML divisions) build :class:`TimedLine` lists and hand them to
:func:`player.formats.sections.sectionize`, which cuts them into bar-aligned sections.

Nothing here touches files; :mod:`player.formats.writer` writes YAML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Line", "Section", "Song", "TimedLine", "SECTION_KINDS"]

SECTION_KINDS = ("verse", "chorus", "bridge", "intro", "outro")


@dataclass
class Line:
    """One sung line: plain ``text`` plus chords placed at character indices of that text.

    ``chords`` holds ``(index, name)`` pairs: the chord sounds from the character at ``index``
    on (``index == len(text)`` means after the last word). ``start``/``length`` are beats from
    the start of the section, ``words`` beat offsets of each word from the line start,
    ``syllables`` ``(offset_beats, text)`` pairs when the source times syllables (kept for
    reports and MIDI; the song YAML carries word timing).
    """

    text: str
    chords: list[tuple[int, str]] = field(default_factory=list)
    start: float | None = None
    length: float | None = None
    words: list[float] | None = None
    syllables: list[tuple[float, str]] | None = None
    cue: str | None = None


@dataclass
class Section:
    """A verse, chorus, bridge, intro or outro. ``bars`` fixes its length (else derived)."""

    id: str
    name: str
    kind: str = "verse"
    lines: list[Line] = field(default_factory=list)
    bars: int | None = None
    comments: list[str] = field(default_factory=list)


@dataclass
class Song:
    """A whole song as imported. ``estimated`` is true when the timing was guessed.

    ``notes`` collects what the import could not carry over (shown in the import report and
    written as YAML comments). ``midi_source``/``midi_bytes`` name a MIDI file to place
    beside the YAML; ``audio_source`` an audio file to copy beside it.
    """

    title: str
    credits: str | None = None
    subtitle: str | None = None
    meter: str = "4/4"
    tempo: float = 100
    key: str | None = None
    capo: int | None = None
    sections: list[Section] = field(default_factory=list)
    order: list[str] | None = None
    estimated: bool = False
    audio_start: float | None = None
    midi_source: Path | None = None
    midi_bytes: bytes | None = None
    audio_source: Path | None = None
    comments: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    source: Path | None = None

    @property
    def beats_per_bar(self) -> float:
        """Length of one bar in quarter-note beats (6/8 → 3)."""
        num, den = self.meter.split("/")
        return int(num) * 4 / int(den)


@dataclass
class TimedLine:
    """A line with absolute timing in beats from the start of the song (before sectioning).

    ``words`` and ``syllables`` offsets count from the line's own ``start``.

    ``paragraph`` starts a new section at this line; ``kind``/``name`` label that section.
    """

    text: str
    start: float
    length: float
    chords: list[tuple[int, str]] = field(default_factory=list)
    words: list[float] | None = None
    syllables: list[tuple[float, str]] | None = None
    paragraph: bool = False
    kind: str = "verse"
    name: str | None = None
