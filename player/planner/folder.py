"""Where the planner may read and write: the choir folder and the library folders, nothing else.

A name from the page is never trusted: absolute paths, ``..``, names that are not plain file
names and symlinks that lead out of the allowed folders are refused before any file is opened.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from player.core.script.library import PROJECT_ROOT

__all__ = ["choir_folder", "Confined", "PathRefused", "safe_name"]


def choir_folder(cwd: Path | None = None, libraries: tuple[Path, ...] = (), default: Path | None = None) -> Path:
    """The choir folder ``helsekor plan`` works in when none is given: the current folder when
    it has ``sessions/``, else the first library in the user's settings that has one (where
    ``helsekor init`` records the choir folder it makes), else ``default`` (the user's places'
    choir folder) when it exists, else the program's own top folder in a checkout of the
    repository. An installed program's own folder is never written: then ``helsekor init``."""
    from player.core.model.errors import HelsekorError
    from player.core.model.messages import tr
    from player.core.model.places import user_places

    here = Path(cwd or os.getcwd())
    default = default if default is not None else user_places().choir
    for place in (here, *libraries, default):
        if (place / "sessions").is_dir():
            return place
    if (PROJECT_ROOT / ".git").exists() or (PROJECT_ROOT / "pyproject.toml").is_file():
        return PROJECT_ROOT
    raise HelsekorError(tr("no choir folder yet: make one with `helsekor init`, or name one: helsekor plan FOLDER"))


class PathRefused(ValueError):
    """A name from the page that would leave the allowed folders (or is no plain file name)."""


_SAFE = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")


def safe_name(title: str, fallback: str = "okt") -> str:
    """A file stem made safe from a title: ``"Høstøkt 3. uke!"`` → ``"hostokt-3-uke"``."""
    text = title.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60].strip("-")
    return text if _SAFE.match(text) else fallback


@dataclass(frozen=True)
class Confined:
    """The choir folder (where the planner writes) and the library folders (read, and written
    only in their ``songs/``). Every path the page names goes through :meth:`file`."""

    root: Path
    libraries: tuple[Path, ...] = ()

    @property
    def allowed(self) -> tuple[Path, ...]:
        return tuple(p.resolve() for p in (self.root, *self.libraries, PROJECT_ROOT))

    def file(self, folder: str, name: str, suffixes: tuple[str, ...] = (".yaml",), write: bool = False) -> Path:
        """``choir folder/folder/name``, refused unless ``name`` is a plain file name with one of
        ``suffixes`` and the resolved path stays inside the allowed folders (only the choir
        folder when ``write``)."""
        if not isinstance(name, str) or not name or "/" in name or "\\" in name or "\0" in name \
                or name.startswith(".") or os.path.isabs(name) or ".." in name:
            raise PathRefused(name)
        if not name.endswith(suffixes):
            raise PathRefused(name)
        path = self.root / folder / name
        real = path.resolve()
        if not any(real.is_relative_to(a) for a in ((self.root.resolve(),) if write else self.allowed)):
            raise PathRefused(name)        # a symlink that leads out
        return path

    def inside(self, path: Path) -> bool:
        """Whether ``path`` (symlinks followed) lies in an allowed folder."""
        real = Path(path).resolve()
        return any(real.is_relative_to(a) for a in self.allowed)
