"""A live pianist leads: tap tempo, MIDI clock in and the pedal drive the song on a manual
clock; live adjustments change the line sequence."""

from __future__ import annotations

import pytest

from player.core.model import intents as I
from player.core.time.clock import ManualClock
from player.core.model.errors import ScriptError
from player.core.model.keyname import transpose_chord, transpose_key
from player.core.time.lead import ClockIn, ClockLead, LongPress, PedalDown, PedalUp, SwitchLead, TapLead
from player.core.model.tempomap import TempoMap

from player.core.script.loader import load_song
from player.core.show.timeline import SongTimeline

from .test_loader import SONG, load, make, problems
from .test_runner import PlainSongs, build

JITTER = (0.004, -0.003, 0.0, 0.005, -0.004, 0.002)   # a hand is not a metronome (seconds)


def tap_times(bpms, t0=1.0, jitter=JITTER):
    """True beat times for a tempo curve, and the taps a hand makes on them."""
    true = [t0]
    for bpm in bpms[:-1]:
        true.append(true[-1] + 60 / bpm)
    return true, [t + jitter[k % len(jitter)] for k, t in enumerate(true)]


def phase_errors(bpms):
    """Feed taps to a TapLead; before each tap, how far (seconds) the pulse is from the true beat."""
    clock = ManualClock()
    lead = TapLead(clock, TempoMap.constant(90), count_in_beats=4)
    lead.start(0.0)
    true, taps = tap_times(bpms)
    errors = []
    for k, (tt, tap) in enumerate(zip(true, taps)):
        clock.set(tt)
        beat = -4 + k                       # the first tap starts the count-in
        errors.append((beat - lead.position()) * 60 / bpms[k] if k else 0.0)
        clock.set(max(tt, tap))
        lead.tap(tap)
    return errors


@pytest.mark.parametrize("bpms", [
    [90 - 20 * k / 19 for k in range(20)],      # ritardando 90 → 70
    [70 + 20 * k / 19 for k in range(20)],      # accelerando 70 → 90
], ids=["ritardando", "accelerando"])
def test_tap_tempo_keeps_the_pulse_within_20_ms_after_four_taps(bpms):
    errors = phase_errors(bpms)
    assert max(abs(e) for e in errors[4:]) <= 0.020
    assert max(abs(e) for e in errors[1:4]) > 0.020 or bpms[0] > bpms[-1]   # it does learn something


def test_tap_tempo_follows_a_sudden_change_within_four_taps():
    bpms = [90] * 6 + [80] * 14
    errors = phase_errors(bpms)
    assert abs(errors[7]) > 0.050             # the first tap at the new tempo surprises it
    assert max(abs(e) for e in errors[11:]) <= 0.020   # four taps later it is on the beat again


def test_tap_lead_waits_for_the_first_tap_and_never_runs_backwards():
    clock = ManualClock()
    lead = TapLead(clock, TempoMap.constant(120), count_in_beats=4)
    lead.start(0.0)
    clock.advance(3)
    assert lead.position() == -4 and lead.bpm() == pytest.approx(120)
    lead.tap()
    seen = []
    for k in range(1, 8):                      # taps at 100 BPM, a little early each time
        clock.advance(0.3)
        seen.append(lead.position())
        clock.advance(0.3)
        seen.append(lead.position())
        lead.tap()
        seen.append(lead.position())
    assert seen == sorted(seen)
    assert lead.bpm() == pytest.approx(100, rel=0.01)


def feed_clock(lead, clock, bpm, beats, jitter=0.0):
    period = 60 / bpm / 24
    for k in range(int(beats * 24)):
        clock.advance(period + (jitter if k % 2 else -jitter))
        lead.feed("clock", clock.now())


