"""What the scheduler does to each message on its way out, as pure functions: transpose,
volume and mutes applied to a note (remembering which note sounds, so its note-off matches),
and the programs and controllers to restore when playback jumps. No locks here: the
scheduler calls these under its state lock (see :mod:`player.midi.scheduler`)."""

from __future__ import annotations

from typing import Iterable, Sequence

import mido

from player.midi.song import TimedMessage

__all__ = ["DRUM_CHANNEL", "shape", "chase", "release"]

DRUM_CHANNEL = 9            # channel 10 in 1-based numbering
_CHASE_SKIP = {64, 120, 121, 123}   # controllers not restored on seek (sustain, all-off)


def shape(e: TimedMessage, held: dict, transpose: int, volume: float, muted_channels: Iterable[int],
          muted_tracks: Iterable[int]) -> list[mido.Message]:
    """The messages to send for ``e``; ``held`` maps (channel, written note) to (sounding note,
    track) and is updated. Count-in clicks and cues (track -1) are never muted or transposed."""
    msg = e.message
    t = msg.type
    if t == "note_on" and msg.velocity > 0:
        ch = msg.channel
        added = e.track == -1
        if not added and (ch in muted_channels or e.track in muted_tracks):
            return []
        note = msg.note if ch == DRUM_CHANNEL or added else msg.note + transpose
        vel = int(round(msg.velocity * volume))
        if not 0 <= note <= 127 or vel <= 0:
            return []
        out = []
        if (ch, msg.note) in held:       # re-struck without a note off
            out.append(mido.Message("note_off", channel=ch, note=held[(ch, msg.note)][0]))
        held[(ch, msg.note)] = (note, e.track)
        out.append(msg.copy(note=note, velocity=min(127, vel)))
        return out
    if t == "note_off" or t == "note_on":
        sounding = held.pop((msg.channel, msg.note), None)
        if sounding is None:
            return []
        velocity = getattr(msg, "velocity", 0) if t == "note_off" else 0
        return [mido.Message("note_off", channel=msg.channel, note=sounding[0], velocity=velocity)]
    if t == "polytouch" and msg.channel != DRUM_CHANNEL and e.track != -1:
        note = msg.note + transpose
        return [msg.copy(note=note)] if 0 <= note <= 127 else []
    return [msg]


def chase(before: Sequence[TimedMessage]) -> list[mido.Message]:
    """The last program, controller and pitch-wheel value of each channel among ``before``:
    what restores the sound when playback jumps past them."""
    found: dict[tuple, mido.Message] = {}
    for e in before:
        m = e.message
        if m.type == "program_change":
            found[("p", m.channel)] = m
        elif m.type == "control_change" and m.control not in _CHASE_SKIP:
            found[("c", m.channel, m.control)] = m
        elif m.type == "pitchwheel":
            found[("w", m.channel)] = m
    return list(found.values())


def release(held: dict, match) -> list[mido.Message]:
    """Note-offs for the sounding notes whose (channel, track) ``match`` accepts; they leave ``held``."""
    out = []
    for key, (note, track) in list(held.items()):
        if match(key[0], track):
            del held[key]
            out.append(mido.Message("note_off", channel=key[0], note=note))
    return out
