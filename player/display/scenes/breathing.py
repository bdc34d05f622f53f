"""The breathing pacer: a circle that grows smoothly on the in-breath and shrinks on the
out-breath (``Breath.size`` 0–1, moved continuously by the runner), a faint ring showing its
largest size, the phase word ("Pust inn"), the seconds left in the phase and the round.
"""

from __future__ import annotations

from player.core.show.snapshot import Snapshot
from player.display.painter import Painter
from player.display.scenes.base import Scene
from player.display.scenes.pulse import _strip

__all__ = ["BreathingScene"]


class BreathingScene(Scene):
    def regions(self, p: Painter, snap: Snapshot) -> list:
        return [(self._region(p), snap.breath)]

    def _region(self, p: Painter):
        import pygame
        m = p.metrics
        top = m.margin // 2 + p.fonts.get(m.title, True).get_linesize() + m.margin // 3
        bottom = m.height - _strip(p) - m.margin // 3
        return pygame.Rect(m.margin, top, m.width - 2 * m.margin, max(10, bottom - top))

    def draw(self, p: Painter, snap: Snapshot) -> None:
        m = p.metrics
        p.paragraph(snap.title, m.title, p.theme.text, m.margin, m.margin // 2, m.width - 2 * m.margin,
                    bold=True, role="title")

    def draw_dynamic(self, p: Painter, snap: Snapshot) -> None:
        b = snap.breath
        if b is None:
            return
        t, m = p.theme, p.metrics
        region = self._region(p)
        rmax = min(region.height / 2 - 4, region.width * 0.25)
        rmin = rmax * 0.28
        cx, cy = region.left + region.width * 0.28, region.centery
        size = min(max(b.size, 0.0), 1.0)
        p.circle(t.dim, (cx, cy), rmax, width=max(3, round(rmax * 0.02)))
        p.circle(t.accent, (cx, cy), rmin + (rmax - rmin) * size)
        x = round(region.left + region.width * 0.6)
        width = region.right - x
        label_size = round(m.title * 1.1)
        # a long phase word ("Pust inn – armene opp") wraps at word boundaries, never past the edge
        rows = p.wrap(b.label, label_size, width, True)
        line_h = p.fonts.get(label_size, True).get_linesize()
        label_h = line_h * len(rows)
        big_h = p.fonts.get(m.big, True).get_linesize()
        y = round(cy - (label_h + big_h + m.line) / 2)
        colour = t.highlight if b.phase == "inhale" else t.text
        for k, (a, e) in enumerate(rows):
            p.text(b.label[a:e].strip(), label_size, colour, (x, y + k * line_h), bold=True, role="breath.label")
        if b.count > 0:
            p.text(str(b.count), m.big, colour, (x, y + label_h), bold=True, role="breath.count")
        if b.cycles > 1:
            p.text(self.words.breath_cycle.format(cycle=b.cycle, cycles=b.cycles), m.body, t.dim,
                   (x, y + label_h + big_h), role="breath.cycle")
