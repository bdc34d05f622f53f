"""MIDI files built in code for the tests (no binary fixtures)."""

from __future__ import annotations

import mido

TPB = 480


def notes_file(notes, *, type_=1, tempos=((0, 120),), meter=(4, 4), extra_tracks=(), tpb=TPB,
               end_beat=None) -> mido.MidiFile:
    """``notes``: (beat, length_beats, note, channel[, velocity]); ``tempos``: (beat, bpm).

    Type 1: tempo map in track 0, notes in track 1, ``extra_tracks`` (lists of note tuples)
    in tracks 2... Type 0: everything in one track.
    """
    def abs_events(note_list):
        ev = []
        for n in note_list:
            beat, length, note, ch = n[:4]
            vel = n[4] if len(n) > 4 else 100
            ev.append((round(beat * tpb), 1, mido.Message("note_on", channel=ch, note=note, velocity=vel)))
            ev.append((round((beat + length) * tpb), 0, mido.Message("note_off", channel=ch, note=note, velocity=0)))
        return ev

    meta = [(0, -1, mido.MetaMessage("time_signature", numerator=meter[0], denominator=meter[1]))]
    meta += [(round(b * tpb), -1, mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(bpm))) for b, bpm in tempos]

    def track_of(events):
        tr = mido.MidiTrack()
        last = 0
        for tick, _, msg in sorted(events, key=lambda e: (e[0], e[1])):
            tr.append(msg.copy(time=tick - last))
            last = tick
        if end_beat is not None and round(end_beat * tpb) > last:
            tr.append(mido.MetaMessage("end_of_track", time=round(end_beat * tpb) - last))
        return tr

    mid = mido.MidiFile(type=type_, ticks_per_beat=tpb)
    if type_ == 0:
        mid.tracks.append(track_of(meta + abs_events(notes)))
    else:
        mid.tracks.append(track_of(meta))
        mid.tracks.append(track_of(abs_events(notes)))
        for extra in extra_tracks:
            mid.tracks.append(track_of(abs_events(extra)))
    return mid


def save(mid: mido.MidiFile, path) -> str:
    mid.save(str(path))
    return str(path)
