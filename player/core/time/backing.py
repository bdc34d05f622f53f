"""The backing protocol: what the runner needs from anything that plays along with a step.

MIDI (port or built-in synth), VLC audio and the silent plain transport all implement it.
The backing's position is *the* clock of its step: views follow what the room hears.
Positions are beats (quarter notes) from bar 1 of the song; negative while counting in.
All methods are called from the main thread. Device callbacks only put events on a queue that
:meth:`Backing.poll` drains.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

__all__ = ["Backing", "BackingEvent"]


@dataclass(frozen=True)
class BackingEvent:
    kind: str          # "end" (played to the end), "error" (message says what), "notice"
    message: str = ""


class Backing(Protocol):
    def start(self, at_beat: float = 0.0, count_in: bool = True) -> None:
        """Start playing at ``at_beat`` (after the count-in when ``count_in``)."""
        ...

    def pause(self) -> None: ...

    def resume(self) -> None: ...

    def seek(self, beat: float) -> None:
        """Jump to ``beat``; nothing keeps sounding across the jump."""
        ...

    def stop(self, fade: bool = True) -> None: ...

    def panic(self) -> None:
        """Silence at once (all notes off, sustain off, volume down)."""
        ...

    def set_tempo_scale(self, scale: float) -> None:
        """Change speed (0.5–1.5) without a jump in position."""
        ...

    def position(self) -> float:
        """Beats as heard now (after the configured output latency)."""
        ...

    def poll(self) -> list[BackingEvent]:
        """Events since the last call (end reached, errors). Main thread only."""
        ...

    def close(self) -> None:
        """Idempotent."""
        ...
