"""The songbook: every song that can be sung now, numbered, so the room can wish for one and the
conductor types its number and Enter. Big print in up to two columns; what does not fit is left
for the conductor to reach by number (the first rows show the most)."""

from __future__ import annotations

from player.core.show.snapshot import Snapshot
from player.display.painter import Painter
from player.display.scenes.base import Scene
from player.display.scenes.pulse import _strip

__all__ = ["SongbookScene"]


class SongbookScene(Scene):
    def draw(self, p: Painter, snap: Snapshot) -> None:
        t, m = p.theme, p.metrics
        p.paragraph(snap.title, m.title, t.text, m.margin, m.margin // 2, m.width - 2 * m.margin,
                    bold=True, role="title")
        top = m.margin // 2 + p.fonts.get(m.title, True).get_linesize() + m.margin // 3
        bottom = m.height - _strip(p)
        size = m.lyric
        font = p.fonts.get(size, True)
        line = round(font.get_linesize() * 0.92)            # a list, not running text: a little closer
        fits = max(1, (bottom - top) // line)
        count = len(snap.body)
        columns = 1 if count <= fits else 2
        rows = min(fits, -(-count // columns))             # balanced: 7 songs are 4 + 3
        width = (m.width - 2 * m.margin - (columns - 1) * m.margin) // columns
        entries = [e.partition("  ") for e in snap.body[: rows * columns]]
        number_w = max((font.size(f"{n}  ")[0] for n, _, _ in entries), default=0)
        for k, (number, _, title) in enumerate(entries):
            col, row = divmod(k, rows)
            x, y = m.margin + col * (width + m.margin), top + row * line
            shown = title
            while shown and font.size(shown)[0] > width - number_w:
                shown = shown[:-2].rstrip() + "…"          # a long title is cut, never shrunk below the minimum
            p.text(number, size, t.highlight, (x, y), bold=True, role="songbook.number")
            p.text(shown, size, t.text, (x + number_w, y), bold=True, role="songbook.title")
