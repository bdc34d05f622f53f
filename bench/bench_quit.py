"""Quitting the live show, as the conductor does: ``quit.exit_ms.*`` from Ctrl+Q's second press
(sent on the X server through XTest, the modifier down and up as a person presses it) or from
SIGTERM to the process's exit, in a real window under Xvfb while the built-in synth (SDL's
dummy audio) plays a MIDI song. ``HELSEKOR_BENCH_QUITS`` runs (default 10), half each way.
The show promises 2 s; ``tests/test_quit.py`` uses the same harness.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from player.display.xvfb import Xvfb
from player.records.state import StateStore

ROOT = Path(__file__).resolve().parent.parent
HANG_GUARD_S = 10.0          # an exit this late is a hang (the show aims at 2 s)


@dataclass(frozen=True)
class Quit:
    how: str
    seconds: float              # from the quit (the second Ctrl+Q, the signal) to the exit
    code: int | None            # None: still running after HANG_GUARD_S (then killed)
    saved: int | None           # the step in the state file afterwards
    stderr: str


class _ClientMessage(ctypes.Structure):
    """XClientMessageEvent, padded to the size of an XEvent (24 longs)."""
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                ("display", ctypes.c_void_p), ("window", ctypes.c_ulong), ("message_type", ctypes.c_ulong),
                ("format", ctypes.c_int), ("data", ctypes.c_long * 5), ("pad", ctypes.c_long * 12)]


_X_ERROR_HANDLER = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
X_ERRORS = [0]


@_X_ERROR_HANDLER
def _on_x_error(_dpy, _event) -> int:      # module level: Xlib keeps calling it after a Keyboard is gone
    X_ERRORS[0] += 1
    return 0


class Keyboard:
    """Key presses sent to an X server through the XTest extension, as from a real keyboard."""

    def __init__(self, display: str):
        self.x = ctypes.CDLL(ctypes.util.find_library("X11"))
        self.xt = ctypes.CDLL(ctypes.util.find_library("Xtst"))
        self.x.XOpenDisplay.restype = ctypes.c_void_p
        self.x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.x.XStringToKeysym.restype = ctypes.c_ulong
        self.x.XStringToKeysym.argtypes = [ctypes.c_char_p]
        self.x.XKeysymToKeycode.restype = ctypes.c_ubyte
        self.x.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        self.x.XFlush.argtypes = self.x.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self.x.XDefaultRootWindow.restype = ctypes.c_ulong
        self.x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        self.x.XQueryTree.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong),
                                      ctypes.POINTER(ctypes.c_ulong),
                                      ctypes.POINTER(ctypes.POINTER(ctypes.c_ulong)), ctypes.POINTER(ctypes.c_uint)]
        self.x.XFree.argtypes = [ctypes.c_void_p]
        self.xt.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
        # Xlib's default error handler ends the process (a window gone between XQueryTree and
        # XSendEvent is a BadWindow): count the errors instead (the handler is process-wide)
        self.x.XSetErrorHandler.argtypes = [_X_ERROR_HANDLER]
        self.x.XSetErrorHandler.restype = ctypes.c_void_p
        self.x.XSetErrorHandler(_on_x_error)
        self.dpy = self.x.XOpenDisplay(display.encode())
        assert self.dpy, f"cannot open {display}"

    def top_windows(self) -> list[int]:
        """The screen's top-level windows (the show's window, once it is up)."""
        root, parent = ctypes.c_ulong(), ctypes.c_ulong()
        children, n = ctypes.POINTER(ctypes.c_ulong)(), ctypes.c_uint()
        self.x.XQueryTree(self.dpy, self.x.XDefaultRootWindow(self.dpy), ctypes.byref(root), ctypes.byref(parent),
                          ctypes.byref(children), ctypes.byref(n))
        found = [children[k] for k in range(n.value)]
        if children:
            self.x.XFree(children)
        return found

    def windows(self) -> int:
        return len(self.top_windows())

    def close_windows(self) -> None:
        """Ask every top-level window to close, as a window manager's close button does
        (a WM_DELETE_WINDOW client message)."""
        atom = self.x.XInternAtom
        atom.restype, atom.argtypes = ctypes.c_ulong, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
        protocols, delete = atom(self.dpy, b"WM_PROTOCOLS", 0), atom(self.dpy, b"WM_DELETE_WINDOW", 0)
        self.x.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long, ctypes.c_void_p]
        for window in self.top_windows():
            event = _ClientMessage(type=33, serial=0, send_event=1, display=self.dpy, window=window,
                                   message_type=protocols, format=32)
            event.data[0], event.data[1] = delete, 0
            self.x.XSendEvent(self.dpy, window, 0, 0, ctypes.byref(event))
        self.x.XFlush(self.dpy)

    def _key(self, name: str, down: bool) -> None:
        code = self.x.XKeysymToKeycode(self.dpy, self.x.XStringToKeysym(name.encode()))
        self.xt.XTestFakeKeyEvent(self.dpy, code, down, 0)
        self.x.XFlush(self.dpy)

    def chord(self, modifier: str, key: str, hold_s: float = 0.08) -> None:
        """Modifier down, key down, key up, modifier up: how a person presses Ctrl+Q."""
        self._key(modifier, True)
        time.sleep(hold_s)
        self._key(key, True)
        time.sleep(hold_s)
        self._key(key, False)
        time.sleep(hold_s / 2)
        self._key(modifier, False)

    def close(self) -> None:
        self.x.XCloseDisplay(self.dpy)


def song_show(tmp_path: Path) -> tuple[Path, Path, StateStore]:
    """A session whose step 2 is a MIDI song (about 10 s), saved as the step to resume at."""
    from bench.bench_intents import write_song
    write_song(tmp_path / "songs")
    session = tmp_path / "s.yaml"
    session.write_text("version: 1\ntitle: T\nsteps:\n  - text: Hei\n  - song: telle\n  - text: Slutt\n",
                       encoding="utf-8")
    config = tmp_path / "config.yaml"
    config.write_text(f"state_dir: {tmp_path / 'state'}\nlog_dir: {tmp_path / 'logs'}\n", encoding="utf-8")
    return session, config, StateStore(tmp_path / "state")


def quit_once(xvfb: Xvfb, keyboard: Keyboard, session: Path, config: Path, store: StateStore,
              how: str, play_s: float = 1.0) -> Quit:
    """Start the show at the song, let the synth play ``play_s``, quit ``how`` (``ctrl+q``,
    ``window`` for the close button, or a signal's name). The state file is removed while the song plays, so the step found there
    afterwards was saved by the quit. A show still running ``HANG_GUARD_S`` after is killed."""
    store.save(session, 1)
    env = xvfb.env(SDL_AUDIODRIVER="dummy", HELSEKOR_CONFIG=str(config))
    show = subprocess.Popen([sys.executable, "-m", "player.cli", "run", str(session)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        end = time.monotonic() + 30
        while keyboard.windows() == 0 and show.poll() is None and time.monotonic() < end:
            time.sleep(0.05)
        if show.poll() is not None or keyboard.windows() == 0:
            raise RuntimeError(f"the show never opened its window: {show.stderr.read().decode()[-2000:]}")
        time.sleep(play_s)
        store.clear()
        if how == "ctrl+q":
            keyboard.chord("Control_L", "q")
            time.sleep(0.4)
            keyboard.chord("Control_L", "q")
        elif how == "window":
            keyboard.close_windows()
        else:
            show.send_signal(getattr(signal, how))
        t0 = time.perf_counter()
        try:
            code: int | None = show.wait(HANG_GUARD_S)
        except subprocess.TimeoutExpired:
            code = None
        took = time.perf_counter() - t0
    finally:
        if show.poll() is None:
            show.kill()
            show.wait()
    err = show.stderr.read().decode(errors="replace") if show.stderr else ""
    return Quit(how, took, code, store.load(session), err[-3000:])


def run() -> dict[str, float]:
    runs = int(os.environ.get("HELSEKOR_BENCH_QUITS", "10"))
    folder = Path(tempfile.mkdtemp(prefix="helsekor-quit-"))
    session, config, store = song_show(folder)
    results: list[Quit] = []
    with Xvfb((1024, 600)) as xvfb:
        keyboard = Keyboard(xvfb.display)
        try:
            for k in range(runs):
                results.append(quit_once(xvfb, keyboard, session, config, store, "ctrl+q" if k % 2 == 0 else "SIGTERM"))
        finally:
            keyboard.close()
    out: dict[str, float] = {}
    for how in ("ctrl+q", "SIGTERM"):
        ms = sorted(r.seconds * 1000 for r in results if r.how == how)
        if ms:
            out[f"quit.{how.lower().replace('+', '_')}.median_ms"] = (ms[(len(ms) - 1) // 2] + ms[len(ms) // 2]) / 2
            out[f"quit.{how.lower().replace('+', '_')}.max_ms"] = ms[-1]
    out["quit.exit_ms.max"] = max(r.seconds for r in results) * 1000
    out["quit.runs"] = float(len(results))
    out["quit.not_exited"] = float(sum(r.code is None for r in results))
    out["quit.nonzero_exit"] = float(sum(r.code not in (0, None) for r in results))
    out["quit.step_not_saved"] = float(sum(r.saved != 1 for r in results))
    return out
