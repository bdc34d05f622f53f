"""The loader reads a whole session, and reports every problem with its file and line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import mido
import pytest

from player.midi.song import midi_problem

from player.core.model.errors import ScriptError
from player.core.script.library import Library
from player.core.script.loader import load_session, load_song

SONG = """\
version: 1
title: Testsang
meter: 4/4
tempo: 100
key: G
timing:
  - [0, 4]
  - [4, 4]
sections:
  - id: v1
    name: Vers 1
    lines:
      - "[G]Ro, ro, ro din [D]båt"
      - "ro den over [G]vann"
  - id: r
    name: Refreng
    kind: chorus
    lines:
      - text: "La la la"
        start: 0
        length: 4
        words: [0, 1, 2]
  - id: v2
    name: Vers 2
    lines:
      - "Andre vers her"
      - "og så er det slutt"
order: [v1, r, v2, r]
"""

EXERCISE = """\
version: 1
title: Pust
kind: breathing
instructions: [Pust inn., Pust ut.]
repeats: 3
breathing:
  - {phase: inhale, seconds: 4}
  - {phase: exhale, seconds: 6}
"""


def make(tmp: Path, session: str, song: str = SONG, exercise: str = EXERCISE) -> Path:
    (tmp / "songs").mkdir(exist_ok=True)
    (tmp / "exercises").mkdir(exist_ok=True)
    (tmp / "songs" / "testsang.yaml").write_text(song, encoding="utf-8")
    (tmp / "exercises" / "pust.yaml").write_text(exercise, encoding="utf-8")
    path = tmp / "s.yaml"
    path.write_text(textwrap.dedent(session), encoding="utf-8")
    return path


def load(path: Path):
    return load_session(path, Library.for_session(path, (), project_root=path.parent), midi_probe=midi_problem)


def problems(path: Path) -> list[str]:
    with pytest.raises(ScriptError) as info:
        load(path)
    return [str(p) for p in info.value.problems]


def test_a_valid_session_loads_with_resolved_references_and_plan(tmp_path):
    path = make(tmp_path, """\
        version: 1
        title: Torsdag
        defaults: {tempo_scale: 0.9}
        steps:
          - text: Velkommen!
          - exercise: pust
          - song: testsang
            verses: [2]
          - pause: Kaffe
            duration: 10min
        """)
    session = load(path)
    text, ex, song, pause = session.steps
    assert [s.kind for s in session.steps] == ["text", "exercise", "song", "pause"]
    assert ex.exercise.title == "Pust" and ex.then == "next" and song.then == "hold"
    assert ex.planned_seconds == pytest.approx(3 * 10)
    # verse 2 (2 bars) + its chorus (1 bar) = 12 beats at 100 bpm * 0.9, no count-in without backing
    assert song.backing == "none"
    assert song.planned_seconds == pytest.approx(12 * 60 / 90)
    assert pause.planned_seconds == 600
    plan = song.song.plan(song.verses)
    assert [(p.section.id, p.start, p.verse_number) for p in plan] == [("v2", 12.0, 2), ("r", 20.0, 0)]


def test_chords_are_taken_out_of_the_text_and_kept_with_their_positions(tmp_path):
    make(tmp_path, "version: 1\ntitle: x\nsteps: [{text: hei}]\n")
    song = load_song(tmp_path / "songs" / "testsang.yaml")
    line = song.sections[0].lines[0]
    assert line.text == "Ro, ro, ro din båt"
    assert line.chords == ((0, "G"), (15, "D"))
    assert line.text[15:] == "båt"
    chorus = song.section("r").lines[0]
    assert [(w.text, w.offset) for w in chorus.words] == [("La", 0), ("la", 1), ("la", 2)]


def test_unknown_key_is_reported_with_its_line_and_a_suggestion(tmp_path):
    path = make(tmp_path, """\
        version: 1
        title: T
        steps:
          - song: testsang
            tempo_scal: 0.9
        """)
    assert problems(path) == [
        f"{path}:5:17: step 1, tempo_scal: unknown key 'tempo_scal' (did you mean 'tempo_scale'?)"
    ]


def test_a_missing_song_says_where_it_looked(tmp_path):
    path = make(tmp_path, """\
        version: 1
        title: T
        steps:
          - song: nidelven-stille-og-vakker
        """)
    [p] = problems(path)
    assert p.startswith(f"{path}:4:11: step 1, song: no song 'nidelven-stille-og-vakker' (looked in: ")
    assert str(tmp_path / "songs" / "nidelven-stille-og-vakker.yaml") in p
    assert "library folder (library: in your settings" in p


def test_bad_types_ranges_and_durations_are_all_reported_at_once(tmp_path):
    path = make(tmp_path, """\
        version: 1
        title: T
        steps:
          - pause: Kaffe
            duration: ti minutter
          - song: testsang
            tempo_scale: 3
          - song: testsang
            transpose: two
          - text: Hei
            then: later
        """)
    ps = problems(path)
    assert len(ps) == 4
    assert ps[0].startswith(f"{path}:5:15: step 1, duration: expected a duration such as 90, 90s, 2min")
    assert ps[1] == f"{path}:7:18: step 2, tempo_scale: 3 is out of range (allowed: 0.5 to 1.5)"
    assert ps[2].startswith(f"{path}:9:16: step 3, transpose: expected a whole number from -12 to 12")
    assert ps[3].startswith(f"{path}:11:11: step 4, then: 'later' is not allowed (allowed: next, hold)")


@pytest.mark.parametrize("text, seconds", [("90", 90), ("90s", 90), ("2min", 120), ("1min 30s", 90), ("1:30", 90)])
def test_durations_in_every_documented_form(tmp_path, text, seconds):
    path = make(tmp_path, f"version: 1\ntitle: T\nsteps:\n  - pause: P\n    duration: '{text}'\n")
    assert load(path).steps[0].duration == seconds


def test_song_tempo_out_of_range_points_into_the_song_file(tmp_path):
    path = make(tmp_path, "version: 1\ntitle: T\nsteps: [{song: testsang}]\n", song=SONG.replace("tempo: 100", "tempo: 400"))
    assert problems(path) == [f"{tmp_path / 'songs' / 'testsang.yaml'}:4:8: tempo: 400 is out of range (allowed: 20 to 300)"]


def test_overlapping_lines_and_lines_past_the_section_are_errors(tmp_path):
    song = SONG.replace("  - [4, 4]", "  - [3, 4]").replace("    kind: chorus\n", "    kind: chorus\n    bars: 1\n").replace(
        "        length: 4\n        words", "        length: 6\n        words")
    path = make(tmp_path, "version: 1\ntitle: T\nsteps: [{song: testsang}]\n", song=song)
    f = tmp_path / "songs" / "testsang.yaml"
    ps = problems(path)
    assert f"{f}:14:9: sections no. 1, lines no. 2: starts at beat 3, before the line above ends (beat 4); lines may not overlap" in ps
    assert any(p.startswith(f"{f}:18:11: sections no. 2, bars: the lines run to beat 6, past the end of the section (1 bars = 4 beats)") for p in ps)
    assert any(p.startswith(f"{f}:28:9: sections no. 3, lines no. 2: starts at beat 3") for p in ps)


def test_word_times_must_match_the_words(tmp_path):
    song = SONG.replace("words: [0, 1, 2]", "words: [0, 1]")
    path = make(tmp_path, "version: 1\ntitle: T\nsteps: [{song: testsang}]\n", song=song)
    f = tmp_path / "songs" / "testsang.yaml"
    assert problems(path) == [f"{f}:22:16: sections no. 2, lines no. 1, words: 2 times for 3 words; give one beat offset per word"]


def test_invalid_yaml_is_reported_with_its_line(tmp_path):
    path = make(tmp_path, "version: 1\ntitle: T\nsteps:\n  - text: [unclosed\n  - song: x\n")
    [p] = problems(path)
    assert p.startswith(f"{path}:5:")
    assert "is not closed" in p and "[YAML: " in p


def test_a_missing_and_a_corrupt_midi_file_are_found_at_check_time(tmp_path):
    song = SONG.replace("key: G\n", "key: G\nmidi: testsang.mid\n")
    path = make(tmp_path, "version: 1\ntitle: T\nsteps: [{song: testsang}]\n", song=song)
    f = tmp_path / "songs" / "testsang.yaml"
    [p] = problems(path)
    assert p.startswith(f"{f}:6:7: midi: file not found: {tmp_path / 'songs' / 'testsang.mid'}")
    # a truncated file: a valid header, then the track cut short
    mid = mido.MidiFile()
    track = mido.MidiTrack([mido.Message("note_on", note=60, time=0), mido.Message("note_off", note=60, time=480)])
    mid.tracks.append(track)
    mid.save(str(tmp_path / "songs" / "testsang.mid"))
    data = (tmp_path / "songs" / "testsang.mid").read_bytes()
    (tmp_path / "songs" / "testsang.mid").write_bytes(data[:-6])
    [p] = problems(path)
    assert p.startswith(f"{f}:6:7: midi: testsang.mid is not a readable MIDI file")
    # and a whole one loads, with MIDI backing by default
    mid.save(str(tmp_path / "songs" / "testsang.mid"))
    assert load(path).steps[0].backing == "midi"


def test_backing_that_the_song_does_not_have_is_an_error(tmp_path):
    path = make(tmp_path, "version: 1\ntitle: T\nsteps:\n  - song: testsang\n    backing: audio\n")
    assert problems(path) == [f"{path}:5:14: step 1, backing: the song 'testsang' has no audio file"]


def test_a_step_must_be_exactly_one_kind(tmp_path):
    path = make(tmp_path, "version: 1\ntitle: T\nsteps:\n  - song: testsang\n    text: hei\n  - title: x\n")
    ps = problems(path)
    assert ps == [
        f"{path}:4:5: step 1: a step is exactly one of: text, pause, exercise, song, video (found text and song)",
        f"{path}:6:5: step 2: a step is exactly one of: text, pause, exercise, song, video (found none)",
    ]


def test_breath_holds_are_refused_unless_allowed(tmp_path):
    ex = EXERCISE + "  - {phase: hold, seconds: 2}\n"
    path = make(tmp_path, "version: 1\ntitle: T\nsteps: [{exercise: pust}]\n", exercise=ex)
    [p] = problems(path)
    assert p.startswith(f"{tmp_path / 'exercises' / 'pust.yaml'}:9:13: breathing no. 3, phase: breath-holds are off by default")
    path = make(tmp_path, "version: 1\ntitle: T\nsteps: [{exercise: pust}]\n", exercise=ex + "allow_hold: true\n")
    assert load(path).steps[0].exercise.cycle_seconds == 12


def test_verses_out_of_range(tmp_path):
    path = make(tmp_path, "version: 1\ntitle: T\nsteps:\n  - song: testsang\n    verses: [1, 3]\n")
    assert problems(path) == [f"{path}:5:17: step 1, verses no. 2: 3 is out of range (allowed: 1 to 2)"]


def test_a_song_named_by_path_relative_to_the_session(tmp_path):
    other = tmp_path / "andre"
    other.mkdir()
    (other / "min.yaml").write_text(SONG.replace("Testsang", "Min sang"), encoding="utf-8")
    path = make(tmp_path, "version: 1\ntitle: T\nsteps: [{song: andre/min.yaml}]\n")
    assert load(path).steps[0].title == "Min sang"


def test_a_file_that_is_not_utf8(tmp_path):
    path = make(tmp_path, "version: 1\ntitle: T\nsteps: [{text: hei}]\n")
    path.write_bytes("version: 1\ntitle: Bl\xe5b\xe6r\nsteps: [{text: hei}]\n".encode("latin-1"))
    assert problems(path) == [f"{path}:2:1: the file is not UTF-8 text (save it as UTF-8)"]


def test_object_building_tags_are_never_run(tmp_path):
    path = make(tmp_path, "version: 1\ntitle: !!python/object/apply:os.system ['echo hacked']\nsteps: [{text: hei}]\n")
    [p] = problems(path)
    assert p.startswith(f"{path}:2:8: the tag '!!python/object/apply:os.system' is not allowed")


def test_midi_cues_are_checked_with_their_line(tmp_path):
    from player.midi.cues import cue_problems

    song = SONG.replace("key: G\n", "key: G\nprogram: 5\ncues:\n  - {send: program 12 bank 3}\n  - {bar: 3, send: cc 64 300}\n")
    path = make(tmp_path, "version: 1\ntitle: T\nsteps:\n  - song: testsang\n    cues:\n      - {bar: 0, send: cc 1 2}\n"
                          "      - {send: {sysex: F0 43 7E F7}}\n", song=song)
    with pytest.raises(ScriptError) as info:
        load_session(path, Library.for_session(path, (), project_root=tmp_path), cue_checker=cue_problems)
    got = [str(p) for p in info.value.problems]
    f = tmp_path / "songs" / "testsang.yaml"
    assert got[0] == f"{path}:6:15: step 1, cues no. 1, bar: 0 is out of range (allowed: 1 to 999)"
    assert got[1].startswith(f"{f}:9:20: cues no. 2, send: value: 300 is out of range (0–127) (a cue is a note, cc")
    assert len(got) == 2
    # corrected, the cues are in the model: at the start, or at a bar
    path.write_text("version: 1\ntitle: T\nsteps:\n  - song: testsang\n    cues: [{bar: 2, send: cc 1 2}]\n", encoding="utf-8")
    (tmp_path / "songs" / "testsang.yaml").write_text(song.replace("cc 64 300", "cc 64 127"), encoding="utf-8")
    step = load_session(path, Library.for_session(path, (), project_root=tmp_path), cue_checker=cue_problems).steps[0]
    assert [(c.bar, c.send) for c in step.song.cues] == [(None, "program 12 bank 3"), (3, "cc 64 127")]
    assert [(c.bar, c.send) for c in step.cues] == [(2, "cc 1 2")]
    assert step.song.program == 5


# --- a song written by hand: a title and its words ------------------------------------

MINIMAL = """\
title: Vi vandrer med freidig mot
lyrics: |
  1. Vi vandrer med freidig mot
  mot Kanaans land

  Refreng:
  Halleluja, halleluja
  vi går hjem

  2. Vi [G]går og går
  alltid fram

  Refreng
