"""Hypothesis strategies for hostile script values and the places they go: every key of every
kind of script (session, step, song, section, line, each kind of exercise)."""

from __future__ import annotations

import os
from pathlib import Path

import yaml
from hypothesis import strategies as st

from player.core.script.exercisefile import EXERCISE_KEYS
from player.core.script.loader import STEP_KEYS
from player.core.script.songfile import SONG_KEYS

from .build import BREATHING, PULSE, SESSION, SONG

MOVEMENT = "version: 1\ntitle: Gå\nkind: movement\ninstructions: Gå på stedet.\nsong: testsang\n"
TIMED = "version: 1\ntitle: Strekk\nkind: timed\ninstructions: [Strekk armene.]\nduration: 1min\n"
DOCS = {  # the files of the fuzz project, as data; the session uses every exercise
    "session": yaml.safe_load(SESSION.replace("  - pause: Kaffe",
                                              "  - exercise: ga\n  - exercise: strekk\n  - pause: Kaffe")),
    "song": yaml.safe_load(SONG),
    "pust": yaml.safe_load(BREATHING),
    "puls": yaml.safe_load(PULSE),
    "ga": yaml.safe_load(MOVEMENT),
    "strekk": yaml.safe_load(TIMED),
}
FILES = {"session": "s.yaml", "song": "songs/testsang.yaml", "pust": "exercises/pust.yaml",
         "puls": "exercises/puls.yaml", "ga": "exercises/ga.yaml", "strekk": "exercises/strekk.yaml"}
#: keys each kind of mapping may have besides those in the documents (so absent keys get values too)
EXTRA = {"session": ("defaults",), "step": STEP_KEYS + ("video",), "song": SONG_KEYS,
         "exercise": EXERCISE_KEYS, "section": ("name", "kind", "bars", "timing"),
         "line": ("start", "length", "words", "cue"), "phase": ("text",)}


def key_paths(doc, prefix=()) -> list[tuple]:
    """Every path to a value in ``doc`` (keys and list indexes)."""
    out = []
    items = doc.items() if isinstance(doc, dict) else enumerate(doc) if isinstance(doc, list) else ()
    for k, v in items:
        out.append(prefix + (k,))
        out += key_paths(v, prefix + (k,))
    return out


def _slots() -> list[tuple[str, tuple]]:
    slots = []
    for name, doc in DOCS.items():
        slots += [(name, p) for p in key_paths(doc)]
        top = "session" if name == "session" else "song" if name == "song" else "exercise"
        slots += [(name, (k,)) for k in EXTRA[top]]
    for i in range(len(DOCS["session"]["steps"])):
        slots += [("session", ("steps", i, k)) for k in EXTRA["step"]]
    slots += [("song", ("sections", 0, k)) for k in EXTRA["section"]]
    slots += [("song", ("sections", 0, "lines", 1, k)) for k in EXTRA["line"]]
    slots += [("pust", ("breathing", 0, k)) for k in EXTRA["phase"]]
    return sorted(set(slots), key=repr)


SLOTS = _slots()

ODD_FILES = ("fifo", "loop", "folder", "zero", "unreadable", "missing", "huge-name")


def make_odd(place: Path, how: str) -> str:
    """Make ``place`` an odd file; the name to write in the script."""
    if how == "fifo":
        os.mkfifo(place)
    elif how == "loop":
        os.symlink(place.with_name(place.name + "~"), place)
        os.symlink(place, place.with_name(place.name + "~"))
    elif how == "folder":
        place.mkdir()
    elif how == "zero":
        os.symlink("/dev/zero", place)
    elif how == "unreadable":       # root reads any mode; /proc/self/mem fails with EIO even for root
        os.symlink("/proc/self/mem", place)
    elif how == "huge-name":
        return "x" * 300 + place.suffix
    return place.name


big_ints = st.one_of(st.integers(min_value=2 ** 53, max_value=10 ** 400),
                     st.integers(min_value=-(10 ** 400), max_value=-(2 ** 53)),
                     st.sampled_from([2 ** 63, 2 ** 64 + 1, 10 ** 308 * 10, -(10 ** 4000)]))
odd_floats = st.sampled_from([float("nan"), float("inf"), float("-inf"), 1e308, -1e308, 5e-324, -0.0])
surrogates = st.text(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1, max_size=3)
with_nul = st.builds(lambda a, b: a + "\x00" + b, st.text(max_size=5), st.text(max_size=5))
long_strings = st.builds(lambda ch, n: ch * n, st.sampled_from(["a", "1", " ", "é", "[", "1 "]),
                         st.sampled_from([301, 5000, 100_000]))
odd_strings = st.one_of(surrogates, with_nul, long_strings,
                        st.builds(lambda a, s: a + s + a, st.text(max_size=3), surrogates))
hostile_scalars = st.one_of(big_ints, odd_floats, odd_strings)
hostile_values = st.one_of(hostile_scalars, st.lists(hostile_scalars, min_size=1, max_size=3),
                           st.dictionaries(st.sampled_from(["x", "phase", "send", "id"]), hostile_scalars,
                                           min_size=1, max_size=2),
                           st.builds(lambda v: [v] * 5000, st.integers(0, 3)))


def put(doc, path: tuple, value):
    """A copy of ``doc`` with ``value`` at ``path``."""
    import copy
    doc = copy.deepcopy(doc)
    target = doc
    for k in path[:-1]:
        target = target[k]
    if isinstance(target, list) and path[-1] >= len(target):
        target.append(value)
    else:
        target[path[-1]] = value
    return doc


def write_project(root: Path, docs: dict) -> Path:
    for d in ("songs", "exercises"):
        (root / d).mkdir(exist_ok=True)
    for name, doc in docs.items():
        text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10 ** 6)
        (root / FILES[name]).write_text(text, encoding="utf-8", errors="surrogatepass")
    return root / FILES["session"]
