"""Every scene drawn from snapshots, checked on the pixels."""

from dataclasses import replace

import numpy as np
import pygame
import pytest
from player.core.script.settings import settings_from_plain

from player.core.show.snapshot import Breath, LyricLine, Snapshot
from player.display.examples import examples, lyrics_example
from player.display.painter import metrics_for
from player.display.renderer import Renderer, render_to_surface, save_png
from player.display.theme import contrast_ratio
from tests.display.helpers import distinct_colours, ink_height, ink_mask, measured_contrast, pixels

SIZES = [(1920, 1080), (1280, 720)]


def draw(settings, snap, size=(1920, 1080)):
    r = Renderer(settings)
    surface = pygame.Surface(size)
    r.draw(surface, snap)
    return surface, r


def by_role(renderer, prefix):
    return [p for p in renderer.placed if p.role.startswith(prefix)]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", sorted(examples()))
def test_every_text_is_inside_the_screen_and_reaches_7_to_1(settings, name, size):
    surface, r = draw(settings, examples()[name], size)
    screen = surface.get_rect()
    assert r.failures == 0
    if name != "blank":
        assert r.placed, "the scene drew no text"
    for placed in r.placed:
        assert screen.contains(pygame.Rect(placed.rect)), (placed.role, placed.text, placed.rect)
        assert measured_contrast(surface, placed.rect, placed.bg) >= 7.0, (placed.role, placed.text)


def test_packed_colours_give_what_unique_rows_gave_on_rendered_frames(settings):
    """The fast colour count (RGB packed into one integer) finds the same colours, and so the
    same contrast, as the row-wise ``np.unique(axis=0)`` it replaced."""
    checked = 0
    for name in ("lyrics", "instruction", "breathing_in"):
        surface, r = draw(settings, examples()[name], (1280, 720))
        for rect, bg in [(p.rect, p.bg) for p in r.placed]:
            rows = np.unique(pixels(surface, rect).reshape(-1, 3), axis=0)
            old = {tuple(int(v) for v in c) for c in rows}
            assert distinct_colours(surface, rect) == old, (name, rect)
            assert measured_contrast(surface, rect, bg) == max(contrast_ratio(c, bg) for c in old)
            checked += len(old)
    assert checked > 100                            # anti-aliased text: many colours, not two
    mixed = pygame.Surface((3, 1))
    for x, colour in enumerate([(255, 0, 0), (0, 0, 255), (1, 2, 3)]):
        mixed.set_at((x, 0), colour)
    assert distinct_colours(mixed) == {(255, 0, 0), (0, 0, 255), (1, 2, 3)}


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_lyrics_contrast_in_both_themes(config, theme):
    from player.display.settings import DisplaySettings
    s = DisplaySettings.from_settings(settings_from_plain({**config, "theme": theme}))
    surface, r = draw(s, lyrics_example())
    assert tuple(surface.get_at((2, 2)))[:3] == s.theme.background
    for placed in r.placed:
        assert measured_contrast(surface, placed.rect, placed.bg) >= 7.0, placed.role


@pytest.mark.parametrize("size", [(1920, 1080), (3840, 2160)])
@pytest.mark.parametrize("room", [{"farthest_viewer_m": 10, "screen_width_m": 3.0, "min_x_height_deg": 0.4},
                                  {"farthest_viewer_m": 6, "screen_width_m": 2.0, "min_x_height_deg": 0.5}])
def test_measured_x_height_meets_the_room_rule(config, size, room):
    from player.display.settings import DisplaySettings
    s = DisplaySettings.from_settings(settings_from_plain({**config, "room": room}))
    # only x-height letters, so the ink height is the x-height
    snap = Snapshot(scene="lyrics", lines=(LyricLine("xvz wxv", "current"), LyricLine("vxz", "next")))
    surface, r = draw(s, snap, size)
    for placed in by_role(r, "lyric."):
        h = ink_height(surface, placed.rect, placed.bg)
        assert s.room.angle_deg(h, size[0]) >= room["min_x_height_deg"], (placed.role, h)
    card = Snapshot(scene="instruction", title="xvz", body=("vxz xvz",))
    surface, r = draw(s, card, size)
    for placed in by_role(r, "body") + by_role(r, "title"):
        assert s.room.angle_deg(ink_height(surface, placed.rect, placed.bg), size[0]) >= room["min_x_height_deg"]


