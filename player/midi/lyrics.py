"""Lyrics inside MIDI files (``lyrics: from-midi``): lines, syllables and beats.

Follows the .kar convention: a syllable beginning with ``/`` starts a new line, one beginning
with ``\\`` starts a new paragraph (a verse) and a new line; a syllable ending in a carriage
return or newline ends its line. Text is decoded as UTF-8 when the whole file's lyric bytes are
valid UTF-8, else as CP1252 (Latin-1 for the bytes CP1252 leaves undefined). Lyric meta events
are used when the file has any, else text events (without the ``@`` header lines of .kar files).

Beats are quarter notes from bar 1 (beat 0). Pure apart from reading the file; no threads, no locks.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from player.midi.song import MidiSong, load_midi

__all__ = ["KarSyllable", "KarLine", "midi_lyrics", "decode_text"]

#: a line with no syllable for this long (beats) is over even if the next one is later
MAX_LINE_TAIL_BEATS = 4.0


@dataclass(frozen=True)
class KarSyllable:
    text: str        # as sung, including its trailing space when the word ends
    beat: float


@dataclass(frozen=True)
class KarLine:
    text: str
    start_beat: float
    end_beat: float                        # next line's start, at most 4 beats after the last syllable
    syllables: tuple[KarSyllable, ...]
    paragraph: int                         # 0-based; ``\\`` starts the next one (a verse)


def decode_text(raw: bytes, encoding: str | None = None) -> str:
    """Decode lyric bytes: ``encoding`` if given, else UTF-8, else CP1252/Latin-1."""
    try:
        return raw.decode(encoding or "utf-8")
    except UnicodeDecodeError:
        return _decode_legacy(raw)


def _decode_legacy(raw: bytes) -> str:
    return "".join(_cp1252_char(b) for b in raw)


def _cp1252_char(b: int) -> str:
    try:
        return bytes([b]).decode("cp1252")
    except UnicodeDecodeError:
        return bytes([b]).decode("latin-1")


def _raw(msg) -> bytes:
    # mido decodes meta text as latin-1 (one char per byte), so this gives the file's bytes back
    return msg.text.encode("latin-1", errors="replace")


def midi_lyrics(song: MidiSong | str | Path) -> list[KarLine]:
    """The lyric lines of a MIDI file (a path or a loaded :class:`MidiSong`); [] if none."""
    if not isinstance(song, MidiSong):
        song = load_midi(song)
    lyric = [e for e in song.meta if e.message.type == "lyrics"]
    if not lyric:
        lyric = [e for e in song.meta if e.message.type == "text" and not _raw(e.message).startswith(b"@")]
    if not lyric:
        return []
    raws = [_raw(e.message) for e in lyric]
    try:
        b"".join(raws).decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError:
        encoding = None
    texts = [r.decode("utf-8") for r in raws] if encoding else [_decode_legacy(r) for r in raws]

    lines: list[tuple[int, list[KarSyllable]]] = []
    paragraph = 0
    current: list[KarSyllable] = []

    def close() -> None:
        nonlocal current
        if any(s.text.strip() for s in current):
            lines.append((paragraph, current))
        current = []

    for event, text in zip(lyric, texts):
        if text.startswith("\\"):
            close()
            if lines:
                paragraph += 1
            text = text[1:]
        elif text.startswith("/"):
            close()
            text = text[1:]
        ends_line = text.endswith(("\r", "\n"))
        text = text.rstrip("\r\n")
        if text:
            current.append(KarSyllable(text, event.beat))
        if ends_line:
            close()
    close()

    out: list[KarLine] = []
    for k, (para, syls) in enumerate(lines):
        start = syls[0].beat
        last = syls[-1].beat
        nxt = lines[k + 1][1][0].beat if k + 1 < len(lines) else max(song.length_beats, last)
        end = min(nxt, last + MAX_LINE_TAIL_BEATS)
        text = "".join(s.text for s in syls).strip()
        out.append(KarLine(" ".join(text.split()), start, max(end, start), tuple(syls), para))
    return out

