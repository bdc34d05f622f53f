"""The song editor's work: pasted plain lyrics become a song (the plain-text import: blank lines
between verses, a block that comes back is the chorus) with estimated timing, or with the timing
tapped along a MIDI backing or a recording; the song is checked by the loader and saved by the
importers' writer (which checks it again before it is put in place)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from player.formats.plaintext import parse_plain_text
from player.formats.song import Song
from player.formats.writer import fit_to_format, to_yaml

__all__ = ["SongForm", "build_song", "apply_taps", "sung_lines", "MAX_MIDI_BYTES", "MAX_AUDIO_BYTES"]

MAX_MIDI_BYTES = 1 << 20            # the loader's own limit for a MIDI file
MAX_AUDIO_BYTES = 40 << 20
AUDIO_SUFFIXES = (".ogg", ".mp3", ".wav", ".flac", ".m4a")


@dataclass
class SongForm:
    """What the song editor sends (every field checked here or by the loader)."""

    text: str
    title: str = ""
    credits: str = ""
    meter: str = ""
    tempo: float | None = None
    key: str = ""
    taps: tuple[float, ...] = ()      # beats on the backing's beat line where each sung line starts


def sung_lines(song: Song) -> list[tuple[str, int]]:
    """(section id, line index) of every line in the order it is sung."""
    order = song.order or [s.id for s in song.sections]
    by_id = {s.id: s for s in song.sections}
    return [(sid, i) for sid in order if sid in by_id for i in range(len(by_id[sid].lines))]


def build_song(form: SongForm) -> Song:
    """The song of the form (raises ValueError with the importer's words for text with no lines)."""
    if len(form.text) > 200_000:
        raise ValueError("teksten er for lang")
    song = parse_plain_text(form.text)
    if form.title.strip():
        song.title = form.title.strip()[:200]
    if form.credits.strip():
        song.credits = form.credits.strip()[:500]
    if form.meter.strip():
        song.meter = form.meter.strip()
    if form.tempo:
        song.tempo = float(form.tempo)
    if form.key.strip():
        song.key = form.key.strip()[:10]
    if form.meter.strip() or form.tempo:
        for section in song.sections:       # estimated again in the meter and tempo asked for
            for line in section.lines:
                line.start = line.length = None
        from player.formats.sections import estimate_timing
        estimate_timing(song)
    if form.taps:
        apply_taps(song, list(form.taps))
    fit_to_format(song)
    return song


def _beats_per_bar(song: Song) -> float:
    num, _, den = song.meter.partition("/")
    return int(num) * 4 / int(den)


def apply_taps(song: Song, taps: list[float]) -> None:
    """Set the timing from ``taps``: the beat where each sung line starts, in sung order (more
    taps than lines are ignored; fewer leave the rest estimated). Each section takes its timing
    from the first time it is sung (the first
    section at beat 0, so an introduction is a late first line) and lasts until the next
    section sung starts; a section starts on the bar nearest its first tap (a tap a little
    early still starts the line on the bar)."""
    order = sung_lines(song)
    taps = sorted(t for t in taps if isinstance(t, (int, float)) and math.isfinite(t) and t >= 0)[:len(order)]
    if not taps:
        return
    bar = _beats_per_bar(song)
    by_id = {s.id: s for s in song.sections}
    starts: list[float] = []             # where each sung section begins
    firsts = [k for k, (sid, i) in enumerate(order) if i == 0]
    for n, k in enumerate(firsts):
        if n == 0 or k >= len(taps) or starts[-1] is None:
            starts.append(0.0 if n == 0 else None)
        else:
            starts.append(max(starts[-1] + bar, round(taps[k] / bar) * bar))
    done: set[str] = set()
    for n, k in enumerate(firsts):
        sid = order[k][0]
        if sid in done or starts[n] is None:
            continue
        done.add(sid)
        section = by_id[sid]
        end = starts[n + 1] if n + 1 < len(starts) and starts[n + 1] is not None else None
        count = len(section.lines)
        for i, line in enumerate(section.lines):
            if k + i >= len(taps):
                break
            nxt = taps[k + i + 1] if i + 1 < count and k + i + 1 < len(taps) else end
            line.start = round(max(0.0, taps[k + i] - starts[n]), 3)   # a tap just before the bar: on it
            nxt = max(nxt, starts[n] + line.start + 0.5) if nxt is not None else None
            line.length = round((nxt - starts[n] - line.start) if nxt is not None else line.length or bar, 3)
            line.words = None
        last = section.lines[-1]
        if end is not None:
            section.bars = max(1, round((end - starts[n]) / bar))
        elif last.start is not None and last.length is not None:
            section.bars = max(1, math.ceil((last.start + last.length) / bar - 1e-6))
    song.estimated = len(taps) < len(order)


def song_yaml(song: Song, midi_name: str | None = None, audio_name: str | None = None) -> str:
    return to_yaml(song, midi_name, audio_name)
