"""The console's own window (pygame-ce ``pygame.Window``), on the laptop screen when there is
a second one, placed whole (:func:`~player.display.placement.place_window`).

:meth:`ConsoleWindow.draw` redraws when what it shows changed (:func:`console_key` of the
snapshot, or the console info): a few times a second, not every frame;
:meth:`ConsoleWindow.action_at` turns a click into the key action of the button under it
(the app makes the same intent a key would: one event pump). Main (display) thread only.
"""

from __future__ import annotations

from typing import Mapping

from player.core.show.console import ConsoleInfo
from player.core.show.snapshot import Snapshot
from player.display.console import ConsoleView, console_key
from player.display.console_layout import console_layout
from player.display.placement import place_window
from player.display.theme import Theme

__all__ = ["ConsoleWindow", "action_at", "draw_qr"]


def action_at(size: tuple[int, int], pos: tuple[int, int]) -> str | None:
    """The key action of the button at ``pos`` in a console of ``size``, or None."""
    x, y = pos
    for action, (bx, by, bw, bh) in console_layout(size).buttons:
        if bx <= x < bx + bw and by <= y < by + bh:
            return action
    return None


def draw_qr(surface, rows: tuple[tuple[bool, ...], ...]) -> None:
    """A QR code (rows of dark modules, border included) in the bottom right corner of the
    console's side panel (over its oldest notices), black on white whatever the theme (a phone's
    camera needs that), about a fifth of the window's height."""
    from player.display.console_layout import console_layout
    n = len(rows)
    x, y, w, h = console_layout(surface.get_size()).side
    cell = max(2, min(h // 3, w // 2) // n)
    side = cell * n
    x0, y0 = x + w - side - 4, y + h - side - 4
    surface.fill((255, 255, 255), (x0, y0, side, side))
    for j, row in enumerate(rows):
        for i, dark in enumerate(row):
            if dark:
                surface.fill((0, 0, 0), (x0 + i * cell, y0 + j * cell, cell, cell))


class ConsoleWindow:
    def __init__(self, texts: Mapping[str, str], theme: Theme | None = None, size: tuple[int, int] = (1280, 800),
                 display: int = 0, position: tuple[int, int] | None = None):
        import pygame
        self.view = ConsoleView(texts, theme)
        if position is None and pygame.display.get_num_displays():
            position, size = place_window(list(pygame.display.get_desktop_sizes()), display, size)
        kwargs = {} if position is None else {"position": position}
        self.window = pygame.Window(self.view.say("console_title"), size, resizable=True, **kwargs)
        self._last: tuple | None = None
        self.frames = 0
        self.corner: tuple[tuple[bool, ...], ...] = ()   # a QR code drawn in the bottom right (player/serve)

    @property
    def id(self) -> int:
        return self.window.id

    @property
    def size(self) -> tuple[int, int]:
        return tuple(self.window.size)

    def draw(self, snap: Snapshot, info: ConsoleInfo) -> bool:
        """Redraw if anything shown changed; True when it drew."""
        key = (console_key(snap), info, self.size)
        if key == self._last:
            return False
        self._last = key
        surface = self.window.get_surface()
        self.view.draw(surface, snap, info)
        if self.corner:
            draw_qr(surface, self.corner)
        self.window.flip()
        self.frames += 1
        return True

    def action_at(self, pos: tuple[int, int]) -> str | None:
        return action_at(self.size, pos)

    def invalidate(self) -> None:
        self._last = None

    def close(self) -> None:
        if self.window is not None:
            self.window.destroy()
            self.window = None
