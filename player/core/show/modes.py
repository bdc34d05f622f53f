"""The show's phase and the modes that take over the keys for a while.

:class:`Phase` is where the session is: a step plays, is paused, is held at its end waiting for
Next, or the session is over. On top of that, modes (the songbook, a blank screen, the
conductor's overlay, the question before the show ends) sit on a small stack: an intent goes
to the top mode first; a mode that handles it consumes it, anything else goes down the stack
and then to the runner's table of handlers. A mode may leave the stack from anywhere in it (:meth:`ModeStack.leave`).
Pure; main thread only.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Protocol

from player.core.model import intents as I
from player.core.time.lead import ClockIn, NoteIn, PedalDown, PedalUp

if TYPE_CHECKING:  # pragma: no cover - only for names in signatures
    from player.core.model.data import Song

__all__ = ["Phase", "Mode", "ModeStack", "Blanked", "Overlaid", "Picking", "ConfirmingEnd", "Show",
           "OVERLAY_SECONDS"]

OVERLAY_SECONDS = 8.0       # the Tab overlay hides itself after this long (clock seconds)


class Phase(Enum):
    PLAYING = "playing"      # a step runs
    PAUSED = "paused"        # a step stands still (StartPause or Panic)
    HELD = "held"            # the step ended and waits for Next ("next up" card)
    FINISHED = "finished"    # past the last step: the closing card


class Show(Protocol):
    """What a mode may ask of the runner."""

    modes: "ModeStack"
    songbook: tuple["Song", ...]

    def sing_from_songbook(self, number: int) -> None: ...
    def confirm_end(self) -> None: ...


class Mode:
    """A mode on the stack; :meth:`handle` returns True when it consumed the intent."""

    def handle(self, show: Show, intent: I.Intent) -> bool:
        return False

    def expired(self, now: float) -> bool:
        """Whether the mode has run its time and leaves the stack by itself (at ``now``)."""
        return False


class Blanked(Mode):
    """The screen is blank; everything else still works."""

    def handle(self, show, intent):
        if isinstance(intent, I.Blank):
            show.modes.leave(self)
            return True
        return False


class Overlaid(Mode):
    """The conductor's overlay (Tab) is open; it hides itself :data:`OVERLAY_SECONDS` after
    ``opened`` (clock seconds), so it never stays over the participants' lyrics."""

    def __init__(self, opened: float = 0.0) -> None:
        self.until = opened + OVERLAY_SECONDS

    def expired(self, now):
        return now >= self.until

    def handle(self, show, intent):
        if isinstance(intent, I.ToggleOverlay):
            show.modes.leave(self)
            return True
        return False


class Picking(Mode):
    """The songbook is open: the number typed (GoToStep) is a song's number; Next or Back
    close it. Other keys (tempo, blank...) go on working underneath."""

    def handle(self, show, intent):
        if isinstance(intent, I.Songbook):
            show.modes.leave(self)
            return True
        if isinstance(intent, (I.GoToStep, I.Next, I.Back)):
            show.modes.leave(self)
            if isinstance(intent, I.GoToStep):
                show.sing_from_songbook(intent.index)
            return True
        return False


class ConfirmingEnd(Mode):
    """Next on the closing card asks first, as Ctrl+Q does: Next (or the pedal) again ends the
    show, any other key cancels. Clock, pedal-down and played notes are not keys: they pass."""

    PASS = (ClockIn, PedalDown, NoteIn)

    def handle(self, show, intent):
        if isinstance(intent, self.PASS):
            return False
        show.modes.leave(self)
        if isinstance(intent, (I.Next, PedalUp)):
            show.confirm_end()
        return True


class ModeStack:
    def __init__(self) -> None:
        self._modes: list[Mode] = []

    def push(self, mode: Mode) -> None:
        self._modes.append(mode)

    def leave(self, mode: Mode) -> None:
        """``mode`` leaves the stack, wherever it is in it."""
        self._modes = [m for m in self._modes if m is not mode]

    def clear(self, kind: type[Mode]) -> None:
        self._modes = [m for m in self._modes if not isinstance(m, kind)]

    def expire(self, now: float) -> bool:
        """Modes whose time ran out leave the stack; True when one did."""
        kept = [m for m in self._modes if not m.expired(now)]
        gone = len(kept) != len(self._modes)
        self._modes = kept
        return gone

    def has(self, kind: type[Mode]) -> bool:
        return any(isinstance(m, kind) for m in self._modes)

    def handle(self, show: Show, intent: I.Intent) -> bool:
        """Offer ``intent`` from the top down; True when a mode consumed it."""
        for mode in reversed(list(self._modes)):
            if mode.handle(show, intent):
                return True
        return False
