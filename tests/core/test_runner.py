"""The runner steps through a session on a manual clock and makes one snapshot per frame."""

from __future__ import annotations

import pytest

from player.core.model import intents as I
from player.core.time.clock import ManualClock
from player.core.script.config import load_config
from player.core.script.library import Library
from player.core.script.loader import load_session
from player.core.time.plain import PlainBacking
from player.core.show.options import ShowOptions
from player.core.show.runner import Runner
from player.core.time.backing import Abilities
from player.core.time.lead import ClockIn, PedalUp
from player.core.model.tempomap import TempoMap

from .test_loader import SONG, make

# the one catalog (config.yaml texts:), with the words these tests expect written out
TEXTS = load_config(user_file=None).texts() | {"inhale": "Pust inn", "exhale": "Pust ut", "call": "Jeg", "response": "Alle",
         "verse": "Vers {n} av {total}", "chorus": "Refreng", "next_up": "Neste: {title}",
         "pause_countdown": "Vi starter igjen om {minutes} min", "pause_soon": "Vi starter straks igjen",
         "end": "Takk for i dag!", "step_of": "Steg {k} av {n}"}

PULSE = """\
version: 1
title: Klapp etter meg
kind: pulse
instructions: [Jeg klapper, dere klapper etter.]
tempo: 120
meter: 4/4
repeats: 2
patterns: [Klapp klapp klapp, Klapp – klapp]
"""

SESSION = """\
version: 1
title: Test
steps:
  - text: Velkommen
  - exercise: pust
    repeats: 2
  - exercise: klapp
  - song: testsang
  - pause: Kaffe
    duration: 5min
"""


class PlainSongs:
    """Backings for tests: songs play on a silent transport at the song's tempo."""

    def __init__(self, clock, fail=False):
        self.clock = clock
        self.fail = fail
        self.made = []

    def song(self, step):
        if self.fail:
            raise RuntimeError("synth is gone")
        song = step.song
        tm = TempoMap.constant(song.tempo, song.meter.beats, song.meter.unit)
        b = PlainBacking(self.clock, tm, step.tempo_scale, song.meter.beats_per_bar, song.beats_sung(None))
        self.made.append(b)
        return b, tm

    def pulse(self, step):
        return None

    def video(self, step):
        return None


def build(tmp_path, session=SESSION, backings=None, clock=None, **kw):
    path = make(tmp_path, session)
    (tmp_path / "exercises" / "klapp.yaml").write_text(PULSE, encoding="utf-8")
    s = load_session(path, Library.for_session(path, (), project_root=tmp_path))
    clock = clock or ManualClock()
    events = []
    runner = Runner(s, clock, TEXTS, backings=backings, on_event=events.append, **kw)
    return runner, clock, events


def run_for(runner, clock, seconds, fps=30):
    for _ in range(int(seconds * fps)):
        clock.advance(1 / fps)
        runner.tick()


def test_next_and_back_step_through_a_session_with_a_manual_song(tmp_path):
    runner, clock, _ = build(tmp_path)
    assert runner.snapshot().scene == "title" and runner.snapshot().title == "Velkommen"
    runner.handle(I.Next())
    assert runner.snapshot().scene == "breathing"
    runner.handle(I.Next())
    assert runner.snapshot().scene == "pulse"
    runner.handle(I.Next())
    snap = runner.snapshot()
    assert snap.scene == "lyrics"
    # without backing, Next moves by line: the current line sits in the second row
    assert [(ln.text, ln.state) for ln in snap.lines[:3]] == [("", "empty"), ("Ro, ro, ro din båt", "current"),
                                                              ("ro den over vann", "next")]
    assert snap.section_label == "Vers 1 av 2"
    runner.handle(I.Next())
    assert runner.snapshot().lines[1].text == "ro den over vann"
    runner.handle(I.Next())
    snap = runner.snapshot()
    assert snap.lines[1].text == "La la la" and snap.section_label == "Refreng"
    runner.handle(I.Back())
    assert runner.snapshot().lines[1].text == "ro den over vann"
    for _ in range(5):
        runner.handle(I.Next())
    assert runner.snapshot().scene == "pause"
    assert runner.snapshot().countdown_text == "Vi starter igjen om 5 min"


