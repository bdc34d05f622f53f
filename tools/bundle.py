"""`make bundle`: Helsekor as a one-folder program without Python (PyInstaller), in
dist/helsekor/, then a check that it runs: ``dist/helsekor/helsekor render`` of two steps of the
built-in demo, from a folder outside the repository, with the user's places in a temporary
folder. The content goes where the wheel puts it (player/content/), so the program finds it the
same way (player/core/model/places.py).

    python tools/bundle.py [--no-check]

Built on this machine, the bundle runs on Linux of the same kind; a Windows bundle is built on
Windows the same way (README "A program without Python")."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
NAME = "helsekor"
CONTENT = ("songs", "exercises", "media", "sessions", "config.yaml")


def build() -> Path:
    from PyInstaller.__main__ import run as pyinstaller

    work = ROOT / "build" / "pyinstaller"
    entry = work / "helsekor_main.py"
    work.mkdir(parents=True, exist_ok=True)
    entry.write_text("from player.cli import main\nraise SystemExit(main())\n", encoding="utf-8")
    sep = os.pathsep
    data = [f"{ROOT / name}{sep}player/content/{name if (ROOT / name).is_dir() else ''}".rstrip("/") for name in CONTENT]
    data += [f"{ROOT / 'player' / 'fonts'}{sep}player/fonts", f"{ROOT / 'player' / 'templates'}{sep}player/templates"]
    args = [str(entry), "--name", NAME, "--noconfirm", "--clean", "--onedir", "--console",
            "--distpath", str(DIST), "--workpath", str(work / "build"), "--specpath", str(work),
            "--paths", str(ROOT),
            "--collect-submodules", "player",            # the CLI imports most modules on first use
            "--collect-data", "fontpkg_atkinson_hyperlegible", "--collect-data", "fpdf",
            "--exclude-module", "tkinter", "--exclude-module", "pytest", "--exclude-module", "hypothesis"]
    for item in data:
        args += ["--add-data", item]
    pyinstaller(args)
    return DIST / NAME


def check(folder: Path) -> float:
    """Render two steps of the demo with the bundle; the seconds it took. Raises on failure."""
    program = folder / (NAME + (".exe" if os.name == "nt" else ""))
    with tempfile.TemporaryDirectory(prefix="helsekor-bundle-") as tmp:
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        env.update(HELSEKOR_HOME=str(Path(tmp) / "home"), SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
        out = Path(tmp) / "rehearsal"
        t0 = time.perf_counter()
        done = subprocess.run([str(program), "render", "--steps", "10-11", "--size", "640x360", "--out", str(out)],
                              cwd=tmp, env=env, capture_output=True, text=True, timeout=600)
        seconds = time.perf_counter() - t0
        frames = sorted((out / "frames").glob("*.png")) if (out / "frames").is_dir() else []
        if done.returncode != 0 or not frames or not (out / "timeline.json").is_file():
            raise SystemExit(f"the bundle did not render the demo:\n{done.stdout}\n{done.stderr}")
        print(done.stdout.strip())
        print(f"bundle check: {len(frames)} frames of the demo in {seconds:.1f} s from {program}")
    return seconds


def main(argv: list[str]) -> int:
    t0 = time.perf_counter()
    folder = build()
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 2**20
    print(f"bundle: {folder} ({size:.0f} MB) in {time.perf_counter() - t0:.0f} s")
    if "--no-check" not in argv:
        check(folder)
    shutil.rmtree(ROOT / "build" / "pyinstaller", ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
