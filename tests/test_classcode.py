"""The dataclasses' code compiled once (player/classcode.py): the classes made with the kept code
are the classes dataclasses makes itself, the second process compiles nothing, and a broken
file is only compiled afresh."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: a child that makes the model's own classes and one of every kind, and says what they are
CHILD = """
import json, sys
if sys.argv[1] == "cached":
    from player import classcode
    assert classcode.install(sys.argv[2])
import dataclasses, inspect
from dataclasses import dataclass, field
@dataclass(frozen=True)
class Point:
    x: int
    y: float = 0.5
    tags: tuple = ()
@dataclass
class Bag:
    items: list = field(default_factory=list)
    name: "str" = "bag"
from player.core.model.data import Meter
from player.core.model.intents import GoToStep, Next
seen = {"repr": [repr(Point(1)), repr(Bag()), repr(GoToStep(index=3)), repr(Next()), repr(Meter(3, 4))],
        "eq": [Point(1) == Point(1, 0.5), Bag() == Bag([]), Next() == Next(), Next() == GoToStep()],
        "hash": hash(Point(2, 1.0)) == hash((2, 1.0, ())),
        "signature": [str(inspect.signature(c)) for c in (Point, Bag, GoToStep, Meter)],
        "annotations": {k: str(v) for k, v in Point.__init__.__annotations__.items()},
        "doc": Point.__doc__}
try:
    Point(1).x = 2
except dataclasses.FrozenInstanceError as err:
    seen["frozen"] = type(err).__name__
try:
    Next().other = 1
except dataclasses.FrozenInstanceError as err:
    seen["frozen_sub"] = type(err).__name__
if sys.argv[1] == "cached":
    from player import classcode
    seen["compiled"] = classcode._state["new"]
    seen["used"] = len(classcode._state["used"])
print(json.dumps(seen))
"""


def _child(mode: str, folder: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("HELSEKOR_NO_START_CACHE", None)
    out = subprocess.run([sys.executable, "-c", CHILD, mode, str(folder)], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_the_kept_code_makes_the_same_classes_and_the_second_start_compiles_none(tmp_path):
    from player.classcode import cache_file
    plain = _child("plain", tmp_path)
    first = _child("cached", tmp_path)
    kept = Path(cache_file(str(tmp_path)))
    assert kept.is_file()
    second = _child("cached", tmp_path)
    assert first.pop("compiled") is True and second.pop("compiled") is False     # all from the file the second time
    assert first.pop("used") == second.pop("used") > 20
    assert first == second == plain
    assert plain["annotations"] == {"x": "<class 'int'>", "y": "<class 'float'>", "tags": "<class 'tuple'>",
                                    "return": "None"}                            # evaluated: no future flags inherited
    assert plain["frozen"] == plain["frozen_sub"] == "FrozenInstanceError"


def test_a_broken_file_is_compiled_afresh_and_written_again(tmp_path):
    from player.classcode import cache_file
    kept = Path(cache_file(str(tmp_path)))
    kept.write_bytes(b"\x00 not marshal")
    seen = _child("cached", tmp_path)
    assert seen["compiled"] is True and seen["repr"][0] == "Point(x=1, y=0.5, tags=())"
    assert kept.stat().st_size > 1000 and _child("cached", tmp_path)["compiled"] is False
