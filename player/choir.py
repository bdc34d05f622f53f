"""``helsekor init [FOLDER]``: make a choir folder and record it as a library in the user's settings.

A choir folder holds ``sessions/``, ``songs/``, ``exercises/``, ``media/``, a short README in
Norwegian and an example session that uses the built-in songs (from ``player/templates/choir``).
Nothing that is there already is written over: running it again only adds what is missing.
The folder is then added to ``library:`` in the user's settings file (the file
:func:`player.core.script.config.user_config_path` reads, else ``config.yaml`` in the user's
config folder), with a small edit that keeps the rest of the file as the user wrote it; the
file is checked afterwards and put back as it was if the edit went wrong. Main thread.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from player.core.model.errors import HelsekorError, ScriptError
from player.core.model.places import PACKAGE_DIR, user_places
from player.core.script.config import user_config_path
from player.core.script.yamlnodes import read_tree

__all__ = ["TEMPLATE", "FOLDERS", "ChoirFolder", "make_choir_folder", "add_library", "settings_file", "init"]

TEMPLATE = PACKAGE_DIR / "templates" / "choir"
FOLDERS = ("sessions", "songs", "exercises", "media")
EXAMPLE = Path("sessions") / "eksempel.yaml"


@dataclass
class ChoirFolder:
    folder: Path
    made: list[Path] = field(default_factory=list)      # folders and files written now
    kept: list[Path] = field(default_factory=list)      # files that were there already
    settings: Path | None = None                        # the settings file that names it
    recorded: bool = False                              # False: it was named there already

    @property
    def example(self) -> Path:
        return self.folder / EXAMPLE


def make_choir_folder(folder: Path) -> ChoirFolder:
    """Make the folders and copy the template's files that are missing. Raises HelsekorError
    when the folder cannot be made (a file in the way, no permission)."""
    folder = Path(folder).expanduser().absolute()
    out = ChoirFolder(folder)
    try:
        for name in ("", *FOLDERS):
            place = folder / name
            if not place.is_dir():
                place.mkdir(parents=True, exist_ok=True)
                out.made.append(place)
        for source in sorted(TEMPLATE.rglob("*")):
            if not source.is_file():
                continue
            target = folder / source.relative_to(TEMPLATE)
            if target.exists() or target.is_symlink():
                out.kept.append(target)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            out.made.append(target)
    except OSError as err:
        raise HelsekorError(f"the choir folder {folder} could not be made: {err.strerror or err} "
                            f"(name another folder: helsekor init FOLDER)") from err
    return out


def settings_file(env_file: Path | None = None) -> Path:
    """The user's settings file that ``init`` writes: the one that is read (``--config``,
    ``$HELSEKOR_CONFIG``, the user's config.yaml, a checkout's config.local.yaml), else the
    user's config.yaml (made)."""
    if env_file is not None:
        return env_file
    return user_config_path() or user_places().config_file


def add_library(path: Path, folder: Path) -> bool:
    """Add ``folder`` to ``library:`` in the settings file ``path`` (made if missing). False when
    it is named there already. Raises HelsekorError when the file cannot be edited safely."""
    folder = Path(folder).absolute()
    entry = json.dumps(str(folder), ensure_ascii=False)       # a JSON string is a YAML string
    if not path.exists():
        _write(path, "# Helsekor: your own settings, read on top of the built-in config.yaml\n"
                     f"library:\n  - {entry}\n")
        return True
    try:
        old = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise HelsekorError(f"the settings file {path} cannot be read ({err}); add by hand:\nlibrary:\n  - {entry}") from err
    if all(not line.strip() or line.lstrip().startswith("#") for line in old.splitlines()):
        _write(path, old + ("" if old.endswith("\n") or not old else "\n") + f"library:\n  - {entry}\n")
        return True
    try:
        tree = _tree(path)
    except ScriptError as err:
        raise HelsekorError(f"{err.problems[0]}: mend the settings file first") from err
    lines = old.splitlines(keepends=True)
    # the YAML node of the key (where it is written), not a setting's value: that is the reader's
    node = tree.value["library"] if tree.kind == "map" and "library" in tree.value else None
    if tree.kind != "map" and tree.value is not None:
        raise HelsekorError(f"{path}: the settings file is not a mapping; add by hand:\nlibrary:\n  - {entry}")
    if node is None:
        new = old + ("" if old.endswith("\n") or not old else "\n") + f"library:\n  - {entry}\n"
    elif node.kind == "seq":
        if any(_same(item.value, folder, path) for item in node.value):
            return False
        new = _added(lines, node, entry, path)
    elif node.kind == "scalar" and node.value in (None, ""):
        row = node.line - 1
        head = lines[row].split("library", 1)[0]
        lines[row] = f"{head}library:\n{head}  - {entry}\n"
        new = "".join(lines)
    else:
        raise HelsekorError(f"{path}:{node.line}: library: is not a list; make it one, such as\nlibrary:\n  - {entry}")
    _write(path, new)
    try:
        check = _tree(path).value["library"]
        if not any(_same(item.value, folder, path) for item in check.value):
            raise ValueError("not added")
    except (ScriptError, ValueError, KeyError, AttributeError, TypeError) as err:
        _write(path, old)
        raise HelsekorError(f"{path}: the folder could not be added to library: (the file is as it was); "
                            f"add it by hand:\nlibrary:\n  - {entry}") from err
    return True


def _added(lines: list[str], node, entry: str, path: Path) -> str:
    """The text with ``entry`` added to the sequence ``node``, in the style it is written in."""
    row = node.line - 1
    text = lines[row]
    at = node.column - 1
    if text[at:at + 1] == "[":                                # flow style: library: [a, b]
        end = text.find("]", at)
        if end < 0:
            raise HelsekorError(f"{path}:{node.line}: library: spans lines; add by hand:  - {entry}")
        inner = text[at + 1:end].strip()
        lines[row] = text[:at + 1] + (f"{inner}, {entry}" if inner else entry) + text[end:]
        return "".join(lines)
    last = node.value[-1]                                     # block style: one "- item" a line
    first = node.value[0]
    indent = " " * max(first.column - 3, 0)
    lines.insert(last.line, f"{indent}- {entry}\n")
    if not lines[last.line - 1].endswith("\n"):
        lines[last.line - 1] += "\n"
    return "".join(lines)


def _same(value, folder: Path, settings: Path) -> bool:
    if not isinstance(value, str):
        return False
    try:
        p = Path(value).expanduser()
    except RuntimeError:
        return False
    p = p if p.is_absolute() else settings.parent / p
    return os.path.normcase(os.path.abspath(p)) == os.path.normcase(os.path.abspath(folder))


def _tree(path: Path):
    return read_tree(path, kind="settings")


def _write(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as err:
        raise HelsekorError(f"the settings file {path} could not be written: {err.strerror or err}") from err


def init(folder: Path | None, config_file: Path | None = None) -> ChoirFolder:
    """Make the choir folder (default: the user's ``Helsekor`` folder) and record it as a library."""
    made = make_choir_folder(folder if folder is not None else user_places().choir)
    made.settings = settings_file(config_file)
    made.recorded = add_library(made.settings, made.folder)
    return made
