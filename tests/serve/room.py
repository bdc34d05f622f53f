"""Real clients of the room's server over real HTTP (http.client, one connection each), and a
real show with ``--serve`` in its own process on the dummy drivers, for the tests and the
bench (bench/bench_serve.py)."""

from __future__ import annotations

import http.client
import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class Client:
    """One page: its own token, its own connections."""

    def __init__(self, port: int, host: str = "127.0.0.1"):
        self.port, self.host, self.token = port, host, ""

    def call(self, method: str, path: str, body=None, headers=None) -> tuple[int, dict]:
        c = http.client.HTTPConnection(self.host, self.port, timeout=10)
        try:
            head = {"Content-Type": "application/json", "X-Token": self.token, **(headers or {})}
            c.request(method, path, json.dumps(body) if body is not None else None, head)
            r = c.getresponse()
            raw = r.read()
        finally:
            c.close()
        try:
            return r.status, json.loads(raw)
        except ValueError:
            return r.status, {}

    def join(self, code: str) -> int:
        status, data = self.call("POST", "/api/join", {"code": code})
        self.token = data.get("token", self.token)
        return status

    def pin(self, pin: str) -> int:
        return self.call("POST", "/api/pin", {"pin": pin})[0]

    def intent(self, action: str) -> int:
        return self.call("POST", "/api/intent", {"action": action})[0]


class Viewer(threading.Thread):
    """A page following the show: every view it receives, with the wall time it arrived."""

    def __init__(self, client: Client):
        super().__init__(daemon=True)
        self.client = client
        self.views: list[tuple[float, dict]] = []
        self.status = 0
        self._conn = None
        self.opened = threading.Event()

    def run(self) -> None:
        c = http.client.HTTPConnection(self.client.host, self.client.port, timeout=30)
        self._conn = c
        try:
            c.request("GET", "/api/events?t=" + self.client.token)
            r = c.getresponse()
            self.status = r.status
            self.opened.set()
            if r.status != 200:
                return
            while True:
                line = r.fp.readline()
                if not line:
                    return
                if line.startswith(b"data:"):
                    self.views.append((time.time(), json.loads(line[5:])))
        except (OSError, ValueError, http.client.HTTPException):
            return
        finally:
            self.opened.set()

    def wait_for(self, test, timeout: float = 10.0) -> dict | None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for _t, v in reversed(self.views):
                if test(v):
                    return v
            time.sleep(0.02)
        return None

    def stop(self) -> None:
        if self._conn is not None and self._conn.sock is not None:
            try:
                self._conn.sock.shutdown(2)
            except OSError:
                pass
        self.join(5)


class RunningShow:
    """``helsekor run SESSION --serve --port 0 --windowed`` on the dummy drivers: its port, the
    session's code and the PIN it printed (no console window here, so the PIN goes to the
    terminal, as it does for a conductor with one screen)."""

    def __init__(self, session: Path = ROOT / "sessions" / "demo.yaml", home: Path | None = None, extra=()):
        env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", HELSEKOR_LANGUAGE="nb")
        if home is not None:
            env["HELSEKOR_HOME"] = str(home)
        self.proc = subprocess.Popen([sys.executable, "-m", "player.cli", "run", str(session), "--serve", "--port", "0",
                                      "--windowed", "--restart", *extra], cwd=ROOT, env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        out = ""
        deadline = time.monotonic() + 60
        while not re.search(r"PIN \d{4}", out) and time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            out += line
        self.out = out
        found = re.search(r":(\d+)/\?c=(\w+)", out)
        pin = re.search(r"PIN (\d{4})", out)
        assert found and pin, f"the show did not print its address and PIN: {out!r}"
        self.port, self.code, self.pin = int(found.group(1)), found.group(2), pin.group(1)
        self.url = f"http://127.0.0.1:{self.port}/"

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
