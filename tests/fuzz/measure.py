"""Run ``helsekor check`` on a session, bounded: in-process (time by two alarms, memory by the
kernel's peak resident size) or in a child process with hard resource limits (address space,
CPU time, a kill timer).

Time is bounded twice: :data:`TIME_LIMIT_S` of CPU time (work: backtracking, huge loops; CPU
time, so two busy cores shared with other jobs do not make a bounded case look hung) and
:data:`WALL_LIMIT_S` of wall time (waiting: a FIFO that never opens uses no CPU at all)."""

from __future__ import annotations

import contextlib
import io
import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TIME_LIMIT_S = 5.0        # CPU seconds
WALL_LIMIT_S = 20.0       # wall seconds, for a case that waits instead of working
MEMORY_LIMIT_MB = 500.0


class CheckTookTooLong(BaseException):   # not an Exception: no `except Exception` may swallow it
    pass


@dataclass(frozen=True)
class CheckRun:
    code: int | None         # exit code; None when it ran out of time
    out: str                 # stdout + stderr
    seconds: float           # wall time
    peak_mb: float           # resident size at its peak above the start (in-process), or the child's max RSS
    crash: str = ""          # the traceback, when something escaped
    cpu_s: float = 0.0       # CPU time of the process (all threads) during the check


def _alarm(signum, frame):
    raise CheckTookTooLong()


def _status_kb(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise LookupError(field)      # pragma: no cover - Linux always has these


def _reset_peak_rss() -> bool:
    """Linux resets VmHWM (peak resident size) on writing 5 to clear_refs."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
            f.write("5")
        return True
    except OSError:                  # pragma: no cover - not Linux, or not allowed
        return False


def run_check(session: Path, limit_s: float = TIME_LIMIT_S, safety_mb: float = 3000.0,
              wall_s: float = WALL_LIMIT_S) -> CheckRun:
    """``player.cli.main(["check", session])`` in this process, stopped by an alarm after
    ``limit_s`` of CPU time or ``wall_s`` of wall time. ``peak_mb``: how far the resident size rose above where it started (the
    kernel's peak, so C allocations count too). Meanwhile the address space may grow by at
    most ``safety_mb`` (a runaway case gets MemoryError instead of taking the machine).
    Main thread only (SIGALRM)."""
    from player.cli import main

    buf = io.StringIO()
    old = signal.signal(signal.SIGALRM, _alarm)
    old_prof = signal.signal(signal.SIGPROF, _alarm)
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (_status_kb("VmSize") * 1024 + int(safety_mb * 1e6), hard))
    _reset_peak_rss()
    start_kb = _status_kb("VmRSS")
    t0 = time.perf_counter()
    c0 = time.process_time()
    code: int | None = None
    crash = ""
    try:
        signal.setitimer(signal.ITIMER_PROF, limit_s)
        signal.setitimer(signal.ITIMER_REAL, max(limit_s, wall_s))
        with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf):
            code = main(["check", str(session)])
    except CheckTookTooLong:
        code = None
    except BaseException:   # noqa: BLE001 - anything that escapes is the failure being measured
        import traceback
        crash = traceback.format_exc()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.setitimer(signal.ITIMER_PROF, 0)
        seconds = time.perf_counter() - t0
        cpu = time.process_time() - c0
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        signal.signal(signal.SIGALRM, old)
        signal.signal(signal.SIGPROF, old_prof)
    peak_mb = max(0, _status_kb("VmHWM") - start_kb) / 1024
    return CheckRun(code, buf.getvalue(), seconds, peak_mb, crash, cpu)


def _limits(mem_mb: float, cpu_s: float):
    def apply():
        resource.setrlimit(resource.RLIMIT_AS, (int(mem_mb * 1e6),) * 2)
        resource.setrlimit(resource.RLIMIT_CPU, (int(cpu_s) + 1,) * 2)
    return apply


def run_check_child(session: Path, limit_s: float = TIME_LIMIT_S, mem_mb: float = 2000.0,
                    wall_s: float = WALL_LIMIT_S) -> CheckRun:
    """``python -m player.cli check session`` in a child with its address space capped at
    ``mem_mb``, its CPU time at ``limit_s`` and killed after ``wall_s`` (each plus 5 s for the
    start-up: imports take about 1 s). ``peak_mb``: its max RSS."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    t0 = time.perf_counter()
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as log:
        child = subprocess.Popen([sys.executable, "-m", "player.cli", "check", str(session)], cwd=ROOT, env=env,
                                 stdout=log, stderr=subprocess.STDOUT, preexec_fn=_limits(mem_mb, limit_s + 5))
        timer = threading.Timer(wall_s + 5, child.kill)
        timer.start()
        _, status, usage = os.wait4(child.pid, 0)          # this child's own peak, not all children's
        timer.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        out = log.read()
    seconds = time.perf_counter() - t0
    code: int | None = None if child.returncode in (-signal.SIGKILL, -signal.SIGXCPU) else child.returncode
    crash = out if "Traceback" in out or "MemoryError" in out else ""
    return CheckRun(code, out, seconds, usage.ru_maxrss / 1024, crash)
