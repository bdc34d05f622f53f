"""LRC and enhanced LRC lyric files → an audio-backed song.

Seconds become beats by writing the song at ``tempo: 60`` in ``4/4``: one beat is one second of
the recording and ``audio_start: 0`` puts beat 0 at the start of the file, so the loader's own
beat↔second maths gives back the LRC times exactly (tempo changes of the recording do not
matter: the audio clock rules). Sections (bars of 4 s) are cut at empty timed lines, which LRC
files use as verse gaps.

Carried: ``[ti:]`` title, ``[ar:]``/``[au:]`` (→ credits), ``[al:]``/``[by:]`` (comments),
``[offset:±ms]`` (positive = lyrics earlier), line stamps ``[mm:ss.xx]`` (several per line =
a repeated line), enhanced word stamps ``<mm:ss.xx>`` (→ word timing; stamps inside a word are
syllables). Lines without a stamp (notes, other formats appended) and a second text at the
same stamp (a translation) are left out and reported. The audio file of the same name beside
the .lrc (.mp3 .ogg .flac .wav .m4a .opus) is copied beside the YAML; without one the report
says to add ``audio:``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from player.core.model.errors import MediaError, ScriptError
from player.formats.fit import MAX_SOURCE_LINES
from player.formats.safeio import AUDIO_LIMIT, LIMITS, check_regular
from player.formats.sections import sectionize
from player.formats.song import Song, TimedLine
from player.formats.text import read_text
from player.core.model.messages import tr

__all__ = ["read_lrc", "parse_lrc", "AUDIO_SUFFIXES"]

AUDIO_SUFFIXES = (".mp3", ".ogg", ".oga", ".flac", ".wav", ".m4a", ".opus")
_STAMP = re.compile(r"\[(\d{1,3}):(\d{1,2}(?:[.:]\d{1,3})?)\]")
_WORD = re.compile(r"<(\d{1,3}):(\d{1,2}(?:[.:]\d{1,3})?)>")
_TAG = re.compile(r"^\[([a-zA-Z#]+):(.*)\]\s*$")
_LAST_LINE_SECONDS = 4.0
_MAX_STAMPS = 100          # times one line is sung: more is not a song


def _seconds(minutes: str, seconds: str) -> float:
    return int(minutes) * 60 + float(seconds.replace(":", "."))


def _words(text: str, start: float) -> tuple[str, list[float], list[tuple[float, str]]]:
    """Strip ``<mm:ss.xx>`` stamps: plain text, word offsets and syllables (seconds from start)."""
    pieces = _WORD.split(text)
    plain = pieces[0]
    words: list[float] = []
    syllables: list[tuple[float, str]] = []
    for index in range(1, len(pieces), 3):
        at = _seconds(pieces[index], pieces[index + 1]) - start
        piece = pieces[index + 2]
        if piece.strip():
            if not plain or plain.endswith(" ") or piece.startswith(" "):
                words.append(round(max(0.0, at), 3))
            syllables.append((round(max(0.0, at), 3), piece.strip()))
        plain += piece
    return " ".join(plain.split()), words, syllables


def parse_lrc(text: str, path: Path) -> Song:
    """Parse LRC text; ``path`` names the file in errors and finds the audio beside it."""
    song = Song(title=path.stem, meter="4/4", tempo=60, source=path, audio_start=0.0)
    tags: dict[str, str] = {}
    stamped: list[tuple[float, str, int]] = []
    untimed: list[int] = []
    second_texts: list[int] = []
    many = 0
    rows = text.splitlines()
    if len(rows) > MAX_SOURCE_LINES:
        song.notes.append(tr('the file has {n} lines; only the first {MAX_SOURCE_LINES} are read', n=len(rows), MAX_SOURCE_LINES=MAX_SOURCE_LINES))
        rows = rows[:MAX_SOURCE_LINES]
    for number, raw in enumerate(rows, start=1):
        line = raw.strip()
        if not line:
            continue
        tag = _TAG.match(line)
        if tag and not _STAMP.match(line):
            tags[tag.group(1).lower()] = tag.group(2).strip()
            continue
        stamps = []
        position = 0
        while True:
            match = _STAMP.match(line, position)
            if not match:
                break
            if len(stamps) < _MAX_STAMPS:
                stamps.append(_seconds(match.group(1), match.group(2)))
            elif not many:
                many = number
            position = match.end()
        line = line[position:]
        if not stamps:
            untimed.append(number)
            continue
        line = _STAMP.sub(lambda m: f"<{m.group(1)}:{m.group(2)}>", line)  # inner stamps time words
        stamped.extend((t, line, number) for t in stamps)
    if many:
        song.notes.append(tr('line {many} has more than {MAX_STAMPS} time tags; the rest are left out', many=many, MAX_STAMPS=_MAX_STAMPS))
    if not stamped:
        where = tr(" (the first line without a time tag: {line})", line=untimed[0]) if untimed else ""
        raise ScriptError.single(path, tr('no time-tagged lines [mm:ss.xx] found in the LRC file{where}', where=where),
                                 line=untimed[0] if untimed else 1)
    if untimed:
        shown = ", ".join(str(n) for n in untimed[:5]) + (" …" if len(untimed) > 5 else "")
        song.notes.append(tr('{n} line(s) without a time tag are left out (line {shown})', n=len(untimed), shown=shown))
    offset = 0.0
    if tags.get("offset"):
        try:
            offset = max(-3600.0, min(3600.0, int(tags["offset"].replace("+", "")[:12]) / 1000.0))
        except ValueError:
            song.notes.append(tr('[offset:{tags}] is not a whole number (milliseconds)', tags=tags['offset']))
    song.title = tags.get("ti") or path.stem
    credits = [tags[k] for k in ("ar",) if tags.get(k)]
    if tags.get("au") and tags.get("au") != tags.get("ar"):
        credits.append(f"Tekst: {tags['au']}")
    song.credits = " · ".join(credits) or None
    for key, label in (("al", "album"), ("by", "LRC laget av"), ("re", "program"), ("length", "lengde")):
        if tags.get(key):
            song.comments.append(f"{label}: {tags[key]}")
    stamped.sort(key=lambda item: (item[0], item[2]))
    kept: list[tuple[float, str, int]] = []
    for item in stamped:  # a second text at the same stamp is a translation: keep the first
        if kept and abs(kept[-1][0] - item[0]) < 1e-9 and _words(kept[-1][1], 0)[0] and _words(item[1], 0)[0]:
            second_texts.append(item[2])
            continue
        kept.append(item)
    stamped = kept
    if second_texts:
        song.notes.append(tr('{n} line(s) with the same time tag as the line before (a translation) are left out; used the first text (line {map})', n=len(second_texts), map=', '.join(map(str, sorted(set(second_texts))[:5]))))
    if offset:
        song.comments.append(f"[offset:{tags['offset']}] er regnet inn i tidene")
    timed: list[TimedLine] = []
    gap = True
    for index, (at, raw, number) in enumerate(stamped):
        at = max(0.0, at - offset)
        plain, words, syllables = _words(raw, at + offset)
        next_at = stamped[index + 1][0] - offset if index + 1 < len(stamped) else None
        if not plain:
            gap = True
            continue
        length = (next_at - at) if next_at is not None else max(_LAST_LINE_SECONDS, (words[-1] + 1) if words else 0)
        timed.append(TimedLine(text=plain, start=round(at, 3), length=round(max(length, 0.25), 3),
                               words=words or None, syllables=syllables or None, paragraph=gap and bool(timed)))
        gap = False
    if not timed:
        raise ScriptError.single(path, tr('the LRC file has time tags but no text'))
    sectionize(song, timed)
    song.audio_source = _audio_beside(path, song)
    if song.audio_source is None:
        song.notes.append(tr('no audio file of the same name beside the LRC file; add «audio:» to the song file'))
    return song


def _audio_beside(path: Path, song: Song) -> Path | None:
    """The recording of the same name beside ``path``: only a regular file of at most
    :data:`~player.formats.safeio.AUDIO_LIMIT` bytes (a directory, a FIFO or a link to a device
    is reported and left alone; it is checked again, open, when it is copied)."""
    for suffix in AUDIO_SUFFIXES:
        for candidate in (path.with_suffix(suffix), path.with_suffix(suffix.upper())):
            if not os.path.lexists(candidate):
                continue
            try:
                check_regular(candidate, AUDIO_LIMIT)
            except MediaError as err:
                song.notes.append(tr('the audio file beside it is not copied: {err}', err=err))
                continue
            return candidate
    return None


def read_lrc(path: Path) -> Song:
    """Read an ``.lrc`` file (any common encoding)."""
    return parse_lrc(read_text(path, LIMITS["lrc"]), path)
