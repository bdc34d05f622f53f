"""Hostile values in every key of every kind of script, and odd files wherever a script names
one: ``helsekor check`` answers with the plan or its problems, within 5 s and 500 MB, and every
problem can be printed. ``HELSEKOR_FUZZ_EXAMPLES=2000`` runs more examples than the default."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from .build import SONG
from .measure import MEMORY_LIMIT_MB, run_check
from .strategies import DOCS, ODD_FILES, SLOTS, hostile_values, make_odd, put, write_project

EXAMPLES = int(os.environ.get("HELSEKOR_FUZZ_EXAMPLES", "0"))
LIMIT = pytest.mark.timeout(max(90, EXAMPLES // 5))     # about 50 ms an example, and room to spare
FUZZ = settings(max_examples=EXAMPLES or 120, deadline=None, derandomize=not EXAMPLES,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def assert_answered(run) -> None:
    assert not run.crash, run.crash
    assert run.code in (0, 1), f"check did not answer within its time ({run.code}):\n{run.out[-2000:]}"
    assert run.peak_mb <= MEMORY_LIMIT_MB
    run.out.encode("utf-8")        # every line can be printed: no lone surrogate reaches the terminal
    if run.code == 1:
        assert run.out.rstrip().endswith("nothing was played.")


@LIMIT
@FUZZ
@given(st.sampled_from(SLOTS), hostile_values)
def test_a_hostile_value_in_any_key_gets_an_answer(slot, value):
    name, path = slot
    docs = dict(DOCS)
    docs[name] = put(docs[name], path, value)
    with tempfile.TemporaryDirectory() as tmp:
        run = run_check(write_project(Path(tmp), docs))
    assert_answered(run)


FILE_SLOTS = [("song", ("midi",), ".mid"), ("song", ("audio",), ".wav"), ("pust", ("picture",), ".png"),
              ("session", ("steps", 0, "video"), ".mp4"), ("session", ("steps", 3, "song"), ".yaml"),
              ("session", ("steps", 1, "exercise"), ".yaml"), ("ga", ("song",), ".yaml")]


@LIMIT
@settings(FUZZ, max_examples=EXAMPLES or 40)
@given(st.sampled_from(FILE_SLOTS), st.sampled_from(ODD_FILES))
def test_an_odd_file_wherever_a_script_names_one_is_refused_by_name(slot, how):
    name, path, suffix = slot
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "songs").mkdir()
        (root / "exercises").mkdir()
        folder = root if name == "session" else root / ("songs" if name == "song" else "exercises")
        written = make_odd(folder / f"odd{suffix}", how)
        docs = dict(DOCS)
        if path[-1] == "video":
            docs["session"] = put(docs["session"], ("steps", 0), {"video": written})
        else:
            docs[name] = put(docs[name], path, written)
        run = run_check(write_project(root, docs))
    assert_answered(run)
    assert run.code == 1, f"an odd file ({how}) passed check:\n{run.out}"
    assert "odd" in run.out or "too long" in run.out, run.out     # the file is named (or its name refused)


def test_the_fuzz_project_is_valid_before_it_is_spoiled(tmp_path):
    run = run_check(write_project(tmp_path, dict(DOCS)))
    assert run.code == 0, run.out
    assert "Gå" in run.out and "Strekk" in run.out and SONG.split("\n")[1].split(": ")[1] in run.out
