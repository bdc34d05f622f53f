"""The run sheet: every step of the session, planned against the time actually spent on it,
and how far the show is behind (or ahead of) its plan. The runner tells :class:`StepTimes` when
a step starts and when the session ends; the snapshot reads :meth:`StepTimes.rows` and
:meth:`StepTimes.drift`. Times are clock seconds. Pure; main thread only.
"""

from __future__ import annotations

from player.core.model.data import Session
from player.core.show.snapshot import RunSheetRow

__all__ = ["StepTimes"]


class StepTimes:
    """Seconds spent on each session step (a step run twice adds up)."""

    def __init__(self, session: Session):
        self.session = session
        self._spent: dict[int, float] = {}
        self._on: int | None = None
        self._since = 0.0

    def enter(self, index: int | None, now: float) -> None:
        """Step ``index`` (0-based) runs from ``now`` on; None: the session is over."""
        if self._on is not None:
            self._spent[self._on] = self._spent.get(self._on, 0.0) + max(0.0, now - self._since)
        self._on, self._since = index, now

    def spent(self, index: int, now: float) -> float | None:
        """Seconds spent on step ``index`` so far; None when it has not run."""
        running = now - self._since if index == self._on else 0.0
        if index not in self._spent and index != self._on:
            return None
        return self._spent.get(index, 0.0) + max(0.0, running)

    def rows(self, now: float) -> tuple[RunSheetRow, ...]:
        """Every step: number from 1, planned and actual seconds, past | current | coming."""
        out = []
        for step in self.session.steps:
            i = step.index
            state = "current" if i == self._on else "past" if i in self._spent else "coming"
            out.append(RunSheetRow(i + 1, step.title, step.kind, round(step.planned_seconds, 1),
                                   None if (s := self.spent(i, now)) is None else round(s, 1), state))
        return tuple(out)

    def drift(self, now: float) -> float:
        """Seconds behind the plan (negative: ahead): the time spent so far against what the plan
        gives the steps done and the current one up to its planned length."""
        steps = self.session.steps
        spent = sum(s for i in range(len(steps)) if (s := self.spent(i, now)) is not None)
        planned = 0.0
        for step in steps:
            s = self.spent(step.index, now)
            if step.index == self._on:
                planned += min(s or 0.0, step.planned_seconds)
            elif s is not None:
                planned += step.planned_seconds
        return round(spent - planned, 1)