def test_one_text_size_for_every_line_of_a_song(settings):
    a = draw(settings, lyrics_example())[1]
    b = draw(settings, replace(lyrics_example(), lines=(LyricLine("Kort", "current"),)))[1]
    sizes = {p.size for p in by_role(a, "lyric.") + by_role(b, "lyric.")}
    assert len(sizes) == 1


def test_the_current_line_is_highlighted_and_differs_from_the_others(settings):
    surface, r = draw(settings, lyrics_example(highlight=9))
    t = settings.theme
    sung = by_role(r, "lyric.sung")
    assert sung and sung[0].text.strip() == "langsomt" and sung[0].fg == t.highlight
    colours_sung = distinct_colours(surface, sung[0].rect)
    assert t.highlight in colours_sung
    for other in by_role(r, "lyric.next") + by_role(r, "lyric.past") + by_role(r, "lyric.upcoming"):
        colours = distinct_colours(surface, other.rect)
        assert t.highlight not in colours and t.dim in colours


def test_word_progress_moves_the_highlight(settings):
    one = draw(settings, lyrics_example(highlight=9))[1]
    two = draw(settings, lyrics_example(highlight=20))[1]
    assert by_role(one, "lyric.sung")[0].text != by_role(two, "lyric.sung")[0].text
    assert pygame.Rect(by_role(two, "lyric.sung")[0].rect).width > pygame.Rect(by_role(one, "lyric.sung")[0].rect).width


def test_the_next_line_is_on_screen_below_the_current_one(settings):
    surface, r = draw(settings, lyrics_example())
    nxt, cur = by_role(r, "lyric.next"), by_role(r, "lyric.current")
    assert [p.text for p in nxt] == ["og så ror vi hjem igjen"]
    assert ink_mask(surface, nxt[0].rect, nxt[0].bg).sum() > 1000
    assert nxt[0].rect[1] > cur[0].rect[1]


def test_long_lines_wrap_and_past_lines_give_way_first(settings):
    long = "og vi synger alle sammen så høyt vi kan om sommeren og solen og havet"
    snap = Snapshot(scene="lyrics", lines=(
        LyricLine("en gammel linje som allerede er sunget ferdig i dag", "past"),
        LyricLine("langsomt over vann, vi ror så godt vi kan i dag", "current"),
        LyricLine(long, "next"), LyricLine(long, "upcoming")), cue="Klapp")
    surface, r = draw(settings, snap)
    rows = by_role(r, "lyric.current")
    assert len(rows) >= 2                                   # wrapped, not shrunk
    widths = [p.rect[2] for p in rows]
    assert min(widths) > 0.6 * max(widths)                  # balanced rows, no lone last word
    assert by_role(r, "lyric.next")                         # the next line always stays
    assert not by_role(r, "lyric.past")                     # what was sung goes first
    assert all(p.rect[0] + p.rect[2] <= 1920 for p in r.placed)


def _pulse_rect(settings, snap):
    r = Renderer(settings)
    from player.display.painter import Painter
    p = Painter(pygame.Surface((1920, 1080)), settings.theme, metrics_for((1920, 1080), settings.room, r.fonts), r.cache)
    return r.scenes[snap.scene].regions(p, snap)[0][0]


def test_corner_pulse_changes_with_the_beat_phase_and_never_covers_text(settings):
    on = lyrics_example(phase=0.0, beat=1)
    late = lyrics_example(phase=0.8, beat=1)
    rect = _pulse_rect(settings, on)
    s_on, r = draw(settings, on)
    s_late = draw(settings, late)[0]
    assert (pixels(s_on, rect) != pixels(s_late, rect)).any()
    # the mark is bigger on the beat than late in it
    assert ink_mask(s_on, rect, settings.theme.background).sum() > ink_mask(s_late, rect, settings.theme.background).sum()
    # outside the pulse box nothing changes
    mask = np.ones((1080, 1920), bool)
    mask[rect.top:rect.bottom, rect.left:rect.right] = False
    assert (pixels(s_on)[mask] == pixels(s_late)[mask]).all()
    for placed in r.placed:
        if placed.role != "count_in":
            assert not rect.colliderect(pygame.Rect(placed.rect)), placed.role


