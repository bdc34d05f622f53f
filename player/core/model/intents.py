"""Intents: what the conductor or pianist asked for, whatever key, clicker or pedal said it.

Only the app loop reads pygame's event queue (and the MIDI-in queue); it turns what it reads
into these and passes them to the runner as arguments.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "Intent", "Next", "Back", "Blank", "Panic", "TempoUp", "TempoDown", "TransposeUp",
    "TransposeDown", "GoToStep", "StartPause", "ToggleOverlay", "Quit", "Tap",
    "RepeatSection", "LastVerse", "EndAfterVerse", "ToggleGuide", "Songbook",
]


@dataclass(frozen=True)
class Intent:
    """Base class. ``at`` is the clock time (seconds) the input happened, when known."""

    at: float | None = None


@dataclass(frozen=True)
class Next(Intent): pass


@dataclass(frozen=True)
class Back(Intent): pass


@dataclass(frozen=True)
class Blank(Intent): pass


@dataclass(frozen=True)
class Panic(Intent):
    """Stop all sound at once; the screen stays."""


@dataclass(frozen=True)
class TempoUp(Intent): pass


@dataclass(frozen=True)
class TempoDown(Intent): pass


@dataclass(frozen=True)
class TransposeUp(Intent): pass


@dataclass(frozen=True)
class TransposeDown(Intent): pass


@dataclass(frozen=True)
class GoToStep(Intent):
    index: int = 0   # 0-based


@dataclass(frozen=True)
class StartPause(Intent): pass


@dataclass(frozen=True)
class ToggleOverlay(Intent): pass


@dataclass(frozen=True)
class Quit(Intent):
    """Asked to quit; the app asks for confirmation before it really quits."""


@dataclass(frozen=True)
class Tap(Intent):
    """A tap-tempo press (key or pedal)."""


@dataclass(frozen=True)
class RepeatSection(Intent): pass


@dataclass(frozen=True)
class LastVerse(Intent): pass


@dataclass(frozen=True)
class EndAfterVerse(Intent): pass


@dataclass(frozen=True)
class ToggleGuide(Intent):
    """Mute or unmute the guide melody in the MIDI backing (the pianist plays the tune)."""


@dataclass(frozen=True)
class Songbook(Intent):
    """Open or close the songbook: every song that can be used, numbered, so a wish song can be
    sung there and then (its number, then Enter)."""
