"""Where the session is, saved on every step change, so that a restart (even after
``kill -9``) resumes at the same step. One small JSON file, replaced atomically (temporary
file, fsync, rename). A saved step older than ``MAX_AGE_S`` is not resumed: next week's
session starts from the beginning.

Never raises during the show: a folder that cannot be written is a notice to the conductor
(``notify``, given at construction; settable later, as the runner exists only after the store)
and the show goes on. A saved step that is not exactly what :meth:`StateStore.save` writes
(a directory, a FIFO, a symlink, not JSON, other keys, ``step: true``, ``saved: NaN``, a time
in the future, a step past the end of the session) is ignored with a notice. Wall-clock time
comes from ``wall`` (seconds since the epoch), injected. Called from the main thread only.
"""

from __future__ import annotations

import json
import math
import time
from pathlib import Path
from typing import Callable

from player.core.model.messages import tr
from player.records.diskfile import os_reason, read_small, remove_stale_temps, replace_atomically

__all__ = ["StateStore", "MAX_AGE_S"]

MAX_AGE_S = 6 * 3600     # a restart after a crash comes within minutes; a session lasts about an hour
_FUTURE_SLACK_S = 300    # a clock set a little back between the save and the restart
_LIMIT = 64 * 1024


class StateStore:
    def __init__(self, folder: Path, wall: Callable[[], float] = time.time,
                 notify: Callable[[str], None] | None = None):
        self.path = Path(folder).expanduser() / "state.json"
        self.wall = wall
        self.notify = notify
        self._failing = False
        self._tidied = False

    def _say(self, text: str) -> None:
        if self.notify is not None:
            self.notify(text)

    def save(self, session: Path, step: int) -> None:
        """Save ``step`` (0-based) of ``session``; a disk that refuses is one notice, not an error."""
        data = {"session": str(Path(session).resolve()), "step": int(step), "saved": float(self.wall())}
        try:
            replace_atomically(self.path, json.dumps(data).encode("utf-8"))
        except OSError as err:
            if not self._failing:
                self._failing = True
                self._say(tr("Cannot save where the session is ({folder}: {reason}); the session goes on, but a "
                             "restart begins from the start", folder=self.path.parent, reason=os_reason(err)))
            return
        if not self._tidied:
            self._tidied = True
            remove_stale_temps(self.path.parent, (self.path.name,))
        if self._failing:
            self._failing = False
            self._say(tr("Saving where the session is works again"))

    def load(self, session: Path, now: float | None = None, steps: int | None = None) -> int | None:
        """The saved step for this session, or None (no file, another session, saved more than
        ``MAX_AGE_S`` before ``now``, or a file this program did not write: with a notice)."""
        try:
            raw = read_small(self.path, _LIMIT)
            if raw is None:
                return None
            data = json.loads(raw.decode("utf-8"))
        except (OSError, ValueError) as err:        # UnicodeDecodeError and JSONDecodeError are ValueErrors
            self._ignored(os_reason(err) if isinstance(err, OSError) else str(err)[:80])
            return None
        problem = _problem(data, steps)
        if problem:
            self._ignored(problem)
            return None
        if data["session"] != str(Path(session).resolve()):
            return None
        now = self.wall() if now is None else now
        if data["saved"] > now + _FUTURE_SLACK_S:
            self._ignored(tr("the saved time is in the future"))
            return None
        if now - data["saved"] > MAX_AGE_S:
            return None
        return data["step"]

    def _ignored(self, why: str) -> None:
        self._say(tr("The saved step in {path} is ignored ({why}); the session starts from the beginning", path=self.path, why=why))

    def clear(self) -> None:
        """Forget the saved step (the session ended); a disk that refuses is a notice."""
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass
        except OSError as err:
            self._say(tr("Cannot delete {path} ({reason})", path=self.path, reason=os_reason(err)))


def _problem(data: object, steps: int | None) -> str | None:
    """Why ``data`` is not what :meth:`StateStore.save` writes, or None."""
    if not isinstance(data, dict) or set(data) != {"session", "step", "saved"}:
        return tr("unexpected content")
    if not isinstance(data["session"], str):
        return tr("session is not text")
    step, saved = data["step"], data["saved"]
    if type(step) is not int or step < 0 or (steps is not None and step >= steps):
        return tr("step {n} does not exist", n=step + 1 if type(step) is int else repr(step))
    if type(saved) not in (int, float) or not math.isfinite(saved) or saved < 0:
        return tr("the saved time {saved} is not a time", saved=repr(saved))
    return None
