"""MIDI playback on a manual clock into the recording port: order, times, transpose, mute,
tempo scale, silence on pause/stop/seek/panic, count-in, MIDI clock, program changes."""

import mido
import pytest

from tests.midi.midifixtures import notes_file
from player.core.time.clock import ManualClock
from player.midi.backing import MidiBacking
from player.midi.cues import program_messages, timed_cues
from player.midi.ports import RecordingPort
from player.midi.song import song_from_midifile


def make(mid, **kw):
    clock = ManualClock(10.0)
    port = RecordingPort(clock)
    kw.setdefault("count_in_bars", 0)
    kw.setdefault("volume", 1.0)
    backing = MidiBacking(song_from_midifile(mid), port, clock, threaded=False, **kw)
    return clock, port, backing


def run(clock, backing, until=None):
    """Advance the manual clock from deadline to deadline, sending as the thread would."""
    while (d := backing.next_deadline()) is not None and (until is None or d <= until):
        clock.set(max(d, clock.now()))
        backing.pump()
    if until is not None and until > clock.now():
        clock.set(until)


def notes(port, since=0.0):
    return [(round(t - since, 6), m.type, m.channel, m.note) for t, m in port.messages("note_on", "note_off")]


TEMPO_CHANGES = ((0, 120), (2, 60), (3, 240))
MELODY = [(0, 1, 60, 0), (1, 1, 62, 0), (2, 1, 64, 0), (3, 0.5, 65, 0), (3.5, 0.5, 67, 0)]


@pytest.mark.parametrize("type_", [0, 1])
def test_events_come_in_order_at_exact_times_through_tempo_changes(type_):
    clock, port, b = make(notes_file(MELODY, type_=type_, tempos=TEMPO_CHANGES))
    b.start()
    run(clock, b)
    # beats 0,1 at 120 BPM (0.5 s each); beat 2→3 at 60 (1 s); then 240 (0.25 s per beat)
    assert notes(port, 10.0) == [
        (0.0, "note_on", 0, 60), (0.5, "note_off", 0, 60), (0.5, "note_on", 0, 62),
        (1.0, "note_off", 0, 62), (1.0, "note_on", 0, 64), (2.0, "note_off", 0, 64),
        (2.0, "note_on", 0, 65), (2.125, "note_off", 0, 65), (2.125, "note_on", 0, 67),
        (2.25, "note_off", 0, 67),
    ]
    assert [e.kind for e in b.poll()] == ["end"]
    assert b.poll() == []


def test_running_status_file_is_read(tmp_path):
    # type 0, one track: note on C4, then running status (no status byte) for its note off
    track = bytes([0x00, 0x90, 60, 100, 0x83, 0x60, 60, 0, 0x00, 0xFF, 0x2F, 0x00])
    data = b"MThd" + (6).to_bytes(4, "big") + bytes([0, 0, 0, 1, 0x01, 0xE0]) + b"MTrk" + len(track).to_bytes(4, "big") + track
    path = tmp_path / "rs.mid"
    path.write_bytes(data)
    clock = ManualClock()
    port = RecordingPort(clock)
    b = MidiBacking(str(path), port, clock, count_in_bars=0, volume=1.0, threaded=False)
    b.start()
    run(clock, b)
    assert notes(port) == [(0.0, "note_on", 0, 60), (0.5, "note_off", 0, 60)]


def test_transpose_shifts_every_channel_but_drums_and_note_off_matches():
    mid = notes_file([(0, 1, 60, 0), (0, 1, 36, 9), (0, 1, 48, 3)])
    clock, port, b = make(mid, transpose=3)
    b.start()
    run(clock, b, until=10.25)
    b.set_transpose(-2)                     # while the notes sound: they must still end
    run(clock, b)
    ons = sorted((m.channel, m.note) for _, m in port.messages("note_on"))
    offs = sorted((m.channel, m.note) for _, m in port.messages("note_off"))
    assert ons == [(0, 63), (3, 51), (9, 36)]
    assert offs == ons