def test_downbeat_is_accented(settings):
    rect = _pulse_rect(settings, lyrics_example())
    down = draw(settings, lyrics_example(phase=0.0, beat=0))[0]
    other = draw(settings, lyrics_example(phase=0.0, beat=2))[0]
    assert settings.theme.highlight in distinct_colours(down, rect)
    bg = settings.theme.background
    assert ink_mask(down, rect, bg).sum() > ink_mask(other, rect, bg).sum()


def test_pulse_scene_ball_moves_and_count_in_shows_the_number(settings):
    base = examples()["pulse_call"]
    a = draw(settings, replace(base, pulse=replace(base.pulse, phase=0.1)))[0]
    b = draw(settings, replace(base, pulse=replace(base.pulse, phase=0.6)))[0]
    assert (pixels(a) != pixels(b)).any()
    _, r = draw(settings, examples()["pulse_count_in"])
    assert [p.text for p in by_role(r, "count_in")] == ["3"]
    _, r = draw(settings, examples()["pulse_response"])
    assert [p.text for p in by_role(r, "call_response")] == ["Alle"]


def test_breathing_shape_grows_on_the_in_breath(settings):
    base = examples()["breathing_in"]
    accent = np.array(settings.theme.accent)
    areas = []
    for size in (0.1, 0.4, 0.7, 1.0):
        surface = draw(settings, replace(base, breath=replace(base.breath, size=size)))[0]
        areas.append(int((pixels(surface) == accent).all(axis=2).sum()))
    assert areas == sorted(areas) and areas[0] * 3 < areas[-1]
    _, r = draw(settings, base)
    assert [p.text for p in by_role(r, "breath.label")] == ["Pust inn"]
    assert [p.text for p in by_role(r, "breath.count")] == ["2"]


def test_same_snapshot_same_pixels_and_partial_redraw_equals_full(settings):
    r = Renderer(settings)
    surface = pygame.Surface((1920, 1080))
    first = lyrics_example(phase=0.1)
    assert r.draw(surface, first) == [surface.get_rect()]
    assert r.draw(surface, first) == []                       # nothing changed: nothing redrawn
    moved = lyrics_example(phase=0.6, beat=2)
    rects = r.draw(surface, moved)
    assert len(rects) == 1 and rects[0].width < 600           # only the pulse box
    fresh = render_to_surface(moved, (1920, 1080), settings)
    assert (pixels(surface) == pixels(fresh)).all()
    sung = lyrics_example(phase=0.6, beat=2, highlight=20)     # the next word: only the current line
    rects = r.draw(surface, sung)
    assert len(rects) == 1 and rects[0].height < 300 and rects[0].width > 1000
    assert (pixels(surface) == pixels(render_to_surface(sung, (1920, 1080), settings))).all()
    assert [p.text for p in r.placed if p.role == "lyric.sung"] == ["langsomt over vann, "]
    assert [p.text for p in r.placed if p.role == "lyric.next"] == ["og så ror vi hjem igjen"]
    both = lyrics_example(phase=0.1, beat=3, highlight=26)     # word and beat at once: two boxes
    assert len(r.draw(surface, both)) == 2
    assert (pixels(surface) == pixels(render_to_surface(both, (1920, 1080), settings))).all()
    moved_on = replace(both, lines=both.lines[1:])             # a new line: everything
    assert r.draw(surface, moved_on) == [surface.get_rect()]
    breath = examples()["breathing_in"]
    r.draw(surface, breath)
    r.draw(surface, replace(breath, breath=replace(breath.breath, size=0.9, count=1)))
    fresh = render_to_surface(replace(breath, breath=replace(breath.breath, size=0.9, count=1)), (1920, 1080), settings)
    assert (pixels(surface) == pixels(fresh)).all()


