"""Write an in-memory :class:`~player.formats.song.Song` as song YAML (docs/script-format.md).

The text is laid out by hand so a conductor can read and edit it: inline ``[G]`` chords,
one mapping per line with ``start``/``length`` in beats (from the section start) and optional
``words`` (beat offsets from the line start). What the format has no key for (subtitle, capo,
comments, what the import dropped, "the timing is estimated") goes into ``#`` comments, since
the loader rejects unknown keys.
"""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from pathlib import Path

from player.formats.song import Line, Song

__all__ = ["song_id", "to_yaml", "write_song", "inline_chords", "fit_to_format", "ESTIMATED_MARK"]

ESTIMATED_MARK = "# timing: estimated"
_CHORD_NAME = re.compile(r"^[A-H][#b]?[A-Za-z0-9#b+°ø()/-]{0,10}$")
_KEY_NAME = re.compile(r"^[A-H][#b]?m?$")
#: the song format's longest line (beats; player/core/songfile.py)
MAX_LINE_BEATS = 1000


def fit_to_format(song: Song) -> None:
    """Bring ``song`` within the song format's limits, noting in ``song.notes`` what changed.

    Chord and key names the format cannot hold are dropped, ``[``/``]`` in lyrics become
    parentheses, long texts are cut, lines get 0.25 to 1000 beats, and word timing that does
    not match the words of the line (one offset per word, inside the line, not backwards) is
    dropped rather than written wrong.
    """
    if song.key and not _KEY_NAME.match(song.key):
        song.notes.append(f"tonearten «{song.key}» passer ikke i sangformatet (som C, F#, Bb, Am)")
        song.key = None
    song.title = song.title.strip()[:200] or "Uten tittel"
    if song.credits:
        song.credits = song.credits[:500]
    dropped: list[str] = []
    words_dropped = capped = 0
    for section in song.sections:
        section.name = section.name[:60]
        for line in section.lines:
            line.text = line.text.replace("[", "(").replace("]", ")")[:300]
            kept = [(min(i, len(line.text)), n) for i, n in line.chords if _CHORD_NAME.match(n)]
            dropped.extend(n for _, n in line.chords if not _CHORD_NAME.match(n))
            line.chords = kept
            if line.length is not None:
                if line.length > MAX_LINE_BEATS:
                    capped += 1
                line.length = min(MAX_LINE_BEATS, max(0.25, line.length))
            if line.words is not None:
                ok = (len(line.words) == len(line.text.split()) and line.length is not None
                      and all(0 <= w < line.length - 1e-6 for w in line.words)
                      and all(a <= b for a, b in zip(line.words, line.words[1:])))
                if not ok:
                    line.words = None
                    words_dropped += 1
    if dropped:
        song.notes.append("akkordnavn som sangformatet ikke kan holde er utelatt: " + ", ".join(sorted(set(dropped))))
    if capped:
        song.notes.append(f"{capped} linje(r) var lenger enn {MAX_LINE_BEATS} slag og er kortet ned (pausen etter står igjen)")
    if words_dropped:
        song.notes.append(f"ordtidene i {words_dropped} linje(r) passet ikke med ordene og er utelatt")


def song_id(title: str) -> str:
    """File stem for a title: ``"Ro, ro, ro din båt"`` → ``"ro-ro-ro-din-bat"``."""
    text = title.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a").replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:60].strip("-") or "sang"


def inline_chords(line: Line) -> str:
    """The line's text with its chords written inline: ``[G]Ro, ro, ro din [C]båt``."""
    out: list[str] = []
    position = 0
    for index, name in sorted(line.chords, key=lambda chord: chord[0]):
        index = max(0, min(index, len(line.text)))
        out.append(line.text[position:index])
        out.append(f"[{name}]")
        position = index
    out.append(line.text[position:])
    return "".join(out)


