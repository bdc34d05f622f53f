"""Runs pymatchmaker's followers on performances, in pymatchmaker's own virtual environment.

pymatchmaker (CPJKU, Apache-2.0) pulls in partitura, librosa, numba, scipy and an older numpy
(≈ 770 MB), so it lives in a venv of its own (``tools/setup_pymatchmaker.sh``) and
``bench/bench_follow.py`` calls this script with that venv's Python:

    python bench/pmm_runner.py JOBS.json OUT.json

``JOBS.json``: ``[{"score": song.mid, "performance": perf.mid, "method": "pthmm"}, ...]``.
For each job it runs ``Matchmaker(score, performance, input_type="midi", method=...)`` offline
(as fast as it goes) and writes the alignment path as (seconds, quarter-note beat) pairs, the
wall time of the run and the notes fed. This file imports only what that venv has.
"""

import json
import sys
import time
import warnings


def quarter_map(score):
    import numpy as np
    import partitura

    na = partitura.score.merge_parts(partitura.load_score(score).parts).note_array()
    beats, quarters = np.asarray(na["onset_beat"], float), np.asarray(na["onset_quarter"], float)
    order = np.argsort(beats)
    return beats[order], quarters[order]


def main(jobs_file, out_file):
    warnings.simplefilter("ignore")
    import io
    import contextlib

    import mido
    import numpy as np
    from matchmaker import Matchmaker

    jobs = json.load(open(jobs_file))
    maps = {}
    out = []
    for job in jobs:
        score, perf, method = job["score"], job["performance"], job["method"]
        if score not in maps:
            maps[score] = quarter_map(score)
        beats, quarters = maps[score]
        notes = sum(1 for m in mido.MidiFile(perf) if m.type == "note_on" and m.velocity > 0)
        t0 = time.perf_counter()
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                mm = Matchmaker(score, perf, input_type="midi", method=method)
                t0 = time.perf_counter()
                for _ in mm.run(verbose=False):
                    pass
            wall = time.perf_counter() - t0
            wp = np.asarray(mm.score_follower.alignment_path, float)
            q = np.interp(wp[0], beats, quarters)
            out.append({"method": method, "performance": perf, "path": [[float(t), float(b)] for b, t in zip(q, wp[1])],
                        "wall_s": wall, "notes": notes, "error": ""})
        except Exception as err:  # a follower that fails is reported, the others go on
            out.append({"method": method, "performance": perf, "path": [], "wall_s": time.perf_counter() - t0,
                        "notes": notes, "error": f"{type(err).__name__}: {err}"})
    json.dump(out, open(out_file, "w"))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
