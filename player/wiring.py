"""Builds the adapters the loader and the show are handed: the MIDI lyrics reader, the media
probe (one quiet VLC engine), the MIDI check (each file's verdict remembered by its content),
the loader for a session's library and the songbook. The CLI and the live show both take them
from here, so neither imports the other. Each adapter imports its device library on first use,
so checking a script loads only what that script needs before the show's first frame. Main
thread, except :func:`songbook`, which only reads files (the show runs it on its worker)."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import stat
from pathlib import Path

from player.core.model.data import Session
from player.core.model.places import user_places
from player.core.model.settings import Settings
from player.core.script.library import Library
from player.core.script.loader import Loader, load_session

__all__ = ["midi_lyrics_reader", "media_probe", "loader", "load_session_file", "songbook", "cue_checker",
           "RememberedMidiCheck", "follow_performance"]

log = logging.getLogger("helsekor")


def midi_lyrics_reader():
    """The function that reads lyrics from a MIDI file (its module imported on first use)."""
    def read(*args, **kw):
        from player.midi.sections import sections_from_midi
        return sections_from_midi(*args, **kw)
    return read


def cue_checker(*args, **kw):
    """:func:`player.midi.cues.cue_problems`, imported when a song has cues."""
    from player.midi.cues import cue_problems
    return cue_problems(*args, **kw)


def media_probe():
    """A check that audio and video files can be played, with one quiet VLC engine for all of
    them (made on first use). Without VLC a recording or film is refused, the words naming what
    to install on this system; a session without them needs no VLC."""
    engine: list = []

    def probe(path):
        from player.audio import VlcEngine, missing_vlc, probe_media   # only a session with media needs VLC
        from player.core.model.errors import DeviceError
        if not engine:
            try:
                engine.append(VlcEngine("adummy"))
            except DeviceError:
                engine.append(None)
        if engine[0] is None:
            return probe_media(path, None, vlc_missing=missing_vlc())
        return probe_media(path, engine[0])
    return probe


class RememberedMidiCheck:
    """:func:`player.midi.song.midi_problem` with each verdict remembered in ``folder`` by the
    file's content (SHA-256) and the checking code's (``player/midi/song.py`` and the installed
    mido), so the same files are not parsed again at every launch: a changed file, a new mido
    or a changed check is checked afresh. A file that cannot be read, or no folder, is simply
    checked. ``save()`` writes what was learnt (main thread)."""

    FILE = "midi-checks.json"

    def __init__(self, folder: Path | None):
        self.path = folder / self.FILE if folder is not None else None
        self._known: dict[str, str | None] = {}
        self._changed = False
        self._code = _code_fingerprint()
        if self.path is not None:
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                same = isinstance(data, dict) and "code" in data and data["code"] == self._code and "files" in data
                if same and isinstance(data["files"], dict):
                    self._known = {k: v for k, v in data["files"].items() if v is None or isinstance(v, str)}
            except (OSError, ValueError):
                pass

    def __call__(self, path: Path) -> str | None:
        key = _content_key(path)
        if key is not None and key in self._known:
            return self._known[key]
        from player.midi.song import midi_problem
        problem = midi_problem(path)
        if key is not None:
            self._known[key] = problem
            self._changed = True
        return problem

    def save(self) -> None:
        if self.path is None or not self._changed:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps({"code": self._code, "files": self._known}), encoding="utf-8")
            os.replace(tmp, self.path)
            self._changed = False
        except OSError as err:
            log.info("the MIDI checks could not be remembered in %s: %s", self.path, err)


def _content_key(path: Path) -> str | None:
    """SHA-256 of a regular file of at most 1 MB (the MIDI limit), else None (checked afresh)."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_size > 1 << 20:   # never open a FIFO or a device
            return None
        with open(path, "rb") as f:
            return hashlib.sha256(f.read(1 << 20)).hexdigest()
    except OSError:
        return None


def _code_fingerprint() -> str:
    digest = hashlib.sha256()
    spec = importlib.util.find_spec("player.midi.song")
    for origin in (spec.origin if spec else None, _mido_origin()):
        try:
            digest.update(Path(origin).read_bytes() if origin else b"-")
            digest.update(str(os.stat(origin).st_mtime_ns).encode() if origin else b"")
        except OSError:
            digest.update(b"?")
    return digest.hexdigest()


def _mido_origin() -> str | None:
    spec = importlib.util.find_spec("mido")
    return spec.origin if spec else None


def load_session_file(path: Path, config: Settings, remember: bool = True, cache_dir: Path | None = None) -> Session:
    """Load and check a session with every adapter the checks use; raises ScriptError.
    ``remember``: MIDI verdicts are kept in ``cache_dir``, by default the user's cache folder
    (:func:`player.core.model.places.user_places`; see :class:`RememberedMidiCheck`)."""
    library = Library.for_session(path, config.library_dirs)
    count_in = config.midi.count_in_bars
    folder = (user_places().cache if cache_dir is None else cache_dir) if remember else None
    midi_check = RememberedMidiCheck(folder)
    try:
        return load_session(path, library, count_in_bars=count_in, midi_lyrics_reader=midi_lyrics_reader(),
                            media_probe=media_probe(), cue_checker=cue_checker, midi_probe=midi_check)
    finally:
        midi_check.save()


def loader(library: Library) -> Loader:
    """A loader for songs and exercises one by one (the list, the songbook), MIDI files checked."""
    from player.midi.song import midi_problem

    return Loader(library, midi_lyrics_reader=midi_lyrics_reader(), midi_probe=midi_problem)


def songbook(session: Session, config: Settings) -> tuple:
    """Every song that can be used with this session (and loads without problems), by title."""
    library = Library.for_session(session.path, config.library_dirs)
    songs_loader = loader(library)
    songs = [songs_loader.song(path) for path in library.all("song").values()]
    return tuple(sorted((s for s in songs if s is not None), key=lambda s: s.title.lower()))


def follow_performance(song_file: Path, performance: Path, out: Path, guide_channel: int = 1) -> tuple[str, int]:
    """``helsekor follow``: a recorded performance through the score follower, positions to
    ``out`` (see :mod:`player.midi.follow_file`). Returns (the song's title, notes followed)."""
    from player.core.script.loader import load_song
    from player.midi.follow_file import follow_file

    song = load_song(song_file)
    return song.title, follow_file(song, performance, out, guide_channel)
