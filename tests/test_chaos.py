"""An intent storm through the real show: the runner, the threaded MIDI scheduler and the
built-in synth (SDL's dummy audio), 25 random keys a second (bench/bench_intents.py).

In the suite one short storm (``HELSEKOR_STORM_SECONDS``, default 10 s of show);
``HELSEKOR_STORM_RUNS`` runs several in a row with different seeds. Each storm runs in a child
process, so a deadlock is reported with the child's stacks instead of hanging the suite."""

from __future__ import annotations

import os

import mido
import pytest

from bench.bench_intents import HUNG_S, hung_notes, run_child

SECONDS = float(os.environ.get("HELSEKOR_STORM_SECONDS", "10"))
RUNS = int(os.environ.get("HELSEKOR_STORM_RUNS", "1"))


def _on(t, note, ch=0):
    return (t, mido.Message("note_on", channel=ch, note=note, velocity=90))


def test_the_hung_note_finder_finds_a_note_left_sounding_and_only_that():
    sent = [_on(0.0, 60), (0.3, mido.Message("note_off", channel=0, note=60)),          # released
            _on(1.0, 62), (1.2, mido.Message("note_on", channel=0, note=62, velocity=0)),  # released (vel 0)
            _on(2.0, 64, ch=1), (2.5, mido.Message("control_change", channel=1, control=123, value=0)),
            _on(3.0, 65, ch=2), (3.1, mido.Message("control_change", channel=3, control=123, value=0)),
            _on(9.0, 67)]                                                                # still young
    hung = hung_notes(sent, until=10.0)
    assert len(hung) == 1 and "ch 3 note 65" in hung[0]          # all-notes-off on another channel is no release
    assert hung_notes(sent[:2] + [_on(4.0, 60), (4.0 + HUNG_S, mido.Message("note_off", channel=0, note=60))],
                      until=20.0) != []                            # released too late is hung too


@pytest.mark.timeout(int(RUNS * (SECONDS + 70)) + 30)
def test_an_intent_storm_leaves_no_exception_no_hang_and_no_hung_note():
    problems = []
    for seed in range(1, RUNS + 1):
        r = run_child(SECONDS, seed)
        print(f"storm {seed}: {r.get('intents')} intents in {r.get('seconds')} s "
              f"({r.get('intents_per_s')}/s), {r.get('notes')} notes, stalls {r.get('stalls')}, "
              f"hung {len(r.get('hung_notes', []))}, finished {r.get('finished')}, folder {r.get('folder')}", flush=True)
        if not r["finished"]:
            problems.append(f"storm {seed}: the frame loop hung or the child failed (stacks in "
                            f"{r.get('folder')}/helsekor.log) {r.get('stderr', '')}")
            continue
        if r["exit"] != 0 or r["errors"] or r["faults"]:
            problems.append(f"storm {seed}: exit {r['exit']}, exceptions {r['errors']} {r['faults']}")
        if r["stalls"]:
            problems.append(f"storm {seed}: the watchdog saw the loop stand still (see {r['folder']})")
        if r["hung_notes"]:
            problems.append(f"storm {seed}: notes left sounding: {r['hung_notes']}")
        if not (r["notes"] > 0 and r["intents"] > 0):
            problems.append(f"storm {seed}: no music played or no key pressed")   # the storm itself broke
    assert problems == []
