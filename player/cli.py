"""The ``helsekor`` command: its parser and :func:`main`; the commands are in
:mod:`player.commands` (each module imported only when its command runs).

    helsekor check [SESSION]     check a session and print its plan (exit 0 valid, 1 errors, 2 usage)
    helsekor list                the songs and exercises that can be used
    helsekor run [SESSION]       the show (the console script `helsekor` and `python -m player.cli`)
    helsekor demo [SESSION]      what `make demo` runs
    helsekor init [FOLDER]       make a choir folder and record it as a library in the user's settings
    helsekor calibrate           tap along to clicks; the sound's delay is saved as audio.latency_ms
    helsekor plan [FOLDER]       plan a session on a local web page

This module imports nothing at the top but ``sys``: :func:`main` first puts a remembered
``run``'s kept first frame on the screen (:mod:`player.launch`), then loads argparse, the
catalog and the command. The names tests and tools take from here (``load``, ``print_plan``,
``cmd_run``, …) are the commands' own, loaded on first use.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

__all__ = ["main", "build_parser", "choose_language", "command_of", "default_session", "argparse_words",
           "SHOW_COMMANDS", "COMMANDS"]

#: commands whose parser needs no importer: `helsekor run` and `demo` start without loading them
SHOW_COMMANDS = ("run", "demo", "calibrate")
#: the module of player.commands that holds each command (``cmd_NAME``)
COMMANDS = {"check": "check", "list": "check", "run": "show", "demo": "show", "calibrate": "show",
            "render": "render", "follow": "render", "init": "choir", "plan": "choir"}
#: names of the commands' modules, importable from here as before the split (loaded on first use)
_HOME = {"load": "common", "fmt_time": "common", "has_display": "common", "describe_step": "check",
         "print_plan": "check", **{f"cmd_{name}": module for name, module in COMMANDS.items()}}


def __getattr__(name):
    if name in _HOME:
        import importlib
        return getattr(importlib.import_module(f"player.commands.{_HOME[name]}"), name)
    raise AttributeError(name)


def _command(name: str):
    """``args → exit code`` for the command ``name``, its module imported when it runs."""
    def run(args) -> int:
        import importlib
        return getattr(importlib.import_module(f"player.commands.{COMMANDS[name]}"), f"cmd_{name}")(args)
    run.__name__ = f"cmd_{name}"
    return run


def default_session() -> str:
    """The built-in demo session, the command's session when none is named."""
    from player.core.model.places import content_root
    return str(content_root() / "sessions" / "demo.yaml")


def argparse_words() -> tuple:
    """argparse's own words (the standard library's), said in the chosen language too."""
    from player.core.model.messages import N_
    return (N_("usage: "), N_("positional arguments"), N_("options"), N_("show this help message and exit"),
            N_("the following arguments are required: %s"), N_("unrecognized arguments: %s"),
            N_("invalid choice: %(value)r (choose from %(choices)s)"), N_("%(prog)s: error: %(message)s\n"),
            N_("argument %(argument_name)s: %(message)s"), N_("invalid %(type)s value: %(value)r"),
            N_("expected one argument"), N_("ambiguous option: %(option)s could match %(matches)s"))


