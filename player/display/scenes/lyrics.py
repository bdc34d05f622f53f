"""The song scene: big lyrics with the current line highlighted, the next line already shown,
the section ("Vers 2 av 3", "Refreng"), a movement cue, and the pulse in the top-right corner.

Layout rules: one text size for every song (the room minimum, bold), lines wrap at word
boundaries and are never shrunk; when not everything fits, past lines go first, then lines
after the next one, so the current and the next line always stay. Lyrics never share space with
the corner pulse: they start below the header band that holds it.
"""

from __future__ import annotations

from player.core.snapshot import LyricLine, Snapshot
from player.display.painter import Painter
from player.display.scenes.base import Scene, Words
from player.display.scenes.pulse import _strip, corner_pulse_width, draw_corner_pulse

__all__ = ["LyricsScene", "choose_lines"]

_PRIORITY = {"current": 0, "next": 1, "upcoming": 2, "past": 3}


def choose_lines(lines: tuple[LyricLine, ...], heights: list[int], room: int, gap: int,
                 max_lines: int) -> list[int]:
    """Indices of the lines to show (in display order) so their height fits ``room`` pixels."""
    order = sorted(range(len(lines)), key=lambda i: (_PRIORITY.get(lines[i].state, 2),
                                                     -i if lines[i].state == "past" else i))
    chosen: list[int] = []
    used = 0
    for i in order[:max_lines]:
        extra = heights[i] + (gap if chosen else 0)
        if used + extra > room and chosen:
            continue
        chosen.append(i)
        used += extra
    return sorted(chosen)


class LyricsScene(Scene):
    def __init__(self, words: Words, max_lines: int = 4) -> None:
        super().__init__(words)
        self.max_lines = max_lines

    def _header(self, p: Painter):
        import pygame
        m = p.metrics
        return pygame.Rect(m.margin, round(m.margin * 0.5), m.width - 2 * m.margin, m.line)

    def dynamic_rect(self, p: Painter, snap: Snapshot):
        if snap.pulse is None:
            return None
        import pygame
        head = self._header(p)
        w = corner_pulse_width(head.height, snap.pulse.beats_per_bar)
        return pygame.Rect(head.right - w, head.top, w, head.height)

    def draw_dynamic(self, p: Painter, snap: Snapshot) -> None:
        if snap.pulse is not None:
            draw_corner_pulse(p, self.dynamic_rect(p, snap), snap.pulse)

    def draw(self, p: Painter, snap: Snapshot) -> None:
        t, m = p.theme, p.metrics
        head = self._header(p)
        pulse_w = corner_pulse_width(head.height, snap.pulse.beats_per_bar if snap.pulse else 4)
        if snap.section_label:
            p.text(_fit(p, snap.section_label, m.body, head.width - pulse_w - m.margin), m.body, t.dim,
                   (head.left, head.top), role="section")
        size, line = m.lyric, m.line
        gap = line // 4
        width = m.width - 2 * m.margin
        top = head.bottom + m.margin // 2
        bottom = m.height - _strip(p) - m.margin // 3
        if snap.cue:
            cue_rows = p.wrap(snap.cue, size, width, True)
            bottom -= len(cue_rows) * line + m.margin // 3
            y = bottom + m.margin // 3
            for a, b in cue_rows:
                p.text(snap.cue[a:b], size, t.accent, (m.margin, y), bold=True, role="cue")
                y += line
        lines = snap.lines
        spans = [p.wrap(l.text, size, width, True) for l in lines]
        chosen = choose_lines(lines, [len(s) * line for s in spans], bottom - top, gap, self.max_lines)
        y = top
        for i in chosen:
            y = self._draw_line(p, lines[i], spans[i], y, size, line) + gap

    def _draw_line(self, p: Painter, ln: LyricLine, spans, y: int, size: int, line: int) -> int:
        t, m = p.theme, p.metrics
        x0 = m.margin
        if ln.state == "current":
            bar_w = max(4, round(m.margin * 0.22))
            p.fill(t.highlight, (round(m.margin * 0.35), y + line // 8, bar_w, len(spans) * line - line // 4))
        for a, b in spans:
            if ln.state != "current":
                p.text(ln.text[a:b], size, t.dim, (x0, y), bold=True, role=f"lyric.{ln.state}")
            else:
                cut = min(max(ln.highlight_chars, a), b)
                x = x0
                if cut > a:
                    r = p.text(ln.text[a:cut], size, t.highlight, (x, y), bold=True, role="lyric.sung")
                    x = r.right
                if cut < b:
                    p.text(ln.text[cut:b], size, t.text, (x, y), bold=True, role="lyric.current")
            y += line
        return y


def _fit(p: Painter, text: str, size: int, width: int) -> str:
    """``text`` cut with an ellipsis to fit ``width`` pixels on one line."""
    if p.cache.size(text, size)[0] <= width:
        return text
    while text and p.cache.size(text + "…", size)[0] > width:
        text = text[:-1]
    return text.rstrip() + "…"
