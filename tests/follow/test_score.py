"""The score a follower follows comes from the song's real MIDI file, along the sung order."""

from __future__ import annotations

from player.core.time.lead import Score, ScoreNote
from player.midi.score import score_from_midi

from .helpers import SONGS, song_and_score


def test_the_melody_is_the_guide_channel_and_the_rest_is_accompaniment():
    score = score_from_midi(SONGS / "ro-ro-ro-din-bat.mid")
    first = score.events[0]
    assert first.beat == 0.0 and first.melody == {60} and first.accomp == {48}     # C4 over a low C
    assert sum(1 for e in score.events if e.melody) > 40 and sum(1 for e in score.events if e.accomp) > 40
    swapped = score_from_midi(SONGS / "ro-ro-ro-din-bat.mid", guide_channel=2)
    assert swapped.events[0].melody == {48} and swapped.events[0].accomp == {60}


def test_a_part_sung_twice_appears_twice_with_the_sung_beats_running_on():
    song, score = song_and_score("ro-ro-ro-din-bat")
    parts = [(0.0, 24.0), (0.0, 24.0), (72.0, 96.0)]        # verse 1, verse 1 again, the last verse
    sung = score.along(parts)
    per_part = [sum(1 for e in sung if e.part == k) for k in range(3)]
    assert per_part[0] == per_part[1] == per_part[2] > 10
    second = [e for e in sung if e.part == 1]
    assert second[0].beat == 0.0 and second[0].u == 24.0          # same beats, later in the singing
    assert [e.u for e in sung] == sorted(e.u for e in sung)


def test_notes_that_start_together_are_one_event():
    score = Score.from_notes([ScoreNote(0.0, 60, True), ScoreNote(0.05, 64, False), ScoreNote(1.0, 62, True)])
    assert [(e.beat, e.pitches) for e in score.events] == [(0.0, {60, 64}), (1.0, {62})]
