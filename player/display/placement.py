"""Where a second window opens: inside the screen it is meant for, whole.

The desktop is the screens side by side (SDL's ``get_desktop_sizes()`` order, left to right).
A window opens ``offset`` pixels in from the screen's corner when it fits there, else at the
corner, and never larger than the screen (a 1280×800 window at +40 px on a 1280×800 laptop
screen lost its right and bottom 40 px). Pure; main thread only.
"""

from __future__ import annotations

from typing import Sequence

__all__ = ["place_window"]


def place_window(desktops: Sequence[tuple[int, int]], display: int, size: tuple[int, int],
                 offset: int = 40) -> tuple[tuple[int, int], tuple[int, int]]:
    """((x, y), (w, h)) of a window of ``size`` on screen ``display`` (pixels, desktop coordinates)."""
    display = display if 0 <= display < len(desktops) else 0
    left = sum(d[0] for d in desktops[:display])
    dw, dh = desktops[display] if desktops else size
    w, h = min(size[0], dw), min(size[1], dh)
    dx = offset if w + 2 * offset <= dw else (dw - w) // 2
    dy = offset if h + 2 * offset <= dh else (dh - h) // 2
    return (left + dx, dy), (w, h)
