"""Read a song YAML back into a :class:`~player.formats.song.Song` (for export).

This is a tolerant reader, not the validator: ``player.core.script.loader.load_song`` checks the file
(``export_song`` runs it first when it exists). A song with ``lyrics: from-midi`` takes its
lines from the MIDI file through :mod:`player.formats.kar`.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from player.core.model.errors import ScriptError
from player.core.script.lyrictext import lyric_blocks
from player.formats.chordpro import split_chords
from player.formats.sections import section_label
from player.formats.song import Line, Section, Song
from player.formats.text import read_text
from player.core.model.messages import tr

__all__ = ["read_song_yaml"]


def _line(item: object, default: list | None, index: int) -> Line:
    if isinstance(item, str):
        text, chords = split_chords(item)
        start = length = None
        if default and index < len(default):
            start, length = default[index]
        return Line(text=text, chords=chords, start=start, length=length)
    if isinstance(item, dict):
        text, chords = split_chords(str(item.get("text", "")))
        return Line(text=text, chords=chords, start=item.get("start"), length=item.get("length"),
                    words=item.get("words"), cue=item.get("cue"))
    raise ValueError(tr("a line must be text or a mapping, not {kind}", kind=type(item).__name__))


def read_song_yaml(path: Path) -> Song:
    """The song in ``path`` as an in-memory song; comments ``# subtitle:``/``# capo:`` are read too."""
    text = read_text(path)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise ScriptError.single(path, tr('invalid YAML: {getattr}', getattr=getattr(err, 'problem', err)),
                                 line=mark.line + 1 if mark else 1, column=mark.column + 1 if mark else 1) from err
    if not isinstance(data, dict) or "title" not in data:
        raise ScriptError.single(path, tr('is not a song file (no title)'))
    song = Song(title=str(data["title"]), credits=data.get("credits"), meter=str(data.get("meter", "4/4")),
                tempo=float(data.get("tempo", 100)), key=data.get("key"), source=path)
    for raw in text.splitlines():
        if raw.startswith("# subtitle: "):
            song.subtitle = raw[len("# subtitle: "):]
        elif raw.startswith("# capo: ") and raw[8:].strip().isdigit():
            song.capo = int(raw[8:])
    if data.get("lyrics") == "from-midi" and data.get("midi"):
        from player.formats.kar import read_midi_lyrics

        imported = read_midi_lyrics(path.parent / str(data["midi"]))
        song.sections = imported.sections
        return song
    default = data.get("timing")
    sections = data.get("sections") or []
    if isinstance(data.get("lyrics"), str) and data["lyrics"] != "from-midi":     # the words as text
        blocks, order = lyric_blocks(data["lyrics"])
        sections = [{"id": b.id, "name": section_label(b.kind, int(b.id[1:]) if b.kind == "verse" else None), "kind": b.kind,
                     "lines": list(b.lines)} for b in blocks]
        data.setdefault("order", order if order != [b.id for b in blocks] else None)
    try:
        for number, raw_section in enumerate(sections, start=1):
            sid = str(raw_section.get("id", f"s{number}"))
            section = Section(id=sid, name=str(raw_section.get("name", sid)),
                              kind=str(raw_section.get("kind", "verse")), bars=raw_section.get("bars"))
            section.lines = [_line(item, default, i) for i, item in enumerate(raw_section.get("lines") or [])]
            song.sections.append(section)
    except (KeyError, TypeError, ValueError) as err:
        raise ScriptError.single(path, tr('sections: cannot read the sections ({err})', err=err)) from err
    order = data.get("order")
    song.order = [str(item) for item in order] if order else None
    return song