def test_midi_clock_in_gives_the_tempo_within_half_a_percent_and_follows_a_change_in_two_beats():
    clock = ManualClock()
    lead = ClockLead(clock, TempoMap.constant(100), count_in_beats=4)
    lead.start(0.0)
    lead.feed("start", clock.now())
    feed_clock(lead, clock, 90, 8, jitter=0.0008)      # ±0.8 ms per tick, like a real cable
    assert lead.bpm() == pytest.approx(90, rel=0.005)
    assert lead.position() == pytest.approx(-4 + 8, abs=1 / 24)
    bpms = []
    for _ in range(2 * 24):
        clock.advance(60 / 80 / 24)
        lead.feed("clock", clock.now())
        bpms.append(lead.bpm())
    assert bpms[-1] == pytest.approx(80, rel=0.005)
    assert abs(bpms[5] - 80) > 1                       # it was still on the way a few ticks in


def test_midi_clock_stop_continue_and_song_position():
    clock = ManualClock()
    lead = ClockLead(clock, TempoMap.constant(100), count_in_beats=0)
    lead.start(0.0)
    lead.feed("start", clock.now())
    feed_clock(lead, clock, 120, 2)
    lead.feed("stop", clock.now())
    here = lead.position()
    clock.advance(2)
    lead.feed("clock", clock.now())                    # clocks while stopped do not move it
    assert lead.position() == pytest.approx(here)
    lead.feed("songpos", clock.now(), 32)              # 32 sixteenths = bar 3
    assert lead.position() == pytest.approx(8.0)
    lead.feed("continue", clock.now())
    feed_clock(lead, clock, 120, 1)
    assert lead.position() == pytest.approx(9.0, abs=1 / 24)


def test_a_long_press_is_back_and_fires_while_held():
    button = LongPress(0.6)
    button.down(0.0)
    assert button.poll(0.3) is None and button.up(0.4) == "next"
    button.down(1.0)
    assert button.poll(1.5) is None and button.poll(1.61) == "back" and button.poll(1.7) is None
    assert button.up(2.0) is None


# ---------------------------------------------------------------------- through the runner
LIVE = """\
version: 1
title: Live
steps:
  - text: Velkommen
  - song: testsang
    lead: {lead}
  - pause: Kaffe
    duration: 5min
"""


def live(tmp_path, lead, backings=None):
    clock = ManualClock()
    return build(tmp_path, LIVE.format(lead=lead), backings=backings(clock) if backings else None,
                 clock=clock, start_index=1)


def current_text(runner):
    return next(ln.text for ln in runner.snapshot().lines if ln.state == "current")


def test_the_loader_reads_the_lead_mode_and_rejects_others(tmp_path):
    session = load(make(tmp_path, LIVE.format(lead="tap")))
    assert session.steps[1].lead == "tap" and session.steps[0].lead == "backing"
    bad = problems(make(tmp_path, LIVE.format(lead="drums")))
    assert any("step 2, lead" in p and "midi-clock" in p for p in bad)
    with pytest.raises(ScriptError):
        load(make(tmp_path, "version: 1\ntitle: x\nsteps:\n  - text: hei\n    lead: tap\n"))


def test_taps_drive_the_snapshot(tmp_path):
    runner, clock, events = live(tmp_path, "tap")
    snap = runner.snapshot()
    assert snap.lead_mode == "tap" and snap.pianist.lead_text == "Tapp-tempo leder"
    assert snap.pulse.count_in == 1
    for _ in range(4):                                 # the pianist taps the count-in at 80 BPM
        runner.handle(I.Tap(at=clock.now()))
        clock.advance(0.75)
        runner.tick()
    runner.handle(I.Tap(at=clock.now()))               # beat 0: the song starts
    runner.tick()
    snap = runner.snapshot()
    assert snap.pianist.bar_beat == "1:1" and snap.pianist.bpm == pytest.approx(80, rel=0.01)
    assert current_text(runner) == "Ro, ro, ro din båt"
    clock.advance(0.75 * 4 + 0.01)
    runner.tick()
    assert current_text(runner) == "ro den over vann"
    lines = [e.fields["text"] for e in events if e.kind == "line"]
    assert lines == ["Ro, ro, ro din båt", "ro den over vann"]


