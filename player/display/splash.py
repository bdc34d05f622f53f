"""The show's first frame, remembered: a second ``helsekor run`` of unchanged files opens the
window and shows the picture the last run drew first before anything else is imported.

The model's classes, the runner and the screen's scenes take 200–300 ms of CPU to import
(their dataclasses are made by ``exec``); on a busy machine that was a second of black screen.
The first frame of a run is kept (:func:`remember`, after it is on the screen: the pixels are
copied on the main thread, compressed and written on a worker) in a file named by the start
cache's key (:func:`player.startcache.fresh`: every file the settings and the session were read
from unchanged, and the program's own code) and by what chose the window (the command line's
window options). :func:`show` opens the window as the app will open it (the same
``set_mode``) and puts the picture on it; the app then takes that window over and draws its
own first frame on it, the same picture.

It is shown only when the show will start from the first step: ``--restart``, or no saved step
in the state folder (a resumed show starts elsewhere and says so). This module imports nothing
of the program's (nor pathlib or pickle), so that showing costs little more than SDL's own
start: the launcher (:mod:`player.launch`) calls :func:`show` before argparse is imported.

pygame's package ``__init__`` (font, mixer, sprite, its dataclasses, ``importlib.resources``,
``platform``: 80–100 ms of CPU, measured) is not needed to put pixels on a window: on POSIX,
outside a frozen bundle, :func:`show` loads only the C modules the frame needs under a pygame
package whose ``__init__`` has not run yet, flips, and then runs that ``__init__`` in the same
module, so that everything after the frame finds the whole of pygame as always (the C modules
are the same ones; SDL is the same instance). Elsewhere (Windows: its ``__init__`` sets the DLL
folders first) it is a plain ``import pygame``. The file's head is marshal'd (no pickle to import).
"""

from __future__ import annotations

import marshal
import os
import sys
TYPE_CHECKING = False      # (typing itself costs milliseconds before the kept frame)
if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["FORMAT", "frame_file", "prepare_sdl", "remember", "show", "taken_over"]

FORMAT = 2       # the file's layout: the head's length (4 bytes), the marshal'd head, the zlib'd RGB pixels
_shown: list = []        # the mode (size, flags, display) of the window show() opened, until the app takes it
_shown_file: list = []   # the file it showed (a second show() of it is the same window: the launcher's)
#: pygame's C modules that the kept frame needs, loaded before the package's own __init__
FIRST_MODULES = ("base", "constants", "display", "image", "surface", "mouse")


def prepare_sdl() -> None:
    """Environment for SDL before the display starts: software framebuffer when there is no GPU
    (the "accelerated" path goes through Mesa's software GL, 3–7× slower), and a full-screen
    window that does not minimise when the pianist window takes the focus."""
    try:
        gpu = any(name.startswith("renderD") for name in os.listdir("/dev/dri"))
    except OSError:
        gpu = False
    if not gpu:
        os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")
    os.environ.setdefault("SDL_VIDEO_MINIMIZE_ON_FOCUS_LOSS", "0")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


def frame_file(folder, key: str, window: tuple) -> str:
    """Where the first frame of the load ``key`` opened with the window options ``window`` is kept."""
    import zlib
    return os.path.join(os.fspath(folder), f"{key}-{zlib.crc32(repr(window).encode()):08x}.frame")


def _read(path) -> tuple[dict, bytes]:
    with open(path, "rb") as f:
        size = int.from_bytes(f.read(4), "little")
        return marshal.loads(f.read(size)), f.read()


def _pygame_first():
    """pygame with only :data:`FIRST_MODULES` loaded, and the package's ``__init__`` to run
    after the frame (None: pygame is imported whole, as always). POSIX only, not in a bundle."""
    if "pygame" in sys.modules or os.name != "posix" or getattr(sys, "frozen", False):
        return None
    import importlib._bootstrap
    import importlib.machinery
    spec = importlib.machinery.PathFinder.find_spec("pygame")
    if spec is None or spec.loader is None or not spec.submodule_search_locations:
        return None
    package = importlib._bootstrap.module_from_spec(spec)
    sys.modules["pygame"] = package
    try:
        for name in FIRST_MODULES:
            __import__(f"pygame.{name}")
    except BaseException:
        _finish(package, spec)
        raise
    return package, spec


def _finish(package, spec) -> None:
    """Run pygame's own ``__init__`` in the package :func:`_pygame_first` made (its C modules
    are found loaded); if it fails, the package goes, so the next ``import pygame`` says why."""
    try:
        spec.loader.exec_module(package)
    except BaseException:
        for name in [m for m in sys.modules if m == "pygame" or m.startswith("pygame.")]:
            del sys.modules[name]
        raise


