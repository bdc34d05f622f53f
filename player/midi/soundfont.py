"""Where the built-in synth's SoundFont is.

``midi.soundfont`` empty (the default) means the SoundFont Helsekor ships
(``media/soundfonts/TimGM6mb.sf2``, GPL-2, see the README beside it), so a pip install has
sound on every system; when a build left it out, the usual system places are tried (Debian's
``timgm6mb-soundfont``/``fluid-soundfont-gm``, Homebrew's share folders). A path that is set is
used as it is. Pure path logic; any thread.
"""

from __future__ import annotations

import sys
from pathlib import Path

from player.core.model.errors import DeviceError
from player.core.model.places import content_root as built_in_content

__all__ = ["SHIPPED_SOUNDFONT", "SYSTEM_SOUNDFONTS", "find_soundfont", "shipped_soundfont"]

SHIPPED_SOUNDFONT = Path("media") / "soundfonts" / "TimGM6mb.sf2"
SYSTEM_SOUNDFONTS = (
    "/usr/share/sounds/sf2/TimGM6mb.sf2", "/usr/share/sounds/sf2/FluidR3_GM.sf2",
    "/usr/share/soundfonts/FluidR3_GM.sf2", "/usr/share/sounds/sf3/FluidR3Mono_GM.sf3",
    "/opt/homebrew/share/soundfonts/default.sf2", "/usr/local/share/soundfonts/default.sf2",
)


def shipped_soundfont(content_root: Path | None = None) -> Path:
    """The SoundFont in the built-in content (``content_root``: another content folder)."""
    return (content_root or built_in_content()) / SHIPPED_SOUNDFONT


def find_soundfont(setting: str | Path = "", content_root: Path | None = None,
                   system: tuple[str, ...] = SYSTEM_SOUNDFONTS) -> Path:
    """The SoundFont to load for ``midi.soundfont`` = ``setting``; :class:`DeviceError`
    saying where to get one and where to put it when there is none."""
    if str(setting):
        path = Path(setting).expanduser()
        if path.is_file():
            return path
        raise DeviceError(f"SoundFont {path} (midi.soundfont i config.yaml) finnes ikke: rett stien, "
                          "eller fjern linjen for å bruke SoundFonten som følger med Helsekor")
    for place in (shipped_soundfont(content_root), *map(Path, system)):
        if place.is_file():
            return place
    where = "C:\\Users\\<navn>\\" if sys.platform == "win32" else "~/"
    raise DeviceError("fant ingen SoundFont for den innebygde synthen (den som følger med Helsekor mangler i denne "
                      "installasjonen): last ned en General MIDI-SoundFont, for eksempel TimGM6mb.sf2 "
                      "(https://packages.debian.org/timgm6mb-soundfont) eller GeneralUser GS, legg den for eksempel i "
                      f"{where}Musikk, og sett midi.soundfont: til stien i config.yaml")
