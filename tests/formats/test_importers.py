"""Importers on files written for the tests and on real public files (tests/formats/data/README.md)."""

from pathlib import Path

import mido
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from player.core.script.loader import load_song
from player.formats.chordpro import parse_chordpro
from player.formats.commands import export_song, import_files
from player.formats.reader import read_song_yaml

DATA = Path(__file__).parent / "data"

CHORDPRO = """{title: Ro, ro, ro din båt}
{st: Barnesang}
{artist: Tradisjonell}
{key: C}
{tempo: 90}
{time: 3/4}
{capo: 2}
# a comment line
{start_of_verse: Vers 1}
[C]Ro, ro, ro din båt
[G]ro den over [C]vann
{end_of_verse}
{soc}
Syng en [F]sang for [G7]meg
{eoc}
{c: Alle synger}
{sov label="Vers 2"}
Ro til [Am]fjerne strender
{eov}
{chorus}
{textfont: Arial}
{x_custom: kept out}
"""


def test_chordpro_fields_sections_chords_and_recall():
    song = parse_chordpro(CHORDPRO)
    assert (song.title, song.subtitle, song.credits, song.key, song.tempo, song.meter, song.capo) == (
        "Ro, ro, ro din båt", "Barnesang", "Tradisjonell", "C", 90, "3/4", 2)
    assert [(s.id, s.name, s.kind) for s in song.sections] == [
        ("v1", "Vers 1", "verse"), ("c1", "Refreng", "chorus"), ("v2", "Vers 2", "verse")]
    assert song.order == ["v1", "c1", "v2", "c1"]
    line = song.sections[0].lines[1]
    assert (line.text, line.chords) == ("ro den over vann", [(0, "G"), (12, "C")])
    assert song.sections[2].comments == ["Alle synger"]
    assert song.estimated and all(ln.length % 3 == 0 for s in song.sections for ln in s.lines)
    assert any("x_custom" in n for n in song.notes) and any("textfont" in n for n in song.notes)


def test_chordpro_round_trip_keeps_text_chords_and_sections(tmp_path):
    src = tmp_path / "ro.cho"
    src.write_text(CHORDPRO, encoding="utf-8")
    [report] = import_files([src], tmp_path / "songs")
    assert report.ok and report.estimated
    loaded = load_song(report.written[0])
    assert [s.id for s in loaded.sections] == ["v1", "c1", "v2"] and list(loaded.order) == ["v1", "c1", "v2", "c1"]
    out = export_song(report.written[0], "chordpro", tmp_path / "back.cho")
    first, again = parse_chordpro(CHORDPRO), parse_chordpro(out.read_text(encoding="utf-8"))
    assert [(s.kind, s.name, [(ln.text, ln.chords) for ln in s.lines]) for s in again.sections] == \
        [(s.kind, s.name, [(ln.text, ln.chords) for ln in s.lines]) for s in first.sections]
    assert again.order == first.order and again.title == first.title and again.capo == 2


def test_chordpro_in_cp1252_and_without_sections(tmp_path):
    src = tmp_path / "gammel.pro"
    src.write_bytes("{t: Blåveis}\n[D]Første linje\nAndre [A]linje\n\nTredje vers\n".encode("cp1252"))
    [report] = import_files([src], tmp_path)
    song = read_song_yaml(report.written[0])
    assert song.title == "Blåveis" and [len(s.lines) for s in song.sections] == [2, 1]
    assert song.sections[0].lines[0].text == "Første linje"


OPENLYRICS_08 = """<?xml version="1.0" encoding="UTF-8"?>
<song xmlns="http://openlyrics.info/namespace/2009/song" version="0.8">
 <properties><titles><title lang="nb">Nordlandsnatt</title><title lang="en">Northern night</title></titles>
  <authors><author type="words">Ola</author><author type="music">Kari</author></authors>
  <tempo type="bpm">84</tempo><key>D</key><verseOrder>v1 c v2 c</verseOrder>
  <comments><comment>Rolig</comment></comments></properties>
 <lyrics>
  <verse name="v1" lang="nb"><lines><chord name="D"/>Natta er <chord name="A7"/>lys<br/>over <tag name="it">havet</tag></lines></verse>
  <verse name="v1" lang="en"><lines>The night is bright</lines></verse>
  <verse name="c" lang="nb"><lines>Syng <chord root="G" structure="min" bass="Bb">med</chord> oss</lines></verse>
  <verse name="v2" lang="nb"><lines>Andre vers</lines></verse>
 </lyrics></song>"""


