"""The follower on performances made from the shipped songs (bench/performances.py): it
follows the tempo, waits when the pianist stops, ignores wrong notes and finds a section the
performance jumped to."""

from __future__ import annotations

import random

import pytest

from bench.follow_eval import _err, same_music
from player.core.model.tempomap import TempoMap
from player.core.time.clock import ManualClock
from player.core.time.lead import FollowLead, Score, ScoreNote

from .helpers import feed, lead_for, performance


def errors(perf, score, positions):
    twins = same_music(score, perf.order, perf.plan)
    out = []
    for t, est in positions:
        b, k = perf.beat_at(t)
        out.append(_err(est, b, perf.order[k][0], twins[k]))
    return out


@pytest.mark.parametrize("song_id,case", [("ro-ro-ro-din-bat", "tempo"), ("fader-jakob", "fermata"),
                                          ("glade-jul", "accomp"), ("deilig-er-jorden", "melody"),
                                          ("alle-fugler-sma-de-er", "errors"), ("kongesangen", "pause")])
def test_it_follows_a_performance_within_half_a_beat(song_id, case):
    song, score, perf = performance(song_id, case)
    lead, clock = lead_for(perf, score)
    errs = errors(perf, score, feed(lead, clock, perf.notes))
    good = sum(1 for e in errs if e < 0.5) / len(errs)
    assert good > 0.95, f"{song_id}/{case}: {good:.0%} of the notes within half a beat"
    assert lead.position() >= perf.plan[-1][1] - 4           # it got to the last bar


def test_when_the_pianist_stops_the_position_waits_and_goes_on_with_the_next_note():
    song, score, perf = performance("ro-ro-ro-din-bat", "human")
    lead, clock = lead_for(perf, score)
    half = len(perf.notes) // 2
    feed(lead, clock, perf.notes[:half])
    last_t = perf.notes[half - 1][0]
    next_beat = perf.beat_at(perf.notes[half][0])[0]
    clock.set(last_t + 10.0)                                  # ten seconds of silence
    waiting = lead.position()
    assert waiting < next_beat + 1e-6 and waiting >= perf.beat_at(last_t)[0] - 0.1
    clock.advance(5.0)
    assert lead.position() == waiting                          # it stands still
    later = [(t + 15.0, p, v) for t, p, v in perf.notes[half:]]
    feed(lead, clock, later[:1])
    assert lead.position() == pytest.approx(next_beat, abs=0.3)   # from where the pianist goes on


def test_wrong_notes_are_not_followed_and_many_of_them_lose_the_pianist():
    song, score, perf = performance("ro-ro-ro-din-bat", "human")
    lead, clock = lead_for(perf, score)
    feed(lead, clock, perf.notes[:40])
    matched, t = lead.follower.i, perf.notes[39][0]
    following = lead.follower.events[matched + 1].beat          # the next note of the song
    rng = random.Random(3)
    noise = [(t + 0.3 * (k + 1), rng.choice((101, 103, 106, 108)), 60) for k in range(12)]   # not in the song
    assert not lead.lost
    positions = feed(lead, clock, noise)
    assert lead.follower.i == matched                                  # no note of the noise was taken
    assert max(p for _, p in positions) < following                    # it waits for the song's next note
    assert lead.lost and lead.confidence < 0.3


A = (60, 62, 64, 65, 67, 69, 71, 72, 74, 72, 71, 69, 67, 65, 64, 62)      # up and down, in eighths
B = (85, 87, 90, 92, 94, 92, 90, 87, 85, 87, 90, 92, 94, 92, 90, 87)      # the black keys, higher up


def two_part_score():
    """Parts A and B (8 beats each, eighth notes) have no note in common."""
    notes = [ScoreNote(k * 0.5, p, True) for k, p in enumerate(A)] + [ScoreNote(8.0 + k * 0.5, p, True) for k, p in enumerate(B)]
    return Score.from_notes(notes, 16.0)


def test_a_section_played_again_that_the_plan_did_not_have_is_found_within_two_beats():
    score = two_part_score()
    clock = ManualClock()
    lead = FollowLead(clock, TempoMap.constant(60), score, [(0.0, 8.0), (8.0, 16.0)])
    seen = []
    for k, p in enumerate(A + A + B):                       # A, A again (not in the plan), B
        clock.set(1.0 + 0.5 * k)
        lead.note(p, clock.now())
        seen.append(lead.position())
    assert seen[15] == pytest.approx(7.5, abs=0.05)
    true = [0.5 * (k - 16) for k in range(16, 32)]
    back = next(k for k in range(16, 32) if abs(seen[k] - true[k - 16]) < 0.1)
    assert 0.5 * (back - 16) <= 2.0                           # the right place within two beats
    assert all(abs(seen[k] - true[k - 16]) < 0.1 for k in range(back, 32))
    assert seen[-1] == pytest.approx(15.5, abs=0.05)          # and on into B


def test_the_plan_changed_live_is_laid_out_again_and_the_place_kept():
    song, score, perf = performance("ro-ro-ro-din-bat", "human")
    lead, clock = lead_for(perf, score)
    feed(lead, clock, perf.notes[:20])
    before = lead.position()
    lead.set_parts([(0.0, 24.0), (0.0, 24.0), (24.0, 48.0)])     # verse 1 once more (R)
    assert lead.position() == pytest.approx(before, abs=1e-6)
    assert [e.part for e in lead.follower.events].count(1) > 10