def _icon(pygame) -> None:
    """pygame's own window icon, set as ``set_mode`` would (it imports ``pygame.pkgdata``, and
    with it ``importlib.resources``, to find it): the same file from the package's folder."""
    mac = sys.platform == "darwin"
    icon = pygame.image.load_basic(os.path.join(os.path.dirname(pygame.__file__),
                                                "pygame_icon_mac.bmp" if mac else "pygame_icon.bmp"))
    if not mac:
        icon.set_colorkey(0)
    pygame.display.set_icon(icon)


def _window_open(path) -> bool:
    pygame = sys.modules.get("pygame")
    return bool(_shown and _shown_file == [os.fspath(path)] and pygame is not None
                and pygame.display.get_surface() is not None)


def show(path, state_file: Path | None = None, *, restart: bool = False) -> bool:
    """Open the window and show the frame kept in ``path``; False (nothing opened) when there is
    none, it is of another layout, or the show may resume (``state_file`` exists and not
    ``restart``). True at once when that frame is on its window already (shown by the launcher).
    Any fault is a False: the app opens its window as always."""
    if _window_open(path):
        return True
    try:
        head, pixels = _read(path)
        if head.get("format") != FORMAT:
            return False
        state = head.get("state_file")
        if not restart and state is not None and os.path.lexists(state):
            return False
    except Exception:  # noqa: BLE001 - a missing or broken file: the app's own first frame comes
        return False
    prepare_sdl()
    first = None
    try:
        first = _pygame_first()
        if first is None:
            import pygame
        else:
            pygame = first[0]
        return _put(pygame, path, head, pixels)
    except Exception:  # noqa: BLE001 - a missing or broken file: the app's own first frame comes
        return False
    finally:
        if first is not None:
            _finish(*first)       # the rest of pygame, after the frame


def _put(pygame, path, head: dict, pixels: bytes) -> bool:
    import zlib
    pygame.display.init()
    driver = pygame.display.get_driver()
    if driver in ("offscreen", "dummy") and os.environ.get("SDL_VIDEODRIVER") != driver:
        pygame.display.quit()                 # no screen: the app says so
        return False
    size, flags, index = head["mode"]
    if index >= max(1, pygame.display.get_num_displays()):
        return False
    pygame.display.set_caption(head["caption"])
    try:
        _icon(pygame)
    except Exception:  # noqa: BLE001 - no icon file: set_mode finds pygame's own
        pass
    surface = pygame.display.set_mode(tuple(size), flags, display=index)
    if flags & pygame.constants.FULLSCREEN:
        pygame.mouse.set_visible(False)
    if surface.get_size() != tuple(head["size"]):
        return False                          # another screen now: the app draws it afresh
    surface.blit(pygame.image.frombytes(zlib.decompress(pixels), tuple(head["size"]), "RGB"), (0, 0))
    pygame.display.flip()
    _shown[:] = [(tuple(size), flags, index)]
    _shown_file[:] = [os.fspath(path)]
    return True


def taken_over(mode: tuple) -> bool:
    """Whether the window :func:`show` opened has ``mode`` (size, flags, display): the app then
    draws on it as it is (once; a later change of screen opens a new one)."""
    wanted = [(tuple(mode[0]), int(mode[1]), int(mode[2]))]
    same = _shown == wanted
    _shown.clear()
    _shown_file.clear()
    return same


def remember(path, surface, *, mode: tuple, caption: str, state_file: Path | None,
             submit=lambda work: work()) -> bool:
    """Keep ``surface`` (the first frame, on the screen now) in ``path`` unless it is kept
    already. Main thread: the pixels are copied here; ``submit(work)`` runs the compressing
    and writing (a worker's queue). Returns whether it was copied."""
    if os.path.exists(path):
        return False
    import pygame
    size = surface.get_size()
    raw = pygame.image.tobytes(surface, "RGB")
    head = {"format": FORMAT, "mode": (tuple(mode[0]), int(mode[1]), int(mode[2])), "size": tuple(size),
            "caption": caption, "state_file": None if state_file is None else os.fspath(state_file)}

    def write() -> None:
        import zlib
        folder = os.path.dirname(os.fspath(path))
        os.makedirs(folder, exist_ok=True)
        tmp = os.path.join(folder, f".{os.path.basename(path)}.{os.getpid()}.tmp")
        data = marshal.dumps(head)
        with open(tmp, "wb") as f:
            f.write(len(data).to_bytes(4, "little") + data + zlib.compress(raw, 1))
        os.replace(tmp, path)
    submit(write)
    return True
