"""Installing as a user does (tests/install/installing.py): the wheel's size, the installed
size (the venv with every dependency, and Helsekor's own package), the time of ``pip install``
of the wheel into a fresh venv (dependencies through pip's cache), and from the start of
``pip install`` to the first rendered frame of the demo (pip's time plus the time from the start
of ``helsekor render --steps 1`` to its first PNG written). Figures only, never judged."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from tests.install.installing import build, copy_source, install, tree_size

__all__ = ["run"]


def run() -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="helsekor-install-") as tmp:
        folder = Path(tmp)
        wheel, sdist = build(copy_source(folder / "src"), folder / "dist")
        installed = install(wheel, folder / "user")
        out = folder / "r"
        start = time.time()
        t0 = time.perf_counter()
        done = installed.helsekor("render", "--steps", "1", "--out", str(out), cwd=folder)
        render_s = time.perf_counter() - t0
        if done.returncode != 0:
            raise RuntimeError(done.stderr)
        first = min(p.stat().st_mtime for p in (out / "frames").glob("*.png"))
        site = next(installed.venv.glob("lib/python3*/site-packages"))
        return {
            "install.wheel_kb": wheel.stat().st_size / 1024,
            "install.sdist_kb": sdist.stat().st_size / 1024,
            "install.venv_mb": tree_size(installed.venv) / 2**20,
            "install.package_mb": tree_size(site / "player") / 2**20,
            "install.pip_install_s": installed.seconds,
            "install.first_render_s": render_s,
            "install.to_first_frame_s": installed.seconds + (first - start),   # from the start of pip install
        }