def test_mute_channel_and_track_silence_held_notes_and_skip_new_ones():
    guide = [(0, 2, 72, 0), (2, 1, 74, 0)]
    accomp = [(0, 3, 48, 1)]
    mid = notes_file(guide, extra_tracks=[accomp])
    clock, port, b = make(mid)
    b.start()
    run(clock, b, until=10.5)
    b.mute_channel(0)                       # the melody guide
    run(clock, b, until=11.25)
    b.mute_track(2)                         # the accompaniment track
    assert notes(port, 10.0) == [(0.0, "note_on", 0, 72), (0.0, "note_on", 1, 48),
                                 (0.5, "note_off", 0, 72), (1.25, "note_off", 1, 48)]
    port.clear()
    run(clock, b)
    assert notes(port) == []                # 74 on the muted channel never sounds


def test_unmute_plays_again():
    clock, port, b = make(notes_file([(0, 1, 60, 0), (1, 1, 62, 0)]))
    b.mute_channel(0)
    b.start()
    run(clock, b, until=10.25)
    b.mute_channel(0, muted=False)
    run(clock, b)
    assert [(m.type, m.note) for _, m in port.messages("note_on", "note_off")] == [("note_on", 62), ("note_off", 62)]


def test_tempo_scale_mid_song_keeps_position_and_stretches_the_rest():
    clock, port, b = make(notes_file([(k, 1, 60 + k, 0) for k in range(6)]))
    b.start()
    run(clock, b, until=11.25)              # beat 2.5
    assert b.position() == pytest.approx(2.5)
    b.set_tempo_scale(0.5)
    assert b.position() == pytest.approx(2.5)
    run(clock, b)
    on_times = [round(t - 10.0, 6) for t, _ in port.messages("note_on")]
    # beats 0,1,2 at 0.5 s; beat 3 is 0.5 beat after 1.25 s at half speed (1 s per beat)
    assert on_times == [0.0, 0.5, 1.0, 1.75, 2.75, 3.75]


def _silenced_all_channels(port):
    cc = {(m.channel, m.control, m.value) for _, m in port.messages("control_change")}
    return all((ch, 123, 0) in cc and (ch, 64, 0) in cc for ch in range(16))


@pytest.mark.parametrize("action", ["pause", "stop", "seek", "panic"])
def test_every_interruption_sends_all_notes_off_and_sustain_off(action):
    clock, port, b = make(notes_file([(0, 8, 60, 0), (0, 8, 64, 2)]))
    b.start()
    run(clock, b, until=10.5)
    port.clear()
    if action == "seek":
        b.seek(2)
    else:
        getattr(b, action)()
    assert _silenced_all_channels(port)
    if action == "panic":
        assert {m.control for _, m in port.messages("control_change")} >= {120}
    port.clear()
    run(clock, b, until=20.0)
    # the held notes were forgotten: no stray note-offs or new notes after a stop
    if action != "seek":
        assert notes(port) == []


def test_pause_resume_continues_where_it_was():
    clock, port, b = make(notes_file([(0, 1, 60, 0), (1, 1, 62, 0)]))
    b.start()
    run(clock, b, until=10.25)
    b.pause()
    clock.advance(5.0)
    assert b.position() == pytest.approx(0.5)
    b.resume()
    port.clear()
    run(clock, b)
    assert [(round(t - 15.25, 6), m.note) for t, m in port.messages("note_on")] == [(0.25, 62)]


def test_seek_restores_program_and_controllers():
    mid = notes_file([(4, 1, 60, 0)])
    mid.tracks[1].insert(0, mido.Message("program_change", channel=0, program=19, time=0))
    mid.tracks[1].insert(1, mido.Message("control_change", channel=0, control=7, value=90, time=0))
    clock, port, b = make(mid)
    b.start()
    b.pause()
    port.clear()
    b.seek(2)
    sent = [(m.type, getattr(m, "program", None), getattr(m, "value", None)) for _, m in port.messages("program_change", "control_change")
            if m.type == "program_change" or m.control == 7]
    assert sent == [("program_change", 19, None), ("control_change", None, 90)]


