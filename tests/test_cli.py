"""`helsekor check` prints the plan and exits 0, or lists every problem on stderr and exits 1."""

from __future__ import annotations

import pytest

from player import cli

from .core.test_loader import make


def test_check_prints_the_plan_with_total_time(tmp_path, capsys):
    path = make(tmp_path, "version: 1\ntitle: Torsdag\nsteps:\n  - text: Hei\n  - pause: Kaffe\n    duration: 10min\n  - exercise: pust\n")
    assert cli.main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Torsdag" in out
    assert "pause" in out and "10:00" in out
    assert "exercise/breathing" in out and "0:30" in out
    assert "Planned in all: 11:00 (3 steps)" in out


def test_check_reports_problems_on_stderr_and_exits_1(tmp_path, capsys):
    path = make(tmp_path, "version: 1\ntitle: T\nsteps:\n  - song: finnes-ikke\n  - pause: P\n")
    assert cli.main(["check", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert lines[0].startswith(f"{path}:4:11: step 1, song: no song 'finnes-ikke'")
    assert lines[1] == f"{path}:5:5: step 2: a pause needs a 'duration' (such as 10min)"
    assert lines[-1] == "2 problems found; nothing was played."


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["no-such-command"])
    assert info.value.code == 2


def test_a_missing_session_file_is_a_clear_error(tmp_path, capsys):
    assert cli.main(["check", str(tmp_path / "nope.yaml")]) == 1
    assert "cannot read the file" in capsys.readouterr().err


def test_check_finds_an_unplayable_audio_file(tmp_path, capsys):
    from .core.test_loader import SONG
    path = make(tmp_path, "version: 1\ntitle: T\nsteps: [{song: testsang}]\n",
                song=SONG.replace("key: G\n", "key: G\naudio: spor.wav\n"))
    (tmp_path / "songs" / "spor.wav").write_bytes(b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 6)   # cut short
    assert cli.main(["check", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{tmp_path / 'songs' / 'testsang.yaml'}:6:8: audio: spor.wav")
