"""The project's own exceptions.

    HelsekorError
    ├── ScriptError   a session, song, exercise or config file is wrong (before the show)
    ├── MediaError    a media file (MIDI, audio, video, picture) is missing or unreadable
    └── DeviceError   a device (MIDI port, synth, audio output, screen) cannot be used

Messages say what is wrong and what to do next. Adapters translate library exceptions into
these at the edge (``raise ... from err``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["HelsekorError", "ScriptError", "MediaError", "DeviceError", "Problem"]


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
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class ScriptError(HelsekorError):
    """One or more problems in the script files; ``problems`` lists them all."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems) or "invalid script")

    @classmethod
    def single(cls, file: str | Path, message: str, line: int = 1, column: int = 1, path: str = "") -> "ScriptError":
        return cls([Problem(str(file), line, column, path, message)])


class MediaError(HelsekorError):
    """A media file cannot be used."""


class DeviceError(HelsekorError):
    """A device cannot be opened or has gone away."""
