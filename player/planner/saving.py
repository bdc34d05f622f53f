"""Saving what the page made: a session as ``sessions/NAME.yaml`` and a song as
``songs/NAME.yaml`` in the choir folder. A name is made safe from the title; an existing file
is replaced only when the page says the conductor agreed, and then its previous version is
kept beside it as ``NAME.yaml.bak`` (hidden from the library, which lists ``*.yaml``). The file
is written whole or not at all (a temporary file renamed over it)."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from player.planner.folder import Confined

__all__ = ["Saved", "write_file", "Exists"]


class Exists(Exception):
    """The file is there and the page did not say to replace it."""

    def __init__(self, path: Path):
        super().__init__(str(path))
        self.path = path


@dataclass(frozen=True)
class Saved:
    path: Path
    backup: Path | None


def write_file(place: Confined, folder: str, stem: str, text: str, replace: bool = False) -> Saved:
    """Write ``text`` as ``folder/stem.yaml`` in the choir folder (see the module docstring)."""
    path = place.file(folder, f"{stem}.yaml", write=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    backup = None
    if path.exists() or path.is_symlink():
        if not replace:
            raise Exists(path)
        backup = path.with_name(path.name + ".bak")
        shutil.copy2(path, backup)
    fd, tmp = tempfile.mkstemp(prefix=".planner-save-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Saved(path, backup)
