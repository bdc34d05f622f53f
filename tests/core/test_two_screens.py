"""Issue 14, the runner's side: what the console needs goes into the snapshot (the show's
state, the step's notes, notices with their kind and step, the run sheet), and the small
faults found in a run-through (verse labels, two thank-you cards, leads with no input)."""

from __future__ import annotations

from player.core.model import intents as I
from player.core.show.options import ShowOptions
from player.core.time.clock import ManualClock
from player.core.time.lead import SwitchLead

from .test_runner import PlainSongs, build, run_for

NOTED = """\
version: 1
title: Test
steps:
  - text: Velkommen
    note: |
      Hils på alle.
      Minn om at det er lov å sitte.
  - song: testsang
    verses: [1, 2]
  - text: Takk for i dag
"""


def test_the_steps_note_lines_are_in_the_snapshot_for_the_console(tmp_path):
    runner, clock, _ = build(tmp_path, NOTED)
    assert runner.snapshot().notes == ("Hils på alle.", "Minn om at det er lov å sitte.")
    runner.handle(I.Next())
    assert runner.snapshot().notes == ()


def test_a_notice_has_a_kind_and_stays_with_the_step_it_was_raised_in(tmp_path):
    runner, clock, _ = build(tmp_path, NOTED)
    runner.handle(I.Next())                               # the song, by hand
    runner.notify("Synth borte")
    runner.handle(I.RepeatSection())                      # a confirmation
    snap = runner.snapshot()
    kinds = {n.text: n.kind for n in snap.notice_items}
    assert kinds["Synth borte"] == "warning"
    assert [k for t, k in kinds.items() if t.startswith("Gjentar")] == ["done"]
    assert all(n.step == 1 for n in snap.notice_items)
    runner.handle(I.Next())
    while runner.snapshot().scene == "lyrics":
        runner.handle(I.Next())
    snap = runner.snapshot()
    assert snap.notice_items == () and snap.notices == (), "a notice does not follow onto the next card"
    assert len(snap.notice_history) == 2, "the console keeps a short history"


def test_pause_blank_and_panic_are_states_in_the_snapshot(tmp_path):
    runner, clock, _ = build(tmp_path, NOTED, backings=PlainSongs(CLOCK := ManualClock()), clock=CLOCK)
    runner.handle(I.Next())
    run_for(runner, clock, 4.0)
    assert runner.snapshot().show_state == "playing"
    runner.handle(I.StartPause())
    assert runner.snapshot().show_state == "paused"
    assert runner.snapshot().calm_text == "", "a plain pause keeps the lyrics where they stopped"
    runner.handle(I.StartPause())
    runner.handle(I.Panic())
    snap = runner.snapshot()
    assert snap.show_state == "panic"
    assert snap.calm_text, "after Esc the participants see a calm card, not half-highlighted lyrics"
    runner.handle(I.StartPause())
    assert runner.snapshot().show_state == "playing" and runner.snapshot().calm_text == ""
    runner.handle(I.Blank())
    assert runner.snapshot().blank and runner.snapshot().show_state == "playing"


def test_a_pause_card_when_the_conductor_wants_one(tmp_path):
    runner, clock, _ = build(tmp_path, NOTED, options=ShowOptions(pause_card=True))
    runner.handle(I.Next())
    runner.handle(I.StartPause())
    assert runner.snapshot().calm_text


def test_the_run_sheet_has_planned_and_actual_time_per_step(tmp_path):
    runner, clock, _ = build(tmp_path, NOTED)
    clock.advance(30)
    runner.tick()
    runner.handle(I.Next())
    clock.advance(10)
    runner.tick()
    sheet = runner.snapshot().run_sheet
    assert [r.number for r in sheet] == [1, 2, 3]
    assert [r.state for r in sheet] == ["past", "current", "coming"]
    assert sheet[0].actual_s == 30 and sheet[1].actual_s == 10 and sheet[2].actual_s is None
    assert sheet[1].planned_s > 0 and sheet[1].title == "Testsang"
    planned0 = runner.session.steps[0].planned_seconds
    # 30 s on the first card against its plan; the song is within its plan so far
    assert runner.snapshot().drift_s == round(30 - planned0, 1)


def test_verses_picked_read_as_verses_sung(tmp_path):
    from player.core.script.library import Library
    from player.core.script.loader import load_session
    from player.core.show.runner import Runner
    from .test_loader import SONG, make
    from .test_runner import TEXTS
    four = SONG.replace("order: [v1, r, v2, r]", "order: [v1, r, v2, r, v1, r, v2, r]")
    path = make(tmp_path, "version: 1\ntitle: T\nsteps:\n  - song: testsang\n    verses: [1, 2]\n", song=four)
    runner = Runner(load_session(path, Library.for_session(path, (), project_root=tmp_path)), ManualClock(), TEXTS)
    labels = set()
    while runner.snapshot().scene == "lyrics":
        labels.add(runner.snapshot().section_label)
        runner.handle(I.Next())
    assert {"Vers 1 av 2", "Vers 2 av 2"} <= labels and not any("av 4" in x for x in labels)


def test_the_scripts_own_last_card_is_the_closing_card(tmp_path):
    runner, clock, _ = build(tmp_path, NOTED, start_index=2)
    assert runner.snapshot().title == "Takk for i dag"
    runner.handle(I.Next())
    snap = runner.snapshot()
    assert snap.title == "Takk for i dag" and snap.confirm_quit, "no second, built-in thank-you card"


def test_the_built_in_closing_card_when_the_script_ends_with_a_song(tmp_path):
    runner, clock, _ = build(tmp_path, NOTED.rsplit("  - text: Takk", 1)[0], start_index=1)
    for _ in range(20):
        runner.handle(I.Next())
        if runner.finished:
            break
    assert runner.snapshot().title == "Takk for i dag!"


def test_a_midi_clock_lead_with_no_midi_input_is_refused_with_a_notice(tmp_path):
    clock = ManualClock()
    runner, clock, _ = build(tmp_path, NOTED, backings=PlainSongs(clock), clock=clock,
                             options=ShowOptions(lead_inputs=("tap",)))
    runner.handle(I.Next())
    before = runner.act.lead
    runner.handle(SwitchLead(mode="midi-clock"))
    assert runner.act.lead == before
    assert any(n.kind == "warning" for n in runner.snapshot().notice_items)
    runner.handle(SwitchLead(mode="pedal"))
    assert runner.act.lead == before
    runner.handle(SwitchLead(mode="tap"))
    assert runner.act.lead == "tap"


def test_the_tab_overlay_hides_itself(tmp_path):
    from player.core.show.modes import OVERLAY_SECONDS
    runner, clock, _ = build(tmp_path, NOTED)
    runner.handle(I.ToggleOverlay())
    assert runner.snapshot().overlay is not None
    clock.advance(OVERLAY_SECONDS + 0.1)
    runner.tick()
    assert runner.snapshot().overlay is None
    runner.handle(I.ToggleOverlay())
    assert runner.snapshot().overlay is not None, "Tab calls it up again at once"


def test_a_song_says_when_singing_has_not_started_and_gives_all_its_cues(tmp_path):
    runner, clock, _ = build(tmp_path, NOTED, backings=PlainSongs(CLOCK := ManualClock()), clock=CLOCK)
    runner.handle(I.Next())
    snap = runner.snapshot()
    assert snap.intro and snap.pulse.count_in is not None and snap.title == "Testsang"
    run_for(runner, clock, 4.0)
    assert not runner.snapshot().intro
