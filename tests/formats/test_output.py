"""Where imports and exports write: --out that is a file, read-only or full; a dangling symlink
in --out; export over its own source. Read-only and full folders are real small tmpfs mounts
(needs root and mount; skipped with the reason otherwise)."""

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from player import cli
from player.formats.commands import export_song, import_files
from tests.formats.mounts import small_fs  # noqa: F401 - a fixture

SONG = "{title: Sol over fjell}\n[G]Sol over [C]fjell\nVind i kveld\n"


def _source(folder: Path) -> Path:
    path = folder / "sol.cho"
    path.write_text(SONG, encoding="utf-8")
    return path


def _listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_out_that_is_a_file_is_a_clear_error_and_the_file_is_kept(tmp_path):
    out = tmp_path / "songs"
    out.write_text("mine", encoding="utf-8")
    [report] = import_files([_source(tmp_path)], out)
    assert not report.ok and "ikke en mappe" in report.error and out.read_text(encoding="utf-8") == "mine"


def test_a_read_only_out_is_a_clear_error(tmp_path, small_fs):
    out = small_fs(read_only=True)
    [report] = import_files([_source(tmp_path)], out)
    assert not report.ok and "skrivebeskyttet" in report.error, report.error
    assert cli.main(["import", str(tmp_path / "sol.cho"), "--out", str(out / "sub")]) == 1


def test_a_full_out_leaves_no_empty_or_half_files(tmp_path, small_fs):
    out = small_fs("64k")
    lrc = tmp_path / "sang.lrc"
    lrc.write_text("[00:01.00]Sol over fjell\n", encoding="utf-8")
    (tmp_path / "sang.ogg").write_bytes(os.urandom(200_000))          # does not fit in 64 kB
    [report] = import_files([lrc], out)
    assert not report.ok and "full" in report.error, report.error
    assert _listing(out) == []                                          # no 0-byte yaml, no staging folder
    (tmp_path / "sang.ogg").unlink()
    [again] = import_files([lrc], out)                                  # the same folder still works
    assert again.ok and _listing(out) == ["sang.yaml"]


def test_a_dangling_symlink_in_out_is_not_written_through(tmp_path):
    out, outside = tmp_path / "songs", tmp_path / "outside"
    out.mkdir()
    outside.mkdir()
    (out / "sol.yaml").symlink_to(outside / "stolen.yaml")       # songs are named after their source file
    [report] = import_files([_source(tmp_path)], out)
    assert report.ok and report.written[0].name == "sol-2.yaml"
    assert list(outside.iterdir()) == [] and (out / "sol.yaml").is_symlink()


def test_export_never_replaces_its_own_song_and_asks_before_overwriting(tmp_path, capsys):
    [report] = import_files([_source(tmp_path)], tmp_path / "songs")
    song = report.written[0]
    before = song.read_bytes()
    assert cli.main(["export", str(song), "--out", str(song)]) == 1
    assert "sangfila selv" in capsys.readouterr().err and song.read_bytes() == before
    assert cli.main(["export", str(song), "--out", str(song), "--force"]) == 1 and song.read_bytes() == before
    other = tmp_path / "sol.cho"
    assert cli.main(["export", str(song), "--out", str(other)]) == 1
    assert "--force" in capsys.readouterr().err and other.read_text(encoding="utf-8") == SONG
    assert cli.main(["export", str(song), "--out", str(other), "--force"]) == 0
    assert other.read_text(encoding="utf-8").startswith("{title: Sol over fjell}")
    (tmp_path / "ut").mkdir()                     # (tmp_path holds the source sol.cho, the song's own name)
    assert export_song(song, "chordpro", tmp_path / "ut").name == "sol.cho"     # a folder: STEM.cho in it


def test_export_into_a_read_only_folder_is_a_clear_error(tmp_path, small_fs):
    [report] = import_files([_source(tmp_path)], tmp_path / "songs")
    out = small_fs(read_only=True)
    assert cli.main(["export", str(report.written[0]), "--out", str(out / "x.cho")]) == 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.floats(0, 1), flips=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), max_size=6))
def test_export_of_a_damaged_song_is_a_clear_error_never_a_traceback(tmp_path, cut, flips):
    song = tmp_path / "sang.yaml"
    if not song.exists():
        [report] = import_files([_source(tmp_path)], tmp_path / "songs")
        song.write_bytes(report.written[0].read_bytes())
    data = bytearray(song.read_bytes())
    for where, value in flips:
        data[int(where * (len(data) - 1))] = value
    damaged = tmp_path / "skadet.yaml"
    damaged.write_bytes(bytes(data[: max(1, int(len(data) * cut))]))
    out = tmp_path / "skadet.cho"
    assert cli.main(["export", str(damaged), "--out", str(out), "--force"]) in (0, 1)
