"""On a real two-monitor X server (Xorg's dummy driver: a 1920×1080 projector and a 1280×800
laptop screen) the console opens by itself on the laptop screen, whole: its state band reaches
the right edge and its bottom row of buttons is on the screen (the old pianist window at +40 px
lost its right and bottom 40 px there). The projector keeps its own screen."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from player.display.console_layout import STATE_COLOURS, console_layout
from player.display.xorgdummy import XorgDummy, xorg_dummy_available
from player.display.xvfb import grab_screen

from .helpers import pixels

CHILD = r"""
import sys
sys.path.insert(0, {root!r})
import pygame
from player.core.script.settings import settings_from_plain
from player.display.examples import ExampleSource
from player.display.pianist_app import ShowApp
app = ShowApp(ExampleSource(), settings_from_plain({{}}), windowed=False)
app.open()
print("opened", pygame.display.get_desktop_sizes(), tuple(app.pianist.window.position), app.pianist.size, flush=True)
for line in sys.stdin:
    app.renderer.invalidate(); app.pianist.invalidate(); app.frame()
    print("drawn", flush=True)
app.close()
"""


@pytest.mark.skipif(not xorg_dummy_available(),
                    reason="needs root and Xorg's dummy driver (apt-get install xserver-xorg-video-dummy x11-xserver-utils)")
def test_the_console_opens_whole_on_the_laptop_screen_beside_the_projector(tmp_path):
    from tests.conftest import ROOT
    from tests.waiting import wait_until

    lay = console_layout((1280, 800))
    band = STATE_COLOURS["playing"][0]
    panic = next(rect for action, rect in lay.buttons if action == "panic")
    last = lay.buttons[-1][1]
    shots = []

    def console_shown() -> bool:
        child.stdin.write("draw\n")
        child.stdin.flush()
        assert child.stdout.readline().strip() == "drawn", child.stderr.read()
        shots.append(grab_screen(x.display))
        top_right = pixels(shots[-1], (1920 + 1280 - 6, 2, 4, 4))
        button = pixels(shots[-1], (1920 + panic[0] + 4, panic[1] + 4, 4, 4))
        return bool((top_right == band).all() and (button == STATE_COLOURS["panic"][0]).all())

    with XorgDummy((1920, 1080), (1280, 800)) as x:
        child = subprocess.Popen([sys.executable, "-c", CHILD.format(root=str(ROOT))],
                                 env=x.env(SDL_AUDIODRIVER="dummy"), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True, cwd=str(ROOT))
        try:
            opened = child.stdout.readline()
            assert opened.startswith("opened"), child.stderr.read()
            assert "(1920, 1080), (1280, 800)" in opened and "(1920, 0) (1280, 800)" in opened, opened
            assert wait_until(console_shown, timeout_s=15, interval_s=0.05)
        finally:
            child.stdin.close()
            child.wait(15)
    screen = shots[-1]
    import pygame
    pygame.image.save(screen, str(tmp_path / "two-screens.png"))
    # the last button's frame is on the screen: the bottom row is whole
    frame = pixels(screen, (1920 + last[0], last[1] + last[3] - 2, last[2], 2)).astype(int)
    assert np.abs(frame - pixels(screen, (1920 + last[0], last[1] + last[3] + 2, last[2], 2)).astype(int)).max() > 30
    # the projector screen shows the participants' view, not the console
    assert not (pixels(screen, (0, 0, 1920, 80)) == band).all(axis=2).any()
