"""Issue 14, the projector is for participants: with a console the projector never shows the
overlay or a notice; with one screen the conductor can still call the overlay up; a song starts
with its title and a big count-in; the lyric size is one per song from count-in to end; after
Esc the room sees a calm card; the songbook's prompt says it picks a song."""

from dataclasses import replace

import numpy as np
import pygame

from player.core.show.snapshot import Notice, Overlay, Snapshot
from player.core.time.clock import ManualClock
from player.display.chrome import Chrome
from player.display.examples import examples
from player.display.renderer import Renderer
from tests.core.test_runner import PlainSongs, TEXTS
from tests.display.helpers import ink_height, pixels

OVERLAY = Overlay("Steg 4 av 12", "12:30 av planlagt 45:00", "Neste: Ro, ro", "Tempo 90 % · Transponering +2",
                  ("Synth borte",))
NOTICES = (Notice("Synth borte", "warning", 3), Notice("Gjentar Vers 1 av 3 én gang til", "done", 3))
CONDUCTOR_ROLES = ("overlay", "notice", "digits")


def draw(settings, snap, chrome=Chrome(), size=(1280, 720)):
    r = Renderer(settings)
    surface = pygame.Surface(size)
    r.draw(surface, snap, chrome)
    return surface, r


def conductor_things(snap: Snapshot) -> Snapshot:
    return replace(snap, overlay=OVERLAY, notice_items=NOTICES, notices=tuple(n.text for n in NOTICES))


def test_with_a_console_the_projector_shows_no_overlay_and_no_notice(settings):
    for name in ("lyrics", "lyrics_count_in", "breathing_in", "pulse_call", "title", "closing"):
        plain = examples()[name]
        alone, _ = draw(settings, plain, Chrome(console=True))
        loaded, r = draw(settings, conductor_things(plain), Chrome(console=True, notices=("Skjermen forsvant",)))
        assert not [p for p in r.placed if p.role in CONDUCTOR_ROLES], name
        assert np.array_equal(pixels(alone), pixels(loaded)), f"{name}: the conductor's things changed pixels"


def test_with_one_screen_tab_calls_the_overlay_up_over_any_scene(settings):
    for name in ("lyrics", "breathing_in"):
        _, r = draw(settings, conductor_things(examples()[name]))
        assert [p for p in r.placed if p.role == "overlay"], name


def test_a_confirmation_is_no_warning(settings):
    _, r = draw(settings, conductor_things(examples()["lyrics"]))
    strip = " ".join(p.text for p in r.placed if p.role == "notice")
    assert "⚠ Synth borte" in strip and "Gjentar Vers 1" in strip
    done = replace(examples()["lyrics"], notice_items=NOTICES[1:], notices=(NOTICES[1].text,))
    _, r = draw(settings, done)
    strip = " ".join(p.text for p in r.placed if p.role == "notice")
    assert strip.startswith("Gjentar Vers 1") and "⚠" not in strip


def test_the_projector_draws_notices_from_the_notice_items_only(settings):
    """The runner keeps a notice with its step: the closing card gets none from the last song."""
    snap = replace(examples()["title"], notices=(), notice_items=(), notice_history=NOTICES)
    _, r = draw(settings, snap)
    assert not [p for p in r.placed if p.role == "notice"]


CUED = """\
version: 1
title: Bevegelse
meter: 4/4
tempo: 120
key: G
timing:
  - [0, 4]
  - [4, 4]
sections:
  - id: v1
    name: Vers 1
    lines:
      - text: "Ro, ro, ro din båt"
        cue: Armene fram og tilbake
      - "ro den over vann"
  - id: v2
    name: Vers 2
    lines:
      - text: "Andre vers her"
        cue: Klapp på knærne
      - "og så er det slutt"
order: [v1, v2]
"""


def song_frames(tmp_path, settings, size=(1280, 720)):
    from tests.core.test_loader import make
    from player.core.script.library import Library
    from player.core.script.loader import load_session
    from player.core.show.runner import Runner
    path = make(tmp_path, "version: 1\ntitle: T\nsteps:\n  - song: testsang\n", song=CUED)
    clock = ManualClock()
    runner = Runner(load_session(path, Library.for_session(path, (), project_root=tmp_path)), clock, TEXTS,
                    backings=PlainSongs(clock))
    r = Renderer(settings)
    frames = []
    while not runner.held and clock.now() < 60:
        snap = runner.snapshot()
        surface = pygame.Surface(size)
        r.invalidate()
        r.draw(surface, snap)
        frames.append((snap, surface, list(r.placed)))
        clock.advance(0.25)
        runner.tick()
    return frames


