"""Builds the adapters the loader and the show are handed: the MIDI lyrics reader, the media
probe (one quiet VLC engine), the loader for a session's library and the songbook. The CLI
and the live show both take them from here, so neither imports the other. Main thread only."""

from __future__ import annotations

from pathlib import Path

from player.core.model.data import Session
from player.core.model.settings import Settings
from player.core.script.library import Library
from player.core.script.loader import Loader, load_session

__all__ = ["midi_lyrics_reader", "media_probe", "loader", "load_session_file", "songbook"]


def midi_lyrics_reader():
    """The function that reads lyrics from a MIDI file."""
    from player.midi.sections import sections_from_midi
    return sections_from_midi


def media_probe():
    """A check that audio and video files can be played, with one quiet VLC engine for all of
    them (made on first use); without VLC, the file checks only (the show then says VLC is missing)."""
    from player.audio import VlcEngine, probe_media
    from player.core.model.errors import DeviceError

    engine: list = []

    def probe(path):
        if not engine:
            try:
                engine.append(VlcEngine("adummy"))
            except DeviceError:
                engine.append(None)
        return probe_media(path, engine[0])
    return probe


def load_session_file(path: Path, config: Settings) -> Session:
    """Load and check a session with every adapter the checks use; raises ScriptError."""
    from player.midi.cues import cue_problems
    from player.midi.song import midi_problem

    library = Library.for_session(path, config.library_dirs)
    count_in = config.midi.count_in_bars
    return load_session(path, library, count_in_bars=count_in, midi_lyrics_reader=midi_lyrics_reader(),
                        media_probe=media_probe(), cue_checker=cue_problems,
                        midi_probe=midi_problem)


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
