"""The room on loopback: the demo session runs in this process on the dummy drivers (the real
ShowApp frame loop at the configured fps, a real runner; silent backings), first without the
room's server (Next posted from a timer every STEP_S seconds), then with it and 60 lyric
viewers, 1 stage and 1 remote in another process (the remote presses Next at the same pace).

Figures: ``serve.lag_ms.p50/p95/max`` (the wall time a view was stamped when its frame was on
the projector to its arrival at a viewer), ``serve.frame_p99_ms`` with the clients and
``serve.frame_p99_ms.no_clients`` without (the time of one frame's work, input to display
update, plus the hand-off), the views delivered and the pages connected. Two minutes of show
each, or ``HELSEKOR_SERVE_SECONDS``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VIEWERS = 60
STEP_S = 6.0


def _percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q / 100 * (len(values) - 1)))] if values else float("nan")


def _show(seconds: float, serve: bool) -> tuple[list[float], dict]:
    from player.core.model import intents as I
    from player.core.model.settings import ServeSection
    from player.core.script.config import load_config
    from player.core.script.library import Library
    from player.core.script.loader import load_session
    from player.core.show.runner import Runner
    from player.core.time.clock import MonotonicClock
    from player.display.pianist_app import ShowApp

    config = load_config(user_file=None)
    path = ROOT / "sessions" / "demo.yaml"
    session = load_session(path, Library.for_session(path, config.library, project_root=ROOT))
    clock = MonotonicClock()
    runner = Runner(session, clock, config.texts(), songbook=())
    app = ShowApp(runner, config, windowed=True, size=(1280, 720), clock=clock)
    times: list[float] = []
    frame = app.frame

    def timed():
        t0 = time.perf_counter()
        out = frame()
        times.append((time.perf_counter() - t0) * 1000.0)
        return out

    app.frame = timed
    result: dict = {}
    load = None
    stop = threading.Event()
    if serve:
        from player.serve import RoomServer
        app.room = RoomServer(ServeSection(enabled=True, port=0, max_clients=100), config.texts(), app.post,
                              clock=clock.now, host="127.0.0.1").start()
        load = subprocess.Popen([sys.executable, "-m", "bench.serve_load", str(app.room.port), app.room.code,
                                 app.room.pin, str(seconds), str(VIEWERS), str(STEP_S)], cwd=ROOT,
                                stdout=subprocess.PIPE, text=True)
    else:
        def pace():
            while not stop.wait(STEP_S):
                app.post(I.Next(at=clock.now()))
        threading.Thread(target=pace, daemon=True).start()
    try:
        app.open()
        app.run(max_frames=int(seconds * app.settings.fps))
    finally:
        stop.set()
        if load is not None:
            out, _ = load.communicate(timeout=seconds + 60)
            result = json.loads(out.strip().splitlines()[-1])
            app.room.stop()
        app.close()          # (not pygame.quit(): the renderer's fonts live on to the next run)
    return times[app.settings.fps:], result        # the first second opens the window


def run() -> dict[str, float]:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    seconds = float(os.environ.get("HELSEKOR_SERVE_SECONDS", 120))
    quiet, _ = _show(seconds, serve=False)
    busy, got = _show(seconds, serve=True)
    lags = got.get("lags", [])
    return {"serve.seconds": seconds, "serve.frame_p99_ms.no_clients": round(_percentile(quiet, 99), 3),
            "serve.frame_p99_ms": round(_percentile(busy, 99), 3),
            "serve.frame_p50_ms.no_clients": round(_percentile(quiet, 50), 3),
            "serve.frame_p50_ms": round(_percentile(busy, 50), 3),
            "serve.lag_ms.p50": round(_percentile(lags, 50), 3), "serve.lag_ms.p95": round(_percentile(lags, 95), 3),
            "serve.lag_ms.max": round(max(lags), 3) if lags else float("nan"),
            "serve.views_delivered": float(got.get("views", 0)), "serve.pages_connected": float(got.get("open", 0)),
            "serve.presses_refused": float(got.get("refused", 0))}
