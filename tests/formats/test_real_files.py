"""Importers on the real public ChordPro, .kar/.mid and LRC files (sources: data/README.md), the
ChordPro round trip on them, and imported songs through ``helsekor check`` and a headless render."""

import json
from pathlib import Path

import mido
import pytest

from player import cli
from player.core.script.loader import load_song
from player.formats.chordpro import parse_chordpro, read_chordpro
from player.formats.commands import export_song, import_files
from player.formats.reader import read_song_yaml

DATA = Path(__file__).parent / "data"


def _shape(song):
    """What the round trip must keep: per section kind, name, and every line's text and chords."""
    return [(s.kind, s.name, [(ln.text, ln.chords) for ln in s.lines]) for s in song.sections]


def test_swing_low_chorus_first_untitled_verse_and_recall():
    song = read_chordpro(DATA / "chordpro" / "swinglow.cho")
    assert (song.title, song.subtitle, song.credits, song.key) == ("Swing Low Sweet Chariot", "Traditional", None, None)
    assert [(s.id, s.name, s.kind, len(s.lines)) for s in song.sections] == [
        ("c1", "Refreng", "chorus", 4), ("v1", "Vers 1", "verse", 4)]
    assert song.order == ["c1", "v1", "c1"]                       # {chorus} at the end
    first = song.sections[0].lines[0]
    assert (first.text, first.chords) == ("Swing low, sweet chariot,", [(6, "D"), (17, "G"), (22, "D")])
    verse = song.sections[1].lines[0]
    assert [(verse.text[i:i + 4], name) for i, name in verse.chords] == [("look", "D"), ("what", "G"), ("see,", "D")]
    assert song.sections[0].lines[1].text == "Comin’ for to carry me home."  # UTF-8 apostrophe kept
    assert song.estimated and song.notes == []                    # '#' comment lines are not lyrics


def test_molly_malone_drops_abc_and_layout_keeps_the_textblock_verse():
    song = read_chordpro(DATA / "chordpro" / "mollymalone.cho")
    assert (song.title, song.subtitle) == ("Molly Malone", "Irish Traditional")
    assert [(s.id, s.kind, len(s.lines)) for s in song.sections] == [("v1", "verse", 6), ("v2", "verse", 6)]
    assert song.order is None
    last = song.sections[0].lines[5]
    assert last.text == "Crying “Cockles and Mussels, alive alive-o”"
    assert [name for _, name in last.chords] == ["G", "Em", "A7", "D7", "G"]
    assert song.sections[1].lines[0].text == "She died of the fever," and song.sections[1].lines[0].chords == []
    assert not any("X: 1" in ln.text or "w:" in ln.text for s in song.sections for ln in s.lines)  # ABC left out
    for dropped in ("abc", "{diagrams}", "{columns}", "{image}", "{column_break}", "tekstblokken"):
        assert any(dropped in note for note in song.notes), dropped


@pytest.mark.parametrize("name", ["swinglow.cho", "mollymalone.cho"])
def test_real_chordpro_round_trip_keeps_text_chords_and_sections(tmp_path, name):
    src = DATA / "chordpro" / name
    [report] = import_files([src], tmp_path / "songs")
    assert report.ok, report.error
    load_song(report.written[0])
    out = export_song(report.written[0], "chordpro", tmp_path / "back.cho")
    first = read_chordpro(src)
    again = parse_chordpro(out.read_text(encoding="utf-8"))
    assert _shape(again) == _shape(first)
    assert (again.order, again.title, again.subtitle) == (first.order, first.title, first.subtitle)
    # and once more: the exported file is a fixed point
    assert parse_chordpro(export_song(report.written[0], "chordpro", tmp_path / "x.cho").read_text("utf-8")) \
        .sections == again.sections


def test_twinkle_kar_headers_verses_words_and_stray_break_mark(tmp_path):
    [report] = import_files([DATA / "kar" / "twinkle.kar"], tmp_path)
    assert report.ok, report.error
    song = read_song_yaml(report.written[0])
    assert (song.title, song.meter, song.tempo, song.key) == ("Twinkle, Twinkle, Little Star", "4/4", 250, None)
    v1, v2 = song.sections
    assert [len(v1.lines), len(v2.lines)] == [6, 6] and (v1.bars, v2.bars) == (26, 27)
    assert (v1.lines[0].text, v1.lines[0].start, v1.lines[0].words) == ("Twinkle, Twinkle little star;", 8, [0, 4, 8, 12])
    assert v1.lines[5].text == "How I wonder what you are."       # the file's "are./ " lost its '/'
    assert v2.lines[0].text == "When the blazing sun is gone,"
    yaml_text = report.written[0].read_text(encoding="utf-8")
    assert "@I: Free use of this file is granted under the terms of the GNU General Public License." in yaml_text
    assert report.written[1].read_bytes() == (DATA / "kar" / "twinkle.kar").read_bytes()


