"""The pianist/operator view: drawn purely from the snapshot, read at about 1 m on a laptop
screen or a second monitor. Song title, key after transposition, tempo, meter, bar:beat (or
the count-in number), the current and next lyric lines with the chords above the syllables
they fall on, the sung order of the sections, the next two steps, elapsed against planned,
who leads, and the conductor's warnings.

- :class:`PianistView` draws onto any surface and records what it placed (``placed``),
- :func:`render_pianist` is the headless entry point (a new Surface; no window needed),
- :class:`PianistWindow` is the second window (pygame-ce ``pygame.Window``).

Sizes are pixels and scale with the surface height. Main (display) thread only.
"""

from __future__ import annotations

from typing import Mapping, Sequence

from player.core.show.snapshot import LyricLine, Snapshot
from player.display.painter import Placed, blit_text
from player.display.pianist_words import PianistWords
from player.display.text import TextCache
from player.display.theme import Fonts, Theme, panel_colour

__all__ = ["PianistView", "PianistWindow", "render_pianist", "chord_positions"]

MIN_SIZE = 16          # never smaller than this (pixels), even for a very long line
NOTICE_ROWS = 2        # notices shown at once (the newest); the console keeps their history


def chord_positions(text: str, chords: Sequence[tuple[int, str]], width_of, gap: int) -> list[tuple[int, str]]:
    """x of each chord: the left edge of the character it falls on (``width_of(prefix)``),
    pushed right by ``gap`` past the previous chord if they would touch."""
    out: list[tuple[int, str]] = []
    right = -10 ** 9
    for index, name in sorted(chords):
        x = max(width_of(text[:max(0, min(index, len(text)))]), right + gap)
        out.append((x, name))
        right = x + width_of(name, chord=True)
    return out


