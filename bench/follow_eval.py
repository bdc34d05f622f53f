"""Scoring a follower on the test set (bench/performances.py): accuracy and latency.

A follower here is anything with ``note(pitch, t)`` and ``position(t) -> beat``. Each
performance is fed note by note in simulated real time; between notes the position is sampled
every :data:`FRAME_S` (a frame), as the show would draw it.

- *line-start error*: the sampled time the position first reaches a line's start beat minus
  the true time (ms); a line never reached within :data:`LINE_WINDOW_S` counts as missed;
- *beat error*: at every note, |followed beat − true beat|;
- *recovery*: after each jump the performance makes (a repeat, a skipped verse), how many true
  beats pass until the error is below 0.5 beat and stays so for 2 beats;
- *spurious jumps*: the position moving by more than a bar between two frames where the truth
  did not, to a place with other notes than the truth's;
- *cost*: seconds of CPU per incoming note (``time.perf_counter`` around ``note``).

Sections with the same notes (the verses of a strophic song) cannot be told apart by ear:
a beat in one counts as right in every section with the same notes (``same_music``). Every
shipped song is strophic, so a repeated or skipped verse is measured that way; the figures say so.
"""

from __future__ import annotations

import time
from typing import Callable

from bench.performances import Performance
from player.core.time.lead.follow_score import Score

__all__ = ["FRAME_S", "evaluate", "same_music", "summary"]

FRAME_S = 0.005
LINE_WINDOW_S = 4.0


def same_music(score: Score, parts: list[tuple[float, float]], others: list[tuple[float, float]] = ()) -> dict[int, list[float]]:
    """For each part (index into ``parts``), the starts of every part (of ``parts`` and
    ``others``) with the same notes."""
    def sig(a, b):
        return tuple((round(e.beat - a, 4), e.pitches) for e in score.events if a - 1e-6 <= e.beat < b - 1e-6)
    every = sorted(set(parts) | set(others))
    sigs = {p: sig(*p) for p in every}
    return {k: [q[0] for q in every if sigs[q] == sigs[parts[k]]] for k in range(len(parts))}


def _err(est: float, beat: float, start: float, twins: list[float]) -> float:
    return min(abs(est - (s + beat - start)) for s in twins)


def evaluate(perf: Performance, score: Score, make: Callable[[Performance], object]) -> dict[str, list[float]]:
    f = make(perf)
    twins = same_music(score, perf.order, perf.plan)
    bar = perf.bar_beats
    out: dict[str, list[float]] = {"line_err_ms": [], "beat_err": [], "cost_ms": [], "recover_beats": [],
                                   "missed_lines": [], "spurious_jumps": []}
    traj: list[tuple[float, float]] = []
    notes = perf.notes
    t = notes[0][0] - 1.0
    end = perf.truth[-1][0] + 1.0
    i = 0
    while t < end:
        while i < len(notes) and notes[i][0] <= t:
            nt, p, _ = notes[i]
            c0 = time.perf_counter()
            f.note(p, nt)
            out["cost_ms"].append((time.perf_counter() - c0) * 1000)
            b, k = perf.beat_at(nt)
            a = perf.order[k][0]
            out["beat_err"].append(_err(f.position(nt), b, a, twins[k]))
            i += 1
        traj.append((t, f.position(t)))
        t += FRAME_S
    # line starts
    for t_true, beat, k in perf.line_starts:
        a = perf.order[k][0]
        targets = [s + beat - a for s in twins[k]]
        best = None
        for j in range(1, len(traj)):
            (t0, b0), (t1, b1) = traj[j - 1], traj[j]
            if abs(t1 - t_true) > LINE_WINDOW_S:
                continue
            if any(b0 < x - 1e-4 <= b1 for x in targets) and (best is None or abs(t1 - t_true) < abs(best)):
                best = t1 - t_true
        if best is None:
            out["missed_lines"].append(1.0)
        else:
            out["line_err_ms"].append(best * 1000)
    # spurious jumps and recovery after the performance's own jumps
    jumps = 0
    for j in range(1, len(traj)):
        (t0, b0), (t1, b1) = traj[j - 1], traj[j]
        if abs(b1 - b0) > bar:
            p0, (tb1, p1) = perf.beat_at(t0)[1], perf.beat_at(t1)
            truth_jumped = p0 != p1 and abs(perf.order[p1][0] - perf.order[p0][1]) > 1e-6
            landed = _err(b1, tb1, perf.order[p1][0], twins[p1]) < 0.5     # on the same notes as the truth
            if not truth_jumped and not landed:
                jumps += 1
    out["spurious_jumps"].append(float(jumps))
    for k in range(1, len(perf.order)):
        if abs(perf.order[k][0] - perf.order[k - 1][1]) < 1e-6:
            continue
        t_jump = next(tt for tt, b, kk in perf.truth if kk == k)
        a = perf.order[k][0]
        good_since, recovered = None, None
        for tt, est in traj:          # the first time from which it stays right for 2 beats
            if tt < t_jump:
                continue
            b, kk = perf.beat_at(tt)
            if kk != k:
                break
            if _err(est, b, a, twins[k]) >= 0.5:
                good_since = None
            elif good_since is None:
                good_since = b
            if good_since is not None and b - good_since >= 2.0:
                recovered = good_since
                break
        end = perf.order[k][1]
        out["recover_beats"].append((recovered if recovered is not None else end) - a)
    return out


def pct(xs: list[float], q: float) -> float:
    if not xs:
        return float("nan")
    s = sorted(xs)
    return s[min(len(s) - 1, int(round(q / 100 * (len(s) - 1))))]


def summary(results: list[dict[str, list[float]]]) -> dict[str, float]:
    pool: dict[str, list[float]] = {}
    for r in results:
        for k, v in r.items():
            pool.setdefault(k, []).extend(v)
    abs_line = [abs(x) for x in pool["line_err_ms"]]
    return {"line_err_ms.p50": pct(abs_line, 50), "line_err_ms.p95": pct(abs_line, 95),
            "beat_err.p95": pct(pool["beat_err"], 95), "recover_beats.max": max(pool["recover_beats"], default=0.0),
            "cost_ms_per_note.p99": pct(pool["cost_ms"], 99), "missed_lines": float(len(pool["missed_lines"])),
            "spurious_jumps": float(sum(pool["spurious_jumps"])), "notes": float(len(pool["cost_ms"]))}
