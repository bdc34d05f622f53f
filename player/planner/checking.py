"""The same checks as ``helsekor check``, step by step, for a session the page is still
building: the draft is written to a hidden file in the choir's ``sessions/`` (so songs, media
and the library resolve exactly as they will for the saved file), read by the loader with every
adapter ``helsekor check`` uses, and each problem is given to the step it concerns."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from player.core.model.settings import Settings
from player.core.script.library import Library
from player.core.script.loader import Loader
from player.core.show.acts import fmt_time
from player.wiring import RememberedMidiCheck, cue_checker, media_probe, midi_lyrics_reader

__all__ = ["check_text", "step_of"]

_STEP = re.compile(r"^steps\[(\d+)\]")


class _StepLoader(Loader):
    """The loader, noting which problems and which checked step came from which step."""

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.per_step: dict[int, tuple[list, object]] = {}

    def _step(self, node, p, index, base, defaults):
        before = len(self.ck.problems)
        step = super()._step(node, p, index, base, defaults)
        match = _STEP.match(p)
        if match:
            self.per_step[int(match.group(1))] = (self.ck.problems[before:], step)
        return step


def step_of(path: str) -> int | None:
    """The 0-based step a problem's field path names (``steps[2].verses`` → 2)."""
    match = _STEP.match(path or "")
    return int(match.group(1)) if match else None


def _problem(p, draft: Path, shown: str) -> dict:
    file = shown if Path(p.file) == draft else p.file
    step = step_of(p.path) if Path(p.file) == draft else None
    return {"file": file, "line": p.line, "path": p.path, "message": p.message, "step": step,
            "text": f"{file}:{p.line}: {p.path + ': ' if p.path else ''}{p.message}"}


def check_text(text: str, folder: Path, config: Settings, shown: str) -> tuple[dict, object]:
    """Check session YAML ``text`` as if it were a file in ``folder/sessions`` named ``shown``.

    Returns the report ``{"ok", "problems": [...], "steps": [{"seconds", "time", "problems"}],
    "total"}`` (step numbers 0-based; the page shows them from 1) and the checked
    :class:`~player.core.model.data.Session` (None when there are problems)."""
    sessions = folder / "sessions"
    sessions.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=".planner-", suffix=".yaml", dir=sessions)
    draft = Path(name)
    midi_check = RememberedMidiCheck(config.state_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        loader = _StepLoader(Library.for_session(draft, config.library_dirs), config.midi.count_in_bars,
                             midi_lyrics_reader(), media_probe(), cue_checker, midi_check)
        session = loader.session(draft)
    finally:
        draft.unlink(missing_ok=True)
        midi_check.save()
    problems = [_problem(p, draft, shown) for p in dict.fromkeys(loader.ck.problems)]
    steps: dict[int, dict] = {}
    for i, (found, step) in loader.per_step.items():
        seconds = step.planned_seconds if step is not None else None
        mine = [_problem(p, draft, shown) for p in dict.fromkeys(found)]
        for m in mine:
            m["step"] = i            # a problem in the song a step names is shown beside that step
        steps[i] = {"seconds": seconds, "time": fmt_time(seconds) if seconds is not None else "",
                    "problems": mine}
    listed = {(p["text"]) for s in steps.values() for p in s["problems"]}
    general = [p for p in problems if p["text"] not in listed]
    total = sum(s["seconds"] or 0 for s in steps.values())
    report = {"ok": not problems, "problems": general, "steps": [steps.get(i, {"seconds": None, "time": "",
            "problems": []}) for i in range(max(steps, default=-1) + 1)], "total": total, "total_time": fmt_time(total)}
    return report, (session if not problems else None)
