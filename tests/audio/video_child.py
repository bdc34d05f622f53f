"""Run in a child process on an Xvfb display: open a pygame window, play a clip into it
through VideoPlayer, stop it early, and print what happened as JSON on stdout.

Every wait is for a condition with a deadline: the clip playing, the parent's line on stdin
(it has seen the clip on the X screen), the "end" event."""

import json
import os
import sys

os.environ["SDL_VIDEODRIVER"] = "x11"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

from player.audio.video import VideoPlayer  # noqa: E402
from player.audio.vlcengine import VlcEngine  # noqa: E402
from tests.waiting import wait_until  # noqa: E402

clip, shot_dir = sys.argv[1], sys.argv[2]
pygame.display.init()
screen = pygame.display.set_mode((320, 240))
screen.fill((0, 0, 0))
pygame.display.flip()
handle = pygame.display.get_wm_info()["window"]
with VlcEngine("adummy") as eng:
    video = VideoPlayer(handle, eng)
    video.play(clip)
    wait_until(video.playing, timeout_s=5)
    pygame.event.pump()
    print(json.dumps({"playing": video.playing(), "window": int(handle)}), flush=True)
    input()                                  # the parent has grabbed the screen showing the clip
    video.stop()
    early = [e.kind for e in video.poll()]
    video.play(clip)                         # play to the end: an "end" event arrives
    events = []

    def ended() -> bool:
        events.extend(e.kind for e in video.poll())
        return "end" in events

    wait_until(ended, timeout_s=8, interval_s=0.05)
    video.play(os.path.join(shot_dir, "missing.mp4"))
    missing = video.poll()
    print(json.dumps({"early": early, "events": events,
                      "missing": [(e.kind, e.message) for e in missing]}), flush=True)
    video.close()
