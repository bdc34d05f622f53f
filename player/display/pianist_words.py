"""The pianist view's own words: bokmål defaults, replaced by ``texts: pianist_*`` of
config.yaml (the catalog), as the projector's scenes do with their ``Words``. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

__all__ = ["PianistWords"]


@dataclass(frozen=True)
class PianistWords:
    """The pianist view's own words (bokmål by default; ``texts: pianist_*`` in config.yaml)."""

    pianist_title: str = "Helsekor – pianist"
    pianist_key: str = "Toneart"
    pianist_tempo: str = "Tempo"
    pianist_bpm: str = "{bpm} BPM"
    pianist_meter: str = "Takt"
    pianist_count_in: str = "Inntelling"
    pianist_bar_beat: str = "Takt:slag"
    pianist_first_note: str = "Første tone"
    pianist_range: str = "Omfang"
    pianist_next: str = "Neste: {title}"
    pianist_then: str = "   ·   Deretter: {title}"
    pianist_session: str = "Økt {elapsed}   ·   {step}"

    @classmethod
    def from_texts(cls, texts: Mapping[str, str] | None) -> "PianistWords":
        """From one language's texts (``Settings.texts()``); keys it lacks keep the words above."""
        return cls(**{k: texts[k] for k in cls.__dataclass_fields__ if texts and k in texts})
