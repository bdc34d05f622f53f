"""Check a media file before the show: missing, unreadable, empty, truncated or undecodable.

:func:`probe_media` returns a short Norwegian text for the conductor, or ``None`` when the file
looks playable. It opens the file through the reading layer (a regular file only: a FIFO,
device, folder or symlink loop is named, never waited on), reads a WAV file's chunk headers
(never its sound: a three-hour file costs a few reads) and asks VLC to parse the file
(container, tracks, duration) when libvlc is there. Every WAV layout VLC plays passes the
header check: PCM of any width, float, A-law/µ-law, ADPCM and WAVE_FORMAT_EXTENSIBLE with any
number of channels; only a broken structure, a cut-off data part or no sound is refused.
Compressed files cut short (MP3, OGG, FLAC) are usually only found while playing; then the
backing reports an error event and the step goes on without sound. Main thread; takes up to
``timeout_s``.
"""

from __future__ import annotations

import os
import struct
import time
from pathlib import Path
from typing import BinaryIO

from player.core.model.errors import DeviceError
from player.core.model.files import FileRefused, open_binary

from .vlcengine import VlcEngine

__all__ = ["probe_media", "wav_problem"]

MAX_WAV_CHUNKS = 1000          # chunks before 'data' (LIST, bext, junk...); more is not a WAV file
_STREAMING = (0, 0xFFFFFFFF)   # a data size some recorders leave for "to the end of the file"
_WHY = {
    "missing": "fila finnes ikke ({path})",
    "not-regular": "er ikke en vanlig fil (en mappe, en FIFO eller en enhet): pek på selve fila",
    "loop": "lenken peker i ring (en symbolsk lenke til seg selv): rett lenken",
    "bad-name": "filnavnet eller stien er for lang eller ugyldig",
    "denied": "fila kan ikke leses (mangler tilgang: sjekk eier og rettigheter)",
    "too-big": "fila er for stor",
    "os-error": "fila kan ikke leses (lesefeil: sjekk disken)",
}


def wav_problem(f: BinaryIO, size: int, name: str) -> str | None:
    """What is wrong with the RIFF/WAVE file open in ``f`` (``size`` bytes long), by its chunk
    headers only; ``None`` when its structure is sound."""
    f.seek(12)
    pos, fmt, data = 12, None, None          # data: (offset, claimed size)
    for _ in range(MAX_WAV_CHUNKS):
        head = f.read(8)
        if len(head) < 8:
            break
        cid, length = head[:4], struct.unpack("<I", head[4:])[0]
        if cid == b"fmt ":
            fmt = f.read(min(length, 64))
        elif cid == b"data":
            data = (pos + 8, length)
            break
        pos += 8 + length + (length & 1)      # chunks are padded to an even size
        if pos >= size:
            break
        f.seek(pos)
    if fmt is None or len(fmt) < 16:
        return f"{name}: WAV-fila er ødelagt (mangler formatdelen «fmt»)"
    tag, channels, rate, _, block, bits = struct.unpack("<HHIIHH", fmt[:16])
    if channels == 0 or rate == 0 or block == 0:
        return f"{name}: WAV-fila er ødelagt (formatdelen sier {channels} kanaler, {rate} Hz, blokk {block})"
    if data is None:
        return f"{name}: WAV-fila er ødelagt (mangler lyddelen «data»)"
    at, claimed = data
    here = max(0, size - at)
    if claimed in _STREAMING:
        claimed = here                        # written while recording: the sound runs to the end
    if claimed < block or here < block:
        return f"{name}: WAV-fila har ingen lyd"
    if here < claimed:
        return f"{name}: WAV-fila er avkuttet ({here * 100 // claimed} % av lyden er der)"
    return None


def probe_media(path: str | Path, engine: VlcEngine | None = None, timeout_s: float = 5.0,
                vlc_missing: str | None = None) -> str | None:
    """What is wrong with ``path`` (Norwegian, one line), or ``None`` if it can be played.

    ``engine``: an existing :class:`VlcEngine` (one per program); without one a quiet
    engine is made and closed here. Without libvlc only the file checks are done, and a file
    that passes them is ``vlc_missing`` (the words saying what to install), or None when
    the caller has not asked for that.
    """
    p = Path(path)
    try:
        with open_binary(p, "audio") as f:
            size = os.fstat(f.fileno()).st_size
            head = f.read(12)
            if not head:
                return f"{p.name}: fila er tom"
            if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
                problem = wav_problem(f, size, p.name)
                if problem:
                    return problem
    except FileRefused as err:
        return f"{p.name}: " + _WHY.get(err.why, "fila kan ikke leses").format(path=err.path)
    except OSError:
        return f"{p.name}: " + _WHY["os-error"]
    if vlc_missing is not None:
        return f"{p.name}: {vlc_missing}"
    own = engine is None
    try:
        engine = engine or VlcEngine("adummy")
    except DeviceError:
        return None            # cannot check deeper; the show will run without VLC anyway
    try:
        return _vlc_problem(engine, p, timeout_s)
    finally:
        if own:
            engine.close()


def _vlc_problem(engine: VlcEngine, p: Path, timeout_s: float) -> str | None:
    vlc = engine.vlc
    media = engine.media(str(p))
    media.parse_with_options(vlc.MediaParseFlag.local, int(timeout_s * 1000))
    t0 = time.monotonic()
    status = media.get_parsed_status()
    while not status and time.monotonic() - t0 < timeout_s:
        time.sleep(0.01)
        status = media.get_parsed_status()
    try:
        if status != vlc.MediaParsedStatus.done:
            return f"{p.name}: VLC kan ikke lese fila ({status})"
        tracks = [t for t in (media.tracks_get() or ()) if t.type in (vlc.TrackType.audio, vlc.TrackType.video)]
        if not tracks:
            return f"{p.name}: fila har verken lyd eller bilde VLC kan spille"
        if media.get_duration() <= 0:
            return f"{p.name}: fila har ingen lengde (ødelagt eller avkuttet?)"
        return None
    finally:
        media.release()
