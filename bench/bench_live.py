"""The live show as a new user meets it: `python -m player.cli run sessions/demo.yaml --windowed
--restart` in a real window under Xvfb (SDL's dummy audio), the screen polled from outside.

- ``live.first_frame_cpu_ms``: the CPU time the show had used when its first frame was seen
  (warm launches; ``live.load_average``: the machine's load then, the reason wall times vary).
- ``live.first_frame_ms``: launch (just before the process is started) to the first grab of the
  X screen that is not black (the root window is black); the median of the warm launches (the
  MIDI checks remembered, byte code compiled); ``live.first_frame_cold_ms``: the first launch
  with a fresh state folder (every MIDI file checked afresh). A warm launch finds the first
  frame the launch before kept (player/display/splash.py) and shows it before the show's own
  code is imported; the show's own first frame, drawn on that window a little later, is the
  same picture: ``live.first_frame_flicker`` counts the grabs in the second after each warm
  launch's first frame that are black or differ from it (0: the app's frame covered the kept
  one with nothing in between). Each run has its own user folders (``HELSEKOR_HOME``: its
  start cache, kept frames and MIDI verdicts, never another run's or the developer's); the
  warm-up launch leaves the MIDI verdicts, so the cold launch is a start with changed files.
- ``live.key_to_frame_ms.*``: a key on a card (B twice, Next between cards) pressed on the X
  server through XTest, to the first grab where the picture changed (more than
  :data:`CHANGED` of the pixels: a countdown's ticking digits are not an answer).
- ``live.next_into_song_ms.*``: Next into a MIDI song to the first changed grab.
- ``live.grab_ms.median``: how long one grab of the screen takes, the capture's own delay
  (a change is timed at the middle of the grab that first shows it).
- ``live.capture_nice``: the nice value this process (the grabs and the keys) ran at while the keys
  were pressed (``HELSEKOR_BENCH_CAPTURE_NICE``, −10 by default; 0 when it may not be raised), so a
  busy machine delays the show and not the grab that watches it. The X server is left at the
  show's priority: a starved display server delays the picture for a viewer too.
- ``live.backing_start_ms.*``: how long after its step began each song's sound started (the
  show's log: the backing is made and started once the song's first frame is on the screen).

``HELSEKOR_BENCH_TRACE=1`` runs the last launch under bench/keytrace.py and prints each press's
path through the show's main thread: when it woke, had handled the key, had drawn and had
flipped the frame (ms after the press), with the main thread's CPU time and its time queued for
a core since it began waiting (the rest is waiting for the GIL or the X server), and whether the
frame was copied from the one drawn ahead; ``=2`` prints every mark.

``HELSEKOR_BENCH_BUSY=n`` runs it all with *n* processes spinning on the CPU (bench/busy.py),
the same busy machine from run to run; ``live.busy_processes`` says how many.

``HELSEKOR_BENCH_ROOT`` runs another checkout (e.g. the code before a change) the same way.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.busy import busy_from_env
from player.display.xvfb import Xvfb

ROOT = Path(os.environ.get("HELSEKOR_BENCH_ROOT") or Path(__file__).resolve().parent.parent)
SIZE = (960, 540)
CHANGED = 0.004            # share of pixels that must change for a grab to count as the answer
WAIT_S = 3.0               # the longest wait for an answer (counted as a miss past it)
GUARD_S = 0.45             # the show ignores a second press of one key within 300 ms (keys.double_press_guard_ms)
VERBOSE = bool(os.environ.get("HELSEKOR_BENCH_VERBOSE"))
TRACE = bool(os.environ.get("HELSEKOR_BENCH_TRACE"))   # the last launch runs under bench/keytrace.py
VERBOSE_TRACE = os.environ.get("HELSEKOR_BENCH_TRACE") == "2"   # every mark of each press
LAUNCHES = int(os.environ.get("HELSEKOR_BENCH_LAUNCHES", "3"))
# the capture (this process; not the X server) runs at this nice value while the keys are pressed,
# so that a busy machine delays the show, not the grab that watches it (0: as everyone else)
CAPTURE_NICE = int(os.environ.get("HELSEKOR_BENCH_CAPTURE_NICE", "-10"))


class Screen:
    """Raw grabs of the whole X screen through one libX11 connection (32-bit pixels)."""

    def __init__(self, display: str):
        x = self.x = ctypes.CDLL(ctypes.util.find_library("X11"))
        x.XOpenDisplay.restype = ctypes.c_void_p
        x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x.XDefaultRootWindow.restype = ctypes.c_ulong
        x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        x.XGetImage.restype = ctypes.c_void_p
        x.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int, ctypes.c_uint,
                                ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
        x.XFree.argtypes = [ctypes.c_void_p]
        x.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self.dpy = x.XOpenDisplay(display.encode())
        assert self.dpy, f"cannot open {display}"
        self.root = x.XDefaultRootWindow(self.dpy)
        self.grab_s: list[float] = []

    def grab(self):
        """(the pixels as a numpy array of uint32, the clock time in the middle of the grab)."""
        import numpy as np
        t0 = time.perf_counter()
        img = self.x.XGetImage(self.dpy, self.root, 0, 0, SIZE[0], SIZE[1], 0xFFFFFFFF, 2)
        # XImage: four ints, then data* (byte 16); bytes_per_line is int number 11
        data = ctypes.cast(img + 16, ctypes.POINTER(ctypes.c_void_p))[0]
        bpl = ctypes.cast(img, ctypes.POINTER(ctypes.c_int))[11]
        raw = ctypes.string_at(data, bpl * SIZE[1])
        self.x.XFree(data)
        self.x.XFree(img)
        t1 = time.perf_counter()
        self.grab_s.append(t1 - t0)
        pixels = np.frombuffer(raw, dtype=np.uint32).reshape(SIZE[1], bpl // 4)[:, :SIZE[0]] & 0xFFFFFF
        return pixels, (t0 + t1) / 2

    def close(self) -> None:
        self.x.XCloseDisplay(self.dpy)


def changed(a, b) -> float:
    import numpy as np
    return float(np.count_nonzero(a != b)) / a.size


def cpu_ms(pid: int) -> float:
    """User + system CPU time the process has used so far (ms): the start-up's own work, which a
    busy machine does not stretch as it stretches wall time."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


