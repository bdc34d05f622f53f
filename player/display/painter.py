"""Drawing helpers shared by the scenes: sizes for one surface, and a painter that records
where it put each piece of text (the tests and the dirty-rect logic read that record).

Sizes are pixels. The lyric size is the smallest whose measured x-height meets the room rule;
every text a participant reads uses it or larger; only conductor text (notices, overlay) is
smaller. Main thread only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from player.display.text import TextCache, wrap_spans
from player.display.theme import Colour, Fonts, Room, Theme

__all__ = ["Metrics", "Placed", "Painter", "metrics_for", "blit_text"]


@dataclass(frozen=True)
class Metrics:
    """Font sizes (points ≈ pixels) and spacing for one surface size."""

    width: int
    height: int
    x_height_px: float     # the room minimum, in pixels
    lyric: int             # lyrics and body text (bold), the room minimum
    body: int              # regular text at the room minimum
    title: int             # card titles (bold)
    big: int               # count-in numbers, "Jeg"/"Alle" (bold)
    small: int             # conductor text (notices, overlay): may be below the room minimum
    margin: int
    line: int              # line advance of lyric text


@lru_cache(maxsize=16)
def _metrics(width: int, height: int, room: Room, fonts_key: str) -> Metrics:
    fonts = _FONTS[fonts_key]
    xh = room.min_x_height_px(width)
    lyric = fonts.size_for_x_height(xh, bold=True)
    body = fonts.size_for_x_height(xh, bold=False)
    return Metrics(
        width=width, height=height, x_height_px=xh, lyric=lyric, body=body,
        title=round(lyric * 1.25), big=round(lyric * 2.2),
        small=max(14, round(lyric * 0.5)), margin=max(8, round(width * 0.045)),
        line=fonts.get(lyric, True).get_linesize(),
    )


_FONTS: dict[str, Fonts] = {}


def metrics_for(size: tuple[int, int], room: Room, fonts: Fonts) -> Metrics:
    """Sizes for a surface of ``size`` pixels in ``room`` (cached)."""
    _FONTS.setdefault(fonts.regular, fonts)
    return _metrics(int(size[0]), int(size[1]), room, fonts.regular)


@dataclass(frozen=True)
class Placed:
    """One piece of text drawn: its role, words, box and colours."""

    role: str
    text: str
    rect: tuple[int, int, int, int]
    fg: Colour
    bg: Colour
    size: int


def blit_text(surface, cache: TextCache, placed: list, text: str, size: int, fg: Colour, bg: Colour,
              pos: tuple[int, int], *, anchor: str = "topleft", bold: bool = False, role: str = "text"):
    """Blit one line of cached text at ``pos`` (by ``anchor``) and record it in ``placed``
    (what the tests read); returns its rect."""
    surf = cache.render(text, size, fg, bg, bold)
    rect = surf.get_rect(**{anchor: pos})
    surface.blit(surf, rect)
    placed.append(Placed(role, text, tuple(rect), fg, bg, size))
    return rect


@dataclass
class Painter:
    """Draws text and shapes onto ``surface`` and records every text it places in ``placed``."""

    surface: object
    theme: Theme
    metrics: Metrics
    cache: TextCache
    placed: list[Placed] = field(default_factory=list)

    @property
    def fonts(self) -> Fonts:
        return self.cache.fonts

    def fill(self, colour: Colour | None = None, rect=None) -> None:
        self.surface.fill(colour or self.theme.background, rect)

    def text(self, text: str, size: int, fg: Colour, pos: tuple[int, int], *, anchor: str = "topleft",
             bold: bool = False, bg: Colour | None = None, role: str = "text"):
        """Blit one line of text; returns its rect (pygame.Rect)."""
        return blit_text(self.surface, self.cache, self.placed, text, size, fg, bg or self.theme.background,
                         pos, anchor=anchor, bold=bold, role=role)

    def wrap(self, text: str, size: int, width: int, bold: bool = False, balanced: bool = True) -> list[tuple[int, int]]:
        """Spans of ``text`` that fit ``width`` pixels at ``size`` (word boundaries).

        ``balanced``: when the text needs several rows, use the narrowest width that still
        needs no more rows, so rows come out about equally long (no lone last word)."""
        def spans(w: int):
            return wrap_spans(text, lambda s: self.cache.size(s, size, bold)[0] <= w)
        rows = spans(width)
        if not balanced or len(rows) < 2:
            return rows
        lo, hi = width // len(rows), width
        while hi - lo > max(4, size // 8):
            mid = (lo + hi) // 2
            if len(spans(mid)) <= len(rows):
                hi = mid
            else:
                lo = mid
        return spans(hi)

    def paragraph(self, text: str, size: int, fg: Colour, x: int, y: int, width: int, *,
                  bold: bool = False, align: str = "left", role: str = "text", bg: Colour | None = None,
                  line: int | None = None) -> int:
        """Wrapped text from (x, y) in a column ``width`` wide; returns the y below it."""
        font = self.fonts.get(size, bold)
        line = line or font.get_linesize()
        for a, b in self.wrap(text, size, width, bold):
            row = text[a:b]
            if align == "center":
                self.text(row, size, fg, (x + width // 2, y), anchor="midtop", bold=bold, role=role, bg=bg)
            else:
                self.text(row, size, fg, (x, y), bold=bold, role=role, bg=bg)
            y += line
        return y

    def circle(self, colour: Colour, centre: tuple[float, float], radius: float, width: int = 0) -> None:
        """A smooth (anti-aliased) circle, filled when ``width`` is 0."""
        import pygame
        if radius >= 1:
            pygame.draw.aacircle(self.surface, colour, (round(centre[0]), round(centre[1])), round(radius), width)
