"""A busy machine on request, so that "busy" is the same load from run to run: ``Busy(n)`` keeps
*n* processes spinning on the CPU (plain Python loops at normal priority, each in its own
process) while the block runs, and stops them after it. ``HELSEKOR_BENCH_BUSY=n`` makes the live
benchmarks run under it (0, the default: the machine as it is)."""

from __future__ import annotations

import os
import subprocess
import sys

__all__ = ["Busy", "busy_from_env"]

_SPIN = "while True:\n    pass\n"


class Busy:
    """*n* spinning processes for the length of a ``with`` block."""

    def __init__(self, n: int):
        self.n = max(0, n)
        self._procs: list[subprocess.Popen] = []

    def __enter__(self) -> "Busy":
        self._procs = [subprocess.Popen([sys.executable, "-S", "-c", _SPIN]) for _ in range(self.n)]
        return self

    def __exit__(self, *exc) -> None:
        for proc in self._procs:
            proc.kill()
        for proc in self._procs:
            proc.wait()
        self._procs = []


def busy_from_env() -> Busy:
    """The load ``HELSEKOR_BENCH_BUSY`` asks for (no processes when it is unset or 0)."""
    try:
        n = int(os.environ.get("HELSEKOR_BENCH_BUSY", "0") or 0)
    except ValueError:
        n = 0
    return Busy(n)