def test_breathing_grows_on_inhale_and_moves_on_by_itself(tmp_path):
    runner, clock, events = build(tmp_path, start_index=1)
    sizes = []
    for _ in range(4):
        clock.advance(1.0)
        runner.tick()
        b = runner.snapshot().breath
        sizes.append((b.phase, round(b.size, 3)))
    assert [p for p, _ in sizes] == ["inhale"] * 3 + ["exhale"]
    assert sizes[0][1] < sizes[1][1] < sizes[2][1]
    phases = [(round(e.t, 2), e.fields["name"]) for e in events if e.kind == "phase"]
    assert phases[:2] == [(0.0, "inhale"), (4.0, "exhale")]
    run_for(runner, clock, 17)   # 2 cycles of 10 s: then the exercise moves on
    assert runner.snapshot().scene == "pulse"
    phases = [(round(e.t, 2), e.fields["name"]) for e in events if e.kind == "phase"]
    assert phases == [(0.0, "inhale"), (4.0, "exhale"), (10.0, "inhale"), (14.0, "exhale")]


def test_pulse_counts_in_then_calls_and_responds(tmp_path):
    runner, clock, events = build(tmp_path, start_index=2)
    snap = runner.snapshot()
    assert snap.pulse.count_in == 1 and snap.call_response == ""
    clock.advance(0.5 * 1 + 0.01)  # one beat at 120 bpm
    runner.tick()
    assert runner.snapshot().pulse.count_in == 2
    clock.advance(1.5)             # bar 1: the leader's call
    runner.tick()
    snap = runner.snapshot()
    assert snap.pulse.bar == 1 and snap.call_response == "Jeg" and snap.body == ("Klapp klapp klapp",)
    clock.advance(2.0)
    runner.tick()
    assert runner.snapshot().call_response == "Alle"
    clock.advance(2.0)
    runner.tick()
    assert runner.snapshot().body == ("Klapp – klapp",)
    beats = [e for e in events if e.kind == "beat"]
    assert [round(e.t, 3) for e in beats[:6]] == [0.0, 0.5, 1.0, 1.5, 2.0, 2.5]
    assert [e.fields["downbeat"] for e in beats[4:9]] == [True, False, False, False, True]
    run_for(runner, clock, 4)
    assert runner.snapshot().scene == "lyrics"   # an exercise moves on by itself


def test_a_backed_song_follows_its_backing_and_holds_at_the_end(tmp_path):
    clock = ManualClock()
    runner, clock, events = build(tmp_path, backings=PlainSongs(clock), clock=clock, start_index=3)
    snap = runner.snapshot()
    assert snap.pulse.count_in == 1 and snap.lines[1].state == "next"   # counting in: line 1 shown, not sung
    clock.advance(60 / 100 * 4 + 0.01)   # the count-in bar
    runner.tick()
    snap = runner.snapshot()
    assert snap.lines[1].state == "current" and snap.lines[1].text == "Ro, ro, ro din båt"
    assert snap.lines[2].state == "next"
    lines = [(round(e.t, 3), e.fields["text"]) for e in events if e.kind == "line"]
    assert lines == [(2.4, "Ro, ro, ro din båt")]
    run_for(runner, clock, 24 * 0.6 + 0.1)   # the whole song: 24 beats at 100 bpm
    snap = runner.snapshot()
    assert snap.scene == "next_up" and snap.title == "Neste: Kaffe"
    lines = [(round(e.t, 3), e.fields["text"]) for e in events if e.kind == "line"]
    assert [t for t, _ in lines] == [pytest.approx(2.4 + b * 0.6, abs=1e-6) for b in (0, 4, 8, 12, 16, 20)]
    runner.handle(I.Next())
    assert runner.snapshot().scene == "pause"


