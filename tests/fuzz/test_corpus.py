"""Every case of the issue «Bad input and bad disks» through ``helsekor check``: the plan or
its problems, never a traceback, a hang (alarms stop a case after 5 s of CPU time or 20 s of
waiting) or runaway memory (500 MB over the start, measured by the kernel's peak resident
size; the address space is capped meanwhile, so a runaway case fails with MemoryError instead
of taking the machine)."""

from __future__ import annotations

import os

import pytest

from .corpus import CASES, counts
from .measure import MEMORY_LIMIT_MB, TIME_LIMIT_S, WALL_LIMIT_S, run_check, run_check_child


def assert_bounded(case, run) -> None:
    assert not run.crash, f"{case.id}: something escaped:\n{run.crash}"
    assert run.code is not None, f"{case.id}: check ran past {TIME_LIMIT_S} s of CPU or {WALL_LIMIT_S} s"
    assert run.peak_mb <= MEMORY_LIMIT_MB, f"{case.id}: check grew by {run.peak_mb:.0f} MB"
    assert "Traceback" not in run.out
    if case.expect is None:
        assert run.code == 0, f"{case.id}: a valid project was refused:\n{run.out}"
    else:
        assert run.code == 1, f"{case.id}: check passed a broken project:\n{run.out}"
        assert case.expect in run.out, f"{case.id}: the problems do not say {case.expect!r}:\n{run.out}"
        assert "problem" in run.out.splitlines()[-1]


def test_the_corpus_has_every_kind_of_case_the_issue_lists():
    kinds = counts()
    assert set(kinds) == {"valid", "huge-number", "nan-inf", "string", "hang", "memory", "file-system",
                          "midi", "pulse", "wav"}
    assert len({c.id for c in CASES}) == len(CASES), "two cases share a name"


@pytest.mark.timeout(60)
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_check_answers_every_case_within_bounds(case, tmp_path):
    run = run_check(case.make(tmp_path))
    assert_bounded(case, run)


CHILD_CASES = [c for c in CASES if c.id in (
    "hang:session is a FIFO", "memory:session linked to /dev/zero", "memory:time signature /2**255",
    "wav:3-hour WAV", "hang:kar with 100 000 lyric events")]


@pytest.mark.timeout(60)
@pytest.mark.parametrize("case", CHILD_CASES, ids=[c.id for c in CHILD_CASES])
def test_the_worst_cases_in_a_child_process_with_hard_limits(case, tmp_path):
    """The real command, in a child whose address space is capped (a runaway would die of
    MemoryError) and that is killed past the time limit (a FIFO read would never return)."""
    run = run_check_child(case.make(tmp_path), mem_mb=3000)
    assert_bounded(case, run)


def test_a_check_that_hangs_is_stopped_and_reported(tmp_path, monkeypatch):
    """The bound itself: a check stuck on a FIFO (the reading layer's refusal undone) is cut
    off by the alarm and reported as a hang, not left waiting."""
    from player.core.model import files

    monkeypatch.setattr(files, "_check_stat", lambda path, st, kind: None)
    monkeypatch.setattr(files, "_READ_ONLY", os.O_RDONLY)          # a blocking open, as before
    os.mkfifo(tmp_path / "s.yaml")
    run = run_check(tmp_path / "s.yaml", limit_s=1.0, wall_s=1.0)
    assert run.code is None and not run.crash


def test_a_check_that_works_forever_is_stopped_by_its_cpu_time(tmp_path, monkeypatch):
    """The other bound: a check spinning (here the duration parser made to loop) is cut off
    by CPU time, while a real wall-clock wait would have gone on."""
    from player.core.script import checks

    def spin(value):
        while True:
            pass
    monkeypatch.setattr(checks, "parse_duration", spin)
    from .corpus import project
    run = run_check(project(tmp_path), limit_s=1.0, wall_s=60.0)
    assert run.code is None and not run.crash and run.seconds < 30
