"""The MIDI file an imported score gets: melody with lyric events, plus chords as accompaniment.

Used by :mod:`player.formats.musicxml`. Times are beats (quarter notes) from the start of the
score; the file has 480 ticks per beat, the song's first tempo, meter and key, the melody on
channel 1 (one ``lyrics`` event per syllable, a space after the last syllable of a word) and the
chord symbols as held block chords on channel 2, both piano.
"""

from __future__ import annotations

import io

import mido

from player.formats.song import Song
from player.core.model.messages import tr

__all__ = ["score_midi"]


def score_midi(song: Song, notes, harmonies, verses: list[str], verse_length: float) -> bytes:
    """A type-1 MIDI file: tempo/meter/key, melody with lyrics (ch 1), block chords (ch 2).

    ``notes`` have ``beat``, ``length`` (beats from the start of one verse), ``pitch`` (MIDI
    number, None for a rest) and ``lyrics`` (verse → (syllabic, text)); ``harmonies`` have
    ``beat`` and ``pitches``. The melody is played once per verse, ``verse_length`` beats apart.
    """
    tpb = 480
    numerator, denominator = (int(x) for x in song.meter.split("/"))
    conductor = mido.MidiTrack([
        mido.MetaMessage("track_name", name=song.title[:60].encode("utf-8").decode("latin-1")),
        mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(song.tempo)),
        mido.MetaMessage("time_signature", numerator=numerator, denominator=denominator),
    ])
    if song.key:
        try:
            conductor.append(mido.MetaMessage("key_signature", key=song.key))
        except (ValueError, KeyError):  # mido knows fewer key names than MusicXML (e.g. Abm)
            song.notes.append(tr('the key {key} is only in the song file, not in the MIDI file', key=song.key))
    melody_events: list[tuple[int, int, mido.BaseMessage]] = []
    chord_events: list[tuple[int, int, mido.BaseMessage]] = []
    for k, verse in enumerate(verses):
        base = k * verse_length
        for note in notes:
            if note.pitch is None:
                continue
            on = round((base + note.beat) * tpb)
            off = round((base + note.beat + note.length) * tpb) - 1
            if verse in note.lyrics:
                syllabic, text = note.lyrics[verse]
                text = text + ("" if syllabic in ("begin", "middle") else " ")
                melody_events.append((on, 0, mido.MetaMessage("lyrics", text=text.encode("utf-8").decode("latin-1"))))
            melody_events.append((on, 2, mido.Message("note_on", channel=0, note=max(0, min(127, note.pitch)), velocity=80)))
            melody_events.append((max(on, off), 1, mido.Message("note_off", channel=0, note=max(0, min(127, note.pitch)))))
        for i, harmony in enumerate(harmonies):
            stop = harmonies[i + 1].beat if i + 1 < len(harmonies) else verse_length
            on, off = round((base + harmony.beat) * tpb), round((base + stop) * tpb) - 1
            for pitch in harmony.pitches:
                chord_events.append((on, 2, mido.Message("note_on", channel=1, note=pitch, velocity=55)))
                chord_events.append((max(on, off), 1, mido.Message("note_off", channel=1, note=pitch)))

    def track(name: str, program_channel: int, events) -> mido.MidiTrack:
        out = mido.MidiTrack([mido.MetaMessage("track_name", name=name),
                              mido.Message("program_change", channel=program_channel, program=0)])
        now = 0
        for tick, _, message in sorted(events, key=lambda e: (e[0], e[1])):
            out.append(message.copy(time=tick - now))
            now = tick
        return out

    midi = mido.MidiFile(type=1, ticks_per_beat=tpb)
    midi.tracks.extend([conductor, track("Melodi", 0, melody_events), track("Akkorder", 1, chord_events)])
    buffer = io.BytesIO()
    midi.save(file=buffer)
    return buffer.getvalue()
