"""Importers and exporters: ChordPro, OpenLyrics, MIDI/.kar lyrics, LRC, MusicXML → song YAML.

Entry points for the CLI are in :mod:`player.formats.commands` (``import_files``,
``export_song``, ``add_subcommands``). Every importer returns an in-memory
:class:`~player.formats.song.Song`; :func:`~player.formats.writer.write_song` writes it.
"""

from player.formats.song import Line, Section, Song, TimedLine
from player.formats.writer import song_id, to_yaml, write_song

__all__ = ["Line", "Section", "Song", "TimedLine", "song_id", "to_yaml", "write_song"]
