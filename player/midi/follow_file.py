"""The follower offline: a recorded performance (a MIDI file) fed through the live follower in
simulated real time (``helsekor follow SONG.yaml PERFORMANCE.mid --out positions.json``).

Every note-on of the performance goes to a :class:`~player.core.time.lead.follow.FollowLead`
on a manual clock at the second it was played; the position is written after every note and
every :data:`FRAME_S` in between: ``{"song": id, "positions": [{"t": s, "beat": b}, ...]}``,
``beat`` in the song's own beats (quarter notes from bar 1, as in ``timeline.json``) along the
sung order. One thread; reading and writing files only.
"""

from __future__ import annotations

import json
from pathlib import Path

import mido

from player.core.model.data import Song
from player.core.time.clock import ManualClock
from player.core.time.lead.follow import FollowLead
from player.midi.score import score_from_midi
from player.midi.song import load_midi

__all__ = ["performance_notes", "follow_notes", "follow_file", "FRAME_S"]

FRAME_S = 0.05


def performance_notes(path: str | Path) -> list[tuple[float, int]]:
    """(seconds from the file's start, note) of every note-on in a MIDI file."""
    out, t = [], 0.0
    for msg in mido.MidiFile(str(path)):
        t += msg.time
        if msg.type == "note_on" and msg.velocity > 0:
            out.append((t, msg.note))
    return out


def follow_notes(song: Song, notes: list[tuple[float, int]], guide_channel: int = 1) -> list[dict]:
    """Positions ``{"t", "beat"}`` of the follower fed ``notes`` in simulated real time."""
    midi = load_midi(song.midi)
    clock = ManualClock(0.0)
    parts = [(p.start, p.start + p.section.beats) for p in song.plan()]
    lead = FollowLead(clock, midi.tempo_map, score_from_midi(song.midi, guide_channel), parts)
    out: list[dict] = []
    end = (notes[-1][0] if notes else 0.0) + 1.0
    i = 0
    while clock.now() <= end:
        while i < len(notes) and notes[i][0] <= clock.now() + 1e-9:
            t, pitch = notes[i]
            lead.note(pitch, t)
            out.append({"t": round(t, 4), "beat": round(lead.position(), 4)})
            i += 1
        out.append({"t": round(clock.now(), 4), "beat": round(lead.position(), 4)})
        nxt = notes[i][0] if i < len(notes) else end + 1
        clock.advance(max(1e-6, min(FRAME_S, nxt - clock.now())) if nxt > clock.now() else FRAME_S)
    return out


def follow_file(song: Song, performance: str | Path, out: str | Path, guide_channel: int = 1) -> int:
    """Write ``out`` (positions.json); returns how many notes were followed."""
    if song.midi is None:
        raise ValueError(f"«{song.title}» has no MIDI file: there is no score to follow")
    notes = performance_notes(performance)
    positions = follow_notes(song, notes, guide_channel)
    Path(out).write_text(json.dumps({"song": song.id, "positions": positions}, indent=1) + "\n", encoding="utf-8")
    return len(notes)
