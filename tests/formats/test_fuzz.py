"""Hypothesis fuzz of every importer with inputs shaped like each format: random bytes, big
numbers, NaN/inf, NUL, control characters and surrogates, long lines. Every example either
imports into a song that passes the loader's check or gives a clear error naming the file;
never a traceback and never the importer's internal-error text. ``HELSEKOR_FUZZ_EXAMPLES``
sets the number of examples per importer (default 40). Each example runs in a child bounded to
5 s and 500 MB (tests/formats/bounded.py); ``HELSEKOR_FUZZ_INPROCESS=1`` runs them in-process."""

import os
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from player.core.script.loader import load_song
from player.formats.commands import INTERNAL, import_files
from player.formats.writer import CHECK_FAILED
from player.core.model.messages import tr
from tests.formats.bounded import MEMORY, run_import
from tests.formats.corpus import kar, score

EXAMPLES = int(os.environ.get("HELSEKOR_FUZZ_EXAMPLES", "40"))
BOUNDED = os.environ.get("HELSEKOR_FUZZ_INPROCESS") != "1"    # in-process is faster for long runs
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                           HealthCheck.too_slow])

NUMBERS = st.one_of(st.sampled_from(["NaN", "nan", "inf", "-inf", "INF", "1e308", "-1e308", "1e-300", "0", "-0", "-1",
                                     "99999999999999999999999", "1.5", "", " ", "4"]),
                    st.integers(-10**6, 10**6).map(str), st.floats(allow_nan=True, allow_infinity=True).map(repr))
NASTY = st.text(st.characters(blacklist_categories=()), max_size=40)     # with NUL, controls and surrogates
LONG = st.integers(1, 5000).map(lambda n: "la " * n)
TEXT = st.one_of(NASTY, LONG, st.sampled_from(["Sol over fjell", "[G]Sol [Am7]over", "[", "]", "[[x]]", "\\", "/"]))


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _xml_text(text: str) -> str:
    """Text XML can hold (it cannot carry most control characters, even escaped)."""
    keep = "".join(ch for ch in text if ch in "\t\n\r" or 0x20 <= ord(ch) <= 0xD7FF or 0xE000 <= ord(ch) <= 0xFFFD
                   or ord(ch) >= 0x10000)
    return escape(keep)


WORST = {"seconds": 0.0, "peak_mb": 0.0, "examples": 0}


def _check(tmp_path: Path, name: str, data: bytes, bounded: bool = BOUNDED) -> None:
    """Import ``data`` as ``name``; in a child bounded to 5 s and 500 MB unless ``bounded`` is off."""
    src = tmp_path / name
    src.write_bytes(data)
    out = tmp_path / "out"
    if bounded:
        outcome = run_import([src], out)
        assert not outcome.hung and outcome.reports is not None, f"hung or died: {outcome.died}"
        assert outcome.peak_mb * 1024 * 1024 < MEMORY
        WORST["seconds"] = max(WORST["seconds"], outcome.seconds)
        WORST["peak_mb"] = max(WORST["peak_mb"], outcome.peak_mb)
        [(ok, error, written)] = outcome.reports
    else:
        [report] = import_files([src], out)
        ok, error, written = report.ok, report.error, report.written
    WORST["examples"] += 1
    if ok:
        song = load_song(Path(written[0]))          # raises ScriptError if the YAML fails check
        assert song.sections
    else:
        assert name in error and tr(INTERNAL) not in error and tr(CHECK_FAILED) not in error, error
    for path in out.glob("*") if out.exists() else ():
        path.unlink()


@pytest.fixture(scope="module", autouse=True)
def _figures():
    yield
    print(f"\nfuzz: {WORST['examples']} examples, worst {WORST['seconds'] * 1000:.0f} ms, "
          f"peak {WORST['peak_mb']:.0f} MB")


DIRECTIVES = st.sampled_from(["title", "t", "subtitle", "artist", "key", "tempo", "time", "capo", "comment", "c",
                              "start_of_chorus", "soc", "eoc", "sov", "eov", "start_of_tab", "chorus", "meta",
                              "new_song", "define", "x_custom", "title-nb", "textblock", "start_of_textblock"])
CHORDPRO_LINE = st.one_of(
    st.tuples(DIRECTIVES, st.one_of(NUMBERS, TEXT)).map(lambda d: f"{{{d[0]}: {d[1]}}}"),
    TEXT, st.just(""), st.just("# kommentar"))


@FUZZ
@given(lines=st.lists(CHORDPRO_LINE, max_size=30))
def test_fuzz_chordpro(tmp_path, lines):
    _check(tmp_path, "fuzz.cho", _bytes("\n".join(lines)))


