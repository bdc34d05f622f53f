"""A MIDI file loaded for playback: every event in time order, in beats, plus its tempo map.

:func:`load_midi` reads any standard MIDI file (type 0, 1 or 2; running status and tick maths
are mido's job). A missing, corrupt or truncated file raises
:class:`player.core.model.errors.MediaError` naming the file, so ``helsekor check`` reports it
before the session. Beats are quarter notes from the start of the file (bar 1 = beat 0).

Before mido builds a message object for every event, :func:`scan_midi` walks the raw bytes
once and refuses what would hang or break the show later: more than :data:`MAX_EVENTS` events
or :data:`MAX_TEXT_EVENTS` lyric/text events, a song longer than :data:`MAX_SONG_SECONDS`
(a huge delta time), tempo 0, a time signature of 0 beats or a unit past 1/16 (2**255 ate
gigabytes), 0 ticks per beat and SMPTE timing. The file itself is read through the reading
layer (a regular file of at most 1 MB: never a FIFO or ``/dev/zero``).

Threads: none, no locks; a loaded song is frozen and may be read from any thread.
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass
from pathlib import Path

import mido

from player.core.model.errors import MediaError
from player.core.model.files import FileRefused, read_bytes
from player.core.model.tempomap import TempoMap
from player.core.model.messages import tr

__all__ = ["MidiSong", "TimedMessage", "load_midi", "song_from_midifile", "midi_problem", "scan_midi",
           "MidiScan", "MidiLimitError", "MAX_EVENTS", "MAX_TEXT_EVENTS", "MAX_SONG_SECONDS"]

MAX_EVENTS = 50_000           # every message of every track (a dense arrangement has ~20 000)
MAX_TEXT_EVENTS = 5_000       # lyric and text meta events (a long song has ~600 syllables)
MAX_SONG_SECONDS = 3600.0     # a choir song is minutes long; longer is a broken delta time
MAX_BPM = 1000.0
_DATA_BYTES = {0x80: 2, 0x90: 2, 0xA0: 2, 0xB0: 2, 0xC0: 1, 0xD0: 1, 0xE0: 2}


class _Bad(Exception):
    """The bytes are not a MIDI file (or are cut short)."""


class _Unplayable(_Bad):
    """A MIDI file, but one the show cannot play (past a limit, tempo 0, a bad meter...)."""


class MidiLimitError(ValueError):
    """Raised by :func:`scan_midi` for a well-formed file that cannot be played."""


@dataclass(frozen=True)
class MidiScan:
    """What one pass over a MIDI file's bytes found (ticks are the file's own)."""

    division: int
    events: int
    text_events: int
    notes: int
    length_ticks: int
    tempos: tuple[tuple[int, int], ...]            # (tick, microseconds per beat)
    meters: tuple[tuple[int, int, int], ...]       # (tick, numerator, denominator power of 2)

    @property
    def length_seconds(self) -> float:
        changes = sorted(self.tempos) or [(0, 500_000)]
        if changes[0][0] > 0:
            changes.insert(0, (0, 500_000))
        seconds = 0.0
        for (tick, us), nxt in zip(changes, changes[1:] + [(max(self.length_ticks, changes[-1][0]), 0)]):
            seconds += max(0, nxt[0] - tick) * us / 1e6 / max(1, self.division)
        return seconds


def _varlen(data: bytes, i: int, end: int) -> tuple[int, int]:
    value = 0
    for _ in range(4):
        if i >= end:
            raise _Bad(tr('the file is cut short inside an event'))
        byte = data[i]
        i += 1
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, i
    raise _Bad(tr('a length longer than 4 bytes'))


def _scan_track(data: bytes, i: int, end: int, found: dict) -> None:
    tick, status = 0, 0
    while i < end:
        delta, i = _varlen(data, i, end)
        tick += delta
        found["events"] += 1
        if found["events"] > MAX_EVENTS:
            raise _Unplayable(tr('more than {MAX_EVENTS} events: too many for a song', MAX_EVENTS=MAX_EVENTS))
        if i >= end:
            raise _Bad(tr('the file is cut short inside an event'))
        byte = data[i]
        if byte == 0xFF:
            if i + 1 >= end:
                raise _Bad(tr('the file is cut short inside an event'))
            kind = data[i + 1]
            length, i = _varlen(data, i + 2, end)
            body = data[i:i + length]
            i += length
            if kind in (0x01, 0x05):
                found["text"] += 1
                if found["text"] > MAX_TEXT_EVENTS:
                    raise _Unplayable(tr('more than {MAX_TEXT_EVENTS} lyric and text events: too many for a song', MAX_TEXT_EVENTS=MAX_TEXT_EVENTS))
            elif kind == 0x51 and len(body) == 3:
                found["tempos"].append((tick, int.from_bytes(body, "big")))
            elif kind == 0x58 and len(body) >= 2:
                found["meters"].append((tick, body[0], body[1]))
            elif kind == 0x2F:
                break
        elif byte in (0xF0, 0xF7):
            length, i = _varlen(data, i + 1, end)
            i += length
        else:
            if byte & 0x80:
                status, i = byte, i + 1
            elif not status:
                raise _Bad(tr('a data byte without a status byte (running status with nothing before)'))
            if status >= 0xF0:
                raise _Bad(tr('status byte 0x{status} is not allowed in a file', status=f"{status:02X}"))
            n = _DATA_BYTES[status & 0xF0]
            if i + n > end or any(b & 0x80 for b in data[i:i + n]):
                raise _Bad(tr('a message is cut short or holds a byte over 127'))
            if status & 0xF0 == 0x90 and data[i + 1] > 0:
                found["notes"] += 1
            i += n
        if i > end:
            raise _Bad(tr('the file is cut short inside an event'))
    found["length"] = max(found["length"], tick)


def scan_midi(data: bytes) -> MidiScan:
    """One pass over a standard MIDI file's bytes; raises ``ValueError`` saying why it cannot
    be played (not MIDI, cut short, over the limits, tempo 0, an impossible time signature,
    SMPTE timing or 0 ticks per beat)."""
    try:
        return _check(_scan(data))
    except _Unplayable as err:
        raise MidiLimitError(str(err)) from None
    except _Bad as err:
        raise ValueError(str(err)) from None


def _scan(data: bytes) -> MidiScan:
    if data[:4] != b"MThd" or len(data) < 14:
        raise _Bad(tr('it does not start with a MIDI header (MThd)'))
    size, _, ntracks, division = struct.unpack(">IHHH", data[4:14])
    found = {"events": 0, "text": 0, "notes": 0, "length": 0, "tempos": [], "meters": []}
    i = 8 + size
    for _ in range(ntracks):
        if i + 8 > len(data):
            raise _Bad(tr('the file is cut short (a track is missing)'))
        cid, length = data[i:i + 4], struct.unpack(">I", data[i + 4:i + 8])[0]
        start, end = i + 8, i + 8 + length
        if end > len(data):
            raise _Bad(tr('the file is cut short inside a track'))
        if cid == b"MTrk":
            _scan_track(data, start, end, found)
        i = end
    return MidiScan(division, found["events"], found["text"], found["notes"], found["length"],
                    tuple(found["tempos"]), tuple(found["meters"]))


def _check(scan: MidiScan) -> MidiScan:
    if scan.division & 0x8000:
        raise _Unplayable(tr('it uses SMPTE timing (frames per second), which is not supported: export it with ticks per beat'))
    if scan.division == 0:
        raise _Unplayable(tr('it has 0 ticks per beat'))
    for tick, us in scan.tempos:
        if us == 0:
            raise _Unplayable(tr('tempo 0 at tick {tick} (a tempo must be above 0)', tick=tick))
        if 60e6 / us > MAX_BPM:
            raise _Unplayable(tr('tempo {value} BPM at tick {tick} (at most {MAX_BPM})', value=f"{60e6 / us:.0f}", tick=tick, MAX_BPM=f"{MAX_BPM:.0f}"))
    for tick, num, power in scan.meters:
        if not 1 <= num <= 32 or power > 4:
            unit = f"2**{power}" if power > 10 else str(2 ** power)
            raise _Unplayable(tr('time signature {num}/{unit} at tick {tick} (beats 1 to 32, unit 1 to 16)', num=num, unit=unit, tick=tick))
    if scan.length_seconds > MAX_SONG_SECONDS:
        raise _Unplayable(tr('it lasts {value} hours (a huge delta time?); a song is at most {value2} minutes long', value=f"{scan.length_seconds / 3600:.1f}", value2=f"{MAX_SONG_SECONDS / 60:.0f}"))
    return scan


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
        raise MediaError(tr('{path}: the MIDI file has no usable ticks per beat (SMPTE timing is not supported)', path=path))
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


def _read(p: Path) -> tuple[bytes, MidiScan]:
    try:
        data = read_bytes(p, "midi")
    except FileRefused as err:
        raise MediaError(str(err)) from err
    try:
        return data, scan_midi(data)
    except MidiLimitError as err:
        raise MediaError(tr('{p}: the MIDI file cannot be played: {err}', p=p, err=err)) from err
    except ValueError as err:
        raise MediaError(tr('{p}: not a readable MIDI file ({err}); export it again from the notation program', p=p, err=err)) from err


def load_midi(path: str | Path) -> MidiSong:
    """Read ``path``; raise :class:`MediaError` naming it when it is missing, unreadable or
    past the limits (see the module's docstring)."""
    p = Path(path)
    data, _ = _read(p)
    try:
        mid = mido.MidiFile(file=io.BytesIO(data), clip=True)
    except (OSError, EOFError, ValueError, KeyError, IndexError, TypeError) as err:
        raise MediaError(tr('{p}: not a readable MIDI file ({value}); export it again from the notation program', p=p, value=err or type(err).__name__)) from err
    if not mid.tracks:
        raise MediaError(tr('{p}: the MIDI file has no tracks', p=p))
    return song_from_midifile(mid, str(p))


def midi_problem(path: Path) -> str | None:
    """Why a MIDI file cannot be played (corrupt, truncated, not MIDI, past the limits, tempo
    0, an impossible meter, SMPTE timing), or None when it can. Handed to the loader
    (``midi_probe``) so ``helsekor check`` says it before the show."""
    try:
        data = read_bytes(path, "midi")
    except FileRefused as err:
        return f"{path.name}: {err.reason}"
    try:
        scan = scan_midi(data)
        mido.MidiFile(file=io.BytesIO(data))
    except MidiLimitError as err:
        return tr('{name} cannot be played: {err}; fix or export it again', name=path.name, err=err)
    except (OSError, EOFError, ValueError, KeyError, IndexError, TypeError, struct.error) as err:
        return tr('{name} is not a readable MIDI file ({name2}: {err}); export it again as a standard MIDI file', name=path.name, name2=type(err).__name__, err=err)
    if not scan.notes:
        return tr('{name} has no notes', name=path.name)
    return None
