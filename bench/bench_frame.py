"""Frame time of the projector view: the lyrics scene with the corner pulse, 60 frames a second.

Each measurement runs in a child process (so every SDL driver starts clean): the app's real
``frame()`` (event pump, snapshot, draw, display update) over ≥ 600 frames at 96 BPM, with the
sung word moving on every 30th frame (the current line redrawn), a new line every 240th (a
full redraw), and only the pulse box redrawn in between.
Drivers: ``dummy`` and ``x11`` (a real window under Xvfb). Also the time from process start to
the first frame on screen. Figures in milliseconds.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import replace

FRAMES = 600
SIZES = [(1920, 1080), (3840, 2160)]


def _percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q / 100 * (len(values) - 1)))]


class _BenchSource:
    """Lyrics at 96 BPM as seen at 60 fps: the sung word moves every 30 frames and a new line
    comes every 240 frames (4 s), as in a song."""

    def __init__(self) -> None:
        from player.display.examples import lyrics_example
        self.base = lyrics_example()
        self.i = 0
        self.finished = False

    def handle(self, intent) -> None:
        pass

    def tick(self) -> None:
        self.i += 1

    def snapshot(self):
        from player.display.examples import lyrics_example
        beats = self.i * 96 / 60 / 60
        stops = (0, 9, 14, 19, 23, 26, 30, 34, 39)
        snap = lyrics_example(phase=beats % 1.0, beat=int(beats) % 4, highlight=stops[(self.i // 30) % len(stops)])
        # every new line is new text (a real song does not repeat its lines every 4 s), so the
        # text cache misses as it would in a session
        n = self.i // 240
        texts = [l.text for l in snap.lines]
        lines = tuple(replace(l, text=f"{texts[(k + n) % len(texts)]} {n + k}") for k, l in enumerate(snap.lines))
        return replace(snap, lines=lines)


def measure(size: tuple[int, int], frames: int) -> dict[str, float]:
    """In this process: open a window of ``size`` and time ``frames`` frames (ms)."""
    from player.display.app import App
    app = App(_BenchSource(), None, windowed=True, size=size)
    app.open()
    for _ in range(30):   # warm the text cache and the window
        app.frame()
    times, full = [], []
    for _ in range(frames):
        t0 = time.perf_counter()
        rects = app.frame()
        dt = (time.perf_counter() - t0) * 1000.0
        times.append(dt)
        if rects and rects[0].size == size:
            full.append(dt)
    app.close()
    return {"p50_ms": statistics.median(times), "p99_ms": _percentile(times, 99),
            "full_redraw_p50_ms": statistics.median(full) if full else float("nan"), "frames": float(len(times))}


def _child(env: dict[str, str], size: tuple[int, int]) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-m", "bench.bench_frame", "--measure", f"{size[0]}x{size[1]}"],
                         env=env, capture_output=True, text=True, timeout=120, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _first_frame_ms(env: dict[str, str], runs: int = 3) -> float:
    values = []
    for _ in range(runs):
        t0 = time.time()
        proc = subprocess.Popen([sys.executable, "-m", "player.display.preview", "--windowed", "--size", "1920x1080",
                                 "--frames", "1"], env=env, stdout=subprocess.PIPE, text=True)
        line = proc.stdout.readline()
        proc.wait(30)
        values.append((float(line.split()[1]) - t0) * 1000.0)
    return statistics.median(values)


def run() -> dict[str, float]:
    from player.display.xvfb import Xvfb, xvfb_available
    results: dict[str, float] = {}
    dummy = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_FRAMEBUFFER_ACCELERATION="0",
                 PYGAME_HIDE_SUPPORT_PROMPT="1")
    for size in SIZES:
        for key, value in _child(dummy, size).items():
            results[f"frame.dummy.{size[0]}x{size[1]}.{key}"] = value
    results["startup.first_frame_ms"] = _first_frame_ms(dummy)
    if xvfb_available():
        with Xvfb((3840, 2160)) as xv:
            env = xv.env(PYGAME_HIDE_SUPPORT_PROMPT="1")
            for size in SIZES:
                for key, value in _child(env, size).items():
                    results[f"frame.x11.{size[0]}x{size[1]}.{key}"] = value
            results["startup.x11.first_frame_ms"] = _first_frame_ms(env)
    return results


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--measure":
        w, h = (int(v) for v in sys.argv[2].split("x"))
        print(json.dumps(measure((w, h), FRAMES)))
    else:
        for k, v in run().items():
            print(f"{k:<48} {v:10.3f}")
