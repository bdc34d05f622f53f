"""The command's first step (player/launch.py): a plain `helsekor run` of unchanged files puts
its kept first frame on the screen before argparse, the core or pygame's own package __init__
are loaded; it names the same load and the same cache folder as the command itself, and any
other command line goes the ordinary way."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pygame
import pytest

from player import startcache
from player.cli import build_parser
from player.display import splash
from player.launch import run_options

ROOT = Path(__file__).resolve().parents[1]
ARGV = ["run", "s.yaml", "--windowed", "--restart"]


@pytest.mark.parametrize("argv", [
    ["run", "s.yaml"],
    ["--config", "c.yaml", "run", "s.yaml", "--windowed"],
    ["--language=nb", "run", "--display", "1", "s.yaml", "--restart"],
    ["run", "s.yaml", "--serve", "--port=8000", "--display=0"],
])
def test_a_plain_run_names_the_same_load_and_window_as_the_command(argv):
    options = run_options(argv)
    args = build_parser(formats=False).parse_args(argv)
    assert options is not None
    assert startcache.run_words(options.session, options.config, options.language) == \
        startcache.run_words(args.session, args.config, args.language)
    assert (options.windowed, options.display, options.restart) == (args.windowed, args.display, args.restart)


@pytest.mark.parametrize("argv", [
    ["run"],                                   # the demo, by default: the ordinary way
    ["run", "s.yaml", "--wind"],               # an abbreviation argparse takes
    ["run", "s.yaml", "--config", "c.yaml"],   # a global option after the command: argparse refuses it
    ["--display", "1", "run", "s.yaml"],       # and run's option before it
    ["run", "a.yaml", "b.yaml"], ["run", "s.yaml", "--display", "one"], ["--language", "de", "run", "s.yaml"],
    ["run", "s.yaml", "-h"], ["check", "s.yaml"], ["run", "s.yaml", "--port"], [],
])
def test_anything_else_goes_the_ordinary_way(argv):
    assert run_options(argv) is None


@pytest.mark.parametrize("env", [{"HELSEKOR_HOME": "home"}, {"XDG_CACHE_HOME": "xdg"}, {}])
def test_the_cache_folder_found_without_platformdirs_is_the_users_cache_folder(env, tmp_path, monkeypatch):
    from player.core.model.places import user_places
    for name in ("HELSEKOR_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, str(tmp_path / value))
    assert startcache.cache_folder() == user_places().cache / "start"


def _kept(tmp_path: Path, monkeypatch) -> tuple[Path, dict]:
    """A remembered load of ``s.yaml`` (the settings and the session stand-ins) and its kept
    frame for a windowed --restart run, in this folder; the environment a child needs."""
    monkeypatch.chdir(tmp_path)
    session = tmp_path / "s.yaml"
    session.write_text("version: 1\n", encoding="utf-8")
    monkeypatch.setattr(startcache, "_library", lambda value: set())
    options = run_options(ARGV)
    words = startcache.run_words(options.session, None, None)

    def load():
        session.read_text(encoding="utf-8")
        return SimpleNamespace(state_dir=tmp_path / "state"), SimpleNamespace(path=session)
    startcache.cached(words, load)
    key = startcache.fresh(words)
    assert key is not None
    pygame.display.init()
    frame = pygame.display.set_mode((320, 180), pygame.RESIZABLE)      # the window's own pixels are kept
    frame.fill((10, 20, 30))
    pygame.draw.rect(frame, (250, 200, 0), (40, 30, 100, 60))
    path = splash.frame_file(startcache.folder_name(), key, (True, None))
    assert splash.remember(path, frame, mode=((320, 180), pygame.RESIZABLE, 0), caption="Helsekor",
                           state_file=tmp_path / "state.json")
    pygame.display.quit()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("HELSEKOR_NO_START_CACHE", None)
    return Path(path), env


#: a spy on the moment the frame is flipped: which modules are loaded then, and the picture
SPY = """
import sys
from player.display import splash
seen = {}
put = splash._put
def spy(*args):
    shown = put(*args)
    import pygame
    seen.update(shown=shown, modules=sorted(sys.modules), pixel=list(pygame.display.get_surface().get_at((50, 40)))[:3])
    return shown
