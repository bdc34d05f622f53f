"""The conductor's console: it fits a 1280×800 and a 1366×768 screen whole, shows the state of
the show in words and colour, the run sheet, the step's notes, the notices' history and the
pianist's part from a real runner over the demo session; its buttons make the intents the
keys make."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pygame
import pytest

from player.core.model import intents as I
from player.core.script.config import load_config
from player.core.script.library import Library
from player.core.script.loader import load_session
from player.core.show.console import ConsoleRecord, console_info
from player.core.show.runner import Runner
from player.core.time.clock import ManualClock
from player.display.console import ConsoleView, render_console
from player.display.console_layout import BUTTONS, STATE_COLOURS
from player.display.console_window import action_at
from player.display.keymap import ACTIONS

from .helpers import pixels

ROOT = Path(__file__).resolve().parents[2]
SIZES = [(1280, 800), (1366, 768)]
OTHER_SIZES = [(1024, 600), (1920, 1080), (800, 480)]


class Show:
    """The demo session on a manual clock, with the console's record fed as the app feeds it."""

    def __init__(self):
        self.config = load_config(user_file=None)
        path = ROOT / "sessions" / "demo.yaml"
        session = load_session(path, Library.for_session(path, self.config.library, project_root=ROOT))
        self.texts = self.config.texts()
        self.clock = ManualClock()
        songs = tuple({s.song.id: s.song for s in session.steps if s.kind == "song"}.values())
        self.runner = Runner(session, self.clock, self.texts, songbook=songs)
        self.record = ConsoleRecord()
        self.frame()

    def frame(self):
        self.runner.tick()
        snap = self.runner.snapshot()
        self.record.observe(self.clock.now(), snap)
        return snap

    def do(self, intent, wait: float = 0.5):
        self.record.saw(intent)
        self.runner.handle(intent)
        self.frame()                        # the app draws a frame right after (every 1/30 s)
        self.clock.advance(wait)
        return self.frame()

    def info(self, snap=None):
        snap = snap or self.frame()
        return snap, console_info(self.runner, self.record, snap, self.clock.now())

    def step_index(self, title: str) -> int:
        return next(s.index for s in self.runner.session.steps if s.title == title)


@pytest.fixture
def show():
    pygame.font.init()
    s = Show()
    yield s
    s.runner.close()


def in_song(show: Show):
    show.clock.advance(40)
    show.do(I.GoToStep(index=show.step_index("Bjørnen sover")), wait=5)
    show.do(I.Next(), 2)
    show.do(I.Next(), 2)
    show.runner.notify("Melodistemmen er av")
    show.clock.advance(1)
    return show.info()


def states(show: Show):
    """(name, snapshot, info) for each state the console must tell apart."""
    out = [("playing",) + in_song(show)]
    out.append(("paused",) + show.info(show.do(I.StartPause())))
    out.append(("playing",) + show.info(show.do(I.StartPause())))
    out.append(("panic",) + show.info(show.do(I.Panic())))
    show.do(I.StartPause())
    out.append(("blank",) + show.info(show.do(I.Blank())))
    show.do(I.Blank())
    out.append(("songbook",) + show.info(show.do(I.Songbook())))
    show.do(I.Songbook())
    out.append(("playing",) + show.info(show.do(I.GoToStep(index=show.step_index("Pust med armene")), 3)))
    out.append(("count_in",) + show.info(show.do(I.GoToStep(index=show.step_index("Klapp etter meg")), 0.1)))
    show.clock.advance(5)                               # past the count-in: the rounds
    out.append(("playing",) + show.info())
    show.do(I.GoToStep(index=len(show.runner.session.steps) - 1))
    out.append(("confirm_end",) + show.info(show.do(I.Next())))
    return out


@pytest.mark.parametrize("size", SIZES + OTHER_SIZES)
def test_the_console_fits_the_screen_whole_and_no_text_box_overlaps_another(show, size):
    view = ConsoleView(show.texts)
    many = tuple(f"Melding {k}: MIDI-utgangen «Clavinova» forsvant midt i sangen" for k in range(8))
    for name, snap, info in states(show):
        for extra in ({}, {"notices": many}):
            info2 = info.__class__(**{**info.__dict__, **extra})
            surface = render_console(snap, info2, show.texts, size, view)
            window = surface.get_rect()
            boxes = [pygame.Rect(p.rect) for p in view.placed]
            assert boxes, name
            for p, box in zip(view.placed, boxes):
                assert window.contains(box), (name, size, p.role, p.text, box)
            for (a, ra), (b, rb) in combinations(zip(view.placed, boxes), 2):
                assert not ra.colliderect(rb), (name, size, a.role, a.text, b.role, b.text)
            panels = [view.layout.band, view.layout.sheet, view.layout.part, view.layout.side]
            for a, b in combinations(panels, 2):
                assert not pygame.Rect(a).colliderect(pygame.Rect(b))
            assert all(window.contains(pygame.Rect(p)) for p in panels)
            for action, rect in view.layout.buttons:        # every button whole, and none on a panel
                assert window.contains(pygame.Rect(rect)), action
                for panel in (view.layout.sheet, view.layout.part, view.layout.side, view.layout.band):
                    assert not pygame.Rect(rect).colliderect(pygame.Rect(panel)), action


