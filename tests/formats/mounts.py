"""A fixture for real small file systems: a tmpfs of a given size, read-only if asked
(needs root and mount; a test that uses it is skipped with the reason otherwise)."""

import subprocess
from pathlib import Path

import pytest

__all__ = ["small_fs", "remount"]


def remount(where: Path, read_only: bool) -> None:
    """Turn the mounted ``where`` read-only (or writable again), as a disk that fails mid-show."""
    subprocess.run(["mount", "-o", "remount," + ("ro" if read_only else "rw"), str(where)], check=True,
                   capture_output=True)


@pytest.fixture
def small_fs(tmp_path):
    """``mount(size, read_only)`` → a fresh tmpfs folder; unmounted afterwards."""
    mounted: list[Path] = []

    def mount(size: str = "64k", read_only: bool = False) -> Path:
        where = tmp_path / f"fs{len(mounted)}"
        where.mkdir()
        opts = f"size={size}" + (",ro" if read_only else "")
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(where)], capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip()}); the test needs root and mount")
        mounted.append(where)
        return where

    yield mount
    for where in reversed(mounted):
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


