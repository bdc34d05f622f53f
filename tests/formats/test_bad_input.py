"""The corpus of bad inputs (tests/formats/corpus.py): every case, run in a child bounded to
5 s and 500 MB, either imports into a song that passes check or gives a clear error naming
the file; never a traceback, a hang, a device read or a stray file. Figures are printed
(``pytest -s``): seconds and peak memory per case."""

from pathlib import Path

import pytest

from player.core.script.loader import load_song
from player.formats.commands import INTERNAL
from player.formats.text import _UNPRINTABLE
from player.formats.writer import CHECK_FAILED
from player.core.model.messages import tr
from tests.formats.bounded import MEMORY, run_import
from tests.formats.corpus import BOMB_INFLATED, CASES, WORDS

FIGURES: dict[str, tuple[float, float]] = {}


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if not p.is_dir() or p.is_symlink())


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_gives_a_valid_song_or_a_clear_error(tmp_path, name):
    kind, build, expect = CASES[name]
    src_dir, out = tmp_path / "src", tmp_path / "out"
    src_dir.mkdir()
    paths = build(src_dir)
    outcome = run_import(paths, out)
    FIGURES[name] = (outcome.seconds, outcome.peak_mb)
    print(f"\n{kind:10} {name:45} {outcome.seconds * 1000:8.1f} ms {outcome.peak_mb:7.1f} MB")
    assert not outcome.hung, f"{name}: still running after 5 s"
    assert outcome.reports is not None, f"{name}: the child died ({outcome.died})"
    assert outcome.peak_mb * 1024 * 1024 < MEMORY
    [(ok, error, written)] = outcome.reports
    if ok:
        assert expect in ("ok", "either"), f"{name}: imported, expected an error"
        song = load_song(Path(written[0]))                   # passes check
        texts = [song.title, song.credits] + [ln.text for s in song.sections for ln in s.lines]
        assert song.sections and not any(_UNPRINTABLE.search(t) for t in texts)   # no NUL for the screen
        assert sorted(Path(p) for p in written) == _files(out)    # nothing else in --out
        assert all(Path(p).stat().st_size > 0 for p in written)
        assert WORDS.get(name, "") in Path(written[0]).read_text(encoding="utf-8")     # the song says why
    else:
        assert expect in ("error", "either"), f"{name}: {error}"
        assert paths[0].name in error and tr(INTERNAL) not in error and tr(CHECK_FAILED) not in error, error
        assert WORDS.get(name, "") in error, error
        assert not out.exists() or _files(out) == []          # no leftovers, no 0-byte files


def test_the_bomb_really_inflates_to_2_gib(tmp_path):
    """The zip bomb of the corpus is what it claims: its member says and inflates to 2 GiB."""
    import zipfile
    import zlib

    from tests.formats.corpus import zip_bomb

    path = zip_bomb(tmp_path / "b.mxl")
    [info] = zipfile.ZipFile(path).infolist()
    assert info.file_size == BOMB_INFLATED and info.compress_size < 14_000_000
    raw = path.read_bytes()[30 + len(info.filename):30 + len(info.filename) + info.compress_size]
    inflater = zlib.decompressobj(-15)
    head = inflater.decompress(raw[:500_000], 64 << 20)
    assert len(head) == 64 << 20 and not head.strip(b"\0")      # 64 MiB of zeros from under 500 kB, and more to come


def test_an_lrc_beside_a_device_copies_nothing(tmp_path):
    """The issue's worst case: a sibling linked to /dev/zero wrote 81.6 GB. Now: not touched."""
    CASES["lrc audio links to /dev/zero"][1](tmp_path)
    outcome = run_import([tmp_path / "sang.lrc"], tmp_path / "out")
    [(ok, error, written)] = outcome.reports
    assert ok and [Path(p).suffix for p in written] == [".yaml"]
    assert "er en enhet" in Path(written[0]).read_text(encoding="utf-8")     # and the song says why