def test_openlyrics_both_chord_forms_language_and_order(tmp_path):
    src = tmp_path / "natt.xml"
    src.write_text(OPENLYRICS_08, encoding="utf-8")
    [report] = import_files([src], tmp_path / "out")
    assert report.ok, report.error
    song = read_song_yaml(report.written[0])
    assert (song.title, song.credits, song.tempo, song.key) == ("Nordlandsnatt", "Tekst: Ola · Melodi: Kari", 84, "D")
    v1 = song.sections[0]
    assert [(ln.text, ln.chords) for ln in v1.lines] == [("Natta er lys", [(0, "D"), (9, "A7")]), ("over havet", [])]
    assert song.sections[1].lines[0].chords == [(5, "Gm/Bb")]
    assert song.order == ["v1", "c", "v2", "c"]
    assert any("en" in note for note in report.dropped)
    load_song(report.written[0])


def test_openlyrics_real_files():
    from player.formats.openlyrics import read_openlyrics

    grace = read_openlyrics(DATA / "openlyrics" / "amazing-grace.xml")
    assert grace.title == "Amazing Grace" and grace.credits == "John Newton" and len(grace.sections) == 4
    first = grace.sections[0].lines[0]
    assert first.text.startswith("Amazing grace how sweet the sound") and first.chords[:2] == [(1, "D"), (8, "D7")]
    friend = read_openlyrics(DATA / "openlyrics" / "what-a-friend-0.8.xml")
    assert [len(s.lines) for s in friend.sections] == [4, 4, 4]
    assert friend.credits == "Joseph M. Scriven · Charles C. Convers"
    assert friend.sections[2].lines[3].text == "In His arms He’ll take and shield thee; Thou wilt find a solace there."
    hava = read_openlyrics(DATA / "openlyrics" / "hava-nagila.xml", preferred=("en",))
    assert hava.title == "Let Us Rejoice" and hava.sections[0].lines[0].text == "Let's rejoice"


def test_openlyrics_malformed_and_cp1252(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<song><lyrics><verse name='v1'><lines>Hei</verse></song>", encoding="utf-8")
    [report] = import_files([bad], tmp_path)
    assert not report.ok and "bad.xml:1:" in report.error and "XML" in report.error
    latin = tmp_path / "latin.xml"
    latin.write_bytes(OPENLYRICS_08.replace('<?xml version="1.0" encoding="UTF-8"?>', "").encode("cp1252"))
    [report] = import_files([latin], tmp_path)
    assert report.ok and "Nordlandsnatt" in report.written[0].read_text(encoding="utf-8")


def _kar(path: Path, encoding: str) -> None:
    mid = mido.MidiFile(ticks_per_beat=96)
    meta = mido.MidiTrack([mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(120)),
                           mido.MetaMessage("time_signature", numerator=3, denominator=4),
                           mido.MetaMessage("key_signature", key="F")])
    words = mido.MidiTrack([mido.MetaMessage("text", text="@TBlåbærtur".encode(encoding).decode("latin-1"))])
    notes = mido.MidiTrack()
    syllables = [(0, "\\Blå"), (96, "bær "), (192, "i "), (288, "skog"), (576, "/Sol "), (672, "og "), (768, "vind"),
                 (1152, "\\Vers "), (1248, "to")]
    prev = 0
    for tick, text in syllables:
        words.append(mido.MetaMessage("text", text=text.encode(encoding).decode("latin-1"), time=tick - prev))
        prev = tick
    for i in range(16):
        notes.append(mido.Message("note_on", note=60, velocity=64, time=0 if i == 0 else 48))
        notes.append(mido.Message("note_off", note=60, time=48))
    mid.tracks.extend([meta, words, notes])
    mid.save(str(path))


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_kar_lines_paragraphs_word_timing_and_midi_copy(tmp_path, encoding):
    src = tmp_path / "tur.kar"
    _kar(src, encoding)
    [report] = import_files([src], tmp_path / "songs")
    assert report.ok, report.error
    yaml_path, midi_path = report.written
    assert midi_path.suffix == ".mid" and midi_path.read_bytes() == src.read_bytes()
    song = read_song_yaml(yaml_path)
    assert (song.title, song.meter, song.tempo, song.key) == ("Blåbærtur", "3/4", 120, "F")
    v1, v2 = song.sections
    assert [ln.text for ln in v1.lines] == ["Blåbær i skog", "Sol og vind"] and v2.lines[0].text == "Vers to"
    assert (v1.lines[0].start, v1.lines[0].words) == (0, [0, 2, 3])
    assert (v1.lines[1].start, v1.lines[1].words) == (6, [0, 1, 2])
    assert v1.bars * 3 + v2.lines[0].start == 12  # verse 2 sits where the MIDI sings it
    loaded = load_song(yaml_path)
    assert [ln.text for ln in loaded.sections[0].lines] == ["Blåbær i skog", "Sol og vind"]


