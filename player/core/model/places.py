"""Where things are: the built-in content, the fonts, and the user's own places.

- **The built-in content** (``songs/`` with their MIDI files, ``exercises/``, ``media/`` with the
  pictograms, ``sessions/demo.yaml`` and the default ``config.yaml``): in an installed program it
  is package data, ``player/content/`` (the build maps the repository's top-level folders there,
  see pyproject.toml); in a checkout of the repository it is the repository's top level.
  :func:`content_root` is the one answer.
- **The fonts**: Atkinson Hyperlegible from the ``fontpkg-atkinson-hyperlegible`` wheel, and for
  the symbols it lacks (♩, ⚠, ✓) the DejaVu Sans subset shipped in ``player/fonts/``.
  :func:`font_files` is the one lookup for the screen and the songbook PDF.
- **The user's places** (:class:`UserPlaces`): the user's ``config.yaml``, the saved step, the
  logs and session logs, the cache of MIDI checks, where ``helsekor init`` makes a choir folder.
  They are the platform's folders (platformdirs: ``~/.config/helsekor``, ``~/.local/state/helsekor``
  on Linux; ``%LOCALAPPDATA%\\helsekor`` on Windows; ``~/Library/Application Support/helsekor`` on
  macOS), unless ``$HELSEKOR_HOME`` is set: then all of them are under that one folder (tests
  and a portable install use it).

Pure computing of paths; nothing is created here. Any thread.
"""

from __future__ import annotations

import importlib.resources
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from player.core.model.errors import DeviceError

__all__ = ["content_root", "UserPlaces", "user_places", "FontFiles", "font_files", "HOME_VARIABLE", "APP",
           "SYMBOL_FONT", "SYMBOL_FONT_BOLD"]

APP = "helsekor"
HOME_VARIABLE = "HELSEKOR_HOME"
#: the folder of the package's own files (fonts, the choir-folder template)
PACKAGE_DIR = Path(__file__).resolve().parents[2]
#: a checkout: the repository's top level holds config.yaml beside player/
CHECKOUT_ROOT = PACKAGE_DIR.parent
#: DejaVu Sans, cut to the symbols (player/fonts/LICENSE.txt): for the glyphs Atkinson lacks
SYMBOL_FONT = PACKAGE_DIR / "fonts" / "DejaVuSans-Symbols.ttf"
SYMBOL_FONT_BOLD = PACKAGE_DIR / "fonts" / "DejaVuSans-Bold-Symbols.ttf"


def content_root() -> Path:
    """The folder that holds the built-in ``songs/``, ``exercises/``, ``media/``, ``sessions/``
    and ``config.yaml``: the installed package's ``player/content/`` when it is there, else the
    repository's top level (a checkout, or an editable install)."""
    try:
        packaged = Path(str(importlib.resources.files("player") / "content"))
    except (ModuleNotFoundError, TypeError, ValueError):     # pragma: no cover - a broken install
        packaged = PACKAGE_DIR / "content"
    if (packaged / "config.yaml").is_file():
        return packaged
    return CHECKOUT_ROOT


@dataclass(frozen=True)
class UserPlaces:
    """The user's own folders. Nothing here exists until something is written."""

    config: Path      # the user's config.yaml (read on top of the built-in one)
    state: Path       # the saved step (resume after a crash)
    logs: Path        # helsekor.log and the session logs
    cache: Path       # what can be thrown away: the remembered MIDI checks
    choir: Path       # where `helsekor init` makes a choir folder when no folder is named

    @property
    def config_file(self) -> Path:
        return self.config / "config.yaml"


def user_places(env: Mapping[str, str] | None = None) -> UserPlaces:
    """The user's places: under ``$HELSEKOR_HOME`` when it is set, else the platform's folders."""
    env = os.environ if env is None else env
    home = env.get(HOME_VARIABLE)
    if home:
        root = Path(home).expanduser().absolute()
        return UserPlaces(root / "config", root / "state", root / "logs", root / "cache", root / "Helsekor")
    import platformdirs

    dirs = platformdirs.PlatformDirs(APP, appauthor=False)
    return UserPlaces(config=Path(dirs.user_config_dir), state=Path(dirs.user_state_dir),
                      logs=Path(dirs.user_log_dir), cache=Path(dirs.user_cache_dir),
                      choir=Path(platformdirs.user_documents_dir()) / "Helsekor")


@dataclass(frozen=True)
class FontFiles:
    """TrueType files: the show's font and the one for the symbols it lacks."""

    regular: Path
    bold: Path
    symbols: Path
    symbols_bold: Path


def font_files() -> FontFiles:
    """The fonts, wherever the program is installed. Raises DeviceError naming the package to
    install when Atkinson Hyperlegible is missing."""
    try:
        import fontpkg_atkinson_hyperlegible as pkg
    except ImportError as err:  # pragma: no cover - a broken install
        raise DeviceError("The font Atkinson Hyperlegible is missing: "
                          "run `pip install fontpkg-atkinson-hyperlegible`") from err
    files = Path(pkg.ROOT) / "files"
    return FontFiles(regular=files / "AtkinsonHyperlegible-Regular.ttf", bold=files / "AtkinsonHyperlegible-Bold.ttf",
                     symbols=SYMBOL_FONT, symbols_bold=SYMBOL_FONT_BOLD)
