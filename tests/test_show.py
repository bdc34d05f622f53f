"""The live show's safety: faults during the show become notices, a killed show resumes at its
step, and the session log records what happened."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from player.core.model import intents as I
from player.core.time.clock import ManualClock
from player.core.script.config import load_config
from player.core.script.library import Library
from player.core.script.loader import load_session
from player.core.show.notices import NoticeBoard
from player.core.show.runner import Runner
from player.records.sessionlog import SessionLog
from player.records.state import StateStore
from player.live import LiveBackings

from .test_render import SONG, write_midi

ROOT = Path(__file__).resolve().parent.parent


def song_session(tmp_path: Path) -> Path:
    (tmp_path / "songs").mkdir()
    (tmp_path / "songs" / "telle.yaml").write_text(SONG, encoding="utf-8")
    write_midi(tmp_path / "songs" / "telle.mid")
    path = tmp_path / "s.yaml"
    path.write_text("version: 1\ntitle: T\nsteps:\n  - text: Hei\n  - song: telle\n", encoding="utf-8")
    return path


def test_a_midi_file_deleted_after_check_gives_a_notice_and_lyrics_by_hand(tmp_path):
    path = song_session(tmp_path)
    session = load_session(path, Library.for_session(path, (), project_root=tmp_path))
    (tmp_path / "songs" / "telle.mid").unlink()           # gone after `check`
    config = load_config(user_file=None)
    clock = ManualClock()
    backings = LiveBackings(config, clock, lambda text: None)
    runner = Runner(session, clock, config.texts(), backings=backings)
    runner.handle(I.Next())
    snap = runner.snapshot()
    assert snap.scene == "lyrics" and snap.lines[1].text == "En to tre fire"
    assert any("telle.mid" in n for n in snap.notices), snap.notices
    runner.handle(I.Next())                                # the conductor steps through by hand
    assert runner.snapshot().lines[1].text == "fem seks sju åtte"
    runner.close()
    backings.close()


def test_the_real_midi_path_plays_through_the_built_in_synth_and_falls_back_from_a_missing_port(tmp_path):
    path = song_session(tmp_path)
    session = load_session(path, Library.for_session(path, (), project_root=tmp_path))
    config = load_config(user_file=None)
    config = replace(config, midi=replace(config.midi, output="Clavinova"))
    clock = ManualClock()
    board = NoticeBoard(clock)                 # the devices post to the runner's board
    backings = LiveBackings(config, clock, board.post)
    runner = Runner(session, clock, config.texts(), backings=backings, notices=board)
    runner.handle(I.Next())
    snap = runner.snapshot()
    assert snap.scene == "lyrics" and snap.pulse is not None     # backed: the pulse follows the synth
    assert any("Clavinova" in n for n in snap.notices), snap.notices   # the missing port is named
    runner.close()
    backings.close()


def test_session_log_has_planned_and_actual_times_changes_and_skips(tmp_path):
    path = song_session(tmp_path)
    session = load_session(path, Library.for_session(path, (), project_root=tmp_path))
    clock = ManualClock()
    log = SessionLog(session, tmp_path / "logs")
    runner = Runner(session, clock, {}, log=log)
    clock.advance(12)
    runner.handle(I.Next())
    clock.advance(3)
    runner.handle(I.TempoDown())
    runner.notify("Mikrofonen er borte")
    clock.advance(5)
    runner.handle(I.GoToStep(index=1))
    log.finish(clock.now())
    data = json.loads(log.base.with_suffix(".json").read_text(encoding="utf-8"))
    steps = data["steps"]
    assert [(s["index"], s["actual_s"]) for s in steps] == [(0, 12.0), (1, 8.0), (1, 0.0)]
    assert steps[1]["tempo_scale"] == 0.95 and steps[1]["notices"] == ["Mikrofonen er borte"]
    # the hold card «Hei» left with Next was done (issue 14), the song left early was skipped
    assert data["skipped"] == [2, 2] and data["steps_done"] == 1
    assert {"t": 15.0, "what": "tempo_scale", "value": 0.95} in data["changes"]
    rows = log.base.with_suffix(".csv").read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("step,title,kind,planned_s,actual_s")
    assert rows[2].startswith("2,Tellesang,song,")


def test_state_store_remembers_the_step_of_this_session_only(tmp_path):
    store = StateStore(tmp_path)
    assert store.load(tmp_path / "a.yaml") is None
    store.save(tmp_path / "a.yaml", 4)
    assert store.load(tmp_path / "a.yaml") == 4
    assert store.load(tmp_path / "b.yaml") is None
    store.path.write_text("{not json", encoding="utf-8")
    assert store.load(tmp_path / "a.yaml") is None


def _start_show(session: Path, config: Path, *extra: str) -> subprocess.Popen:
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", HELSEKOR_CONFIG=str(config))
    return subprocess.Popen([sys.executable, "-m", "player.cli", "run", str(session), "--windowed", *extra],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _wait_for(predicate, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_a_show_killed_with_sigkill_resumes_at_the_same_step(tmp_path):
    """Short exercises move on by themselves; kill -9 the show on step 3, start it again."""
    (tmp_path / "exercises").mkdir()
    (tmp_path / "exercises" / "kort.yaml").write_text(
        "version: 1\ntitle: Kort\nkind: timed\ninstructions: [Et sekund.]\nduration: 1\n", encoding="utf-8")
    session = tmp_path / "s.yaml"
    session.write_text("version: 1\ntitle: T\nsteps:\n" + "  - exercise: kort\n" * 4 + "  - text: Slutt\n",
                       encoding="utf-8")
    config = tmp_path / "config.yaml"
    config.write_text(f"state_dir: {tmp_path / 'state'}\nlog_dir: {tmp_path / 'logs'}\n", encoding="utf-8")
    store = StateStore(tmp_path / "state")

    show = _start_show(session, config)
    try:
        assert _wait_for(lambda: (store.load(session) or 0) >= 2, 20), "the show never reached step 3"
    finally:
        show.send_signal(signal.SIGKILL)
        show.wait(10)
    saved = store.load(session)
    assert saved is not None and saved >= 2

    again = _start_show(session, config)
    try:
        assert _wait_for(lambda: len(list((tmp_path / "logs").glob("*.json"))) >= 2, 20)
    finally:
        again.send_signal(signal.SIGKILL)
        again.wait(10)
    logs = sorted((tmp_path / "logs").glob("*.json"), key=lambda p: p.stat().st_mtime)
    first_step = json.loads(logs[-1].read_text(encoding="utf-8"))["steps"][0]["index"]
    assert first_step == saved, "the restarted show must begin at the step it was killed on"


class _Selector:
    """Stands in for the port selector: everything goes to a recording port."""

    def __init__(self, port):
        self.port = port

    def check(self):
        return []

    def close(self):
        self.port.close()


def test_script_cues_reach_the_pianists_keyboard_at_the_start_and_on_their_bar(tmp_path):
    from player.cli import load
    from player.midi import RecordingPort

    path = song_session(tmp_path)
    song = SONG.replace("midi: telle.mid\n", "midi: telle.mid\nprogram: 5\ncues:\n  - {send: cc 7 100}\n"
                                             "  - {bar: 2, send: program 12}\n")
    (tmp_path / "songs" / "telle.yaml").write_text(song, encoding="utf-8")
    path.write_text("version: 1\ntitle: T\nsteps:\n  - text: Hei\n    cues: [{send: cc 91 40}]\n  - song: telle\n",
                    encoding="utf-8")

    class Args:
        session = str(path)
    config = load_config(user_file=None)
    config = replace(config, library=())
    session = load(Args, config)
    port = RecordingPort()
    backings = LiveBackings(config, ManualClock(), lambda text: None)
    backings._selector = _Selector(port)
    runner = Runner(session, ManualClock(), config.texts(), backings=backings)
    assert [(m.type, m.control, m.value) for _, m in port.messages("control_change")] == [("control_change", 91, 40)]

    backing, _ = backings.song(session.steps[1])
    starts = [(m.type, getattr(m, "program", None), getattr(m, "control", None)) for m in backing.start_messages]
    assert starts == [("program_change", 4, None), ("control_change", None, 7)]   # program 5 = 4 on the wire
    cue_events = [(e.beat, e.message.type, e.message.program) for e in backing.scheduler._events
                  if e.track == -1 and e.message.type == "program_change"]
    assert cue_events == [(4.0, "program_change", 11)]                            # bar 2 in 4/4 = beat 4
    backing.close()
    runner.close()


def test_an_audio_backed_song_follows_vlc_and_a_video_step_plays_and_ends(tmp_path):
    """The live wiring for recordings: VLC plays the file (no sound card: VLC's dummy output),
    the lyrics follow its clock; a video step hands the clip to the video player."""
    import wave

    import numpy as np

    from player.core.time.clock import MonotonicClock

    (tmp_path / "songs").mkdir()
    sr = 44100                                            # clicks at 120 bpm: one every 0.5 s
    audio = np.zeros(int(sr * 6), np.int16)
    for k in range(12):                                   # a click on every beat for 6 s
        start = int(k * 0.5 * sr)
        audio[start:start + 400] = 12000
    with wave.open(str(tmp_path / "songs" / "spor.wav"), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(sr)
        w.writeframes(audio.tobytes())
    (tmp_path / "songs" / "spor.yaml").write_text(
        "version: 1\ntitle: Spor\ntempo: 120\naudio: spor.wav\ntiming: [[0, 2], [2, 2]]\n"
        "sections: [{id: v1, name: Vers 1, lines: [En to, tre fire]}]\n", encoding="utf-8")
    path = tmp_path / "s.yaml"
    path.write_text("version: 1\ntitle: T\nsteps:\n  - song: spor\n", encoding="utf-8")
    session = load_session(path, Library.for_session(path, (), project_root=tmp_path))
    assert session.steps[0].backing == "audio"
    config = load_config(user_file=None)
    config = replace(config, audio=replace(config.audio, vlc_output="adummy"))
    clock = MonotonicClock()
    backings = LiveBackings(config, clock, lambda text: None)
    runner = Runner(session, clock, config.texts(), backings=backings)
    try:
        assert _wait_for(lambda: (runner.tick(), runner.act.position())[1] > 2.2, 8), "VLC never got past beat 2"
        snap = runner.snapshot()
        assert snap.notices == ()
        assert snap.lines[1].text == "tre fire" and snap.lines[1].state == "current"
        assert snap.pulse is not None and snap.pulse.bpm == pytest.approx(120)
    finally:
        runner.close()
        backings.close()


class _FakeVideo:
    def __init__(self):
        self.played, self.stopped, self.events = [], 0, []

    def play(self, path):
        self.played.append(path)

    def stop(self):
        self.stopped += 1

    def poll(self):
        out, self.events = self.events, []
        return out


def test_a_video_step_plays_its_clip_next_ends_it_early_and_its_end_moves_on(tmp_path):
    from player.core.time.backing import BackingEvent
    from player.core.show.runner import NoBackings

    clip = tmp_path / "film.mp4"
    clip.write_bytes(b"\x00" * 64)
    path = tmp_path / "s.yaml"
    path.write_text("version: 1\ntitle: T\nsteps:\n  - video: film.mp4\n    then: next\n  - video: film.mp4\n"
                    "  - text: Slutt\n", encoding="utf-8")
    session = load_session(path, Library.for_session(path, (), project_root=tmp_path))
    videos = []

    class Videos(NoBackings):
        def video(self, step):
            videos.append(_FakeVideo())
            return videos[-1]

    clock = ManualClock()
    runner = Runner(session, clock, {}, backings=Videos())
    assert runner.snapshot().scene == "video" and videos[0].played == [clip]
    videos[0].events.append(BackingEvent("end"))          # the clip played to its end: then: next
    runner.tick()
    assert runner.index == 1 and videos[0].stopped == 1 and videos[1].played == [clip]
    runner.handle(I.Next())                               # Next ends the second clip early
    assert videos[1].stopped == 1 and runner.snapshot().title == "Slutt"


def test_the_pianist_gets_the_first_note_to_sing_in_on(tmp_path):
    from player.midi import load_midi
    from player.live import first_note

    import dataclasses

    import mido

    path = song_session(tmp_path)
    mid = mido.MidiFile(ticks_per_beat=480)                # a rising line: beat b plays note 60 + b
    mid.tracks.append(mido.MidiTrack([m for b in range(16) for m in (
        mido.Message("note_on", note=60 + b, velocity=90, time=0 if b == 0 else 240),
        mido.Message("note_off", note=60 + b, velocity=0, time=240))]))
    mid.save(str(tmp_path / "songs" / "telle.mid"))
    session = load_session(path, Library.for_session(path, (), project_root=tmp_path))
    step = session.steps[1]
    midi = load_midi(tmp_path / "songs" / "telle.mid")
    assert first_note(midi, step, 0) == 60
    assert first_note(midi, dataclasses.replace(step, verses=(2,)), 0) == 68   # verse 2 starts at beat 8
    assert first_note(midi, step, 5) is None               # nothing on another channel
    config = load_config(user_file=None)
    clock = ManualClock()
    backings = LiveBackings(config, clock, lambda text: None)
    runner = Runner(session, clock, config.texts(), backings=backings, start_index=1)
    runner.handle(I.TransposeUp())
    runner.handle(I.TransposeUp())
    info = runner.snapshot().pianist
    assert info.count_in is not None and info.first_note == "D4"    # C4 moved up a whole tone
    runner.close()
    backings.close()


def test_a_step_saved_long_ago_is_not_resumed(tmp_path):
    from player.records.state import MAX_AGE_S

    store = StateStore(tmp_path)
    store.save(tmp_path / "a.yaml", 7)
    saved = json.loads(store.path.read_text(encoding="utf-8"))["saved"]
    assert store.load(tmp_path / "a.yaml", now=saved + 60) == 7              # a crash a minute ago
    assert store.load(tmp_path / "a.yaml", now=saved + MAX_AGE_S + 1) is None  # last week's session


def test_the_songbook_has_every_usable_song_by_title_and_leaves_out_broken_ones(tmp_path):
    from player.wiring import songbook

    path = song_session(tmp_path)
    (tmp_path / "songs" / "brukket.yaml").write_text("version: 1\ntitle: Brukket\ntempo: 999\n", encoding="utf-8")
    (tmp_path / "songs" / "alfa.yaml").write_text(SONG.replace("Tellesang", "Alfabetsang").replace(
        "midi: telle.mid\n", ""), encoding="utf-8")
    session = load_session(path, Library.for_session(path, (), project_root=tmp_path))
    config = load_config(user_file=None)
    titles = [s.title for s in songbook(session, config)]
    assert titles[:2] == ["Alfabetsang", "Alle fugler små de er"]     # by title, the session's and the project's
    assert "Tellesang" in titles and "Brukket" not in titles and "Ro, ro, ro din båt" in titles


def test_the_live_show_closes_only_when_the_end_is_confirmed(tmp_path):
    """Next on the closing card asks first: the app (which stops when its source is finished)
    keeps running until a second Next."""
    from player.core.show.runner import NoBackings
    from player.show import LiveSource

    path = tmp_path / "s.yaml"
    path.write_text("version: 1\ntitle: T\nsteps:\n  - text: Slutt\n", encoding="utf-8")
    session = load_session(path, Library.for_session(path, (), project_root=tmp_path))
    clock = ManualClock()
    texts = load_config(user_file=None).texts()
    source = LiveSource(Runner(session, clock, texts), NoBackings(), clock)
    source.handle(I.Next())
    assert source.runner.finished and not source.finished
    assert source.snapshot().confirm_quit == (texts["end_confirm"], texts["quit_hint"])
    source.handle(I.Next())
    assert source.finished


def test_the_watchdog_silences_a_playing_midi_song_from_its_own_thread(tmp_path):
    """What the watchdog calls when the frame loop stands still: the song stops sounding (all
    sound off on every channel) though the call comes from another thread."""
    import threading

    from player.core.time.clock import MonotonicClock
    from player.midi import RecordingPort
    from player.show import silence_sound

    path = song_session(tmp_path)
    session = load_session(path, Library.for_session(path, (), project_root=tmp_path))
    config = load_config(user_file=None)
    clock = MonotonicClock()
    port = RecordingPort(clock)
    backings = LiveBackings(config, clock, lambda text: None)
    backings._selector = _Selector(port)
    runner = Runner(session, clock, config.texts(), backings=backings)
    try:
        runner.handle(I.Next())
        assert _wait_for(lambda: port.messages("note_on"), 10), "the song never played"
        helper = threading.Thread(target=silence_sound, args=(runner,))
        helper.start()
        helper.join(5)
        offs = {m.channel for _, m in port.messages("control_change") if m.control == 120}
        assert offs == set(range(16))
        sent = len(port.messages("note_on"))
        time.sleep(1.0)
        assert len(port.messages("note_on")) == sent                 # and nothing more plays
    finally:
        runner.close()
        backings.close()