splash._put = spy
"""


def _child(code: str, tmp_path: Path, env: dict) -> dict:
    out = subprocess.run([sys.executable, "-c", SPY + code], cwd=tmp_path, env=env, capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def _before_the_frame(modules: list[str]) -> list[str]:
    heavy = ("argparse", "pathlib", "pickle", "typing", "dataclasses", "gettext", "platformdirs", "player.core",
             "player.cli", "player.commands", "pygame.font", "pygame.mixer", "pygame.sprite", "pygame._debug",
             "pygame.pkgdata", "importlib.resources")
    return [m for m in modules if any(m == h or m.startswith(h + ".") for h in heavy)]


def test_python_m_player_cli_run_shows_the_kept_frame_before_argparse_the_core_or_pygames_init(tmp_path, monkeypatch):
    _, env = _kept(tmp_path, monkeypatch)
    code = f"""
import json, runpy
def stop(*args):
    shown = spy(*args)
    print(json.dumps(seen))
    raise SystemExit(0)          # the rest of the show is not this test's
splash._put = stop
sys.argv = ["helsekor", *{ARGV!r}]
runpy.run_module("player.cli", run_name="__main__", alter_sys=True)
"""
    seen = _child(code, tmp_path, env)
    assert seen["shown"] and seen["pixel"] == [250, 200, 0]
    assert "pygame.display" in seen["modules"] and "player.launch" in seen["modules"]
    assert _before_the_frame(seen["modules"]) == []


def test_after_the_kept_frame_pygame_is_whole_and_the_app_draws_on_that_window(tmp_path, monkeypatch):
    _, env = _kept(tmp_path, monkeypatch)
    code = f"""
import json
from player.launch import kept_frame
assert kept_frame({ARGV!r})
import pygame
shown = pygame.display.get_surface()
seen.update(font=hasattr(pygame, "font") and hasattr(pygame, "Font"), fullscreen=pygame.FULLSCREEN)
from player.core.show.snapshot import Snapshot
from player.display.app import App
class Still:
    finished = False
    def handle(self, intent): pass
    def snapshot(self): return Snapshot(scene="blank")
app = App(Still(), windowed=True, size=(320, 180))
app.open()
seen.update(taken=app.surface is shown, after=list(app.surface.get_at((50, 40)))[:3])
print(json.dumps(seen))
"""
    seen = _child(code, tmp_path, env)
    assert seen["shown"] and _before_the_frame(seen["modules"]) == [] and "pygame.image" not in seen["modules"]
    assert seen["font"] and seen["fullscreen"] == pygame.FULLSCREEN      # pygame's own __init__ ran after the frame
    assert seen["taken"] and seen["after"] == [250, 200, 0]              # no second set_mode (that shows black)


def test_a_changed_file_or_a_saved_step_shows_no_kept_frame(tmp_path, monkeypatch):
    path, env = _kept(tmp_path, monkeypatch)
    code = f"""
import json
from player.launch import kept_frame
print(json.dumps({{"resume": kept_frame({ARGV[:-1]!r}), "shown": kept_frame({ARGV!r}), "pygame": "pygame" in sys.modules}}))
"""
    (tmp_path / "state.json").write_text("{}", encoding="utf-8")       # a saved step: without --restart it may resume
    assert _child(code, tmp_path, env) == {"shown": True, "resume": False, "pygame": True}
    (tmp_path / "s.yaml").write_text("version: 1\ntitle: changed\n", encoding="utf-8")
    assert _child(code, tmp_path, env) == {"shown": False, "resume": False, "pygame": False}
    assert path.is_file()


def test_only_the_newest_kept_frames_stay(tmp_path):
    pygame.display.init()
    surface = pygame.display.set_mode((32, 18))
    for n in range(splash.KEEP_FRAMES + 3):
        path = tmp_path / f"{n}.frame"
        assert splash.remember(path, surface, mode=((32, 18), 0, 0), caption="Helsekor", state_file=None)
        os.utime(path, ns=(n * 10**9, n * 10**9))                    # each older than the next
    left = sorted(p.name for p in tmp_path.glob("*.frame"))
    assert len(left) == splash.KEEP_FRAMES and f"{splash.KEEP_FRAMES + 2}.frame" in left and "0.frame" not in left
    pygame.display.quit()


def test_the_launcher_knows_the_languages_the_command_takes():
    from player import launch
    from player.core.model.messages import LANGUAGES
    assert launch._LANGUAGES == LANGUAGES
