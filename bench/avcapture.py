"""Picture against sound, captured on one clock (``time.perf_counter``) for bench_live_av.

- :class:`PulseServer`: a PulseAudio user daemon with one null sink (``show``), in a private
  runtime folder, started and stopped here (no root daemon, nothing left behind).
- :class:`Capture`: two threads of this process: one records the sink's monitor through
  libpulse-simple (each read's end placed in time by PulseAudio's own record latency, and the
  sample count fitted to those times), one grabs a small region of the X screen through libX11
  every ~2 ms (each grab timed at its middle). Both on ``perf_counter``.
- :func:`sound_onsets` / :func:`picture_onsets`: each click's onset in the sound (the envelope
  rising past a share of its peak after a quiet gap) and each beat's change in the picture
  (the region's brightness jumping up: the pulse mark is largest on the beat).
- :class:`FlashClick`: a known source for the capture's own delay: a click written to the sink
  whose playing time PulseAudio reports (``pa_simple_get_latency``), and a white flash drawn on
  the X root window at that moment (its drawing timed here). Through the same capture, what it
  measures minus what it did is the capture's own delay, subtracted from the show's figures.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

from player.display.xvfb import stop_process

RATE = 44100
PA_SAMPLE_S16LE = 3
PA_STREAM_PLAYBACK, PA_STREAM_RECORD = 1, 2


class _SampleSpec(ctypes.Structure):
    _fields_ = [("format", ctypes.c_int), ("rate", ctypes.c_uint32), ("channels", ctypes.c_uint8)]


class _BufferAttr(ctypes.Structure):
    _fields_ = [("maxlength", ctypes.c_uint32), ("tlength", ctypes.c_uint32), ("prebuf", ctypes.c_uint32),
                ("minreq", ctypes.c_uint32), ("fragsize", ctypes.c_uint32)]


def _pa_simple():
    lib = ctypes.CDLL(ctypes.util.find_library("pulse-simple") or "libpulse-simple.so.0")
    lib.pa_simple_new.restype = ctypes.c_void_p
    lib.pa_simple_new.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_char_p,
                                  ctypes.POINTER(_SampleSpec), ctypes.c_void_p, ctypes.POINTER(_BufferAttr),
                                  ctypes.POINTER(ctypes.c_int)]
    for name in ("pa_simple_read", "pa_simple_write"):
        getattr(lib, name).argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t, ctypes.POINTER(ctypes.c_int)]
    lib.pa_simple_get_latency.restype = ctypes.c_uint64
    lib.pa_simple_get_latency.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int)]
    lib.pa_simple_free.argtypes = [ctypes.c_void_p]
    return lib


def _stream(lib, direction: int, device: str, chunk: int):
    spec = _SampleSpec(PA_SAMPLE_S16LE, RATE, 1)
    n = 0xFFFFFFFF
    attr = _BufferAttr(n, chunk * 4 if direction == PA_STREAM_PLAYBACK else n, n if direction == PA_STREAM_RECORD else chunk * 2,
                       n, chunk * 2)
    err = ctypes.c_int(0)
    s = lib.pa_simple_new(None, b"helsekor-bench", direction, device.encode(), b"av", ctypes.byref(spec), None,
                          ctypes.byref(attr), ctypes.byref(err))
    if not s:
        raise RuntimeError(f"pa_simple_new failed ({err.value})")
    return s


class PulseServer:
    """``with PulseServer() as pulse: env = pulse.env()`` — a user daemon with a null sink."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="helsekor-pulse-"))
        self.proc: subprocess.Popen | None = None

    def env(self, base: dict | None = None) -> dict:
        env = dict(os.environ if base is None else base)
        env.update(XDG_RUNTIME_DIR=str(self.folder), PULSE_RUNTIME_PATH=str(self.folder / "pulse"),
                   PULSE_SERVER=f"unix:{self.folder / 'pulse' / 'native'}", PULSE_SINK="show")
        return env

    def __enter__(self) -> "PulseServer":
        if shutil.which("pulseaudio") is None:
            raise RuntimeError("pulseaudio is missing: apt-get install pulseaudio pulseaudio-utils")
        env = self.env()
        env["HOME"] = str(self.folder)            # its cookie and state stay in the private folder
        self.proc = subprocess.Popen(
            ["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no",
             "--log-target=stderr", "--log-level=error",
             "-L", f"module-null-sink sink_name=show rate={RATE}", "-L", "module-native-protocol-unix"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for k in range(100):
            if (self.folder / "pulse" / "native").exists():
                if subprocess.run(["pactl", "info"], env=env, capture_output=True).returncode == 0:
                    break
            if self.proc.poll() is not None:
                raise RuntimeError(f"pulseaudio ended: {self.proc.stderr.read().decode()[-800:]}")
            time.sleep(0.05)
        os.environ.update({k: v for k, v in self.env().items() if k.startswith(("PULSE", "XDG"))})
        return self

    def __exit__(self, *exc) -> None:
        for k in ("PULSE_RUNTIME_PATH", "PULSE_SERVER", "PULSE_SINK"):
            os.environ.pop(k, None)
        stop_process(self.proc)
        shutil.rmtree(self.folder, ignore_errors=True)


class _X:
    def __init__(self, display: str):
        x = self.x = ctypes.CDLL(ctypes.util.find_library("X11"))
        x.XOpenDisplay.restype, x.XOpenDisplay.argtypes = ctypes.c_void_p, [ctypes.c_char_p]
        x.XDefaultRootWindow.restype, x.XDefaultRootWindow.argtypes = ctypes.c_ulong, [ctypes.c_void_p]
        x.XGetImage.restype = ctypes.c_void_p
        x.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int, ctypes.c_uint,
                                ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
        x.XFree.argtypes = [ctypes.c_void_p]
        x.XCloseDisplay.argtypes = [ctypes.c_void_p]
        x.XDefaultGC.restype, x.XDefaultGC.argtypes = ctypes.c_void_p, [ctypes.c_void_p, ctypes.c_int]
        x.XSetForeground.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_ulong]
        x.XFillRectangle.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_void_p, ctypes.c_int, ctypes.c_int,
                                     ctypes.c_uint, ctypes.c_uint]
        x.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        self.dpy = x.XOpenDisplay(display.encode())
        assert self.dpy, f"cannot open {display}"
        self.root = x.XDefaultRootWindow(self.dpy)

    def brightness(self, box) -> float:
        x0, y0, w, h = box
        img = self.x.XGetImage(self.dpy, self.root, x0, y0, w, h, 0xFFFFFFFF, 2)
        data = ctypes.cast(img + 16, ctypes.POINTER(ctypes.c_void_p))[0]
        bpl = ctypes.cast(img, ctypes.POINTER(ctypes.c_int))[11]
        raw = ctypes.string_at(data, bpl * h)
        self.x.XFree(data)
        self.x.XFree(img)
        px = np.frombuffer(raw, np.uint8).reshape(h, bpl)[:, :w * 4]
        return float(px.mean())

    def fill(self, box, colour: int) -> None:
        gc = self.x.XDefaultGC(self.dpy, 0)
        self.x.XSetForeground(self.dpy, gc, colour)
        self.x.XFillRectangle(self.dpy, self.root, gc, *box)
        self.x.XSync(self.dpy, 0)

    def close(self) -> None:
        self.x.XCloseDisplay(self.dpy)


