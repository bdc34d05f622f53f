"""The child of tools/console_shots.py: runs the real ShowApp on the X server in DISPLAY over
the demo session (real time: the live backings play MIDI through the built-in synth), steps
through the states and saves the whole X screen for each. Not a module of the program."""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import replace
from pathlib import Path

import pygame

from player.core.model import intents as I
from player.core.script.config import load_config
from player.core.script.library import Library
from player.core.script.loader import load_session
from player.core.show.options import ShowOptions
from player.core.show.runner import Runner
from player.core.time.clock import MonotonicClock
from player.display.pianist_app import ShowApp
from player.display.xvfb import grab_screen
from player.live import LiveBackings

ROOT = Path(__file__).resolve().parent.parent


def main(out: Path, how: str) -> int:
    config = load_config(user_file=None)
    config = replace(config, display=replace(config.display, pianist_window=True, index=0))
    path = ROOT / "sessions" / "demo.yaml"
    session = load_session(path, Library.for_session(path, config.library, project_root=ROOT))
    clock = MonotonicClock()          # the MIDI backing follows the synth's samples: real time
    texts = config.texts(session.language)
    songs = tuple({s.song.id: s.song for s in session.steps if s.kind == "song"}.values())
    backings = LiveBackings(config, clock, lambda text: None)
    runner = Runner(session, clock, texts, backings=backings, options=ShowOptions.from_settings(config),
                    songbook=songs)
    if how == "xvfb":
        os.environ["SDL_VIDEO_WINDOW_POS"] = "0,0"     # the projector window at the left edge
    app = ShowApp(runner, config, windowed=how == "xvfb", size=(1920, 1080), clock=clock)
    app.open()
    if how == "xvfb":          # one wide screen: the console beside the projector window
        app.pianist.window.position = (1920, 0)
    print("displays", pygame.display.get_desktop_sizes(), "console at", app.pianist.window.position,
          app.pianist.size, file=sys.stderr)
    index: dict[str, int] = {}
    for s in session.steps:
        index.setdefault(s.title, s.index)
    shots = []

    def frames(seconds: float, step: float = 1 / 30) -> None:
        end = clock.now() + seconds
        while clock.now() < end:
            app.frame()
            time.sleep(max(0.0, min(step, end - clock.now())))

    def shot(name: str) -> None:
        for _ in range(6):         # X maps windows late: draw again until the picture is on the screen
            app.renderer.invalidate()
            app.pianist.invalidate()
            app.frame()
            time.sleep(0.08)
        file = out / f"{len(shots) + 1:02d}-{name}.png"
        pygame.image.save(grab_screen(os.environ["DISPLAY"]), str(file))
        info = app.console_info()
        snap = app._last_snapshot
        shots.append({"file": file.name, "state": info.state, "console": info.state_text, "scene": snap.scene,
                      "title": snap.title, "notices": list(snap.notices), "overlay": snap.overlay is not None})

    def do(intent, then: float = 0.3) -> None:
        app.post(intent)
        frames(then)

    frames(0.5)
    do(I.GoToStep(index=index["Bjørnen sover"]), 0.4)
    shot("count-in")
    frames(9.0)
    do(I.ToggleGuide(), 0.2)
    shot("playing")
    do(I.StartPause())
    shot("paused")
    do(I.StartPause())
    do(I.Panic())
    shot("panic")
    do(I.StartPause())
    do(I.Blank())
    shot("blank")
    do(I.Blank())
    do(I.Songbook())
    shot("songbook")
    do(I.Songbook())
    do(I.GoToStep(index=index["Pust med armene"]), 3.0)
    shot("breathing")
    do(I.GoToStep(index=index["Klapp etter meg"]), 0.2)
    tl = runner.act.timeline
    frames((tl.count_in_beats + 2 * tl.round_beats + 0.5) * 60 / (runner.act.step.exercise.tempo or 80))
    shot("pulse")
    do(I.GoToStep(index=len(session.steps) - 1), 1.0)
    shot("last-card")
    do(I.Next(), 0.5)
    shot("end-question")
    app.close()
    runner.close()
    backings.close()
    (out / "shots.json").write_text(json.dumps({"server": how, "shots": shots}, ensure_ascii=False, indent=1),
                                    encoding="utf-8")
    print(json.dumps(shots, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), sys.argv[2]))