def test_tempo_change_mid_song_does_not_jump(tmp_path):
    clock = ManualClock()
    backings = PlainSongs(clock)
    runner, clock, _ = build(tmp_path, backings=backings, clock=clock, start_index=3)
    clock.advance(5.0)
    before = runner.act.position()
    runner.handle(I.TempoDown())
    assert runner.act.position() == pytest.approx(before)
    assert runner.snapshot().tempo_scale == pytest.approx(0.95)
    clock.advance(1.0)
    assert runner.act.position() - before == pytest.approx(100 / 60 * 0.95)


def test_a_backing_that_cannot_start_leaves_a_notice_and_a_manual_song(tmp_path):
    clock = ManualClock()
    runner, clock, _ = build(tmp_path, backings=PlainSongs(clock, fail=True), clock=clock, start_index=3)
    snap = runner.snapshot()
    assert snap.scene == "lyrics" and snap.lines[1].text == "Ro, ro, ro din båt"
    assert any("synth is gone" in n for n in snap.notices)
    runner.handle(I.Next())
    assert runner.snapshot().lines[1].text == "ro den over vann"


def test_a_fault_in_a_step_is_contained_and_the_step_goes_on(tmp_path):
    clock = ManualClock()
    runner, clock, _ = build(tmp_path, backings=PlainSongs(clock), clock=clock, start_index=3)

    def broken():
        raise ZeroDivisionError("boom")

    runner.act.backing.position = broken      # the backing dies mid-song
    clock.advance(1)
    runner.tick()
    snap = runner.snapshot()
    assert snap.scene == "lyrics" and any("boom" in n for n in snap.notices)
    runner.handle(I.Next())                   # now a manual song
    assert runner.snapshot().lines[1].text == "ro den over vann"


def test_blank_overlay_panic_and_pause(tmp_path):
    clock = ManualClock()
    runner, clock, _ = build(tmp_path, backings=PlainSongs(clock), clock=clock, start_index=3)
    runner.handle(I.Blank())
    assert runner.snapshot().blank
    runner.handle(I.Blank())
    assert not runner.snapshot().blank
    runner.handle(I.ToggleOverlay())
    ov = runner.snapshot().overlay
    assert ov.step_text == "Steg 4 av 5" and ov.next_text == "Neste: Kaffe"
    clock.advance(3)
    runner.handle(I.Panic())
    pos = runner.act.position()
    clock.advance(2)
    assert runner.act.position() == pos and runner.snapshot().paused
    runner.handle(I.StartPause())
    clock.advance(1)
    assert runner.act.position() > pos


def test_the_last_step_ends_on_the_closing_card(tmp_path):
    runner, clock, _ = build(tmp_path, start_index=4)
    runner.handle(I.Next())
    snap = runner.snapshot()
    assert runner.finished and snap.title == "Takk for i dag!"


class MutableBacking(PlainBacking):
    """A plain backing that records guide-channel mutes, as MidiBacking.mute_channel does."""

    abilities = Abilities(transpose=True, guide=True)
    muted: dict = {}

    def mute_channel(self, channel, muted=True):
        type(self).muted = {**type(self).muted, channel: muted}


def test_the_guide_melody_is_muted_and_stays_muted_for_the_next_songs(tmp_path):
    clock = ManualClock()

    class Songs(PlainSongs):
        def song(self, step):
            song = step.song
            tm = TempoMap.constant(song.tempo, song.meter.beats, song.meter.unit)
            return MutableBacking(self.clock, tm, 1.0, 4, 24), tm

    MutableBacking.muted = {}
    runner, clock, _ = build(tmp_path, backings=Songs(clock), clock=clock, start_index=3,
                             options=ShowOptions(guide_channel=2))
    runner.handle(I.ToggleGuide())
    assert MutableBacking.muted == {1: True}          # config channel 2 = MIDI channel index 1
    assert "Melodistemmen er av" in runner.snapshot().notices
    MutableBacking.muted = {}
    runner.go_to(3)                                   # the next song starts with the guide off too
    assert MutableBacking.muted == {1: True}
    runner.handle(I.ToggleGuide())
    assert MutableBacking.muted == {1: False}


