"""Beat map, fade ramps and the sound-following clock: pure parts, on a manual clock."""

import threading

import pytest

from player.audio.beatmap import BeatMap
from player.audio.fade import Fader, Ramp
from player.audio.soundclock import SoundClock
from player.core.time.clock import ManualClock


def test_constant_beatmap_puts_beat_zero_at_the_offset():
    bm = BeatMap.constant(120, offset_s=0.85)
    assert bm.seconds_at(0) == pytest.approx(0.85)
    assert bm.seconds_at(8) == pytest.approx(4.85)
    assert bm.beat_at(0.85 - 0.5) == pytest.approx(-1)       # count-in before bar 1
    assert bm.beat_at(bm.seconds_at(13.3)) == pytest.approx(13.3)


def test_beat_times_map_follows_a_drifting_track_piecewise():
    bm = BeatMap.from_times([1.0, 1.5, 2.1, 2.8])
    assert bm.beat_at(1.8) == pytest.approx(1.5)
    assert bm.seconds_at(2.5) == pytest.approx(2.45)
    assert bm.seconds_at(4) == pytest.approx(3.5)            # last tempo goes on
    assert bm.bpm_at(2.2) == pytest.approx(60 / 0.7)
    with pytest.raises(ValueError):
        BeatMap.from_times([1.0, 0.9])


def test_ramp_is_smooth_and_reaches_its_end():
    r = Ramp(1.0, 0.0, t0=10.0, seconds=2.0)
    gains = [r.gain(10.0 + i * 0.1) for i in range(21)]
    assert gains[0] == 1.0 and gains[-1] == 0.0
    assert gains[10] == pytest.approx(0.5)
    assert all(a >= b for a, b in zip(gains, gains[1:]))
    assert 0.0 < gains[1] < 1.0 and 0.0 < gains[19] < 1.0    # no cut at either end


def test_fader_applies_a_ramp_then_runs_its_action():
    clock = ManualClock()
    applied, done = [], threading.Event()
    fader = Fader(applied.append, clock, step_s=0.001)
    fader.ramp(0.0, 1.0, then=done.set)
    for _ in range(11):                                      # 1.1 s in steps
        clock.advance(0.1)
        threading.Event().wait(0.01)
    assert done.wait(2.0)
    fader.close()
    assert applied[-1] == 0.0
    assert any(0.2 < g < 0.8 for g in applied)               # it passed through the middle
    assert all(a >= b for a, b in zip(applied, applied[1:]))


def test_clock_holds_until_the_sound_moves_then_runs_at_the_rate():
    clock = ManualClock(100.0)
    sc = SoundClock(clock, lead_s=0.05)
    sc.reset(2.0)
    clock.advance(0.3)
    assert sc.position() == 2.0
    sc.report(2.05, at=clock.now())                          # VLC reports 50 ms ahead
    clock.advance(0.5)
    assert sc.position() == pytest.approx(2.5)
    sc.set_rate(0.8)
    clock.advance(1.0)
    assert sc.position() == pytest.approx(3.3)


def test_clock_slews_small_errors_and_never_runs_backwards():
    clock = ManualClock()
    sc = SoundClock(clock, max_slew=0.05, slew_window_s=0.5)
    sc.reset(0.0)
    sc.report(0.0, at=0.0)
    clock.advance(1.0)
    sc.report(0.97, at=1.0)                                   # 30 ms behind us: slew down
    seen = []
    for _ in range(200):
        clock.advance(0.01)
        seen.append(sc.position())
    assert all(b > a for a, b in zip(seen, seen[1:]))
    assert seen[-1] == pytest.approx(0.97 + 2.0, abs=1e-6)    # caught up after the window
    assert sc.resyncs == 0


def test_clock_jumps_when_far_off_and_stays_in_bound_across_a_rate_change():
    clock = ManualClock()
    sc = SoundClock(clock, lead_s=0.0, resync_s=0.08)
    sc.reset(0.0)
    sc.report(0.0, at=0.0)
    truth, t, rate = 0.0, 0.0, 1.0
    worst = 0.0
    for i in range(600):                                       # 6 s, reports every 250 ms
        if i == 200:
            rate = 0.8
            sc.set_rate(0.8)
        clock.advance(0.01)
        t += 0.01
        # the player applies the new rate 120 ms late (its buffer): the truth lags the clock
        truth += 0.01 * (rate if i >= 212 else 1.0)
        if i % 25 == 0:
            sc.report(truth, at=t)
        worst = max(worst, abs(sc.position() - truth))
    assert worst <= sc.resync_s
    assert abs(sc.position() - truth) < 0.002                  # slewed back onto the sound
    clock.advance(0.01)
    sc.report(truth + 1.0, at=clock.now())                    # a stall or seek: jump
    assert sc.resyncs == 1 and sc.position() == pytest.approx(truth + 1.0)


def test_clock_takes_the_stretch_delay_off_reports_and_drops_reports_from_the_old_rate():
    clock = ManualClock()
    sc = SoundClock(clock, lead_s=0.05, stretch_lead=lambda r: 0.0 if r == 1.0 else 0.034)
    sc.reset(0.0)
    sc.report(0.05, at=0.0)                                   # rate 1: only the format's lead
    clock.advance(1.0)
    assert sc.position() == pytest.approx(1.0)
    sc.set_rate(0.8)
    sc.report(1.05, at=0.99)                                  # made before the change: dropped
    assert sc.position() == pytest.approx(1.0)
    clock.advance(1.0)
    sc.report(2.0 + 0.05 + 0.034, at=clock.now())             # VLC re-buffered: taken as it is
    assert sc.position() == pytest.approx(2.0)                # lead not scaled by the rate
    clock.advance(0.5)
    assert sc.position() == pytest.approx(2.4)


def test_flac_seek_plan_asks_mid_frame_and_lands_on_the_boundary_before(tmp_path):
    from player.audio.seekplan import flac_frame_s, plan_seek
    from .media_gen import clicks, write_sox, write_wav
    frame = 4096 / 44100
    assert flac_frame_s(write_sox(tmp_path / "c.flac", clicks(1.0))) == pytest.approx(frame)
    assert flac_frame_s(write_wav(tmp_path / "c.wav", clicks(1.0))) is None
    plan = plan_seek(4.0, frame)                       # frame 43 starts at 3.9938 s
    assert plan.lands_s == pytest.approx(43 * frame)
    assert plan.request_ms == round(42.5 * frame * 1000)   # mid-frame: never within 1 ms of a boundary
    assert plan_seek(43 * frame, frame).lands_s == pytest.approx(43 * frame)   # on a boundary: there
    assert plan_seek(0.05, frame) == (0, 0.0)
    assert plan_seek(4.0, None) == (4000, 4.0)         # other formats: the target itself


@pytest.mark.timeout(10)
def test_a_fifo_named_flac_is_not_waited_on(tmp_path):
    # open() of a FIFO with no writer blocks for ever: the header read goes through the one
    # reading layer, which refuses anything but a regular file
    import os
    from player.audio.seekplan import flac_frame_s
    fifo = tmp_path / "opptak.flac"
    os.mkfifo(fifo)
    assert flac_frame_s(fifo) is None
