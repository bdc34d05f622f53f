"""The app in a window: resize, and a real window under Xvfb."""

import subprocess
import sys

import numpy as np
import pygame
import pytest
from player.core.script.settings import settings_from_plain

from player.core.time.clock import ManualClock
from player.display.app import App
from player.display.examples import ExampleSource
from player.display.xvfb import Xvfb, grab_screen, xvfb_available
from tests.display.helpers import pixels


def test_the_app_redraws_everything_at_the_new_size_after_a_resize(settings):
    clock = ManualClock()
    a = App(ExampleSource(clock, "title"), settings, windowed=True, size=(640, 360), clock=clock)
    try:
        a.open()
        a.frame()
        small = max(p.size for p in a.renderer.placed)
        pygame.display.set_mode((1280, 720), pygame.RESIZABLE)
        pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=(1280, 720), w=1280, h=720))
        rects = a.frame()
        assert rects == [pygame.Rect(0, 0, 1280, 720)]
        assert max(p.size for p in a.renderer.placed) > small       # the room rule scales with the picture
        assert all(pygame.Rect(0, 0, 1280, 720).contains(pygame.Rect(p.rect)) for p in a.renderer.placed)
    finally:
        a.close()


def test_a_missing_display_index_falls_back_to_the_first_with_a_notice(config):
    from player.display.settings import DisplaySettings
    s = DisplaySettings.from_settings(settings_from_plain({**config, "display": {**config["display"], "index": 5}}))
    a = App(ExampleSource(ManualClock(), "title"), s, windowed=True, size=(640, 360), clock=ManualClock())
    try:
        a.open()
        a.frame()
        assert a.display_used == 0
        assert any("Skjerm 6" in p.text for p in a.renderer.placed if p.role == "notice")
    finally:
        a.close()


@pytest.mark.skipif(not xvfb_available(), reason="the Xvfb binary is absent (Debian package xvfb)")
def test_a_real_window_under_xvfb_shows_the_lyrics(settings, tmp_path):
    with Xvfb((1280, 720)) as xv:
        proc = subprocess.Popen([sys.executable, "-m", "player.display.app", "--windowed", "--size", "1280x720",
                                 "--example", "lyrics"], env=xv.env(), stdout=subprocess.PIPE, text=True)
        try:
            line = proc.stdout.readline()
            assert line.startswith("first_frame_epoch"), line
            shot = None
            for _ in range(50):           # the window maps and draws within a few frames
                shot = grab_screen(xv.display)
                if (pixels(shot) == np.array(settings.theme.highlight)).all(axis=2).sum() > 500:
                    break
                subprocess.run(["sleep", "0.1"])
            pygame.image.save(shot, str(tmp_path / "xvfb.png"))
        finally:
            proc.terminate()
            proc.wait(10)
    a = pixels(shot)
    assert shot.get_size() == (1280, 720)
    assert tuple(a[5, 5]) == settings.theme.background
    # the sung word in the highlight colour and the other lines in white/dim are on the X screen
    for colour in (settings.theme.highlight, settings.theme.text, settings.theme.dim):
        assert (a == np.array(colour)).all(axis=2).sum() > 500, colour


def test_a_display_that_points_nowhere_is_an_error_not_an_invisible_show(tmp_path):
    """With DISPLAY set to no X server, SDL quietly falls back to drawing offscreen; the app must
    say so (then `make demo` rehearses without a screen) instead of running where nobody sees."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "SDL_VIDEODRIVER"}
    env.update(DISPLAY=":97531", SDL_AUDIODRIVER="dummy")
    code = ("from player.display.app import App\n"
            "from player.display.examples import ExampleSource\n"
            "from player.core.model.errors import DeviceError\n"
            "try:\n    App(ExampleSource(), {}, windowed=True).open()\n"
            "except DeviceError as err:\n    print('DeviceError:', err)\n")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert "DeviceError: No screen to draw on" in out.stdout, out.stdout + out.stderr


def test_an_event_that_fails_to_handle_leaves_a_notice_and_the_show_goes_on(settings, monkeypatch):
    import pygame

    from player.core.time.clock import ManualClock
    from player.display.app import App
    from player.display.examples import ExampleSource

    app = App(ExampleSource(), settings, windowed=True, size=(320, 180), clock=ManualClock(10.0))
    app.open()
    try:
        def broken(*args, **kwargs):
            raise KeyError("oops")
        monkeypatch.setattr(app.controls, "press", broken)      # a bug in key handling
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RIGHT, mod=0, unicode="", scancode=0))
        app.frame()
        assert any("KeyError" in n for n in app.chrome().notices)
        frames = app.frames
        app.frame()                                              # and the show goes on
        assert app.frames == frames + 1
    finally:
        app.close()