def test_midi_without_lyrics_is_a_clear_error(tmp_path):
    src = tmp_path / "plain.mid"
    mid = mido.MidiFile()
    mid.tracks.append(mido.MidiTrack([mido.Message("note_on", note=60), mido.Message("note_off", note=60, time=480)]))
    mid.save(str(src))
    [report] = import_files([src], tmp_path)
    assert not report.ok and "plain.mid" in report.error and "sangtekst" in report.error


LRC = """[ti:Sommersang]
[ar:Ukjent]
[offset:+500]
[00:02.50]<00:02.50>Sol <00:03.50>over <00:04.00>fjell
[00:07.00]Vind i [00:20.00]kveld
[00:11.00]
[00:13.00]<00:13.00>Nytt <00:14.00>vers
"""


def test_lrc_seconds_become_beats_at_tempo_60(tmp_path):
    src = tmp_path / "sommer.lrc"
    src.write_text(LRC, encoding="utf-8")
    (tmp_path / "sommer.ogg").write_bytes(b"OggS fake audio for copying")
    [report] = import_files([src], tmp_path / "songs")
    assert report.ok, report.error
    assert [p.suffix for p in report.written] == [".yaml", ".ogg"]
    song = read_song_yaml(report.written[0])
    assert (song.title, song.tempo, song.meter, song.credits) == ("Sommersang", 60, "4/4", "Ukjent")
    v1, v2 = song.sections
    assert [(ln.text, ln.start, ln.length) for ln in v1.lines] == [("Sol over fjell", 2, 4.5), ("Vind i kveld", 6.5, 4)]
    assert v1.lines[0].words == [0, 1, 1.5]
    assert v1.bars == 3 and v2.lines[0].start == 0.5 and v2.lines[0].words == [0, 1]  # 12.5 s = bar 3 + 0.5
    assert song.sections[0].lines[1].text == "Vind i kveld"
    loaded = load_song(report.written[0])
    assert loaded.audio is not None and loaded.tempo == 60


def test_musicxml_real_files_give_song_and_midi(tmp_path):
    reports = import_files([DATA / "musicxml" / "fosterBrownHair.mxl", DATA / "musicxml" / "aloha_oe.mxl"], tmp_path)
    assert all(r.ok for r in reports), [r.error for r in reports]
    jeanie = read_song_yaml(reports[0].written[0])
    assert (jeanie.title, jeanie.meter, jeanie.key) == ("Jeanie With The Light Brown Hair", "4/4", "C")
    first = jeanie.sections[0].lines[0]
    assert first.text.startswith("I dream of Jeannie with the light brown hair") and (2, "F") in first.chords
    assert first.start == 2 and first.words[:3] == [0, 2, 5]
    midi = mido.MidiFile(str(reports[0].written[1]))
    lyrics = [m.text for t in midi.tracks for m in t if m.type == "lyrics"]
    assert lyrics[:3] == ["I ", "dream ", "of "]
    assert any(m.type == "note_on" and m.channel == 1 for t in midi.tracks for m in t)  # chord accompaniment
    aloha = read_song_yaml(reports[1].written[0])
    assert aloha.title == "Aloha Oe" and aloha.key == "G" and len(aloha.sections) == 2
    assert aloha.sections[0].lines[0].text == "Aloha oe," and aloha.sections[1].lines[0].text == "Farewell to thee,"
    for report in reports:
        song = load_song(report.written[0])
        assert song.midi is not None


