"""A whole session: how fast the demo rehearses headless, and whether memory stays flat while
the live show runs.

- ``session.render.*``: ``helsekor render`` of the whole demo in a child process: wall seconds,
  sound rendered (seconds) and the ratio, and the child's peak memory.
- ``session.live.*``: the real live show (projector app, runner, built-in synth on SDL's dummy
  audio driver, dummy video driver) in a child process for ``HELSEKOR_BENCH_LIVE_S`` seconds
  (default 120), moving through every step of the demo in turn; its memory (RSS) is sampled
  every second. A real session is 45–60 minutes; stepping through every scene and backing
  several times over shows whether anything piles up, without waiting an hour.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LIVE = r"""
import json, os, sys, threading, time
from pathlib import Path
from player.cli import load
from player.core.model import intents as I
from player.core.script.config import load_config
from player.show import run_show

seconds, per_step = float(sys.argv[1]), float(sys.argv[2])
from dataclasses import replace
config = replace(load_config(), log_dir=Path(sys.argv[3]), state_dir=Path(sys.argv[3]))
class A: session = str(Path("sessions/demo.yaml"))
session = load(A, config)
samples = []

def rss_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0

import player.display.app as appmod
real_frame = appmod.App.frame
state = {"start": None, "next": 0.0, "step": 0, "sample": 0.0}
def frame(self):
    now = time.monotonic()
    if state["start"] is None:
        state["start"] = now
    t = now - state["start"]
    if t >= state["next"]:
        self.post(I.GoToStep(index=state["step"] % len(session.steps)))
        state["step"] += 1
        state["next"] += per_step
    if t >= state["sample"]:
        samples.append((round(t, 1), round(rss_mb(), 1)))
        state["sample"] += 1.0
    if t >= seconds:
        self.request_quit("bench")          # as a signal or a closed window ends the show
    return real_frame(self)
appmod.App.frame = frame
run_show(session, config, windowed=True, restart=True)
print(json.dumps(samples), flush=True)
"""


def _render() -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "player.cli", "render", "sessions/demo.yaml", "--out", tmp,
                               "--size", "1280x720"], cwd=ROOT, capture_output=True, text=True)
        wall = time.perf_counter() - t0
        if proc.returncode:
            raise RuntimeError(proc.stderr[-2000:])
        tl = json.loads((Path(tmp) / "timeline.json").read_text(encoding="utf-8"))
        import wave
        with wave.open(str(Path(tmp) / "audio.wav")) as w:
            sound = w.getnframes() / w.getframerate()
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"session.render.wall_s": round(wall, 2), "session.render.sound_s": round(sound, 1),
            "session.render.x_real_time": round(sound / wall, 1), "session.render.events": len(tl["events"]),
            "session.render.peak_rss_mb": round(peak, 1)}


def _live() -> dict[str, float]:
    seconds = float(os.environ.get("HELSEKOR_BENCH_LIVE_S", 120))
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    with tempfile.TemporaryDirectory() as tmp:
        steps = 23
        per_step = seconds / (2 * steps)       # two passes through every step of the demo
        proc = subprocess.run([sys.executable, "-c", LIVE, str(seconds), str(per_step), tmp], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=seconds + 120)
    if proc.returncode:
        raise RuntimeError(proc.stderr[-2000:])
    samples = json.loads(proc.stdout.strip().splitlines()[-1])
    first = [mb for t, mb in samples if t < seconds / 2]
    second = [mb for t, mb in samples if t >= seconds / 2]
    return {"session.live.seconds": seconds, "session.live.rss_mb_start": first[0],
            "session.live.rss_mb_max_pass1": max(first), "session.live.rss_mb_max_pass2": max(second),
            "session.live.rss_mb_end": second[-1]}


def run() -> dict[str, float]:
    out = _render()
    out.update(_live())
    return out


if __name__ == "__main__":
    for k, v in run().items():
        print(f"{k:<45} {v}")
