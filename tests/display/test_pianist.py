"""The pianist view: chords sit above the syllables they fall on, everything fits, and the
second window shows the same picture under a real X server (Xvfb) beside the projector window."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pygame
import pytest
from player.core.script.settings import settings_from_plain

from player.core.show.snapshot import LyricLine, PianistInfo, Pulse, Snapshot
from player.display.pianist import PianistView, chord_positions, render_pianist
from player.display.xvfb import Xvfb, grab_screen, xvfb_available

from .helpers import ink_mask, pixels

CURRENT = "Da hørte jeg fra lien, en gjøk som gol ko-ko."
NEXT = "Per Spelmann, han hadde ei einaste ku."


def example_snapshot(**changes) -> Snapshot:
    """A song mid-verse, as the runner makes it (also built by the Xvfb child process)."""
    info = PianistInfo(key="A", key_text="A (G +2)", bpm=96, meter="3/4", bar_beat="12:3", lead_mode="tap",
                       lead_text="Tapp-tempo leder", next_steps=("Kaffepause", "Per Spelmann"),
                       elapsed_text="12:30 / 45:00", step_text="Steg 4 av 12 · 1:20 / 2:30",
                       order=(("V1", "past"), ("Refreng", "current"), ("V2", "coming")),
                       changes=("Gjentar en del",), tempo_text="Tempo 90 % · Transponering +2")
    snap = Snapshot(scene="lyrics", title="Jeg gikk en tur på stien", section_label="Vers 1 av 4",
                    lines=(LyricLine("", "empty"),
                           LyricLine(CURRENT, "current", 11, ((0, "D"), (17, "G"), (19, "E7"), (27, "A7"), (41, "D"))),
                           LyricLine(NEXT, "next", 0, ((0, "A7"), (4, "D"), (32, "E"))),
                           LyricLine("og så videre", "upcoming")),
                    pulse=Pulse(96, 3, 2, 0.2, 12, None, "3/4"), notices=("MIDI-utgang borte",), pianist=info,
                    lead_mode="tap")
    for key, value in changes.items():
        snap = snap.__class__(**{**snap.__dict__, key: value})
    return snap


@pytest.fixture(scope="module")
def view():
    pygame.font.init()
    return PianistView()


def char_span(view, text, index, size):
    left = view.cache.size(text[:index], size, True)[0]
    return left, view.cache.size(text[:index + 1], size, True)[0]


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080), (1024, 600)])
def test_chords_sit_above_the_syllables_they_fall_on(view, size):
    snap = example_snapshot()
    surface = render_pianist(snap, size, view)
    bg = view.theme.background
    for role, line in (("current", snap.lines[1]), ("next", snap.lines[2])):
        lyric = [p for p in view.placed if p.role == f"lyric:{role}"]
        chords = [p for p in view.placed if p.role == f"chord:{role}"]
        assert [c.text for c in chords] == [name for _, name in line.chords]
        x0, lyric_top, size_px = lyric[0].rect[0], lyric[0].rect[1], lyric[0].size
        for chord, (index, _) in zip(chords, line.chords):
            left, right = char_span(view, line.text, index, size_px)
            cx, cy, cw, ch = chord.rect
            assert cy + ch <= lyric_top + 2                    # above the words, not on them
            # the chord's ink starts over its character (or just after the chord before it)
            ink = np.where(ink_mask(surface, chord.rect, bg).any(axis=0))[0]
            ink_left = cx + int(ink[0])
            pushed = [c for c in chords if c.rect[0] < cx and c.rect[0] + c.rect[2] + 4 > x0 + left]
            if not pushed:
                assert x0 + left - 2 <= ink_left <= x0 + right, (chord.text, line.text[index:])


def test_everything_fits_and_long_lines_shrink_instead_of_running_off(view):
    long = "Og " + "ein riktig lang linje med mange ord " * 3
    snap = example_snapshot(lines=(LyricLine(long, "current", 0, ((3, "C"), (60, "G"))),),
                            title="Ein veldig lang tittel på ein song som aldri tek slutt, slik somme har")
    size = (1024, 600)
    render_pianist(snap, size, view)
    for p in view.placed:
        x, y, w, h = p.rect
        assert 0 <= x and x + w <= size[0] and 0 <= y and y + h <= size[1], p
    boxes = [pygame.Rect(p.rect) for p in view.placed]
    overlaps = [(a, b) for i, a in enumerate(view.placed) for b in view.placed[i + 1:]
                if pygame.Rect(a.rect).colliderect(pygame.Rect(b.rect)) and {a.role, b.role} != {"lead"}]
    assert not overlaps, overlaps[:2]
    assert len(boxes) > 10
    lyric = next(p for p in view.placed if p.role == "lyric:current")
    assert lyric.size < round(2.3 * (600 // 32))              # shrunk to fit


def test_the_view_shows_what_the_pianist_needs(view):
    render_pianist(example_snapshot(), (1280, 800), view)
    texts = {p.role: p.text for p in view.placed}
    assert texts["info:Toneart"] == "A (G +2)" and texts["info:Tempo"] == "96 BPM"
    assert texts["info:Takt"] == "3/4" and texts["info:Takt:slag"] == "12:3"
    assert texts["lead"] == "Tapp-tempo leder"
    assert texts["next_steps"] == "Neste: Kaffepause   ·   Deretter: Per Spelmann"
    assert "12:30 / 45:00" in texts["time"] and texts["warning"] == "⚠ MIDI-utgang borte"
    render_pianist(example_snapshot(pianist=PianistInfo(count_in=2, bpm=96, meter="3/4")), (1280, 800), view)
    assert {p.role: p.text for p in view.placed}["info:Inntelling"] == "2"


def test_chord_positions_push_crowded_chords_apart():
    def width(s, chord=False):
        return len(s) * 10
    assert chord_positions("abcdef", ((0, "C"), (1, "G7"), (5, "F")), width, 5) == [(0, "C"), (15, "G7"), (50, "F")]


CHILD = """
import os, sys
sys.path.insert(0, {root!r})
os.environ["SDL_VIDEO_WINDOW_POS"] = "0,0"
import pygame
pygame.display.init(); pygame.font.init()
from player.display.pianist import PianistWindow
from tests.display.test_pianist import example_snapshot
main = pygame.display.set_mode((800, 450))
win = PianistWindow(size=(1000, 640), position=(840, 100))
snap = example_snapshot()
for line in sys.stdin:                       # each "draw" from the parent: draw both windows again
    pygame.event.pump()
    main.fill((200, 30, 30)); pygame.display.flip()
    win.invalidate(); win.draw(snap)
    print("drawn", flush=True)