def test_blank_is_black_and_video_is_left_alone(settings):
    surface, _ = draw(settings, examples()["blank"])
    assert (pixels(surface) == 0).all()
    r = Renderer(settings)
    surface = pygame.Surface((640, 360))
    assert r.draw(surface, Snapshot(scene="video")) == [surface.get_rect()]
    surface.fill((1, 2, 3))                                    # as if VLC drew a frame
    assert r.draw(surface, Snapshot(scene="video")) == []
    assert tuple(surface.get_at((5, 5)))[:3] == (1, 2, 3)


def test_a_scene_that_raises_draws_a_plain_card_and_a_notice(settings, caplog):
    r = Renderer(settings)

    class Broken:
        def static_key(self, snap):
            return snap

        def regions(self, p, snap):
            raise RuntimeError("boom")

    r.scenes["title"] = Broken()
    surface = pygame.Surface((1280, 720))
    r.draw(surface, Snapshot(scene="title", title="Velkommen"))
    assert r.failures == 1
    assert [p.text for p in by_role(r, "title")] == ["Velkommen"]
    notices = by_role(r, "notice")
    assert notices and "RuntimeError" in notices[0].text and "Traceback" not in notices[0].text


def test_unknown_scene_kind_falls_back_with_a_notice(settings):
    _, r = draw(settings, Snapshot(scene="karaoke", title="Hei"))
    assert by_role(r, "title") and "karaoke" in by_role(r, "notice")[0].text


def test_instruction_picture_is_drawn_when_present_and_skipped_when_missing(settings, tmp_path):
    png = tmp_path / "p.png"
    pic = pygame.Surface((100, 100))
    pic.fill((255, 0, 0))
    pygame.image.save(pic, str(png))
    base = examples()["instruction"]
    with_pic = draw(settings, replace(base, picture=png))[0]
    missing, r = draw(settings, replace(base, picture=tmp_path / "nope.png"))
    red = np.array([255, 0, 0])
    assert (pixels(with_pic) == red).all(axis=2).sum() > 100_000   # scaled up to fit its box
    assert (pixels(missing) == red).all(axis=2).sum() == 0
    assert r.failures == 0 and by_role(r, "body")


def test_save_png_writes_the_picture(settings, tmp_path):
    path = save_png(examples()["title"], tmp_path / "t.png", (800, 450), settings)
    img = pygame.image.load(str(path))
    assert img.get_size() == (800, 450)
    assert tuple(img.get_at((1, 1)))[:3] == settings.theme.background


@pytest.mark.parametrize("size", SIZES)
def test_a_long_breathing_phase_word_wraps_inside_the_screen(settings, size):
    """The demo's "Pust inn – armene opp" ran off the right edge before it wrapped."""
    snap = Snapshot(scene="breathing", title="Pust med armene",
                    breath=Breath("inhale", "Pust inn – armene opp", 0.2, 0.3, 3, 1, 6))
    surface, r = draw(settings, snap, size)
    labels = by_role(r, "breath.label")
    assert len(labels) == 2 and " ".join(p.text for p in labels) == "Pust inn – armene opp"
    screen = surface.get_rect()
    for placed in r.placed:
        assert screen.contains(pygame.Rect(placed.rect)), (placed.role, placed.text, placed.rect)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("count", [6, 14])
def test_the_songbook_lists_numbered_songs_inside_the_screen(settings, size, count):
    titles = tuple(f"{k}  Sang nummer {k} med en lang tittel om fjell og fjord" for k in range(1, count + 1))
    snap = Snapshot(scene="songbook", title="Sangbok – hva vil dere synge?", body=titles)
    surface, r = draw(settings, snap, size)
    numbers = by_role(r, "songbook.number")
    assert [p.text for p in numbers] == [str(k) for k in range(1, len(numbers) + 1)] and len(numbers) >= 6
    screen = surface.get_rect()
    for placed in r.placed:
        assert screen.contains(pygame.Rect(placed.rect)), (placed.role, placed.text, placed.rect)
        assert measured_contrast(surface, placed.rect, placed.bg) >= 7.0, placed.role
    sizes = {p.size for p in by_role(r, "songbook.title")}
    assert min(sizes) >= metrics_for(size, settings.room, r.fonts).lyric     # never below the room minimum


SONG_LINES = ("Bjørnen sover, bjørnen sover", "i sitt lune hi.", "Den er ikke farlig,", "bare man går varlig.")


