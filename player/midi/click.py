"""Clicks: the audible pulse of an imitation exercise, a wood-block click on every beat (the
first beat of the bar higher and louder), generated as a MIDI song so it plays through the same
scheduler, synth and offline render as any backing, and the picture follows its clock; and the
count-in clicks the scheduler plays before a song. Pure.
"""

from __future__ import annotations

import mido

from player.core.model.settings import COUNT_IN_NOTE
from player.midi.song import MidiSong, TimedMessage, song_from_midifile

__all__ = ["pulse_song", "count_in_clicks"]

DRUMS = 9              # General MIDI percussion channel (0-based)
HIGH_WOOD_BLOCK = 76
LOW_WOOD_BLOCK = 77


def pulse_song(bpm: float, beats_per_bar: int, bars: int, unit: int = 4, tpb: int = 480) -> MidiSong:
    """``bars`` bars of clicks at ``bpm`` quarter notes per minute, in ``beats_per_bar``/``unit``."""
    beat_ticks = tpb * 4 // unit
    meta = mido.MidiTrack([mido.MetaMessage("track_name", name="Puls"),
                           mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(bpm)),
                           mido.MetaMessage("time_signature", numerator=beats_per_bar, denominator=unit)])
    clicks = mido.MidiTrack()
    gap = 0
    for _ in range(bars):
        for k in range(beats_per_bar):
            note, velocity = (HIGH_WOOD_BLOCK, 110) if k == 0 else (LOW_WOOD_BLOCK, 80)
            clicks.append(mido.Message("note_on", channel=DRUMS, note=note, velocity=velocity, time=gap))
            clicks.append(mido.Message("note_off", channel=DRUMS, note=note, velocity=0, time=beat_ticks // 4))
            gap = beat_ticks - beat_ticks // 4
    clicks.append(mido.MetaMessage("end_of_track", time=gap))
    mid = mido.MidiFile(ticks_per_beat=tpb)
    mid.tracks += [meta, clicks]
    return song_from_midifile(mid, "puls")


def count_in_clicks(start_beat: float, bars: int, beats_per_bar: float, denominator: int,
                    note: int = COUNT_IN_NOTE) -> list[TimedMessage]:
    """Clicks on the drum channel for ``bars`` bars ending at ``start_beat``; the downbeat is
    louder. Compound meters (6/8, 9/8, 12/8) click on dotted quarters."""
    if bars <= 0:
        return []
    step = 4.0 / denominator
    if denominator == 8 and round(beats_per_bar * 2) % 3 == 0 and beats_per_bar > 1.5:
        step = 1.5
    total = bars * beats_per_bar
    n = int(round(total / step))
    out = []
    for k in range(n):
        beat = start_beat - total + k * step
        in_bar = (k * step) % beats_per_bar
        vel = 110 if in_bar < 1e-6 else 75
        out.append(TimedMessage(beat, -1, mido.Message("note_on", channel=DRUMS, note=note, velocity=vel)))
        out.append(TimedMessage(beat + step / 2, -1, mido.Message("note_off", channel=DRUMS, note=note, velocity=0)))
    return out