def test_count_in_clicks_a_bar_on_the_drum_channel_before_bar_one():
    clock, port, b = make(notes_file([(0, 1, 60, 0)], meter=(3, 4)), count_in_bars=1, count_in_note=37)
    b.start()
    assert b.position() == pytest.approx(-3.0)
    run(clock, b)
    clicks = [(round(t - 10.0, 6), m.velocity) for t, m in port.messages("note_on") if m.channel == 9]
    assert [t for t, _ in clicks] == [0.0, 0.5, 1.0]
    assert clicks[0][1] > clicks[1][1]                 # the downbeat is accented
    assert {m.note for _, m in port.messages("note_on") if m.channel == 9} == {37}
    first_song_note = [t for t, m in port.messages("note_on") if m.channel == 0][0]
    assert first_song_note - 10.0 == pytest.approx(1.5)


def test_two_bar_count_in_and_start_mid_song():
    clock, port, b = make(notes_file([(8, 1, 60, 0)]), count_in_bars=2)
    b.start(at_beat=8)
    assert b.position() == pytest.approx(0.0)
    run(clock, b)
    assert len([1 for _, m in port.messages("note_on") if m.channel == 9]) == 8
    assert [round(t - 10.0, 6) for t, m in port.messages("note_on") if m.channel == 0] == [4.0]


def test_midi_clock_24_per_beat_at_scaled_tempo_with_start_and_song_position():
    clock, port, b = make(notes_file([(0, 4, 60, 0)]), send_clock=True, tempo_scale=0.8)
    b.start()
    run(clock, b, until=10.0 + 1.25)           # one beat at 120 BPM × 0.8 = 0.625 s
    pulses = [t for t, m in port.messages("clock")]
    assert len(pulses) == 24 * 2 + 1
    gaps = {round(b2 - a, 9) for a, b2 in zip(pulses, pulses[1:])}
    assert gaps == {round(0.625 / 24, 9)}
    kinds = [m.type for _, m in port.messages("songpos", "start", "stop", "continue")]
    assert kinds == ["songpos", "start"]
    b.pause()
    b.resume()
    b.seek(1)
    kinds = [m.type for _, m in port.messages("songpos", "start", "stop", "continue")]
    assert kinds == ["songpos", "start", "stop", "continue", "songpos"]
    assert port.messages("songpos")[-1][1].pos == 4


def test_program_change_with_bank_at_start_and_cue_at_a_bar():
    mid = notes_file([(0, 8, 60, 0)])
    cues = timed_cues([(4.0, {"control": 80, "value": 127, "channel": 2})])
    clock, port, b = make(mid, start_messages=program_messages(5, bank=130, channel=1), cues=cues)
    b.start()
    run(clock, b)
    first = [m for _, m in port.sent[:3]]
    assert [(m.type, getattr(m, "control", None), getattr(m, "value", getattr(m, "program", None))) for m in first] == [
        ("control_change", 0, 1), ("control_change", 32, 2), ("program_change", None, 4)]
    cue = [t for t, m in port.messages("control_change") if m.control == 80]
    assert [round(t - 10.0, 6) for t in cue] == [2.0]


def test_master_volume_scales_velocities():
    clock, port, b = make(notes_file([(0, 1, 60, 0, 100), (1, 1, 62, 0, 100)]), volume=0.5)
    b.start()
    run(clock, b, until=10.25)
    b.set_volume(0.25)
    run(clock, b)
    assert [m.velocity for _, m in port.messages("note_on")] == [50, 25]


def test_latency_offset_shifts_the_heard_position():
    clock, port, b = make(notes_file([(0, 4, 60, 0)]), latency_s=0.1)
    b.start()
    clock.advance(1.0)
    assert b.position() == pytest.approx(1.8)
