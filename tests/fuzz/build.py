"""Hostile inputs built in code: a small project (session, song, exercises) and raw MIDI and
WAV files laid out byte by byte, so a case can be exactly as broken as the issue reports."""

from __future__ import annotations

import struct
from pathlib import Path

SESSION = """\
version: 1
title: Økt
defaults: {tempo_scale: 1.0, transpose: 0}
steps:
  - text: Velkommen
  - exercise: pust
    repeats: 2
  - exercise: puls
  - song: testsang
    verses: [1]
  - pause: Kaffe
    duration: 10min
"""

SONG = """\
version: 1
title: Testsang
meter: 4/4
tempo: 100
key: G
timing:
  - [0, 4]
  - [4, 4]
sections:
  - id: v1
    lines:
      - "[G]Ro, ro, ro din [D]båt"
      - text: "ro den over vann"
        words: [0, 1, 2, 3]
"""

BREATHING = """\
version: 1
title: Pust
kind: breathing
instructions: [Pust inn., Pust ut.]
repeats: 3
breathing:
  - {phase: inhale, seconds: 4}
  - {phase: exhale, seconds: 6}
"""

PULSE = """\
version: 1
title: Puls
kind: pulse
instructions: Klapp med.
tempo: 90
meter: 4/4
count_in_bars: 1
call_bars: 1
response_bars: 1
patterns: ["x . x .", "x x x ."]
"""


def project(root: Path, session: str = SESSION, song: str = SONG, breathing: str = BREATHING,
            pulse: str = PULSE) -> Path:
    """A project in ``root``: s.yaml, songs/testsang.yaml, exercises/{pust,puls}.yaml."""
    (root / "songs").mkdir(exist_ok=True)
    (root / "exercises").mkdir(exist_ok=True)
    (root / "songs" / "testsang.yaml").write_text(song, encoding="utf-8", errors="surrogatepass")
    (root / "exercises" / "pust.yaml").write_text(breathing, encoding="utf-8", errors="surrogatepass")
    (root / "exercises" / "puls.yaml").write_text(pulse, encoding="utf-8", errors="surrogatepass")
    path = root / "s.yaml"
    path.write_text(session, encoding="utf-8", errors="surrogatepass")
    return path


# --- MIDI, byte by byte -------------------------------------------------------------------
def varlen(n: int) -> bytes:
    out = [n & 0x7F]
    n >>= 7
    while n:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    return bytes(reversed(out))


def track(*events: tuple[int, bytes]) -> bytes:
    """A track chunk from (delta ticks, event bytes) pairs; end of track added."""
    body = b"".join(varlen(d) + e for d, e in events) + b"\x00\xff\x2f\x00"
    return b"MTrk" + struct.pack(">I", len(body)) + body


def smf(*tracks: bytes, fmt: int = 1, division: int = 480) -> bytes:
    return b"MThd" + struct.pack(">IHHH", 6, fmt, len(tracks), division & 0xFFFF) + b"".join(tracks)


def tempo(us_per_beat: int) -> bytes:
    return b"\xff\x51\x03" + us_per_beat.to_bytes(3, "big")


def time_signature(num: int, denom_power: int) -> bytes:
    return bytes([0xFF, 0x58, 0x04, num, denom_power, 24, 8])


def lyric(text: str) -> bytes:
    data = text.encode("latin-1")
    return b"\xff\x05" + varlen(len(data)) + data


NOTES = ((0, b"\x90\x3c\x64"), (480, b"\x80\x3c\x00"), (0, b"\x90\x3e\x64"), (480, b"\x80\x3e\x00"))


def midi_file(*, tempo_us: int = 500_000, ts: tuple[int, int] = (4, 2), division: int = 480,
              notes=NOTES, extra: tuple = ()) -> bytes:
    """A two-track file: tempo and meter, then notes (and ``extra`` events after them)."""
    return smf(track((0, tempo(tempo_us)), (0, time_signature(*ts))), track(*notes, *extra),
               division=division)


def kar_lyrics(n: int) -> bytes:
    """A .kar-like file with ``n`` syllables, one tick apart."""
    events = [(0, b"\x90\x3c\x64")] + [(1, lyric(f"la{i % 10} ")) for i in range(n)] + [(1, b"\x80\x3c\x00")]
    return smf(track((0, tempo(500_000)), (0, time_signature(4, 2))), track(*events))


# --- WAV, byte by byte --------------------------------------------------------------------
KSDATAFORMAT_PCM = bytes.fromhex("0100000000001000800000aa00389b71")
KSDATAFORMAT_FLOAT = bytes.fromhex("0300000000001000800000aa00389b71")


def wav(path: Path, *, channels: int = 1, rate: int = 8000, bits: int = 16, tag: int = 1,
        subformat: bytes = KSDATAFORMAT_PCM, seconds: float = 0.5, data_bytes: int | None = None,
        sparse: bool = False) -> Path:
    """A WAV file; ``tag`` 1 PCM, 3 float, 0xFFFE extensible (with ``subformat``). ``data_bytes``
    overrides the data size the header claims; ``sparse`` makes a huge file without writing it."""
    block = channels * bits // 8
    frames = int(seconds * rate)
    size = frames * block
    if tag == 0xFFFE:
        fmt = struct.pack("<HHIIHHHHI", tag, channels, rate, rate * block, block, bits, 22, bits,
                          (1 << channels) - 1) + subformat
    else:
        fmt = struct.pack("<HHIIHH", tag, channels, rate, rate * block, block, bits)
    claimed = size if data_bytes is None else data_bytes
    head = (b"RIFF" + struct.pack("<I", min(0xFFFFFFFF, 4 + 8 + len(fmt) + 8 + claimed)) + b"WAVE"
            + b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", min(0xFFFFFFFF, claimed)))
    with open(path, "wb") as f:
        f.write(head)
        if sparse:
            f.truncate(len(head) + size)
        else:
            import math
            one = b"".join(int(0.3 * 2 ** (bits - 1) * math.sin(i / 3)).to_bytes(bits // 8, "little", signed=True)
                           for i in range(64)) if tag != 3 else b"".join(struct.pack("<f", 0.3 * math.sin(i / 3))
                                                                          for i in range(64))
            frame_bytes = b"".join(one[j * bits // 8:(j + 1) * bits // 8] * channels for j in range(64))
            data = (frame_bytes * (size // len(frame_bytes) + 1))[:size]
            f.write(data)
    return path
