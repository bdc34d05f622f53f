"""A clip plays into a pygame window under Xvfb (started here), and the screen shows it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from .media_gen import write_y4m

ROOT = Path(__file__).resolve().parents[2]


def read_xwd(path: Path) -> np.ndarray:
    """The screen Xvfb keeps in an XWD file (-fbdir): 32-bit pixels, as an (h, w, 4) array."""
    data = path.read_bytes()
    hdr = np.frombuffer(data[:100], ">u4")
    header_size, width, height, bytes_per_line, ncolors = hdr[0], hdr[4], hdr[5], hdr[12], hdr[19]
    start = int(header_size + ncolors * 12)
    px = np.frombuffer(data[start:start + int(bytes_per_line * height)], np.uint8)
    return px.reshape(int(height), int(bytes_per_line))[:, : int(width) * 4].reshape(int(height), int(width), 4)


@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb is not installed (Debian: xvfb)")
def test_clip_plays_into_the_window_and_next_ends_it(tmp_path):
    clip = write_y4m(tmp_path / "clip.y4m", frames=40)
    display = f":{90 + os.getpid() % 100}"
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "320x240x24", "-br", "-fbdir", str(tmp_path),
                             "-nolisten", "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        fb = tmp_path / "Xvfb_screen0"
        for _ in range(100):
            if fb.exists():
                break
            time.sleep(0.05)
        env = dict(os.environ, DISPLAY=display, PYTHONPATH=str(ROOT))
        child = subprocess.Popen([sys.executable, str(Path(__file__).with_name("video_child.py")),
                                  str(clip), str(tmp_path)], stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
        first = json.loads(child.stdout.readline())
        screen = read_xwd(fb)[:, :, :3]
        child.stdin.write("\n")
        child.stdin.flush()
        second = json.loads(child.stdout.readline())
        child.wait(timeout=20)
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=5)
    assert first["playing"]
    # the window was filled black by pygame; the clip is bright grey with a dark moving bar
    assert screen.mean() > 80 and screen.std() > 10
    assert second["early"] == []                       # Next (stop) sends no "end"
    assert second["events"] == ["end"]                 # playing out does
    assert second["missing"][0][0] == "error" and "Finner ikke" in second["missing"][0][1]
