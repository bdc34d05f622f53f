"""The projector view: theme, text layout, scenes, key handling and the pygame app loop.

Integration (see app.py): ``App(source, config).run()`` where ``source`` is a
:class:`SnapshotSource`; headless: :func:`render_to_surface` and :func:`save_png`.
pygame is imported lazily, when something is drawn.
"""

from player.display.chrome import Chrome
from player.display.keymap import Controls, KeyChord, KeyMap
from player.display.renderer import Renderer, render_to_surface, save_png
from player.display.settings import DisplaySettings
from player.display.theme import Fonts, Room, Theme, contrast_ratio

__all__ = ["App", "SnapshotSource", "Renderer", "render_to_surface", "save_png", "DisplaySettings",
           "Theme", "Room", "KeyMap", "KeyChord", "Controls", "Chrome", "Fonts", "contrast_ratio"]


def __getattr__(name):
    if name in ("App", "SnapshotSource"):
        from player.display import app
        return getattr(app, name)
    raise AttributeError(name)
