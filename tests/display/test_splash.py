"""The remembered first frame (player/display/splash.py): kept after the first frame, shown by
the next start before the program's classes are imported, the app draws on that same window,
and it is not shown when the show may resume elsewhere or the files changed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pygame
import pytest

from player.display import splash
from player.display.app import App

ROOT = Path(__file__).resolve().parents[2]


class _Still:
    finished = False

    def handle(self, intent) -> None:
        pass

    def snapshot(self):
        from player.core.show.snapshot import Snapshot
        return Snapshot(scene="blank")


def _kept(tmp_path: Path) -> tuple[Path, App]:
    """A frame drawn by the app in a window, kept in a file (the write run in place)."""
    app = App(_Still(), windowed=True, size=(320, 180))
    app.open()
    app.surface.fill((10, 20, 30))
    pygame.draw.rect(app.surface, (250, 200, 0), (40, 30, 100, 60))
    path = tmp_path / "frame"
    assert splash.remember(path, app.surface, mode=app.mode, caption=app.caption, state_file=tmp_path / "state.json")
    assert not splash.remember(path, app.surface, mode=app.mode, caption=app.caption, state_file=None)   # kept once
    pygame.display.quit()
    return path, app


def test_the_kept_first_frame_is_shown_and_the_app_draws_on_that_window(tmp_path):
    path, app = _kept(tmp_path)
    assert splash.show(path)
    shown = pygame.display.get_surface()
    assert shown.get_size() == (320, 180)
    assert shown.get_at((50, 40))[:3] == (250, 200, 0) and shown.get_at((5, 5))[:3] == (10, 20, 30)
    again = App(_Still(), windowed=True, size=(320, 180))
    again.open()
    assert again.surface is shown                     # taken over: no new set_mode (that shows black)
    assert again.surface.get_at((50, 40))[:3] == (250, 200, 0)
    pygame.display.quit()


def test_a_show_that_may_resume_elsewhere_shows_no_kept_frame(tmp_path):
    path, _ = _kept(tmp_path)
    (tmp_path / "state.json").write_text("{}")        # a saved step: the show may start at it
    assert not splash.show(path)
    assert not pygame.display.get_init() or pygame.display.get_surface() is None
    assert splash.show(path, restart=True)            # --restart starts at the first step
    pygame.display.quit()


def test_another_window_or_a_broken_file_shows_nothing(tmp_path):
    path, _ = _kept(tmp_path)
    other = App(_Still(), windowed=True, size=(400, 300))
    assert splash.show(path)
    other.open()
    assert other.surface.get_size() == (400, 300)     # another mode: the app opened its own
    pygame.display.quit()
    path.write_bytes(b"not a frame")
    assert not splash.show(path)
    assert not splash.show(tmp_path / "missing")


def test_fresh_names_the_remembered_load_only_while_its_files_are_unchanged(tmp_path, monkeypatch):
    from player import startcache
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("HELSEKOR_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("HELSEKOR_NO_START_CACHE", raising=False)
    read = tmp_path / "read.txt"
    read.write_text("one")

    def load():
        read.read_text()
        return SimpleNamespace(state_dir=tmp_path / "state"), SimpleNamespace(path=tmp_path / "s.yaml")
    monkeypatch.setattr(startcache, "_library", lambda value: set())
    words = ("run", "test-fresh")
    assert startcache.fresh(words) is None
    startcache.cached(words, load)
    assert startcache.fresh(words) == startcache.key_of(words)
    st = read.stat()
    os.utime(read, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000))
    assert startcache.fresh(words) is None


def test_the_first_frame_path_imports_none_of_the_models_classes_or_the_scenes():
    code = ("import sys; sys.argv = ['helsekor']; import player.cli, player.startcache, player.display.splash; "
            "print(sorted(m for m in sys.modules if m.startswith(('player.core.model.data', 'player.core.model.intents', "
            "'player.core.show', 'player.display.renderer', 'player.display.scenes', 'player.show', 'yaml', 'numpy'))))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                         env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


@pytest.fixture(autouse=True)
def _closed():
    yield
    pygame.display.quit()
