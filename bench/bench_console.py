"""Cost of the conductor's console per frame: ``console_info`` (the run sheet, the section with
chords, notes, notices, read from a real runner over the demo session) and a full redraw of the
console at 1280×800 and 1366×768, while a song plays on a manual clock at 30 frames a second.
The console window redraws whenever the snapshot changed, which is every frame while the beat
moves. Headless (dummy driver, a plain Surface). Figures in milliseconds."""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

FRAMES = 300
ROOT = Path(__file__).resolve().parent.parent


def _percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q / 100 * (len(values) - 1)))]


def run() -> dict[str, float]:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    from player.core.model import intents as I
    from player.core.script.config import load_config
    from player.core.script.library import Library
    from player.core.script.loader import load_session
    from player.core.show.console import ConsoleRecord, console_info
    from player.core.show.runner import Runner
    from player.core.time.clock import ManualClock
    from player.display.console import ConsoleView, console_key

    pygame.display.init()
    pygame.font.init()
    config = load_config(user_file=None)
    path = ROOT / "sessions" / "demo.yaml"
    session = load_session(path, Library.for_session(path, config.library, project_root=ROOT))
    texts = config.texts(session.language)
    out: dict[str, float] = {}
    for size in ((1280, 800), (1366, 768)):
        clock = ManualClock()
        runner = Runner(session, clock, texts)
        record = ConsoleRecord()
        view = ConsoleView(texts)
        surface = pygame.Surface(size)
        song = next(s.index for s in session.steps if s.kind == "song")
        runner.handle(I.GoToStep(index=song))
        info_ms, draw_ms, redraws, last = [], [], 0, None
        for k in range(FRAMES):
            clock.advance(1 / 30)
            if k % 60 == 59:
                runner.handle(I.Next())         # by hand: a new line every 2 s
            runner.tick()
            snap = runner.snapshot()
            record.observe(clock.now(), snap)
            t0 = time.perf_counter()
            info = console_info(runner, record, snap, clock.now())
            t1 = time.perf_counter()
            view.draw(surface, snap, info)
            t2 = time.perf_counter()
            shown = (console_key(snap), info)
            redraws += shown != last                # what the console window would redraw
            last = shown
            info_ms.append((t1 - t0) * 1000)
            draw_ms.append((t2 - t1) * 1000)
        runner.close()
        key = f"console.{size[0]}x{size[1]}"
        out[f"{key}.info.median_ms"] = round(statistics.median(info_ms), 3)
        out[f"{key}.info.p99_ms"] = round(_percentile(info_ms, 99), 3)
        out[f"{key}.draw.median_ms"] = round(statistics.median(draw_ms), 3)
        out[f"{key}.draw.p99_ms"] = round(_percentile(draw_ms, 99), 3)
        out[f"{key}.redraws_per_s"] = round(redraws / (FRAMES / 30), 2)
    return out


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name}: {value}")
