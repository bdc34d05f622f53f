"""What the conductor sees on top of any scene: the notice strip, the overlay (Tab), the quit
question and the step number being typed. Drawn after the scene; returns the boxes it covered.

The projector is for the participants: when a console exists (``Chrome.console``, the
conductor's own screen), the notice strip and the overlay are never drawn here, only there.
With one screen the strip shows the notices of the step running now (⚠ only for warnings, a
confirmation plainly), and Tab calls the overlay up for a few seconds (the runner hides it).
"""

from __future__ import annotations

from dataclasses import dataclass

from player.core.show.snapshot import Notice, Snapshot
from player.display.painter import Painter
from player.display.scenes.base import Words
from player.display.theme import panel_colour

__all__ = ["Chrome", "draw_chrome", "panel_colour"]  # panel_colour lives in theme


@dataclass(frozen=True)
class Chrome:
    """App state shown on top of the snapshot (not part of it: it belongs to the app loop)."""

    confirm_quit: bool = False              # the app asks after Ctrl+Q
    pending_digits: str = ""
    notices: tuple[str, ...] = ()
    question: tuple[str, ...] = ()          # the runner asks (Next on the closing card): its lines
    console: bool = False                   # a console shows the conductor's things: the projector never does


def draw_chrome(p: Painter, snap: Snapshot, chrome: Chrome, words: Words) -> list:
    """Draw notices, overlay, typed step number and quit question; return the rects covered."""
    import pygame
    t, m = p.theme, p.metrics
    covered = []
    small = m.small
    small_line = p.fonts.get(small).get_linesize()
    items = snap.notice_items or tuple(Notice(text) for text in snap.notices)
    notices = tuple(("⚠ " if n.kind == "warning" else "") + n.text for n in items) \
        + tuple("⚠ " + text for text in chrome.notices)
    if notices and not snap.blank and not chrome.console:
        text = "  ·  ".join(notices)
        y = m.height - small_line - m.margin // 6
        from player.display.scenes.lyrics import _fit
        covered.append(p.text(_fit(p, text, small, m.width - 2 * m.margin), small, t.notice,
                              (m.margin, y), role="notice"))
    if snap.overlay is not None and not chrome.console:
        o = snap.overlay
        rows = [(o.step_text, t.text), (o.elapsed_text, t.text), (o.next_text, t.text), (o.tempo_text, t.text)]
        rows = [r for r in rows if r[0]] + [("⚠ " + w, t.notice) for w in o.warnings] + [(d, t.text) for d in o.done]
        size = round(small * 1.2)
        line = p.fonts.get(size).get_linesize()
        pad = m.margin // 3
        h = len(rows) * line + 2 * pad
        w = round(m.width * 0.5)
        rect = pygame.Rect(m.width - m.margin - w, m.height - small_line - m.margin // 3 - h, w, h)
        bg = panel_colour(t.background, t.text)
        p.fill(bg, rect)
        pygame.draw.rect(p.surface, t.accent, rect, width=max(2, m.margin // 20))
        from player.display.scenes.lyrics import _fit
        y = rect.top + pad
        for text, colour in rows:
            p.text(_fit(p, text, size, w - 2 * pad), size, colour, (rect.left + pad, y), bg=bg, role="overlay")
            y += line
        covered.append(rect)
    if chrome.pending_digits:
        # the typed step number sits at the right end of the conductor's strip
        prompt = words.pick_song if snap.scene == "songbook" else words.go_to_step
        text = prompt.format(n=chrome.pending_digits)
        bg = panel_colour(t.background, t.text)
        tw, th = p.cache.size(text, small)
        rect = pygame.Rect(0, 0, tw + m.margin // 2, small_line)
        rect.bottomright = (m.width - m.margin // 2, m.height - m.margin // 8)
        p.fill(bg, rect)
        p.text(text, small, t.text, rect.center, anchor="center", bg=bg, role="digits")
        covered.append(rect)
    # with a console both questions are asked there: the participants see the show go on
    if (chrome.confirm_quit or chrome.question) and not chrome.console:
        # a calm card of its own: half-covered lyrics behind a box are hard to read
        p.fill(t.background)
        ask, hint = (words.quit_confirm, words.quit_hint) if chrome.confirm_quit else (tuple(chrome.question) + ("",))[:2]
        lines = [(ask, m.lyric, True, t.text), (hint, m.body, False, t.dim)]
        heights = [p.fonts.get(z, b).get_linesize() for _, z, b, _ in lines]
        y = (m.height - sum(heights)) // 2
        for (s, z, b, c), lh in zip(lines, heights):
            y = p.paragraph(s, z, c, m.margin, y, m.width - 2 * m.margin, bold=b, align="center", role="quit")
        covered.append(p.surface.get_rect())
    return covered
