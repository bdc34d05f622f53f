"""A real X server with two monitors for window tests and screenshots: Xorg with the dummy
driver (Debian ``xserver-xorg-video-dummy``), the second monitor switched on with ``xrandr``
(``x11-xserver-utils``), as a projector and a laptop screen side by side.

Xvfb gives SDL one display per X screen and opens a second window off-screen; under this
server SDL reports two displays (``get_desktop_sizes()`` → the projector, then the laptop),
like a laptop with a projector plugged in. Needs root (Xorg); :func:`xorg_dummy_available`
says whether it can run here. The screen is read with :func:`player.display.xvfb.grab_screen`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from player.core.model.errors import DeviceError
from player.display.xvfb import stop_process, x11_env

__all__ = ["XorgDummy", "xorg_dummy_available"]

DRIVER = Path("/usr/lib/xorg/modules/drivers/dummy_drv.so")

CONF = """Section "ServerFlags"
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
  Modeline "projector" {projector}
EndSection
Section "Screen"
  Identifier "scr0"
  Device "dev0"
  Monitor "mon0"
  DefaultDepth 24
  SubSection "Display"
    Depth 24
    Modes "projector"
    Virtual {width} {height}
  EndSubSection
EndSection
"""


def _modeline(w: int, h: int) -> list[str]:
    """A 60 Hz-ish modeline for ``w``×``h`` (the dummy driver only needs it to be consistent)."""
    ht, vt = w + 280, h + 31
    return [f"{ht * vt * 60 / 1e6:.2f}", str(w), str(w + 72), str(w + 200), str(ht),
            str(h), str(h + 3), str(h + 9), str(vt), "-hsync", "+vsync"]


def xorg_dummy_available() -> bool:
    return bool(shutil.which("Xorg") and shutil.which("xrandr") and DRIVER.exists() and os.geteuid() == 0)


def _free_display() -> int:
    for n in range(60, 100):
        if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
            return n
    raise DeviceError("no free X display number")


class XorgDummy:
    """``with XorgDummy() as x: env = x.env()`` — two monitors, ``projector`` left of ``laptop``."""

    def __init__(self, projector: tuple[int, int] = (1920, 1080), laptop: tuple[int, int] = (1280, 800)):
        self.projector, self.laptop = projector, laptop
        self.proc: subprocess.Popen | None = None
        self.display = ""
        self._dir: tempfile.TemporaryDirectory | None = None

    def __enter__(self) -> "XorgDummy":
        if not xorg_dummy_available():
            raise DeviceError("Xorg with the dummy driver is missing: run `apt-get install "
                              "xserver-xorg-video-dummy x11-xserver-utils` (as root)")
        self._dir = tempfile.TemporaryDirectory()
        folder = Path(self._dir.name)
        (pw, ph), (lw, lh) = self.projector, self.laptop
        (folder / "xorg.conf").write_text(CONF.format(projector=" ".join(_modeline(pw, ph)), width=pw + lw,
                                                      height=max(ph, lh)), encoding="utf-8")
        n = _free_display()
        self.display = f":{n}"
        self.proc = subprocess.Popen(["Xorg", self.display, "-config", str(folder / "xorg.conf"), "-noreset",
                                      "-nolisten", "tcp", "-logfile", str(folder / "xorg.log")],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            self._xrandr_ready()
            for args in (["--newmode", "laptop", *_modeline(lw, lh)], ["--addmode", "DUMMY1", "laptop"],
                         ["--output", "DUMMY1", "--mode", "laptop", "--right-of", "DUMMY0"]):
                self._xrandr(*args)
            # a plain query probes the outputs again: without it SDL (which reads the current
            # resources, no probe) still sees DUMMY1 as disconnected and reports one display
            self._xrandr()
        except Exception:
            self.__exit__()
            raise
        return self

    def _xrandr(self, *args: str) -> None:
        done = subprocess.run(["xrandr", *args], env=dict(os.environ, DISPLAY=self.display), capture_output=True,
                              text=True, timeout=20)
        if done.returncode != 0:
            raise DeviceError(f"xrandr {' '.join(args)}: {done.stderr.strip()}")

    def _xrandr_ready(self, timeout_s: float = 15.0) -> None:
        end = time.monotonic() + timeout_s
        while True:
            try:
                self._xrandr()
                return
            except DeviceError:
                if time.monotonic() > end or (self.proc is not None and self.proc.poll() is not None):
                    raise DeviceError("Xorg (dummy driver) did not start") from None
                time.sleep(0.1)

    def env(self, **extra: str) -> dict[str, str]:
        """Environment for a child process that draws on this server with SDL's X11 driver."""
        return x11_env(self.display, **extra)

    def __exit__(self, *exc) -> None:
        stop_process(self.proc)
        self.proc = None
        if self._dir is not None:
            self._dir.cleanup()
            self._dir = None
