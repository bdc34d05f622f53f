"""Pedal or keys: each press starts the next line; a long press goes back. Main thread only."""

from __future__ import annotations

from typing import Sequence

from player.core.time.backing import Abilities, BackingEvent
from player.core.time.clock import Clock
from player.core.model.tempomap import TempoMap
from player.core.time.lead.base import LONG_PRESS_S, _Lead

__all__ = ["LongPress", "PedalLead"]


class LongPress:
    """One button, two meanings: a short press (released before ``long_s``) is Next, holding
    it ``long_s`` is Back (fired once, while still held). Times are seconds."""

    def __init__(self, long_s: float = LONG_PRESS_S):
        self.long_s = long_s
        self._down: float | None = None
        self._fired = False

    def down(self, at: float) -> None:
        self._down, self._fired = at, False

    def up(self, at: float) -> str | None:
        """``"next"`` for a short press; None if the long press already fired (or no down)."""
        was, fired = self._down, self._fired
        self._down = None
        if was is None or fired:
            return None
        return "back" if at - was >= self.long_s else "next"

    def poll(self, now: float) -> str | None:
        """``"back"`` once when the button has been held ``long_s``; else None."""
        if self._down is not None and not self._fired and now - self._down >= self.long_s:
            self._fired = True
            return "back"
        return None


class PedalLead(_Lead):
    """Pedal/keys: each press starts the next line at its first beat; the position then runs
    at the song's tempo to the end of that line and waits there for the next press. A long
    press (see :class:`LongPress`) goes back one line. ``line_starts``/``line_ends`` are beats
    of the lines in sung order (the act hands them in and refreshes them when the order
    changes). Before the first press it waits at the start of the count-in."""

    abilities = Abilities(live=True, by_line=True)

    def __init__(self, clock: Clock, tempo_map: TempoMap, line_starts: Sequence[float],
                 line_ends: Sequence[float], tempo_scale: float = 1.0, long_s: float = LONG_PRESS_S,
                 end_beat: float | None = None):
        super().__init__(clock, tempo_map, tempo_scale, 0.0, end_beat)
        self.starts, self.ends = list(line_starts), list(line_ends)
        self.index = -1
        self.button = LongPress(long_s)

    def set_lines(self, starts: Sequence[float], ends: Sequence[float]) -> None:
        self.starts, self.ends = list(starts), list(ends)

    def start(self, at_beat: float = 0.0, count_in: bool = True) -> None:
        self._anchor(at_beat)
        self.index = -1
        self._ended = False
        self.running = False

    def position(self) -> float:
        pos = self._raw(self.clock.now())
        if 0 <= self.index < len(self.ends):
            pos = min(pos, self.ends[self.index] - 1e-6)    # wait at the end of the line
        return pos

    def poll(self) -> list[BackingEvent]:
        self._poll_button(self.clock.now())
        return super().poll()

    def _poll_button(self, now: float) -> None:
        if self.button.poll(now) == "back":
            self.back(now)

    def next(self, at: float | None = None) -> bool:
        if self.index + 1 >= len(self.starts):
            if self.end_beat is not None and not self._ended:    # past the last line: the end
                self._ended = True
                self._events.append(BackingEvent("end"))
            return False
        self.index += 1
        self._anchor(self.starts[self.index], self.clock.now() if at is None else at)
        self.running = True
        return True

    def back(self, at: float | None = None) -> bool:
        if self.index <= 0:
            return False
        self.index -= 1
        self._anchor(self.starts[self.index], self.clock.now() if at is None else at)
        return True

    def down(self, at: float | None = None) -> None:
        self.button.down(self.clock.now() if at is None else at)

    def up(self, at: float | None = None) -> None:
        if self.button.up(self.clock.now() if at is None else at) == "next":
            self.next(at)

    def seek(self, beat: float) -> None:
        """The act follows :attr:`index` (lines in sung order), so it never needs to seek."""
        self._anchor(beat)

    def go_to_line(self, index: int, beat: float | None = None) -> None:
        """Continue in line ``index`` from ``beat`` (its start by default): a live switch to
        the pedal mid-song."""
        if 0 <= index < len(self.starts):
            self.index = index
            self._anchor(self.starts[index] if beat is None else beat)
            self.running = True
