"""Following the running act in time, tick by tick: what it crossed since the last tick (lines,
beats, breathing phases) becomes timeline events at the clock time each was crossed, a sound
device that stopped without an error (its position stands still while the step plays) is
replaced by a silent transport, and a jump on the beat line starts the crossings afresh.
Pure; main thread only.
"""

from __future__ import annotations

from typing import Callable

from player.core.show.acts import Act, Progress
from player.core.show.events import TimelineEvent

__all__ = ["Follower", "StallWatch", "STALL_SECONDS"]

STALL_SECONDS = 1.5      # a backing whose position stands still this long while playing has died


class StallWatch:
    def __init__(self, seconds: float = STALL_SECONDS):
        self.seconds = seconds
        self._since: tuple[float | None, float] = (None, 0.0)   # (position, since when)

    def reset(self) -> None:
        """Not watching (paused, held, or a step without a sound device)."""
        self._since = (None, 0.0)

    def stalled(self, pos: float, now: float) -> bool:
        """Feed the position at ``now`` (seconds); True once it stood still ``seconds`` long
        (then watching starts over)."""
        last, since = self._since
        if last is None or abs(pos - last) > 1e-6:
            self._since = (pos, now)
            return False
        if now - since < self.seconds:
            return False
        self.reset()
        return True


class Follower:
    """``emit(event)`` takes every timeline event; ``stalled()`` is called when the sound
    stopped (before the act goes on silently)."""

    def __init__(self, emit: Callable[[TimelineEvent], None], stalled: Callable[[], None]):
        self.emit = emit
        self.on_stall = stalled
        self.stall = StallWatch()
        self._last_pos: float | None = None

    def rebase(self, act: Act | None) -> None:
        """What starts at the act's position now is crossed at once (after a start or a jump)."""
        try:
            self._last_pos = act.position() - 1e-9 if act is not None else None
        except Exception:  # noqa: BLE001 - the next advance reports a failing position
            self._last_pos = None

    def advance(self, act: Act, step: int, now: float) -> Progress:
        """One tick of ``act`` (session step ``step``) at clock time ``now``. May raise: the
        runner catches it at the step boundary."""
        act.pump()
        pos = act.position()
        if not act.follows_sound:
            self.stall.reset()
        elif self.stall.stalled(pos, now):
            self.on_stall()
            act.go_silent()
        if self._last_pos is not None:
            before = self._last_pos
            if pos > before:
                rate = act.beats_per_second()
                for c in act.crossings(before, pos):
                    t = now - (pos - c.position) / rate if rate > 0 else now
                    self.emit(TimelineEvent(t, step, c.kind, c.fields))
            self._last_pos = pos
        progress = act.update()
        if progress is Progress.JUMPED:    # the backing jumped (a repeat, skipped verses)
            self.rebase(act)
        return progress
