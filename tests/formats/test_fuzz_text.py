"""Hypothesis fuzz of the plain-text importer and the hand-written ``lyrics: |`` song: text in
any encoding with NUL, controls, surrogates, labels, verse numbers and long lines either
imports into a song that passes check or gives a clear error naming the file (the bounded
child and the checks of tests/formats/test_fuzz.py); and whatever lyrics text a song file
holds, the loader reports problems, never a traceback."""

from pathlib import Path

from hypothesis import given, strategies as st

from player.core.model.errors import ScriptError
from player.core.script.loader import load_song
from tests.formats.test_fuzz import FUZZ, NASTY, TEXT, _check

LINE = st.one_of(TEXT, NASTY, st.sampled_from(["", "", "  ", "Refreng:", "Ref.", "Kor", "1.", "2) Vers", "Tekst: Ola 1900",
                                               "Sol over fjell,", "\x00", "\ufeff", "\r", "\u2028"]))
ENCODING = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])


@FUZZ
@given(lines=st.lists(LINE, max_size=40), encoding=ENCODING)
def test_fuzz_plain_text(tmp_path, lines, encoding):
    data = "\n".join(lines).encode(encoding, "replace") if encoding != "utf-8" else \
        "\n".join(lines).encode("utf-8", "surrogatepass")
    _check(tmp_path, "fuzz.txt", data)


@FUZZ
@given(lines=st.lists(LINE, min_size=1, max_size=30))
def test_fuzz_hand_written_lyrics(tmp_path, lines):
    body = "".join(f"  {line}\n" if line.strip() else "\n" for line in
                   ("".join(ch for ch in ln if ch.isprintable() and ch != "\ufeff") for ln in lines))
    song = tmp_path / "egen.yaml"
    song.write_text(f"title: Egen\nlyrics: |\n{body or '  la la'}\n", encoding="utf-8", errors="surrogatepass")
    try:
        loaded = load_song(Path(song))
    except ScriptError as err:
        assert err.problems and all(str(p).startswith(str(song)) for p in err.problems), err
    else:
        assert loaded.sections and all(s.lines for s in loaded.sections)
        assert set(loaded.order) == {s.id for s in loaded.sections}
