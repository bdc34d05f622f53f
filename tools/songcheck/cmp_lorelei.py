"""«Lorelei» (Silcher 1837): the two Essen notations read straight from the music21 corpus.

Böhme, *Volksthümliche Lieder* (1895) no. B0120, `essenFolksong/boehme10.abc` X:92, in C, and
Fink, *Musikalischer Hausschatz* (1843) no. F0821, `essenFolksong/fink0.abc` X:440, in D (read a
tone lower here). Both 6/8, L:1/16. Prints both in beats (quarter = 1) and where they differ.
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


boehme = tune("boehme10.abc", 92)
fink = [(None if p is None else p - 2, d) for p, d in tune("fink0.abc", 440)]
print("Böhme:", fmt(boehme)); print("Fink: ", fmt(fink))
compare(boehme, fink, "Böhme B0120", "Fink F0821 (down a tone)")
