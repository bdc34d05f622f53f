"""A real planner server (uvicorn on a free port of 127.0.0.1, in a thread) over a copy of a
choir folder, for the API and browser tests."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


class Running:
    def __init__(self, folder: Path):
        import uvicorn

        from player.core.script.config import load_config
        from player.planner import make_app

        self.folder = folder
        self.config = load_config(user_file=None)
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        sock.listen(16)
        self.port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self.server = uvicorn.Server(uvicorn.Config(make_app(folder, self.config), log_level="warning", lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [sock]}, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        assert self.server.started

    def stop(self):
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture
def choir(tmp_path) -> Path:
    """A choir folder with its own sessions/ and songs/ (the built-in library comes with the program)."""
    folder = tmp_path / "kor"
    (folder / "sessions").mkdir(parents=True)
    (folder / "songs").mkdir()
    shutil.copy(ROOT / "sessions" / "demo.yaml", folder / "sessions" / "demo.yaml")
    return folder


@pytest.fixture
def planner(choir):
    running = Running(choir)
    yield running
    running.stop()
