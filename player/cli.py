"""The ``helsekor`` command: the one place that builds adapters and wires them together.

    helsekor check [SESSION]     check a session and print its plan (exit 0 valid, 1 errors, 2 usage)
    helsekor list                the songs and exercises that can be used
    helsekor demo [SESSION]      what `make demo` runs
    helsekor init [FOLDER]       make a choir folder and record it as a library in the user's settings
    helsekor calibrate           tap along to clicks; the sound's delay is saved as audio.latency_ms
    helsekor plan [FOLDER]       plan a session on a local web page
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from typing import TYPE_CHECKING

from player.core.model.messages import N_, tr
from player.core.model import messages
from player.core.model.errors import HelsekorError, ScriptError
from player.core.model.places import content_root

if TYPE_CHECKING:    # the YAML reader and the checks load on first use (a remembered `run` needs neither)
    from player.core.script.config import Config
    from player.core.model.data import Session      # (nor the model's classes before its first frame)


def fmt_time(seconds: float) -> str:
    from player.core.show.acts import fmt_time as fmt
    return fmt(seconds)

DEFAULT_SESSION = content_root() / "sessions" / "demo.yaml"
#: argparse's own words (the standard library's), said in the chosen language too
ARGPARSE_WORDS = (N_("usage: "), N_("positional arguments"), N_("options"), N_("show this help message and exit"),
                  N_("the following arguments are required: %s"), N_("unrecognized arguments: %s"),
                  N_("invalid choice: %(value)r (choose from %(choices)s)"), N_("%(prog)s: error: %(message)s\n"),
                  N_("argument %(argument_name)s: %(message)s"), N_("invalid %(type)s value: %(value)r"),
                  N_("expected one argument"), N_("ambiguous option: %(option)s could match %(matches)s"))


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


def _config(args) -> Config:
    import os
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from .display.keymap import known_key
    from player.core.script.config import load_config

    config = load_config(user_file=Path(args.config) if getattr(args, "config", None) else None, known_key=known_key)
    if getattr(args, "command", None) == "run" and not getattr(args, "language", None):
        messages.use(messages.chosen_language(None, config.language))   # `run` chose none before (see choose_language)
    # one language at a time: the show speaks the language the messages speak
    from dataclasses import replace
    return replace(config, language=messages.current())


def choose_language(argv: list[str]) -> str:
    """``--language``, else ``$HELSEKOR_LANGUAGE``, else config.yaml ``language:``, else bokmål;
    spoken from now on (read before the parser is built, whose help must speak it already). A
    config that cannot be read says so later, in the language chosen."""
    def option(name: str) -> str | None:
        for i, word in enumerate(argv):
            if word == name and i + 1 < len(argv) or word.startswith(name + "="):
                return word.split("=", 1)[1] if "=" in word else argv[i + 1]
        return None

    given, configured, config = option("--language"), None, option("--config")
    # `run` takes its language from the settings it reads (or remembers: player/startcache.py),
    # so a remembered start needs no YAML before the first frame; its --help reads them here
    if given is None and (command_of(argv) != "run" or "--help" in argv or "-h" in argv):
        from player.core.script.config import load_config
        try:
            configured = load_config(user_file=Path(config) if config else None).language
        except HelsekorError:
            pass
    chosen = messages.use(messages.chosen_language(given, configured))
    argparse._ = messages.catalog_of(chosen).gettext        # argparse's words: see ARGPARSE_WORDS
    return chosen


def load(args, config: Config) -> Session:
    from player.wiring import load_session_file
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
    config = _config(args)
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


def _steps(text: str | None, n: int) -> tuple[int, int] | None:
    """'3-5' or '4' (1-based, inclusive) → 0-based (first, last)."""
    if not text:
        return None
    try:
        a, _, b = text.partition("-")
        first, last = int(a), int(b or a)
    except ValueError:
        raise SystemExit("helsekor: " + tr("--steps takes A-B or A (step numbers 1 to {n}), not {text}", n=n, text=repr(text))) from None
    if not (1 <= first <= last <= n):
        raise SystemExit("helsekor: " + tr("--steps {text}: the session has steps 1 to {n}", text=text, n=n))
    return first - 1, last - 1


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise SystemExit("helsekor: " + tr("--size takes WxH such as 1920x1080, not {text}", text=repr(text))) from None
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
                            count_in_bars=config.midi.count_in_bars, soundfont=config.midi.soundfont,
                            synth=config.midi.synth)
    print(tr("Rehearsal of «{title}»: {time} of sound, {events} events, {frames} frames", title=session.title,
             time=fmt_time(result.seconds), events=len(result.events), frames=len(result.frames)))
    print(f"  {out / 'audio.wav'}\n  {out / 'timeline.json'}\n  {out / 'frames'}/\n  {out / 'contact.png'}")
    return 0


def has_display() -> bool:
    import os
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def cmd_run(args) -> int:
    from .startcache import cached

    def read():
        config = _config(args)
        return config, load(args, config)
    # remembered by the files read (player/startcache.py): a second start skips the YAML and the checks
    import os
    key = ("run", str(Path(args.session).resolve()), args.config, args.language, os.environ.get("HELSEKOR_LANGUAGE"))
    # and its first frame: on the screen before the show's own code is imported (player/display/splash.py)
    from .display import splash
    from .startcache import cache_folder, fresh, key_of
    window = (args.windowed, args.display)
    if fresh(key) is not None:
        splash.show(splash.frame_file(cache_folder(), key_of(key), window), restart=args.restart)
    from .show import run_show
    config, session = cached(key, read)
    messages.use(config.language)      # the language chosen when the settings were read (the key holds its inputs)
    if args.serve or args.port is not None:       # the room's pages (player/serve): only when asked for
        from dataclasses import replace
        config = replace(config, serve=replace(config.serve, enabled=True,
                                               port=config.serve.port if args.port is None else args.port))
    return run_show(session, config, display=args.display, windowed=args.windowed, restart=args.restart,
                    first_frame_file=splash.frame_file(cache_folder(), key_of(key), window))


def cmd_calibrate(args) -> int:
    from .calibrate import run_calibrate

    return run_calibrate(_config(args), windowed=args.windowed)


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
            print("helsekor: " + tr("no window could be opened ({error}); rehearsing without a screen instead.", error=err),
                  file=sys.stderr)
    else:
        print("\n" + tr("No screen here (DISPLAY is not set): rehearsing the session without one."))
    args.out, args.fps, args.size, args.steps = args.out or "out/demo", 30, "1280x720", None
    return cmd_render(args)


def cmd_init(args) -> int:
    from .choir import init

    made = init(Path(args.folder) if args.folder else None, Path(args.config) if args.config else None)
    _config(args)       # the settings with the new library read as every command will read them
    print(tr("Choir folder: {folder}", folder=made.folder))
    for place in made.made:
        print(tr("  made  {place}", place=place.relative_to(made.folder) if place != made.folder else "."))
    for place in made.kept:
        print(tr("  kept  {place} (it was there already)", place=place.relative_to(made.folder)))
    if made.recorded:
        print(tr("  recorded as a library in {settings}", settings=made.settings))
    else:
        print(tr("  already a library in {settings}", settings=made.settings))
    print(tr("Next:\n  helsekor check \"{example}\"\n  helsekor run \"{example}\"", example=made.example))
    return 0


def cmd_plan(args) -> int:
    from .planner import choir_folder, serve

    config = _config(args)
    folder = Path(args.folder).expanduser().resolve() if args.folder else choir_folder(libraries=config.library)
    return serve(folder, config, host=args.host, port=args.port, browser=not args.no_browser)


#: commands whose parser needs no importer: `helsekor run` and `demo` start without loading them
SHOW_COMMANDS = ("run", "demo", "calibrate")


def cmd_follow(args) -> int:
    """Feed a recorded performance through the score follower (simulated real time)."""
    from .wiring import follow_performance

    config = _config(args)
    title, n = follow_performance(Path(args.song), Path(args.performance), Path(args.out), config.midi.guide_channel)
    print(tr("{out}: followed {n} notes of «{title}»", out=args.out, n=n, title=title))
    return 0


def command_of(argv: list[str]) -> str | None:
    """The subcommand named in ``argv`` (the first word that is not an option or its value)."""
    skip = False
    for word in argv:
        if skip:
            skip = False
        elif word in ("--config", "--language"):
            skip = True
        elif not word.startswith("-"):
            return word
    return None


def build_parser(formats: bool = True) -> argparse.ArgumentParser:
    """``formats=False`` leaves out `import` and `export` (their importers load with them)."""
    parser = argparse.ArgumentParser(prog="helsekor", description=tr("Run a health-choir session from one script."))
    parser.add_argument("--config", help=tr("a config file read on top of the project's config.yaml"))
    parser.add_argument("--language", choices=messages.LANGUAGES,
                        help=tr("the language of everything the program shows and prints (default: config.yaml language:)"))
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("check", help=tr("check a session (or one song file) and print its plan"))
    p.add_argument("session", nargs="?", default=str(DEFAULT_SESSION))
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("list", help=tr("list the songs and exercises that can be used"))
    p.add_argument("session", nargs="?", default=str(DEFAULT_SESSION), help=tr("look beside this session too"))
    p.set_defaults(func=cmd_list)
    p = sub.add_parser("run", help=tr("run a session on the projector, with sound"))
    p.add_argument("session", nargs="?", default=str(DEFAULT_SESSION))
    p.add_argument("--display", type=int, help=tr("screen number for the projector view (default: config)"))
    p.add_argument("--windowed", action="store_true", help=tr("a window instead of full screen"))
    p.add_argument("--restart", action="store_true", help=tr("start from step 1 instead of where it stopped"))
    p.add_argument("--serve", action="store_true",
                   help=tr("serve pages for phones and tablets on the local network (remote, stage, lyrics)"))
    p.add_argument("--port", type=int, help=tr("port for --serve (default: serve.port in the settings)"))
    p.set_defaults(func=cmd_run)
    p = sub.add_parser("calibrate", help=tr("tap along to clicks; the sound's delay is saved as audio.latency_ms"))
    p.add_argument("--windowed", action="store_true", help=tr("a window instead of full screen"))
    p.set_defaults(func=cmd_calibrate)
    p = sub.add_parser("render", help=tr("rehearse a session without a screen: frames, audio.wav, timeline.json"))
    p.add_argument("session", nargs="?", default=str(DEFAULT_SESSION))
    p.add_argument("--out", required=True, help=tr("folder to write into"))
    p.add_argument("--fps", type=int, default=30)
    p.add_argument("--size", default="1920x1080", help=tr("frame size WxH"))
    p.add_argument("--steps", help=tr("only these steps, such as 3-5 (1-based)"))
    p.set_defaults(func=cmd_render)
    p = sub.add_parser("demo", help=tr("run the demo session (what `make demo` does)"))
    p.add_argument("session", nargs="?", default=str(DEFAULT_SESSION))
    p.add_argument("--windowed", action="store_true")
    p.add_argument("--resume", action="store_true", help=tr("go on from the step where the demo stopped"))
    p.add_argument("--out", help=tr("where a rehearsal without a screen writes (default out/demo)"))
    p.set_defaults(func=cmd_demo)
    p = sub.add_parser("init", help=tr("make a choir folder (sessions/, songs/, …) and add it to your settings' library"))
    p.add_argument("folder", nargs="?", help=tr("the folder to make (default: Helsekor in your documents folder)"))
    p.set_defaults(func=cmd_init)
    p = sub.add_parser("plan", help=tr("plan a session in the browser (a local web page)"))
    p.add_argument("folder", nargs="?", help=tr("the choir folder (default: your choir folder, else this folder if it has sessions/)"))
    p.add_argument("--port", type=int, default=0, help=tr("port to listen on (default: a free one)"))
    p.add_argument("--host", default="127.0.0.1", help=tr("address to listen on (default 127.0.0.1: this machine only)"))
    p.add_argument("--no-browser", action="store_true", help=tr("only print the address"))
    p.set_defaults(func=cmd_plan)
    p = sub.add_parser("follow", help=tr("follow a recorded performance (MIDI file) through the score follower"))
    p.add_argument("song", help=tr("the song's YAML file (its MIDI file is the score)"))
    p.add_argument("performance", help=tr("the performance, a MIDI file"))
    p.add_argument("--out", required=True, help=tr("positions.json to write"))
    p.set_defaults(func=cmd_follow)
    if formats:
        from .formats.commands import add_subcommands
        add_subcommands(sub)          # import FILE... / export SONG
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    choose_language(argv)
    parser = build_parser(formats=command_of(argv) not in SHOW_COMMANDS)
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except ScriptError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        n = len(err.problems)
        print(tr("1 problem found; nothing was played.") if n == 1 else
              tr("{n} problems found; nothing was played.", n=n), file=sys.stderr)
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
