"""Where songs and exercises are found by id.

A step names a song or exercise by id (the file's stem) or by a path ending in ``.yaml``
relative to the session file. The one lookup rule (README "Where songs are found"): an id is
looked up in ``songs/`` / ``exercises/``

1. beside the session file;
2. beside the session's folder, when the session sits in a folder named ``sessions``
   (``kor/sessions/uke2.yaml`` finds ``kor/songs/``);
3. in each library folder of the settings (``library:``; ``helsekor init`` adds one), in order;
4. in the built-in content (:func:`player.core.model.places.content_root`).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from player.core.model.files import FileRefused, regular_file, resolve_path
from player.core.model.places import content_root

__all__ = ["Library", "PROJECT_ROOT", "ID_PATTERN", "SESSIONS_FOLDER"]

#: the built-in content (kept under this name for older callers: use content_root())
PROJECT_ROOT = content_root()
#: a session in a folder of this name finds the songs/ and exercises/ beside that folder
SESSIONS_FOLDER = "sessions"
ID_PATTERN = re.compile(r"^[\w.-]+$")
FOLDERS = {"song": "songs", "exercise": "exercises"}


@dataclass(frozen=True)
class Library:
    roots: tuple[Path, ...]     # folders that hold songs/ and exercises/, in search order

    @classmethod
    def for_session(cls, session_file: Path, library_dirs: tuple[Path, ...] = (),
                    project_root: Path | None = None) -> "Library":
        """The search order for one session; ``project_root`` is the built-in content (tests
        hand a folder of their own)."""
        here = _resolved(session_file).parent
        beside = (here.parent,) if here.name == SESSIONS_FOLDER else ()
        builtin = content_root() if project_root is None else project_root
        roots: list[Path] = []
        for root in (here, *beside, *library_dirs, builtin):
            root = _resolved(root)
            if root not in roots:
                roots.append(root)
        return cls(tuple(roots))

    def candidates(self, kind: str, ref: str, base: Path) -> list[Path]:
        """Every place ``ref`` may be, in the order they are tried."""
        if ref.endswith(".yaml") or ref.endswith(".yml"):
            return [Path(os.path.abspath(base.parent / ref))]   # resolved when read, naming any link
        return [root / FOLDERS[kind] / f"{ref}.yaml" for root in self.roots]

    def find(self, kind: str, ref: str, base: Path) -> tuple[Path | None, list[Path]]:
        places = self.candidates(kind, ref, base)
        for place in places:
            try:
                regular_file(place, "script")
            except FileRefused as err:
                if err.why in ("missing", "bad-name"):   # not here (or a library folder's name is wrong)
                    continue
            return place, places        # there, if odd: reading it says what is wrong
        return None, places

    def all(self, kind: str) -> dict[str, Path]:
        """Every id of this kind that can be used, the first place winning."""
        found: dict[str, Path] = {}
        for root in self.roots:
            folder = root / FOLDERS[kind]
            try:
                names = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
            except (OSError, ValueError):      # a folder that cannot be listed has nothing to offer
                names = []
            for f in names:
                found.setdefault(f.stem, f)
        return found


def _resolved(path: Path) -> Path:
    """The resolved path, or the path as it is when it cannot be resolved (a symlink loop, a
    bad name): then reading it reports the problem with the file named."""
    try:
        return resolve_path(path)
    except FileRefused:
        return Path(path).expanduser().absolute()
