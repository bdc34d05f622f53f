"""The project's own exceptions.

    HelsekorError
    ├── ScriptError   a session, song, exercise or config file is wrong (before the show)
    ├── MediaError    a media file (MIDI, audio, video, picture) is missing or unreadable
    ├── FileRefused   a file cannot be opened as what it should be: missing, not a regular file
    │                 (FIFO, device, folder), too big, a symlink loop, a bad name, an OS error
    └── DeviceError   a device (MIDI port, synth, audio output, screen) cannot be used

Messages say what is wrong and what to do next. Adapters translate library exceptions into
these at the edge (``raise ... from err``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from player.core.model.messages import tr

__all__ = ["HelsekorError", "ScriptError", "MediaError", "DeviceError", "FileRefused", "Problem", "readable_path"]

_SEGMENT = re.compile(r"([^\[]*)((?:\[\d+\])*)")


def readable_path(path: str) -> str:
    """A field path as a person counts: ``steps[5].song`` → "step 6, song", ``lines[0]`` →
    "lines no. 1" (the script's lists count from 0 in code, from 1 in every message)."""
    if "[" not in path:
        return path
    parts = []
    for segment in path.split("."):
        m = _SEGMENT.fullmatch(segment)
        if m is None or not m.group(2):
            parts.append(segment)
            continue
        name = m.group(1)
        for k, n in enumerate(int(x) + 1 for x in re.findall(r"\d+", m.group(2))):
            if k:
                parts.append(tr("no. {n}", n=n))
            elif name == "steps":
                parts.append(tr("step {n}", n=n))
            else:
                parts.append(tr("{name} no. {n}", name=name, n=n) if name else tr("no. {n}", n=n))
    return ", ".join(parts)


class HelsekorError(Exception):
    """Base of every error this program raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a script file, with where it is (line and column are 1-based)."""

    file: str
    line: int
    column: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        text = f"{where}: {readable_path(self.path)}: {self.message}" if self.path else f"{where}: {self.message}"
        # a file name that is not UTF-8 comes with lone surrogates: shown escaped, never a crash
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


class ScriptError(HelsekorError):
    """One or more problems in the script files; ``problems`` lists them all."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems) or tr("invalid script"))

    @classmethod
    def single(cls, file: str | Path, message: str, line: int = 1, column: int = 1, path: str = "") -> "ScriptError":
        return cls([Problem(str(file), line, column, path, message)])


class MediaError(HelsekorError):
    """A media file cannot be used."""


class DeviceError(HelsekorError):
    """A device cannot be opened or has gone away."""


class FileRefused(HelsekorError):
    """A file the program should read was refused before or while reading it.

    ``path`` is the file (resolved when that worked), ``named`` the file as the caller named it,
    ``why`` one of :data:`FileRefused.WHYS` (so a caller can keep its own wording, e.g. for
    ``missing``) and ``reason`` a short text saying what is wrong and what to do. ``str()`` is
    ``"named: reason"``, plus where a link led when that is elsewhere.
    """

    WHYS = ("missing", "not-regular", "too-big", "loop", "bad-name", "denied", "os-error", "not-text")

    def __init__(self, path: str | Path, why: str, reason: str, named: str | Path | None = None):
        self.path = str(path)
        self.named = str(named) if named is not None else self.path
        self.why = why
        self.reason = reason
        super().__init__(f"{self.where}: {reason}")

    @property
    def where(self) -> str:
        """The file as named, and where its links led if elsewhere."""
        return self.named if self.named == self.path else tr("{named} (a link to {path})", named=self.named, path=self.path)
