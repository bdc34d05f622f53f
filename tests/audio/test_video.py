"""A clip plays into a pygame window under Xvfb (player.display.xvfb), and the screen shows it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pygame
import pytest

from player.display.xvfb import Xvfb, grab_screen, xvfb_available
from tests.waiting import wait_until

from .media_gen import write_y4m

pytestmark = pytest.mark.usefixtures("bokmal")   # these tests read the messages in bokmål

ROOT = Path(__file__).resolve().parents[2]


def shows_the_clip(screen: np.ndarray) -> bool:
    """The window was filled black by pygame on a black root; the clip is bright grey with a
    dark moving bar."""
    return bool(screen.mean() > 80 and screen.std() > 10)


@pytest.mark.skipif(not xvfb_available(), reason="Xvfb is not installed (Debian: xvfb)")
def test_clip_plays_into_the_window_and_next_ends_it(tmp_path):
    clip = write_y4m(tmp_path / "clip.y4m", frames=40)
    shots: list[np.ndarray] = []

    def clip_on_screen() -> bool:
        shots.append(pygame.surfarray.array3d(grab_screen(x.display)).transpose(1, 0, 2))
        return shows_the_clip(shots[-1])

    with Xvfb((320, 240), black_root=True) as x:
        child = subprocess.Popen([sys.executable, str(Path(__file__).with_name("video_child.py")),
                                  str(clip), str(tmp_path)], stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, text=True, env=x.env(PYTHONPATH=str(ROOT)), cwd=ROOT)
        try:
            first = json.loads(child.stdout.readline())
            wait_until(clip_on_screen, timeout_s=5)      # VLC draws its first frames a moment after "playing"
            child.stdin.write("\n")
            child.stdin.flush()
            second = json.loads(child.stdout.readline())
            child.wait(timeout=20)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
    screen = shots[-1]
    assert first["playing"]
    assert screen.mean() > 80 and screen.std() > 10
    assert second["early"] == []                       # Next (stop) sends no "end"
    assert second["events"] == ["end"]                 # playing out does
    assert second["missing"][0][0] == "error" and "Finner ikke" in second["missing"][0][1]