def choose_language(argv: list[str]) -> str:
    """``--language``, else ``$HELSEKOR_LANGUAGE``, else config.yaml ``language:``, else bokmål;
    spoken from now on (read before the parser is built, whose help must speak it already). A
    config that cannot be read says so later, in the language chosen."""
    import argparse
    from pathlib import Path
    from player.core.model import messages
    from player.core.model.errors import HelsekorError

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
    argparse._ = messages.catalog_of(chosen).gettext        # argparse's words: see argparse_words()
    return chosen


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
    import argparse
    from player.core.model import messages
    from player.core.model.messages import tr
    default = default_session()
    parser = argparse.ArgumentParser(prog="helsekor", description=tr("Run a health-choir session from one script."))
    parser.add_argument("--config", help=tr("a config file read on top of the project's config.yaml"))
    parser.add_argument("--language", choices=messages.LANGUAGES,
                        help=tr("the language of everything the program shows and prints (default: config.yaml language:)"))
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("check", help=tr("check a session (or one song file) and print its plan"))
    p.add_argument("session", nargs="?", default=default)
    p.set_defaults(func=_command("check"))
    p = sub.add_parser("list", help=tr("list the songs and exercises that can be used"))
    p.add_argument("session", nargs="?", default=default, help=tr("look beside this session too"))
    p.set_defaults(func=_command("list"))
    p = sub.add_parser("run", help=tr("run a session on the projector, with sound"))
    p.add_argument("session", nargs="?", default=default)
    p.add_argument("--display", type=int, help=tr("screen number for the projector view (default: config)"))
    p.add_argument("--windowed", action="store_true", help=tr("a window instead of full screen"))
    p.add_argument("--restart", action="store_true", help=tr("start from step 1 instead of where it stopped"))
    p.add_argument("--serve", action="store_true",
                   help=tr("serve pages for phones and tablets on the local network (remote, stage, lyrics)"))
    p.add_argument("--port", type=int, help=tr("port for --serve (default: serve.port in the settings)"))
    p.set_defaults(func=_command("run"))
    p = sub.add_parser("calibrate", help=tr("tap along to clicks; the sound's delay is saved as audio.latency_ms"))
    p.add_argument("--windowed", action="store_true", help=tr("a window instead of full screen"))
    p.set_defaults(func=_command("calibrate"))
    p = sub.add_parser("render", help=tr("rehearse a session without a screen: frames, audio.wav, timeline.json"))
    p.add_argument("session", nargs="?", default=default)
    p.add_argument("--out", required=True, help=tr("folder to write into"))
    p.add_argument("--fps", type=int, default=30)
    p.add_argument("--size", default="1920x1080", help=tr("frame size WxH"))
    p.add_argument("--steps", help=tr("only these steps, such as 3-5 (1-based)"))
    p.set_defaults(func=_command("render"))
    p = sub.add_parser("demo", help=tr("run the demo session (what `make demo` does)"))
    p.add_argument("session", nargs="?", default=default)
    p.add_argument("--windowed", action="store_true")
    p.add_argument("--resume", action="store_true", help=tr("go on from the step where the demo stopped"))
    p.add_argument("--out", help=tr("where a rehearsal without a screen writes (default out/demo)"))
    p.set_defaults(func=_command("demo"))
    p = sub.add_parser("init", help=tr("make a choir folder (sessions/, songs/, …) and add it to your settings' library"))
    p.add_argument("folder", nargs="?", help=tr("the folder to make (default: Helsekor in your documents folder)"))
    p.set_defaults(func=_command("init"))
    p = sub.add_parser("plan", help=tr("plan a session in the browser (a local web page)"))
    p.add_argument("folder", nargs="?", help=tr("the choir folder (default: your choir folder, else this folder if it has sessions/)"))
    p.add_argument("--port", type=int, default=0, help=tr("port to listen on (default: a free one)"))
    p.add_argument("--host", default="127.0.0.1", help=tr("address to listen on (default 127.0.0.1: this machine only)"))
    p.add_argument("--no-browser", action="store_true", help=tr("only print the address"))
    p.set_defaults(func=_command("plan"))
    p = sub.add_parser("follow", help=tr("follow a recorded performance (MIDI file) through the score follower"))
    p.add_argument("song", help=tr("the song's YAML file (its MIDI file is the score)"))
    p.add_argument("performance", help=tr("the performance, a MIDI file"))
    p.add_argument("--out", required=True, help=tr("positions.json to write"))
    p.set_defaults(func=_command("follow"))
    if formats:
        from .formats.commands import add_subcommands
        add_subcommands(sub)          # import FILE... / export SONG
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    from player.launch import kept_frame
    kept_frame(argv)                   # a remembered `run`: its first frame before anything else loads
    from player import classcode, startcache
    classcode.install(startcache.folder_name())     # the dataclasses' code, compiled once (player/classcode.py)
    from player.core.model.errors import HelsekorError, ScriptError
    from player.core.model.messages import tr
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
