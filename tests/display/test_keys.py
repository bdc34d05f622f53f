"""Key handling with synthetic key events through the app's one event pump."""

import pygame
import pytest
from player.core.script.settings import settings_from_plain

from player.core.model import intents as I
from player.core.time.clock import ManualClock
from player.core.show.snapshot import Snapshot
from player.display.app import App, SnapshotSource
from player.display.keymap import Controls, KeyMap


class RecordingSource:
    """A fake runner: records intents, shows a title card."""

    def __init__(self):
        self.finished = False
        self.handled = []

    def handle(self, intent):
        self.handled.append(intent)

    def snapshot(self):
        return Snapshot(scene="title", title=f"{len(self.handled)} trykk")


@pytest.fixture
def app(settings):
    clock = ManualClock(100.0)
    source = RecordingSource()
    a = App(source, settings, windowed=True, size=(640, 360), clock=clock)
    a.open()
    yield a, source, clock
    a.close()


def key(k, mod=0, unicode=""):
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode=unicode, scancode=0)


EXPECTED = [
    (pygame.K_RIGHT, "", I.Next), (pygame.K_PAGEDOWN, "", I.Next), (pygame.K_SPACE, " ", I.Next),
    (pygame.K_LEFT, "", I.Back), (pygame.K_PAGEUP, "", I.Back),
    (pygame.K_b, "b", I.Blank), (pygame.K_PERIOD, ".", I.Blank), (pygame.K_ESCAPE, "", I.Panic),
    (pygame.K_PLUS, "+", I.TempoUp), (pygame.K_KP_PLUS, "+", I.TempoUp), (pygame.K_MINUS, "-", I.TempoDown),
    (pygame.K_RIGHTBRACKET, "]", I.TransposeUp), (pygame.K_LEFTBRACKET, "[", I.TransposeDown),
    (pygame.K_p, "p", I.StartPause), (pygame.K_RETURN, "\r", I.StartPause), (pygame.K_TAB, "\t", I.ToggleOverlay),
    (pygame.K_t, "t", I.Tap), (pygame.K_r, "r", I.RepeatSection), (pygame.K_l, "l", I.LastVerse),
    (pygame.K_e, "e", I.EndAfterVerse),
]


def test_the_app_satisfies_the_source_protocol():
    assert isinstance(RecordingSource(), SnapshotSource)


@pytest.mark.parametrize("k,char,intent", EXPECTED, ids=[e[2].__name__ + "-" + pygame.key.name(e[0]) for e in EXPECTED])
def test_each_key_makes_its_intent(app, k, char, intent):
    a, source, clock = app
    a.handle_event(key(k, unicode=char))
    assert [type(i) for i in source.handled] == [intent]
    assert source.handled[0].at == 100.0


def test_a_double_press_within_the_guard_is_ignored(app, settings):
    a, source, clock = app
    guard = settings.keymap.double_press_guard_s
    a.handle_event(key(pygame.K_PAGEDOWN))
    clock.advance(guard / 2)
    a.handle_event(key(pygame.K_PAGEDOWN))       # a clicker bounce
    assert len(source.handled) == 1
    clock.advance(guard)
    a.handle_event(key(pygame.K_PAGEDOWN))
    assert len(source.handled) == 2


def test_quit_needs_a_confirmation(app):
    a, source, clock = app
    a.running = True
    a.handle_event(key(pygame.K_q, pygame.KMOD_LCTRL, "\x11"))
    assert source.handled == [] and a.controls.confirming_quit and a.running
    a.frame()
    assert any(p.role == "quit" for p in a.renderer.placed)      # the question is on screen
    clock.advance(1.0)
    a.handle_event(key(pygame.K_q, pygame.KMOD_LCTRL, "\x11"))
    assert [type(i) for i in source.handled] == [I.Quit] and not a.running


def test_another_key_cancels_the_quit_question_and_does_nothing_else(app):
    a, source, clock = app
    a.handle_event(key(pygame.K_q, pygame.KMOD_LCTRL, "\x11"))
    clock.advance(1.0)
    a.handle_event(key(pygame.K_RIGHT))
    assert source.handled == [] and not a.controls.confirming_quit
    clock.advance(1.0)
    a.handle_event(key(pygame.K_q, pygame.KMOD_LCTRL, "\x11"))   # asks again
    assert source.handled == []


