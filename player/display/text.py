"""Rendered text, cached, and word wrapping.

Rendering a line of big text costs far more than blitting it (MEASURED.md: cached text draws
~3× faster), so :class:`TextCache` keeps rendered surfaces keyed by text, size, weight and
colours. Characters Atkinson Hyperlegible lacks (♩, ⚠) are drawn with the fallback font.
Sizes are pixels. Main thread only.
"""

from __future__ import annotations

from collections import OrderedDict

from player.display.theme import Colour, Fonts

__all__ = ["TextCache", "wrap_spans"]


SIZES_KEPT = 8192      # text sizes remembered before the table starts afresh


class TextCache:
    """Rendered text surfaces, least recently used dropped past ``capacity``."""

    def __init__(self, fonts: Fonts, capacity: int = 600) -> None:
        self.fonts = fonts
        self.capacity = capacity
        self._items: OrderedDict[tuple, object] = OrderedDict()
        self.hits = 0
        self.misses = 0
        self.convert = False   # set when a display exists: converted surfaces blit faster
        # while a list: a miss is noted there and drawn as a blank of its size, not rendered
        # (drawing ahead renders them later, one per frame: see render_deferred)
        self.deferred: list[tuple] | None = None
        self._sizes: dict[tuple, tuple[int, int]] = {}

    def render(self, text: str, size: int, fg: Colour, bg: Colour | None, bold: bool = False):
        """A surface with ``text`` in ``fg`` on ``bg`` (opaque; None = transparent)."""
        key = (text, size, bold, fg, bg)
        item = self._items.get(key)
        if item is not None:
            self._items.move_to_end(key)
            self.hits += 1
            return item
        if self.deferred is not None:
            if key not in self.deferred:
                self.deferred.append(key)
            return self._blank(text, size, bold, bg)
        self.misses += 1
        item = self._render(text, size, fg, bg, bold)
        self._items[key] = item
        if len(self._items) > self.capacity:
            self._items.popitem(last=False)
        return item

    def render_deferred(self, key: tuple) -> None:
        """Render one text noted while :attr:`deferred` was a list (a key it holds)."""
        text, size, bold, fg, bg = key
        self.render(text, size, fg, bg, bold)

    def _blank(self, text: str, size: int, bold: bool, bg: Colour | None):
        import pygame
        w, h = self.size(text, size, bold)
        return pygame.Surface((max(1, w), max(1, h)), pygame.SRCALPHA if bg is None else 0)

    def size(self, text: str, size: int, bold: bool = False) -> tuple[int, int]:
        """Width and height of ``text`` as :meth:`render` would draw it (remembered: word
        wrapping asks for every prefix of a line, each a walk over its characters)."""
        key = (text, size, bold)
        known = self._sizes.get(key)
        if known is not None:
            return known
        runs = self._runs(text, bold)
        if len(runs) == 1 and runs[0][1]:
            known = self.fonts.get(size, bold).size(text)
        else:
            known = (sum(self._font(size, bold, main).size(run)[0] for run, main in runs),
                     self.fonts.get(size, bold).get_height())
        if len(self._sizes) >= SIZES_KEPT:
            self._sizes.clear()
        self._sizes[key] = known
        return known

    def _font(self, size: int, bold: bool, main: bool):
        return self.fonts.get(size, bold) if main else self.fonts.get_fallback(size, bold)

    def _runs(self, text: str, bold: bool) -> list[tuple[str, bool]]:
        runs: list[tuple[str, bool]] = []
        for ch in text:
            main = self.fonts.has_glyph(ch, bold)
            if runs and runs[-1][1] == main:
                runs[-1] = (runs[-1][0] + ch, main)
            else:
                runs.append((ch, main))
        return runs or [("", True)]

    def _render(self, text: str, size: int, fg: Colour, bg: Colour | None, bold: bool):
        import pygame
        runs = self._runs(text, bold)
        main_font = self.fonts.get(size, bold)
        if len(runs) == 1 and runs[0][1]:
            surf = main_font.render(text, True, fg, bg) if bg is not None else main_font.render(text, True, fg)
        else:
            parts = []
            for run, main in runs:
                font = self._font(size, bold, main)
                part = font.render(run, True, fg, bg) if bg is not None else font.render(run, True, fg)
                # line the fallback glyphs up on the main font's baseline
                parts.append((part, main_font.get_ascent() - font.get_ascent()))
            w = sum(p.get_width() for p, _ in parts)
            h = main_font.get_height()
            surf = pygame.Surface((max(1, w), h), pygame.SRCALPHA if bg is None else 0)
            surf.fill(bg if bg is not None else (0, 0, 0, 0))
            x = 0
            for part, dy in parts:
                surf.blit(part, (x, dy))
                x += part.get_width()
        if self.convert and pygame.display.get_surface() is not None:
            surf = surf.convert() if bg is not None else surf.convert_alpha()
        return surf


def wrap_spans(text: str, fits) -> list[tuple[int, int]]:
    """Split ``text`` at spaces into rows for which ``fits(row_text)`` is true.

    Returns (start, end) character spans into ``text``; the space at a break belongs to no row.
    A single word too long for a row is broken between characters (never shrunk).
    """
    spans: list[tuple[int, int]] = []
    n = len(text)
    start = 0
    while start < n and text[start] == " ":
        start += 1
    while start < n:
        end = start
        best = None
        while end < n:
            nxt = text.find(" ", end + 1)
            nxt = n if nxt == -1 else nxt
            if fits(text[start:nxt]):
                best = nxt
                end = nxt
            else:
                break
        if best is None:   # the first word alone does not fit: break it by characters
            cut = start + 1
            while cut < n and text[cut] != " " and fits(text[start:cut + 1]):
                cut += 1
            best = cut
        spans.append((start, best))
        start = best
        while start < n and text[start] == " ":
            start += 1
    return spans
