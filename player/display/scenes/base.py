"""The scene contract and the few words the display itself shows.

A scene draws one snapshot onto a surface through a :class:`~player.display.painter.Painter`
and keeps no state, so the same snapshot always gives the same pixels. A scene with a moving
part (pulse, breathing shape) names a fixed box for it; the renderer then redraws only that
box while nothing else in the snapshot changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from player.core.show.snapshot import Snapshot
from player.display.painter import Painter

__all__ = ["Scene", "Words"]


@dataclass(frozen=True)
class Words:
    """Words of the display itself (bokmål by default; ``texts.<language>`` in config.yaml)."""

    quit_confirm: str = "Avslutte? Trykk Ctrl+Q en gang til."
    quit_hint: str = "En annen tast avbryter."
    go_to_step: str = "Gå til steg {n} – trykk Enter"
    pick_song: str = "Syng sang {n} – trykk Enter"     # the number typed while the songbook is open
    draw_failed: str = "Visningen feilet – viser enkel tekst"
    breath_cycle: str = "{cycle} av {cycles}"

    @classmethod
    def from_texts(cls, texts: Mapping[str, str]) -> "Words":
        """From one language's texts (``Settings.texts()``); keys it lacks keep the words above."""
        return cls(**{k: texts[k] for k in cls.__dataclass_fields__ if k in texts})


class Scene:
    """Base class: override :meth:`draw`; scenes with moving parts also override
    :meth:`regions`, :meth:`draw_dynamic` and :meth:`static_key`."""

    def __init__(self, words: Words) -> None:
        self.words = words

    def draw(self, p: Painter, snap: Snapshot) -> None:
        """Everything but the moving part."""

    def regions(self, p: Painter, snap: Snapshot) -> list:
        """The boxes the moving parts stay in, each with the value it shows:
        ``[(pygame.Rect, hashable), ...]``. While :meth:`static_key` stays the same, a box is
        redrawn only when its value changed. Empty when nothing moves."""
        return []

    def draw_dynamic(self, p: Painter, snap: Snapshot) -> None:
        """All moving parts (the renderer clips to one box at a time and fills it first)."""

    def prefetch(self, p: Painter, snap: Snapshot) -> None:
        """Render into the text cache what the next change will need (called on a quiet frame)."""

    def static_key(self, snap: Snapshot):
        """Everything drawn outside :meth:`regions`: when it changes, all is redrawn."""
        from dataclasses import replace
        return replace(snap, pulse=None, breath=None)
