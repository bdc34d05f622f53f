"""MusicXML harmony and number reading for :mod:`player.formats.musicxml`: ``<harmony>`` →
chord name and a simple voicing, chromatic alterations, and numbers that are never NaN, inf or
out of their range (a score's numbers are text, and anything may be written there)."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

__all__ = ["chord_name", "number", "semitones", "STEPS"]

STEPS = {"C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11}
_KINDS = {  # MusicXML kind → (suffix, intervals)
    "major": ("", (0, 4, 7)), "minor": ("m", (0, 3, 7)), "augmented": ("+", (0, 4, 8)),
    "diminished": ("dim", (0, 3, 6)), "dominant": ("7", (0, 4, 7, 10)), "major-seventh": ("maj7", (0, 4, 7, 11)),
    "minor-seventh": ("m7", (0, 3, 7, 10)), "diminished-seventh": ("dim7", (0, 3, 6, 9)),
    "augmented-seventh": ("+7", (0, 4, 8, 10)), "half-diminished": ("m7b5", (0, 3, 6, 10)),
    "major-minor": ("mmaj7", (0, 3, 7, 11)), "major-sixth": ("6", (0, 4, 7, 9)), "minor-sixth": ("m6", (0, 3, 7, 9)),
    "dominant-ninth": ("9", (0, 4, 7, 10, 14)), "major-ninth": ("maj9", (0, 4, 7, 11, 14)),
    "minor-ninth": ("m9", (0, 3, 7, 10, 14)), "suspended-second": ("sus2", (0, 2, 7)),
    "suspended-fourth": ("sus4", (0, 5, 7)), "power": ("5", (0, 7)), "dominant-seventh": ("7", (0, 4, 7, 10)),
}


def number(text: str | None, default: float = 0.0) -> float:
    """``text`` as a finite number, else ``default``."""
    try:
        value = float(text) if text is not None else default
    except ValueError:
        return default
    return value if math.isfinite(value) else default


def semitones(text: str | None) -> int:
    """A chromatic alteration in semitones, -2 to 2 (anything else: none)."""
    value = number(text)
    return round(value) if -2 <= value <= 2 else 0


def _alter(text: str | None) -> str:
    value = semitones(text)
    return "#" * value if value > 0 else "b" * -value


def chord_name(harmony: ET.Element) -> tuple[str, tuple[int, ...]] | None:
    """``<harmony>`` → (``"F#m7/C#"``, MIDI pitches of a simple voicing) or None (N.C.)."""
    step = harmony.findtext("root/root-step")
    kind_el = harmony.find("kind")
    kind = (kind_el.text or "").strip() if kind_el is not None else "major"
    if not step or kind == "none":
        return None
    alter = harmony.findtext("root/root-alter")
    suffix, intervals = _KINDS.get(kind, ("", (0, 4, 7)))
    if kind_el is not None and kind_el.get("text") is not None and kind not in _KINDS:
        suffix = kind_el.get("text")
    name = step.strip() + _alter(alter) + suffix
    root = 48 + (STEPS.get(step.strip().upper(), 0) + semitones(alter)) % 12
    pitches = tuple(root + i for i in intervals)
    bass_step = harmony.findtext("bass/bass-step")
    if bass_step:
        name += "/" + bass_step.strip() + _alter(harmony.findtext("bass/bass-alter"))
        pitches = (36 + (STEPS.get(bass_step.strip().upper(), 0)) % 12,) + pitches
    return name, pitches
