"""The pianist window's *Found* items of issue 14, each pinned by a test that failed before
the fix: the default window on a 1280×800 second screen is cut off, the beat dots run into the
next cell from bar 10, and notices push the lyrics into the bottom rows."""

from __future__ import annotations

import pygame
import pytest

from player.core.show.snapshot import Pulse
from player.display.pianist import PianistView, render_pianist

from .test_pianist import example_snapshot


def overlaps(a, b) -> bool:
    return pygame.Rect(a).colliderect(pygame.Rect(b))


@pytest.fixture(scope="module")
def view():
    pygame.font.init()
    return PianistView()


@pytest.mark.parametrize("desktops, display", [([(1920, 1080), (1280, 800)], 1), ([(1280, 800)], 0),
                                               ([(1366, 768), (1920, 1080)], 0), ([(1920, 1080), (1366, 768)], 1)])
def test_the_default_window_fits_the_screen_it_opens_on(desktops, display):
    """Before: a 1280×800 window at +40 px on a 1280×800 screen lost its right and bottom 40 px
    (the tempo line and the lead badge)."""
    from player.display.placement import place_window
    (x, y), (w, h) = place_window(desktops, display, (1280, 800))
    left = sum(d[0] for d in desktops[:display])
    dw, dh = desktops[display]
    assert left <= x and x + w <= left + dw
    assert 0 <= y and y + h <= dh
    assert (w, h) == (min(1280, dw), min(800, dh))        # as big as asked, as far as the screen allows


def test_the_window_is_placed_by_place_window(monkeypatch):
    """The window itself asks for the placed rect (dummy driver: pygame reports the faked screens)."""
    from player.display import pianist
    monkeypatch.setattr(pygame.display, "get_num_displays", lambda: 2)
    monkeypatch.setattr(pygame.display, "get_desktop_sizes", lambda: [(1920, 1080), (1280, 800)])
    made = {}

    class FakeWindow:
        def __init__(self, title, size, **kw):
            made.update(size=size, **kw)
    monkeypatch.setattr(pygame, "Window", FakeWindow)
    pianist.PianistWindow(size=(1280, 800), display=1)
    x, y = made["position"]
    w, h = made["size"]
    assert 1920 <= x and x + w <= 1920 + 1280 and 0 <= y and y + h <= 800


@pytest.mark.parametrize("bar", [9, 10, 12, 123])
@pytest.mark.parametrize("beats", [3, 4, 6])
def test_beat_dots_stay_in_their_cell(view, bar, beats):
    """Before: from bar 10 the value «10:1» is wider and the dots ran into the range text."""
    info = example_snapshot().pianist
    info = info.__class__(**{**info.__dict__, "bar_beat": f"{bar}:{beats}", "range": "D4–E5"})
    snap = example_snapshot(pulse=Pulse(96, beats, beats - 1, 0.2, bar, None, f"{beats}/4"), pianist=info)
    for size in ((1280, 800), (1366, 768), (1024, 600)):
        render_pianist(snap, size, view)
        dots = [p for p in view.placed if p.role == "beat"]
        assert len(dots) == beats
        others = [p for p in view.placed if p.role.startswith("info:") or p.role == "label"]
        value = next(p for p in view.placed if p.role == "info:Takt:slag")
        for dot in dots:
            for other in others:
                assert not overlaps(dot.rect, other.rect), (size, other.text)
            assert dot.rect[0] >= value.rect[0] + value.rect[2]


@pytest.mark.parametrize("size", [(1280, 800), (1366, 768), (1024, 600), (1280, 720)])
def test_notices_never_move_or_cover_the_lyrics(view, size):
    """Before: each notice moved the bottom block up over the lyrics' descenders."""
    rects = None
    info = example_snapshot().pianist      # a busy song: changes made, two steps ahead
    busy = info.__class__(**{**info.__dict__, "changes": ("Gjentar en del", "Slutter etter dette verset")})
    for n in range(5):
        snap = example_snapshot(notices=tuple(f"Melding nummer {k}" for k in range(n)), pianist=busy)
        surface = render_pianist(snap, size, view)
        lyrics = [p for p in view.placed if p.role.startswith(("lyric:", "chord:"))]
        rest = [p for p in view.placed if p.role in ("order", "changes", "next_steps", "time", "tempo", "warning")]
        assert len([p for p in view.placed if p.role == "warning"]) == min(n, 2)
        rule = next(p for p in view.placed if p.role == "rule")
        for p in view.placed:
            assert surface.get_rect().contains(pygame.Rect(p.rect)), (n, p.role, p.text)
        for a in lyrics:
            assert a.rect[1] + a.rect[3] <= rule.rect[1], (n, a.text)      # the rule crosses no descender
            for b in rest:
                assert not overlaps(a.rect, b.rect), (n, a.text, b.text)
        now = [p.rect for p in lyrics]
        assert rects is None or now == rects       # the lyrics stay where they were
        rects = now


def test_the_pianist_views_words_come_from_the_catalog(config):
    """The labels are the catalog's (config.yaml ``texts: nb: pianist_*``), not words in the code."""
    from player.core.script.settings import settings_from_plain
    texts = dict(settings_from_plain(config).texts())
    texts.update(pianist_key="Key", pianist_next="Next: {title}", pianist_session="Session {elapsed} | {step}")
    view = PianistView(texts=texts)
    render_pianist(example_snapshot(), (1280, 800), view)
    shown = {p.role: p.text for p in view.placed}
    assert "Key" in [p.text for p in view.placed if p.role == "label"]
    assert shown["next_steps"].startswith("Next: Kaffepause")
    assert shown["time"].startswith("Session 12:30 / 45:00 | Steg 4")
    catalog = settings_from_plain(config).texts()
    from player.display.pianist_words import PianistWords
    assert all(key in catalog for key in PianistWords.__dataclass_fields__)    # every word has its key
