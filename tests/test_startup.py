"""Start-up and the first frames: what the first step does not need waits until the first frame
is drawn and is prepared on a worker thread; a song whose backing is not ready yet shows its
first screen at once and the sound starts behind it; a broken script is still refused before
a window opens. Mechanisms only: the timings are in bench/bench_live.py."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest

from player.core.model import intents as I
from player.core.model.tempomap import TempoMap
from player.core.script.config import load_config
from player.core.script.library import Library
from player.core.script.loader import load_session
from player.core.show.runner import Runner
from player.core.time.backing import Abilities
from player.core.time.clock import ManualClock, MonotonicClock
from player.display.app import App
from player.live import LiveBackings, made_engine
from player.midi.pending import PendingBacking
from player.midi.prepare import Preparer
from player.show import LiveSource

from .test_show import song_session
from .waiting import wait_until


def test_the_first_frames_are_drawn_while_the_songbook_and_the_synth_still_load_and_a_song_starts_behind_its_screen(
        tmp_path, caplog):
    # given a show whose songbook and synth engine take until the test releases them
    path = song_session(tmp_path)
    session = load_session(path, Library.for_session(path, (), project_root=tmp_path))
    config = load_config(user_file=None)
    released, asked_at_frame = threading.Event(), []
    frames = lambda: app.frames    # noqa: E731

    def slow_songbook():
        assert released.wait(30)
        return (session.steps[1].song,)

    def slow_engine(soundfont, rate):            # the worker's first job
        asked_at_frame.append(frames())
        assert released.wait(30)
        return made_engine(soundfont, rate)

    clock = MonotonicClock()
    preparer = Preparer()
    backings = LiveBackings(config, clock, lambda text: None, preparer=preparer, make_engine=slow_engine)
    runner = Runner(session, clock, config.texts(), backings=backings)
    source = LiveSource(runner, backings, clock, songbook=slow_songbook, preparer=preparer)
    app = App(source, config, windowed=True, size=(320, 180), clock=clock, after_frame=source.after_frame)
    caplog.set_level(logging.INFO, logger="helsekor")
    try:
        # when the app runs: it draws, and the slow parts are asked for only once the first frame is drawn
        app.run(max_frames=5)
        assert app.frames == 5
        assert len(wait_until(lambda: asked_at_frame)) == 1 and asked_at_frame[0] >= 1
        assert runner.songbook == () and not backings.output_open
        # when Next goes into the MIDI song while its file and the synth are not ready
        runner.handle(I.Next())
        app.run(max_frames=app.frames + 1)
        snap = runner.snapshot()
        assert snap.scene == "lyrics" and snap.title == "Tellesang"       # its first screen, this frame
        pending = runner.act.backing
        assert isinstance(pending, PendingBacking) and not pending.started
        # then, once released, the sound starts behind it and its start latency is logged
        released.set()

        def started():
            app.run(max_frames=app.frames + 1)
            return pending.started
        assert wait_until(started, timeout_s=30)
        assert backings.output_open and pending.real.output is backings.selector.port
        assert len(backings.start_latencies) == 1 and backings.start_latencies[0] > 0
        assert any("the sound started" in r.getMessage() for r in caplog.records)
        assert wait_until(lambda: (app.run(max_frames=app.frames + 1), runner.songbook)[1], timeout_s=30)
        assert [s.title for s in runner.songbook] == ["Tellesang"]
    finally:
        released.set()
        runner.close()
        backings.close()
        preparer.close()
        app.close()


class RecordingBacking:
    """A backing that records what it is asked."""

    def __init__(self):
        self.abilities = Abilities(transpose=True, guide=True)
        self.calls: list = []

    def __getattr__(self, name):
        return lambda *args: self.calls.append((name, *args))

    def position(self):
        return 12.5

    def poll(self):
        return []


def test_a_pending_backing_stands_at_its_count_in_and_hands_on_what_was_asked_meanwhile():
    clock = ManualClock()
    ready: list = []
    latencies: list = []
    pending = PendingBacking(lambda: ready[0] if ready else None, clock, Abilities(transpose=True, guide=True),
                             count_in_beats=4.0, on_started=latencies.append)
    pending.start(8.0, True)
    pending.set_transpose(2)
    pending.mute_channel(1, True)
    pending.set_tempo_scale(0.9)
    clock.advance(0.25)
    assert pending.poll() == [] and not pending.started
    assert pending.position() == 4.0                 # where its count-in starts, standing still
    real = RecordingBacking()
    ready.append(real)
    clock.advance(0.25)
    assert pending.poll() == [] and pending.started
    assert ("start", 8.0, True) in real.calls
    assert {("set_transpose", 2), ("mute_channel", 1, True), ("set_tempo_scale", 0.9)} <= set(real.calls)
    assert latencies == [pytest.approx(0.5)]
    assert pending.position() == 12.5                # the real one's from now on


def test_a_pending_backing_that_cannot_be_made_reports_it_and_a_stopped_one_never_starts():
    clock = ManualClock()
    def broken():
        raise RuntimeError("the file is gone")
    pending = PendingBacking(broken, clock, Abilities())
    pending.start(0.0, True)
    assert [e.kind for e in pending.poll()] == ["error"]
    made: list = []
    stopped = PendingBacking(lambda: made.append(1) or RecordingBacking(), clock, Abilities())
    stopped.stop()
    stopped.start(0.0, True)
    assert stopped.poll() == [] and made == [] and not stopped.started


def test_a_broken_script_is_refused_before_a_window_opens_also_after_its_midi_was_checked_good(
        tmp_path, monkeypatch, capsys):
    from player import cli
    path = song_session(tmp_path)
    config = tmp_path / "config.yaml"
    config.write_text(f"state_dir: {tmp_path / 'state'}\nlog_dir: {tmp_path / 'logs'}\n", encoding="utf-8")
    monkeypatch.setenv("HELSEKOR_CONFIG", str(config))
    monkeypatch.setenv("HELSEKOR_HOME", str(tmp_path / "home"))
    opened: list = []
    monkeypatch.setattr(App, "open", lambda self: opened.append(self))
    assert cli.main(["check", str(path)]) == 0
    assert (tmp_path / "home" / "cache" / "midi-checks.json").is_file()   # its verdict is remembered
    (tmp_path / "songs" / "telle.mid").write_bytes(b"MThd\x00\x00\x00\x06garbage")
    assert cli.main(["run", str(path), "--windowed", "--restart"]) == 1
    assert "telle.mid" in capsys.readouterr().err and opened == []
    path.write_text("version: 1\ntitle: T\nsteps:\n  - song: finnes-ikke\n", encoding="utf-8")
    assert cli.main(["run", str(path), "--windowed", "--restart"]) == 1
    assert opened == []
