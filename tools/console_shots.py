"""Screenshots of the conductor's console beside the projector, in each state of a show.

    python tools/console_shots.py [OUT_DIR]        (default /tmp/work/shots/console)

Starts an X server with two monitors, a 1920×1080 projector and a 1280×800 laptop screen:
Xorg with the dummy driver (Debian ``xserver-xorg-video-dummy``, outputs set with ``xrandr``
from ``x11-xserver-utils``), or, when that is missing, one 3200×1080 Xvfb screen with the two
windows side by side. A child process then runs the real :class:`ShowApp` (projector full
screen on monitor 1, console on monitor 2) over the demo session on a manual clock, steps
through playing, paused, panic, blank, songbook, count-in, breathing, pulse and the last
card, and saves the whole X screen (``XGetImage``) for each as ``NN-state.png``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

XORG_CONF = """
Section "ServerFlags"
  Option "AutoAddDevices" "false"
  Option "AutoAddGPU" "false"
EndSection
Section "Device"
  Identifier "dev0"
  Driver "dummy"
  VideoRam 256000
EndSection
Section "Monitor"
  Identifier "mon0"
  HorizSync 5.0-1000.0
  VertRefresh 5.0-200.0
  Modeline "1920x1080" 148.50 1920 2008 2052 2200 1080 1084 1089 1125 +hsync +vsync
EndSection
Section "Screen"
  Identifier "scr0"
  Device "dev0"
  Monitor "mon0"
  DefaultDepth 24
  SubSection "Display"
    Depth 24
    Modes "1920x1080"
    Virtual 3200 1080
  EndSubSection
EndSection
"""
LAPTOP = ["83.50", "1280", "1352", "1480", "1680", "800", "803", "809", "831", "-hsync", "+vsync"]


def free_display() -> int:
    for n in range(70, 100):
        if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
            return n
    raise SystemExit("no free X display number")


def start_xorg(work: Path):
    """Xorg (dummy driver) with a second monitor right of the first; None when it cannot."""
    if not (shutil.which("Xorg") and shutil.which("xrandr") and Path("/usr/lib/xorg/modules/drivers/dummy_drv.so").exists()):
        return None, ""
    n = free_display()
    (work / "xorg.conf").write_text(XORG_CONF, encoding="utf-8")
    proc = subprocess.Popen(["Xorg", f":{n}", "-config", str(work / "xorg.conf"), "-noreset", "-nolisten", "tcp",
                             "-logfile", str(work / "xorg.log")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    env = dict(os.environ, DISPLAY=f":{n}")
    for _ in range(100):
        if subprocess.run(["xrandr"], env=env, capture_output=True).returncode == 0:
            break
        time.sleep(0.1)
    for args in (["--newmode", "laptop", *LAPTOP], ["--addmode", "DUMMY1", "laptop"],
                 ["--output", "DUMMY1", "--mode", "laptop", "--right-of", "DUMMY0"]):
        subprocess.run(["xrandr", *args], env=env, check=True, capture_output=True)
    # a plain query probes the outputs again: without it SDL (which reads the current
    # resources, no probe) still sees DUMMY1 as disconnected and reports one display
    subprocess.run(["xrandr"], env=env, check=True, capture_output=True)
    return proc, f":{n}"


def start_xvfb():
    n = free_display()
    proc = subprocess.Popen(["Xvfb", f":{n}", "-screen", "0", "3200x1080x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        if Path(f"/tmp/.X11-unix/X{n}").exists():
            break
        time.sleep(0.1)
    return proc, f":{n}"


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/work/shots/console")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        proc, display = start_xorg(Path(tmp))
        how = "xorg-dummy"
        if proc is None:
            proc, display = start_xvfb()
            how = "xvfb"
        try:
            env = dict(os.environ, DISPLAY=display, SDL_VIDEODRIVER="x11", SDL_AUDIODRIVER="dummy",
                       SDL_FRAMEBUFFER_ACCELERATION="0", PYTHONPATH=str(ROOT))
            code = subprocess.run([sys.executable, str(ROOT / "tools" / "console_shots_child.py"), str(out), how],
                                  env=env, cwd=str(ROOT), timeout=300).returncode
        finally:
            proc.terminate()
            proc.wait(10)
    return code


if __name__ == "__main__":
    sys.exit(main())