def test_the_state_of_the_show_is_a_word_and_a_colour_that_differ(show):
    seen = {}
    all_states = states(show)
    for name, snap, info in all_states:
        assert info.state == name
        surface = render_console(snap, info, show.texts, (1280, 800))
        band = pixels(surface, (0, 0, 8, 8))            # the band's corner: the state's colour
        assert tuple(band[0, 0]) == STATE_COLOURS[name][0], name
        seen[name] = info.state_text
    assert seen["panic"] != seen["paused"] != seen["playing"]
    assert len(set(seen.values())) == len(seen) == 7
    # who leads is shown in the band
    _, snap, info = all_states[0]
    view = ConsoleView(show.texts)
    render_console(snap, info, show.texts, (1280, 800), view)
    assert [p.text for p in view.placed if p.role == "lead"] == [show.texts["lead_manual"]]


def test_waiting_for_next_and_the_question_before_the_end_are_told_apart(show):
    talk = show.step_index("Hvilke sanger sang dere som barn?")     # a 7 min card that then holds
    show.do(I.GoToStep(index=talk), wait=7 * 60 + 5)
    assert show.runner.held and show.info()[1].state == "held"
    show.do(I.GoToStep(index=len(show.runner.session.steps) - 1))
    assert show.info()[1].state == "playing"            # the closing card is shown
    snap, info = show.info(show.do(I.Next()))           # Next there asks before the show ends
    assert info.state == "confirm_end" and info.state_text == snap.confirm_quit[0]
    assert {info.state_text, show.info()[1].state_text} == {snap.confirm_quit[0]}


def test_the_run_sheet_has_every_step_planned_against_actual_and_the_drift(show):
    show.clock.advance(100)                             # the welcome card ran 100 s (planned 30 s)
    show.do(I.Next(), wait=20)
    snap, info = show.info()
    steps = show.runner.session.steps
    assert [r.title for r in info.sheet] == [s.title for s in steps]
    assert [r.state for r in info.sheet[:3]] == ["past", "current", "coming"]
    assert info.sheet[0].actual == "1:40" and info.sheet[0].planned == "0:30"
    assert info.sheet[1].actual == "0:20"
    assert info.drift_text == show.texts["console_behind"].format(time="1:10")
    view = ConsoleView(show.texts)
    render_console(snap, info, show.texts, (1280, 800), view)
    current = [p.text for p in view.placed if p.role == "sheet:current"]
    assert current and current[0].startswith("2 ")


def test_the_steps_notes_and_the_notice_history_are_shown(show):
    snap, info = in_song(show)
    note = show.runner.step.note
    assert note and info.notes == (note,)
    show.clock.advance(30)                              # the notice is gone from the snapshot …
    snap, info = show.info()
    assert not snap.notices
    assert any(n.endswith("Melodistemmen er av") for n in info.notices)    # … but in the history
    view = ConsoleView(show.texts)
    render_console(snap, info, show.texts, (1280, 800), view)
    assert " ".join(p.text for p in view.placed if p.role == "note").startswith(note.split()[0])
    assert any("Melodistemmen" in p.text for p in view.placed if p.role == "notice")


