"""Key and chord names moved by semitones, for the pianist (key G + 2 → A, [D7] + 2 → [E7]).

Pure text: a name is a root (A–G, or H as Norwegian and German write B, with an optional # or b), then anything (m, 7, maj7, sus4,
"/F#" bass). Spelling follows the usual key signatures: flats for F, Bb, Eb, Ab, Db and the
minor keys that share them, sharps otherwise.
"""

from __future__ import annotations

import re

__all__ = ["transpose_key", "transpose_chord", "transpose_range", "uses_flats", "note_name"]

_ROOT = re.compile(r"^([A-Ha-h])([#b♯♭]?)(.*)$")
_PC = {"C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11, "H": 11}    # H: Norwegian for B
_SHARP = ("C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B")
_FLAT = ("C", "Db", "D", "Eb", "E", "F", "Gb", "G", "Ab", "A", "Bb", "B")
_MAJOR = ("C", "Db", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B")     # usual major keys
_MINOR = ("C", "C#", "D", "Eb", "E", "F", "F#", "G", "G#", "A", "Bb", "B")     # usual minor keys


def _split(name: str) -> tuple[int, str] | None:
    m = _ROOT.match(name.strip())
    if m is None:
        return None
    pc = _PC[m.group(1).upper()] + {"#": 1, "♯": 1, "b": -1, "♭": -1}.get(m.group(2), 0)
    return pc % 12, m.group(3)


def transpose_key(key: str, semitones: int) -> str:
    """``transpose_key("G", 2) == "A"``, ``("Am", 3) == "Cm"``; unknown text comes back as is."""
    parts = _split(key)
    if parts is None or semitones % 12 == 0:
        return key
    pc, rest = parts
    minor = rest.startswith("m") and not rest.startswith("maj")
    table = _MINOR if minor else _MAJOR
    return table[(pc + semitones) % 12] + rest


def transpose_chord(chord: str, semitones: int, flats: bool = False) -> str:
    """A chord name moved by ``semitones`` (the bass after "/" too)."""
    if semitones % 12 == 0:
        return chord
    head, slash, bass = chord.partition("/")
    parts = _split(head)
    if parts is None:
        return chord
    pc, rest = parts
    names = _FLAT if flats else _SHARP
    out = names[(pc + semitones) % 12] + rest
    if slash:
        b = _split(bass)
        out += "/" + (names[(b[0] + semitones) % 12] + b[1] if b else bass)
    return out


def uses_flats(key: str) -> bool:
    """Whether a key is spelt with flats (F, Bb, Eb …; Dm, Gm, Cm …)."""
    parts = _split(key)
    if parts is None:
        return False
    pc, rest = parts
    minor = rest.startswith("m") and not rest.startswith("maj")
    name = (_MINOR if minor else _MAJOR)[pc]
    return "b" in name or (not minor and name == "F") or (minor and name in ("D", "G", "C", "F"))


_NOTE = re.compile(r"([A-Ga-g])([#b♯♭]?)(-?\d)")


def transpose_range(text: str, semitones: int) -> str:
    """A singing range moved by ``semitones``, octaves included: ``("C4–D5", 2) == "D4–E5"``."""
    if not text or semitones == 0:
        return text

    def move(m: re.Match) -> str:
        pc = _PC[m.group(1).upper()] + {"#": 1, "♯": 1, "b": -1, "♭": -1}.get(m.group(2), 0)
        midi = pc + 12 * (int(m.group(3)) + 1) + semitones
        return f"{_SHARP[midi % 12]}{midi // 12 - 1}"
    return _NOTE.sub(move, text)


def note_name(midi: int, flats: bool = False) -> str:
    """A MIDI note number as a name with its octave: 60 → "C4", 63 → "D#4" (or "Eb4")."""
    return f"{(_FLAT if flats else _SHARP)[midi % 12]}{midi // 12 - 1}"