CPU_AT_FIRST: list[float] = []


def first_frame(screen: Screen, launched: float, show: subprocess.Popen) -> float | None:
    """Milliseconds from ``launched`` to the first grab with a pixel that is not black (the
    process's CPU time then goes to :data:`CPU_AT_FIRST`)."""
    end = launched + 30
    while time.perf_counter() < end and show.poll() is None:
        pixels, at = screen.grab()
        if pixels.any():
            CPU_AT_FIRST.append(cpu_ms(show.pid))
            return (at - launched) * 1000
    return None


def settle(screen: Screen, quiet_s: float = 0.25, most_s: float = 2.0):
    """The picture once it stood still ``quiet_s`` (or after ``most_s``, if it moves)."""
    pixels, _ = screen.grab()
    still_since, end = time.perf_counter(), time.perf_counter() + most_s
    while time.perf_counter() < end:
        time.sleep(0.02)
        now_pixels, _ = screen.grab()
        if changed(now_pixels, pixels) > 0:
            pixels, still_since = now_pixels, time.perf_counter()
        elif time.perf_counter() - still_since >= quiet_s:
            break
    return pixels


_last_press = 0.0
PRESSES: list[tuple[str, float, float | None]] = []     # (what, when pressed, ms to the answer)


def answer(screen: Screen, keyboard, key: str) -> float | None:
    """Press ``key`` once the picture stood still (and the double-press guard is past);
    milliseconds to the first grab that changed more than :data:`CHANGED`."""
    global _last_press
    time.sleep(max(0.0, _last_press + GUARD_S - time.perf_counter()))
    before = settle(screen)
    pressed = time.perf_counter()
    keyboard._key(key, True)
    keyboard._key(key, False)
    _last_press = pressed
    while time.perf_counter() - pressed < WAIT_S:
        pixels, at = screen.grab()
        if changed(pixels, before) > CHANGED:
            PRESSES.append((key, pressed, (at - pressed) * 1000))
            return (at - pressed) * 1000
    PRESSES.append((key, pressed, None))
    return None


def flicker(screen: Screen, first, seconds: float = 1.0) -> int:
    """How many grabs in the next ``seconds`` are black or differ from ``first`` (the first frame)."""
    bad, end = 0, time.perf_counter() + seconds
    while time.perf_counter() < end:
        pixels, _ = screen.grab()
        bad += not pixels.any() or changed(pixels, first) > CHANGED
    return bad


