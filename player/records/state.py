"""Where the session is, saved on every step change, so that a restart (even after
``kill -9``) resumes at the same step. One small JSON file, replaced atomically. A saved step
older than ``MAX_AGE_S`` is not resumed: next week's session starts from the beginning.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

__all__ = ["StateStore", "MAX_AGE_S"]

MAX_AGE_S = 6 * 3600     # a restart after a crash comes within minutes; a session lasts about an hour


class StateStore:
    def __init__(self, folder: Path):
        self.path = Path(folder).expanduser() / "state.json"

    def save(self, session: Path, step: int) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        data = {"session": str(Path(session).resolve()), "step": step, "saved": time.time()}
        with tmp.open("w", encoding="utf-8") as f:
            json.dump(data, f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.path)

    def load(self, session: Path, now: float | None = None) -> int | None:
        """The saved step for this session, or None (other session, no file, unreadable file,
        or saved more than ``MAX_AGE_S`` before ``now``)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("session") != str(Path(session).resolve()):
            return None
        step, saved = data.get("step"), data.get("saved")
        if not isinstance(saved, (int, float)) or (now if now is not None else time.time()) - saved > MAX_AGE_S:
            return None
        return step if isinstance(step, int) and step >= 0 else None

    def clear(self) -> None:
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass
