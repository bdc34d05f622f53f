"""Lyrics written as plain text: verses separated by blank lines, the way a conductor types
them (``lyrics: |`` in a song file, or a ``.txt`` file given to ``helsekor import``).

- A blank line (or a line of only spaces) ends a verse.
- A block that comes back word for word (case, spaces and punctuation aside) is the chorus:
  it is one section, sung each time it comes.
- A block whose first line is only a label ``Refreng``/``Ref.``/``Kor`` (with or without a
  colon) is a chorus; the label alone (the whole block) sings the last chorus again.
- A verse number before the first line (``1.``, ``2)``), or on a line of its own, is left out.

Timing for lines that have none: one beat per syllable (a vowel group), rounded up to whole
bars, at least one bar (:func:`estimated_beats`). Pure: no files, no device.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

__all__ = ["Block", "lyric_blocks", "estimated_beats", "syllables", "SECTION_PREFIX"]

_VOWELS = re.compile(r"[aeiouyæøåäöüéèêáàóòúíâ]+", re.IGNORECASE)
_LABEL = re.compile(r"^\s*(refreng|ref|kor|chorus)\s*[.:]?\s*$", re.IGNORECASE)
_NUMBER = re.compile(r"^\s*\d{1,2}\s*[.)]\s+(?=\S)")
_ONLY_NUMBER = re.compile(r"^\s*\d{1,2}\s*[.)]?\s*$")
_FOLD = re.compile(r"[\W_]+")
SECTION_PREFIX = {"verse": "v", "chorus": "c", "bridge": "b", "intro": "i", "outro": "o"}


@dataclass(frozen=True)
class Block:
    """One section of the text: its ``kind`` (verse or chorus), ``id`` (``v1``, ``c1``…), its
    ``lines`` and, for each line, the ``rows`` (0-based line numbers in the text) it came from."""

    id: str
    kind: str
    lines: tuple[str, ...]
    rows: tuple[int, ...]


def syllables(text: str) -> int:
    """Rough syllable count of a line (vowel groups); at least 1 for a line with letters."""
    return max(1, len(_VOWELS.findall(text))) if text.strip() else 0


def estimated_beats(text: str, beats_per_bar: float) -> float:
    """How long a line without timing lasts, in beats: a beat per syllable in whole bars."""
    return max(1, math.ceil(syllables(text) / beats_per_bar - 1e-9)) * beats_per_bar


def _paragraphs(text: str) -> list[list[tuple[int, str]]]:
    out: list[list[tuple[int, str]]] = [[]]
    for row, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        line = raw.strip()
        if not line:
            if out[-1]:
                out.append([])
            continue
        if not (out[-1] == [] and _ONLY_NUMBER.match(line)):     # "1." alone above a verse
            out[-1].append((row, line))
    return [p for p in out if p]


def lyric_blocks(text: str) -> tuple[list[Block], list[str]]:
    """The sections of ``text`` (each once, in the order first sung) and the order sung (ids)."""
    sections: list[Block] = []
    order: list[str] = []
    seen: dict[str, Block] = {}
    counts = {"verse": 0, "chorus": 0}
    paragraphs = _paragraphs(text)
    folded = [_fold(p) for p in paragraphs]
    for index, para in enumerate(paragraphs):
        kind = "chorus" if folded.count(folded[index]) > 1 else "verse"
        if _LABEL.match(para[0][1]):
            kind = "chorus"
            para = para[1:]
            if not para:                                 # "Refreng" alone: sing the last chorus again
                last = next((b for b in reversed(sections) if b.kind == "chorus"), None)
                if last is not None:
                    order.append(last.id)
                continue
        key = _fold(para)
        if key in seen:
            order.append(seen[key].id)
            continue
        first_row, first = para[0]
        para = [(first_row, _NUMBER.sub("", first))] + para[1:]
        counts[kind] += 1
        block = Block(f"{SECTION_PREFIX[kind]}{counts[kind]}", kind, tuple(t for _, t in para),
                      tuple(r for r, _ in para))
        seen[key] = block
        sections.append(block)
        order.append(block.id)
    return sections, order


def _fold(para: list[tuple[int, str]]) -> str:
    """The words of a paragraph for comparing (label, verse number, case and punctuation aside)."""
    rows = [t for _, t in para if not _LABEL.match(t)]
    if rows:
        rows[0] = _NUMBER.sub("", rows[0])
    return _FOLD.sub(" ", " ".join(rows).lower()).strip()
