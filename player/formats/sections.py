"""Cut timed lines into bar-aligned sections, and guess timing for songs that have none.

All numbers are beats (quarter notes). The song YAML says section k starts where section k-1
ended, and a section lasts ``bars`` bars; so every section here starts on a bar line of the
song's meter and gets an explicit ``bars``. A line that would run into the next section is
shortened, and one pushed later by an overlapping line before it keeps its end; a paragraph that starts inside the bar where the previous line started is joined
to the previous section (noted in the song's ``notes``).
"""

from __future__ import annotations

import math

from player.core.script.lyrictext import estimated_beats, syllables as count_syllables
from player.formats.song import Line, Section, Song, TimedLine
from player.core.model.messages import tr

__all__ = ["sectionize", "estimate_timing", "count_syllables", "section_label"]

_EPS = 1e-6
#: shortest line written (the song format's own lower limit, see writer.fit_to_format)
MIN_LINE_BEATS = 0.25

_NAMES = {"verse": "Vers", "chorus": "Refreng", "bridge": "Bro", "intro": "Intro", "outro": "Avslutning"}


def section_label(kind: str, number: int | None) -> str:
    """Norwegian name shown to participants: ``("verse", 2)`` → ``"Vers 2"``."""
    base = _NAMES.get(kind, "Vers")
    return f"{base} {number}" if number else base


def _floor_bar(beat: float, bar: float) -> float:
    return math.floor(beat / bar + _EPS) * bar


def _ceil_bar(beat: float, bar: float) -> float:
    return math.ceil(beat / bar - _EPS) * bar


def sectionize(song: Song, lines: list[TimedLine], total: float | None = None) -> None:
    """Fill ``song.sections`` from ``lines`` (sorted by start, absolute beats from 0).

    ``total`` is the length of the whole song (MIDI/audio) in beats: the last section lasts
    until then (rounded up to a bar), so the sections cover the backing.

    Section ids are ``v1, v2…`` / ``c1…`` by kind; names follow :func:`section_label`.
    """
    bar = song.beats_per_bar
    groups: list[list[TimedLine]] = []
    for line in sorted(lines, key=lambda item: item.start):
        if not groups or line.paragraph:
            groups.append([line])
        else:
            groups[-1].append(line)
    # Merge a paragraph that starts in the same bar as the previous line (cannot align).
    merged: list[list[TimedLine]] = []
    for group in groups:
        if merged:
            prev_last = merged[-1][-1]
            if _floor_bar(group[0].start, bar) <= prev_last.start + _EPS:
                song.notes.append(tr('The section that begins with «{text}» was joined with the section before (it begins in the same bar).', text=group[0].text))
                merged[-1].extend(group)
                continue
        merged.append(group)
    counters: dict[str, int] = {}
    song.sections = []
    section_start = 0.0
    for index, group in enumerate(merged):
        next_start = _floor_bar(merged[index + 1][0].start, bar) if index + 1 < len(merged) else None
        kind = group[0].kind
        counters[kind] = counters.get(kind, 0) + 1
        prefix = {"verse": "v", "chorus": "c", "bridge": "b", "intro": "i", "outro": "o"}.get(kind, "v")
        section = Section(id=f"{prefix}{counters[kind]}",
                          name=group[0].name or section_label(kind, counters[kind] if kind == "verse" else None),
                          kind=kind)
        prev_end = section_start
        for line in group:
            start = max(line.start, prev_end)
            # a line pushed later by the one before keeps its own end (the next line's start)
            end = max(line.start + max(line.length, 0.0), start + min(line.length, MIN_LINE_BEATS))
            if next_start is not None:
                end = min(end, next_start)
            if end - start <= _EPS:
                end = start + min(1.0, (next_start - start) if next_start is not None else 1.0)
            offset = start - line.start
            section.lines.append(Line(
                text=line.text, chords=list(line.chords), start=round(start - section_start, 4),
                length=round(end - start, 4),
                words=[round(max(0.0, w - offset), 4) for w in line.words] if line.words else None,
                syllables=[(round(max(0.0, t - offset), 4), s) for t, s in line.syllables] if line.syllables else None))
            prev_end = end
        section_end = next_start if next_start is not None else _ceil_bar(max(prev_end, total or 0.0), bar)
        section.bars = max(1, round((section_end - section_start) / bar))
        song.sections.append(section)
        section_start = section_start + section.bars * bar


def estimate_timing(song: Song) -> None:
    """Give every line of ``song`` a start and length when none of them has one.

    Each line gets whole bars: one beat per syllable, rounded up to bars (at least one bar).
    Sets ``song.estimated``. Lines that already carry timing are left alone.
    """
    bar = song.beats_per_bar
    changed = False
    for section in song.sections:
        position = 0.0
        for line in section.lines:
            if line.start is not None and line.length is not None:
                position = line.start + line.length
                continue
            line.start = position
            line.length = estimated_beats(line.text, bar)     # as the loader estimates a line without timing
            position += line.length
            changed = True
    if changed:
        song.estimated = True
