"""Headless rehearsal: timeline.json agrees with the sound in audio.wav.

Each timing check (beats sound, lines on beats, breathing lengths) is one test, run on two
rehearsals: a small session built here, where every number is known, and the shipped demo
(``demo_rehearsal``, rendered once per run), where real songs, a sound font's flute guide and
step-level repeats meet the same rules."""

from __future__ import annotations

import json
import wave
from pathlib import Path

import mido
import numpy as np
import pytest

from player import cli
from player.core.script.loader import load_session

from .onsets import rise_at

ROOT = Path(__file__).resolve().parent.parent

SONG = """\
version: 1
title: Tellesang
meter: 4/4
tempo: 100
midi: telle.mid
timing: [[0, 4], [4, 4]]
sections:
  - id: v1
    name: Vers 1
    lines: ["[C]En to tre fire", "fem seks sju åtte"]
  - id: v2
    name: Vers 2
    lines: ["ni ti elleve tolv", "tretten fjorten femten seksten"]
"""

BREATH = """\
version: 1
title: Pust
kind: breathing
instructions: [Pust rolig.]
repeats: 2
breathing:
  - {phase: inhale, seconds: 3}
  - {phase: sound, seconds: 5, text: Aaa…}
"""

SESSION = """\
version: 1
title: Øving
steps:
  - text: Velkommen
  - exercise: pust
  - song: telle
    verses: [2]
  - song: telle
    tempo_scale: 0.8
"""


def write_midi(path: Path, beats: int = 16, bpm: int = 100) -> None:
    """One short piano note on every beat, as a song's melody would have."""
    mid = mido.MidiFile(ticks_per_beat=480)
    meta = mido.MidiTrack([mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(bpm)),
                           mido.MetaMessage("time_signature", numerator=4, denominator=4)])
    notes = mido.MidiTrack([mido.Message("program_change", program=0)])
    for b in range(beats):
        notes.append(mido.Message("note_on", note=60 + b % 8, velocity=100, time=0 if b == 0 else 240))
        notes.append(mido.Message("note_off", note=60 + b % 8, velocity=0, time=240))
    mid.tracks += [meta, notes]
    mid.save(str(path))


def onsets(path: Path) -> tuple[np.ndarray, int]:
    """Times (s) where the sound's energy jumps: the start of each note or click."""
    with wave.open(str(path)) as w:
        sr = w.getframerate()
        a = np.frombuffer(w.readframes(w.getnframes()), np.int16).reshape(-1, 2).astype(float).mean(axis=1)
    hop = 64
    a = np.concatenate([np.zeros(8 * hop), a])     # silence before, so a sound at t = 0 is an onset too
    frames = len(a) // hop
    rms = np.sqrt((a[: frames * hop].reshape(frames, hop) ** 2).mean(axis=1))
    floor = max(80.0, 0.12 * float(np.percentile(rms, 99)))   # reverb tails are not onsets
    found: list[float] = []
    for i in range(8, frames):
        background = rms[i - 8:i - 2].mean()
        if rms[i] > 2.5 * background + 40 and rms[i] > floor:
            t = (i - 8) * hop / sr
            if not found or t - found[-1] > 0.08:
                found.append(t)
    return np.array(found), sr


@pytest.fixture(scope="module")
def rehearsal(tmp_path_factory):
    root = tmp_path_factory.mktemp("rehearsal")
    (root / "songs").mkdir()
    (root / "exercises").mkdir()
    (root / "songs" / "telle.yaml").write_text(SONG, encoding="utf-8")
    write_midi(root / "songs" / "telle.mid")
    (root / "exercises" / "pust.yaml").write_text(BREATH, encoding="utf-8")
    (root / "s.yaml").write_text(SESSION, encoding="utf-8")
    out = root / "out"
    assert cli.main(["render", str(root / "s.yaml"), "--out", str(out), "--size", "640x360"]) == 0
    return out, json.loads((out / "timeline.json").read_text(encoding="utf-8"))


def test_every_beat_sounds_within_a_frame_of_its_time(rehearsal, demo_rehearsal):
    out, timeline = rehearsal
    found, sr = onsets(out / "audio.wav")
    beats = [e for e in timeline["events"] if e["kind"] == "beat" and e["step"] >= 2]
    # count-in (4 clicks) + verse 2 (8 beats), then count-in + both verses (16 beats) slower
    assert len(beats) == (4 + 8) + (4 + 16)
    errors = [float(np.min(np.abs(found - e["t"]))) for e in beats]
    assert max(errors) < 1 / 30, f"worst beat is {max(errors) * 1000:.1f} ms from its sound"
    assert timeline["sample_rate"] == sr == 44100

    # the demo: every beat of every backed song and pulse exercise (the flute guide swells in
    # slowly, so the onset is looked for per band)
    _, timeline, audio, sr = demo_rehearsal
    beats = [e for e in timeline["events"] if e["kind"] == "beat"]
    assert len(beats) > 500
    rises = np.array([rise_at(audio, sr, e["t"]) for e in beats])
    silent = [(e["step"], e["beat"]) for e, r in zip(beats, rises) if r < 5]
    assert silent == [], f"{len(silent)} beats without a sound starting within 1/30 s"
    # the check can fail: the same beats claimed 60 ms (about two frames) early mostly have no sound
    early = np.array([rise_at(audio, sr, e["t"] - 0.06) for e in beats])
    assert (early >= 5).mean() < 0.2