def test_the_pianist_part_is_the_whole_section_with_bar_numbers_and_chords(show):
    snap, info = in_song(show)
    song = show.runner.step.song
    verse = song.section(song.order[0])
    assert [ln.text for ln in info.part] == [ln.text for ln in verse.lines]
    assert [ln.chords for ln in info.part] == [ln.chords for ln in verse.lines]
    per_bar = song.meter.beats_per_bar
    assert [ln.bar for ln in info.part] == [int(ln.start // per_bar) + 1 for ln in verse.lines]
    assert [ln.state for ln in info.part].count("current") == 1
    assert info.next_section and info.intro_text and info.ending_text
    view = ConsoleView(show.texts)
    render_console(snap, info, show.texts, (1280, 800), view)
    shown = [p.text for p in view.placed if p.role.startswith("part:")]
    assert shown == [ln.text for ln in verse.lines]          # the whole verse, not two lines
    chords = [p.text for p in view.placed if p.role == "chord"]
    assert chords == [c for ln in verse.lines for _, c in ln.chords]


def test_a_breathing_exercise_shows_its_round_and_phase(show):
    snap = show.do(I.GoToStep(index=show.step_index("Pust med armene")), 3)
    snap, info = show.info(snap)
    b = snap.breath
    assert b is not None
    assert info.round_text == show.texts["breath_cycle"].format(cycle=b.cycle, cycles=b.cycles) \
        + show.texts["pianist_sep"] + b.label


def test_a_pulse_exercise_shows_the_round_and_call_or_response(show):
    index = show.step_index("Klapp etter meg")
    show.do(I.GoToStep(index=index), wait=0.1)
    act = show.runner.act
    tl = act.timeline
    show.clock.advance((tl.count_in_beats + 2 * tl.round_beats + 0.5) * 60 / (act.step.exercise.tempo or 80))
    snap, info = show.info()
    word = show.texts["call"]
    assert info.round_text == show.texts["console_round"].format(k=3, n=tl.rounds) + show.texts["pianist_sep"] + word


@pytest.mark.parametrize("size", SIZES)
def test_every_button_makes_the_intent_its_key_makes(size):
    for row in BUTTONS:
        for action in row:
            assert action in ACTIONS or action == "switch_lead"     # the pianist's key (F2)
    from player.display.console_layout import console_layout
    for action, (x, y, w, h) in console_layout(size).buttons:
        assert action_at(size, (x + w // 2, y + h // 2)) == action
    assert action_at(size, (size[0] // 2, size[1] // 2)) is None      # the middle of the screen is no button


def test_a_click_in_the_console_window_goes_through_the_one_event_pump():
    """ShowApp: a mouse click on the console's «Neste» is passed to the source as Next, and
    the console's record sees Panic from its button like from the key."""
    from player.core.script.settings import settings_from_plain
    from player.display.examples import ExampleSource
    from player.display.pianist_app import ShowApp

    seen = []

    class Source(ExampleSource):
        def handle(self, intent):
            seen.append(intent)
            super().handle(intent)

    app = ShowApp(Source(), settings_from_plain({"display": {"pianist_window": True}}), windowed=True, size=(640, 360))
    try:
        app.open()
        assert app.pianist is not None
        app.frame()
        size = app.pianist.size
        from player.display.console_layout import console_layout
        where = dict(console_layout(size).buttons)
        for action in ("next", "panic", "switch_lead"):
            x, y, w, h = where[action]
            pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(x + 3, y + 3), button=1,
                                                 window=app.pianist.window))
            app.frame()
        from player.core.time.lead import SwitchLead
        assert [type(i) for i in seen[-3:]] == [I.Next, I.Panic, SwitchLead]
        assert app.record.panic
        app.notice("Skjerm 2 finnes ikke")          # the app's own notices reach the console too
        app.frame()
        assert [text for _, text in app.record.history] == ["Skjerm 2 finnes ikke"]
        assert any("Skjerm 2" in n for n in app.console_info().notices)
    finally:
        app.close()


def test_the_snapshots_own_run_sheet_notes_and_history_are_used_when_it_has_them(show):
    """The runner's snapshot carries them (issue 14, projector side): one source of truth."""
    from dataclasses import replace

    from player.core.show.snapshot import Notice, RunSheetRow
    snap, _ = in_song(show)
    given = replace(snap, notes=("Annen merknad",), drift_s=-95.0, show_state="panic", paused=True,
                    run_sheet=(RunSheetRow(1, "Første", "text", 30.0, 42.0, "past"),
                               RunSheetRow(2, "Andre", "song", 90.0, 10.0, "current")),
                    notice_history=(Notice("Gammel melding", "done", 0, 5.0),))
    info = console_info(show.runner, show.record, given, show.clock.now())
    assert info.notes == ("Annen merknad",)
    assert [(r.title, r.actual, r.state) for r in info.sheet] == [("Første", "0:42", "past"), ("Andre", "0:10", "current")]
    assert info.drift_text == show.texts["console_ahead"].format(time="1:35")
    assert info.notices == ("0:05  Gammel melding",)
    assert info.state == "panic"
