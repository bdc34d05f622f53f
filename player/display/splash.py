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
of the program's, so that showing costs little more than pygame's own start.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path

__all__ = ["FORMAT", "frame_file", "prepare_sdl", "remember", "show", "taken_over"]

FORMAT = 1       # the file's layout
_shown: list = []        # the mode (size, flags, display) of the window show() opened, until the app takes it


def prepare_sdl() -> None:
    """Environment for SDL before the display starts: software framebuffer when there is no GPU
    (the "accelerated" path goes through Mesa's software GL, 3–7× slower), and a full-screen
    window that does not minimise when the pianist window takes the focus."""
    if not any(Path("/dev/dri").glob("renderD*")):
        os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")
    os.environ.setdefault("SDL_VIDEO_MINIMIZE_ON_FOCUS_LOSS", "0")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


def frame_file(folder: Path, key: str, window: tuple) -> Path:
    """Where the first frame of the load ``key`` opened with the window options ``window`` is kept."""
    import zlib
    return Path(folder) / f"{key}-{zlib.crc32(repr(window).encode()):08x}.frame"


def _header(path: Path):
    with open(path, "rb") as f:
        return pickle.load(f), f.read()


def show(path: Path, state_file: Path | None = None, *, restart: bool = False) -> bool:
    """Open the window and show the frame kept in ``path``; False (nothing opened) when there is
    none, it is of another layout, or the show may resume (``state_file`` exists and not
    ``restart``). Any fault is a False: the app opens its window as always."""
    try:
        head, pixels = _header(path)
        if head.get("format") != FORMAT:
            return False
        state = head.get("state_file")
        if not restart and state is not None and os.path.lexists(state):
            return False
        prepare_sdl()
        import zlib
        import pygame
        pygame.display.init()
        driver = pygame.display.get_driver()
        if driver in ("offscreen", "dummy") and os.environ.get("SDL_VIDEODRIVER") != driver:
            pygame.display.quit()                 # no screen: the app says so
            return False
        pygame.display.set_caption(head["caption"])
        size, flags, index = head["mode"]
        if index >= max(1, pygame.display.get_num_displays()):
            return False
        surface = pygame.display.set_mode(tuple(size), flags, display=index)
        if flags & pygame.FULLSCREEN:
            pygame.mouse.set_visible(False)
        if surface.get_size() != tuple(head["size"]):
            return False                          # another screen now: the app draws it afresh
        surface.blit(pygame.image.frombytes(zlib.decompress(pixels), tuple(head["size"]), "RGB"), (0, 0))
        pygame.display.flip()
        _shown[:] = [(tuple(size), flags, index)]
        return True
    except Exception:  # noqa: BLE001 - a missing or broken file: the app's own first frame comes
        return False


def taken_over(mode: tuple) -> bool:
    """Whether the window :func:`show` opened has ``mode`` (size, flags, display): the app then
    draws on it as it is (once; a later change of screen opens a new one)."""
    wanted = [(tuple(mode[0]), int(mode[1]), int(mode[2]))]
    same = _shown == wanted
    _shown.clear()
    return same


def remember(path: Path, surface, *, mode: tuple, caption: str, state_file: Path | None,
             submit=lambda work: work()) -> bool:
    """Keep ``surface`` (the first frame, on the screen now) in ``path`` unless it is kept
    already. Main thread: the pixels are copied here; ``submit(work)`` runs the compressing
    and writing (a worker's queue). Returns whether it was copied."""
    if os.path.exists(path):
        return False
    import pygame
    size = surface.get_size()
    raw = pygame.image.tobytes(surface, "RGB")
    head = {"format": FORMAT, "mode": (tuple(mode[0]), int(mode[1]), int(mode[2])), "size": size,
            "caption": caption, "state_file": None if state_file is None else str(state_file)}

    def write() -> None:
        import zlib
        folder = Path(path).parent
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{Path(path).name}.{os.getpid()}.tmp"
        tmp.write_bytes(pickle.dumps(head, protocol=pickle.HIGHEST_PROTOCOL) + zlib.compress(raw, 1))
        os.replace(tmp, path)
    submit(write)
    return True
