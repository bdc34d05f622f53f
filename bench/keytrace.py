"""What the main thread does between a key and the flip that answers it: ``python -m
bench.keytrace TRACE_FILE ARGS...`` runs ``player.cli ARGS...`` with timestamps around the frame
loop's parts (the wait, each event, the runner's step change, the tick, the draw, the flip, the
work after the frame, drawing ahead). Used by ``bench/bench_live.py`` with
``HELSEKOR_BENCH_TRACE=1``, which prints each press's path from the key to the flip.

Every mark is ``(label, perf_counter, thread_time)`` of the main thread: ``perf_counter`` is
CLOCK_MONOTONIC, the clock the bench times the press and the grab with, and the gap between
wall time and the main thread's CPU time says how long it waited (for a core or for the GIL).
Marks of other threads count only calls (``thread:NAME`` with their CPU time at the end). The
marks are written as JSON when the program ends.
"""

from __future__ import annotations

import atexit
import json
import sys
import threading
import time

__all__ = ["install", "marks", "read", "spans", "press_path"]

marks: list[tuple[str, float, float, float]] = []
_main = threading.main_thread()
#: the marks that also read how long the main thread waited on the run queue so far
#: (/proc/thread-self/schedstat: waiting for a core, not for the GIL or the X server)
QUEUED_AT = {"wait>", "wait<", "key>", "key<", "Renderer.draw>", "Renderer.draw<", "flip>", "flip<"}
_stat = None


def _queued() -> float:
    global _stat
    try:
        if _stat is None:
            _stat = open("/proc/thread-self/schedstat", "rb", buffering=0)
        _stat.seek(0)
        return int(_stat.read().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return float("nan")


def mark(label: str) -> None:
    if threading.current_thread() is _main:
        marks.append((label, time.perf_counter(), time.thread_time(), _queued() if label in QUEUED_AT else -1.0))


def _wrap(cls, name: str, label: str | None = None, when=None) -> None:
    original = getattr(cls, name)
    label = label or f"{cls.__name__}.{name}"

    def traced(*args, **kw):
        if when is not None and not when(*args, **kw):
            return original(*args, **kw)
        mark(label + ">")
        try:
            return original(*args, **kw)
        finally:
            mark(label + "<")
    traced.__wrapped__ = original
    setattr(cls, name, traced)


def install(path: str) -> None:
    """Wrap the frame loop's parts; write the marks to ``path`` at exit."""
    import logging

    import pygame

    from player.display import app as app_mod
    from player.display.ahead import Ahead
    from player.display.renderer import Renderer
    from player import show, live
    from player.core.show import runner, making, acts
    from player.midi import backing

    def is_key(_self, event) -> bool:
        return getattr(event, "type", None) == pygame.KEYDOWN

    _wrap(app_mod.App, "handle_event", "key", when=is_key)
    _wrap(app_mod.App, "frame")
    _wrap(app_mod.App, "_wait_for_frame", "wait")
    _wrap(show.LiveSource, "tick")
    _wrap(show.LiveSource, "snapshot")
    _wrap(show.LiveSource, "after_frame")
    _wrap(Renderer, "draw")
    _wrap(Ahead, "prepare", "ahead")
    _wrap(runner.Runner, "_stop_act")
    _wrap(runner.Runner, "_start_act")
    _wrap(making.ActMaker, "make")
    _wrap(acts.Act, "start", "Act.start")
    _wrap(live.LiveBackings, "song")
    _wrap(live.LiveBackings, "prepare")
    _wrap(backing.MidiBacking, "__init__", "MidiBacking.init")
    _wrap(backing.MidiBacking, "start")
    _wrap(logging.Handler, "handle", "log")
    adopt = getattr(Renderer, "_adopt", None)
    if adopt is not None:                      # the frame drawn ahead, copied (player/display/renderer.py)
        def traced_adopt(self, *args):
            took = adopt(self, *args)
            mark("copied" if took else "not copied")
            return took
        Renderer._adopt = traced_adopt
    update = pygame.display.update

    def traced_update(*args, **kw):
        mark("flip>")
        try:
            return update(*args, **kw)
        finally:
            mark("flip<")
    pygame.display.update = traced_update

    def dump() -> None:
        threads = {t.name: t.ident for t in threading.enumerate()}
        with open(path, "w", encoding="utf-8") as f:     # (small: the quit has a deadline)
            json.dump({"marks": kept(marks), "threads": sorted(threads)}, f)
    atexit.register(dump)


def kept(trace: list) -> list:
    """The marks of the frames that handled a key (from the wait before them) and of drawing ahead."""
    keep = [False] * len(trace)
    begin = 0
    for i, m in enumerate(trace):
        if m[0] == "wait>":
            begin = i
        elif m[0] == "key>":
            end = i
            while end < len(trace) and trace[end][0] != "LiveSource.after_frame<":
                end += 1
            keep[begin:end + 1] = [True] * (min(end + 1, len(trace)) - begin)
        elif m[0] in ("ahead>", "ahead<"):
            keep[i] = True
    return [m for m, k in zip(trace, keep) if k]


def read(path) -> list[tuple[str, float, float, float]]:
    with open(path, encoding="utf-8") as f:
        return [tuple(m) for m in json.load(f)["marks"]]


def spans(trace, label: str) -> list[tuple[float, float, float]]:
    """Every call of ``label``: (start, wall ms, main thread CPU ms)."""
    out, opened = [], None
    for name, t, c, _q in trace:
        if name == label + ">":
            opened = (t, c)
        elif name == label + "<" and opened is not None:
            out.append((opened[0], (t - opened[0]) * 1000, (c - opened[1]) * 1000))
            opened = None
    return out


def press_path(trace, pressed: float) -> list[tuple[str, float, float, float]]:
    """The marks from the first key event after ``pressed`` to the end of the work after its frame
    (and the wait that preceded it), as (label, ms after the press, main thread CPU ms and ms
    waited on the run queue since the wait before it began; the queue -1 where it was not read)."""
    start = next((i for i, m in enumerate(trace) if m[0] == "key>" and m[1] >= pressed), None)
    if start is None:
        return []
    begin = start
    while begin > 0 and trace[begin][0] not in ("wait>",):
        begin -= 1
    end = start
    while end < len(trace) and trace[end][0] != "LiveSource.after_frame<":
        end += 1
    cpu0 = trace[begin][2]
    queued0 = trace[begin][3]
    return [(label, (t - pressed) * 1000, (c - cpu0) * 1000, (q - queued0) * 1000 if q >= 0 else -1.0)
            for label, t, c, q in trace[begin:end + 1]]


def main(argv: list[str]) -> int:
    path, rest = argv[0], argv[1:]
    install(path)
    from player.cli import main as cli
    return cli(rest)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