class Capture:
    """Records the sink's monitor and grabs ``box`` (x, y, w, h) of the screen until :meth:`stop`."""

    CHUNK = 256

    def __init__(self, display: str, box, device: str = "show.monitor"):
        self.display, self.box, self.device = display, box, device
        self._stop = threading.Event()
        self.chunks: list[bytes] = []
        self.marks: list[tuple[int, float]] = []     # (samples read so far, time the last of them was heard)
        self.frames: list[tuple[float, float]] = []  # (time, brightness)
        self._threads = [threading.Thread(target=self._sound, daemon=True), threading.Thread(target=self._screen, daemon=True)]
        self._ready = threading.Barrier(3)

    def __enter__(self) -> "Capture":
        for t in self._threads:
            t.start()
        self._ready.wait(10)
        time.sleep(0.3)
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        self._stop.set()
        for t in self._threads:
            t.join(5)

    def _sound(self) -> None:
        lib = _pa_simple()
        s = _stream(lib, PA_STREAM_RECORD, self.device, self.CHUNK)
        err = ctypes.c_int(0)
        buf = ctypes.create_string_buffer(self.CHUNK * 2)
        n = 0
        self._ready.wait(10)
        try:
            while not self._stop.is_set():
                lib.pa_simple_read(s, buf, self.CHUNK * 2, ctypes.byref(err))
                now = time.perf_counter()
                lat = lib.pa_simple_get_latency(s, ctypes.byref(err)) / 1e6
                self.chunks.append(buf.raw)
                n += self.CHUNK
                self.marks.append((n, now - lat))
        finally:
            lib.pa_simple_free(s)

    def _screen(self) -> None:
        x = _X(self.display)
        self._ready.wait(10)
        try:
            while not self._stop.is_set():
                t0 = time.perf_counter()
                b = x.brightness(self.box)
                self.frames.append(((t0 + time.perf_counter()) / 2, b))
                time.sleep(0.0015)
        finally:
            x.close()

    def sound(self) -> tuple[np.ndarray, float, float]:
        """(samples as float, the time of sample 0, the fit's rms error in seconds)."""
        x = np.frombuffer(b"".join(self.chunks), "<i2").astype(np.float32) / 32768
        n = np.array([m[0] for m in self.marks], float)
        t = np.array([m[1] for m in self.marks], float)
        # the sample count runs at the sink's rate: the fit's intercept is when sample 0 was heard
        a = float(np.median(t - n / RATE))
        rms = float(np.sqrt(np.mean((t - n / RATE - a) ** 2)))
        return x, a, rms


