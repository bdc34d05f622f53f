"""The follower's test set: performances made from every shipped song, each with its truth.

A performance is the song's score (melody and accompaniment from its MIDI file) played along a
*performed order* of parts (the plan, or the plan with a part played twice or a verse left out)
on a tempo curve: 0.7–1.3 of the written tempo, rubato ±15 % per beat, onsets spread like a hand
(±15 ms, chords spread ±8 ms, velocities 45–95). Cases add fermatas of 2–4 beats at phrase ends,
5 % wrong and 5 % missed notes, accompaniment only, melody only, a repeat, a skipped verse and a
pause of 10 s mid-song. Everything is made from a seed at bench/test time (nothing is stored).

``truth`` is the performance's beat-to-time map as knots ``(t, beat, part)``: piecewise linear
within a performed part; ``part`` indexes ``order`` (the performed parts, ``(start, end)``).
``python -m bench.performances SONG.yaml CASE --out perf.mid`` writes one as a MIDI file.
"""

from __future__ import annotations

import argparse
import math
import random
from dataclasses import dataclass, field
from pathlib import Path

from player.core.model.data import Song
from player.core.time.lead.follow_score import Score

__all__ = ["CASES", "Performance", "make_performance", "test_set", "write_midi"]

CASES = ("tempo", "fermata", "errors", "accomp", "melody", "repeat", "skip", "pause", "human")
SONGS = Path(__file__).resolve().parent.parent / "songs"


@dataclass
class Performance:
    song_id: str
    case: str
    notes: list[tuple[float, int, int]]                # (seconds, pitch, velocity), sorted
    truth: list[tuple[float, float, int]]              # (seconds, beat, performed part)
    order: list[tuple[float, float]]                   # performed parts (start, end) in beats
    plan: list[tuple[float, float]]                    # the step's plan, as the follower gets it
    line_starts: list[tuple[float, float, int]] = field(default_factory=list)   # (true seconds, beat, part)
    bpm: float = 100.0
    bar_beats: float = 4.0                             # quarter notes in a bar

    def beat_at(self, t: float) -> tuple[float, int]:
        """The true beat (and performed part) at ``t`` seconds."""
        kn = self.truth
        if t <= kn[0][0]:
            return kn[0][1], kn[0][2]
        lo, hi = 0, len(kn) - 1
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if kn[mid][0] <= t:
                lo = mid
            else:
                hi = mid
        (t0, b0, p0), (t1, b1, p1) = kn[lo], kn[hi]
        if p0 != p1 or t1 <= t0:
            return b0, p0
        return b0 + (b1 - b0) * min(1.0, (t - t0) / (t1 - t0)), p0


def _phrase_ends(song: Song, part: tuple[float, float]) -> list[float]:
    """Beats (within ``part``) where lines end: where a fermata may be held."""
    a, b = part
    out = []
    for planned in song.plan():
        if abs(planned.start - a) < 1e-6:
            out = [a + ln.start + ln.length for ln in planned.section.lines]
    return out


def _line_starts(song: Song, part: tuple[float, float]) -> list[float]:
    for planned in song.plan():
        if abs(planned.start - part[0]) < 1e-6:
            return [part[0] + ln.start for ln in planned.section.lines]
    return []


