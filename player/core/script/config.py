"""Settings: the project's config.yaml with the user's own file read on top of it.

The user's file is ``$HELSEKOR_CONFIG`` when set, else ``~/.config/helsekor/config.yaml``,
else ``config.local.yaml`` beside the project's config.yaml. Mappings merge key by key; any
other value in the user's file replaces the project's. Sections a device or view needs are
parsed by that part itself (``Theme.from_config(config["themes"])``...); this module checks the
shape and the values that the core uses.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from player.core.script.checks import Checker
from player.core.model.errors import ScriptError
from player.core.script.library import PROJECT_ROOT
from player.core.script.yamlnodes import Node

__all__ = ["Config", "load_config", "user_config_path"]

TOP_KEYS = ("version", "display", "room", "theme", "themes", "lyrics", "keys", "midi", "audio",
            "language", "texts", "library", "state_dir", "log_dir", "pianist")


def user_config_path(project_root: Path = PROJECT_ROOT) -> Path | None:
    env = os.environ.get("HELSEKOR_CONFIG")
    if env:
        return Path(env).expanduser()
    for p in (Path("~/.config/helsekor/config.yaml").expanduser(), project_root / "config.local.yaml"):
        if p.is_file():
            return p
    return None


@dataclass(frozen=True)
class Config:
    data: dict[str, Any]
    files: tuple[Path, ...]

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def section(self, key: str) -> dict[str, Any]:
        value = self.data.get(key)
        return value if isinstance(value, dict) else {}

    @property
    def language(self) -> str:
        return str(self.data.get("language", "nb"))

    def texts(self, language: str | None = None) -> dict[str, str]:
        """The words the program shows, in the given language (falling back to bokmål)."""
        all_texts = self.section("texts")
        base = dict(all_texts.get("nb", {}) or {})
        base.update(all_texts.get(language or self.language, {}) or {})
        return {k: str(v) for k, v in base.items()}

    @property
    def library_dirs(self) -> tuple[Path, ...]:
        return tuple(Path(str(p)).expanduser() for p in self.data.get("library") or [])

    def path(self, key: str) -> Path:
        return Path(str(self.data[key])).expanduser()


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def _check(ck: Checker, root: Node) -> None:
    m = ck.mapping(root, "", (), TOP_KEYS)
    if not m:
        return
    if "version" in m and m["version"].value != 1:
        ck.error(m["version"], "version", "this program reads config version 1")
    if "theme" in m:
        ck.choice(m["theme"], "theme", ("dark", "light"))
    if "library" in m:
        for i, item in enumerate(ck.sequence(m["library"], "library") or []):
            folder = ck.text(item, f"library[{i}]")
            if folder and not Path(folder).expanduser().is_dir():
                ck.error(item, f"library[{i}]", f"folder not found: {folder}")
    if "room" in m:
        r = ck.mapping(m["room"], "room", (), ("farthest_viewer_m", "screen_width_m", "min_x_height_deg"))
        if r:
            for key, lo, hi in (("farthest_viewer_m", 1, 60), ("screen_width_m", 0.3, 30), ("min_x_height_deg", 0.1, 3)):
                if key in r:
                    ck.number(r[key], f"room.{key}", lo, hi)
    if "midi" in m and m["midi"].kind == "map" and "count_in_bars" in m["midi"].value:
        ck.number(m["midi"].value["count_in_bars"], "midi.count_in_bars", 0, 2, integer=True)


def load_config(project_root: Path = PROJECT_ROOT, user_file: Path | None = None) -> Config:
    """Read config.yaml and the user's file on top. Raises ScriptError with file:line problems."""
    from player.core.script.loader import read_tree

    ck = Checker()
    files = [project_root / "config.yaml"]
    override = user_file if user_file is not None else user_config_path(project_root)
    if override is not None:
        files.append(override)
    data: dict[str, Any] = {}
    for f in files:
        tree = read_tree(f)
        _check(ck, tree)
        if tree.kind == "map":
            data = _merge(data, tree.plain())
    if ck.problems:
        raise ScriptError(ck.problems)
    return Config(data, tuple(files))
