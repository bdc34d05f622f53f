"""The ``helsekor`` command: the one place that builds adapters and wires them together.

    helsekor check [SESSION]     check a session and print its plan (exit 0 valid, 1 errors, 2 usage)
    helsekor list                the songs and exercises that can be used
    helsekor demo [SESSION]      what `make demo` runs
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from player.core.show.acts import fmt_time
from player.core.script.config import Config, load_config
from player.core.model.errors import HelsekorError, ScriptError
from player.core.script.library import PROJECT_ROOT, Library
from player.core.model.data import Session
from player.wiring import load_session_file, loader as make_loader

DEFAULT_SESSION = PROJECT_ROOT / "sessions" / "demo.yaml"


def describe_step(step) -> tuple[str, str]:
    """(kind column, backing/detail column) for the plan table."""
    if step.kind == "exercise" and step.exercise is not None:
        kind = f"exercise/{step.exercise.kind}"
    else:
        kind = step.kind
    detail = []
    if step.song is not None:
        detail.append(f"backing {step.backing}")
        if step.verses:
            detail.append("verses " + ",".join(map(str, step.verses)))
    if step.tempo_scale != 1.0:
        detail.append(f"tempo {step.tempo_scale:.0%}")
    if step.transpose:
        detail.append(f"transpose {step.transpose:+d}")
    if step.then == "hold" and step.duration is None and step.kind in ("text", "video"):
        detail.append("waits for Next")
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
    print(f"  Planned in all: {fmt_time(session.planned_seconds)} ({len(session.steps)} steps)", file=out)


def _config(args) -> Config:
    import os
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from .display.keymap import known_key

    return load_config(user_file=Path(args.config) if getattr(args, "config", None) else None, known_key=known_key)


def load(args, config: Config) -> Session:
    return load_session_file(Path(args.session), config)


def cmd_check(args) -> int:
    config = _config(args)
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
    loader = make_loader(Library.for_session(path, config.library_dirs))
    song = loader.song(path)
    if loader.ck.problems or song is None:
        raise ScriptError(list(dict.fromkeys(loader.ck.problems)))
    lines = sum(len(song.section(sid).lines) for sid in song.order)
    backing = "MIDI" if song.midi else "audio" if song.audio else "no backing (stepped with Next)"
    print(f"{song.title}  ({path})")
    print(f"  {song.verse_count} verses, {len(song.order)} sections sung, {lines} lines, {backing}, "
          f"tempo {song.tempo:g}, {song.meter.beats}/{song.meter.unit}: {fmt_time(song.beats_sung() * 60 / song.tempo)}")
    return 0


def cmd_list(args) -> int:
    config = _config(args)
    library = Library.for_session(Path(args.session), config.library_dirs)
    loader = make_loader(library)
    for kind, label in (("exercise", "Exercises"), ("song", "Songs")):
        print(f"{label}:")
        for ident, path in library.all(kind).items():
            item = loader.exercise(path) if kind == "exercise" else loader.song(path)
            if item is None:
                print(f"  {ident:<28} (has problems: run `helsekor check`)")
            else:
                extra = f"{item.kind}" if kind == "exercise" else ("MIDI" if item.midi else "audio" if item.audio else "no backing")
                print(f"  {ident:<28} {item.title}  [{extra}]")
    return 0


def _steps(text: str | None, n: int) -> tuple[int, int] | None:
    """'3-5' or '4' (1-based, inclusive) → 0-based (first, last)."""
    if not text:
        return None
    try:
        a, _, b = text.partition("-")
        first, last = int(a), int(b or a)
    except ValueError:
        raise SystemExit(f"helsekor: --steps takes A-B or A (step numbers 1 to {n}), not {text!r}") from None
    if not (1 <= first <= last <= n):
        raise SystemExit(f"helsekor: --steps {text}: the session has steps 1 to {n}")
    return first - 1, last - 1


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise SystemExit(f"helsekor: --size takes WxH such as 1920x1080, not {text!r}") from None
    return w, h


def cmd_render(args) -> int:
    import os
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from .display.renderer import Renderer, save_png, settings_of
    from .render import render_session

    config = _config(args)
    session = load(args, config)
    size = _size(args.size)
    renderer = Renderer(settings_of(config))

    def draw(snapshot, path):
        renderer.invalidate()   # each PNG is a whole picture
        save_png(snapshot, path, size, renderer=renderer)

    out = Path(args.out)
    result = render_session(session, config.texts(session.language), out, fps=args.fps, size=size,
                            steps=_steps(args.steps, len(session.steps)), config=config, draw=draw,
                            count_in_bars=config.midi.count_in_bars, soundfont=config.midi.soundfont)
    print(f"Rehearsal of «{session.title}»: {fmt_time(result.seconds)} of sound, {len(result.events)} events, "
          f"{len(result.frames)} frames")
    print(f"  {out / 'audio.wav'}\n  {out / 'timeline.json'}\n  {out / 'frames'}/\n  {out / 'contact.png'}")
    return 0


def has_display() -> bool:
    import os
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def cmd_run(args) -> int:
    from .show import run_show

    config = _config(args)
    session = load(args, config)
    return run_show(session, config, display=args.display, windowed=args.windowed, restart=args.restart)


def cmd_demo(args) -> int:
    config = _config(args)
    session = load(args, config)
    print_plan(session)
    if has_display():
        from player.core.model.errors import DeviceError
        from .show import run_show
        try:
            # a demo starts from the beginning; `helsekor run` resumes where a session stopped
            return run_show(session, config, display=None, windowed=args.windowed, restart=not args.resume)
        except DeviceError as err:
            print(f"helsekor: no window could be opened ({err}); rehearsing without a screen instead.", file=sys.stderr)
    else:
        print("\nNo screen here (DISPLAY is not set): rehearsing the session without one.")
    args.out, args.fps, args.size, args.steps = args.out or "out/demo", 30, "1280x720", None
    return cmd_render(args)


#: commands whose parser needs no importer: `helsekor run` and `demo` start without loading them
SHOW_COMMANDS = ("run", "demo")

def cmd_follow(args) -> int:
    """Feed a recorded performance through the score follower (simulated real time)."""
    from .wiring import follow_performance

    config = _config(args)
    title, n = follow_performance(Path(args.song), Path(args.performance), Path(args.out), config.midi.guide_channel)
    print(f"{args.out}: followed {n} notes of «{title}»")
    return 0


def command_of(argv: list[str]) -> str | None:
    """The subcommand named in ``argv`` (the first word that is not an option or its value)."""
    skip = False
    for word in argv:
        if skip:
            skip = False
        elif word == "--config":
            skip = True
        elif not word.startswith("-"):
            return word
    return None


def build_parser(formats: bool = True) -> argparse.ArgumentParser:
    """``formats=False`` leaves out `import` and `export` (their importers load with them)."""
    parser = argparse.ArgumentParser(prog="helsekor", description="Run a health-choir session from one script.")
    parser.add_argument("--config", help="a config file read on top of the project's config.yaml")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("check", help="check a session (or one song file) and print its plan")
    p.add_argument("session", nargs="?", default=str(DEFAULT_SESSION))
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("list", help="list the songs and exercises that can be used")
    p.add_argument("session", nargs="?", default=str(DEFAULT_SESSION), help="look beside this session too")
    p.set_defaults(func=cmd_list)
    p = sub.add_parser("run", help="run a session on the projector, with sound")
    p.add_argument("session", nargs="?", default=str(DEFAULT_SESSION))
    p.add_argument("--display", type=int, help="screen number for the projector view (default: config)")
    p.add_argument("--windowed", action="store_true", help="a window instead of full screen")
    p.add_argument("--restart", action="store_true", help="start from step 1 instead of where it stopped")
    p.set_defaults(func=cmd_run)
    p = sub.add_parser("render", help="rehearse a session without a screen: frames, audio.wav, timeline.json")
    p.add_argument("session", nargs="?", default=str(DEFAULT_SESSION))
    p.add_argument("--out", required=True, help="folder to write into")
    p.add_argument("--fps", type=int, default=30)
    p.add_argument("--size", default="1920x1080", help="frame size WxH")
    p.add_argument("--steps", help="only these steps, such as 3-5 (1-based)")
    p.set_defaults(func=cmd_render)
    p = sub.add_parser("demo", help="run the demo session (what `make demo` does)")
    p.add_argument("session", nargs="?", default=str(DEFAULT_SESSION))
    p.add_argument("--windowed", action="store_true")
    p.add_argument("--resume", action="store_true", help="go on from the step where the demo stopped")
    p.add_argument("--out", help="where a rehearsal without a screen writes (default out/demo)")
    p.set_defaults(func=cmd_demo)
    p = sub.add_parser("follow", help="follow a recorded performance (MIDI file) through the score follower")
    p.add_argument("song", help="the song's YAML file (its MIDI file is the score)")
    p.add_argument("performance", help="the performance, a MIDI file")
    p.add_argument("--out", required=True, help="positions.json to write")
    p.set_defaults(func=cmd_follow)
    if formats:
        from .formats.commands import add_subcommands
        add_subcommands(sub)          # import FILE... / export SONG
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(formats=command_of(argv) not in SHOW_COMMANDS)
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except ScriptError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        n = len(err.problems)
        print(f"{n} problem{'s' if n != 1 else ''} found; nothing was played.", file=sys.stderr)
        return 1
    except HelsekorError as err:
        print(f"helsekor: {err}", file=sys.stderr)
        return 1
    except BrokenPipeError:            # `helsekor list | head`: the reader has all it wanted
        import os
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
