"""The beat made visible: a swelling corner mark for songs and the imitation scene.

``Pulse.phase`` runs 0→1 through the beat, so every mark here is a pure function of it: the
mark is largest on the beat and shrinks towards the next; the first beat of the bar is bigger
and in the highlight colour. Sizes are pixels.
"""

from __future__ import annotations

import math

from player.core.show.snapshot import Pulse, Snapshot
from player.display.painter import Painter
from player.display.scenes.base import Scene

__all__ = ["draw_corner_pulse", "corner_pulse_width", "PulseScene", "swell"]


def swell(phase: float) -> float:
    """1 on the beat, easing down to 0 just before the next one."""
    phase = min(max(phase, 0.0), 1.0)
    return (1.0 - phase) ** 2


def corner_pulse_width(height: int, beats_per_bar: int) -> int:
    """Width of the corner pulse box for a box ``height`` tall."""
    return round(height * (1.1 + 0.34 * max(beats_per_bar, 3)))


def draw_corner_pulse(p: Painter, rect, pulse: Pulse) -> None:
    """A swelling circle at the right of ``rect`` and one dot per beat of the bar to its left.

    While counting in, the count-in number takes the place of the dots.
    """
    t = p.theme
    h = rect.height
    downbeat = pulse.beat_in_bar == 0
    colour = t.highlight if downbeat else t.accent
    cx, cy = rect.right - h * 0.5, rect.centery
    rmax = h * (0.46 if downbeat else 0.40)
    p.circle(colour, (cx, cy), rmax * (0.45 + 0.55 * swell(pulse.phase)))
    if pulse.count_in is not None:
        p.text(str(pulse.count_in), p.metrics.lyric, t.highlight, (round(rect.right - h * 1.1), cy),
               anchor="midright", bold=True, role="count_in")
        return
    step = h * 0.34
    dot = h * 0.09
    n = max(1, pulse.beats_per_bar)
    for i in range(n):
        x = rect.right - h * 1.1 - (n - 1 - i) * step - dot
        if i == pulse.beat_in_bar:
            p.circle(t.highlight if i == 0 else t.accent, (x, cy), dot * 1.6)
        else:
            p.circle(t.dim, (x, cy), dot * (1.2 if i == 0 else 1.0), width=max(2, round(dot * 0.35)))


class PulseScene(Scene):
    """Imitation on a clear beat: title, "Jeg"/"Alle" (or the count-in number), a row of beats
    with a ball that bounces from beat to beat, and the pattern to imitate."""

    def _layout(self, p: Painter, snap: Snapshot):
        import pygame
        m, W, H = p.metrics.margin, p.metrics.width, p.metrics.height
        top = m + p.fonts.get(p.metrics.title, True).get_linesize() + m // 3
        rows = sum(len(p.wrap(s, p.metrics.lyric, W - 2 * m, True)) for s in snap.body)
        body_y = H - _strip(p) - rows * p.metrics.line - m // 3
        return pygame.Rect(m, top, W - 2 * m, max(10, body_y - top - m // 3)), body_y

    def draw(self, p: Painter, snap: Snapshot) -> None:
        m, W = p.metrics.margin, p.metrics.width
        p.paragraph(snap.title, p.metrics.title, p.theme.text, m, m, W - 2 * m, bold=True, role="title")
        _, y = self._layout(p, snap)
        for sentence in snap.body:
            y = p.paragraph(sentence, p.metrics.lyric, p.theme.text, m, y, W - 2 * m, bold=True,
                            role="body", line=p.metrics.line)

    def regions(self, p: Painter, snap: Snapshot) -> list:
        return [(self._layout(p, snap)[0], snap.pulse)]

    def draw_dynamic(self, p: Painter, snap: Snapshot) -> None:
        t = p.theme
        region = self._layout(p, snap)[0]
        big = p.fonts.get(p.metrics.big, True).get_linesize()
        pulse = snap.pulse
        word_y = region.top
        if pulse is not None and pulse.count_in is not None:
            p.text(str(pulse.count_in), p.metrics.big, t.highlight, (region.centerx, word_y),
                   anchor="midtop", bold=True, role="count_in")
        elif snap.call_response:
            colour = t.highlight if snap.call_response.lower().startswith("alle") else t.text
            p.text(snap.call_response, p.metrics.big, colour, (region.centerx, word_y), anchor="midtop",
                   bold=True, role="call_response")
        if pulse is None:
            return
        n = max(1, pulse.beats_per_bar)
        spacing = region.width / n
        free = region.bottom - (region.top + big)
        r = max(6.0, min(spacing * 0.22, free / 5.6))
        row_y = region.bottom - r * 1.5   # room for the swollen downbeat (1.2 × 1.2 r)
        xs = [region.left + spacing * (i + 0.5) for i in range(n)]
        s = swell(pulse.phase)
        for i, x in enumerate(xs):
            base = r * (1.2 if i == 0 else 1.0)
            if i == pulse.beat_in_bar:
                p.circle(t.highlight if i == 0 else t.accent, (x, row_y), base * (1.0 + 0.2 * s))
            else:
                p.circle(t.dim, (x, row_y), base, width=max(3, round(r * 0.12)))
        # the ball travels from this beat to the next, landing on each beat
        a = xs[pulse.beat_in_bar % n]
        b = xs[(pulse.beat_in_bar + 1) % n]
        x = a + (b - a) * pulse.phase
        hop = min(free - r * 3.2, r * 2.4)
        y = row_y - r * 1.75 - math.sin(math.pi * pulse.phase) * max(0.0, hop)
        p.circle(t.accent, (x, y), r * 0.6)


def _strip(p: Painter) -> int:
    """Height kept free at the bottom for the conductor's notice strip."""
    return p.fonts.get(p.metrics.small).get_linesize() + p.metrics.margin // 3
