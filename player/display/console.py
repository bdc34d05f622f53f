"""The conductor's console (the pianist window grown up), drawn from the snapshot and the
console's :class:`~player.core.show.console.ConsoleInfo`, read at about 1 m on the laptop.

- the state band: the state of the show in words and colour (plays, paused, panic, blank,
  waiting, songbook, finished), the song or step title, who leads;
- the run sheet: every step, planned against actual time, where we are, drift from plan;
- the pianist's part: the whole section with chords over their syllables and bar numbers,
  intro and ending length, the next section; the round of a pulse exercise; key, tempo, bar;
- the conductor's column: tempo and transposition, guide melody, what comes next, the step's
  ``note:`` lines, notices with a short history;
- the buttons: every key action for the mouse or touchpad (see :mod:`console_window`).

``placed`` lists every text of the last frame (role, words, rect) for the tests. Drawing never
changes state. Sizes in pixels (:mod:`console_layout`). Main (display) thread only.
"""

from __future__ import annotations

from typing import Mapping

from player.core.show.console import ConsoleInfo
from player.core.show.snapshot import Snapshot
from player.core.show.words import say
from player.display.console_layout import STATE_COLOURS, ConsoleLayout, console_layout
from player.display.painter import Placed, blit_text
from player.display.pianist import MIN_SIZE, chord_positions
from player.display.text import TextCache, wrap_spans
from player.display.theme import Fonts, Theme, panel_colour

__all__ = ["ConsoleView", "render_console", "console_key"]


def console_key(snap: Snapshot) -> tuple:
    """What of a snapshot the console shows (the beat's phase and the sung syllable are not):
    the console window redraws only when this or the console info changed."""
    return (snap.scene, snap.title, snap.subtitle, snap.body, snap.countdown_text, snap.call_response,
            snap.notices, snap.pianist, snap.blank, snap.paused, snap.confirm_quit)


def _inside(box, u: int) -> tuple[int, int, int, int, int]:
    """A panel's drawing area: (x, y, width, bottom, pad) with half a unit kept free all round."""
    x, y, w, h = box
    pad = u // 2
    return x + pad, y + pad, w - 2 * pad, y + h - pad, pad


