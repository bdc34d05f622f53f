"""Score following: our follower against pymatchmaker's HMM and OLTW on the same test set.

The test set (bench/performances.py) is made here from every shipped song, seeded; nothing is
stored. Each follower gets every performance in simulated real time and is scored by
bench/follow_eval.py. ``follow.*`` are the figures of the follower the show uses (ours);
``follow.<name>.*`` are each follower's, with ``<name>`` ours, pymatchmaker_pthmm (its default
MIDI HMM) and pymatchmaker_arzt (its event OLTW). pymatchmaker runs in its own venv
(``tools/setup_pymatchmaker.sh``; ``HELSEKOR_PMM_PYTHON`` names another Python); without it
``follow.pymatchmaker.available`` is 0 and its figures are left out. pymatchmaker's cost per
note is its run's wall time over the notes fed (offline, as fast as it goes), not a p99.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.follow_eval import evaluate, summary
from bench.performances import CASES, Performance, test_set, write_midi
from player.core.model.tempomap import TempoMap
from player.core.time.lead.follow import FollowLead

__all__ = ["run", "Ours", "PathFollower"]

PMM_METHODS = ("pthmm", "arzt")
PMM_PYTHON = os.environ.get("HELSEKOR_PMM_PYTHON", "/tmp/pmm/bin/python")
RUNNER = Path(__file__).resolve().parent / "pmm_runner.py"


class _SetClock:
    def __init__(self) -> None:
        self.t = 0.0

    def now(self) -> float:
        return self.t


class Ours:
    """Our follower (the show's FollowLead) on a clock the evaluation sets."""

    def __init__(self, perf: Performance, score):
        self.clock = _SetClock()
        self.lead = FollowLead(self.clock, TempoMap.constant(perf.bpm), score, perf.plan)

    def note(self, pitch: int, t: float) -> None:
        self.clock.t = t
        self.lead.note(pitch, t)

    def position(self, t: float) -> float:
        self.clock.t = t
        return self.lead.position()


class PathFollower:
    """A follower replayed from its alignment path: the last (seconds, beat) at or before t."""

    def __init__(self, path: list[list[float]]):
        self.path = sorted(path)
        self.i = -1

    def note(self, pitch: int, t: float) -> None:
        pass

    def position(self, t: float) -> float:
        while self.i + 1 < len(self.path) and self.path[self.i + 1][0] <= t:
            self.i += 1
        return self.path[self.i][1] if self.i >= 0 else -0.02


def _figures(name: str, results: list, by_case: dict) -> dict[str, float]:
    out = {f"follow.{name}.{k}": v for k, v in summary(results).items()}
    for case, rs in by_case.items():
        s = summary(rs)
        out[f"follow.{name}.{case}.line_err_ms.p95"] = s["line_err_ms.p95"]
        out[f"follow.{name}.{case}.beat_err.p95"] = s["beat_err.p95"]
    return out


def _pymatchmaker(items, workdir: Path) -> tuple[dict[str, float], dict]:
    if not Path(PMM_PYTHON).exists():
        print(f"  pymatchmaker: no {PMM_PYTHON} (run tools/setup_pymatchmaker.sh); left out", flush=True)
        return {"follow.pymatchmaker.available": 0.0}, {}
    jobs = []
    for k, (song, score, perf) in enumerate(items):
        mid = workdir / f"perf{k}.mid"
        write_midi(perf, mid)
        jobs += [{"score": str(song.midi), "performance": str(mid), "method": m} for m in PMM_METHODS]
    (workdir / "jobs.json").write_text(json.dumps(jobs))
    proc = subprocess.run([PMM_PYTHON, str(RUNNER), str(workdir / "jobs.json"), str(workdir / "out.json")],
                          capture_output=True, text=True, timeout=1800)
    if proc.returncode != 0:
        print("  pymatchmaker failed:", proc.stderr[-600:], flush=True)
        return {"follow.pymatchmaker.available": 0.0}, {}
    runs = json.loads((workdir / "out.json").read_text())
    return {"follow.pymatchmaker.available": 1.0}, {(r["performance"], r["method"]): r for r in runs}


def run() -> dict[str, float]:
    items = list(test_set())
    out: dict[str, float] = {"follow.performances": float(len(items)), "follow.cases": float(len(CASES))}
    ours, ours_case = [], {}
    for song, score, perf in items:
        r = evaluate(perf, score, lambda p, s=score: Ours(p, s))
        ours.append(r)
        ours_case.setdefault(perf.case, []).append(r)
    figures = _figures("ours", ours, ours_case)
    out.update(figures)
    for key in ("line_err_ms.p50", "line_err_ms.p95", "beat_err.p95", "recover_beats.max", "cost_ms_per_note.p99",
                "missed_lines", "spurious_jumps"):
        out[f"follow.{key}"] = figures[f"follow.ours.{key}"]
    with tempfile.TemporaryDirectory() as tmp:
        avail, runs = _pymatchmaker(items, Path(tmp))
        out.update(avail)
        for method in PMM_METHODS if runs else ():
            rs, by_case, errors = [], {}, 0
            for k, (song, score, perf) in enumerate(items):
                run_ = runs.get((str(Path(tmp) / f"perf{k}.mid"), method))
                if run_ is None or run_["error"] or not run_["path"]:
                    errors += 1
                    continue
                r = evaluate(perf, score, lambda p, path=run_["path"]: PathFollower(path))
                r["cost_ms"] = [run_["wall_s"] * 1000 / max(1, run_["notes"])] * run_["notes"]
                rs.append(r)
                by_case.setdefault(perf.case, []).append(r)
            if rs:
                out.update(_figures(f"pymatchmaker_{method}", rs, by_case))
            out[f"follow.pymatchmaker_{method}.failed_runs"] = float(errors)
    return out


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:<56} {value:>10.3f}")
    sys.exit(0)
