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

__all__ = ["ConsoleWindow", "action_at"]


def action_at(size: tuple[int, int], pos: tuple[int, int]) -> str | None:
    """The key action of the button at ``pos`` in a console of ``size``, or None."""
    x, y = pos
    for action, (bx, by, bw, bh) in console_layout(size).buttons:
        if bx <= x < bx + bw and by <= y < by + bh:
            return action
    return None


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