def test_the_pulse_counts_the_felt_beat_two_in_a_bar_of_six_eight():
    from player.core.show.timeline import pulse_at

    tm = TempoMap.constant(90, 6, 8)          # 90 quarter notes a minute = 60 dotted quarters
    p = pulse_at(tm, 1.5 + 0.75, 3.0, 90.0)   # half way through the second felt beat of bar 1
    assert (p.beats_per_bar, p.beat_in_bar, p.phase, p.bar, p.bpm) == (2, 1, 0.5, 1, 60.0)
    counting = pulse_at(tm, -1.5, 3.0, 90.0)  # a count-in bar of 6/8: "1, 2"
    assert (counting.count_in, counting.beats_per_bar) == (2, 2)
    four = pulse_at(TempoMap.constant(100, 4, 4), 2.25, 4.0, 100.0)
    assert (four.beats_per_bar, four.beat_in_bar, four.phase) == (4, 2, 0.25)


def test_the_pianist_sees_key_chords_and_range_after_transposing(tmp_path):
    from player.core.model.keyname import transpose_range

    assert transpose_range("G3–A4", 2) == "A3–B4" and transpose_range("C4-C5", -1) == "B3-B4"
    song = SONG.replace("key: G\n", "key: G\nrange: G3–A4\n")
    path = make(tmp_path, "version: 1\ntitle: T\nsteps:\n  - song: testsang\n", song=song)
    s = load_session(path, Library.for_session(path, (), project_root=tmp_path))
    runner = Runner(s, ManualClock(), TEXTS)
    runner.handle(I.TransposeUp())
    runner.handle(I.TransposeUp())
    snap = runner.snapshot()
    assert snap.pianist.key_text == "A (G +2)" and snap.pianist.range == "A3–B4"
    assert snap.lines[1].chords == ((0, "A"), (15, "E"))      # [G] … [D] moved up a whole tone


def test_the_pianist_sees_the_key_and_tempo_of_the_songs_ahead(tmp_path):
    runner, clock, _ = build(tmp_path, start_index=2)
    assert runner.snapshot().pianist.next_steps == ("Testsang · G · 100 bpm", "Kaffe")


class FreezingBacking(PlainBacking):
    """A backing whose sound device stops after ``after`` seconds: its position stands still."""

    def __init__(self, *a, after=3.0, **kw):
        super().__init__(*a, **kw)
        self.after = after
        self.frozen_at = None
        self.closed = False

    def position(self):
        pos = super().position()
        if self.clock.now() - self.spans[0].t >= self.after:
            if self.frozen_at is None:
                self.frozen_at = pos
            return self.frozen_at
        return pos

    def close(self):
        self.closed = True
        super().close()


def test_a_backing_whose_sound_stops_is_replaced_and_the_lyrics_go_on(tmp_path):
    clock = ManualClock()
    made = []

    class Songs(PlainSongs):
        def song(self, step):
            tm = TempoMap.constant(step.song.tempo, 4, 4)
            made.append(FreezingBacking(self.clock, tm, 1.0, 4, 24))
            return made[-1], tm

    runner, clock, _ = build(tmp_path, backings=Songs(clock), clock=clock, start_index=3)
    run_for(runner, clock, 4.0)                     # 3 s of sound, then the device stops
    frozen = made[0].frozen_at
    assert runner.act.backing is made[0] and not any("stoppet" in n for n in runner.snapshot().notices)
    run_for(runner, clock, 0.3)                     # standing still 1.3 s: not long enough yet
    assert runner.act.backing is made[0]
    run_for(runner, clock, 0.4)
    snap = runner.snapshot()
    assert "Lyden har stoppet – teksten fortsetter uten lyd" in snap.notices
    assert made[0].closed and runner.act.backing is not made[0]
    before = runner.act.position()
    # it goes on from where the sound stopped (at most the 0.2 s since the swap later)
    assert frozen <= before <= frozen + 0.25 * 100 / 60
    run_for(runner, clock, 1.2)
    assert runner.act.position() == pytest.approx(before + 1.2 * 100 / 60, abs=0.1)


