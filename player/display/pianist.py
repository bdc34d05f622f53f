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

from typing import Sequence

from player.core.show.snapshot import LyricLine, Snapshot
from player.display.painter import Placed, blit_text
from player.display.text import TextCache
from player.display.theme import Fonts, Theme, panel_colour

__all__ = ["PianistView", "PianistWindow", "render_pianist", "chord_positions"]

MIN_SIZE = 16          # never smaller than this (pixels), even for a very long line


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

    def __init__(self, theme: Theme | None = None, fonts: Fonts | None = None):
        self.theme = theme or Theme.from_settings()
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
            cells = []
            if info.key_text:
                cells.append(("Toneart", info.key_text))
            if info.bpm:
                cells.append(("Tempo", f"{info.bpm:.0f} BPM"))
            if info.meter:
                cells.append(("Takt", info.meter))
            if info.count_in is not None:
                cells.append(("Inntelling", str(info.count_in)))
            elif info.bar_beat:
                cells.append(("Takt:slag", info.bar_beat))
            if info.first_note and info.count_in is not None and len(cells) < 5:
                cells.append(("Første tone", info.first_note))   # while counting in: the note to sing in on
            elif info.range and len(cells) < 5:
                cells.append(("Omfang", info.range))
            if cells:
                cw = inner // max(4, len(cells))
                for k, (label, value) in enumerate(cells):
                    x = margin + k * cw
                    self._text(label, round(0.9 * u), t.dim, (x, y), role="label")
                    vs = self._fit(value, round(2.4 * u), cw - u, True)
                    colour = t.highlight if label == "Inntelling" else t.text
                    r = self._text(value, vs, colour, (x, y + round(1.2 * u)), bold=True, role=f"info:{label}")
                    if label in ("Takt:slag", "Inntelling") and snap.pulse is not None:
                        self._beats(snap, r.right + u, r.centery, u)
                y += round(4.2 * u)

        # lyrics with chords: the current line, then the next one
        current = next((ln for ln in snap.lines if ln.state == "current"), None)
        upcoming = next((ln for ln in snap.lines if ln.state == "next"), None)
        if snap.scene == "lyrics":
            if snap.section_label:
                self._text(snap.section_label, round(1.1 * u), t.accent, (margin, y), bold=True, role="section")
                y += round(1.7 * u)
            for line, role, colour in ((current, "current", t.text), (upcoming, "next", t.dim)):
                if line is None or not line.text:
                    continue
                y = self._chord_line(line, margin, y, inner, round(2.3 * u), colour, role)
                y += round(0.6 * u)
        elif snap.scene in ("next_up", "title", "pause", "instruction", "breathing", "pulse", "video"):
            body = snap.subtitle or snap.countdown_text or (snap.body[0] if snap.body else "")
            if body:
                size = self._fit(body, round(1.4 * u), inner)
                self._text(self._clip(body, size, inner), size, t.dim, (margin, y), role="body")
                y += round(2.2 * u)

        # the sung order, the next steps, the time
        bottom = h - margin // 2
        rows: list[tuple[str, tuple, str]] = []
        if info is not None:
            if info.order:
                rows.append(("order", info.order, ""))
            if info.changes:
                rows.append(("changes", (), " · ".join(info.changes)))
            nxt = info.next_steps
            if nxt:
                text = f"Neste: {nxt[0]}" + (f"   ·   Deretter: {nxt[1]}" if len(nxt) > 1 else "")
                rows.append(("next_steps", (), text))
            rows.append(("time", (), f"Økt {info.elapsed_text}   ·   {info.step_text}"))
            rows.append(("tempo", (), info.tempo_text))
        warnings = tuple(snap.notices)
        small = round(1.1 * u)
        line_h = self.fonts.get(small).get_linesize()
        needed = len(rows) * line_h + len(warnings[:3]) * line_h
        yb = max(y, bottom - needed)
        pygame.draw.line(surface, panel_colour(t.background, t.text), (margin, yb - u // 2), (w - margin, yb - u // 2),
                         max(1, u // 8))
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
        for text in warnings[:3]:
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
                 position: tuple[int, int] | None = None, title: str = "Helsekor – pianist"):
        import pygame
        self.view = PianistView(theme)
        kwargs = {}
        if position is not None:
            kwargs["position"] = position
        elif display and display < pygame.display.get_num_displays():
            bounds = pygame.display.get_desktop_sizes()
            kwargs["position"] = (sum(b[0] for b in bounds[:display]) + 40, 40)
        self.window = pygame.Window(title, size, resizable=True, **kwargs)
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
