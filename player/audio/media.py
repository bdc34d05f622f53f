"""Check a media file before the show: missing, unreadable, empty, truncated or undecodable.

:func:`probe_media` returns a short Norwegian text for the conductor, or ``None`` when the file
looks playable. It reads the file itself (existence, permission, WAV header against its size)
and asks VLC to parse it (container, tracks, duration) when libvlc is there. Compressed files
cut short (MP3, OGG, FLAC) are usually only found while playing; then the backing reports an
error event and the step goes on without sound. Main thread; takes up to ``timeout_s``.
"""

from __future__ import annotations

import time
import wave
from pathlib import Path

from player.core.model.errors import DeviceError

from .vlcengine import VlcEngine

__all__ = ["probe_media"]


def _wav_problem(p: Path) -> str | None:
    try:
        with wave.open(str(p), "rb") as w:
            need = w.getnframes() * w.getsampwidth() * w.getnchannels()
            got = len(w.readframes(w.getnframes())) if need else 0
    except (wave.Error, EOFError) as err:
        return f"{p.name}: WAV-fila er ødelagt ({err})"
    if need == 0:
        return f"{p.name}: WAV-fila har ingen lyd"
    if got < need:
        return f"{p.name}: WAV-fila er avkuttet ({got * 100 // need} % av lyden er der)"
    return None


def probe_media(path: str | Path, engine: VlcEngine | None = None, timeout_s: float = 5.0) -> str | None:
    """What is wrong with ``path`` (Norwegian, one line), or ``None`` if it can be played.

    ``engine``: an existing :class:`VlcEngine` (one per program); without one a quiet
    engine is made and closed here. Without libvlc only the file checks are done.
    """
    p = Path(path)
    if not p.exists():
        return f"{p.name}: fila finnes ikke ({p})"
    if not p.is_file():
        return f"{p.name}: er ikke en fil"
    try:
        with open(p, "rb") as f:
            head = f.read(12)
    except OSError as err:
        return f"{p.name}: fila kan ikke leses ({err.strerror})"
    if not head:
        return f"{p.name}: fila er tom"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        problem = _wav_problem(p)
        if problem:
            return problem
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
