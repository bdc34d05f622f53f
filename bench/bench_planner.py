"""Time from ``helsekor plan`` to a usable page: the command started as a user starts it, the
address read from what it prints, the page opened in Debian's chromium (already running, as a
user's browser is) until it has listed the library (``body[data-ready]``). Two runs each."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"


def _one(browser, folder: Path) -> dict[str, float]:
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "player.cli", "plan", str(folder), "--no-browser"], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        line = proc.stdout.readline()
        url = next(word for word in line.split() if word.startswith("http://"))
        t_address = time.perf_counter() - t0
        page = browser.new_page()
        page.goto(url)
        page.wait_for_selector("body[data-ready='1']", timeout=60000)
        t_ready = time.perf_counter() - t0
        page.close()
    finally:
        proc.terminate()
        proc.wait(10)
    return {"address_s": t_address, "usable_page_s": t_ready}


def run() -> dict[str, float]:
    from playwright.sync_api import sync_playwright
    folder = Path(tempfile.mkdtemp(prefix="bench-plan-"))
    (folder / "sessions").mkdir()
    shutil.copy(ROOT / "sessions" / "demo.yaml", folder / "sessions")
    out: dict[str, float] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            for n in (1, 2):
                for key, value in _one(browser, folder).items():
                    out[f"planner.start.run{n}.{key}"] = value
            browser.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return out
