"""«Lorelei» (Silcher 1837) in three editions, compared note by note.

Böhme, *Volksthümliche Lieder* (1895) no. B0120, `essenFolksong/boehme10.abc` X:92, in C, and
Fink, *Musikalischer Hausschatz* (1843) no. F0821, `essenFolksong/fink0.abc` X:440, in D (read a
tone lower here), both read straight from the music21 corpus (6/8, L:1/16); and the voice track
of mirabilos's MML encoding of August Linder, *Deutsche Weisen* (Stuttgart, c. 1900), in C, as
shipped in the MMLlib package (`examples/loreley.mml`, track 1, written out by hand below).
Prints each in beats (quarter = 1) and where they differ.
Run: .venv/bin/python tools/songcheck/cmp_lorelei.py
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from ly import compare, fmt  # noqa: E402

import music21  # noqa: E402

CORPUS = os.path.join(os.path.dirname(music21.__file__), "corpus", "essenFolksong")
BASE = {"C": 60, "D": 62, "E": 64, "F": 65, "G": 67, "A": 69, "B": 71}
SHARPS = {"C": set(), "D": {"F", "C"}}


def tune(name, x):
    text = open(os.path.join(CORPUS, name), encoding="latin-1").read()
    block = re.search(rf"^X:\s*{x}\n(.*?)(?:\n\s*\n|\Z)", text, re.S | re.M).group(1)
    key = re.search(r"^K:\s*(\w)", block, re.M).group(1)
    body = " ".join(l for l in block.splitlines() if not re.match(r"^[A-Z]:", l))
    out = []
    for acc, n, d, tie in re.findall(r"([\^_=]?)([A-Ga-gz])(\d*)(-?)", body):
        d = int(d) if d else 1
        if n == "z":
            out.append((None, d / 4, False)); continue
        p = BASE[n.upper()] + (12 if n.islower() else 0)
        if acc == "^" or (not acc and n.upper() in SHARPS[key]):
            p += 1
        if out and out[-1][2]:                  # tied from the note before: one longer note
            out[-1] = (out[-1][0], out[-1][1] + d / 4, bool(tie)); continue
        out.append((p, d / 4, bool(tie)))
    return [(p, d) for p, d, *_ in out]


# Linder c. 1900, MML track 1 (the voice), one string per system of the file. ML before a note of
# the same pitch ties it to the next (MMLFILE.rst: "tie sequences of identical pitch ... legato").
LINDER = [
    "o2l8 g | mlg. mna16 g ml>c< mnb a | g4. f4 f |",
    "e. e16 e mldmnc d | mle4. mnep g | mlg. mna16 g ml>c< mnb a |",
    "g4. f4 f | e. e16 e g f d | mlc4. mncp e |",
    "mld. mne16 d g d d | b4. a4 a | g4 g mlf#mng a |",
    "mlg4.mng4 g | g. a16 g>mlc<mn b a |",
    "mlg4mn> e d4 d | c. c16c ml<b mna b | ml>c4.mncp ||",
]


def mml(systems):
    octave, length, legato, out = 2, 8, False, []     # MMLFILE.rst: middle C begins octave 2
    for tok in re.findall(r"o\d|l\d+|m[lns]|[<>]|[a-gp][#+-]?\d*\.?", " ".join(systems)):
        if tok[0] == "o": octave = int(tok[1]); continue
        if tok[0] == "l": length = int(tok[1:]); continue
        if tok in ("ml", "mn", "ms"): legato = tok == "ml"; continue
        if tok == ">": octave += 1; continue
        if tok == "<": octave -= 1; continue
        m = re.fullmatch(r"([a-gp])([#+-]?)(\d*)(\.?)", tok)
        beats = 4 / int(m.group(3) or length) * (1.5 if m.group(4) else 1)
        if m.group(1) == "p":
            out.append([None, beats, False]); continue
        p = 12 * (octave - 2) + BASE[m.group(1).upper()] + (1 if m.group(2) in "#+" and m.group(2) else 0)
        if out and out[-1][2] and out[-1][0] == p:    # legato into the same pitch: a tie
            out[-1][1] += beats; out[-1][2] = legato; continue
        out.append([p, beats, legato])
    return [(p, d) for p, d, _ in out]


def joined(seq):
    """Repeated notes of one pitch joined (Linder splits a note where his verse 3 has a syllable more)."""
    out = []
    for p, d in seq:
        if out and p is not None and out[-1][0] == p:
            out[-1] = (p, out[-1][1] + d)
        else:
            out.append((p, d))
    return out


boehme = tune("boehme10.abc", 92)
fink = [(None if p is None else p - 2, d) for p, d in tune("fink0.abc", 440)]
print("Böhme:", fmt(boehme)); print("Fink: ", fmt(fink))
compare(boehme, fink, "Böhme B0120", "Fink F0821 (down a tone)")
linder = mml(LINDER)
print("Linder:", fmt(linder))
compare(joined(fink), joined(linder), "Fink, repeated notes joined", "Linder, repeated notes joined")
# (Böhme joined differs from both from note 33 on only because its G at note 40 is not a repeat.)