def test_a_paused_song_is_not_taken_for_a_stopped_device(tmp_path):
    clock = ManualClock()
    runner, clock, _ = build(tmp_path, backings=PlainSongs(clock), clock=clock, start_index=3)
    run_for(runner, clock, 1)
    runner.handle(I.StartPause())
    run_for(runner, clock, 5)
    runner.handle(I.StartPause())
    run_for(runner, clock, 0.2)
    assert not any("stoppet" in n for n in runner.snapshot().notices)
    assert isinstance(runner.act.backing, PlainBacking)


def test_a_wish_song_from_the_songbook_is_sung_and_then_the_session_goes_on(tmp_path):
    clock = ManualClock()
    path = make(tmp_path, SESSION)
    (tmp_path / "exercises" / "klapp.yaml").write_text(PULSE, encoding="utf-8")
    s = load_session(path, Library.for_session(path, (), project_root=tmp_path))
    wish = s.steps[3].song
    runner = Runner(s, clock, TEXTS | {"songbook": "Sangbok"}, backings=PlainSongs(clock),
                    songbook=(wish,), start_index=0)
    runner.handle(I.Songbook())
    snap = runner.snapshot()
    assert snap.scene == "songbook" and snap.body == ("1  Testsang",)
    runner.handle(I.GoToStep(index=4))                     # no song 5: a notice, the card stays
    assert runner.index == 0 and "Ingen sang nummer 5 i sangboka" in runner.snapshot().notices
    runner.handle(I.Songbook())
    runner.handle(I.GoToStep(index=0))                     # "1" Enter: the wish song starts
    snap = runner.snapshot()
    assert snap.scene == "lyrics" and snap.title == "Testsang" and runner.index == 0
    run_for(runner, clock, 2.4 + 24 * 0.6 + 0.1)           # count-in and the whole song
    assert runner.snapshot().scene == "next_up" and runner.snapshot().title == "Neste: Pust"
    runner.handle(I.Next())                                 # then the session goes on after step 1
    assert runner.index == 1 and runner.extra is None and runner.snapshot().scene == "breathing"


def test_the_songbook_key_without_songs_says_so(tmp_path):
    runner, clock, _ = build(tmp_path)
    runner.handle(I.Songbook())
    assert runner.snapshot().scene == "title" and "Ingen sanger å velge mellom" in runner.snapshot().notices


# ---------------------------------------------------------------------- the end asks first
def test_next_on_the_closing_card_asks_before_the_show_ends(tmp_path):
    runner, clock, _ = build(tmp_path, start_index=4)
    question = (TEXTS["end_confirm"], TEXTS["quit_hint"])
    assert runner.snapshot().confirm_quit == ()
    runner.handle(I.Next())                    # past the last step: the closing card, and the question
    snap = runner.snapshot()
    assert runner.finished and not runner.done
    assert snap.title == "Takk for i dag!" and snap.confirm_quit == question
    runner.handle(I.Blank())                   # any other key cancels, and does nothing else
    snap = runner.snapshot()
    assert snap.confirm_quit == () and not snap.blank and not runner.done and runner.finished
    runner.handle(I.Next())                    # Next on the closing card asks again
    runner.handle(ClockIn(at=clock.now(), kind="clock"))   # a MIDI clock is not a key: it does not cancel
    assert runner.snapshot().confirm_quit == question and not runner.done
    runner.handle(I.Next())                    # the second Next confirms
    assert runner.done


def test_a_held_last_step_asks_too(tmp_path):
    clock = ManualClock()
    session = SESSION.replace("  - pause: Kaffe\n    duration: 5min\n", "")
    runner, clock, _ = build(tmp_path, session, backings=PlainSongs(clock), clock=clock, start_index=3)
    run_for(runner, clock, 2.4 + 24 * 0.6 + 0.1)    # the song ends: the closing card
    assert runner.held and runner.snapshot().title == "Takk for i dag!" and runner.snapshot().confirm_quit == ()
    runner.handle(I.Next())
    assert runner.snapshot().confirm_quit and not runner.done
    runner.handle(PedalUp(at=clock.now()))          # the pedal is a Next
    assert runner.done


# ---------------------------------------------------------------------- declared, not probed
class Undeclared(PlainBacking):
    """Has the methods, but does not say it can transpose or mute a guide channel."""

    abilities = Abilities()
    calls: list = []

    def mute_channel(self, channel, muted=True):
        self.calls.append(("mute", channel, muted))

    def set_transpose(self, semitones):
        self.calls.append(("transpose", semitones))


