"""Colours, fonts and the room rule that sets the size of the text.

Sizes are pixels on the target surface; the room is in metres and degrees. Nothing here draws:
:class:`Theme` and :class:`Room` are made from the checked settings (``themes``/``theme`` and
``room`` of config.yaml) and :class:`Fonts` measures the real font to find the smallest size
that a viewer at the back of the room can read. Called from the main (display) thread only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from player.core.model.places import SYMBOL_FONT, SYMBOL_FONT_BOLD, font_files
from player.core.model.settings import (
    MIN_CONTRAST, Colour, RoomSection, Settings, ThemeColours, contrast_ratio, relative_luminance,
)

__all__ = [
    "Colour", "Theme", "Room", "Fonts", "parse_colour", "contrast_ratio",
    "relative_luminance", "panel_colour", "MIN_CONTRAST", "FALLBACK_FONT", "atkinson_font",
]

#: Font for the symbols Atkinson Hyperlegible lacks (♩, ⚠): the DejaVu Sans subset shipped in
#: player/fonts (the one font lookup is :func:`player.core.model.places.font_files`).
FALLBACK_FONT = SYMBOL_FONT
FALLBACK_BOLD = SYMBOL_FONT_BOLD


def atkinson_font(bold: bool = False) -> Path:
    """Path of the Atkinson Hyperlegible TTF from the PyPI package ``fontpkg-atkinson-hyperlegible``."""
    fonts = font_files()
    return fonts.bold if bold else fonts.regular


def parse_colour(value: Any) -> Colour:
    """``"#RRGGBB"`` → an RGB tuple (config.yaml's colours are read and checked by the settings
    reader; this is for code and tests that name a colour)."""
    if isinstance(value, str) and len(value) == 7 and value.startswith("#"):
        return (int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16))
    raise ValueError(f"not a colour: {value!r} (allowed: \"#RRGGBB\")")


def panel_colour(background: Colour, text: Colour) -> Colour:
    """A panel colour 10 % of the way from the background to the text colour: panels and the
    current-line band stand out, and the text on them keeps its contrast."""
    return tuple(round(b + (f - b) * 0.10) for b, f in zip(background, text))  # type: ignore[return-value]


@dataclass(frozen=True)
class Theme:
    """The colours of one theme, by name. Every foreground reaches :data:`MIN_CONTRAST` on
    ``background`` (the settings reader refuses a theme that does not)."""

    name: str
    background: Colour
    text: Colour
    dim: Colour
    highlight: Colour
    accent: Colour
    notice: Colour

    FOREGROUNDS = ThemeColours.FOREGROUNDS

    @classmethod
    def from_settings(cls, settings: Settings | None = None, name: str | None = None) -> "Theme":
        """The theme ``name`` of the settings (default: the chosen ``theme:``; no settings: dark)."""
        settings = settings or Settings()
        name = name or settings.theme
        colours = settings.themes[name]
        return cls(name, **{k: getattr(colours, k) for k in ThemeColours.KEYS})


@dataclass(frozen=True)
class Room:
    """How far the back row sits and how wide the picture is; sets the smallest x-height.
    Built from ``room:`` (:class:`~player.core.model.settings.RoomSection`), in metres and degrees."""

    farthest_viewer_m: float
    screen_width_m: float
    min_x_height_deg: float

    @classmethod
    def from_section(cls, room: RoomSection | None = None) -> "Room":
        room = room or RoomSection()
        return cls(room.farthest_viewer_m, room.screen_width_m, room.min_x_height_deg)

    def min_x_height_m(self) -> float:
        """Smallest x-height in metres on the screen."""
        return 2.0 * self.farthest_viewer_m * math.tan(math.radians(self.min_x_height_deg) / 2.0)

    def min_x_height_px(self, surface_width_px: int) -> float:
        """Smallest x-height in pixels for a picture ``surface_width_px`` wide."""
        return self.min_x_height_m() * surface_width_px / self.screen_width_m

    def angle_deg(self, x_height_px: float, surface_width_px: int) -> float:
        """The angle a ``x_height_px`` tall letter subtends at the farthest seat, in degrees."""
        metres = x_height_px * self.screen_width_m / surface_width_px
        return math.degrees(2.0 * math.atan(metres / 2.0 / self.farthest_viewer_m))


def _font(path: str, size: int):
    """A font at ``size`` (cached). The cache is emptied when pygame quits: a font made before
    ``pygame.quit()`` is dead in a window opened after it (a test, or a second app in one process)."""
    import pygame
    if not pygame.font.get_init():
        pygame.font.init()
    if not _quit_hook:
        pygame.register_quit(_forget_fonts)
        _quit_hook.append(True)
    return _cached_font(path, size)


_quit_hook: list[bool] = []


def _forget_fonts() -> None:
    _cached_font.cache_clear()
    _coverage_font.cache_clear()
    _has_glyph.cache_clear()


@lru_cache(maxsize=64)
def _cached_font(path: str, size: int):
    import pygame
    return pygame.font.Font(path, size)


@lru_cache(maxsize=4)
def _coverage_font(path: str):
    import pygame.freetype
    if not pygame.freetype.get_init():
        pygame.freetype.init()
    return pygame.freetype.Font(path, 16)


@lru_cache(maxsize=4096)
def _has_glyph(path: str, char: str) -> bool:
    return _coverage_font(path).get_metrics(char)[0] is not None


class Fonts:
    """Atkinson Hyperlegible at measured sizes, with DejaVu Sans for missing symbols."""

    def __init__(self) -> None:
        self.regular = str(atkinson_font(False))
        self.bold = str(atkinson_font(True))
        self.fallback = str(FALLBACK_FONT) if FALLBACK_FONT.exists() else self.regular
        self.fallback_bold = str(FALLBACK_BOLD) if FALLBACK_BOLD.exists() else self.fallback

    def get(self, size: int, bold: bool = False):
        return _font(self.bold if bold else self.regular, max(4, int(size)))

    def get_fallback(self, size: int, bold: bool = False):
        return _font(self.fallback_bold if bold else self.fallback, max(4, int(size)))

    def has_glyph(self, char: str, bold: bool = False) -> bool:
        """Whether Atkinson Hyperlegible has ``char`` (spaces always count as present)."""
        return char.isspace() or _has_glyph(self.bold if bold else self.regular, char)

    @staticmethod
    def measure_x_height(font) -> int:
        """The real x-height of ``font`` in pixels: the ink height of a rendered 'x'."""
        return font.render("x", True, (255, 255, 255)).get_bounding_rect().height

    def size_for_x_height(self, x_height_px: float, bold: bool = False) -> int:
        """Smallest point size whose measured x-height is at least ``x_height_px``."""
        ref = 200
        ratio = self.measure_x_height(self.get(ref, bold)) / ref
        size = max(8, math.ceil(x_height_px / ratio) - 1)
        while size > 8 and self.measure_x_height(self.get(size - 1, bold)) >= x_height_px:
            size -= 1
        while self.measure_x_height(self.get(size, bold)) < x_height_px:
            size += 1
        return size