def _str(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _num(value: float) -> str:
    value = round(float(value), 4)
    return str(int(value)) if value == int(value) else repr(value)


def _comment(text: str, indent: str = "") -> list[str]:
    return [f"{indent}# {part}".rstrip() for part in text.splitlines() or [""]]


def to_yaml(song: Song, midi_name: str | None = None, audio_name: str | None = None) -> str:
    """The song YAML text for ``song``; ``midi_name``/``audio_name`` are file names beside it."""
    out: list[str] = []
    if song.source is not None:
        out.append(f"# Importert fra {song.source.name} med «helsekor import».")
    if song.estimated:
        out.append(ESTIMATED_MARK + " (anslått: kilden har ingen tider; én linje per takt-gruppe)")
    if song.subtitle:
        out.append(f"# subtitle: {song.subtitle}")
    if song.capo:
        out.append(f"# capo: {song.capo}")
    for text in song.comments:
        out.extend(_comment(text))
    for note in song.notes:
        out.extend(_comment(f"Ikke overført: {note}"))
    out.append("version: 1")
    out.append(f"title: {_str(song.title)}")
    if song.credits:
        out.append(f"credits: {_str(song.credits)}")
    out.append(f"meter: {song.meter}")
    out.append(f"tempo: {_num(song.tempo)}")
    if song.key:
        out.append(f"key: {_str(song.key)}")
    if midi_name:
        out.append(f"midi: {_str(midi_name)}")
    if audio_name:
        out.append(f"audio: {_str(audio_name)}")
        out.append(f"audio_start: {_num(song.audio_start or 0)}")
    out.append("sections:")
    for section in song.sections:
        out.append(f"  - id: {_str(section.id)}")
        for text in section.comments:
            out.extend(_comment(text, "    "))
        out.append(f"    name: {_str(section.name)}")
        out.append(f"    kind: {section.kind}")
        if section.bars is not None:
            out.append(f"    bars: {section.bars}")
        out.append("    lines:")
        for line in section.lines:
            out.append(f"      - text: {_str(inline_chords(line))}")
            if line.start is not None:
                out.append(f"        start: {_num(line.start)}")
            if line.length is not None:
                out.append(f"        length: {_num(line.length)}")
            if line.words:
                out.append("        words: [" + ", ".join(_num(w) for w in line.words) + "]")
            if line.cue:
                out.append(f"        cue: {_str(line.cue)}")
    listed = [section.id for section in song.sections]
    if song.order and song.order != listed:
        out.append("order: [" + ", ".join(_str(item) for item in song.order) + "]")
    return "\n".join(out) + "\n"


def write_song(song: Song, out_dir: Path, stem: str | None = None) -> list[Path]:
    """Write ``STEM.yaml`` (and ``STEM.mid`` / the audio file) into ``out_dir``.

    Returns the paths written. An existing file of the same name is not overwritten: the stem
    gets ``-2``, ``-3``… instead.
    """
    fit_to_format(song)
    out_dir.mkdir(parents=True, exist_ok=True)
    base = stem or song_id(song.title)
    stem = base
    counter = 1
    audio_suffix = song.audio_source.suffix.lower() if song.audio_source else ""
    while any((out_dir / f"{stem}{ext}").exists() for ext in (".yaml", ".mid", audio_suffix) if ext):
        counter += 1
        stem = f"{base}-{counter}"
    written: list[Path] = []
    midi_name = audio_name = None
    if song.midi_bytes is not None or song.midi_source is not None:
        midi_path = out_dir / f"{stem}.mid"
        if song.midi_bytes is not None:
            midi_path.write_bytes(song.midi_bytes)
        else:
            shutil.copyfile(song.midi_source, midi_path)
        midi_name = midi_path.name
        written.append(midi_path)
    if song.audio_source is not None:
        audio_path = out_dir / f"{stem}{audio_suffix}"
        shutil.copyfile(song.audio_source, audio_path)
        audio_name = audio_path.name
        written.append(audio_path)
    yaml_path = out_dir / f"{stem}.yaml"
    yaml_path.write_text(to_yaml(song, midi_name, audio_name), encoding="utf-8")
    written.insert(0, yaml_path)
    return written
