"""``helsekor check`` (a session and its plan, or one song file) and ``helsekor list``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from player.core.model.errors import ScriptError
from player.core.model.messages import tr
from player.commands.common import config_of, fmt_time, load

if TYPE_CHECKING:
    from player.core.script.config import Config
    from player.core.model.data import Session

__all__ = ["cmd_check", "cmd_list", "describe_step", "print_plan"]


def describe_step(step) -> tuple[str, str]:
    """(kind column, backing/detail column) for the plan table."""
    if step.kind == "exercise" and step.exercise is not None:
        kind = f"exercise/{step.exercise.kind}"
    else:
        kind = step.kind
    detail = []
    if step.song is not None:
        detail.append(tr("backing {backing}", backing=step.backing))
        if step.verses:
            detail.append(tr("verses {verses}", verses=",".join(map(str, step.verses))))
    if step.tempo_scale != 1.0:
        detail.append(tr("tempo {percent}", percent=f"{step.tempo_scale:.0%}"))
    if step.transpose:
        detail.append(tr("transpose {semitones}", semitones=f"{step.transpose:+d}"))
    if step.then == "hold" and step.duration is None and step.kind in ("text", "video"):
        detail.append(tr("waits for Next"))
    return kind, ", ".join(detail)


def print_plan(session: Session, out=None) -> None:
    out = out or sys.stdout
    print(f"{session.title}  ({session.path})", file=out)
    width = max((len(s.title) for s in session.steps), default=10)
    width = min(max(width, 10), 40)
    for step in session.steps:
        kind, detail = describe_step(step)
        title = step.title if len(step.title) <= width else step.title[: width - 1] + "…"
        print(f"  {step.index + 1:>2}  {kind:<19} {title:<{width}}  {fmt_time(step.planned_seconds):>7}  {detail}", file=out)
    print("  " + tr("Planned in all: {time} ({n} steps)", time=fmt_time(session.planned_seconds), n=len(session.steps)),
          file=out)


def cmd_check(args) -> int:
    config = config_of(args)
    if _is_song_file(Path(args.session)):
        return _check_song(Path(args.session), config)
    session = load(args, config)
    print_plan(session)
    return 0


def _is_song_file(path: Path) -> bool:
    """A song file (words, no steps) given to ``check`` is checked as a song, not as a session."""
    from player.core.script.loader import read_tree

    try:
        tree = read_tree(path)
    except ScriptError:
        return False            # loading it as a session reports the problem
    return tree.kind == "map" and "steps" not in tree.value and ("lyrics" in tree.value or "sections" in tree.value)


def _check_song(path: Path, config: Config) -> int:
    from player.wiring import loader as make_loader
    from player.core.script.library import Library
    loader = make_loader(Library.for_session(path, config.library_dirs))
    song = loader.song(path)
    if loader.ck.problems or song is None:
        raise ScriptError(list(dict.fromkeys(loader.ck.problems)))
    lines = sum(len(song.section(sid).lines) for sid in song.order)
    backing = "MIDI" if song.midi else tr("audio") if song.audio else tr("no backing (stepped with Next)")
    print(f"{song.title}  ({path})")
    print("  " + tr("{verses} verses, {sections} sections sung, {lines} lines, {backing}, tempo {tempo}, {meter}: {time}",
                    verses=song.verse_count, sections=len(song.order), lines=lines, backing=backing,
                    tempo=f"{song.tempo:g}", meter=f"{song.meter.beats}/{song.meter.unit}",
                    time=fmt_time(song.beats_sung() * 60 / song.tempo)))
    return 0


def cmd_list(args) -> int:
    config = config_of(args)
    from player.wiring import loader as make_loader
    from player.core.script.library import Library
    library = Library.for_session(Path(args.session), config.library_dirs)
    loader = make_loader(library)
    for kind, label in (("exercise", tr("Exercises")), ("song", tr("Songs"))):
        print(f"{label}:")
        for ident, path in library.all(kind).items():
            item = loader.exercise(path) if kind == "exercise" else loader.song(path)
            if item is None:
                print(f"  {ident:<28} " + tr("(has problems: run `helsekor check`)"))
            else:
                extra = f"{item.kind}" if kind == "exercise" else ("MIDI" if item.midi else tr("audio") if item.audio else tr("no backing"))
                print(f"  {ident:<28} {item.title}  [{extra}]")
    return 0