def test_there_is_no_sound_where_no_beat_is(rehearsal):
    out, timeline = rehearsal
    found, _ = onsets(out / "audio.wav")
    beat_times = np.array([e["t"] for e in timeline["events"] if e["kind"] == "beat" and e["step"] >= 2])
    stray = [t for t in found if np.min(np.abs(beat_times - t)) > 1 / 30]
    assert stray == []


def test_lines_fall_on_their_beats_and_skipped_verses_are_not_sung(rehearsal, demo_rehearsal):
    _, timeline = rehearsal
    events = timeline["events"]
    lines = [e for e in events if e["kind"] == "line"]
    assert [e["text"] for e in lines] == ["ni ti elleve tolv", "tretten fjorten femten seksten",
                                          "En to tre fire", "fem seks sju åtte",
                                          "ni ti elleve tolv", "tretten fjorten femten seksten"]
    assert lines[0]["section"] == "Vers 2"      # one verse sung of two: its own name, not «av 2» (issue 14)
    beat_at = {(e["step"], e["beat"]): e["t"] for e in events if e["kind"] == "beat"}
    first_beats = [8, 12, 0, 4, 8, 12]   # each line starts on a beat of the MIDI file
    for line, beat in zip(lines, first_beats):
        assert line["t"] == pytest.approx(beat_at[(line["step"], beat)], abs=1e-6)
    # tempo 0.8: a 4-beat line lasts 4 * 0.6 / 0.8 s
    slow = [e["t"] for e in lines if e["step"] == 3]
    assert np.diff(slow) == pytest.approx([3.0, 3.0, 3.0])

    # the demo: every line of every song with backing starts where its beat is heard
    _, timeline, _, _ = demo_rehearsal
    events = timeline["events"]
    lines = [e for e in events if e["kind"] == "line"]
    assert len(lines) > 100
    for line in lines:
        beats = [e for e in events if e["kind"] == "beat" and e["step"] == line["step"] and not e.get("count_in")]
        if not beats:                                 # a song rehearsed without backing has no beats
            continue
        xs = np.array([b["beat"] for b in beats])
        ts = np.array([b["t"] for b in beats])
        assert line["t"] == pytest.approx(float(np.interp(line["beat"], xs, ts)), abs=0.002), line


