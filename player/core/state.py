"""Where the session is, saved on every step change, so that a restart (even after
``kill -9``) resumes at the same step. One small JSON file, replaced atomically.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

__all__ = ["StateStore"]


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

    def load(self, session: Path) -> int | None:
        """The saved step for this session, or None (other session, no file, unreadable file)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("session") != str(Path(session).resolve()):
            return None
        step = data.get("step")
        return step if isinstance(step, int) and step >= 0 else None

    def clear(self) -> None:
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass
