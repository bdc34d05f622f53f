"""Does drawing ahead during a song starve the built-in synth's audio callback?

One process as the live show has it: the real synth (FluidSynth or TinySoundFont, the shipped
SoundFont) plays a demo song through SDL's audio thread (``SDL_AUDIODRIVER=dummy``: it calls
the callback once per block and then sleeps one block), while the main thread draws 60 frames a
second of the demo's steps (the dummy video driver, 1920×1080). First for :data:`SECONDS` without drawing
ahead, then as long with the next step drawn ahead twice a second (player/display/ahead.py; the
text cache emptied first, so every one renders its text afresh: the worst a step change does),
all at once and then in slices.

The show itself draws nothing ahead while the synth plays a song or a pulse (the next step is
drawn before the held backing starts): during a song its figure is ``quiet``'s.

Every callback's start is stamped (after it got the GIL). A callback that starts later than one
block after the one before made the device wait: with a real device holding two blocks, that is
a gap in the sound (an underrun).

- ``underrun.block_ms``: one block (512 frames at the synth's rate);
- ``underrun.{quiet,whole,sliced}.late``: callbacks later than one block past their time:
  without drawing ahead, drawing each step ahead all at once (as before the slices), and in
  slices as the show does (player/display/ahead.py: one text a frame); ``.gap_max_ms``: the
  longest wait between two callbacks;
- ``underrun.{whole,sliced}.piece_ms.median`` / ``.max``: one drawing ahead (whole) or one slice
  of it, wall time on the main thread; ``.piece_blocked_ms.median``: its wall time neither on a
  core nor queued for one (/proc/thread-self/schedstat): the main thread waiting for the GIL;
- ``underrun.load_average``, ``underrun.busy_processes`` (``HELSEKOR_BENCH_BUSY=n``, bench/busy.py).
"""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

from bench.busy import busy_from_env

ROOT = Path(__file__).resolve().parent.parent
SECONDS = float(os.environ.get("HELSEKOR_BENCH_UNDERRUN_S", "8"))
SIZE = (1920, 1080)           # the projector's window (config.yaml display.size)


def _queued() -> float:
    try:
        with open("/proc/thread-self/schedstat", "rb") as f:
            return int(f.read().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return float("nan")


def _late(stamps: list[float], block_s: float) -> tuple[int, float]:
    gaps = [b - a for a, b in zip(stamps, stamps[1:])]
    return sum(g > 2 * block_s for g in gaps), (max(gaps) * 1000 if gaps else float("nan"))


def measure() -> dict[str, float]:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    from player.core.script.config import load_config
    from player.core.script.library import Library
    from player.core.script.loader import load_session
    from player.core.show.runner import Runner
    from player.core.time.clock import MonotonicClock
    from player.display.ahead import Ahead
    from player.display.renderer import Renderer
    from player.display.scenes import cards
    from player.display.settings import DisplaySettings
    from player.display.text import TextCache
    from player.midi.backing import MidiBacking
    from player.midi.song import load_midi
    from player.midi.synth import SynthOutput

    stamps: list[float] = []
    fill = SynthOutput._fill

    def stamped(self, n_bytes: int) -> bytes:          # SDL's audio thread, holding the GIL
        stamps.append(time.perf_counter())
        return fill(self, n_bytes)

    path = ROOT / "sessions" / "demo.yaml"
    session = load_session(path, Library.for_session(path, ()))
    config = load_config(user_file=None)
    clock = MonotonicClock()
    runner = Runner(session, clock, config.texts(session.language))
    pygame.display.init()
    pygame.font.init()
    surface = pygame.display.set_mode(SIZE)
    renderer = Renderer(DisplaySettings.from_settings(config))
    ahead = Ahead(renderer)
    SynthOutput._fill = stamped
    try:
        synth = SynthOutput(sample_rate=config.audio.sample_rate)
    finally:
        SynthOutput._fill = fill
    block_s = 512 / config.audio.sample_rate
    song = next(s.song for s in session.steps if s.song is not None and s.song.midi is not None)
    backing = MidiBacking(load_midi(song.midi), synth, count_in_bars=0)
    aheads: dict[str, list[tuple[float, float, float]]] = {}     # per phase: each piece (wall, CPU, queued) s
    windows: dict[str, list[float]] = {}
    try:
        backing.start(0.0, count_in=False)
        for phase in ("quiet", "whole", "sliced"):
            stamps.clear()
            end, frame, steps = time.perf_counter() + SECONDS, 0, len(session.steps)
            while time.perf_counter() < end:
                frame += 1
                renderer.draw(surface, runner.snapshot())
                pygame.display.update()
                pygame.event.pump()
                w, c, q = time.perf_counter(), time.thread_time(), _queued()
                if phase != "quiet" and frame % 30 == 0:
                    renderer.cache = ahead.shadow.cache = TextCache(renderer.fonts)
                    cards._PICTURES.clear()
                    if phase == "whole":        # the frame drawn ahead all at once (before the slices)
                        ahead.prepare(runner, (frame // 30) % steps, SIZE)
                    else:
                        ahead.start(runner, (frame // 30) % steps, SIZE)
                elif phase == "sliced" and not ahead.step():
                    w = None
                else:
                    w = None
                if w is not None:
                    aheads.setdefault(phase, []).append((time.perf_counter() - w, time.thread_time() - c, _queued() - q))
                time.sleep(max(0.0, 1 / 60 - 0.002))
            windows[phase] = list(stamps)
    finally:
        backing.close()
        synth.close()
        runner.close()
        pygame.display.quit()
    out = {"underrun.block_ms": block_s * 1000}
    for phase, got in windows.items():
        late, longest = _late(got, block_s)
        out[f"underrun.{phase}.callbacks"] = float(len(got))
        out[f"underrun.{phase}.late"] = float(late)
        out[f"underrun.{phase}.gap_max_ms"] = longest
    for phase, pieces in aheads.items():
        walls = [w * 1000 for w, _, _ in pieces]
        out[f"underrun.{phase}.piece_ms.median"] = statistics.median(walls)
        out[f"underrun.{phase}.piece_ms.max"] = max(walls)
        blocked = [max(0.0, (w - c - q) * 1000) for w, c, q in pieces]
        out[f"underrun.{phase}.piece_blocked_ms.median"] = statistics.median(blocked)
    return out


def run() -> dict[str, float]:
    busy = busy_from_env()
    with busy:
        out = measure()
        out["underrun.load_average"] = os.getloadavg()[0]
    out["underrun.busy_processes"] = float(busy.n)
    return out


if __name__ == "__main__":
    for key, value in run().items():
        print(f"  {key:<40} {value:>10.1f}")
