"""Lyrics from a MIDI file as the song model's sections (``lyrics: from-midi``).

Each .kar paragraph becomes a verse. Sections start on the bar line at or before their first
line, so that section k sits where the MIDI file sings it (section 0 starts at beat 0 and
holds any intro). Word timing comes from the syllables: a word starts at its first syllable.
Pure apart from reading the file; no threads, no locks.
"""

from __future__ import annotations

import math
from pathlib import Path

from player.core.model.data import Line, Meter, Section, Word
from player.midi.lyrics import KarLine, midi_lyrics
from player.midi.song import load_midi

__all__ = ["sections_from_midi"]


def _words(line: KarLine, text: str, start: float) -> tuple[Word, ...]:
    """One Word per word of ``text``, at the beat of the syllable it begins in (relative to
    ``start``)."""
    joined = ""
    owner: list[float] = []          # the beat of the syllable each character of ``joined`` is in
    for syl in line.syllables:
        joined += syl.text
        owner += [syl.beat] * len(syl.text)
    beats = []
    i = 0
    while i < len(joined):
        if not joined[i].isspace() and (i == 0 or joined[i - 1].isspace()):
            beats.append(owner[i])
        i += 1
    spans = [(m_start, m_start + len(w)) for m_start, w in _split(text)]
    if len(beats) != len(spans):
        return ()
    return tuple(Word(text[a:b], round(t - start, 6), a, b) for (a, b), t in zip(spans, beats))


def _split(text: str):
    pos = 0
    for w in text.split(" "):
        if w:
            yield pos, w
        pos += len(w) + 1


def sections_from_midi(path: Path, meter: Meter) -> list[Section]:
    song = load_midi(path)
    lines = midi_lyrics(song)
    if not lines:
        return []
    tm = song.tempo_map
    paragraphs: dict[int, list[KarLine]] = {}
    for ln in lines:
        paragraphs.setdefault(ln.paragraph, []).append(ln)
    groups = [paragraphs[k] for k in sorted(paragraphs)]
    starts = [0.0]
    for group in groups[1:]:
        bar, _ = tm.bar_beat(group[0].start_beat)
        starts.append(max(starts[-1], tm.beat_of_bar(bar)))
    last_end = max(song.length_beats, max(ln.end_beat for ln in lines))
    bpb = meter.beats_per_bar
    end = math.ceil(last_end / bpb - 1e-9) * bpb
    out: list[Section] = []
    for k, group in enumerate(groups):
        s0 = starts[k]
        s1 = starts[k + 1] if k + 1 < len(groups) else max(end, s0 + bpb)
        model_lines = []
        for ln in group:
            length = max(0.25, min(ln.end_beat, s1) - ln.start_beat)
            model_lines.append(Line(ln.text, round(ln.start_beat - s0, 6), round(length, 6), (),
                                    _words(ln, ln.text, ln.start_beat)))
        out.append(Section(f"v{k + 1}", f"Vers {k + 1}", "verse", tuple(model_lines), s1 - s0))
    return out