def lyric_snapshot(current: int, song_lines=SONG_LINES) -> Snapshot:
    states = ["past", "current", "next", "upcoming"]
    rows = [song_lines[(current + k - 1) % len(song_lines)] for k in range(4)]
    return Snapshot(scene="lyrics", lines=tuple(LyricLine(t, s) for t, s in zip(rows, states)),
                    section_label="Vers 1 av 3", song_lines=song_lines)


@pytest.mark.parametrize("size", SIZES)
def test_fill_makes_lyrics_as_big_as_the_songs_longest_line_allows(settings, size):
    fill = replace(settings, lyrics_size="fill")
    surface, r = draw(fill, lyric_snapshot(1), size)
    minimum = metrics_for(size, fill.room, r.fonts).lyric
    lyric = by_role(r, "lyric.")
    big = {p.size for p in lyric}
    assert len(big) == 1 and big.pop() > minimum * 1.15           # clearly bigger than the room minimum
    longest = max(lyric, key=lambda p: p.rect[2])
    assert len([p for p in lyric if p.text == "Bjørnen sover, bjørnen sover"]) == 1   # still one row
    screen = surface.get_rect()
    for placed in r.placed:
        assert screen.contains(pygame.Rect(placed.rect)), (placed.role, placed.text, placed.rect)
    assert longest.rect[0] + longest.rect[2] <= size[0]


def test_fill_keeps_one_size_for_the_whole_song_and_room_keeps_the_minimum(settings):
    fill = replace(settings, lyrics_size="fill")
    sizes = set()
    for current in range(4):
        _, r = draw(fill, lyric_snapshot(current))
        sizes |= {p.size for p in by_role(r, "lyric.")}
    assert len(sizes) == 1                                          # no size jumps from line to line
    _, r = draw(replace(settings, lyrics_size="room"), lyric_snapshot(1))
    minimum = metrics_for((1920, 1080), settings.room, r.fonts).lyric
    assert {p.size for p in by_role(r, "lyric.")} == {minimum}


def test_fill_never_goes_below_the_room_minimum_for_a_very_long_line(settings):
    long = SONG_LINES + ("Og så var det en veldig lang linje som aldri tar slutt før den har gått rundt hele salen",)
    _, r = draw(replace(settings, lyrics_size="fill"), lyric_snapshot(1, long))
    minimum = metrics_for((1920, 1080), settings.room, r.fonts).lyric
    assert {p.size for p in by_role(r, "lyric.")} == {minimum}


def test_lyrics_size_in_config_is_checked():
    from player.core.model.errors import ScriptError
    from player.display.settings import DisplaySettings

    assert DisplaySettings.from_settings(settings_from_plain({"lyrics": {"size": "room"}})).lyrics_size == "room"
    assert DisplaySettings.from_settings(settings_from_plain({})).lyrics_size == "fill"
    with pytest.raises(ScriptError, match="lyrics.size"):
        DisplaySettings.from_settings(settings_from_plain({"lyrics": {"size": "huge"}}))


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("with_picture", [True, False])
def test_the_countdown_never_sits_under_the_instructions(settings, size, with_picture, root):
    """Seen in the demo rehearsal at 1280×720: «2:00» was hidden behind the last sentence."""
    picture = root / "media" / "pictograms" / "banke-kroppen.png" if with_picture else None
    snap = Snapshot(scene="instruction", title="Vekk kroppen", picture=picture, countdown_text="2:00",
                    body=("Bank lett på armer, bein og skuldre.", "Gni hendene varme og stryk over ansiktet.",
                          "Nå er både kropp og hode våkne!"))
    surface, r = draw(settings, snap, size)
    [countdown] = by_role(r, "countdown")
    box = pygame.Rect(countdown.rect)
    screen = surface.get_rect()
    for placed in r.placed:
        assert screen.contains(pygame.Rect(placed.rect)), (placed.role, placed.text)
        if placed is not countdown:
            assert not box.colliderect(pygame.Rect(placed.rect)), (placed.text, placed.rect, countdown.rect)
    assert measured_contrast(surface, countdown.rect, countdown.bg) >= 7.0