def test_breathing_phases_have_the_patterns_lengths(rehearsal, demo_rehearsal):
    _, timeline = rehearsal
    phases = [e for e in timeline["events"] if e["kind"] == "phase"]
    assert [(e["name"], e["seconds"]) for e in phases] == [("inhale", 3), ("sound", 5)] * 2
    starts = [e["t"] for e in phases]
    assert np.diff(starts) == pytest.approx([3, 5, 3])

    # the demo: each breathing step, with the step's own repeats and tempo
    _, timeline, _, _ = demo_rehearsal
    session = load_session(ROOT / "sessions" / "demo.yaml")
    events = timeline["events"]
    checked = 0
    for step in session.steps:
        if step.exercise is None or step.exercise.kind != "breathing":
            continue
        phases = [e for e in events if e["kind"] == "phase" and e["step"] == step.index]
        pattern = [(p.phase, p.seconds) for p in step.exercise.breathing]
        assert [(e["name"], e["seconds"]) for e in phases] == pattern * (len(phases) // len(pattern))
        assert len(phases) == len(pattern) * (step.repeats or 1)
        gaps = np.diff([e["t"] for e in phases])
        assert gaps == pytest.approx([e["seconds"] / step.tempo_scale for e in phases[:-1]], abs=1 / 30)
        checked += 1
    assert checked >= 3


def test_frames_and_contact_sheet_are_written(rehearsal):
    out, timeline = rehearsal
    frames = sorted(p.name for p in (out / "frames").glob("*.png"))
    steps = {name.split("_")[0] for name in frames}
    assert steps == {"step01", "step02", "step03", "step04"}
    assert (out / "contact.png").stat().st_size > 1000
    assert [e["type"] for e in timeline["events"] if e["kind"] == "step"] == ["text", "exercise", "song", "song"]


def test_an_imitation_exercise_clicks_on_every_beat_it_shows(tmp_path):
    (tmp_path / "exercises").mkdir()
    (tmp_path / "exercises" / "klapp.yaml").write_text(
        "version: 1\ntitle: Klapp etter meg\nkind: pulse\ninstructions: [Klapp etter meg.]\n"
        "tempo: 100\nmeter: 3/4\nrepeats: 2\n", encoding="utf-8")
    (tmp_path / "s.yaml").write_text("version: 1\ntitle: P\nsteps: [{exercise: klapp}]\n", encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["render", str(tmp_path / "s.yaml"), "--out", str(out), "--size", "320x180"]) == 0
    timeline = json.loads((out / "timeline.json").read_text(encoding="utf-8"))
    beats = [e for e in timeline["events"] if e["kind"] == "beat"]
    assert len(beats) == 3 + 2 * 2 * 3          # a bar of count-in, then 2 rounds of call + response bars
    found, _ = onsets(out / "audio.wav")
    errors = [float(np.min(np.abs(found - e["t"]))) for e in beats]
    assert max(errors) < 1 / 30
    assert len(found) == len(beats)             # one click per beat shown, and no others


def test_a_six_eight_song_counts_in_and_beats_on_dotted_quarters(tmp_path):
    """6/8 is felt in two: the count-in clicks, the beat events and the sound agree on it."""
    (tmp_path / "songs").mkdir()
    mid = mido.MidiFile(ticks_per_beat=480)
    meta = mido.MidiTrack([mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(120)),
                           mido.MetaMessage("time_signature", numerator=6, denominator=8)])
    notes = mido.MidiTrack()
    for k in range(8):                                        # a note on every dotted quarter, 4 bars
        notes.append(mido.Message("note_on", note=64, velocity=100, time=0 if k == 0 else 360))
        notes.append(mido.Message("note_off", note=64, velocity=0, time=360))
    mid.tracks += [meta, notes]
    mid.save(str(tmp_path / "songs" / "vugge.mid"))
    (tmp_path / "songs" / "vugge.yaml").write_text(
        "version: 1\ntitle: Vugge\nmeter: 6/8\ntempo: 120\nmidi: vugge.mid\ntiming: [[0, 6], [6, 6]]\n"
        "sections: [{id: v1, name: Vers 1, lines: [Vugge vugge, over vann]}]\n", encoding="utf-8")
    (tmp_path / "s.yaml").write_text("version: 1\ntitle: V\nsteps: [{song: vugge}]\n", encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["render", str(tmp_path / "s.yaml"), "--out", str(out), "--size", "320x180"]) == 0
    events = json.loads((out / "timeline.json").read_text(encoding="utf-8"))["events"]
    beats = [e for e in events if e["kind"] == "beat"]
    assert [e["beat"] for e in beats] == [-3.0, -1.5] + [1.5 * k for k in range(8)]
    assert [e["downbeat"] for e in beats[:4]] == [True, False, True, False]
    found, _ = onsets(out / "audio.wav")
    assert max(float(np.min(np.abs(found - e["t"]))) for e in beats) < 1 / 30
    assert len(found) == len(beats)


def test_a_fault_during_the_rehearsal_is_in_the_timelines_notices(tmp_path, monkeypatch):
    from player.render import RehearsalBackings

    def broken(self, step):
        raise RuntimeError("synthen er borte")

    monkeypatch.setattr(RehearsalBackings, "song", broken)
    (tmp_path / "songs").mkdir()
    (tmp_path / "songs" / "telle.yaml").write_text(SONG, encoding="utf-8")
    write_midi(tmp_path / "songs" / "telle.mid")
    (tmp_path / "s.yaml").write_text("version: 1\ntitle: F\nsteps: [{song: telle}]\n", encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["render", str(tmp_path / "s.yaml"), "--out", str(out), "--size", "320x180"]) == 0
    timeline = json.loads((out / "timeline.json").read_text(encoding="utf-8"))
    assert any("synthen er borte" in n for n in timeline["notices"])
    # the song goes on by hand, a line at a time at its tempo (4 beats at 100 bpm = 2.4 s)
    lines = [e for e in timeline["events"] if e["kind"] == "line"]
    assert [e["text"] for e in lines][:3] == ["En to tre fire", "fem seks sju åtte", "ni ti elleve tolv"]
    assert np.diff([e["t"] for e in lines][:3]) == pytest.approx([2.4, 2.4], abs=0.04)


def test_the_contact_sheet_labels_each_tile_with_its_step_number_and_title(tmp_path):
    """Issue 14, item 4: a tile says which step it is, counted from 1 as the plan counts."""
    import pygame
    from player.render import contact_sheet
    frames = []
    for name, colour in (("step01_t00000.00.png", (200, 0, 0)), ("step01_t00001.00.png", (0, 0, 200)),
                         ("step03_t00009.00.png", (0, 200, 0))):
        surface = pygame.Surface((320, 180))
        surface.fill(colour)
        pygame.image.save(surface, str(tmp_path / name))
        frames.append(tmp_path / name)
    placed = contact_sheet(frames, tmp_path / "contact.png", {1: "1. Velkommen", 3: "3. Fader Jakob"})
    assert [text for text, _ in placed] == ["1. Velkommen", "3. Fader Jakob"]
    sheet = pygame.image.load(str(tmp_path / "contact.png"))
    for _, rect in placed:                       # the label's letters are on the sheet
        colours = {tuple(sheet.get_at((x, y)))[:3] for x in range(rect[0], rect[0] + rect[2])
                   for y in range(rect[1], rect[1] + rect[3])}
        assert len(colours) > 3