class PianistView:
    """Draws snapshots for the pianist. ``placed`` lists every text of the last frame."""

    def __init__(self, theme: Theme | None = None, fonts: Fonts | None = None,
                 texts: Mapping[str, str] | None = None):
        self.theme = theme or Theme.from_settings()
        self.words = PianistWords.from_texts(texts)
        self.fonts = fonts or Fonts()
        self.cache = TextCache(self.fonts)
        self.placed: list[Placed] = []
        self._surface = None

    # -------------------------------------------------------------------- helpers
    def _text(self, text: str, size: int, fg, pos, *, bold=False, bg=None, role="text", anchor="topleft"):
        return blit_text(self._surface, self.cache, self.placed, text, size, fg, bg or self.theme.background,
                         pos, anchor=anchor, bold=bold, role=role)

    def _fit(self, text: str, size: int, width: int, bold: bool = False) -> int:
        """The size ≤ ``size`` at which ``text`` fits ``width`` pixels (at least MIN_SIZE)."""
        while size > MIN_SIZE and self.cache.size(text, size, bold)[0] > width:
            size = max(MIN_SIZE, int(size * 0.92))
        return size

    def _clip(self, text: str, size: int, width: int, bold: bool = False) -> str:
        if self.cache.size(text, size, bold)[0] <= width:
            return text
        while text and self.cache.size(text + "…", size, bold)[0] > width:
            text = text[:-1]
        return text + "…"

    # -------------------------------------------------------------------- drawing
    def draw(self, surface, snap: Snapshot) -> None:
        import pygame
        self._surface = surface
        self.placed = []
        t = self.theme
        w, h = surface.get_size()
        surface.fill(t.background)
        u = max(12, h // 32)                  # the unit: a line of small text is about 1.6 u
        margin = max(8, w // 40)
        inner = w - 2 * margin
        info = snap.pianist
        y = margin // 2

        # title and who leads
        lead = info.lead_text if info is not None and info.lead_text else ""
        lead_w = 0
        if lead:
            size = round(1.3 * u)
            tw, th = self.cache.size(lead, size, True)
            box = pygame.Rect(w - margin - tw - u, y, tw + u, th + u // 3)
            colour = t.highlight if info.lead_mode in ("pedal", "tap", "midi-clock", "follow") else t.accent
            pygame.draw.rect(surface, colour, box, border_radius=u // 3)
            self._text(lead, size, t.background, box.center, bold=True, bg=colour, role="lead", anchor="center")
            lead_w = box.width + u
        title = snap.title or ""
        size = self._fit(title, round(1.8 * u), inner - lead_w, True)
        self._text(self._clip(title, size, inner - lead_w, True), size, t.text, (margin, y), bold=True, role="title")
        y += round(2.6 * u)

        # key, tempo, meter, bar:beat / count-in
        if info is not None:
            wd = self.words
            cells = []                      # (id, label, value); the id names the role ("info:Toneart")
            if info.key_text:
                cells.append(("Toneart", wd.pianist_key, info.key_text))
            if info.bpm:
                cells.append(("Tempo", wd.pianist_tempo, wd.pianist_bpm.format(bpm=f"{info.bpm:.0f}")))
            if info.meter:
                cells.append(("Takt", wd.pianist_meter, info.meter))
            if info.count_in is not None:
                cells.append(("Inntelling", wd.pianist_count_in, str(info.count_in)))
            elif info.bar_beat:
                cells.append(("Takt:slag", wd.pianist_bar_beat, info.bar_beat))
            if info.first_note and info.count_in is not None and len(cells) < 5:
                # while counting in: the note to sing in on
                cells.append(("Første tone", wd.pianist_first_note, info.first_note))
            elif info.range and len(cells) < 5:
                cells.append(("Omfang", wd.pianist_range, info.range))
            if cells:
                cw = inner // max(4, len(cells))
                for k, (cell, label, value) in enumerate(cells):
                    x = margin + k * cw
                    self._text(label, round(0.9 * u), t.dim, (x, y), role="label")
                    dots = cell in ("Takt:slag", "Inntelling") and snap.pulse is not None
                    # the beat dots share the cell with the value: room for them first (bar 10 and on)
                    du = min(u, (cw - u) // (2 + 1.1 * max(1, snap.pulse.beats_per_bar))) if dots else 0
                    room = cw - u - (round(1.1 * du * max(1, snap.pulse.beats_per_bar)) + du if dots else 0)
                    vs = self._fit(value, round(2.4 * u), max(u, room), True)
                    colour = t.highlight if cell == "Inntelling" else t.text
                    r = self._text(value, vs, colour, (x, y + round(1.2 * u)), bold=True, role=f"info:{cell}")
                    if dots:
                        self._beats(snap, r.right + du // 2, r.centery, max(4, int(du)))
                y += round(4.2 * u)

        # the bottom block has a fixed place (every row it may hold, and NOTICE_ROWS notices), so
        # a notice never moves the lyrics or covers them; the lyrics shrink to fit above it
        small = round(1.1 * u)
        line_h = self.fonts.get(small).get_linesize()
        bottom = h - margin // 2
        top = bottom - ((5 if info is not None else 0) + NOTICE_ROWS) * line_h
        rows: list[tuple[str, tuple, str]] = []
        if info is not None:
            if info.order:
                rows.append(("order", info.order, ""))
            if info.changes:
                rows.append(("changes", (), " · ".join(info.changes)))
            nxt = info.next_steps
            if nxt:
                text = self.words.pianist_next.format(title=nxt[0]) + \
                    (self.words.pianist_then.format(title=nxt[1]) if len(nxt) > 1 else "")
                rows.append(("next_steps", (), text))
            rows.append(("time", (), self.words.pianist_session.format(elapsed=info.elapsed_text, step=info.step_text)))
            rows.append(("tempo", (), info.tempo_text))

        # lyrics with chords: the current line, then the next one
        current = next((ln for ln in snap.lines if ln.state == "current"), None)
        upcoming = next((ln for ln in snap.lines if ln.state == "next"), None)
        if snap.scene == "lyrics":
            if snap.section_label:
                self._text(snap.section_label, round(1.1 * u), t.accent, (margin, y), bold=True, role="section")
                y += round(1.7 * u)
            shown = [(ln, role, c) for ln, role, c in ((current, "current", t.text), (upcoming, "next", t.dim))
                     if ln is not None and ln.text]
            size = round(2.3 * u)
            while size > MIN_SIZE and sum(self._chord_line_height(ln, size) + round(0.6 * u)
                                          for ln, _, _ in shown) > top - u - y:
                size = max(MIN_SIZE, int(size * 0.92))
            for line, role, colour in shown:
                y = self._chord_line(line, margin, y, inner, size, colour, role)
                y += round(0.6 * u)
        elif snap.scene in ("next_up", "title", "pause", "instruction", "breathing", "pulse", "video"):
            body = snap.subtitle or snap.countdown_text or (snap.body[0] if snap.body else "")
            if body:
                size = self._fit(body, round(1.4 * u), inner)
                self._text(self._clip(body, size, inner), size, t.dim, (margin, y), role="body")
                y += round(2.2 * u)

        warnings = tuple(snap.notices)[-NOTICE_ROWS:]      # the newest
        yb = top
        pygame.draw.line(surface, panel_colour(t.background, t.text), (margin, yb - u // 2), (w - margin, yb - u // 2),
                         max(1, u // 8))
        self.placed.append(Placed("rule", "", (margin, yb - u // 2, inner, max(1, u // 8)), t.text, t.background, 0))
        for role, order, text in rows:
            if role == "order":
                x = margin
                for label, state in order:
                    colour = t.highlight if state == "current" else t.dim if state == "past" else t.text
                    r = self._text(label, small, colour, (x, yb), bold=state == "current", role="order")
                    if state == "current":
                        pygame.draw.line(surface, colour, (r.left, r.bottom), (r.right, r.bottom), max(2, u // 6))
                    x = r.right + u
                    if x > w - margin:
                        break
            else:
                colour = t.highlight if role == "changes" else t.text
                size = self._fit(text, small, inner)
                self._text(self._clip(text, size, inner), size, colour, (margin, yb), role=role)
            yb += line_h
        for text in warnings:
            size = self._fit("⚠ " + text, small, inner)
            self._text(self._clip("⚠ " + text, size, inner), size, t.notice, (margin, yb), role="warning")
            yb += line_h

    def _beats(self, snap: Snapshot, x: int, cy: int, u: int) -> None:
        """One dot per beat of the bar; the beat now is filled (the downbeat larger)."""
        import pygame
        p = snap.pulse
        for k in range(max(1, p.beats_per_bar)):
            r = round(u * (0.45 if k == 0 else 0.32))
            centre = (x + k * round(1.1 * u) + u // 2, cy)
            now = k == p.beat_in_bar
            pygame.draw.circle(self._surface, self.theme.highlight if now else self.theme.dim, centre, r,
                               0 if now else max(1, u // 10))
            self.placed.append(Placed("beat", str(k + 1), (centre[0] - r, cy - r, 2 * r, 2 * r),
                                      self.theme.highlight, self.theme.background, r))

    def _chord_line_height(self, line: LyricLine, size: int) -> int:
        """The height :meth:`_chord_line` takes for ``line`` at ``size`` (before fitting the width)."""
        chord = self.fonts.get(max(MIN_SIZE, round(size * 0.8)), True).get_linesize() if line.chords else 0
        return chord + self.fonts.get(size, True).get_linesize()

    def _chord_line(self, line: LyricLine, x: int, y: int, width: int, size: int, colour, role: str) -> int:
        """Chords above the line, each over the character it falls on; returns the y below."""
        size = self._fit(line.text, size, width, True)
        chord_size = max(MIN_SIZE, round(size * 0.8))

        def width_of(s: str, chord: bool = False) -> int:
            return self.cache.size(s, chord_size if chord else size, True)[0]   # lyrics and chords are bold

        gap = max(4, chord_size // 3)
        if line.chords:
            for cx, name in chord_positions(line.text, line.chords, width_of, gap):
                self._text(name, chord_size, self.theme.accent, (x + cx, y), bold=True, role=f"chord:{role}")
            y += self.fonts.get(chord_size, True).get_linesize()
        if role == "current" and 0 < line.highlight_chars < len(line.text):
            sung = line.text[:line.highlight_chars]
            r = self._text(sung, size, self.theme.highlight, (x, y), bold=True, role=f"lyric:{role}")
            self._text(line.text[line.highlight_chars:], size, colour, (r.right, y), bold=True, role=f"lyric:{role}")
        else:
            self._text(line.text, size, colour, (x, y), bold=True, role=f"lyric:{role}")
        return y + self.fonts.get(size, True).get_linesize()


def render_pianist(snapshot: Snapshot, size: tuple[int, int] = (1280, 800), view: PianistView | None = None):
    """Draw the pianist view of ``snapshot`` onto a new Surface (headless: the dummy driver is enough)."""
    import pygame
    if not pygame.font.get_init():
        pygame.font.init()
    surface = pygame.Surface(size)
    (view or PianistView()).draw(surface, snapshot)
    return surface


class PianistWindow:
    """The second window (pygame-ce ``pygame.Window``): the operator can move it, or it opens
    on ``display`` when that screen exists. :meth:`draw` redraws only when the snapshot changed."""

    def __init__(self, theme: Theme | None = None, size: tuple[int, int] = (1280, 800), display: int = 0,
                 position: tuple[int, int] | None = None, texts: Mapping[str, str] | None = None):
        import pygame
        from player.display.placement import place_window
        self.view = PianistView(theme, texts=texts)
        if position is None:
            desktops = list(pygame.display.get_desktop_sizes()) if pygame.display.get_num_displays() else []
            if desktops:
                position, size = place_window(desktops, display, size)
        kwargs = {} if position is None else {"position": position}
        self.window = pygame.Window(self.view.words.pianist_title, size, resizable=True, **kwargs)
        self._last: Snapshot | None = None
        self.frames = 0

    @property
    def id(self) -> int:
        return self.window.id

    def draw(self, snap: Snapshot) -> bool:
        """Redraw if ``snap`` differs from the last one; True when it drew."""
        if snap == self._last:
            return False
        self._last = snap
        surface = self.window.get_surface()
        self.view.draw(surface, snap)
        self.window.flip()
        self.frames += 1
        return True

    def invalidate(self) -> None:
        self._last = None

    def close(self) -> None:
        if self.window is not None:
            self.window.destroy()
            self.window = None
