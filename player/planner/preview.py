"""A step's projector frame as a PNG, drawn by the show's own renderer from the snapshot the
show's own runner makes (on a simulated clock, silent backings, as the headless rehearsal)."""

from __future__ import annotations

import io
import os

from player.core.model.data import Session
from player.core.model.settings import Settings
from player.core.show.options import ShowOptions
from player.core.show.runner import Runner
from player.core.time.clock import ManualClock
from player.render import RehearsalBackings

__all__ = ["step_png"]

#: how far into a step the preview looks for its first sung line (seconds of the simulated clock)
LOOK_AHEAD = 12.0


def step_png(session: Session, index: int, config: Settings, size: tuple[int, int] = (960, 540)) -> bytes:
    """The PNG of step ``index`` (0-based) as the room would see it near its start."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    from player.display.renderer import Renderer, render_to_surface, settings_of

    texts = config.texts(session.language)
    clock = ManualClock()
    notices: list[str] = []
    backings = RehearsalBackings(clock, config.midi.count_in_bars, notices.append, texts)
    runner = Runner(session, clock, texts, backings=backings, start_index=index, on_notice=notices.append,
                    options=ShowOptions.from_settings(config, count_in_bars=config.midi.count_in_bars))
    try:
        runner.tick()
        snap = runner.snapshot()
        while not snap.lines and session.steps[index].song is not None and clock.now() < LOOK_AHEAD \
                and runner.index == index and not runner.finished:
            clock.advance(0.25)
            runner.tick()
            snap = runner.snapshot()
        surface = render_to_surface(snap, size, renderer=Renderer(settings_of(config)))
    finally:
        runner.close()
    out = io.BytesIO()
    pygame.image.save(surface, out, "png")
    return out.getvalue()
