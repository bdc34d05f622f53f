"""Shared test set-up: no screen and no sound card here, so SDL uses its dummy drivers; every
test runs under a time limit (pytest-timeout, from pyproject.toml) and, behind it, a
faulthandler watchdog that needs no interpreter lock: a thread that holds the GIL while it
waits on a native lock (the quit deadlock of SDL's audio callback) cannot stop pytest-timeout's
signal handler, but this one still dumps every thread's stack and ends the run. pytest
captures file descriptor 2 and loses it when the process exits from the watchdog, so the
stacks go to WATCHDOG_LOG, which `make test` prints when the run fails."""

import faulthandler
import os
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
# the user's places (settings, saved step, logs, cache: player/core/model/places.py) under one
# folder of this run, for this process and every child it starts: no test writes into the real
# user folders, and a developer's own ~/.config/helsekor/config.yaml changes no test
import atexit  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402

if "HELSEKOR_HOME" not in os.environ:
    os.environ["HELSEKOR_HOME"] = tempfile.mkdtemp(prefix="helsekor-home-")
    atexit.register(shutil.rmtree, os.environ["HELSEKOR_HOME"], True)

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
HARD_LIMIT_MARGIN_S = float(os.environ.get("HELSEKOR_TEST_HARD_MARGIN_S", 30))
WATCHDOG_LOG = ROOT / ".pytest-watchdog.log"
_watchdog_file = open(WATCHDOG_LOG, "w", encoding="utf-8")   # noqa: SIM115 - open for the whole run


@pytest.fixture(autouse=True)
def _hard_time_limit(request):
    """Past the test's own limit plus a margin, dump every stack and exit (a native deadlock)."""
    marker = request.node.get_closest_marker("timeout")
    limit = float(marker.args[0]) if marker and marker.args else float(request.config.getini("timeout") or 90)
    _watchdog_file.write(f"watchdog armed for {request.node.nodeid}\n")
    _watchdog_file.flush()
    faulthandler.dump_traceback_later(limit + HARD_LIMIT_MARGIN_S, exit=True, file=_watchdog_file)
    yield
    faulthandler.cancel_dump_traceback_later()


@pytest.fixture
def root() -> Path:
    """The project's top folder (songs/, exercises/, sessions/, config.yaml)."""
    return ROOT


@pytest.fixture(scope="session")
def demo_rehearsal(tmp_path_factory):
    """The demo session rendered headless once per run (about 12 s): the rendering's folder,
    its timeline.json, and audio.wav as mono samples with their rate."""
    import json

    from player import cli
    from tests.onsets import read_mono

    out = tmp_path_factory.mktemp("demo")
    assert cli.main(["render", str(ROOT / "sessions" / "demo.yaml"), "--out", str(out), "--size", "480x270"]) == 0
    timeline = json.loads((out / "timeline.json").read_text(encoding="utf-8"))
    audio, sr = read_mono(out / "audio.wav")
    return out, timeline, audio, sr