def test_linda_amiga_mid_lyric_events_elisions_keep_word_timing(tmp_path):
    [report] = import_files([DATA / "kar" / "lindaamiga.mid"], tmp_path)
    assert report.ok and report.dropped == [], (report.error, report.dropped)
    song = read_song_yaml(report.written[0])
    assert (song.title, song.meter, song.key, len(song.sections)) == ("lindaamiga", "2/4", "Am", 1)
    lines = song.sections[0].lines
    # "lin|da a|mi|ga": two words on one note both start at that note's beat
    assert (lines[0].text, lines[0].words) == ("Ay, linda amiga", [0, 1, 1.5])
    assert (lines[1].text, lines[1].start, lines[1].words) == ("que no vuelvo a verte,", 3.5, [0, 0.5, 1.5, 2, 2.5])
    assert all(ln.words is not None and len(ln.words) == len(ln.text.split()) for ln in lines)
    assert "42 tempoendringer" in report.written[0].read_text(encoding="utf-8")


def test_ave_maria_mid_utf8_umlauts(tmp_path):
    [report] = import_files([DATA / "kar" / "schubert_avemaria.mid"], tmp_path)
    assert report.ok, report.error
    song = read_song_yaml(report.written[0])
    assert (song.meter, song.tempo, song.key) == ("4/4", 28, "Bb")
    texts = [ln.text for s in song.sections for ln in s.lines]
    assert texts[1] == "Erhöre einer Jungfrau Flehen," and "Ã" not in " ".join(texts)


def test_lrc_parser_examples_offset_translations_and_untimed_lines(tmp_path):
    reports = import_files([DATA / "lrc" / "example.lrc", DATA / "lrc" / "example_spec.lrc"], tmp_path)
    assert all(r.ok for r in reports), [r.error for r in reports]
    plain = read_song_yaml(reports[0].written[0])
    assert (plain.title, plain.tempo, plain.meter) == ("test_lyric", 60, "4/4")
    lines = [ln for s in plain.sections for ln in s.lines]
    # [offset:250]: 2.83 s → 2.58 s; the translation sharing 00:28.33 is left out
    assert [ln.text for ln in lines] == ["Line 1", "Line 2", "Line 3", "Line 4 with translation | 一般大家都这么打翻译", "Line 6"]
    assert lines[2].start == 2.58 and lines[3].start == 28.08 and lines[4].start == 1713.5
    assert any("samme tidsmerke" in n for n in reports[0].dropped)
    spec = read_song_yaml(reports[1].written[0])
    assert spec.title == "Special LRC File Test"
    lines = [ln for s in spec.sections for ln in s.lines]
    # [oFfSeT: 75]; three stamps on one line = three lines; the appended non-LRC block is dropped
    assert [ln.text for ln in lines].count("I hate this kind of lyrics") == 3
    assert lines[0].start == pytest.approx(83.381)
    fast = next(ln for ln in lines if ln.text == "Very fast speed!")
    assert fast.words == [0, 0.02, 0.05]
    assert any("13 linje(r) uten tidsmerke" in n for n in reports[1].dropped)
    for report in reports:
        load_song(report.written[0])


SESSION = """version: 1
title: Importerte sanger
steps:
  - song: twinkle                  # named after its source file
    verses: [1]
  - song: swinglow
"""


def test_imported_songs_pass_check_and_render_headless(tmp_path):
    reports = import_files([DATA / "kar" / "twinkle.kar", DATA / "chordpro" / "swinglow.cho"], tmp_path / "songs")
    assert all(r.ok for r in reports)
    session = tmp_path / "s.yaml"
    session.write_text(SESSION, encoding="utf-8")
    assert cli.main(["check", str(session)]) == 0
    out = tmp_path / "out"
    assert cli.main(["render", str(session), "--out", str(out), "--size", "640x360", "--fps", "5"]) == 0
    events = json.loads((out / "timeline.json").read_text(encoding="utf-8"))["events"]
    lines = [(e["step"], e["text"]) for e in events if e["kind"] == "line"]
    twinkle = read_song_yaml(reports[0].written[0])
    swing = read_chordpro(DATA / "chordpro" / "swinglow.cho")
    sung = {s.id: [ln.text for ln in s.lines] for s in swing.sections}
    assert lines == [(0, ln.text) for ln in twinkle.sections[0].lines] + \
        [(1, text) for section_id in ["c1", "v1", "c1"] for text in sung[section_id]]
    # the first line is shown when the .kar file sings its first syllable (1.92 s into the MIDI)
    midi_first = 0.0
    for message in mido.MidiFile(DATA / "kar" / "twinkle.kar"):
        midi_first += message.time
        if message.type == "text" and message.text.startswith("\\"):
            break
    beat0 = next(e["t"] for e in events if e["kind"] == "beat" and e["step"] == 0 and e["beat"] == 0)
    first = next(e["t"] for e in events if e["kind"] == "line")
    assert first - beat0 == pytest.approx(midi_first, abs=1e-3)
