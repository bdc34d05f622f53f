"""The song scene: big lyrics with the current line highlighted, the next line already shown,
the section ("Vers 2 av 3", "Refreng"), a movement cue, and the pulse in the top-right corner.

Layout rules: one text size for the whole song, from the count-in to the end (the room minimum
or, with ``fill``, as big as the song's longest line, four rows and the room its movement cues
need allow), lines wrap at word boundaries and are never shrunk; when not everything fits,
past lines go first, then lines after the next one, so the current and the next line always
stay. Lyrics never share space with the corner pulse: they start below the header band that
holds it. Before the first sung line (``Snapshot.intro``) the song's title stands above the
lyrics, with the count-in as a big number the room can breathe with.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from player.core.show.snapshot import LyricLine, Snapshot
from player.display.painter import Painter
from player.display.scenes.base import Scene, Words
from player.display.scenes.pulse import _strip, corner_pulse_width, draw_corner_pulse, swell
from player.display.theme import panel_colour

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


@dataclass(frozen=True)
class _Layout:
    rows: tuple[tuple[int, tuple[tuple[int, int], ...], int], ...]   # (line index, spans, top y)
    cue: tuple[tuple[str, int], ...]                                  # (row text, y)
    current: object                                                   # pygame.Rect or None
    title: tuple[tuple[str, int], ...] = ()                           # intro: (title row, y)
    count: object = None                                              # intro: the count-in's box


class LyricsScene(Scene):
    def __init__(self, words: Words, max_lines: int = 4, size_mode: str = "room") -> None:
        super().__init__(words)
        self.max_lines = max_lines
        self.size_mode = size_mode
        self._sizes: dict = {}
        self._layouts: dict = {}

    def static_key(self, snap: Snapshot):
        lines = tuple(replace(l, highlight_chars=0) if l.state == "current" else l for l in snap.lines)
        return replace(snap, pulse=None, lines=lines)

    def _header(self, p: Painter):
        import pygame
        m = p.metrics
        return pygame.Rect(m.margin, round(m.margin * 0.5), m.width - 2 * m.margin, m.line)

    def _pulse_rect(self, p: Painter, snap: Snapshot):
        import pygame
        head = self._header(p)
        w = corner_pulse_width(head.height, snap.pulse.beats_per_bar if snap.pulse else 4)
        return pygame.Rect(head.right - w, head.top, w, head.height)

    def regions(self, p: Painter, snap: Snapshot) -> list:
        out = []
        if snap.pulse is not None:
            out.append((self._pulse_rect(p, snap), snap.pulse))
        lay = self._layout(p, snap)
        if lay.count is not None:
            out.append((lay.count, snap.pulse))
        if lay.current is not None:
            cur = next(l for l in snap.lines if l.state == "current")
            out.append((lay.current, cur.highlight_chars))
        return out

    def text_size(self, p: Painter, snap: Snapshot) -> tuple[int, int]:
        """(font size, line advance) for the lyrics of this song. ``fill``: the largest size at
        which the song's longest line fits on one row and ``max_lines`` rows (and a cue row) fit
        the screen, never below the room minimum; the same for every line of the song."""
        m = p.metrics
        if self.size_mode != "fill" or not snap.song_lines:
            return m.lyric, m.line
        key = (m, snap.song_lines, snap.song_cues or bool(snap.cue))
        if key not in self._sizes:
            width = m.width - 2 * m.margin
            room = m.height - _strip(p) - m.margin // 3 - (self._header(p).bottom + m.margin // 2)
            room -= self._cue_room(p, snap)

            def fits(size: int) -> bool:
                font = p.fonts.get(size, True)
                line = font.get_linesize()
                rows = self.max_lines * line + (self.max_lines - 1) * (line // 4)
                return rows <= room and all(font.size(t)[0] <= width for t in snap.song_lines)

            lo, hi = m.lyric, round(m.lyric * 2.5)
            while lo < hi:                       # the largest size that fits (fits() is monotone)
                mid = (lo + hi + 1) // 2
                lo, hi = (mid, hi) if fits(mid) else (lo, mid - 1)
            if len(self._sizes) > 32:
                self._sizes.clear()
            self._sizes[key] = (lo, p.fonts.get(lo, True).get_linesize())
        return self._sizes[key]

    def _cue_room(self, p: Painter, snap: Snapshot) -> int:
        """Height kept for the movement cue: the tallest of the song's cues, so the lyrics keep
        one size and place whether a line has a cue or not (0 for a song without cues)."""
        m = p.metrics
        cues = snap.song_cues or ((snap.cue,) if snap.cue else ())
        if snap.cue and snap.cue not in cues:
            cues = cues + (snap.cue,)
        if not cues:
            return 0
        rows = max(len(p.wrap(c, m.lyric, m.width - 2 * m.margin, True)) for c in cues)
        return rows * m.line + m.margin // 3

    def _layout(self, p: Painter, snap: Snapshot) -> _Layout:
        import pygame
        size, line = self.text_size(p, snap)
        key = (p.metrics, size, tuple((l.text, l.state) for l in snap.lines), snap.cue, snap.song_cues,
               snap.intro and snap.title, snap.intro and snap.pulse is not None)
        lay = self._layouts.get(key)
        if lay is not None:
            return lay
        m = p.metrics
        gap = line // 4
        width = m.width - 2 * m.margin
        top = self._header(p).bottom + m.margin // 2
        bottom = m.height - _strip(p) - m.margin // 3
        cue = []
        bottom -= self._cue_room(p, snap)        # the cue stays at the room size: the lyrics come first
        if snap.cue:
            y = bottom + m.margin // 3
            for a, b in p.wrap(snap.cue, m.lyric, width, True):
                cue.append((snap.cue[a:b], y))
                y += m.line
        title, count = [], None
        if snap.intro and snap.title:            # the song's title, and the count-in under it
            tsize = max(m.title, size)            # never smaller than the lyrics under it
            tline = p.fonts.get(tsize, True).get_linesize()
            for a, b in p.wrap(snap.title, tsize, width, True):
                title.append((snap.title[a:b], top))
                top += tline
            if snap.pulse is not None:
                big = p.fonts.get(m.big, True).get_linesize()
                count = pygame.Rect(0, 0, round(big * 1.6), round(big * 1.3))
                count.midtop = (m.width // 2, top)
                top += count.height
            top += m.margin // 3
        intro = snap.intro and snap.title
        spans = [tuple(p.wrap(l.text, size, width, True)) if not (intro and l.state == "empty") else ()
                 for l in snap.lines]
        chosen = choose_lines(snap.lines, [len(s) * line for s in spans], max(0, bottom - top), gap, self.max_lines)
        if intro:
            chosen = [i for i in chosen if spans[i]]
        rows, y, current = [], top, None
        for i in chosen:
            rows.append((i, spans[i], y))
            if snap.lines[i].state == "current":
                inset = round(m.margin * 0.3)
                current = pygame.Rect(inset, y - gap // 2, m.width - 2 * inset, len(spans[i]) * line + gap)
            y += len(spans[i]) * line + gap
        if len(self._layouts) > 64:
            self._layouts.clear()
        lay = self._layouts[key] = _Layout(tuple(rows), tuple(cue), current, tuple(title), count)
        return lay

    def prefetch(self, p: Painter, snap: Snapshot) -> None:
        """The next line as it will look once it is the current one (unsung, text colour)."""
        size, _ = self.text_size(p, snap)
        for i, spans, _ in self._layout(p, snap).rows:
            if snap.lines[i].state == "next":
                for a, b in spans:
                    p.cache.render(snap.lines[i].text[a:b], size, p.theme.text,
                                   panel_colour(p.theme.background, p.theme.text), True)

    def draw_dynamic(self, p: Painter, snap: Snapshot) -> None:
        lay = self._layout(p, snap)
        if snap.pulse is not None:               # the big count-in says the number: the corner beats
            pulse = replace(snap.pulse, count_in=None) if lay.count is not None else snap.pulse
            draw_corner_pulse(p, self._pulse_rect(p, snap), pulse)
        if lay.count is not None and snap.pulse is not None and snap.pulse.count_in is not None:
            self._draw_count(p, lay.count, snap.pulse)
        if lay.current is None:
            return
        t, m = p.theme, p.metrics
        band = panel_colour(t.background, t.text)
        p.fill(band, lay.current)
        bar_w = max(4, round(m.margin * 0.22))
        p.fill(t.highlight, (lay.current.left, lay.current.top, bar_w, lay.current.height))
        for i, spans, y in lay.rows:
            if snap.lines[i].state == "current":
                self._draw_line(p, snap, snap.lines[i], spans, y, band)

    def draw(self, p: Painter, snap: Snapshot) -> None:
        t, m = p.theme, p.metrics
        head = self._header(p)
        if snap.section_label:
            width = head.width - self._pulse_rect(p, snap).width - m.margin
            p.text(_fit(p, snap.section_label, m.body, width), m.body, t.dim, (head.left, head.top), role="section")
        lay = self._layout(p, snap)
        tsize = max(m.title, self.text_size(p, snap)[0])
        for text, y in lay.title:
            p.text(text, tsize, t.text, (m.width // 2, y), anchor="midtop", bold=True, role="title")
        for text, y in lay.cue:
            p.text(text, m.lyric, t.accent, (m.margin, y), bold=True, role="cue")
        for i, spans, y in lay.rows:
            ln = snap.lines[i]
            if ln.state != "current":
                self._draw_line(p, snap, ln, spans, y)

    @staticmethod
    def _draw_count(p: Painter, box, pulse) -> None:
        """The count-in as a big number in a ring that swells on each beat, to breathe with."""
        t = p.theme
        colour = t.highlight if pulse.beat_in_bar == 0 else t.accent
        p.text(str(pulse.count_in), p.metrics.big, t.highlight, box.center, anchor="center", bold=True,
               role="count_in")
        r = box.height * 0.5                     # the ring after the number: nothing covers it
        p.circle(colour, box.center, r * (0.84 + 0.14 * swell(pulse.phase)), width=max(3, round(r * 0.06)))

    def _draw_line(self, p: Painter, snap: Snapshot, ln: LyricLine, spans, y: int, bg=None) -> None:
        t, m = p.theme, p.metrics
        (size, line), x0 = self.text_size(p, snap), m.margin
        for a, b in spans:
            if ln.state != "current":
                p.text(ln.text[a:b], size, t.dim, (x0, y), bold=True, role=f"lyric.{ln.state}")
            else:
                cut = min(max(ln.highlight_chars, a), b)
                x = x0
                if cut > a:
                    r = p.text(ln.text[a:cut], size, t.highlight, (x, y), bold=True, role="lyric.sung", bg=bg)
                    x = r.right
                if cut < b:
                    p.text(ln.text[cut:b], size, t.text, (x, y), bold=True, role="lyric.current", bg=bg)
            y += line


def _fit(p: Painter, text: str, size: int, width: int) -> str:
    """``text`` cut with an ellipsis to fit ``width`` pixels on one line."""
    if p.cache.size(text, size)[0] <= width:
        return text
    while text and p.cache.size(text + "…", size)[0] > width:
        text = text[:-1]
    return text.rstrip() + "…"
