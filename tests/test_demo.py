"""The demo session, rehearsed headless from start to end: every step is rehearsed in order,
each leaves a frame, and nothing went wrong on the way. Whether its beats sound, its lines sit
on their beats and its breathing follows its pattern is checked with the renderer's own timing
checks in test_render.py, on the same rendering (the ``demo_rehearsal`` fixture)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from player.core.script.loader import load_session

ROOT = Path(__file__).resolve().parent.parent


def test_every_step_is_rehearsed_in_order_with_a_frame(demo_rehearsal):
    out, timeline, _, _ = demo_rehearsal
    session = load_session(ROOT / "sessions" / "demo.yaml")
    starts = [e for e in timeline["events"] if e["kind"] == "step"]
    assert [e["step"] for e in starts] == list(range(len(session.steps)))
    assert np.all(np.diff([e["t"] for e in starts]) > 0)
    firsts = {p.name.split("_")[0] for p in (out / "frames").glob("*.png")}
    assert len(firsts) == len(session.steps)
    assert (out / "contact.png").stat().st_size > 10_000
    assert timeline["notices"] == []
