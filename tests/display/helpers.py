"""Pixel measurements for the display tests (numpy over pygame surfaces)."""

from __future__ import annotations

import numpy as np
import pygame

from player.display.theme import contrast_ratio


def pixels(surface: pygame.Surface, rect=None) -> np.ndarray:
    """(h, w, 3) uint8 array of ``surface`` (or of ``rect`` in it)."""
    if rect is not None:
        surface = surface.subsurface(pygame.Rect(rect).clip(surface.get_rect()))
    return pygame.surfarray.array3d(surface).transpose(1, 0, 2)


def ink_mask(surface, rect, bg) -> np.ndarray:
    """True where a pixel in ``rect`` differs from the background colour ``bg``."""
    a = pixels(surface, rect).astype(int)
    return np.abs(a - np.array(bg)).sum(axis=2) > 30


def distinct_colours(surface, rect=None) -> set[tuple[int, int, int]]:
    """Every colour in ``rect``: each RGB pixel packed into one integer (``r << 16 | g << 8 | b``)
    so ``np.unique`` sorts a flat array, about 25× faster than ``np.unique(axis=0)`` on rows."""
    a = pixels(surface, rect).reshape(-1, 3).astype(np.uint32)
    packed = np.unique((a[:, 0] << 16) | (a[:, 1] << 8) | a[:, 2])
    return {(int(v >> 16), int((v >> 8) & 0xFF), int(v & 0xFF)) for v in packed}


def measured_contrast(surface, rect, bg) -> float:
    """Contrast between ``bg`` and the pixel in ``rect`` that stands out most from it."""
    return max(contrast_ratio(c, bg) for c in distinct_colours(surface, rect))


def ink_height(surface, rect, bg) -> int:
    rows = np.where(ink_mask(surface, rect, bg).any(axis=1))[0]
    return int(rows[-1] - rows[0] + 1) if len(rows) else 0
