"""Calm cards: title/closing, pause with countdown, "next up", instruction card, blank.

Every card uses the room-minimum size or larger, centres titles, and keeps the bottom strip free
for the conductor's notices.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from player.core.show.snapshot import Snapshot
from player.core.model.picturesize import too_many_pixels
from player.display.painter import Painter
from player.display.scenes.base import Scene
from player.display.scenes.pulse import _strip
from player.display.theme import relative_luminance

_DARK_GROUND = (0x10, 0x14, 0x18)

__all__ = ["TitleCard", "CalmCard", "PauseCard", "InstructionCard", "BlankScene", "VideoScene", "FallbackCard",
           "load_picture"]


class TitleCard(Scene):
    """Title (big, bold) and subtitle, centred a little above the middle."""

    extra_colour = "highlight"

    def draw(self, p: Painter, snap: Snapshot) -> None:
        t, m = p.theme, p.metrics
        width = m.width - 2 * m.margin
        title_size = round(m.title * 1.15)
        blocks = [(snap.title, title_size, t.text, True, "title"),
                  (snap.subtitle, m.body, t.dim, False, "subtitle"),
                  (self.extra(snap), m.lyric, getattr(t, self.extra_colour), True, "countdown")]
        blocks = [b for b in blocks if b[0]]
        heights = []
        for text, size, _, bold, _ in blocks:
            rows = len(p.wrap(text, size, width, bold))
            heights.append(rows * p.fonts.get(size, bold).get_linesize())
        gap = m.margin // 2
        total = sum(heights) + gap * (len(blocks) - 1)
        y = max(m.margin, round((m.height - _strip(p)) * 0.45 - total / 2))
        for (text, size, colour, bold, role), h in zip(blocks, heights):
            p.paragraph(text, size, colour, m.margin, y, width, bold=bold, align="center", role=role)
            y += h + gap

    def extra(self, snap: Snapshot) -> str:
        return snap.countdown_text


class PauseCard(TitleCard):
    """Pause: the title ("Kaffepause") and the countdown ("Vi starter igjen om 8 min")."""


class CalmCard(TitleCard):
    """What the room sees after Panic (Esc), or in a pause when the conductor wants a card: the
    step's title and a calm line («Vi tar en liten pause»), never lyrics frozen mid-word."""

    extra_colour = "text"

    def extra(self, snap: Snapshot) -> str:
        return snap.calm_text


class InstructionCard(Scene):
    """A timed exercise: title, two or three sentences, a pictogram at the right, a countdown."""

    def draw(self, p: Painter, snap: Snapshot) -> None:
        t, m = p.theme, p.metrics
        W, H = m.width, m.height
        bottom = H - _strip(p) - m.margin // 3
        has_picture = snap.picture is not None and Path(snap.picture).is_file()
        col = W - 2 * m.margin if not has_picture else round(W * 0.60) - m.margin
        y = p.paragraph(snap.title, m.title, t.text, m.margin, m.margin // 2, col if has_picture else W - 2 * m.margin,
                        bold=True, role="title")
        y += m.margin // 3
        body_top = y
        box_x = round(W * 0.62)
        pic_bottom = bottom
        if snap.countdown_text:
            if has_picture:   # under the pictogram, so it never meets the sentences in the left column
                pic_bottom = bottom - m.line - m.margin // 4
                p.text(snap.countdown_text, m.lyric, t.highlight, (box_x + (W - m.margin - box_x) // 2, bottom - m.line),
                       anchor="midtop", bold=True, role="countdown")
            else:
                bottom -= m.line
                p.text(snap.countdown_text, m.lyric, t.highlight, (m.margin, bottom), bold=True, role="countdown")
        for sentence in snap.body:
            y = p.paragraph(sentence, m.lyric, t.text, m.margin, y, col, bold=True, role="body",
                            line=m.line) + m.line // 5
        if has_picture:
            box_h = max(1, pic_bottom - body_top)
            picture = load_picture(snap.picture, (round(W * 0.34), min(round(H * 0.55), box_h)))
            if picture is None:
                return
            rect = picture.get_rect(center=(box_x + (W - m.margin - box_x) // 2, body_top + box_h // 2))
            if relative_luminance(t.background) > 0.5:
                # pictograms are light drawings for the dark theme: give them a dark ground here
                import pygame
                pygame.draw.rect(p.surface, _DARK_GROUND, rect.inflate(m.margin // 2, m.margin // 2),
                                 border_radius=m.margin // 3)
            p.surface.blit(picture, rect)


class BlankScene(Scene):
    """The conductor blanked the screen: black, nothing else."""

    def draw(self, p: Painter, snap: Snapshot) -> None:
        p.fill((0, 0, 0))


class VideoScene(Scene):
    """A clip plays in the window (VLC draws it); the renderer leaves the window alone."""


class FallbackCard(Scene):
    """Plain title and text, drawn when a scene failed or is unknown."""

    def draw(self, p: Painter, snap: Snapshot) -> None:
        m = p.metrics
        y = p.paragraph(snap.title or " ", m.title, p.theme.text, m.margin, m.margin, m.width - 2 * m.margin,
                        bold=True, role="title")
        for line in snap.body or tuple(l.text for l in snap.lines):
            y = p.paragraph(line, m.lyric, p.theme.text, m.margin, y, m.width - 2 * m.margin, bold=True,
                            role="body")


_PICTURES: OrderedDict[tuple, object] = OrderedDict()


def load_picture(path: Path | str | None, box: tuple[int, int]):
    """The picture at ``path`` scaled smoothly to fit ``box`` (cached), or None when missing/unreadable."""
    if path is None:
        return None
    path = Path(path)
    try:
        key = (str(path), box, path.stat().st_mtime_ns)
    except OSError:
        return None
    if key in _PICTURES:
        _PICTURES.move_to_end(key)
        return _PICTURES[key]
    if too_many_pixels(path):       # check refuses it; a file swapped since is not decoded in a frame
        return None
    import pygame
    try:
        image = pygame.image.load(str(path))
    except (pygame.error, OSError, ValueError):
        return None
    w, h = image.get_size()
    scale = min(box[0] / max(1, w), box[1] / max(1, h))
    image = pygame.transform.smoothscale(image.convert_alpha() if pygame.display.get_surface() else image,
                                         (max(1, round(w * scale)), max(1, round(h * scale))))
    _PICTURES[key] = image
    if len(_PICTURES) > 32:
        _PICTURES.popitem(last=False)
    return image
