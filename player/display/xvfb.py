"""A virtual X screen for window tests and benchmarks, and a screenshot of an X screen.

:class:`Xvfb` starts the ``Xvfb`` binary (Debian package ``xvfb``) on a free display number
and stops it on exit. :func:`grab_screen` copies the whole X screen through libX11
(``XGetImage``), so a test sees what the X server shows, not what the app thinks it drew.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import subprocess

from player.core.model.errors import DeviceError

__all__ = ["Xvfb", "grab_screen", "xvfb_available", "x11_env", "stop_process"]


def xvfb_available() -> bool:
    return shutil.which("Xvfb") is not None


class Xvfb:
    """``with Xvfb((1920, 1080)) as x: env = x.env()`` — a running virtual screen.

    ``black_root=True`` paints the root window black instead of X's grey weave, so a test that
    looks for a picture on the screen cannot mistake the background for it."""

    def __init__(self, size: tuple[int, int] = (1920, 1080), depth: int = 24, *, black_root: bool = False) -> None:
        self.size = size
        self.depth = depth
        self.black_root = black_root
        self.proc: subprocess.Popen | None = None
        self.display = ""

    def __enter__(self) -> "Xvfb":
        binary = shutil.which("Xvfb")
        if binary is None:
            raise DeviceError("Xvfb is missing: run `apt-get install xvfb`")
        read, write = os.pipe()
        args = [binary, "-displayfd", str(write), "-screen", "0", f"{self.size[0]}x{self.size[1]}x{self.depth}",
                "-nolisten", "tcp"] + (["-br"] if self.black_root else [])
        self.proc = subprocess.Popen(args, pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write)
        with os.fdopen(read) as f:
            number = f.readline().strip()
        if not number:
            self.__exit__()
            raise DeviceError("Xvfb did not start")
        self.display = f":{number}"
        return self

    def env(self, **extra: str) -> dict[str, str]:
        """Environment for a child process that draws on this screen with SDL's X11 driver."""
        return x11_env(self.display, **extra)

    def __exit__(self, *exc) -> None:
        stop_process(self.proc)
        self.proc = None


def x11_env(display: str, **extra: str) -> dict[str, str]:
    """Environment for a child process that draws on X ``display`` with SDL's X11 driver (no
    software GL in between: MEASURED.md)."""
    env = dict(os.environ, DISPLAY=display, SDL_VIDEODRIVER="x11", SDL_FRAMEBUFFER_ACCELERATION="0")
    env.update(extra)
    return env


def stop_process(proc: subprocess.Popen | None, wait_s: float = 5.0) -> None:
    """End a helper server (an X server, a sound daemon): terminate, then kill after ``wait_s``."""
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(wait_s)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class _XImage(ctypes.Structure):
    _fields_ = [("width", ctypes.c_int), ("height", ctypes.c_int), ("xoffset", ctypes.c_int),
                ("format", ctypes.c_int), ("data", ctypes.POINTER(ctypes.c_char)),
                ("byte_order", ctypes.c_int), ("bitmap_unit", ctypes.c_int),
                ("bitmap_bit_order", ctypes.c_int), ("bitmap_pad", ctypes.c_int), ("depth", ctypes.c_int),
                ("bytes_per_line", ctypes.c_int), ("bits_per_pixel", ctypes.c_int)]


def grab_screen(display: str):
    """The whole X screen ``display`` (e.g. ":97") as a pygame Surface (32-bit TrueColor only)."""
    import pygame
    name = ctypes.util.find_library("X11")
    if name is None:
        raise DeviceError("libX11 is missing: run `apt-get install libx11-6`")
    x = ctypes.CDLL(name)
    x.XOpenDisplay.restype = ctypes.c_void_p
    x.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x.XDefaultRootWindow.restype = ctypes.c_ulong
    x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    x.XGetImage.restype = ctypes.POINTER(_XImage)
    x.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int, ctypes.c_uint,
                            ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
    x.XDisplayWidth.argtypes = x.XDisplayHeight.argtypes = [ctypes.c_void_p, ctypes.c_int]
    x.XCloseDisplay.argtypes = [ctypes.c_void_p]
    dpy = x.XOpenDisplay(display.encode())
    if not dpy:
        raise DeviceError(f"cannot open X display {display}")
    try:
        w, h = x.XDisplayWidth(dpy, 0), x.XDisplayHeight(dpy, 0)
        img = x.XGetImage(dpy, x.XDefaultRootWindow(dpy), 0, 0, w, h, 0xFFFFFFFF, 2)  # ZPixmap
        if not img:
            raise DeviceError("XGetImage failed")
        im = img.contents
        if im.bits_per_pixel != 32:
            raise DeviceError(f"unsupported X screen depth: {im.bits_per_pixel} bits per pixel")
        raw = ctypes.string_at(im.data, im.bytes_per_line * im.height)
        rows = bytearray(b"".join(raw[r * im.bytes_per_line: r * im.bytes_per_line + 4 * w] for r in range(h)))
        rows[3::4] = b"\xff" * (w * h)   # X leaves the pad byte 0: make every pixel opaque
        surface = pygame.image.frombuffer(bytes(rows), (w, h), "BGRA").copy()
        # XDestroyImage is a macro in Xlib; free the data through the image's own function pointer
        x.XFree(img.contents.data)
        x.XFree(img)
        return surface
    finally:
        x.XCloseDisplay(dpy)
