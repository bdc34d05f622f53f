"""Settings: the built-in config.yaml with the user's own file read on top of it.

The built-in config.yaml is in the built-in content (:func:`player.core.model.places.content_root`).
The user's file is ``$HELSEKOR_CONFIG`` when set, else ``config.yaml`` in the user's config
folder (:func:`player.core.model.places.user_places`: ``~/.config/helsekor/`` on Linux, under
``$HELSEKOR_HOME/config/`` when that is set), else ``config.local.yaml`` beside the built-in
config.yaml (a checkout). :func:`load_config` reads both
once and returns the checked, typed :class:`~player.core.model.settings.Settings`
(:mod:`player.core.script.settings` does the checking; ``Config`` is its old name).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from player.core.model.errors import ScriptError
from player.core.model.settings import Settings
from player.core.model.places import content_root, user_places
from player.core.script.settings import TOP_KEYS, read_settings

__all__ = ["Config", "Settings", "load_config", "user_config_path", "TOP_KEYS"]

Config = Settings


def user_config_path(project_root: Path | None = None) -> Path | None:
    """The user's settings file that is read, or None (then none is)."""
    project_root = content_root() if project_root is None else project_root
    env = os.environ.get("HELSEKOR_CONFIG")
    if env:
        try:
            return Path(env).expanduser()
        except RuntimeError as err:     # ~someone with no such user
            raise ScriptError.single(env, "HELSEKOR_CONFIG names a home folder this computer does not know "
                                          "(write the whole path, or ~/ for your own home folder)") from err
    for p in (user_places().config_file, project_root / "config.local.yaml"):
        if p.is_file():
            return p
    return None


def load_config(project_root: Path | None = None, user_file: Path | None = None,
                known_key: Callable[[str], bool] | None = None) -> Settings:
    """Read config.yaml and the user's file on top. Raises ScriptError with file:line problems.
    ``known_key(name)`` checks the key names (the CLI hands the keyboard library's check)."""
    from player.core.script.loader import read_tree

    project_root = content_root() if project_root is None else project_root
    files = [project_root / "config.yaml"]
    override = user_file if user_file is not None else user_config_path(project_root)
    if override is not None:
        files.append(override)
    return read_settings([read_tree(f, kind="settings") for f in files], files, known_key)
