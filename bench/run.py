"""`make bench`: run every bench/bench_*.py, print its figures and write bench-results.json.

Each bench module has ``run() -> dict[str, float]`` with flat dotted keys
(``midi.idle.ours.p99_ms``). Figures are printed, never judged: this machine is shared and
noisy, so the numbers are for reading and comparing, not for pass/fail.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    only = set(argv)
    results: dict[str, float] = {}
    failed = []
    for path in sorted(HERE.glob("bench_*.py")):
        name = path.stem
        if only and name not in only and name.removeprefix("bench_") not in only:
            continue
        print(f"== {name}", flush=True)
        t0 = time.perf_counter()
        try:
            module = importlib.import_module(f"bench.{name}")
            figures = module.run()
        except Exception:  # a broken bench is reported, and the others still run
            traceback.print_exc()
            failed.append(name)
            continue
        for key, value in figures.items():
            print(f"  {key:<48} {value:>12.3f}" if isinstance(value, float) else f"  {key:<48} {value!s:>12}")
        print(f"  ({time.perf_counter() - t0:.1f} s)")
        results.update(figures)
    out = Path("bench-results.json")
    out.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    print(f"wrote {out.resolve()}")
    if failed:
        print("failed:", ", ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
