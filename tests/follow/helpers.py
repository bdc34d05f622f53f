"""Shared by the follower's tests: the shipped songs, their scores and performances of them."""

from __future__ import annotations

from pathlib import Path

from bench.performances import Performance, make_performance
from player.core.model.tempomap import TempoMap
from player.core.script.loader import load_song
from player.core.time.clock import ManualClock
from player.core.time.lead import FollowLead
from player.midi.score import score_from_midi

ROOT = Path(__file__).resolve().parents[2]
SONGS = ROOT / "songs"


def song_and_score(song_id: str):
    song = load_song(SONGS / f"{song_id}.yaml")
    return song, score_from_midi(song.midi)


def performance(song_id: str, case: str, seed: int = 0) -> tuple[object, object, Performance]:
    song, score = song_and_score(song_id)
    return song, score, make_performance(song, score, case, seed)


def lead_for(perf: Performance, score, clock: ManualClock | None = None) -> tuple[FollowLead, ManualClock]:
    clock = clock or ManualClock()
    return FollowLead(clock, TempoMap.constant(perf.bpm), score, perf.plan), clock


def feed(lead: FollowLead, clock: ManualClock, notes) -> list[tuple[float, float]]:
    """Every note at its time; (time, position right after it)."""
    out = []
    for t, pitch, _ in notes:
        clock.set(max(clock.now(), t))
        lead.note(pitch, t)
        out.append((t, lead.position()))
    return out