def test_what_a_backing_can_do_is_declared_not_guessed(tmp_path):
    clock = ManualClock()

    class Songs(PlainSongs):
        def song(self, step):
            tm = TempoMap.constant(step.song.tempo, 4, 4)
            return Undeclared(self.clock, tm, 1.0, 4, 24), tm

    Undeclared.calls = []
    runner, clock, _ = build(tmp_path, backings=Songs(clock), clock=clock, start_index=3)
    runner.handle(I.ToggleGuide())
    runner.handle(I.TransposeUp())
    assert Undeclared.calls == []
    assert TEXTS["guide_off_later"] in runner.snapshot().notices
    assert runner.snapshot().pianist.key_text == "Ab (G +1)"      # the view still shows the new key


# ---------------------------------------------------------------------- queries only read
def test_the_snapshot_only_reads_and_tick_moves_on(tmp_path):
    clock = ManualClock()
    runner, clock, events = build(tmp_path, backings=PlainSongs(clock), clock=clock, start_index=3)
    runner.notify("Mikrofonen er borte")
    clock.advance(2.4 + 24 * 0.6 + 13)       # past the song's end and the notice's time, without a tick
    first = runner.snapshot()
    assert runner.snapshot() == first
    assert first.scene == "lyrics" and not any(e.kind == "step_end" for e in events)
    assert "Mikrofonen er borte" not in first.notices
    assert "Mikrofonen er borte" in runner.board.current(1.0)        # still on the board
    runner.tick()
    assert runner.snapshot().scene == "next_up" and [e.kind for e in events].count("step_end") == 1
    assert runner.board.current(1.0) == ()                           # tick dropped it


def test_a_view_that_fails_shows_a_plain_card_and_the_tick_replaces_the_act(tmp_path):
    clock = ManualClock()
    runner, clock, _ = build(tmp_path, backings=PlainSongs(clock), clock=clock, start_index=3)
    act = runner.act

    def broken():
        raise KeyError("lines")

    act.fields = broken
    clock.advance(0.1)
    snap = runner.snapshot()
    assert snap.scene == "title" and snap.title == "Testsang" and runner.act is act and snap.notices == ()
    runner.tick()
    snap = runner.snapshot()
    assert runner.act is not act and snap.scene == "lyrics"
    assert any(TEXTS["view_failed"].format(n=4) in n for n in snap.notices)


# ---------------------------------------------------------------------- dispatch and modes
def test_every_intent_has_a_handler_and_modes_stack():
    from player.core.show.handlers import TABLE

    kinds = {getattr(I, name) for name in I.__all__} - {I.Intent, I.Quit}
    assert kinds - set(TABLE) == set()


def test_the_songbook_and_the_blank_screen_stack(tmp_path):
    clock = ManualClock()
    path = make(tmp_path, SESSION)
    (tmp_path / "exercises" / "klapp.yaml").write_text(PULSE, encoding="utf-8")
    s = load_session(path, Library.for_session(path, (), project_root=tmp_path))
    runner = Runner(s, clock, TEXTS, songbook=(s.steps[3].song,))
    runner.handle(I.Songbook())
    runner.handle(I.Blank())                   # blank over the open songbook
    snap = runner.snapshot()
    assert snap.scene == "songbook" and snap.blank
    runner.handle(I.Blank())                   # the blank goes; the songbook stays open
    snap = runner.snapshot()
    assert snap.scene == "songbook" and not snap.blank
    runner.handle(I.Next())                    # Next closes the songbook and only that
    assert runner.snapshot().scene == "title" and runner.index == 0


def test_a_word_missing_from_the_catalog_shows_its_key_never_a_traceback():
    from player.core.show.words import say

    assert say(TEXTS, "no_song_number", n=5) == "Ingen sang nummer 5 i sangboka"
    assert say({}, "no_song_number", n=5) == "no_song_number 5"
    assert say({"x": "Steg {k}"}, "x") == "Steg {k}"          # a message that does not fit its fields
