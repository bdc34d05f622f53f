"""Reading and checking one exercise file (exercises/ID.yaml) into an
:class:`~player.core.model.data.Exercise`."""

from __future__ import annotations

from pathlib import Path

from player.core.script.checks import Checker, check_version, join, media_file
from player.core.model.data import BreathPhase, Exercise, Meter
from player.core.model.picturesize import MAX_PIXELS, too_many_pixels
from player.core.script.notation import parse_meter
from player.core.script.yamlnodes import Node

__all__ = ["read_exercise", "EXERCISE_KINDS", "PHASES"]

EXERCISE_KINDS = ("breathing", "pulse", "movement", "timed")
EXERCISE_KEYS = ("title", "kind", "instructions", "picture", "duration", "repeats", "tempo", "meter",
                 "breathing", "allow_hold", "count_in_bars", "call_bars", "response_bars", "patterns", "song")
PHASES = ("inhale", "exhale", "sound", "hold")


def read_exercise(ck: Checker, root: Node, path: Path, find_song) -> Exercise | None:
    """Check an exercise file's tree; the Exercise, or None when it has problems (recorded in
    ``ck``). ``find_song(node)`` resolves and loads the song a movement exercise names."""
    before = len(ck.problems)
    m = ck.mapping(root, "", required=("title", "kind", "instructions"), optional=("version",) + EXERCISE_KEYS)
    if m is None:
        return None
    check_version(ck, m)
    title = ck.text(m["title"], "title", 200) if "title" in m else None
    kind = ck.choice(m["kind"], "kind", EXERCISE_KINDS) if "kind" in m else None
    instructions: list[str] = []
    if "instructions" in m:
        node = m["instructions"]
        if node.kind == "scalar":
            one = ck.text(node, "instructions", 300)
            instructions = [one] if one else []
        else:
            for i, item in enumerate(ck.sequence(node, "instructions", 1) or []):
                t = ck.text(item, f"instructions[{i}]", 300)
                if t:
                    instructions.append(t)
            if len(instructions) > 4:
                ck.error(node, "instructions", f"{len(instructions)} sentences is too many for big print (at most 4)")
    picture = None
    if "picture" in m:
        name = ck.text(m["picture"], "picture", 500)
        if name:
            picture = media_file(ck, m["picture"], "picture", path, name, "picture")
            huge = too_many_pixels(picture) if picture is not None else None
            if huge:
                ck.error(m["picture"], "picture", f"{name} is {huge[0]} x {huge[1]} pixels, too big to show "
                         f"without a pause (at most {MAX_PIXELS // 1_000_000} megapixels: make it at most 4000 x 4000)")
                picture = None
    duration = ck.duration(m["duration"], "duration") if "duration" in m else None
    repeats = ck.number(m["repeats"], "repeats", 1, 100, integer=True) if "repeats" in m else None
    tempo = ck.number(m["tempo"], "tempo", 20, 300) if "tempo" in m else None
    meter = Meter()
    if "meter" in m:
        meter = parse_meter(m["meter"].value) or meter
        if parse_meter(m["meter"].value) is None:
            ck.error(m["meter"], "meter", f"'{m['meter'].value}' is not a meter (such as 4/4, 3/4, 6/8)")
    allow_hold = ck.boolean(m["allow_hold"], "allow_hold") if "allow_hold" in m else False
    phases = _phases(ck, m.get("breathing"), bool(allow_hold))
    count_in = ck.number(m["count_in_bars"], "count_in_bars", 0, 2, integer=True) if "count_in_bars" in m else 1
    call_bars = ck.number(m["call_bars"], "call_bars", 1, 4, integer=True) if "call_bars" in m else 1
    response_bars = ck.number(m["response_bars"], "response_bars", 1, 4, integer=True) if "response_bars" in m else 1
    patterns = []
    for i, item in enumerate(ck.sequence(m["patterns"], "patterns", 1) or [] if "patterns" in m else []):
        t = ck.text(item, f"patterns[{i}]", 120)
        if t:
            patterns.append(t)
    song = find_song(m["song"]) if "song" in m else None
    # what each kind needs
    if kind == "breathing":
        if "breathing" not in m:
            ck.error(root, "", "'breathing' is missing (a breathing exercise lists its phases)")
        if duration is None and repeats is None and "duration" not in m and "repeats" not in m:
            ck.error(root, "", "give 'repeats' (breaths) or 'duration' for a breathing exercise")
    elif kind == "pulse":
        for k in ("tempo", "meter"):
            if k not in m:
                ck.error(root, "", f"'{k}' is missing (a pulse exercise needs a tempo and a meter)")
    elif kind == "movement":
        if "song" not in m:
            ck.error(root, "", "'song' is missing (a movement exercise moves to a song)")
    elif kind == "timed":
        if "duration" not in m:
            ck.error(root, "", "'duration' is missing (a timed card needs to know how long it shows)")
    if len(ck.problems) > before or title is None or kind is None:
        return None
    return Exercise(id=path.stem, path=path, title=title, kind=kind, instructions=tuple(instructions),
                    picture=picture, duration=duration, repeats=repeats, tempo=tempo, meter=meter,
                    breathing=phases, count_in_bars=count_in or 0, call_bars=call_bars or 1,
                    response_bars=response_bars or 1, patterns=tuple(patterns), song=song)


def _phases(ck: Checker, node: Node | None, allow_hold: bool) -> tuple[BreathPhase, ...]:
    """The phases of one breathing cycle (seconds each); holds only when allowed."""
    if node is None:
        return ()
    out = []
    for i, item in enumerate(ck.sequence(node, "breathing", 1) or []):
        p = f"breathing[{i}]"
        m = ck.mapping(item, p, required=("phase", "seconds"), optional=("text",))
        if m is None or "phase" not in m or "seconds" not in m:
            continue
        phase = ck.choice(m["phase"], join(p, "phase"), PHASES)
        if phase == "hold" and not allow_hold:
            ck.error(m["phase"], join(p, "phase"), "breath-holds are off by default (many cannot hold their "
                                                   "breath safely); add 'allow_hold: true' to use one")
        seconds = ck.number(m["seconds"], join(p, "seconds"), 1, 20)
        text = ck.text(m["text"], join(p, "text"), 40) if "text" in m else ""
        if phase and seconds:
            out.append(BreathPhase(phase, seconds, text or ""))
    if out and not any(ph.phase == "inhale" for ph in out):
        ck.error(node, "breathing", "a breathing cycle needs an 'inhale' phase")
    return tuple(out)
