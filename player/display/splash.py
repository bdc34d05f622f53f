"""The show's first frame, remembered: a second ``helsekor run`` of unchanged files opens the
window and shows the picture the last run drew first before anything else is imported.

The model's classes, the runner and the screen's scenes take 200–300 ms of CPU to import
(their dataclasses are made by ``exec``); on a busy machine that was a second of black screen.
The first frame of a run is kept (:func:`remember`, after it is on the screen: the pixels are
copied on the main thread, written on a worker) in a file named by the start
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
folders first) it is a plain ``import pygame``. The file's head is marshal'd (no pickle to import),
and its pixels are the window's own (same size, bits, masks and pitch: one copy into the new
window, no decompressing or converting, 15–20 ms of CPU at 1920×1080; another layout is not
shown); pygame's icon is kept beside them, so ``pygame.image`` loads after the frame too. A file
is 8 MB at 1920×1080: only the newest :data:`KEEP_FRAMES` are kept.
"""

from __future__ import annotations

import marshal
import os
import sys
TYPE_CHECKING = False      # (typing itself costs milliseconds before the kept frame)
if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["FORMAT", "frame_file", "prepare_sdl", "remember", "show", "taken_over"]

FORMAT = 3       # the file's layout: the head's length (4 bytes), the marshal'd head, the window's own pixels
_shown: list = []        # the mode (size, flags, display) of the window show() opened, until the app takes it
_shown_file: list = []   # the file it showed (a second show() of it is the same window: the launcher's)
#: pygame's C modules that the kept frame needs, loaded before the package's own __init__
FIRST_MODULES = ("base", "constants", "display", "surface", "mouse")
#: kept frames beyond the newest few are deleted when one is kept (each is the window's pixels as they are)
KEEP_FRAMES = 4


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


def _pixels(surface) -> tuple:
    """A surface as the head keeps it: (size, bits per pixel, masks, pitch) and its raw pixels."""
    return (tuple(surface.get_size()), surface.get_bitsize(), tuple(surface.get_masks()), surface.get_pitch()), \
        surface.get_buffer().raw


def _fill(surface, layout: tuple, raw: bytes) -> bool:
    """Write ``raw`` into ``surface`` when it has the same layout (a copy, no conversion)."""
    if _pixels_layout(surface) != tuple(layout) or len(raw) != surface.get_pitch() * surface.get_height():
        return False
    surface.get_buffer().write(raw)
    return True


def _pixels_layout(surface) -> tuple:
    return (tuple(surface.get_size()), surface.get_bitsize(), tuple(surface.get_masks()), surface.get_pitch())


def _icon_of(pygame) -> tuple | None:
    """pygame's own window icon (the file ``set_mode`` loads, its colour key made transparent:
    SDL hands the window manager an icon with alpha either way) as the head keeps it, so that
    :func:`show` sets it without ``pygame.image`` (and the image libraries it loads) or
    ``pygame.pkgdata`` (and ``importlib.resources``) before the frame."""
    mac = sys.platform == "darwin"
    bmp = pygame.image.load_basic(os.path.join(os.path.dirname(pygame.__file__),
                                               "pygame_icon_mac.bmp" if mac else "pygame_icon.bmp"))
    if not mac:
        bmp.set_colorkey(0)
    icon = pygame.Surface(bmp.get_size(), pygame.SRCALPHA, 32)
    icon.blit(bmp, (0, 0))
    return _pixels(icon)


def _set_icon(pygame, kept) -> None:
    (size, bits, masks, _), raw = kept
    icon = pygame.surface.Surface(tuple(size), pygame.constants.SRCALPHA, bits, tuple(masks))
    if _fill(icon, kept[0], raw):
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
    pygame.display.init()
    driver = pygame.display.get_driver()
    if driver in ("offscreen", "dummy") and os.environ.get("SDL_VIDEODRIVER") != driver:
        pygame.display.quit()                 # no screen: the app says so
        return False
    size, flags, index = head["mode"]
    if index >= max(1, pygame.display.get_num_displays()):
        return False
    pygame.display.set_caption(head["caption"])
    if head.get("icon") is not None:
        _set_icon(pygame, head["icon"])       # (none kept: set_mode finds pygame's own)
    surface = pygame.display.set_mode(tuple(size), flags, display=index)
    if flags & pygame.constants.FULLSCREEN:
        pygame.mouse.set_visible(False)
    if not _fill(surface, head["pixels"], pixels):
        return False                          # another screen or pixel layout now: the app draws it afresh
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
    layout, raw = _pixels(surface)
    try:
        icon = _icon_of(pygame)
    except Exception:  # noqa: BLE001 - no icon file: the next start's set_mode looks for it itself
        icon = None
    head = {"format": FORMAT, "mode": (tuple(mode[0]), int(mode[1]), int(mode[2])), "pixels": layout,
            "caption": caption, "state_file": None if state_file is None else os.fspath(state_file), "icon": icon}

    def write() -> None:
        folder = os.path.dirname(os.fspath(path))
        os.makedirs(folder, exist_ok=True)
        tmp = os.path.join(folder, f".{os.path.basename(path)}.{os.getpid()}.tmp")
        data = marshal.dumps(head)
        with open(tmp, "wb") as f:
            f.write(len(data).to_bytes(4, "little") + data + raw)
        os.replace(tmp, path)
        _prune(folder, keep=os.path.basename(path))
    submit(write)
    return True


def _prune(folder: str, keep: str) -> None:
    """Delete the kept frames in ``folder`` beyond the newest :data:`KEEP_FRAMES` (``keep`` stays)."""
    try:
        frames = [e for e in os.scandir(folder) if e.name.endswith(".frame") and e.name != keep and e.is_file()]
        frames.sort(key=lambda e: e.stat().st_mtime_ns, reverse=True)
        for entry in frames[KEEP_FRAMES - 1:]:
            os.remove(entry.path)
    except OSError:
        pass                                   # a cache: what is not deleted now is later
