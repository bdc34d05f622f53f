"""The ``helsekor`` command's first step (:func:`player.cli.main`, for the console script and
``python -m player.cli`` alike): the kept first frame of a ``helsekor run`` on the screen
before argparse and the rest load.

On a busy machine the wall time of a start is 2.5–5× its CPU time, so what counts is the CPU
spent before the first frame. This module reads the command line with the standard library
only: when it is a plain ``run`` (the options it knows, nothing else: anything else, even an
abbreviation argparse would take, goes the ordinary way) whose remembered load is fresh
(:func:`player.startcache.fresh`: the stamps only) and whose kept frame may be shown
(:func:`player.display.splash.show`), that frame is put on the window first. Then the command
runs as always: it parses the same words with argparse, finds the frame on the screen, and the
app draws on that window. Nothing here prints, and any fault is only
a slower start.

Not on Windows or in a frozen bundle: there the command shows the frame itself, a little later
(its ``cmd_run``), as before.
"""

from __future__ import annotations

import os
import sys

__all__ = ["kept_frame", "run_options", "RunOptions"]

#: the options of ``helsekor run`` that take a value, and those that take none
_VALUED = {"--config", "--language", "--display", "--port"}
_FLAGS = {"--windowed", "--restart", "--serve"}
_LANGUAGES = ("nb", "en")


class RunOptions:
    """The options of a plain ``helsekor run``, named and typed as argparse gives them."""

    def __init__(self) -> None:
        self.session: str | None = None
        self.config: str | None = None
        self.language: str | None = None
        self.display: int | None = None
        self.port: int | None = None
        self.windowed = self.restart = self.serve = False


def run_options(argv: list[str]) -> RunOptions | None:
    """The options of ``argv`` when it is a plain ``run`` (``--config``/``--language`` before
    ``run``, its own options after it, at most one session), else None."""
    found = RunOptions()
    words = list(argv)
    command = False
    while words:
        word = words.pop(0)
        name, eq, value = word.partition("=")
        if name in _VALUED:
            if not eq:
                if not words:
                    return None
                value = words.pop(0)
            if value.startswith("-") or (name in ("--config", "--language")) == command:
                return None            # a global option after `run` (or `run`'s before it): argparse refuses
            if name in ("--display", "--port"):
                try:
                    value = int(value)
                except ValueError:
                    return None
            setattr(found, name[2:], value)
        elif word in _FLAGS and command:
            setattr(found, word[2:], True)
        elif word == "run" and not command:
            command = True
        elif command and not word.startswith("-") and found.session is None:
            found.session = word
        else:
            return None
    if not command or found.session is None or found.language not in (None, *_LANGUAGES):
        return None
    return found


def kept_frame(argv: list[str]) -> bool:
    """Show the kept first frame of the ``run`` in ``argv`` when there is one to show (see the
    module's docstring); whether it is on the screen now."""
    if os.name != "posix" or getattr(sys, "frozen", False):
        return False
    try:
        options = run_options(argv)
        if options is None:
            return False
        from player import startcache
        from player.display import splash
        words = startcache.run_words(options.session, options.config, options.language)
        key = startcache.fresh(words)
        if key is None:
            return False
        window = (options.windowed, options.display)
        return splash.show(splash.frame_file(startcache.folder_name(), key, window), restart=options.restart)
    except Exception:  # noqa: BLE001 - only a slower start: the command shows it, or the app its own
        return False
