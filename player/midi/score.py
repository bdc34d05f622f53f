"""A song's score for the follower, read from its MIDI file (``lead: follow``).

Every note-on of the file becomes a :class:`~player.core.time.lead.follow_score.ScoreNote` at
its beat; notes on the guide channel (``midi.guide_channel``, 1-based) are the melody, all
others the accompaniment; drums (channel 10) are left out. Reading only: no threads, no locks.
"""

from __future__ import annotations

from pathlib import Path

from player.core.time.lead.follow_score import Score, ScoreNote
from player.midi.song import MidiSong, load_midi

__all__ = ["score_from_midi", "score_from_song", "DRUM_CHANNEL"]

DRUM_CHANNEL = 9            # 0-based


def score_from_song(song: MidiSong, guide_channel: int = 1) -> Score:
    """The score of a MIDI file already read; ``guide_channel`` is 1–16."""
    melody = guide_channel - 1
    notes = [ScoreNote(round(e.beat, 6), e.message.note, e.message.channel == melody)
             for e in song.events
             if e.message.type == "note_on" and e.message.velocity > 0 and e.message.channel != DRUM_CHANNEL]
    return Score.from_notes(notes, song.length_beats)


def score_from_midi(path: str | Path, guide_channel: int = 1) -> Score:
    return score_from_song(load_midi(path), guide_channel)