def test_midi_clock_drives_the_snapshot(tmp_path):
    runner, clock, _ = live(tmp_path, "midi-clock")
    assert runner.snapshot().pianist.lead_mode == "midi-clock"
    runner.handle(ClockIn(at=clock.now(), kind="start"))
    for _ in range(24 * 6):                            # count-in bar + 2 beats at 90 BPM
        clock.advance(60 / 90 / 24)
        runner.handle(ClockIn(at=clock.now(), kind="clock"))
        runner.tick()
    snap = runner.snapshot()
    assert snap.pianist.bar_beat == "1:3" and snap.pianist.bpm == pytest.approx(90, rel=0.005)
    assert current_text(runner) == "Ro, ro, ro din båt"


def test_the_pedal_moves_by_line_and_a_long_press_goes_back(tmp_path):
    runner, clock, _ = live(tmp_path, "pedal")
    assert runner.snapshot().lines[1].state == "next"        # waits for the first press

    def press(hold):
        runner.handle(PedalDown(at=clock.now()))
        clock.advance(hold)
        runner.tick()
        runner.handle(PedalUp(at=clock.now()))
        runner.tick()

    press(0.1)
    assert current_text(runner) == "Ro, ro, ro din båt"
    clock.advance(1.2)                                       # 2 beats at 100 BPM: half the words
    runner.tick()
    cur = next(ln for ln in runner.snapshot().lines if ln.state == "current")
    assert 0 < cur.highlight_chars < len(cur.text)
    clock.advance(10)                                        # it waits at the end of the line
    runner.tick()
    assert current_text(runner) == "Ro, ro, ro din båt"
    press(0.1)
    press(0.1)
    assert current_text(runner) == "La la la"
    press(0.8)                                               # long: back
    assert current_text(runner) == "ro den over vann"
    runner.handle(I.Next())                                  # a Next key works like a press
    assert current_text(runner) == "La la la"


def test_switching_the_lead_live_keeps_the_place(tmp_path):
    runner, clock, _ = live(tmp_path, "backing", PlainSongs)
    clock.advance(2.4 + 4 * 0.6 + 0.3)                       # count-in, then into line 2
    runner.tick()
    assert current_text(runner) == "ro den over vann"
    runner.handle(SwitchLead(mode="tap"))
    snap = runner.snapshot()
    assert snap.lead_mode == "tap" and current_text(runner) == "ro den over vann"
    assert any("Tapp-tempo" in n for n in snap.notices)
    runner.handle(SwitchLead(mode="pedal"))
    assert current_text(runner) == "ro den over vann"
    runner.handle(I.Next())
    assert current_text(runner) == "La la la"


# ---------------------------------------------------------------------- live adjustments
def sung_lines(events):
    return [e.fields["text"] for e in events if e.kind == "line"]


def play_to_end(runner, clock, seconds, fps=20):
    for _ in range(int(seconds * fps)):
        clock.advance(1 / fps)
        runner.tick()
        if runner.held:
            break


def test_repeat_section_sings_the_chorus_once_more_with_a_backing(tmp_path):
    runner, clock, events = live(tmp_path, "backing", PlainSongs)
    play_to_end(runner, clock, 2.4 + 8 * 0.6 + 0.3)          # into the first chorus
    assert current_text(runner) == "La la la"
    runner.handle(I.RepeatSection())
    assert any("Gjentar Refreng" in n for n in runner.snapshot().notices)
    assert [lbl for lbl, _ in runner.snapshot().pianist.order] == ["V1", "Refreng", "Refreng igjen", "V2", "Refreng"]
    play_to_end(runner, clock, 60)
    assert sung_lines(events) == ["Ro, ro, ro din båt", "ro den over vann", "La la la", "La la la",
                                  "Andre vers her", "og så er det slutt", "La la la"]
    seeks = [s.beat for s in runner_backing_spans(runner)]
    assert 8.0 in seeks                                      # the backing jumped back to the chorus


def runner_backing_spans(runner):
    return runner.backings.made[-1].spans