MUSICXML = """<?xml version="1.0"?><score-partwise><work><work-title>Liten sang</work-title></work>
<part-list><score-part id="P1"/></part-list><part id="P1"><measure number="1">
<attributes><divisions>2</divisions><key><fifths>-1</fifths></key><time><beats>2</beats><beat-type>4</beat-type></time></attributes>
<direction><sound tempo="72"/></direction>
<harmony><root><root-step>F</root-step></root><kind>major</kind></harmony>
<note><pitch><step>F</step><octave>4</octave></pitch><duration>2</duration><voice>1</voice>
 <lyric number="1"><syllabic>begin</syllabic><text>Som</text></lyric><lyric number="2"><syllabic>single</syllabic><text>Nå</text></lyric></note>
<note><pitch><step>A</step><octave>4</octave></pitch><duration>2</duration><voice>1</voice>
 <lyric number="1"><syllabic>end</syllabic><text>mer,</text></lyric><lyric number="2"><syllabic>single</syllabic><text>går</text></lyric></note>
</measure><measure number="2">
<harmony><root><root-step>C</root-step></root><kind>dominant</kind></harmony>
<note><pitch><step>G</step><octave>4</octave></pitch><duration>4</duration><voice>1</voice>
 <lyric number="1"><syllabic>single</syllabic><text>sol</text></lyric><lyric number="2"><syllabic>single</syllabic><text>vi</text></lyric></note>
</measure></part></score-partwise>"""


@pytest.mark.parametrize("suffix", [".musicxml", ".xml", ".mxl"])
def test_musicxml_verses_hyphenation_chords_and_compression(tmp_path, suffix):
    import zipfile

    src = tmp_path / f"liten{suffix}"
    if suffix == ".mxl":
        with zipfile.ZipFile(src, "w") as z:
            z.writestr("META-INF/container.xml", '<container><rootfiles><rootfile full-path="s.xml"/></rootfiles></container>')
            z.writestr("s.xml", MUSICXML)
    else:
        src.write_text(MUSICXML, encoding="utf-8")
    [report] = import_files([src], tmp_path / "songs")
    assert report.ok, report.error
    song = read_song_yaml(report.written[0])
    assert (song.title, song.tempo, song.meter, song.key) == ("Liten sang", 72, "2/4", "F")
    v1, v2 = song.sections
    assert [(ln.text, ln.chords, ln.words) for ln in v1.lines] == [("Sommer,", [(0, "F")], [0]), ("sol", [(0, "C7")], [0])]
    assert v1.bars == 2 and v2.lines[0].text == "Nå går vi" and v2.lines[0].words == [0, 1, 2]
    notes = [m for t in mido.MidiFile(report.written[1]).tracks for m in t if m.type == "note_on" and m.channel == 0]
    assert [m.note for m in notes] == [65, 69, 67] * 2
    load_song(report.written[0])


REAL = sorted(p for p in DATA.rglob("*") if p.is_file() and p.suffix != ".md")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".cho", ".xml", ".kar", ".lrc", ".musicxml", ".mxl"]))
def test_random_bytes_never_raise(tmp_path, data, suffix):
    src = tmp_path / f"noise{suffix}"
    src.write_bytes(data)
    [report] = import_files([src], tmp_path / "out")
    assert report.ok or "noise" in report.error


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(which=st.sampled_from(REAL), cut=st.floats(0, 1), flips=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), max_size=5))
def test_mutated_real_files_never_raise(tmp_path, which, cut, flips):
    data = bytearray(which.read_bytes())
    for where, value in flips:
        data[int(where * (len(data) - 1))] = value
    data = bytes(data[: max(1, int(len(data) * cut))])
    src = tmp_path / f"mutert{which.suffix}"
    src.write_bytes(data)
    [report] = import_files([src], tmp_path / "out")
    assert report.ok or "mutert" in report.error
