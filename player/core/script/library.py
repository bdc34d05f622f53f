"""Where songs and exercises are found by id.

A step names a song or exercise by id (the file's stem) or by a path ending in ``.yaml``
relative to the session file. Ids are looked up in ``songs/`` / ``exercises/`` beside the
session file, then in the library folders from config.yaml, then in the project's own folders.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from player.core.model.files import FileRefused, regular_file, resolve_path

__all__ = ["Library", "PROJECT_ROOT", "ID_PATTERN"]

PROJECT_ROOT = Path(__file__).resolve().parents[3]
ID_PATTERN = re.compile(r"^[\w.-]+$")
FOLDERS = {"song": "songs", "exercise": "exercises"}


@dataclass(frozen=True)
class Library:
    roots: tuple[Path, ...]     # folders that hold songs/ and exercises/, in search order

    @classmethod
    def for_session(cls, session_file: Path, library_dirs: tuple[Path, ...] = (), project_root: Path = PROJECT_ROOT) -> "Library":
        roots: list[Path] = []
        for root in (_resolved(session_file).parent, *library_dirs, project_root):
            root = _resolved(root)
            # a session in sessions/ uses the project's songs/ beside sessions/, not sessions/songs/
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
