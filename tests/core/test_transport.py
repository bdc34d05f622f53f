"""Transport: start, pause, resume, seek and tempo scale on a manual clock."""

import pytest

from player.core.time.clock import ManualClock
from player.core.model.tempomap import TempoMap
from player.core.time.transport import Transport


def make(bpm=120, start=100.0):
    clock = ManualClock(start)
    return clock, Transport(clock, TempoMap.constant(bpm, 4))


def test_position_follows_clock_and_tempo():
    clock, tr = make()
    tr.start(0)
    clock.advance(1.5)
    assert tr.position() == pytest.approx(3.0)
    assert tr.seconds() == pytest.approx(1.5)
    assert tr.bar_beat() == (1, pytest.approx(3.0))


def test_pause_freezes_and_resume_continues():
    clock, tr = make()
    tr.start(0)
    clock.advance(1.0)
    tr.pause()
    clock.advance(10.0)
    assert tr.position() == pytest.approx(2.0)
    assert tr.clock_time_at(3.0) is None
    tr.resume()
    clock.advance(0.5)
    assert tr.position() == pytest.approx(3.0)


def test_seek_jumps_and_keeps_playing():
    clock, tr = make()
    tr.start(0)
    clock.advance(1.0)
    tr.seek(16)
    assert tr.position() == pytest.approx(16)
    clock.advance(0.5)
    assert tr.position() == pytest.approx(17)


def test_tempo_scale_change_has_no_jump_and_changes_speed():
    clock, tr = make()
    tr.start(-4)                        # a count-in bar
    clock.advance(3.0)
    before = tr.position()
    tr.set_tempo_scale(0.5)
    assert tr.position() == pytest.approx(before)
    clock.advance(1.0)                  # one second at half speed = one beat at 120 BPM
    assert tr.position() == pytest.approx(before + 1.0)
    assert tr.bpm() == pytest.approx(60)
    assert tr.clock_time_at(before + 2.0) == pytest.approx(clock.now() + 1.0)


def test_listeners_hear_every_change():
    clock, tr = make()
    calls = []
    tr.add_listener(lambda: calls.append(tr.state))
    tr.start(0); tr.pause(); tr.resume(); tr.seek(4); tr.set_tempo_scale(1.1); tr.stop()
    assert calls == ["playing", "paused", "playing", "playing", "playing", "stopped"]