"""


def test_a_song_of_only_a_title_and_lyrics_loads_with_defaults_and_estimated_timing(tmp_path):
    path = make(tmp_path, "version: 1\ntitle: T\nsteps:\n  - exercise: pust\n  - song: testsang\n    verses: [2]\n",
                song=MINIMAL, exercise=EXERCISE.replace("version: 1\n", ""))
    exercise, step = load(path).steps                  # no version in the song or the exercise
    assert exercise.exercise.title == "Pust"
    song = step.song
    assert (song.title, song.tempo, str(song.meter), song.key) == ("Vi vandrer med freidig mot", 100, "4/4", "")
    assert [(s.id, s.kind) for s in song.sections] == [("v1", "verse"), ("c1", "chorus"), ("v2", "verse")]
    assert song.order == ("v1", "c1", "v2", "c1") and song.verse_count == 2
    v1, _, v2 = song.sections
    # the verse number is left out; a beat per syllable, whole bars, one line after the other
    assert [(ln.text, ln.start, ln.length) for ln in v1.lines] == [
        ("Vi vandrer med freidig mot", 0, 8), ("mot Kanaans land", 8, 4)]
    assert v1.beats == 12 and v2.lines[0].chords == ((3, "G"),)
    assert step.verses == (2,) and step.backing == "none" and step.planned_seconds > 0


def test_what_is_still_wrong_in_a_hand_written_song_is_named_at_its_line(tmp_path):
    song = "title: Feil\nmeter: 3/4\nlyrics: |\n  En to tre\n\n  fire [Q]fem\nsections: []\n"
    path = make(tmp_path, "version: 1\ntitle: T\nsteps:\n  - song: testsang\n", song=song)
    f = tmp_path / "songs" / "testsang.yaml"
    got = problems(path)
    assert f"{f}:6:1: lyrics, v2 no. 1: '[Q]' is not a chord name (such as G, Am, D7, F#m, C/E)" in got
    assert any(p.startswith(f"{f}:7:11: sections: give either 'lyrics'") for p in got), got
    (tmp_path / "songs" / "testsang.yaml").write_text("title: Ingen ord\ntempo: 90\n", encoding="utf-8")
    assert problems(path) == [(f"{f}:1:1: the words are missing: write them under 'lyrics: |' (a blank line "
                               "between verses), or give 'sections', or say 'lyrics: from-midi'")]
    (tmp_path / "songs" / "testsang.yaml").write_text("title: Skrivefeil\nlyrics: from-midd\n", encoding="utf-8")
    assert problems(path) == [f"{f}:2:9: lyrics: 'from-midd' is not allowed (allowed: from-midi); did you mean 'from-midi'?"]


def test_sections_without_ids_or_timing_get_them(tmp_path):
    song = ("title: Uten id\nmeter: 3/4\nsections:\n  - lines: [Første linje her, og en til]\n"
            "  - kind: chorus\n    lines: [{text: Refreng, length: 6}, Slutt]\n  - id: v1\n    lines: [Siste]\n")
    path = make(tmp_path, "version: 1\ntitle: T\nsteps:\n  - song: testsang\n", song=song)
    s = load(path).steps[0].song
    assert [(x.id, x.kind) for x in s.sections] == [("v2", "verse"), ("c1", "chorus"), ("v1", "verse")]
    assert [(ln.start, ln.length) for ln in s.sections[1].lines] == [(0, 6), (6, 3)]
    # a timing list that is given must still cover every line
    path = make(tmp_path, "version: 1\ntitle: T\nsteps:\n  - song: testsang\n",
                song=song.replace("meter: 3/4\n", "meter: 3/4\ntiming: [[0, 3]]\n"))
    assert any("line 2 has no timing" in p for p in problems(path))


@pytest.mark.parametrize("lyrics, message", [
    ("[a, b]", ("2:9: lyrics: expected the words as text ('lyrics: |' with the lines under it, a blank line "
                "between verses) or 'from-midi', found a list")),
    ("|\n  Refreng:", "2:9: lyrics: there are no words to sing here (only a chorus label)"),
    ("|\n  En linje\n\n  " + "la " * 101, "5:1: lyrics, v2 no. 1: too long (302 characters, at most 300)"),
])
def test_lyrics_that_cannot_be_sung_say_why(tmp_path, lyrics, message):
    path = make(tmp_path, "version: 1\ntitle: T\nsteps:\n  - song: testsang\n", song=f"title: Feil\nlyrics: {lyrics}\n")
    assert problems(path) == [f"{tmp_path / 'songs' / 'testsang.yaml'}:{message}"]


def test_one_line_of_lyrics_on_the_key_line_is_a_song(tmp_path):
    path = make(tmp_path, "version: 1\ntitle: T\nsteps:\n  - song: testsang\n", song="title: Kort\nlyrics: Halleluja\n")
    song = load(path).steps[0].song
    assert [(s.id, [ln.text for ln in s.lines]) for s in song.sections] == [("v1", ["Halleluja"])]


def test_a_broken_song_named_by_two_steps_is_one_problem_not_a_crash(tmp_path):
    # the second step found the song already read (and its problem already said): it crashed
    # with AttributeError on the missing song's title (found by the planner)
    from player.core.model.errors import ScriptError
    from player.core.script.loader import load_session
    (tmp_path / "songs").mkdir()
    (tmp_path / "songs" / "brutt.yaml").write_text("version: 1\ntitle: Brutt\nsections: 7\n", encoding="utf-8")
    (tmp_path / "okt.yaml").write_text("version: 1\ntitle: Prøve\nsteps:\n  - song: brutt\n  - song: brutt\n",
                                       encoding="utf-8")
    with pytest.raises(ScriptError) as err:
        load_session(tmp_path / "okt.yaml")
    assert any("brutt.yaml" in str(p) for p in err.value.problems)
    # the second step says where its song's problems are listed
    assert any(p.path == "steps[1].song" and "first names it" in p.message for p in err.value.problems)
