"""The session log, for documentation and evaluation: which steps were done, planned against
actual time, tempo and transpose changes, skips and notices. Written as JSON and CSV in the
log folder from config.yaml, rewritten at every step change so a crash loses nothing.
"""

from __future__ import annotations

import csv
import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from player.core.model.data import Session

__all__ = ["SessionLog"]


@dataclass
class StepRecord:
    index: int
    title: str
    kind: str
    planned_s: float
    started: float                  # clock seconds from the start of the session
    ended: float | None = None
    actual_s: float | None = None
    tempo_scale: float = 1.0
    transpose: int = 0
    completed: bool = False         # ran its course (not skipped with Next)
    notices: list[str] = field(default_factory=list)


class SessionLog:
    def __init__(self, session: Session, folder: Path, started_wall: float | None = None):
        self.session = session
        self.folder = Path(folder).expanduser()
        self.started_wall = started_wall or time.time()
        stamp = time.strftime("%Y-%m-%d_%H%M%S", time.localtime(self.started_wall))
        self.base = self.folder / f"{stamp}_{session.path.stem}"
        self.records: list[StepRecord] = []
        self.changes: list[dict] = []

    def step_started(self, index: int, t: float) -> None:
        self._close_last(t, completed=False)
        step = self.session.steps[index]
        self.records.append(StepRecord(index, step.title, step.kind, round(step.planned_seconds, 1), round(t, 2),
                                       tempo_scale=step.tempo_scale, transpose=step.transpose))
        self.write()

    def step_completed(self, t: float) -> None:
        self._close_last(t, completed=True)
        self.write()

    def change(self, t: float, what: str, value) -> None:
        self.changes.append({"t": round(t, 2), "what": what, "value": value})
        if self.records and what in ("tempo_scale", "transpose"):
            setattr(self.records[-1], what, value)

    def notice(self, t: float, text: str) -> None:
        if self.records:
            self.records[-1].notices.append(text)
        self.changes.append({"t": round(t, 2), "what": "notice", "value": text})

    def _close_last(self, t: float, completed: bool) -> None:
        if self.records and self.records[-1].ended is None:
            rec = self.records[-1]
            rec.ended = round(t, 2)
            rec.actual_s = round(t - rec.started, 2)
            rec.completed = completed

    def finish(self, t: float) -> None:
        self._close_last(t, completed=False)
        self.write()

    def write(self) -> tuple[Path, Path]:
        self.folder.mkdir(parents=True, exist_ok=True)
        data = {
            "session": self.session.title, "file": str(self.session.path),
            "date": time.strftime("%Y-%m-%d %H:%M", time.localtime(self.started_wall)),
            "planned_s": round(self.session.planned_seconds, 1),
            "steps_done": sum(1 for r in self.records if r.completed),
            "skipped": [r.index + 1 for r in self.records if r.ended is not None and not r.completed],
            "steps": [asdict(r) for r in self.records], "changes": self.changes,
        }
        json_path = self.base.with_suffix(".json")
        json_path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        csv_path = self.base.with_suffix(".csv")
        with csv_path.open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["step", "title", "kind", "planned_s", "actual_s", "completed", "tempo_scale", "transpose", "notices"])
            for r in self.records:
                w.writerow([r.index + 1, r.title, r.kind, r.planned_s, r.actual_s if r.actual_s is not None else "",
                            "yes" if r.completed else "no", r.tempo_scale, r.transpose, " | ".join(r.notices)])
        return json_path, csv_path
