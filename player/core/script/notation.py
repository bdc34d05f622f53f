"""The little notations inside a song file: a meter such as ``6/8`` and chords written in the
text (``"[G]Ro, ro, ro din [D7]båt"``), and where each word of a line starts and ends."""

from __future__ import annotations

import re

from player.core.model.messages import tr

from player.core.model.data import Meter

__all__ = ["parse_meter", "parse_chords", "word_spans"]

_CHORD = re.compile(r"^[A-H][#b]?[A-Za-z0-9#b+°ø()/-]{0,10}$")
_METER = re.compile(r"^\s*(\d{1,2})\s*/\s*(\d{1,2})\s*$")


def parse_meter(text: object) -> Meter | None:
    m = _METER.match(text) if isinstance(text, str) else None
    if not m:
        return None
    beats, unit = int(m.group(1)), int(m.group(2))
    if not (1 <= beats <= 16) or unit not in (2, 4, 8):
        return None
    return Meter(beats, unit)


def parse_chords(text: str) -> tuple[str, tuple[tuple[int, str], ...], str | None]:
    """Split ``"[G]Ro den [D7]over"`` into plain text, (index, chord) pairs and an error or None."""
    plain: list[str] = []
    chords: list[tuple[int, str]] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "[":
            close = text.find("]", i + 1)
            if close < 0:
                return text, (), tr("a '[' at character {n} has no ']' (chords are written [G])", n=i + 1)
            name = text[i + 1:close].strip()
            if not _CHORD.match(name):
                return text, (), tr("'[{name}]' is not a chord name (such as G, Am, D7, F#m, C/E)", name=name)
            chords.append((len("".join(plain)), name))
            i = close + 1
            continue
        if ch == "]":
            return text, (), tr("a ']' at character {n} has no '['", n=i + 1)
        plain.append(ch)
        i += 1
    raw = "".join(plain)
    # fold runs of white space, moving chord indexes with the text
    out: list[str] = []
    mapping: list[int] = []
    for ch in raw:
        mapping.append(len(out))
        if ch.isspace():
            if out and out[-1] != " ":
                out.append(" ")
        else:
            out.append(ch)
    mapping.append(len(out))
    folded = "".join(out)
    stripped = folded.lstrip()
    shift = len(folded) - len(stripped)
    result = stripped.rstrip()
    moved = tuple((max(0, min(len(result), mapping[idx] - shift)), name) for idx, name in chords)
    return result, moved, None


def word_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
