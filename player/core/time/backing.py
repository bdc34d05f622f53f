"""The backing protocol: what the runner needs from anything that plays along with a step.

MIDI (port or built-in synth), VLC audio and the silent plain transport all implement it.
The backing's position is *the* clock of its step: views follow what the room hears.
Positions are beats (quarter notes) from bar 1 of the song; negative while counting in.
All methods are called from the main thread. Device callbacks only put events on a queue that
:meth:`Backing.poll` drains.

What a backing can do beyond the protocol is *declared*, not probed: every backing has an
``abilities`` value (:class:`Abilities`, fixed when it is made), and the optional methods
that go with each ability are named by the small protocols below (:class:`Transposing`,
:class:`GuideMuting`, :class:`LiveLeading`, :class:`LineLeading`, :class:`TapFollowing`,
:class:`ClockFollowing`). The core asks ``backing.abilities.transpose`` and only then calls
``set_transpose``; it never looks for a method by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, Sequence

__all__ = ["Backing", "BackingEvent", "Abilities", "Transposing", "GuideMuting", "LiveLeading", "LineLeading",
           "TapFollowing", "ClockFollowing", "NO_ABILITIES"]


@dataclass(frozen=True)
class BackingEvent:
    kind: str          # "end" (played to the end), "error" (message says what), "notice"
    message: str = ""


@dataclass(frozen=True)
class Abilities:
    """What one backing can do beyond :class:`Backing`; fixed when the backing is made.

    - ``transpose``: :class:`Transposing` (moves the sound by semitones);
    - ``guide``: :class:`GuideMuting` (can mute the guide-melody channel);
    - ``first_note``: the first note the guide melody sings where the step starts (MIDI note
      number, before transposition), or None when not known;
    - ``live``: a live lead (:class:`LiveLeading`): it sets the tempo, its end can move;
    - ``by_line``: :class:`LineLeading` (the pedal): it says which line is sung;
    - ``taps``: :class:`TapFollowing` (tap tempo); ``clock_in``: :class:`ClockFollowing` (MIDI clock).
    """

    transpose: bool = False
    guide: bool = False
    first_note: int | None = None
    live: bool = False
    by_line: bool = False
    taps: bool = False
    clock_in: bool = False
    notes_in: bool = False          # the score follower (lead/follow.py): it takes the pianist's notes


NO_ABILITIES = Abilities()


class Backing(Protocol):
    abilities: Abilities

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


class Transposing(Protocol):
    def set_transpose(self, semitones: int) -> None: ...


class GuideMuting(Protocol):
    def mute_channel(self, channel: int, muted: bool = True) -> None:
        """Mute (or unmute) a MIDI channel (0-based)."""
        ...


class LiveLeading(Protocol):
    """A lead that follows a live pianist: it sets the tempo, and its end moves with the plan."""

    end_beat: float | None
    running: bool

    def bpm(self) -> float:
        """Quarter notes per minute as led now."""
        ...


class LineLeading(LiveLeading, Protocol):
    """The pedal: each press starts the next line; ``index`` is the line sung (sung order)."""

    index: int

    def next(self, at: float | None = None) -> bool: ...
    def back(self, at: float | None = None) -> bool: ...
    def down(self, at: float | None = None) -> None: ...
    def up(self, at: float | None = None) -> None: ...
    def set_lines(self, starts: Sequence[float], ends: Sequence[float]) -> None: ...
    def go_to_line(self, index: int, beat: float | None = None) -> None: ...


class TapFollowing(LiveLeading, Protocol):
    def tap(self, at: float | None = None) -> None: ...


class ClockFollowing(LiveLeading, Protocol):
    def feed(self, kind: str, at: float | None = None, value: int = 0) -> None: ...
