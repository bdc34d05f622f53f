"""What the message catalog costs at start-up, in a fresh interpreter (nothing cached): importing
stdlib gettext, reading one compiled catalog (.mo), the first lookup, all the show's words of one
language, and (for scale) the model floor the program imports anyway; then one lookup with fields
in a warm process. Milliseconds (the lookup in microseconds), never judged."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_CHILD = """
import time
t0 = time.perf_counter()
import gettext
t1 = time.perf_counter()
from player.core.model import files, messages  # noqa: F401 - the vocabulary floor, imported anyway
t2 = time.perf_counter()
messages.use("nb")
messages.catalog_of("nb")
t3 = time.perf_counter()
messages.tr("{n} problems found; nothing was played.", n=3)
t4 = time.perf_counter()
messages.texts("nb")
t5 = time.perf_counter()
import sys
print(" ".join(f"{(b - a) * 1000:.3f}" for a, b in ((t0, t1), (t2, t3), (t3, t4), (t4, t5), (t1, t2))))
print("babel" in sys.modules)
"""


def run(repeats: int = 7) -> dict[str, float]:
    rows = []
    for _ in range(repeats):
        out = subprocess.run([sys.executable, "-c", _CHILD], cwd=ROOT, capture_output=True, text=True, check=True,
                             env=dict(os.environ, HELSEKOR_LANGUAGE="nb"), timeout=60).stdout.split("\n")
        rows.append([float(x) for x in out[0].split()])
        assert out[1] == "False", "Babel must not be imported at run time"
    from player.core.model import messages
    messages.use("nb")
    n = 10_000
    t0 = time.perf_counter()
    for _ in range(n):
        messages.tr("step {n}", n=6)
    per_lookup_us = (time.perf_counter() - t0) / n * 1e6
    names = ("import_gettext_ms", "read_catalog_ms", "first_lookup_ms", "show_words_ms", "import_model_floor_ms")
    figures = {f"messages.{name}.median": statistics.median(r[i] for r in rows) for i, name in enumerate(names)}
    figures["messages.lookup_with_fields_us"] = per_lookup_us
    return figures


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:40} {value:8.3f}")