STAMP = st.tuples(st.integers(0, 999), st.sampled_from(["00.00", "05.5", "99.999", "59:99", "1", "7.25"]))
LRC_LINE = st.one_of(
    st.tuples(st.lists(STAMP, min_size=1, max_size=3), TEXT).map(
        lambda t: "".join(f"[{m:02d}:{s}]" for m, s in t[0]) + t[1]),
    st.tuples(STAMP, STAMP, TEXT, TEXT).map(lambda t: f"[{t[0][0]:02d}:{t[0][1]}]<{t[1][0]:02d}:{t[1][1]}>{t[2]} "
                                                      f"<{t[0][0]:02d}:{t[1][1]}>{t[3]}"),
    st.tuples(st.sampled_from(["ti", "ar", "au", "offset", "al", "length"]), st.one_of(NUMBERS, TEXT)).map(
        lambda t: f"[{t[0]}:{t[1]}]"),
    TEXT, st.just(""))


@FUZZ
@given(lines=st.lists(LRC_LINE, max_size=30))
def test_fuzz_lrc(tmp_path, lines):
    _check(tmp_path, "fuzz.lrc", _bytes("\n".join(lines)))


@FUZZ
@given(divisions=NUMBERS, duration=NUMBERS, alter=NUMBERS, octave=NUMBERS, beats=NUMBERS, beat_type=NUMBERS,
       lyric=TEXT, extra=st.sampled_from(["", "<backup><duration>{}</duration></backup>", "<forward><duration>{}"
                                              "</duration></forward>", "<direction><sound tempo='{}'/></direction>"]),
       extra_value=NUMBERS, compressed=st.booleans())
def test_fuzz_musicxml(tmp_path, divisions, duration, alter, octave, beats, beat_type, lyric, extra, extra_value,
                       compressed):
    xml = score(_xml_text(divisions), _xml_text(duration), extra.format(_xml_text(extra_value)), _xml_text(alter),
                _xml_text(octave), _xml_text(beats), _xml_text(beat_type), _xml_text(lyric[:3000]))
    if compressed:
        from tests.formats.corpus import mxl

        mxl(tmp_path / "fuzz.mxl", xml)
        _check(tmp_path, "fuzz.mxl", (tmp_path / "fuzz.mxl").read_bytes())
    else:
        _check(tmp_path, "fuzz.musicxml", xml.encode("utf-8"))


@FUZZ
@given(lyrics=st.lists(TEXT.map(lambda t: t[:2000]), min_size=1, max_size=8), tempo=st.integers(0, 16_777_215),
       numerator=st.integers(0, 255), denominator=st.sampled_from([1, 2, 4, 8, 16, 32]), gap=st.integers(0, 10**6))
def test_fuzz_kar(tmp_path, lyrics, tempo, numerator, denominator, gap):
    lyrics = [t.encode("utf-8", "replace").decode("utf-8") for t in lyrics]
    kar(tmp_path / "make.kar", lyrics, tempo=tempo, numerator=numerator, denominator=denominator, gap=gap)
    _check(tmp_path, "fuzz.kar", (tmp_path / "make.kar").read_bytes())


@FUZZ
@given(title=TEXT, tempo=NUMBERS, names=st.lists(st.one_of(st.sampled_from(["v1", "c", "b2", "p", "e", "o1a"]), TEXT),
                                                 min_size=1, max_size=5), text=st.lists(TEXT, min_size=1, max_size=5),
       chord=st.one_of(st.sampled_from(["G", "Am7", "C/E"]), NASTY), order=TEXT)
def test_fuzz_openlyrics(tmp_path, title, tempo, names, text, chord, order):
    verses = "".join(f"<verse name={quoteattr(_xml_text(n)[:50])}><lines><chord name={quoteattr(_xml_text(chord))}/>"
                     f"{_xml_text(t)}<br/>{_xml_text(t[::-1])}</lines></verse>" for n, t in zip(names, text))
    xml = ("<?xml version='1.0' encoding='UTF-8'?><song xmlns='http://openlyrics.info/namespace/2009/song' "
           f"version='0.8'><properties><titles><title>{_xml_text(title)}</title></titles><tempo type='bpm'>"
           f"{_xml_text(tempo)}</tempo><verseOrder>{_xml_text(order)}</verseOrder></properties>"
           f"<lyrics>{verses}</lyrics></song>")
    _check(tmp_path, "fuzz.xml", xml.encode("utf-8"))


@FUZZ
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".cho", ".xml", ".kar", ".lrc", ".musicxml", ".mxl"]))
def test_fuzz_random_bytes_every_importer(tmp_path, data, suffix):
    _check(tmp_path, f"noise{suffix}", data)


def test_the_fuzz_check_catches_an_invalid_song(tmp_path, monkeypatch):
    """Not vacuous: with the format fitting and the staged check switched off, the fuzz's own
    check catches the 600-character line the importer would then write."""
    import player.formats.writer as writer
    from player.core.model.errors import ScriptError

    monkeypatch.setattr(writer, "fit_to_format", lambda song: None)
    monkeypatch.setattr(writer, "_check", lambda path: None)
    with pytest.raises(ScriptError):
        _check(tmp_path, "bad.cho", b"{title: T}\n" + b"la " * 200 + b"\n", bounded=False)
