"""Run one import in a child process bounded in time and memory, and measure it.

The child comes from a multiprocessing fork server (forked from a process that has already
imported the importers, so a case costs milliseconds, not an interpreter start). It sets
``RLIMIT_AS`` to its own size plus ``memory`` bytes, runs ``import_files`` and sends back the
reports, the wall time and its peak resident memory. A child that is not done after
``seconds`` is killed and the case fails as a hang.
"""

from __future__ import annotations

import multiprocessing
import resource
import time
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Outcome", "run_import", "context", "MEMORY", "SECONDS"]

MEMORY = 500 * 1024 * 1024
SECONDS = 5.0
_CONTEXT = None


@dataclass
class Outcome:
    reports: list | None       # (ok, error, written paths) per file; None when the child died or hung
    seconds: float
    peak_mb: float
    hung: bool = False
    died: str | None = None


def _vm_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[0]) * resource.getpagesize()


def _child(paths: list[str], out: str, memory: int, conn) -> None:
    from player.formats.commands import import_files

    soft = _vm_bytes() + memory
    resource.setrlimit(resource.RLIMIT_AS, (soft, soft))
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    reports = import_files([Path(p) for p in paths], Path(out))
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    conn.send(([(r.ok, r.error, [str(p) for p in r.written]) for r in reports], seconds, max(peak, base) / 1024))
    conn.close()


def context():
    """The fork server context, shared by every test that forks (one server per test run; its
    preload is fixed when it starts, so it lists what all of them need)."""
    global _CONTEXT
    if _CONTEXT is None:
        _CONTEXT = multiprocessing.get_context("forkserver")
        _CONTEXT.set_forkserver_preload(["player.formats.commands", "player.formats.musicxml", "player.formats.kar",
                                         "player.formats.lrc", "player.formats.chordpro", "player.formats.openlyrics",
                                         "player.core.script.loader", "player.records.sessionlog",
                                         "tests.records.test_kill"])
    return _CONTEXT


def run_import(paths: list[Path], out: Path, seconds: float = SECONDS, memory: int = MEMORY) -> Outcome:
    """Import ``paths`` into ``out`` in a bounded child; see the module docstring."""
    ctx = context()
    parent, child = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=([str(p) for p in paths], str(out), memory, child), daemon=True)
    start = time.perf_counter()
    process.start()
    child.close()
    got = parent.poll(seconds)
    elapsed = time.perf_counter() - start
    if not got:
        process.kill()
        process.join(5)
        return Outcome(None, elapsed, 0.0, hung=process.exitcode is None or process.exitcode < 0 and elapsed >= seconds,
                       died=f"exit code {process.exitcode}")
    try:
        reports, spent, peak = parent.recv()
    except EOFError:
        process.join(5)
        return Outcome(None, elapsed, 0.0, died=f"exit code {process.exitcode}")
    process.join(5)
    return Outcome(reports, spent, peak)