def launch(xvfb: Xvfb, config: Path, trace: Path | None = None) -> tuple[subprocess.Popen, float]:
    # HELSEKOR_BENCH_AUDIODRIVER: another SDL audio driver (an experiment: "none" opens no synth)
    env = xvfb.env(SDL_AUDIODRIVER=os.environ.get("HELSEKOR_BENCH_AUDIODRIVER", "dummy"), HELSEKOR_CONFIG=str(config),
                   HELSEKOR_HOME=str(config.parent.parent / "home"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)     # a user's Python keeps its byte code
    program = ["-m", "player.cli"] if trace is None else [str(Path(__file__).with_name("keytrace.py")), str(trace)]
    if trace is not None:
        env["PYTHONPATH"] = str(ROOT)              # the script's folder comes first on its path, not ROOT
    launched = time.perf_counter()
    show = subprocess.Popen([sys.executable, *program, "run", "sessions/demo.yaml", "--windowed",
                             "--restart"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return show, launched


def stop(show: subprocess.Popen) -> None:
    if show.poll() is None:
        show.send_signal(signal.SIGTERM)
        try:
            show.wait(10)
        except subprocess.TimeoutExpired:
            show.kill()
            show.wait()


def config_in(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "config.yaml"
    path.write_text(f"state_dir: {folder / 'state'}\nlog_dir: {folder / 'logs'}\n"
                    f"display:\n  size: [{SIZE[0]}, {SIZE[1]}]\n", encoding="utf-8")
    return path


def step_kinds() -> list[str]:
    """'song' for a step with a MIDI backing, else 'card', for every step of the demo."""
    import yaml
    steps = yaml.safe_load((ROOT / "sessions" / "demo.yaml").read_text(encoding="utf-8"))["steps"]
    return ["song" if "song" in s else "card" for s in steps]


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def print_trace(path: Path, kinds: list[str]) -> None:
    """Each press's path through the main thread (bench/keytrace.py): ms after the press, and the
    main thread's CPU ms since the wait that ended in it."""
    from bench.keytrace import press_path, read, spans
    try:
        trace = read(path)
    except (OSError, ValueError) as err:      # (the quit's deadline may cut the dump short)
        print(f"    no trace: {err}", file=sys.stderr)
        return
    print("  ms after the press (the main thread's CPU ms/ms queued for a core since it woke): woke, key handled,"
          " drawn, flipped; seen by the grab", file=sys.stderr)
    for n, (key, pressed, ms) in enumerate(PRESSES):
        step = n - 6 + 1        # six presses of B first, then Next into step 2, 3, ...
        what = "B" if step < 1 else f"Next into {step + 1} ({kinds[step]})"
        path_ = press_path(trace, pressed)
        at = {label: (t, c, q) for label, t, c, q in reversed(path_)}
        cols = "  ".join(f"{t:6.1f} ({c:4.1f}/{q:5.1f})" for t, c, q in (at.get(k, (float("nan"),) * 3) for k in
                                                                     ("wait<", "key<", "Renderer.draw<", "flip<")))
        seen = "miss" if ms is None else f"{ms:6.1f}"
        copied = " copied" if "copied" in at else " drawn" if "not copied" in at else ""
        print(f"    {what:<22} {cols}  {seen}{copied}", file=sys.stderr)
        if VERBOSE_TRACE:
            print("      " + "  ".join(f"{label}@{t:.1f}/{c:.1f}" for label, t, c, _q in path_), file=sys.stderr)
    ahead = spans(trace, "ahead")
    if ahead:
        walls, cpus = [w for _, w, _ in ahead], [c for _, _, c in ahead]
        print(f"  drawing ahead: {len(ahead)} times, median {statistics.median(walls):.1f} ms "
              f"({statistics.median(cpus):.1f} ms CPU), max {max(walls):.1f} ms", file=sys.stderr)


def capture_first() -> int:
    """This process (the grabs and the keys) at :data:`CAPTURE_NICE`; the show and the X server stay as
    they were started, since a starved display server delays the picture for a real viewer too. The
    nice value it got (0 when it may not be raised: not root). :func:`capture_as_before` undoes it."""
    if CAPTURE_NICE == 0:
        return 0
    try:
        os.setpriority(os.PRIO_PROCESS, 0, CAPTURE_NICE)
    except (PermissionError, AttributeError):
        return 0
    return CAPTURE_NICE


def capture_as_before(nice: int) -> None:
    """This process back at nice 0 (``make bench`` runs the other benches in it)."""
    if nice:
        try:
            os.setpriority(os.PRIO_PROCESS, 0, 0)
        except PermissionError:
            pass


def start_latencies(log_dir: Path) -> list[float]:
    """The backings' start latencies the show logged (ms after the step began)."""
    import re
    try:
        text = (log_dir / "helsekor.log").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return [float(m) for m in re.findall(r"the sound started (\d+) ms after the step", text)]


def run() -> dict[str, float]:
    from bench.bench_quit import Keyboard
    CPU_AT_FIRST.clear()
    PRESSES.clear()
    folder = Path(tempfile.mkdtemp(prefix="helsekor-live-"))
    out: dict[str, float] = {}
    firsts: list[float] = []
    flickers = 0
    cards: list[float] = []
    songs: list[float] = []
    misses = 0
    starts: list[float] = []
    busy = busy_from_env()
    try:
        with busy, Xvfb(SIZE, black_root=True) as xvfb:
            screen, keyboard = Screen(xvfb.display), Keyboard(xvfb.display)
            try:
                warm = config_in(folder / "warm-up")            # byte code compiled, files in the page cache
                show, launched = launch(xvfb, warm)
                first_frame(screen, launched, show)
                stop(show)
                config = config_in(folder / "fresh")
                for k in range(LAUNCHES):
                    settle_black = time.perf_counter() + 5
                    while screen.grab()[0].any() and time.perf_counter() < settle_black:
                        time.sleep(0.05)                          # the last window is gone
                    traced = folder / "trace.json" if TRACE and k == LAUNCHES - 1 else None
                    show, launched = launch(xvfb, config, traced)
                    ms = first_frame(screen, launched, show)
                    if ms is None:
                        raise RuntimeError(f"the show drew nothing: {show.stderr.read().decode()[-2000:]}")
                    if VERBOSE:
                        print(f"    launch {k + 1}: first frame after {ms:.0f} ms ({CPU_AT_FIRST[-1]:.0f} ms of CPU)",
                              file=sys.stderr)
                    if k == 0:
                        out["live.first_frame_cold_cpu_ms"] = CPU_AT_FIRST[-1]
                        out["live.first_frame_cold_ms"] = ms
                    else:
                        firsts.append(ms)
                        flickers += flicker(screen, screen.grab()[0])   # and the start-up work after it
                    if k < LAUNCHES - 1:
                        stop(show)
                time.sleep(0.2)                                    # (flicker() watched the second after the frame)
                nice = capture_first()
                out["live.capture_nice"] = float(nice)
                for _ in range(3):                                 # B on the first card, twice
                    for _ in range(2):
                        ms = answer(screen, keyboard, "b")
                        if VERBOSE:
                            print(f"    B: {ms} ms", file=sys.stderr)
                        cards.append(ms) if ms is not None else None
                        misses += ms is None
                kinds = step_kinds()
                for index in range(1, len(kinds)):                 # Next through the demo
                    ms = answer(screen, keyboard, "Right")
                    misses += ms is None
                    if ms is not None:
                        (songs if kinds[index] == "song" else cards).append(ms)
                    if VERBOSE:
                        print(f"    Next into step {index + 1} ({kinds[index]}): {ms} ms", file=sys.stderr)
                stop(show)
                capture_as_before(nice)
                starts = start_latencies(folder / "fresh" / "logs")
                if TRACE:
                    print_trace(folder / "trace.json", kinds)
            finally:
                keyboard.close()
                screen.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    out["live.first_frame_ms"] = statistics.median(firsts) if firsts else out.get("live.first_frame_cold_ms", 0.0)
    out["live.first_frame_cpu_ms"] = statistics.median(CPU_AT_FIRST[2:]) if len(CPU_AT_FIRST) > 2 else float("nan")
    out["live.first_frame_flicker"] = float(flickers)
    out["live.load_average"] = os.getloadavg()[0]
    out["live.busy_processes"] = float(busy.n)
    out["live.key_to_frame_ms.median"] = statistics.median(cards) if cards else float("nan")
    out["live.key_to_frame_ms.p95"] = pct(cards, 95)
    out["live.next_into_song_ms.median"] = statistics.median(songs) if songs else float("nan")
    out["live.next_into_song_ms.p95"] = pct(songs, 95)
    out["live.next_into_song_ms.max"] = max(songs) if songs else float("nan")
    out["live.grab_ms.median"] = statistics.median(screen.grab_s) * 1000
    out["live.backing_start_ms.median"] = statistics.median(starts) if starts else float("nan")
    out["live.backing_start_ms.max"] = max(starts) if starts else float("nan")
    out["live.presses"] = float(len(cards) + len(songs))
    out["live.unanswered"] = float(misses)
    return out


if __name__ == "__main__":
    for key, value in run().items():
        print(f"  {key:<40} {value:>10.1f}")
