"""The session log, for documentation and evaluation: which steps were done, planned against
actual time, tempo and transpose changes, skips and notices. Three files in the log folder
from config.yaml, named ``DATE_TIME_SESSION``:

- ``.jsonl``: one JSON line per event, appended and fsynced as it happens (a kill loses at
  most the event being written; a torn last line is skipped by readers);
- ``.json`` and ``.csv``: the summary, rewritten atomically (temporary file, fsync, rename)
  after every event, so each is always a whole, valid file.

Never raises during the show: a folder that cannot be written (read-only, full, gone) is one
notice to the conductor (``notify``, given at construction and settable later) and the show
goes on; the records stay in memory and reach the disk with the next event that can be
written. Wall-clock time comes from ``wall`` (seconds since the epoch), injected; event times
``t`` are show seconds from the runner's clock. Called from the main thread only.
"""

from __future__ import annotations

import csv
import io
import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

from player.core.model.messages import tr
from player.core.model.data import Session
from player.records.diskfile import append_fsynced, os_reason, remove_stale_temps, replace_atomically

__all__ = ["SessionLog", "StepRecord", "CSV_HEADER"]

CSV_HEADER = ["step", "title", "kind", "planned_s", "actual_s", "completed", "tempo_scale", "transpose", "notices"]


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
    def __init__(self, session: Session, folder: Path, started_wall: float | None = None, *,
                 wall: Callable[[], float] = time.time, notify: Callable[[str], None] | None = None):
        self.session = session
        self.folder = Path(folder).expanduser()
        self.wall = wall
        self.notify = notify
        self.started_wall = started_wall if started_wall is not None else wall()
        stamp = time.strftime("%Y-%m-%d_%H%M%S", time.localtime(self.started_wall))
        self.base = self.folder / f"{stamp}_{session.path.stem}"
        for number in range(2, 100):      # a restart within the same second gets its own files
            try:
                taken = any(self.base.with_suffix(s).exists() for s in (".json", ".jsonl"))
            except OSError:
                break
            if not taken:
                break
            self.base = self.folder / f"{stamp}_{session.path.stem}-{number}"
        self.records: list[StepRecord] = []
        self.changes: list[dict] = []
        self._pending: list[bytes] = []     # journal lines not yet on disk
        self._torn = False                  # a failed append may have left half a line
        self._failing = False
        self._tidied = False                # temporary files of a killed show removed

    # ------------------------------------------------------------------ events
    def step_started(self, index: int, t: float) -> None:
        self._close_last(t, completed=False)
        step = self.session.steps[index]
        self.records.append(StepRecord(index, step.title, step.kind, round(step.planned_seconds, 1), round(t, 2),
                                       tempo_scale=step.tempo_scale, transpose=step.transpose))
        self._event({"t": round(t, 2), "event": "step_started", "step": index + 1, "title": step.title})

    def step_completed(self, t: float) -> None:
        self._close_last(t, completed=True)
        self._event({"t": round(t, 2), "event": "step_completed"})

    def change(self, t: float, what: str, value) -> None:
        self.changes.append({"t": round(t, 2), "what": what, "value": value})
        if self.records and what in ("tempo_scale", "transpose"):
            setattr(self.records[-1], what, value)
        self._event({"t": round(t, 2), "event": "change", "what": what, "value": value})

    def notice(self, t: float, text: str) -> None:
        if self.records:
            self.records[-1].notices.append(text)
        self.changes.append({"t": round(t, 2), "what": "notice", "value": text})
        self._event({"t": round(t, 2), "event": "notice", "value": text})

    def finish(self, t: float) -> None:
        self._close_last(t, completed=False)
        self._event({"t": round(t, 2), "event": "finish"})

    def _close_last(self, t: float, completed: bool) -> None:
        if self.records and self.records[-1].ended is None:
            rec = self.records[-1]
            rec.ended = round(t, 2)
            rec.actual_s = round(t - rec.started, 2)
            rec.completed = completed

    # ------------------------------------------------------------------ disk
    def _event(self, item: dict) -> None:
        self._pending.append((json.dumps(item, ensure_ascii=False, default=str) + "\n").encode("utf-8"))
        try:
            data = (b"\n" if self._torn else b"") + b"".join(self._pending)
            self._torn = True
            append_fsynced(self.base.with_suffix(".jsonl"), data)
            self._torn = False
            self._pending.clear()
            self.write()
            if not self._tidied:
                self._tidied = True
                remove_stale_temps(self.folder, (".json", ".csv"))
        except OSError as err:
            if not self._failing:
                self._failing = True
                if self.notify is not None:
                    self.notify(tr("The session log cannot be written ({folder}: {reason}); the session goes on", folder=self.folder, reason=os_reason(err)))
            return
        if self._failing:
            self._failing = False
            if self.notify is not None:
                self.notify(tr("The session log is written again"))

    def summary(self) -> dict:
        return {
            "session": self.session.title, "file": str(self.session.path),
            "date": time.strftime("%Y-%m-%d %H:%M", time.localtime(self.started_wall)),
            "planned_s": round(self.session.planned_seconds, 1),
            "steps_done": sum(1 for r in self.records if r.completed),
            "skipped": [r.index + 1 for r in self.records if r.ended is not None and not r.completed],
            "steps": [asdict(r) for r in self.records], "changes": self.changes,
        }

    def csv_text(self) -> str:
        out = io.StringIO()
        w = csv.writer(out)
        w.writerow(CSV_HEADER)
        for r in self.records:
            w.writerow([r.index + 1, r.title, r.kind, r.planned_s, r.actual_s if r.actual_s is not None else "",
                        "yes" if r.completed else "no", r.tempo_scale, r.transpose, " | ".join(r.notices)])
        return out.getvalue()

    def write(self) -> tuple[Path, Path]:
        """Rewrite the summary JSON and CSV atomically; raises OSError (events catch it)."""
        json_path, csv_path = self.base.with_suffix(".json"), self.base.with_suffix(".csv")
        # the CSV first: once the JSON exists, both do (the CSV may be one event ahead)
        replace_atomically(csv_path, self.csv_text().encode("utf-8"))
        replace_atomically(json_path, json.dumps(self.summary(), ensure_ascii=False, indent=1,
                                                 default=str).encode("utf-8"))
        return json_path, csv_path