def make_performance(song: Song, score: Score, case: str, seed: int = 0) -> Performance:
    rng = random.Random(f"{song.id}/{case}/{seed}")
    plan = [(p.start, p.start + p.section.beats) for p in song.plan()]
    order = list(plan)
    if case == "repeat":
        k = len(order) // 2
        order.insert(k + 1, order[k])
    elif case == "skip" and len(order) >= 3:
        del order[len(order) // 2]
    f0 = rng.uniform(0.7, 1.3) if case != "human" else 1.0
    period, phase = rng.uniform(24, 64), rng.uniform(0, 2 * math.pi)
    spb0 = 60.0 / song.tempo
    rubato = case not in ("human",)
    holds: dict[tuple[int, float], float] = {}
    if case == "fermata":
        for k, part in enumerate(order):
            for b in _phrase_ends(song, part)[:-1]:
                holds[(k, round(b, 6))] = rng.uniform(2, 4)
    total = sum(b - a for a, b in order)
    pause_u = None
    if case == "pause":
        # a line start near the middle of the song
        u = 0.0
        starts = []
        for part in order:
            starts += [u + s - part[0] for s in _line_starts(song, part)]
            u += part[1] - part[0]
        pause_u = min(starts, key=lambda s: abs(s - total / 2))

    # the time of every sung beat u, one beat at a time (tempo curve times rubato)
    step = 0.25
    knots: list[tuple[float, float, int]] = []
    t, u = 1.0, 0.0
    times_of: list[tuple[float, float]] = []          # (u, t) grid for onsets
    r = 1.0
    for k, (a, b) in enumerate(order):
        beat = a
        while beat < b - 1e-9:
            if abs((beat - a) % 1.0) < 1e-9 and rubato:
                r = max(0.85, min(1.15, r + rng.uniform(-0.06, 0.06)))
            if pause_u is not None and abs(u - pause_u) < 1e-6:
                knots.append((t, beat, k))
                t += 10.0
            hold = holds.get((k, round(beat, 6)))
            if hold:
                knots.append((t, beat, k))
                t += hold * spb0 / f0
            knots.append((t, beat, k))
            times_of.append((u, t))
            f = f0 * (1 + 0.3 * math.sin(2 * math.pi * u / period + phase)) if case != "human" else 1.0
            f = max(0.7, min(1.3, f)) * r
            t += step * spb0 / f
            beat += step
            u += step
        knots.append((t, b, k))
    perf = Performance(song.id, case, [], knots, order, plan, bpm=song.tempo, bar_beats=song.meter.beats_per_bar)

    def time_of(k: int, beat: float) -> float:
        # the last knot of part k at or before beat, then linear to the next
        best = None
        for j, (tt, bb, kk) in enumerate(knots):
            if kk == k and bb <= beat + 1e-9:
                best = j
        tt, bb, _ = knots[best]
        nxt = knots[best + 1] if best + 1 < len(knots) else None
        if nxt and nxt[2] == k and nxt[1] > bb:
            return tt + (nxt[0] - tt) * (beat - bb) / (nxt[1] - bb)
        return tt

    notes = []
    for k, part in enumerate(order):
        for e in score.events:
            if not part[0] - 1e-6 <= e.beat < part[1] - 1e-6:
                continue
            pitches = list(e.melody if case != "accomp" else ()) + list(e.accomp if case != "melody" else ())
            base = time_of(k, e.beat) + rng.gauss(0, 0.015)
            for p in pitches:
                if case == "errors":
                    x = rng.random()
                    if x < 0.05:
                        continue
                    if x < 0.10:
                        p += rng.choice((-2, -1, 1, 2))
                notes.append((base + rng.uniform(-0.008, 0.008), p, rng.randint(45, 95)))
        for s in _line_starts(song, part):
            perf.line_starts.append((time_of(k, s), s, k))
    notes.sort()
    perf.notes = notes
    return perf


def test_set(songs_dir: Path = SONGS, cases=CASES, seed: int = 0):
    """(song, score, performance) for every shipped song and case."""
    from player.core.script.loader import load_song
    from player.midi.score import score_from_midi

    for path in sorted(songs_dir.glob("*.yaml")):
        song = load_song(path)
        if song.midi is None:
            continue
        score = score_from_midi(song.midi)
        for case in cases:
            if case == "skip" and len(song.plan()) < 3:
                continue
            yield song, score, make_performance(song, score, case, seed)


def write_midi(perf: Performance, out: Path) -> None:
    """The performance as a type-0 MIDI file at 120 BPM (one tick = 1/960 s)."""
    import mido

    mid = mido.MidiFile(ticks_per_beat=480)
    track = mido.MidiTrack()
    mid.tracks.append(track)
    track.append(mido.MetaMessage("set_tempo", tempo=500000, time=0))
    events = []
    for t, p, v in perf.notes:
        events.append((t, 1, mido.Message("note_on", note=max(0, min(127, p)), velocity=v)))
        events.append((t + 0.2, 0, mido.Message("note_off", note=max(0, min(127, p)), velocity=0)))
    events.sort(key=lambda e: (e[0], e[1]))
    last = 0
    for t, _, m in events:
        tick = round(t * 960)
        track.append(m.copy(time=max(0, tick - last)))
        last = max(last, tick)
    mid.save(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("song", type=Path)
    ap.add_argument("case", choices=CASES)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args(argv)
    from player.core.script.loader import load_song
    from player.midi.score import score_from_midi

    song = load_song(a.song)
    perf = make_performance(song, score_from_midi(song.midi), a.case, a.seed)
    write_midi(perf, a.out)
    print(f"{a.out}: {len(perf.notes)} notes, {perf.truth[-1][0]:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
