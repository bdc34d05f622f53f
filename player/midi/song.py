"""A MIDI file loaded for playback: every event in time order, in beats, plus its tempo map.

:func:`load_midi` reads any standard MIDI file (type 0, 1 or 2; running status and tick maths
are mido's job). A missing, corrupt or truncated file raises
:class:`player.core.model.errors.MediaError` naming the file, so ``helsekor check`` reports it
before the session. Beats are quarter notes from the start of the file (bar 1 = beat 0).
Threads: none, no locks; a loaded song is frozen and may be read from any thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import mido

from player.core.model.errors import MediaError
from player.core.model.tempomap import TempoMap

__all__ = ["MidiSong", "TimedMessage", "load_midi", "song_from_midifile", "midi_problem"]


@dataclass(frozen=True)
class TimedMessage:
    """A message at ``beat``; ``track`` is the track index in the file (-1: added, never muted)."""

    beat: float
    track: int
    message: mido.Message   # channel messages and sysex; meta messages are in ``MidiSong.meta``


@dataclass(frozen=True)
class MidiSong:
    path: str
    ticks_per_beat: int
    tempo_map: TempoMap
    events: tuple[TimedMessage, ...]         # sendable messages, sorted by beat (stable)
    meta: tuple[TimedMessage, ...]           # meta messages (lyrics, text, markers...), sorted
    length_beats: float                      # end of the longest track
    midifile: mido.MidiFile

    @property
    def length_seconds(self) -> float:
        """Length in song seconds at tempo scale 1."""
        return self.tempo_map.seconds_at(self.length_beats)

    @property
    def channels(self) -> tuple[int, ...]:
        """0-based channels that carry messages."""
        return tuple(sorted({e.message.channel for e in self.events if hasattr(e.message, "channel")}))


def song_from_midifile(mid: mido.MidiFile, path: str = "<memory>") -> MidiSong:
    """Build a :class:`MidiSong` from a ``mido.MidiFile`` already in memory."""
    tpb = mid.ticks_per_beat
    if not tpb or tpb <= 0:
        raise MediaError(f"{path}: the MIDI file has no usable ticks per beat (SMPTE timing is not supported)")
    events: list[tuple[int, int, int, mido.Message]] = []   # (tick, track, order, msg)
    meta: list[tuple[int, int, int, mido.Message]] = []
    length_ticks = 0
    order = 0
    for index, track in enumerate(mid.tracks):
        tick = 0
        for msg in track:
            tick += msg.time
            order += 1
            if msg.is_meta:
                meta.append((tick, index, order, msg))
            else:
                events.append((tick, index, order, msg))
        length_ticks = max(length_ticks, tick)
    # type 2 files are sequences of independent patterns; played here as if simultaneous
    events.sort(key=lambda e: (e[0], e[2]))
    meta.sort(key=lambda e: (e[0], e[2]))
    return MidiSong(
        path=str(path),
        ticks_per_beat=tpb,
        tempo_map=TempoMap.from_midi(mid),
        events=tuple(TimedMessage(t / tpb, i, m.copy(time=0)) for t, i, _, m in events),
        meta=tuple(TimedMessage(t / tpb, i, m) for t, i, _, m in meta),
        length_beats=length_ticks / tpb,
        midifile=mid,
    )


def load_midi(path: str | Path) -> MidiSong:
    """Read ``path``; raise :class:`MediaError` naming it when it is missing or unreadable."""
    p = Path(path)
    if not p.is_file():
        raise MediaError(f"{p}: MIDI file not found")
    try:
        mid = mido.MidiFile(str(p), clip=True)
    except (OSError, EOFError, ValueError, KeyError, IndexError, TypeError) as err:
        raise MediaError(f"{p}: not a readable MIDI file ({err or type(err).__name__}); "
                         "export it again from the notation program") from err
    if not mid.tracks:
        raise MediaError(f"{p}: the MIDI file has no tracks")
    return song_from_midifile(mid, str(p))


def midi_problem(path: Path) -> str | None:
    """Why a MIDI file cannot be played (corrupt, truncated, not MIDI), or None when it can.
    Handed to the loader (``midi_probe``) so ``helsekor check`` says it before the show."""
    try:
        mf = mido.MidiFile(str(path))
    except (OSError, EOFError, ValueError, KeyError, IndexError, TypeError) as err:
        return f"{path.name} is not a readable MIDI file ({type(err).__name__}: {err}); export it again as a standard MIDI file"
    if not any(msg.type == "note_on" for track in mf.tracks for msg in track):
        return f"{path.name} has no notes"
    return None