def test_end_after_verse_stops_after_this_verse_and_its_chorus(tmp_path):
    runner, clock, events = live(tmp_path, "backing", PlainSongs)
    play_to_end(runner, clock, 2.4 + 1.0)
    runner.handle(I.EndAfterVerse())
    play_to_end(runner, clock, 60)
    assert runner.held
    assert sung_lines(events) == ["Ro, ro, ro din båt", "ro den over vann", "La la la"]


def test_adjustments_change_the_line_order_of_a_song_without_backing(tmp_path):
    runner, clock, _ = live(tmp_path, "backing")              # no backing: Next moves by line
    seen = [current_text(runner)]
    runner.handle(I.RepeatSection())                          # verse 1 once more
    for _ in range(2):
        runner.handle(I.Next())
        seen.append(current_text(runner))
    runner.handle(I.EndAfterVerse())                          # in the repeat: its chorus, then the end
    for _ in range(2):
        runner.handle(I.Next())
        seen.append(current_text(runner))
    assert seen == ["Ro, ro, ro din båt", "ro den over vann", "Ro, ro, ro din båt", "ro den over vann",
                    "La la la"]
    assert "Slutter etter dette verset" in runner.snapshot().notices
    runner.handle(I.Next())
    assert runner.snapshot().scene == "pause"                 # verse 2 is gone: the song is over


THREE_VERSES = SONG.replace("order: [v1, r, v2, r]", """\
  - id: v3
    name: Vers 3
    lines:
      - "Tredje vers her"
      - "og så er det over"
order: [v1, r, v2, r, v3, r]""")


def test_last_verse_skips_the_verses_between(tmp_path):
    make(tmp_path, "version: 1\ntitle: x\nsteps: [{text: hei}]\n", song=THREE_VERSES)
    song = load_song(tmp_path / "songs" / "testsang.yaml")
    tl = SongTimeline(song, None, {"verse": "Vers {n} av {total}", "chorus": "Refreng"})
    assert tl.to_last_verse(0)                  # in verse 1: its chorus, then verse 3
    assert [ln.text for ln in tl.lines] == ["Ro, ro, ro din båt", "ro den over vann", "La la la",
                                            "Tredje vers her", "og så er det over", "La la la"]
    assert tl.segments() == [(0.0, 12.0), (24.0, 36.0)]    # the backing jumps over verse 2
    assert not tl.to_last_verse(3)              # already there


def test_last_verse_in_the_last_verse_is_refused_with_a_notice(tmp_path):
    runner, clock, events = live(tmp_path, "backing", PlainSongs)
    play_to_end(runner, clock, 2.4 + 1.0)
    runner.handle(I.LastVerse())                # verse 2 of 2 comes next anyway
    assert "Allerede ved siste vers" in runner.snapshot().notices


def test_the_pianist_sees_the_key_and_chords_after_transposition(tmp_path):
    runner, clock, _ = live(tmp_path, "backing")
    runner.handle(I.TransposeUp())
    runner.handle(I.TransposeUp())
    snap = runner.snapshot()
    assert snap.pianist.key == "A" and snap.pianist.key_text == "A (G +2)"
    assert snap.lines[1].chords == ((0, "A"), (15, "E"))
    assert snap.pianist.next_steps == ("Kaffe",)
    assert transpose_key("Bb", 2) == "C" and transpose_key("Am", 3) == "Cm" and transpose_key("F#", -1) == "F"
    assert transpose_chord("D7/F#", 2) == "E7/G#" and transpose_chord("C", 3, flats=True) == "Eb"


def test_reading_the_pedal_lead_does_not_move_it(tmp_path):
    """A long press goes back a line when the runner ticks, not when someone reads the position."""
    runner, clock, _ = live(tmp_path, "pedal")
    for _ in range(3):
        runner.handle(PedalDown(at=clock.now()))
        runner.handle(PedalUp(at=clock.now()))
    runner.tick()
    assert current_text(runner) == "La la la"
    runner.handle(PedalDown(at=clock.now()))
    clock.advance(1.0)                                       # held well past a long press
    for _ in range(3):
        runner.act.position()
        runner.snapshot()
    assert current_text(runner) == "La la la"
    runner.tick()
    assert current_text(runner) == "ro den over vann"

