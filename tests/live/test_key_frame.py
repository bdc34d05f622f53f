"""Between a key and the frame that answers it the main thread does only what that frame needs:
Next into a song shows the song's first frame before its backing is made and started, and a
log line written in a frame is not a disk write on the main thread. Mechanisms only: the
timings are in bench/bench_live.py."""

from __future__ import annotations

import logging
import threading

import pygame

from player.core.model import intents as I
from player.core.script.config import load_config
from player.core.script.library import Library
from player.core.script.loader import load_session
from player.core.show.runner import Runner
from player.core.time.clock import MonotonicClock
from player.display.ahead import Ahead
from player.display.app import App
from player.display.renderer import Renderer
from player.live import LiveBackings
from player.midi.backing import MidiBacking
from player.midi.pending import PendingBacking
from player.midi.prepare import Preparer
from player.show import LiveSource, setup_logging

from ..test_show import song_session
from ..waiting import wait_until


def test_next_into_a_song_flips_its_first_frame_before_the_backing_is_made_and_started(tmp_path, monkeypatch):
    # given a live show on its first card, the synth open and the song's MIDI file read
    path = song_session(tmp_path)
    session = load_session(path, Library.for_session(path, (), project_root=tmp_path))
    config = load_config(user_file=None)
    clock = MonotonicClock()
    preparer = Preparer()
    backings = LiveBackings(config, clock, lambda text: None, preparer=preparer)
    runner = Runner(session, clock, config.texts(), backings=backings)
    source = LiveSource(runner, backings, clock, preparer=preparer)
    app = App(source, config, windowed=True, size=(320, 180), clock=clock, after_frame=source.after_frame)
    ahead = Ahead(app.renderer)                     # wired as player/show.py wires it
    source.ahead = lambda i: ahead.start(runner, i, app.surface.get_size())
    source.ahead_step = ahead.step
    source.ahead_now = lambda i: ahead.prepare(runner, i, app.surface.get_size())
    order: list[str] = []
    update, made, start = pygame.display.update, MidiBacking.__init__, MidiBacking.start
    prepare, begin = Ahead.prepare, Ahead.start

    def flipped(*args):
        order.append(f"flip {runner.snapshot().scene}")
        return update(*args)

    def making(self, *args, **kw):
        order.append("make")
        made(self, *args, **kw)

    def starting(self, *args, **kw):
        order.append("start")
        start(self, *args, **kw)
    def drawing_ahead(self, runner_, index, size):
        order.append(f"ahead {index + 1}")
        return prepare(self, runner_, index, size)

    def beginning(self, runner_, index, size):
        order.append(f"begin ahead {index + 1}")
        return begin(self, runner_, index, size)
    monkeypatch.setattr(Ahead, "prepare", drawing_ahead)
    monkeypatch.setattr(Ahead, "start", beginning)
    monkeypatch.setattr(pygame.display, "update", flipped)
    monkeypatch.setattr(MidiBacking, "__init__", making)
    monkeypatch.setattr(MidiBacking, "start", starting)
    try:
        def ready():
            app.run(max_frames=app.frames + 1)
            return backings.output_open and backings._midi_ready(session.steps[1].song.midi) is not None \
                and 1 in ahead.prepared
        assert wait_until(ready, timeout_s=60)
        # when Next goes into the song and one frame runs
        order.clear()
        app.post(I.Next(at=clock.now()))
        app.run(max_frames=app.frames + 1)
        # then the song's first frame was flipped first; the step after it was drawn ahead in the
        # silence before the sound; then the song's backing was made and started
        assert order[:2] == ["flip lyrics", "ahead 3"] and order[-2:] == ["make", "start"], order
        # and that first frame was the one drawn ahead, copied: the song's title and count-in as
        # the held backing shows them (player/display/ahead.py stands in for it)
        assert app.renderer.adopted == 1
        fresh = pygame.Surface(app.surface.get_size())
        Renderer(app.settings).draw(fresh, app._last_snapshot, app.chrome())
        assert pygame.image.tobytes(app.surface, "RGB") == pygame.image.tobytes(fresh, "RGB")
        pending = runner.act.backing
        assert isinstance(pending, PendingBacking) and pending.started
        assert backings.start_latencies and backings.start_latencies[-1] > 0   # reported (and logged)
        # and while the song plays nothing more is drawn ahead (text rendering holds the GIL the
        # synth's audio callback needs)
        order.clear()
        app.run(max_frames=app.frames + 30)
        assert not [o for o in order if "ahead" in o], order
    finally:
        runner.close()
        backings.close()
        preparer.close()
        app.close()


