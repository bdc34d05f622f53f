"""The scene contract and the few words the display itself shows.

A scene draws one snapshot onto a surface through a :class:`~player.display.painter.Painter`
and keeps no state, so the same snapshot always gives the same pixels. A scene with a moving
part (pulse, breathing shape) names a fixed box for it; the renderer then redraws only that
box while nothing else in the snapshot changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from player.core.snapshot import Snapshot
from player.display.painter import Painter

__all__ = ["Scene", "Words"]


@dataclass(frozen=True)
class Words:
    """Words of the display itself (bokmål by default; ``texts.<language>`` in config.yaml)."""

    quit_confirm: str = "Avslutte? Trykk Ctrl+Q en gang til."
    quit_hint: str = "En annen tast avbryter."
    go_to_step: str = "Gå til steg {n} – trykk Enter"
    draw_failed: str = "Visningen feilet – viser enkel tekst"
    breath_cycle: str = "{cycle} av {cycles}"

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> "Words":
        texts = (config.get("texts") or {}).get(config.get("language") or "nb") or {}
        known = {k: str(texts[k]) for k in cls.__dataclass_fields__ if k in texts}
        return cls(**known)


class Scene:
    """Base class: override :meth:`draw`; scenes with a moving part also override
    :meth:`dynamic_rect` and :meth:`draw_dynamic`."""

    def __init__(self, words: Words) -> None:
        self.words = words

    def draw(self, p: Painter, snap: Snapshot) -> None:
        """Everything but the moving part."""

    def dynamic_rect(self, p: Painter, snap: Snapshot):
        """The box the moving part stays in (a pygame.Rect), or None when there is none."""
        return None

    def draw_dynamic(self, p: Painter, snap: Snapshot) -> None:
        """The moving part, inside :meth:`dynamic_rect` (its background is already filled)."""

    def static_key(self, snap: Snapshot) -> Snapshot:
        """What must be equal between two frames for only the moving part to be redrawn."""
        from dataclasses import replace
        return replace(snap, pulse=None, breath=None)