def sound_onsets(x: np.ndarray, t0: float, share: float = 0.25, gap_s: float = 0.15) -> list[float]:
    """Clock times where the envelope first rises past ``share`` of the loudest peak after
    ``gap_s`` below it."""
    if not len(x):
        return []
    env = np.abs(x)
    level = share * float(np.percentile(env, 99.9))
    above = np.flatnonzero(env > level)
    out, last = [], -10 ** 9
    gap = int(gap_s * RATE)
    for i in above:
        if i - last > gap:
            out.append(t0 + i / RATE)
        last = i
    return out


def picture_onsets(frames: list[tuple[float, float]], share: float = 0.35, gap_s: float = 0.15) -> list[float]:
    """Clock times where the region's brightness jumps up by ``share`` of its range from one
    grab to the next (timed between the two grabs)."""
    if len(frames) < 3:
        return []
    t = np.array([f[0] for f in frames])
    b = np.array([f[1] for f in frames])
    rng = float(np.percentile(b, 99) - np.percentile(b, 1))
    if rng <= 0:
        return []
    out, last = [], -1e9
    for i in range(1, len(b)):
        if b[i] - b[i - 1] > share * rng and t[i] - last > gap_s:
            out.append(float((t[i] + t[i - 1]) / 2))
            last = t[i]
    return out


def pair(pictures: list[float], sounds: list[float], within: float = 0.12) -> list[float]:
    """Picture minus sound (seconds) for every sound onset with a picture onset within ``within``."""
    out = []
    p = np.array(pictures)
    if not len(p):
        return out
    for s in sounds:
        k = int(np.argmin(np.abs(p - s)))
        if abs(p[k] - s) <= within:
            out.append(float(p[k] - s))
    return out


class FlashClick:
    """The known source: ``n`` clicks ``every`` seconds, each with a white flash of ``box``
    drawn when PulseAudio says the click is heard. :attr:`truth` holds flash minus click per
    event as done (seconds; near 0, the sleep's own error)."""

    def __init__(self, display: str, box, n: int = 16, every: float = 0.4, sink: str = "show"):
        self.display, self.box, self.n, self.every, self.sink = display, box, n, every, sink
        self.truth: list[float] = []

    def run(self) -> None:
        lib = _pa_simple()
        chunk = 128
        s = _stream(lib, PA_STREAM_PLAYBACK, self.sink, chunk)
        err = ctypes.c_int(0)
        x = _X(self.display)
        silence = bytes(chunk * 2)
        t = np.arange(chunk * 4) / RATE
        click = (0.8 * np.sin(2 * np.pi * 1000 * t) * np.exp(-t * 150) * 32767).astype("<i2").tobytes()
        try:
            x.fill(self.box, 0)
            for _ in range(40):                                   # the stream runs before the first click
                lib.pa_simple_write(s, silence, len(silence), ctypes.byref(err))
            for k in range(self.n):
                due = time.perf_counter() + self.every
                while time.perf_counter() < due:
                    lib.pa_simple_write(s, silence, len(silence), ctypes.byref(err))
                heard = time.perf_counter() + lib.pa_simple_get_latency(s, ctypes.byref(err)) / 1e6
                lib.pa_simple_write(s, click, len(click), ctypes.byref(err))
                # keep writing silence (the stream must not run dry) until the flash is due
                while time.perf_counter() < heard - 0.004:
                    lib.pa_simple_write(s, silence, len(silence), ctypes.byref(err))
                while time.perf_counter() < heard:
                    pass
                t0 = time.perf_counter()
                x.fill(self.box, 0xFFFFFF)
                self.truth.append((t0 + time.perf_counter()) / 2 - heard)
                for _ in range(8):
                    lib.pa_simple_write(s, silence, len(silence), ctypes.byref(err))
                x.fill(self.box, 0)
        finally:
            x.close()
            lib.pa_simple_free(s)