def test_a_songs_lyric_size_is_the_same_from_count_in_to_end(tmp_path, settings):
    frames = song_frames(tmp_path, settings)
    assert frames[0][0].pulse.count_in is not None, "the song counts in"
    sizes = {p.size for _, _, placed in frames for p in placed if p.role.startswith("lyric")}
    assert len(sizes) == 1, sizes
    # on the pixels: the first line's ink is as tall while counted in as while it is sung
    first = "Ro, ro, ro din båt"

    def height(surface, placed):
        p = next(p for p in placed if p.role.startswith("lyric") and p.text.startswith(first))
        return ink_height(surface, p.rect, surface.get_at(p.rect[:2])[:3])
    counted = next((s, pl) for snap, s, pl in frames if snap.pulse and snap.pulse.count_in is not None
                   and any(p.text.startswith(first) for p in pl))
    sung = next((s, pl) for snap, s, pl in frames if snap.lines and any(ln.state == "current" and
                ln.text.startswith(first) for ln in snap.lines) and not snap.intro)
    assert height(*counted) == height(*sung) > 0


def test_a_song_starts_with_its_title_and_a_big_count_in(tmp_path, settings):
    frames = song_frames(tmp_path, settings)
    snap, surface, placed = frames[0]
    assert snap.pulse.count_in is not None
    title = [p for p in placed if p.role == "title"]
    assert title and title[0].text.startswith("Testsang") or title[0].text.startswith("Bevegelse")
    count = [p for p in placed if p.role == "count_in"]
    lyric = max(p.size for p in placed if p.role.startswith("lyric"))
    assert count and count[0].size >= 1.5 * lyric, "a count-in the room can breathe with"
    r = pygame.Rect(count[0].rect)
    assert r.height > surface.get_height() * 0.12


def test_after_panic_the_room_sees_a_calm_card_not_frozen_lyrics(settings):
    snap = replace(examples()["lyrics"], show_state="panic", calm_text="Vi tar en liten pause")
    _, r = draw(settings, snap)
    assert not [p for p in r.placed if p.role.startswith("lyric")]
    shown = " ".join(p.text for p in r.placed)
    assert "Vi tar en liten pause" in shown and snap.title.split()[0] in shown


def test_the_songbooks_number_prompt_picks_a_song(settings):
    snap = Snapshot(scene="songbook", title="Sangbok", body=("1  Fader Jakob", "7  Kongesangen"))
    _, r = draw(settings, snap, Chrome(pending_digits="7"))
    typed = " ".join(p.text for p in r.placed if p.role == "digits")
    assert "7" in typed and "steg" not in typed.lower() and "sang" in typed.lower()


def test_the_overlay_marks_only_warnings(settings):
    snap = replace(examples()["lyrics"], overlay=replace(OVERLAY, warnings=("Synth borte",), done=("Gjentar Refreng",)))
    _, r = draw(settings, snap)
    rows = [p.text for p in r.placed if p.role == "overlay"]
    assert "⚠ Synth borte" in rows and "Gjentar Refreng" in rows


def test_with_a_console_the_end_question_is_not_put_over_the_closing_card(settings):
    snap = replace(examples()["closing"], confirm_quit=("Avslutte? Trykk Neste en gang til.", "En annen tast avbryter."))
    _, r = draw(settings, snap, Chrome(console=True))
    assert not [p for p in r.placed if p.role == "quit"] and [p for p in r.placed if p.role == "title"]
    _, r = draw(settings, snap)
    assert [p for p in r.placed if p.role == "quit"], "with one screen the question is asked on it"


def test_the_apps_own_notices_go_to_the_runners_board_so_the_console_sees_them(settings):
    """The display's own faults («Skjermen forsvant») reach the console through the board."""
    from player.display.app import App
    from player.display.examples import ExampleSource
    posted = []
    app = App(ExampleSource(), settings, post_notice=posted.append)
    app.notice("Skjermen forsvant")
    assert posted == ["Skjermen forsvant"] and app.chrome().notices == ()
    alone = App(ExampleSource(), settings)
    alone.notice("Skjermen forsvant")
    assert alone.chrome().notices == ("Skjermen forsvant",)


def test_with_a_console_ctrl_q_is_asked_there_not_on_the_projector(settings):
    """Ctrl+Q's question («Avslutte? …») is the conductor's: with a console the participants'
    picture stays the card they read; with one screen the question is the projector's card."""
    snap = examples()["lyrics"]
    plain, _ = draw(settings, snap, Chrome(console=True))
    asked, r = draw(settings, snap, Chrome(confirm_quit=True, console=True))
    assert not [p for p in r.placed if p.role == "quit"]
    assert pygame.image.tobytes(asked, "RGB") == pygame.image.tobytes(plain, "RGB")
    _, r = draw(settings, snap, Chrome(confirm_quit=True))
    assert [p for p in r.placed if p.role == "quit"], "with one screen Ctrl+Q is asked on it"
