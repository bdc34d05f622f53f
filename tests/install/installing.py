"""Build the package as a user gets it and install it where a user would: a copy of the
repository's files (what a fresh clone holds: tracked and new files, not what .gitignore
leaves out) → sdist and wheel (``python -m build``: the wheel is built from the sdist) → a fresh
virtual environment in a temporary folder outside the clone → the ``helsekor`` command there.
Used by tests/install/test_wheel.py and bench/bench_install.py."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ROOT", "source_files", "copy_source", "build", "Installed", "install", "tree_size"]

ROOT = Path(__file__).resolve().parents[2]
#: left out when the repository is no git checkout (a copy): what .gitignore leaves out
IGNORED = shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.egg-info", "build", "dist", "out",
                                 ".pytest_cache", ".hypothesis", "bench-results.json", "state", "logs",
                                 "config.local.yaml", ".pytest-watchdog.log")


def source_files(root: Path = ROOT) -> list[str] | None:
    """The files a clone of the working state holds (tracked and untracked, not ignored)."""
    try:
        out = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=root,
                             capture_output=True, check=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return [name for name in out.decode("utf-8").split("\0") if name and (root / name).is_file()]


def copy_source(dest: Path, root: Path = ROOT) -> Path:
    names = source_files(root)
    if names is None:
        shutil.copytree(root, dest, ignore=IGNORED)
        return dest
    for name in names:
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, target)
    return dest


def build(source: Path, outdir: Path) -> tuple[Path, Path]:
    """(wheel, sdist) built by ``python -m build`` (isolated: hatchling comes from PyPI)."""
    run = subprocess.run([sys.executable, "-m", "build", "--outdir", str(outdir), str(source)],
                         capture_output=True, text=True, timeout=600, env=_env())
    if run.returncode != 0:
        raise AssertionError(f"python -m build failed:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}")
    [wheel] = outdir.glob("*.whl")
    [sdist] = outdir.glob("*.tar.gz")
    return wheel, sdist


@dataclass
class Installed:
    venv: Path
    home: Path                  # HELSEKOR_HOME: the user's places of this install
    seconds: float              # pip install, wall time

    @property
    def bin(self) -> Path:
        return self.venv / ("Scripts" if os.name == "nt" else "bin")

    def env(self) -> dict[str, str]:
        return _env(HELSEKOR_HOME=str(self.home), SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy",
                    PYGAME_HIDE_SUPPORT_PROMPT="1", PATH=f"{self.bin}{os.pathsep}{os.environ.get('PATH', '')}")

    def helsekor(self, *args: str, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess:
        return subprocess.run([str(self.bin / "helsekor"), *args], cwd=cwd, capture_output=True, text=True,
                              timeout=timeout, env=self.env())

    def python(self, code: str, cwd: Path) -> str:
        return subprocess.run([str(self.bin / "python"), "-c", code], cwd=cwd, capture_output=True, text=True,
                              timeout=120, env=self.env(), check=True).stdout


def install(wheel: Path, folder: Path) -> Installed:
    """A fresh venv in ``folder`` with the wheel installed (its dependencies from PyPI, through
    pip's cache)."""
    venv = folder / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300, env=_env())
    done = Installed(venv, folder / "home", 0.0)
    t0 = time.perf_counter()
    run = subprocess.run([str(done.bin / "python"), "-m", "pip", "install", "-q", str(wheel)],
                         capture_output=True, text=True, timeout=900, env=_env())
    done.seconds = time.perf_counter() - t0
    if run.returncode != 0:
        raise AssertionError(f"pip install failed:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}")
    return done


def tree_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _env(**extra: str) -> dict[str, str]:
    """The environment without this checkout in it (no PYTHONPATH, no venv of ours)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env.update(extra)
    return env
