"""Where a seek in a FLAC file lands, so the clock can be told before VLC says. Pure but for
reading a FLAC header through the one reading layer.

VLC plays FLAC through libavformat (``OPTIONS_BY_SUFFIX`` in :mod:`latency`), whose seek
goes to a frame boundary: the sound after ``set_time(ms)`` runs on the line "the first frame
boundary at or after ``ms`` is due out 11 ms after the call" (measured, VLC 3.0.24, with a
ramp whose sample values give the position: block sizes 4096 and 1152, with and without a
SEEKTABLE, forward and back, ±1.7 ms; a request within 1 ms of a boundary may land on either
side of it). VLC's first time report after the seek comes only 270–300 ms later, often after
the first beat, so without a plan the clock is off by up to a frame (93 ms) at that beat.
VLC's own FLAC demuxer is worse: it lands 1–2 frames past the boundary, which one depends on
the file (172–250 ms past the target), and its reports lag the same 300 ms.

:func:`plan_seek` asks for the middle of the frame before the target's frame boundary, so the
sound lands on the boundary at or before the target (never past it: the bar's first beat is
heard) and the clock knows where. Units: seconds, except ``request_ms`` (VLC's milliseconds).
"""

from __future__ import annotations

import math
import struct
from pathlib import Path
from typing import NamedTuple

from player.core.model.files import FileRefused, open_binary

__all__ = ["SeekPlan", "plan_seek", "flac_frame_s"]


class SeekPlan(NamedTuple):
    request_ms: int      # what to hand to ``set_time`` / ``:start-time``
    lands_s: float       # file seconds of the first sound after the seek


def plan_seek(target_s: float, frame_s: float | None) -> SeekPlan:
    """Where to ask VLC to go for ``target_s`` and where the sound will start.

    ``frame_s``: the file's fixed frame length (``flac_frame_s``), or ``None`` when the
    landing is not known in advance (other formats): then the request is the target."""
    target_s = max(0.0, target_s)
    if not frame_s or frame_s <= 0:
        return SeekPlan(int(round(target_s * 1000)), target_s)
    k = math.floor(target_s / frame_s + 1e-9)
    if k == 0:
        return SeekPlan(0, 0.0)
    return SeekPlan(int(round((k - 0.5) * frame_s * 1000)), k * frame_s)


def flac_frame_s(path: str | Path) -> float | None:
    """Frame length in seconds of a fixed-block-size FLAC file (STREAMINFO's block size over
    its sample rate), or ``None`` when the file is not FLAC, the block size varies or the
    header cannot be read (a FIFO or device named ``.flac`` is refused, never waited on)."""
    try:
        with open_binary(path, "audio") as f:
            head = f.read(4 + 4 + 34)
    except (FileRefused, OSError):
        return None
    if len(head) < 42 or head[:4] != b"fLaC" or head[4] & 0x7F != 0:
        return None
    info = head[8:42]
    min_block, max_block = struct.unpack(">HH", info[:4])
    rate = int.from_bytes(info[10:13], "big") >> 4
    if min_block != max_block or min_block < 16 or rate <= 0:
        return None
    return min_block / rate