def test_a_held_backing_takes_what_was_asked_before_it_was_released(tmp_path):
    path = song_session(tmp_path)
    session = load_session(path, Library.for_session(path, (), project_root=tmp_path))
    config = load_config(user_file=None)
    clock = MonotonicClock()
    preparer = Preparer()
    backings = LiveBackings(config, clock, lambda text: None, preparer=preparer)
    try:
        backings.warm_up()
        backings.prepare(session.steps[1])
        assert wait_until(lambda: (backings.between_frames(), backings.output_open)[1], timeout_s=60)
        assert wait_until(lambda: backings._midi_ready(session.steps[1].song.midi) is not None, timeout_s=30)
        pending, tempo_map = backings.song(session.steps[1])
        assert isinstance(pending, PendingBacking) and pending.held
        assert tempo_map is backings._midi_ready(session.steps[1].song.midi).tempo_map   # the file's own map
        pending.start(0.0, True)
        pending.set_tempo_scale(0.8)
        pending.set_transpose(-2)
        assert not pending.started                    # held: nothing made before the frame is shown
        backings.between_frames()                     # after the frame
        assert pending.started and isinstance(pending.real, MidiBacking)
        assert pending.real.transport.tempo_scale == 0.8
        assert pending.real.scheduler.transpose == -2
        pending.close()
    finally:
        backings.close()
        preparer.close()


def test_a_log_line_is_written_by_the_log_writer_not_by_the_thread_that_logs(tmp_path, monkeypatch):
    # given the show's log, its file handler recording which thread writes
    writes: list[tuple[logging.Handler, str]] = []
    emit = logging.FileHandler.emit

    def recording(self, record):
        writes.append((self, threading.current_thread().name))
        emit(self, record)
    monkeypatch.setattr(logging.FileHandler, "emit", recording)
    root = logging.getLogger()
    before = list(root.handlers)
    path = setup_logging(tmp_path)
    try:
        (handler,) = [h for h in root.handlers if h not in before]
        writers = lambda: [name for h, name in writes if h is handler.target]     # noqa: E731
        # when the main thread logs, with an argument that changes right after
        items = ["first"]
        logging.getLogger("helsekor").warning("the sound started %s", items)
        items.append("changed")
        try:
            raise ValueError("broken")
        except ValueError:
            logging.getLogger("helsekor").exception("a step failed")
        # then the file gets both lines, written on the writer thread, as they were when logged
        assert wait_until(lambda: "a step failed" in path.read_text(encoding="utf-8"), timeout_s=10)
        text = path.read_text(encoding="utf-8")
        assert "the sound started ['first']" in text and "ValueError: broken" in text
        assert writers() and threading.main_thread().name not in writers()
        # and with the writer stopped, flush writes what is still queued at once, on the caller
        # (the watchdog's stack dump and a forced exit call it)
        handler._closed = True
        handler._wake.release()
        handler._thread.join(10)
        assert not handler._thread.is_alive()
        logging.getLogger("helsekor").warning("last words")
        assert "last words" not in path.read_text(encoding="utf-8")
        handler.flush()
        assert "last words" in path.read_text(encoding="utf-8") and writers()[-1] == threading.main_thread().name
    finally:
        for h in [h for h in root.handlers if h not in before]:
            root.removeHandler(h)
            h.close()


def test_a_pulse_exercise_makes_its_click_track_only_when_its_held_backing_is_released(monkeypatch):
    from pathlib import Path

    from player.midi import click
    root = Path(__file__).resolve().parents[2]
    session = load_session(root / "sessions" / "demo.yaml", Library.for_session(root / "sessions" / "demo.yaml", ()))
    step = next(s for s in session.steps if s.exercise is not None and s.exercise.kind == "pulse")
    config = load_config(user_file=None)
    made: list[int] = []
    song = click.pulse_song
    monkeypatch.setattr(click, "pulse_song", lambda *args: made.append(1) or song(*args))
    preparer = Preparer()
    backings = LiveBackings(config, MonotonicClock(), lambda text: None, preparer=preparer)
    try:
        backings.warm_up()
        assert wait_until(lambda: (backings.between_frames(), backings.output_open)[1], timeout_s=60)
        pending = backings.pulse(step)                 # in the frame that answers Next
        pending.start(0.0, True)
        assert isinstance(pending, PendingBacking) and not pending.started and made == []
        backings.between_frames()                      # after that frame is on the screen
        assert pending.started and made == [1]
        pending.close()
    finally:
        backings.close()
        preparer.close()