class ConsoleView:
    def __init__(self, texts: Mapping[str, str], theme: Theme | None = None, fonts: Fonts | None = None):
        self.texts = texts
        self.theme = theme or Theme.from_settings()
        self.fonts = fonts or Fonts()
        self.cache = TextCache(self.fonts)
        self.placed: list[Placed] = []
        self.layout: ConsoleLayout | None = None
        self._surface = None
        self._sizes: dict[tuple, tuple[int, int]] = {}

    # ---------------------------------------------------------------- helpers
    def _size(self, text: str, size: int, bold: bool = False) -> tuple[int, int]:
        """``TextCache.size``, remembered: the console measures the same texts every frame."""
        key = (text, size, bold)
        found = self._sizes.get(key)
        if found is None:
            if len(self._sizes) > 20000:
                self._sizes.clear()
            found = self._sizes[key] = self.cache.size(text, size, bold)
        return found

    def _text(self, text: str, size: int, fg, pos, width: int, *, bold=False, bg=None, role="text", anchor="topleft"):
        """One line, cut with «…» to ``width`` pixels; returns its rect."""
        if self._size(text, size, bold)[0] > width:
            while text and self._size(text + "…", size, bold)[0] > width:
                text = text[:-1]
            text += "…"
        return blit_text(self._surface, self.cache, self.placed, text, size, fg, bg or self.theme.background,
                         pos, anchor=anchor, bold=bold, role=role)

    def _wrap(self, text: str, size: int, x: int, y: int, width: int, bottom: int, fg, role: str, bold=False,
              bg=None) -> int:
        """Wrapped rows from y while they fit above ``bottom``; returns the y below."""
        line = self.fonts.get(size, bold).get_linesize()
        for a, b in wrap_spans(text, lambda s: self._size(s, size, bold)[0] <= width):
            if y + line > bottom:
                break
            self._text(text[a:b], size, fg, (x, y), width, bold=bold, role=role, bg=bg)
            y += line
        return y

    def _line(self, size: int, bold=False) -> int:
        return self.fonts.get(size, bold).get_linesize()

    def say(self, key: str, **fields) -> str:
        return say(self.texts, key, **fields)

    # ---------------------------------------------------------------- drawing
    def draw(self, surface, snap: Snapshot, info: ConsoleInfo) -> None:
        import pygame
        self._surface = surface
        self.placed = []
        lay = self.layout = console_layout(surface.get_size())
        surface.fill(self.theme.background)
        self._band(snap, info, lay)
        panel = panel_colour(self.theme.background, self.theme.text)
        for rect in (lay.sheet, lay.part, lay.side):
            pygame.draw.rect(surface, panel, rect, border_radius=lay.u // 3)
        self._sheet(info, lay, panel)
        self._part(snap, info, lay, panel)
        self._side(snap, info, lay, panel)
        self._buttons(lay)

    def _band(self, snap: Snapshot, info: ConsoleInfo, lay: ConsoleLayout) -> None:
        import pygame
        bg, fg = STATE_COLOURS.get(info.state, STATE_COLOURS["playing"])
        x, y, w, h = lay.band
        pygame.draw.rect(self._surface, bg, lay.band)
        u = lay.u
        size, room = round(1.7 * u), round(w * 0.5)
        while size > u and self._size(info.state_text, size, True)[0] > room:   # shrink before cutting
            size -= 1
        r = self._text(info.state_text, size, fg, (u, y + h // 2), room, bold=True, bg=bg, role="state",
                       anchor="midleft")
        lead_r = None
        if info.lead_text:
            lead_r = self._text(info.lead_text, round(1.1 * u), fg, (w - u, y + h // 2), round(w * 0.3), bold=True,
                                bg=bg, role="lead", anchor="midright")
        right = (lead_r.left if lead_r else w) - u
        title = snap.title or ""
        if title and right - r.right - 2 * u > 4 * u:
            self._text(title, round(1.2 * u), fg, (r.right + 2 * u, y + h // 2), right - r.right - 2 * u, bg=bg,
                       role="title", anchor="midleft")

    def _sheet(self, info: ConsoleInfo, lay: ConsoleLayout, panel) -> None:
        import pygame
        t, u = self.theme, lay.u
        x, y, w, bottom, pad = _inside(lay.sheet, u)
        head = self._text(self.say("console_run_sheet"), round(1.1 * u), t.accent, (x, y), w // 2, bold=True, bg=panel,
                          role="sheet_head")
        r = self._text(info.drift_text, round(0.85 * u), t.text, (x, head.bottom), w, bold=True, bg=panel,
                       role="drift")
        y = r.bottom + pad // 2
        small = round(0.85 * u)
        row_h = self._line(small, True)
        times_w = self._size("88:88 / 88:88", small, True)[0]
        fits = max(1, (bottom - y) // row_h)
        rows = info.sheet
        reached = [k for k, r in enumerate(rows) if r.state != "coming"]      # the last reached, if none runs
        current = next((k for k, r in enumerate(rows) if r.state == "current"), reached[-1] if reached else 0)
        first = max(0, min(current - fits // 3, len(rows) - fits))
        for row in rows[first:first + fits]:
            bg = panel
            colour = t.dim if row.state == "past" else t.text
            if row.state == "current":
                bg = t.highlight
                colour = t.background
                pygame.draw.rect(self._surface, bg, (x - pad // 2, y, w + pad, row_h), border_radius=u // 4)
            self._text(f"{row.number}  {row.title}", small, colour, (x, y), w - times_w - pad, bold=row.state == "current",
                       bg=bg, role=f"sheet:{row.state}")
            times = f"{row.actual} / {row.planned}" if row.actual else row.planned
            self._text(times, small, colour, (x + w, y), times_w, bg=bg, role="sheet_time", anchor="topright")
            y += row_h

    def _part(self, snap: Snapshot, info: ConsoleInfo, lay: ConsoleLayout, panel) -> None:
        t, u = self.theme, lay.u
        x, y, w, bottom, pad = _inside(lay.part, u)
        p = snap.pianist
        cells = []
        if p is not None:
            cells = [c for c in (p.key_text, self.say("bpm", bpm=round(p.bpm)) if p.bpm else "", p.meter,
                                 str(p.count_in) if p.count_in is not None else p.bar_beat) if c]
        if cells:
            r = self._text("   ".join(cells), round(1.3 * u), t.text, (x, y), w, bold=True, bg=panel, role="pianist_info")
            y = r.bottom + pad
        foot = self._line(round(0.9 * u))
        if info.part:
            r = self._text(info.part_label, round(1.0 * u), t.accent, (x, y), w, bold=True, bg=panel,
                           role="part_head")
            r = self._text(f"{info.intro_text}  ·  {info.ending_text}", round(0.8 * u), t.dim, (x, r.bottom), w,
                           bg=panel, role="intro_ending")
            y = r.bottom + pad // 2
            bar_w = self._size("T888", round(0.8 * u), False)[0] + pad
            for line in info.part:
                y = self._part_line(line, x, y, w, bar_w, bottom - foot - pad, u, panel)
                if y is None:
                    break
            self._text(info.next_section, round(0.9 * u), t.text, (x, bottom - foot), w, bg=panel, role="next_section")
        else:
            if info.round_text:                          # the round of a pulse or breathing exercise
                y = self._wrap(info.round_text, round(1.6 * u), x, y, w, bottom, t.highlight, "round", bold=True,
                               bg=panel) + pad
            if snap.scene == "pulse" and snap.body:      # the pattern to clap or sing this round
                y = self._wrap(snap.body[0], round(1.2 * u), x, y, w, bottom, t.text, "pattern", bold=True, bg=panel)
            else:
                body = " ".join(x for x in (snap.subtitle, snap.countdown_text, " ".join(snap.body)) if x)
                if body:
                    self._wrap(body, round(1.0 * u), x, y, w, bottom, t.dim, "body", bg=panel)

    def _part_line(self, line, x, y, w, bar_w, bottom, u, panel):
        """Bar number, chords over their syllables, the words; None when it does not fit."""
        t = self.theme
        size = round(1.15 * u)
        while size > MIN_SIZE and self._size(line.text, size, True)[0] > w - bar_w:
            size = max(MIN_SIZE, int(size * 0.92))
        chord = max(MIN_SIZE - 2, round(size * 0.8))
        need = self._line(size, True) + (self._line(chord, True) if line.chords else 0)
        if y + need > bottom:
            return None
        colour = t.highlight if line.state == "current" else t.dim if line.state == "past" else t.text
        cy = y
        if line.chords:
            def width_of(s: str, chord: bool = False, _c=chord) -> int:
                return self._size(s, _c if chord else size, True)[0]
            for cx, name in chord_positions(line.text, line.chords, width_of, max(4, chord // 3)):
                if x + bar_w + cx + width_of(name, chord=True) <= x + w:
                    self._text(name, chord, t.accent, (x + bar_w + cx, cy), w, bold=True, bg=panel, role="chord")
            y += self._line(chord, True)
        self._text(self.say("console_bar", bar=line.bar), round(0.8 * u), t.dim, (x, y + (size - round(0.8 * u)) // 2),
                   bar_w, bg=panel, role="bar")
        self._text(line.text, size, colour, (x + bar_w, y), w - bar_w, bold=True, bg=panel, role=f"part:{line.state}")
        return y + self._line(size, True)

    def _side(self, snap: Snapshot, info: ConsoleInfo, lay: ConsoleLayout, panel) -> None:
        t, u = self.theme, lay.u
        x, y, w, bottom, pad = _inside(lay.side, u)
        small = round(0.85 * u)
        for role, text in (("tempo", info.tempo_text), ("guide", info.guide_text), ("next", info.next_text)):
            if text:
                r = self._text(text, small if role != "next" else round(1.0 * u), t.text, (x, y), w,
                               bold=role == "next", bg=panel, role=role)
                y = r.bottom + pad // 2
        notes_h = (bottom - y) // 2
        y += pad
        r = self._text(self.say("console_notes"), round(0.95 * u), t.accent, (x, y), w, bold=True, bg=panel,
                       role="notes_head")
        y = r.bottom
        for note in info.notes or (self.say("console_no_notes"),):
            y = self._wrap(note, small, x, y, w, r.bottom + notes_h, t.text if info.notes else t.dim, "note",
                           bg=panel)
        y = max(y, r.bottom + notes_h) + pad
        if y + self._line(round(0.95 * u), True) > bottom:
            return
        r = self._text(self.say("console_notices"), round(0.95 * u), t.accent, (x, y), w, bold=True, bg=panel,
                       role="notices_head")
        y = r.bottom
        history = info.notices or (self.say("console_no_notices"),)
        live = set(snap.notices)
        for text in reversed(history):             # the newest first
            fresh = any(text.endswith(n) for n in live)
            y = self._wrap(text, small, x, y, w, bottom, t.notice if fresh else t.dim, "notice", bg=panel)

    def _buttons(self, lay: ConsoleLayout) -> None:
        import pygame
        t, u = self.theme, lay.u
        face = panel_colour(t.background, t.text)
        face = tuple(min(255, c + 25) for c in face)
        for action, rect in lay.buttons:
            colour = STATE_COLOURS["panic"][0] if action == "panic" else face
            pygame.draw.rect(self._surface, colour, rect, border_radius=u // 3)
            pygame.draw.rect(self._surface, t.dim, rect, width=max(1, u // 12), border_radius=u // 3)
            cx, cy = rect[0] + rect[2] // 2, rect[1] + rect[3] // 2
            label = self.say("console_btn_" + action)
            size = round(0.8 * u)                  # a label shrinks to fit its button before it is cut
            while size > round(0.6 * u) and self._size(label, size, True)[0] > rect[2] - u // 2:
                size -= 1
            self._text(label, size, t.text, (cx, cy), rect[2] - u // 2, bold=True, bg=colour, role=f"button:{action}",
                       anchor="center")


def render_console(snapshot: Snapshot, info: ConsoleInfo, texts: Mapping[str, str],
                   size: tuple[int, int] = (1280, 800), view: ConsoleView | None = None):
    """Draw the console onto a new Surface (headless: the dummy driver is enough)."""
    import pygame
    if not pygame.font.get_init():
        pygame.font.init()
    surface = pygame.Surface(size)
    (view or ConsoleView(texts)).draw(surface, snapshot, info)
    return surface
