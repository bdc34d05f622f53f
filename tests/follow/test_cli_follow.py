"""``helsekor follow SONG PERFORMANCE --out positions.json``: a recorded performance (a real
MIDI file written from the test set) through the live follower in simulated real time."""

from __future__ import annotations

import json

from bench.follow_eval import _err, same_music
from bench.performances import write_midi
from player.cli import main

from .helpers import SONGS, performance


def test_follow_writes_a_position_for_every_note_in_the_songs_beats(tmp_path, capsys):
    song, score, perf = performance("fader-jakob", "tempo")
    mid, out = tmp_path / "perf.mid", tmp_path / "positions.json"
    write_midi(perf, mid)
    assert main(["follow", str(SONGS / "fader-jakob.yaml"), str(mid), "--out", str(out)]) == 0
    assert f"followed {len(perf.notes)} notes" in capsys.readouterr().out
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["song"] == "fader-jakob"
    positions = data["positions"]
    times = [p["t"] for p in positions]
    assert times == sorted(times)
    note_times = {round(round(t * 960) / 960, 4) for t, _, _ in perf.notes}
    at_notes = [p for p in positions if p["t"] in note_times]
    assert len(at_notes) >= len(perf.notes)                    # at least one entry per note received
    twins = same_music(score, perf.order, perf.plan)
    errs = []
    for p in at_notes:
        b, k = perf.beat_at(p["t"])
        errs.append(_err(p["beat"], b, perf.order[k][0], twins[k]))
    assert sum(e < 0.5 for e in errs) / len(errs) > 0.95       # in the song's own beats
    assert positions[-1]["beat"] > 90                          # on to the end (96 beats)
