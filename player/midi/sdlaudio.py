"""An SDL2 audio output driven by a Python callback, through ctypes.

Why not ``pygame._sdl2.audio.AudioDevice``: its ``close``/``pause`` keep the GIL while SDL waits
for the audio lock, and SDL's audio thread holds that lock while the Python callback waits for
the GIL, so quitting deadlocked (4 of 11 quits; a test hung the same way). Through ``ctypes``,
every SDL call (open, pause, close) releases the GIL for as long as it runs, and the callback
(a ``CFUNCTYPE`` thunk) takes the GIL only while it runs, so the two never wait for each other.
The library is the one pygame already loaded (the same SDL instance as the window), else the
system's ``libSDL2-2.0.so.0``.

Threading model. :meth:`SdlAudioOut.start`, :meth:`stop` and :meth:`close` are for one
controlling thread (the main thread) and are called with no Python lock held by their caller
that the callback might need. SDL's audio thread calls ``fill(n_bytes) -> bytes`` (which must
not raise and must not wait for the controlling thread). Devices left open at exit are closed
by an ``atexit`` hook before the interpreter finalises (an SDL thread entering Python during
finalisation would hang the exit).
"""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import re
import threading
import weakref
from typing import Callable

from player.core.model.errors import DeviceError
from player.core.model.messages import tr

__all__ = ["SdlAudioOut", "sdl_library"]

SDL_INIT_AUDIO = 0x00000010
AUDIO_S16SYS = 0x8010          # signed 16-bit, little endian (x86, ARM Linux)

_CALLBACK = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.POINTER(ctypes.c_uint8), ctypes.c_int)


class _AudioSpec(ctypes.Structure):
    _fields_ = [("freq", ctypes.c_int), ("format", ctypes.c_uint16), ("channels", ctypes.c_uint8),
                ("silence", ctypes.c_uint8), ("samples", ctypes.c_uint16), ("padding", ctypes.c_uint16),
                ("size", ctypes.c_uint32), ("callback", _CALLBACK), ("userdata", ctypes.c_void_p)]


_lib = None
_lib_lock = threading.Lock()
_open: "weakref.WeakSet[SdlAudioOut]" = weakref.WeakSet()


def _loaded_sdl_path() -> str | None:
    """The libSDL2 this process has already mapped (pygame's own copy), if any."""
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
            for line in maps:
                path = line.split()[-1] if line.strip() else ""
                if re.search(r"/libSDL2-2[.-][^/]*\.so", path):
                    return path
    except OSError:
        return None
    return None


def sdl_library() -> ctypes.CDLL:
    """libSDL2 with the audio functions typed. Raises DeviceError when there is none."""
    global _lib
    with _lib_lock:
        if _lib is not None:
            return _lib
        try:
            import pygame  # noqa: F401, PLC0415  (loads pygame's SDL, so we share it)
        except ImportError:
            pass
        path = _loaded_sdl_path() or ctypes.util.find_library("SDL2-2.0") or "libSDL2-2.0.so.0"
        try:
            lib = ctypes.CDLL(path)
        except OSError as err:
            raise DeviceError(tr('SDL2 is missing ({err}): install pygame-ce or the Debian package libsdl2-2.0-0', err=err)) from err
        lib.SDL_InitSubSystem.argtypes, lib.SDL_InitSubSystem.restype = [ctypes.c_uint32], ctypes.c_int
        lib.SDL_GetError.argtypes, lib.SDL_GetError.restype = [], ctypes.c_char_p
        lib.SDL_OpenAudioDevice.argtypes = [ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(_AudioSpec),
                                            ctypes.POINTER(_AudioSpec), ctypes.c_int]
        lib.SDL_OpenAudioDevice.restype = ctypes.c_uint32
        lib.SDL_PauseAudioDevice.argtypes, lib.SDL_PauseAudioDevice.restype = [ctypes.c_uint32, ctypes.c_int], None
        lib.SDL_CloseAudioDevice.argtypes, lib.SDL_CloseAudioDevice.restype = [ctypes.c_uint32], None
        lib.SDL_GetCurrentAudioDriver.argtypes, lib.SDL_GetCurrentAudioDriver.restype = [], ctypes.c_char_p
        _lib = lib
        return lib


class SdlAudioOut:
    """One opened SDL playback device, paused until :meth:`start`. ``fill(n_bytes)`` returns
    exactly ``n_bytes`` of interleaved signed 16-bit samples."""

    def __init__(self, fill: Callable[[int], bytes], frequency: int = 44100, channels: int = 2,
                 samples: int = 512, device_name: str | None = None):
        lib = sdl_library()
        self._lib = lib
        self._fill = fill
        self._thunk = _CALLBACK(self._callback)      # kept alive as long as the device
        self.callbacks = 0
        self.error = ""
        if lib.SDL_InitSubSystem(SDL_INIT_AUDIO) != 0:
            raise DeviceError(tr('SDL sound cannot be started: {decode}', decode=lib.SDL_GetError().decode(errors='replace')))
        want = _AudioSpec(freq=int(frequency), format=AUDIO_S16SYS, channels=int(channels),
                          samples=int(samples), callback=self._thunk)
        have = _AudioSpec()
        name = device_name.encode() if device_name else None
        self._id = lib.SDL_OpenAudioDevice(name, 0, ctypes.byref(want), ctypes.byref(have), 0)
        if self._id == 0:
            raise DeviceError(tr('the sound device cannot be opened: {decode}', decode=lib.SDL_GetError().decode(errors='replace')))
        self.frequency, self.samples = have.freq, have.samples
        #: SDL's audio driver ("pulseaudio", "alsa", "dummy"…) and its obtained buffer (seconds)
        self.driver = (lib.SDL_GetCurrentAudioDriver() or b"").decode(errors="replace")
        self.buffer_s = have.samples / have.freq if have.freq else 0.0
        self._closed = False
        _open.add(self)

    def _callback(self, _userdata, stream, length) -> None:
        """SDL's audio thread (holds SDL's audio lock; takes the GIL only for this call)."""
        try:
            data = self._fill(length)
            ctypes.memmove(stream, data, min(len(data), length))
            if len(data) < length:
                ctypes.memset(ctypes.addressof(stream.contents) + len(data), 0, length - len(data))
        except Exception as err:   # never raise into SDL's thread: play silence and report
            self.error = str(err)
            ctypes.memset(stream, 0, length)
        self.callbacks += 1

    def start(self) -> None:
        if not self._closed:
            self._lib.SDL_PauseAudioDevice(self._id, 0)      # GIL released while SDL waits

    def stop(self) -> None:
        """Pause: when this returns, the callback is not running and will not run."""
        if not self._closed:
            self._lib.SDL_PauseAudioDevice(self._id, 1)

    def close(self) -> None:
        """Idempotent. When this returns, SDL's audio thread has ended."""
        if self._closed:
            return
        self._closed = True
        _open.discard(self)
        self._lib.SDL_CloseAudioDevice(self._id)             # GIL released while SDL joins


@atexit.register
def _close_all() -> None:
    for dev in list(_open):
        dev.close()
