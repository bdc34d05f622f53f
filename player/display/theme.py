"""Colours, fonts and the room rule that sets the size of the text.

Sizes are pixels on the target surface; the room is in metres and degrees. Nothing here draws:
:class:`Theme` and :class:`Room` are parsed from ``config.yaml`` (``themes``/``theme`` and
``room``) and :class:`Fonts` measures the real font to find the smallest size that a viewer at
the back of the room can read. Called from the main (display) thread only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from player.core.model.errors import ScriptError

__all__ = [
    "Colour", "Theme", "Room", "Fonts", "parse_colour", "contrast_ratio",
    "relative_luminance", "panel_colour", "MIN_CONTRAST", "FALLBACK_FONT", "atkinson_font",
]

Colour = tuple[int, int, int]

#: WCAG AAA contrast for normal text; every colour of a theme must reach it on the background.
MIN_CONTRAST = 7.0
#: Font for the symbols Atkinson Hyperlegible lacks (♩, ⚠); Debian package fonts-dejavu-core.
FALLBACK_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FALLBACK_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


def atkinson_font(bold: bool = False) -> Path:
    """Path of the Atkinson Hyperlegible TTF from the PyPI package ``fontpkg-atkinson-hyperlegible``."""
    try:
        import fontpkg_atkinson_hyperlegible as pkg
    except ImportError as err:  # pragma: no cover - a broken install
        from player.core.model.errors import DeviceError
        raise DeviceError("The font Atkinson Hyperlegible is missing: "
                          "run `.venv/bin/pip install fontpkg-atkinson-hyperlegible`") from err
    name = "AtkinsonHyperlegible-Bold.ttf" if bold else "AtkinsonHyperlegible-Regular.ttf"
    return Path(pkg.ROOT) / "files" / name


def parse_colour(value: Any, where: str = "themes") -> Colour:
    """``"#RRGGBB"`` (or a 3-item list) → an RGB tuple; a :class:`ScriptError` otherwise."""
    if isinstance(value, (list, tuple)) and len(value) == 3 and all(isinstance(v, int) for v in value):
        return (int(value[0]), int(value[1]), int(value[2]))
    if isinstance(value, str) and len(value) == 7 and value.startswith("#"):
        try:
            return (int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16))
        except ValueError:
            pass
    raise ScriptError.single("config.yaml", f"not a colour: {value!r} (allowed: \"#RRGGBB\")", path=where)


def relative_luminance(c: Colour) -> float:
    """WCAG 2 relative luminance of an sRGB colour (0 = black, 1 = white)."""
    def channel(v: int) -> float:
        s = v / 255.0
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in c[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: Colour, b: Colour) -> float:
    """WCAG contrast ratio between two colours, 1–21."""
    la, lb = relative_luminance(a), relative_luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def panel_colour(background: Colour, text: Colour) -> Colour:
    """A panel colour 10 % of the way from the background to the text colour: panels and the
    current-line band stand out, and the text on them keeps its contrast."""
    return tuple(round(b + (f - b) * 0.10) for b, f in zip(background, text))  # type: ignore[return-value]


@dataclass(frozen=True)
class Theme:
    """The colours of one theme. Every foreground reaches :data:`MIN_CONTRAST` on ``background``."""

    name: str
    background: Colour
    text: Colour
    dim: Colour
    highlight: Colour
    accent: Colour
    notice: Colour

    FOREGROUNDS = ("text", "dim", "highlight", "accent", "notice")

    @classmethod
    def from_config(cls, config: Mapping[str, Any], name: str | None = None) -> "Theme":
        """Read ``config['themes'][name]`` (``name`` defaults to ``config['theme']``, else dark)."""
        themes = config.get("themes") or {}
        name = name or config.get("theme") or "dark"
        if name not in themes:
            if name in _BUILTIN:
                return _BUILTIN[name]
            raise ScriptError.single("config.yaml", f"unknown theme {name!r} (allowed: {', '.join(sorted(themes))})",
                                     path="theme")
        raw = themes[name]
        base = _BUILTIN.get(name, _BUILTIN["dark"])
        fields = {}
        for key in ("background",) + cls.FOREGROUNDS:
            fields[key] = parse_colour(raw[key], f"themes.{name}.{key}") if key in raw else getattr(base, key)
        theme = cls(name=name, **fields)
        for key in cls.FOREGROUNDS:
            ratio = contrast_ratio(getattr(theme, key), theme.background)
            if ratio < MIN_CONTRAST:
                raise ScriptError.single(
                    "config.yaml", f"contrast {ratio:.1f}:1 against the background is too low "
                    f"(allowed: at least {MIN_CONTRAST:g}:1)", path=f"themes.{name}.{key}")
        return theme


_BUILTIN = {
    "dark": Theme("dark", (0x10, 0x14, 0x18), (255, 255, 255), (0xC8, 0xCD, 0xD2), (0xFF, 0xD8, 0x4A),
                  (0x7F, 0xD4, 0xFF), (0xFF, 0xB0, 0xA0)),
    "light": Theme("light", (255, 255, 255), (0, 0, 0), (0x33, 0x38, 0x3D), (0x0B, 0x3D, 0x91),
                   (0x0B, 0x52, 0xA0), (0x8A, 0x1C, 0x00)),
}


@dataclass(frozen=True)
class Room:
    """How far the back row sits and how wide the picture is; sets the smallest x-height."""

    farthest_viewer_m: float = 10.0
    screen_width_m: float = 3.0
    min_x_height_deg: float = 0.4

    @classmethod
    def from_config(cls, room: Mapping[str, Any] | None) -> "Room":
        room = room or {}
        values = {}
        for key, low, high in (("farthest_viewer_m", 0.5, 100.0), ("screen_width_m", 0.2, 30.0),
                               ("min_x_height_deg", 0.05, 5.0)):
            if key in room:
                v = room[key]
                if not isinstance(v, (int, float)) or isinstance(v, bool) or not low <= v <= high:
                    raise ScriptError.single("config.yaml", f"{v!r} is out of range (allowed: {low:g}–{high:g})",
                                             path=f"room.{key}")
                values[key] = float(v)
        return cls(**values)

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


@lru_cache(maxsize=64)
def _font(path: str, size: int):
    import pygame
    if not pygame.font.get_init():
        pygame.font.init()
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
