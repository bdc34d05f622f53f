"""Screenshots of the conductor's console beside the projector, in each state of a show.

    python tools/console_shots.py [OUT_DIR] [--xvfb]    (default /tmp/work/shots/console)

Starts an X server with two monitors, a 1920×1080 projector and a 1280×800 laptop screen
(:class:`player.display.xorgdummy.XorgDummy`: Xorg's dummy driver, needs root), or, when that
cannot run, one 3200×1080 Xvfb screen with the two windows side by side. A child process
(tools/console_shots_child.py) then runs the real ShowApp (projector full screen on the first
monitor, console on the second) over the demo session in real time (about a minute), steps through count-in,
playing, paused, panic, blank, songbook, breathing, pulse, the last card and the question before
the end, and saves the whole X screen for each as ``NN-state.png`` (plus ``shots.json``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from player.display.xorgdummy import XorgDummy, xorg_dummy_available  # noqa: E402
from player.display.xvfb import Xvfb  # noqa: E402


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    out = Path(args[0] if args else "/tmp/work/shots/console")
    out.mkdir(parents=True, exist_ok=True)
    how = "xorg-dummy" if xorg_dummy_available() and "--xvfb" not in sys.argv else "xvfb"
    with (XorgDummy() if how == "xorg-dummy" else Xvfb((3200, 1080))) as x:
        env = x.env(SDL_AUDIODRIVER="dummy", PYTHONPATH=str(ROOT))
        env.pop("SDL_VIDEO_MINIMIZE_ON_FOCUS_LOSS", None)
        return subprocess.run([sys.executable, str(ROOT / "tools" / "console_shots_child.py"), str(out), how],
                              env=env, cwd=str(ROOT), timeout=300).returncode


if __name__ == "__main__":
    sys.exit(main())
