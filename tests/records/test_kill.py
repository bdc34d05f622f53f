"""Kill test: a child process writes the session log as fast as it can and is killed with
SIGKILL at a random moment, 200 times (``HELSEKOR_KILL_ROUNDS`` for more). Every time the
summary JSON and CSV are whole and valid, every journal line but a torn last one parses, and
the summary lacks at most the last event. Children come from a fork server, so a round costs
milliseconds. ``HELSEKOR_KILL_CONTROL=1`` also runs the old in-place rewrite the same way and
prints how often it broke (the issue saw 58 of 200), to show the test can see breakage."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from player.records.sessionlog import CSV_HEADER, SessionLog
from tests.formats.bounded import context

ROUNDS = int(os.environ.get("HELSEKOR_KILL_ROUNDS", "200"))
STEPS = [SimpleNamespace(title=f"Steg {i}", kind="song", planned_seconds=60.0, tempo_scale=1.0, transpose=0)
         for i in range(8)]


def _stub_session():
    return SimpleNamespace(title="Kor", path=Path("/choir/s.yaml"), planned_seconds=480.0, steps=STEPS)


def _write_forever(folder: str, naive: bool) -> None:
    """The child: step changes, notices and tempo changes, as fast as the disk allows."""
    log = SessionLog(_stub_session(), Path(folder), wall=lambda: 1_800_000_000.0)
    if naive:                                   # the old way: rewrite both files in place
        def write() -> None:
            log.base.with_suffix(".json").write_text(json.dumps(log.summary(), indent=1), encoding="utf-8")
            log.base.with_suffix(".csv").write_text(log.csv_text(), encoding="utf-8")
        log._event = lambda item: write()
    i = 0
    while True:
        log.step_started(i % len(STEPS), float(i))
        log.notice(i + 0.5, f"melding {i}")
        log.change(i + 0.7, "tempo_scale", 1.0 + (i % 5) / 100)
        i += 1


def _broken(folder: Path, naive: bool) -> str | None:
    """What is wrong with the log in ``folder`` after a kill, or None."""
    [summary_path] = list(folder.glob("*.json"))
    try:
        summary = json.loads(summary_path.read_text(encoding="utf-8"))
        rows = list(csv.reader(io.StringIO(summary_path.with_suffix(".csv").read_text(encoding="utf-8"))))
    except (ValueError, OSError) as err:
        return f"summary: {type(err).__name__}: {err}"
    if not rows or rows[0] != CSV_HEADER or any(len(row) != len(CSV_HEADER) for row in rows):
        return f"csv: {rows[:1]} … {len(rows)} rows"
    steps = len(summary["steps"])
    if not steps <= len(rows) - 1 <= steps + 1:             # the CSV is written first
        return f"csv has {len(rows) - 1} rows for {steps} steps"
    if naive:
        return None
    text = summary_path.with_suffix(".jsonl").read_text(encoding="utf-8")
    lines = text.split("\n")
    complete, tail = lines[:-1], lines[-1]     # a torn last line has no newline yet
    try:
        events = [json.loads(line) for line in complete if line]
    except ValueError as err:
        return f"journal: {err}"
    if tail:
        try:
            json.loads(tail)
            return "journal: a whole last line without its newline"
        except ValueError:
            pass                                # the event being written when the kill came
    temps = [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]
    if len(temps) > 1:
        return f"temporary files left: {temps}"
    in_summary = steps + len(summary["changes"])
    if not len(events) - 1 <= in_summary <= len(events):    # at most the last event missing
        return f"summary has {in_summary} events, the journal {len(events)}"
    return None


def _rounds(tmp_path: Path, rounds: int, naive: bool) -> tuple[int, list[str], float]:
    ctx = context()
    rng = random.Random(20261201)
    broken: list[str] = []
    empty = 0
    start = time.perf_counter()
    for k in range(rounds):
        folder = tmp_path / f"r{k}"
        folder.mkdir()
        child = ctx.Process(target=_write_forever, args=(str(folder), naive), daemon=True)
        child.start()
        deadline = time.monotonic() + 10
        while not list(folder.glob("*.json")) and time.monotonic() < deadline:
            time.sleep(0.0005)
        time.sleep(rng.uniform(0, 0.03))
        child.kill()
        child.join(10)
        assert child.exitcode == -9, f"round {k}: the child ended by itself ({child.exitcode})"
        if not list(folder.glob("*.json")):
            raise AssertionError(f"round {k}: the child wrote nothing in 10 s")
        problem = _broken(folder, naive)
        if problem:
            broken.append(f"round {k}: {problem}")
            empty += summary_size(folder) == 0
    return empty, broken, time.perf_counter() - start


def summary_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.glob("*.json"))


@pytest.mark.timeout(120)
def test_a_log_killed_at_200_random_moments_is_always_whole(tmp_path):
    _, broken, seconds = _rounds(tmp_path, ROUNDS, naive=False)
    print(f"\nkill test: {ROUNDS} kills in {seconds:.1f} s, {len(broken)} broken logs")
    assert broken == []


def test_a_new_log_removes_what_a_killed_one_left_behind(tmp_path):
    """A kill mid-rewrite leaves a hidden temporary file; the next show's log tidies it away."""
    (tmp_path / ".2027-01-15_080000_s.json.99999.tmp").write_text("{half", encoding="utf-8")
    (tmp_path / ".other.txt.99999.tmp").write_text("not ours", encoding="utf-8")
    log = SessionLog(_stub_session(), tmp_path, wall=lambda: 1_800_000_100.0)
    log.step_started(0, 0.0)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == [".other.txt.99999.tmp"]


@pytest.mark.skipif(os.environ.get("HELSEKOR_KILL_CONTROL") != "1", reason="the control run: HELSEKOR_KILL_CONTROL=1")
@pytest.mark.timeout(300)
def test_control_the_old_in_place_rewrite_breaks_under_the_same_kills(tmp_path):
    empty, broken, seconds = _rounds(tmp_path, ROUNDS, naive=True)
    print(f"\ncontrol: {ROUNDS} kills of the in-place rewrite in {seconds:.1f} s: {len(broken)} broken, {empty} empty")
    assert broken
