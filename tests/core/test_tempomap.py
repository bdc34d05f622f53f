"""TempoMap: seconds ↔ beats ↔ bar:beat, from a song or a MIDI file's events."""

import mido
import pytest

from player.core.model.tempomap import TempoMap, tap_tempo


def test_constant_tempo_converts_both_ways():
    tm = TempoMap.constant(90, 3)
    assert tm.seconds_at(3) == pytest.approx(2.0)
    assert tm.beat_at(2.0) == pytest.approx(3.0)
    assert tm.bar_beat(4.5) == (2, pytest.approx(1.5))
    assert tm.beat_of_bar(3, 1) == pytest.approx(7.0)


def test_count_in_beats_are_negative_and_in_bar_zero():
    tm = TempoMap.constant(120, 4)
    assert tm.seconds_at(-4) == pytest.approx(-2.0)
    assert tm.bar_beat(-4) == (0, 0.0)
    assert tm.bar_beat(-1) == (0, 3.0)


def _midi_with_changes():
    mid = mido.MidiFile(type=1, ticks_per_beat=96)
    t0 = mido.MidiTrack()
    t0.append(mido.MetaMessage("time_signature", numerator=4, denominator=4, time=0))
    t0.append(mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(120), time=0))
    t0.append(mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(60), time=4 * 96))      # beat 4
    t0.append(mido.MetaMessage("time_signature", numerator=6, denominator=8, time=4 * 96))  # beat 8
    t0.append(mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(180), time=3 * 96))     # beat 11
    mid.tracks.append(t0)
    return mid


def test_from_midi_follows_several_tempo_changes():
    tm = TempoMap.from_midi(_midi_with_changes())
    # 4 beats at 120 (2 s) + 7 beats at 60 (7 s) + 3 beats at 180 (1 s)
    assert tm.seconds_at(4) == pytest.approx(2.0)
    assert tm.seconds_at(11) == pytest.approx(9.0)
    assert tm.seconds_at(14) == pytest.approx(10.0)
    for beat in (0.5, 3.9, 4.0, 7.25, 11.0, 13.5, 20):
        assert tm.beat_at(tm.seconds_at(beat)) == pytest.approx(beat)
    assert tm.bpm_at(12) == pytest.approx(180, rel=1e-5)   # tempo is whole microseconds


def test_from_midi_meter_change_starts_new_bars():
    tm = TempoMap.from_midi(_midi_with_changes())
    assert tm.bar_beat(7.5) == (2, pytest.approx(3.5))     # 4/4: bar 2 is beats 4–8
    assert tm.bar_beat(8) == (3, 0.0)                      # 6/8 from beat 8: 3 beats a bar
    assert tm.bar_beat(11.5) == (4, pytest.approx(0.5))
    assert tm.meter_at(9).numerator == 6 and tm.meter_at(9).beats_per_bar == 3.0
    assert tm.beat_of_bar(4) == pytest.approx(11.0)


def test_file_without_tempo_is_120_bpm_four_four():
    mid = mido.MidiFile(type=0, ticks_per_beat=480)
    mid.tracks.append(mido.MidiTrack())
    tm = TempoMap.from_midi(mid)
    assert tm.seconds_at(2) == pytest.approx(1.0)
    assert tm.meter_at(0).beats_per_bar == 4.0


def test_ticks_to_beats():
    assert TempoMap.ticks_to_beats(720, 480) == 1.5


def test_tap_tempo_takes_median_and_restarts_after_long_gap():
    assert tap_tempo([0.0]) is None
    assert tap_tempo([0.0, 0.5, 1.0, 1.52, 2.0]) == pytest.approx(120, rel=0.01)
    assert tap_tempo([0.0, 1.0, 5.0, 5.75, 6.5]) == pytest.approx(80)
