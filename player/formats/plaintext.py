"""Plain lyric text (``.txt``) import: the words of a song as a conductor or a web page has them.

The text is read in any common encoding (:func:`player.formats.text.read_text`: a BOM, UTF-8,
CP1252, Latin-1). Blank lines separate verses; a block that comes back is the chorus, sung each
time it comes; ``Refreng:``/``Ref.``/``Kor`` before a block marks a chorus and alone repeats it;
verse numbers (``1.``) are left out (the rules of ``lyrics: |`` in a song file, one module for
both: :mod:`player.core.script.lyrictext`).

A first block that looks like a title becomes the title: one short line that does not run on
(no comma, semicolon or hyphen at its end), optionally followed by a line of credits (``Tekst:``,
``Melodi:``, ``Musikk:`` … or a year). Without one the first sung line is the title. The text
has no timing, so it is estimated (a beat per syllable in whole bars, 4/4, tempo 100).

Chords written over the words, as song sites and tab books do (a line of only chord names such
as ``G     C    D7``), go over the syllable below them; a chord line with no words under it is
left out (and reported). Brackets in the words are not chords here: they become parentheses.
"""

from __future__ import annotations

import re
from pathlib import Path

from player.core.script.lyrictext import lyric_blocks
from player.formats.chordpro import split_chords
from player.formats.fit import MAX_SOURCE_LINES
from player.formats.safeio import LIMITS
from player.formats.sections import estimate_timing, section_label
from player.formats.song import Line, Section, Song
from player.formats.text import read_text
from player.core.model.messages import tr

__all__ = ["parse_plain_text", "read_plain_text"]

_CREDIT = re.compile(r"^(tekst|melodi|musikk|tone|ord|forfatter|komponist|oversatt|lyrics|words|music)\b|\b1\d{3}\b",
                     re.IGNORECASE)
_RUNS_ON = re.compile(r"[,;:\-–]\s*$")
_CHORD = re.compile(r"^[A-H][#b]?(m|maj|min|dim|aug|sus|add|M)?\d{0,2}(sus\d|add\d|[#b]\d{1,2})?(/[A-H][#b]?)?$")
MAX_TITLE = 60


def _paragraphs(rows: list[str]) -> list[list[str]]:
    out: list[list[str]] = [[]]
    for row in rows:
        if row.strip():
            out[-1].append(row.strip())
        elif out[-1]:
            out.append([])
    return [p for p in out if p]


def _chord_line(row: str) -> bool:
    return bool(row.split()) and all(_CHORD.match(token) for token in row.split())


def _place_chords(rows: list[str], notes: list[str]) -> list[str]:
    """The rows with brackets made parentheses and each chord line set into the line under it
    as inline ``[G]`` chords at their columns (a chord past the end of the words goes at its end)."""
    out: list[str] = []
    dropped = 0
    for index, row in enumerate(rows):
        if _chord_line(row):
            below = rows[index + 1] if index + 1 < len(rows) else ""
            if not below.strip() or _chord_line(below):
                dropped += 1
            continue
        text = row.replace("[", "(").replace("]", ")")
        above = rows[index - 1] if index > 0 else ""
        if _chord_line(above) and text.strip():
            for match in reversed(list(re.finditer(r"\S+", above))):
                at = min(match.start(), len(text))
                text = f"{text[:at]}[{match.group()}]{text[at:]}"
        out.append(text)
    if dropped:
        notes.append(tr('{dropped} chord line(s) with no text under them are left out', dropped=dropped))
    return out


def _title_block(paragraphs: list[list[str]]) -> tuple[str, str] | None:
    """``(title, credits)`` when the first paragraph is a title (and credits), else None."""
    if len(paragraphs) < 2:
        return None
    first = paragraphs[0]
    title = first[0]
    if len(first) > 2 or len(title) > MAX_TITLE or _RUNS_ON.search(title) or _chord_line(title):
        return None
    if len(first) == 2 and not _CREDIT.search(first[1]):
        return None
    return title, first[1] if len(first) == 2 else ""


def parse_plain_text(text: str, source: Path | None = None) -> Song:
    """The song in plain lyric ``text`` (see the module docstring), with estimated timing."""
    song = Song(title="", source=source)
    rows = text.split("\n")
    if len(rows) > MAX_SOURCE_LINES:
        song.notes.append(tr('the file has {n} lines; only the first {MAX_SOURCE_LINES} are read', n=len(rows), MAX_SOURCE_LINES=MAX_SOURCE_LINES))
        rows = rows[:MAX_SOURCE_LINES]
    head = _title_block(_paragraphs(rows))
    if head is not None:
        song.title, song.credits = head[0], head[1] or None
        skip = 0
        while not rows[skip].strip():
            skip += 1
        rows = rows[skip + (2 if head[1] else 1):]
    blocks, order = lyric_blocks("\n".join(_place_chords(rows, song.notes)))
    verses = 0
    for block in blocks:
        verses += block.kind == "verse"
        name = section_label(block.kind, verses if block.kind == "verse" else None)
        lines = [Line(*split_chords(line)) for line in block.lines]
        song.sections.append(Section(id=block.id, name=name, kind=block.kind, lines=lines))
    song.order = order if order != [b.id for b in blocks] else None
    if not song.title:
        first = song.sections[0].lines[0].text if song.sections else ""
        song.title = re.sub(r"[\s,.;:!?–-]+$", "", first) or (source.stem if source else "") or "Uten tittel"
    if not song.sections:
        raise ValueError(tr("the file has no words to sing"))
    estimate_timing(song)
    return song


def read_plain_text(path: Path) -> Song:
    """Read a ``.txt`` file of lyrics (any common encoding; at most :data:`LIMITS` ``["text"]``)."""
    return parse_plain_text(read_text(Path(path), LIMITS["text"]), source=Path(path))
