"""What the runner reports as the show goes: timeline events (for timeline.json and tests) and
the session log it writes to. Pure values and a protocol."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from player.core.model.data import Step

__all__ = ["TimelineEvent", "ShowLog", "step_id"]


@dataclass(frozen=True)
class TimelineEvent:
    t: float          # clock seconds
    step: int
    kind: str
    fields: dict


class ShowLog(Protocol):
    """Where the runner records what happened (times in seconds since the show started);
    :class:`player.records.sessionlog.SessionLog` on disk, or nothing."""

    def step_started(self, index: int, t: float) -> None: ...
    def step_completed(self, t: float) -> None: ...
    def change(self, t: float, what: str, value) -> None: ...
    def notice(self, t: float, text: str) -> None: ...
    def finish(self, t: float) -> None: ...


def step_id(step: Step) -> str:
    """The id a step has in timeline.json: its song's or exercise's, else kind and number."""
    if step.song is not None and step.kind == "song":
        return step.song.id
    if step.exercise is not None:
        return step.exercise.id
    return f"{step.kind}-{step.index + 1}"
