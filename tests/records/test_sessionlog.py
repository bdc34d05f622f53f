"""The session log: events reach the disk as they happen; a folder that is read-only at the
start or fills mid-show is one notice, the files on disk stay whole and the steps go on."""

import csv
import json
import os
from pathlib import Path

from player.core.model import intents as I
from player.core.script.library import Library
from player.core.script.loader import load_session
from player.core.show.runner import Runner
from player.core.time.clock import ManualClock
from player.core.show.notices import NoticeBoard
from player.records.sessionlog import CSV_HEADER, SessionLog
from tests.formats.mounts import remount, small_fs  # noqa: F401 - a fixture

WALL = 1_800_000_000.0


def _board(clock):
    """The notice board the runner posts to, and every (time, text) posted on it."""
    board, heard = NoticeBoard(clock), []
    board.listen(lambda t, text: heard.append((t, text)))
    return board, heard


def _session(tmp_path: Path):
    path = tmp_path / "s.yaml"
    path.write_text("version: 1\ntitle: T\nsteps:\n" + "".join(f"  - text: Kort {i}\n" for i in range(6)),
                    encoding="utf-8")
    return load_session(path, Library.for_session(path, (), project_root=tmp_path))


def _journal(log: SessionLog) -> list[dict]:
    lines = log.base.with_suffix(".jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _whole(log: SessionLog) -> tuple[dict, list[list[str]]]:
    summary = json.loads(log.base.with_suffix(".json").read_text(encoding="utf-8"))
    rows = list(csv.reader(log.base.with_suffix(".csv").open(encoding="utf-8", newline="")))
    assert rows[0] == CSV_HEADER
    return summary, rows


def test_notices_and_tempo_changes_are_on_disk_before_the_next_step(tmp_path):
    session = _session(tmp_path)
    clock = ManualClock()
    log = SessionLog(session, tmp_path / "logs", wall=lambda: WALL)
    runner = Runner(session, clock, {}, log=log)
    clock.advance(4)
    runner.notify("Mikrofonen er borte")
    log.change(clock.now(), "tempo_scale", 0.9)
    events = _journal(log)                                       # no step change since: already there
    assert [e["event"] for e in events] == ["step_started", "notice", "change"]
    assert events[1] == {"t": 4.0, "event": "notice", "value": "Mikrofonen er borte"}
    summary, rows = _whole(log)
    assert summary["steps"][0]["notices"] == ["Mikrofonen er borte"] and summary["steps"][0]["tempo_scale"] == 0.9
    assert log.base.name.startswith("2027-01-15_") and summary["date"].startswith("2027-01-15")   # the injected wall
    assert [p.name for p in sorted((tmp_path / "logs").iterdir())] == [log.base.name + s for s in (".csv", ".json",
                                                                                               ".jsonl")]


def test_a_read_only_log_folder_at_start_is_one_notice_and_the_show_goes_on(tmp_path, small_fs):
    where = small_fs(read_only=True)
    session = _session(tmp_path)
    notices: list[str] = []
    clock = ManualClock()
    log = SessionLog(session, where / "logs", wall=lambda: WALL, notify=notices.append)
    board, heard = _board(clock)
    runner = Runner(session, clock, {}, log=log, notices=board)
    log.notify = runner.notify
    for _ in range(3):
        runner.handle(I.Next())
    assert runner.index == 3
    said = [text for _, text in heard] + notices
    assert len([t for t in said if "Øktloggen kan ikke skrives" in t]) == 1 and "skrivebeskyttet" in said[0], said


def test_a_log_folder_that_fills_mid_show_keeps_whole_files_and_catches_up(tmp_path, small_fs):
    where = small_fs("48k")
    session = _session(tmp_path)
    clock = ManualClock()
    log = SessionLog(session, where, wall=lambda: WALL)
    board, heard = _board(clock)
    runner = Runner(session, clock, {}, log=log, notices=board)
    log.notify = runner.notify
    runner.handle(I.Next())
    filler = where / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)               # something else fills the disk
    try:
        while True:
            os.write(fd, b"x" * 512)
    except OSError:
        pass
    finally:
        os.close(fd)
    for _ in range(3):
        clock.advance(2)
        runner.handle(I.Next())
        runner.notify("lang melding " * 50)
    assert runner.index == 4                                     # the steps did not stall
    summary, _ = _whole(log)                                     # the last whole summary, not a cut one
    assert [s["index"] for s in summary["steps"]][:2] == [0, 1]
    assert any("disken er full" in t for _, t in heard)
    filler.unlink()
    runner.handle(I.Next())
    summary, rows = _whole(log)                                  # everything from memory reached the disk
    assert [s["index"] for s in summary["steps"]] == [0, 1, 2, 3, 4, 5] and len(rows) == 7
    events = _journal(log)
    assert [e["step"] for e in events if e["event"] == "step_started"] == [1, 2, 3, 4, 5, 6]
    assert "Øktloggen skrives igjen" in [t for _, t in heard]
