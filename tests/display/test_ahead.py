"""The next step's first frame is drawn ahead, off the screen (player/display/ahead.py): before
Next is pressed its text is in the show's text cache and its pictogram is scaled, so the frame
after Next renders nothing new. Mechanisms only: the timings are in bench/bench_live.py."""

from __future__ import annotations

from pathlib import Path

from player.core.model import intents as I
from player.core.script.config import load_config
from player.core.script.library import Library
from player.core.script.loader import load_session
from player.core.show.runner import Runner
from player.core.time.clock import MonotonicClock
from player.display.ahead import Ahead, preview
from player.display.app import App
from player.display.scenes import cards
from player.display.text import TextCache
from player.show import AHEAD_AFTER_FRAMES, LiveSource

ROOT = Path(__file__).resolve().parents[2]


class _Quiet:
    """The live backings' calls LiveSource makes, doing nothing (no device here)."""

    holding = False

    def warm_up(self): pass
    def between_frames(self): pass
    def prepare(self, step): pass
    def check(self): pass


def _show():
    path = ROOT / "sessions" / "demo.yaml"
    session = load_session(path, Library.for_session(path, ()))
    config = load_config(user_file=None)
    clock = MonotonicClock()
    runner = Runner(session, clock, config.texts(session.language))
    source = LiveSource(runner, _Quiet(), clock)
    app = App(source, config, windowed=True, size=(480, 270), clock=clock, after_frame=source.after_frame)
    ahead = Ahead(app.renderer)
    source.ahead = lambda i: ahead.start(runner, i, app.surface.get_size())     # as player/show.py wires it
    source.ahead_step = ahead.step
    return runner, app, ahead


def _drawn_ahead(app, ahead, index: int, most: int = 200) -> None:
    """Frames until step ``index`` was drawn ahead (a slice a frame)."""
    for _ in range(most):
        if ahead.prepared and ahead.prepared[-1] == index:
            return
        app.run(max_frames=app.frames + 1)
    raise AssertionError(f"step {index + 1} was not drawn ahead in {most} frames")


def test_the_frame_after_next_renders_no_new_text_its_step_was_drawn_ahead():
    runner, app, ahead = _show()
    try:
        app.run(max_frames=AHEAD_AFTER_FRAMES + 2)
        for index in range(1, 8):                     # cards, pictograms, breathing, a pulse, lyrics
            _drawn_ahead(app, ahead, index)
            misses = app.renderer.cache.misses
            runner.handle(I.Next())
            app.run(max_frames=app.frames + 1)
            assert runner.index == index
            new = app.renderer.cache.misses - misses
            # (the pulse's beat digit is the time's: it may be one the preview did not show)
            assert new <= (1 if runner.snapshot().scene == "pulse" else 0), \
                f"the frame into step {index + 1} rendered {new} new texts"
            app.run(max_frames=app.frames + AHEAD_AFTER_FRAMES + 1)
    finally:
        runner.close()
        app.close()


def test_a_pictogram_is_scaled_before_its_step_is_shown():
    runner, app, ahead = _show()
    try:
        app.run(max_frames=1)
        step = next(i for i, s in enumerate(runner.session.steps) if preview(runner, i).picture)
        cards._PICTURES.clear()
        assert ahead.prepare(runner, step, app.surface.get_size())
        assert any(key[0] == str(preview(runner, step).picture) for key in cards._PICTURES)
        assert runner.index == 0                      # nothing of the show moved
    finally:
        runner.close()
        app.close()


def test_past_the_end_there_is_nothing_to_draw_ahead():
    runner, app, ahead = _show()
    try:
        app.run(max_frames=1)
        assert preview(runner, len(runner.session.steps)) is None
        assert not ahead.prepare(runner, len(runner.session.steps), (480, 270))
    finally:
        runner.close()
        app.close()


def test_next_copies_the_frame_drawn_ahead_and_it_is_the_picture_a_full_redraw_makes():
    import pygame

    from player.display.renderer import Renderer
    runner, app, ahead = _show()
    try:
        app.run(max_frames=AHEAD_AFTER_FRAMES + 2)
        copied = 0
        for index in range(1, 8):                     # cards, pictograms, breathing, a pulse, lyrics
            _drawn_ahead(app, ahead, index)
            adopted = app.renderer.adopted
            runner.handle(I.Next())
            app.run(max_frames=app.frames + 1)
            copied += app.renderer.adopted - adopted
            # the frame on the screen is the one a renderer of its own draws from the same snapshot
            fresh = pygame.Surface(app.surface.get_size())
            Renderer(app.settings).draw(fresh, app._last_snapshot, app.chrome())
            assert pygame.image.tobytes(app.surface, "RGB") == pygame.image.tobytes(fresh, "RGB"), \
                f"the frame into step {index + 1} differs from a full redraw"
            app.run(max_frames=app.frames + AHEAD_AFTER_FRAMES + 1)
        assert copied >= 6, f"only {copied} of 7 steps took the frame drawn ahead"
    finally:
        runner.close()
        app.close()


def test_a_frame_drawn_ahead_is_not_taken_when_a_notice_covers_the_new_step():
    runner, app, ahead = _show()
    try:
        app.run(max_frames=AHEAD_AFTER_FRAMES + 2)
        _drawn_ahead(app, ahead, 1)
        app.notice("Synthen svarer ikke")              # the app's own strip: part of the static picture
        adopted = app.renderer.adopted
        runner.handle(I.Next())
        app.run(max_frames=app.frames + 1)
        assert app.renderer.adopted == adopted and app.renderer.placed   # drawn in full, as before
        assert any("Synthen" in p.text for p in app.renderer.placed)
    finally:
        runner.close()
        app.close()


def test_drawing_ahead_renders_one_text_a_frame_and_the_frame_is_offered_after_the_last():
    runner, app, ahead = _show()
    try:
        app.run(max_frames=1)
        app.renderer.cache = ahead.shadow.cache = TextCache(app.renderer.fonts)   # nothing rendered yet
        cache = app.renderer.cache
        assert ahead.start(runner, 1, app.surface.get_size())
        assert cache.misses == 0                       # laid out, every text it lacks only noted
        slices = 0
        while True:
            misses = cache.misses
            more = ahead.step()
            assert cache.misses - misses <= 1, "a slice rendered more than one text"
            slices += 1
            if not more:
                break
        assert slices >= 3 and ahead.prepared[-1] == 1 and app.renderer.prepared is ahead.shadow
        misses = cache.misses
        runner.handle(I.Next())
        app.run(max_frames=app.frames + 1)
        assert cache.misses == misses and app.renderer.adopted == 1      # Next: the frame copied
    finally:
        runner.close()
        app.close()