"""


@pytest.mark.skipif(not xvfb_available(), reason="Xvfb is not installed (apt-get install xvfb)")
def test_the_pianist_window_is_a_second_window_under_xvfb(view, tmp_path):
    """A window drawn before X has mapped it loses the picture, so the parent asks the child to
    draw again until the screen shows both windows (or a deadline passes), then checks it."""
    from tests.conftest import ROOT
    from tests.waiting import wait_until

    expected = pixels(render_pianist(example_snapshot(), (1000, 640), view)).astype(int)
    shots = []

    def both_windows_shown() -> bool:
        child.stdin.write("draw\n")
        child.stdin.flush()
        line = child.stdout.readline()
        assert line.strip() == "drawn", child.stderr.read()
        shots.append(grab_screen(x.display))
        main = pixels(shots[-1], (10, 10, 100, 100))
        shown = pixels(shots[-1], (840, 100, 1000, 640)).astype(int)
        return bool((main == (200, 30, 30)).all() and np.abs(shown - expected).max() <= 2)

    with Xvfb((1920, 1080)) as x:
        child = subprocess.Popen([sys.executable, "-c", CHILD.format(root=str(ROOT))], env=x.env(),
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                 cwd=str(ROOT))
        try:
            wait_until(both_windows_shown, timeout_s=10, interval_s=0.05)
        finally:
            child.stdin.close()
            child.wait(10)
    screen = shots[-1]
    pygame.image.save(screen, str(tmp_path / "xvfb.png"))
    main = pixels(screen, (10, 10, 100, 100))
    assert (main == (200, 30, 30)).all()                       # the projector window is there
    shown = pixels(screen, (840, 100, 1000, 640)).astype(int)
    assert np.abs(shown - expected).max() <= 2                  # the pianist window shows the view


@pytest.mark.parametrize("setting, opens", [("auto", False), (True, True), (False, False)])
def test_the_pianist_window_opens_by_itself_only_with_a_second_screen(setting, opens):
    """With one screen (the dummy driver has one) an automatic pianist window would cover the
    participants' view, so `auto` leaves it closed; `true` opens it anyway."""
    from player.display.examples import ExampleSource
    from player.display.pianist_app import ShowApp

    app = ShowApp(ExampleSource(), settings_from_plain({"display": {"pianist_window": setting}}), windowed=True, size=(640, 360))
    try:
        app.open()
        assert (app.pianist is not None) == opens
    finally:
        app.close()
