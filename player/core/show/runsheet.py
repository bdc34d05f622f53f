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
    """Seconds spent on each session step (a step run twice adds up). The rows and sums of the
    steps not running are kept between calls: a frame only renews the current step's row."""

    def __init__(self, session: Session):
        self.session = session
        self._spent: dict[int, float] = {}
        self._on: int | None = None
        self._since = 0.0
        self._rows: list[RunSheetRow] = []
        self._done = (0.0, 0.0)              # (spent, planned) of the steps visited but not running
        self._renew()

    def enter(self, index: int | None, now: float) -> None:
        """Step ``index`` (0-based) runs from ``now`` on; None: the session is over."""
        if self._on is not None:
            self._spent[self._on] = self._spent.get(self._on, 0.0) + max(0.0, now - self._since)
        self._on, self._since = index, now
        self._renew()

    def _renew(self) -> None:
        rows = []
        for step in self.session.steps:
            i = step.index
            state = "current" if i == self._on else "past" if i in self._spent else "coming"
            spent = self._spent.get(i)
            rows.append(RunSheetRow(i + 1, step.title, step.kind, round(step.planned_seconds, 1),
                                    None if spent is None and i != self._on else round(spent or 0.0, 1), state))
        self._rows = rows
        steps = self.session.steps
        self._done = (sum(s for i, s in self._spent.items() if i != self._on),
                      sum(steps[i].planned_seconds for i in self._spent if i != self._on))

    def spent(self, index: int, now: float) -> float | None:
        """Seconds spent on step ``index`` so far; None when it has not run."""
        if index not in self._spent and index != self._on:
            return None
        running = now - self._since if index == self._on else 0.0
        return self._spent.get(index, 0.0) + max(0.0, running)

    def rows(self, now: float) -> tuple[RunSheetRow, ...]:
        """Every step: number from 1, planned and actual seconds, past | current | coming."""
        if self._on is None:
            return tuple(self._rows)
        rows = list(self._rows)
        cur = rows[self._on]
        actual = round(self.spent(self._on, now), 1)
        if cur.actual_s != actual:
            rows[self._on] = RunSheetRow(cur.number, cur.title, cur.kind, cur.planned_s, actual, cur.state)
        return tuple(rows)

    def drift(self, now: float) -> float:
        """Seconds behind the plan (negative: ahead): the time spent so far against what the plan
        gives the steps done and the current one up to its planned length."""
        spent, planned = self._done
        if self._on is not None:
            cur = self.spent(self._on, now)
            spent += cur
            planned += min(cur, self.session.steps[self._on].planned_seconds)
        return round(spent - planned, 1)