def test_plain_q_does_not_quit(app):
    a, source, clock = app
    a.handle_event(key(pygame.K_q, 0, "q"))
    assert not a.controls.confirming_quit and source.handled == []


def test_typing_a_step_number_then_return_jumps_to_that_step(app):
    a, source, clock = app
    a.handle_event(key(pygame.K_1, unicode="1"))
    clock.advance(0.5)
    a.handle_event(key(pygame.K_2, unicode="2"))
    assert a.controls.pending_digits == "12" and source.handled == []
    a.frame()
    assert any(p.role == "digits" and "12" in p.text for p in a.renderer.placed)
    clock.advance(0.5)
    a.handle_event(key(pygame.K_RETURN, unicode="\r"))
    assert source.handled == [I.GoToStep(at=101.0, index=11)]


def test_intents_posted_from_other_threads_reach_the_source_in_the_next_frame(app):
    a, source, clock = app
    a.post(I.Next())
    assert source.handled == []
    a.frame()
    assert source.handled == [I.Next()]


def test_a_failing_source_becomes_a_notice_not_a_crash(app):
    a, source, clock = app

    def broken():
        raise ValueError("ingen steg")

    a.frame()
    source.snapshot = broken
    a.frame()
    notices = [p.text for p in a.renderer.placed if p.role == "notice"]
    assert notices and "ingen steg" in notices[0]


def test_key_map_comes_from_config_and_unknown_actions_are_refused():
    km = KeyMap.from_section(settings_from_plain({"keys": {"next": ["n"], "double_press_guard_ms": 500}}).keys)
    assert km.action_for("n") == "next" and km.action_for("right") is None
    assert km.double_press_guard_s == 0.5
    from player.core.model.errors import ScriptError
    with pytest.raises(ScriptError, match="keys.jump"):
        settings_from_plain({"keys": {"jump": ["j"]}})


def test_controls_respect_modifiers():
    c = Controls(KeyMap.from_section())
    assert c.press("b", "b", frozenset({"ctrl"}), 0.0) is None     # Ctrl+B is not Blank
    assert isinstance(c.press("b", "b", frozenset({"shift"}), 1.0), I.Blank)


def test_a_step_number_typed_fast_keeps_its_repeated_digits(app):
    """Found driving the show under Xvfb: "11" typed quickly became "1" (the second press was
    taken for a clicker bounce)."""
    a, source, clock = app
    a.handle_event(key(pygame.K_1, unicode="1"))
    clock.advance(0.05)
    a.handle_event(key(pygame.K_1, unicode="1"))
    clock.advance(0.05)
    a.handle_event(key(pygame.K_RETURN, unicode="\r"))
    assert source.handled == [I.GoToStep(at=100.1, index=10)]


def test_ctrl_q_twice_as_a_person_presses_it_quits(app):
    """Found trying the show: the second Ctrl, pressed alone before its Q, cancelled the question.
    SDL sends a key-down for the modifier itself, with its own bit already in ``mod``."""
    a, source, clock = app
    a.running = True
    for _ in range(2):
        a.handle_event(key(pygame.K_LCTRL, pygame.KMOD_LCTRL))
        clock.advance(0.1)
        a.handle_event(key(pygame.K_q, pygame.KMOD_LCTRL, "\x11"))
        clock.advance(0.1)
        a.handle_event(pygame.event.Event(pygame.KEYUP, key=pygame.K_q, mod=pygame.KMOD_LCTRL, unicode="", scancode=0))
        a.handle_event(pygame.event.Event(pygame.KEYUP, key=pygame.K_LCTRL, mod=0, unicode="", scancode=0))
        clock.advance(0.5)
    assert [type(i) for i in source.handled] == [I.Quit] and not a.running


def test_a_modifier_alone_neither_cancels_the_quit_question_nor_types(app):
    a, source, clock = app
    a.handle_event(key(pygame.K_q, pygame.KMOD_LCTRL, "\x11"))
    for k in (pygame.K_RCTRL, pygame.K_LSHIFT, pygame.K_RALT, pygame.K_CAPSLOCK):
        clock.advance(0.4)
        a.handle_event(key(k))
    assert a.controls.confirming_quit and source.handled == []
    clock.advance(0.4)
    a.handle_event(key(pygame.K_RIGHT))                  # a real key still cancels
    assert not a.controls.confirming_quit and source.handled == []
