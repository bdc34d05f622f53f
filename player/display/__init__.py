"""The projector view: theme, text layout, scenes, key handling and the pygame app loop.

Integration (see app.py): ``App(source, config).run()`` where ``source`` is a
:class:`SnapshotSource`; headless: :func:`render_to_surface` and :func:`save_png`.
pygame is imported lazily, when something is drawn.
"""

__all__ = ["App", "SnapshotSource", "Renderer", "render_to_surface", "save_png", "DisplaySettings",
           "Theme", "Room", "KeyMap", "KeyChord", "Controls", "Chrome", "Fonts", "contrast_ratio"]

#: where each name lives: loaded on first use, so that the remembered first frame
#: (player.display.splash) is on the screen before the scenes and the model are imported
_HOME = {"App": "app", "SnapshotSource": "app", "Renderer": "renderer", "render_to_surface": "renderer",
         "save_png": "renderer", "DisplaySettings": "settings", "Theme": "theme", "Room": "theme", "Fonts": "theme",
         "contrast_ratio": "theme", "KeyMap": "keymap", "KeyChord": "keymap", "Controls": "keymap", "Chrome": "chrome"}


def __getattr__(name):
    if name in _HOME:
        import importlib
        return getattr(importlib.import_module(f"player.display.{_HOME[name]}"), name)
    raise AttributeError(name)
