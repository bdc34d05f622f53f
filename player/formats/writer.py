"""Write an in-memory :class:`~player.formats.song.Song` as song YAML (docs/script-format.md).

The text is laid out by hand so a conductor can read and edit it: inline ``[G]`` chords,
one mapping per line with ``start``/``length`` in beats (from the section start) and optional
``words`` (beat offsets from the line start). What the format has no key for (capo, comments,
what the import dropped, "the timing is estimated") goes into ``#`` comments, since the loader
rejects unknown keys; a subtitle goes first in ``credits`` (shown with the title) and into a
``# subtitle:`` comment, so an export gives it back as ``{subtitle}``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import unicodedata
from pathlib import Path

from player.core.model.errors import MediaError

from player.formats.fit import fit_to_format
from player.formats.safeio import AUDIO_LIMIT, SOURCE_LIMIT, reason, write_new
from player.formats.song import Line, Song
from player.formats.text import clean_block
from player.core.model.messages import N_, tr

__all__ = ["song_id", "to_yaml", "write_song", "inline_chords", "fit_to_format", "with_subtitle", "ESTIMATED_MARK"]

ESTIMATED_MARK = "# timing: estimated"
#: in the error when a staged song fails the loader's check: a bug in an importer (the tests look for it)
CHECK_FAILED = N_("does not pass «helsekor check»")


def song_id(title: str) -> str:
    """File stem for a title: ``"Ro, ro, ro din båt"`` → ``"ro-ro-ro-din-bat"``."""
    text = title.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a").replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:60].strip("-") or "sang"


def inline_chords(line: Line) -> str:
    """The line's text with its chords written inline: ``[G]Ro, ro, ro din [C]båt``."""
    out: list[str] = []
    position = 0
    for index, name in sorted(line.chords, key=lambda chord: chord[0]):
        index = max(0, min(index, len(line.text)))
        out.append(line.text[position:index])
        out.append(f"[{name}]")
        position = index
    out.append(line.text[position:])
    return "".join(out)


def with_subtitle(song: Song) -> str | None:
    """The credits as written: a subtitle (ChordPro ``{subtitle}``, often the poet or "Folketone")
    first, then the credits, at most 500 characters (the format's limit)."""
    parts = [p for p in (song.subtitle, song.credits) if p]
    if len(parts) == 2 and parts[0] in parts[1]:
        parts = parts[1:]
    return " · ".join(parts)[:500].strip() or None


def _str(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _num(value: float) -> str:
    value = round(float(value), 4)
    return str(int(value)) if value == int(value) else repr(value)


def imported_from(source: Path) -> str:
    """The first line of an imported song file: which file it came from (``made_from`` reads it)."""
    return f"Importert fra {source.name} med «helsekor import»."


def _comment(text: str, indent: str = "") -> list[str]:
    """``#`` lines for ``text``, cleaned of what a YAML file may not hold."""
    return [f"{indent}# {part}".rstrip() for part in clean_block(text) or [""]]


def to_yaml(song: Song, midi_name: str | None = None, audio_name: str | None = None) -> str:
    """The song YAML text for ``song``; ``midi_name``/``audio_name`` are file names beside it."""
    out: list[str] = []
    if song.source is not None:
        out.extend(_comment(imported_from(song.source)))
    if song.estimated:
        out.append(ESTIMATED_MARK + " (anslått: kilden har ingen tider; én linje per takt-gruppe)")
    if song.subtitle:
        out.extend(_comment(f"subtitle: {song.subtitle}"))
    if song.capo:
        out.append(f"# capo: {song.capo}")
    for text in song.comments:
        out.extend(_comment(text))
    for note in song.notes:
        out.extend(_comment(f"Ikke overført: {note}"))
    out.append("version: 1")
    out.append(f"title: {_str(song.title)}")
    credits = with_subtitle(song)
    if credits:
        out.append(f"credits: {_str(credits)}")
    out.append(f"meter: {song.meter}")
    out.append(f"tempo: {_num(song.tempo)}")
    if song.key:
        out.append(f"key: {_str(song.key)}")
    if midi_name:
        out.append(f"midi: {_str(midi_name)}")
    if audio_name:
        out.append(f"audio: {_str(audio_name)}")
        out.append(f"audio_start: {_num(song.audio_start or 0)}")
    out.append("sections:")
    for section in song.sections:
        out.append(f"  - id: {_str(section.id)}")
        for text in section.comments:
            out.extend(_comment(text, "    "))
        out.append(f"    name: {_str(section.name)}")
        out.append(f"    kind: {section.kind}")
        if section.bars is not None:
            out.append(f"    bars: {section.bars}")
        out.append("    lines:")
        for line in section.lines:
            out.append(f"      - text: {_str(inline_chords(line))}")
            if line.start is not None:
                out.append(f"        start: {_num(line.start)}")
            if line.length is not None:
                out.append(f"        length: {_num(line.length)}")
            if line.words:
                out.append("        words: [" + ", ".join(_num(w) for w in line.words) + "]")
            if line.cue:
                out.append(f"        cue: {_str(line.cue)}")
    listed = [section.id for section in song.sections]
    if song.order and song.order != listed:
        out.append("order: [" + ", ".join(_str(item) for item in song.order) + "]")
    return "\n".join(out) + "\n"


def _stage(song: Song, stage: Path, stem: str) -> list[Path]:
    """Write the song's files under their final names into the staging folder ``stage``."""
    written: list[Path] = []
    midi_name = audio_name = None
    if song.midi_bytes is not None or song.midi_source is not None:
        midi_name = f"{stem}.mid"
        if song.midi_bytes is not None:
            written.append(write_new(stage, midi_name, data=song.midi_bytes))
        else:
            written.append(write_new(stage, midi_name, source=song.midi_source, limit=SOURCE_LIMIT))
    if song.audio_source is not None:
        audio_name = f"{stem}{song.audio_source.suffix.lower()}"
        written.append(write_new(stage, audio_name, source=song.audio_source, limit=AUDIO_LIMIT))
    yaml_text = to_yaml(song, midi_name, audio_name)
    written.insert(0, write_new(stage, f"{stem}.yaml", data=yaml_text.encode("utf-8")))
    return written


def _check(path: Path) -> None:
    """The loader's own check of a staged song file; a failure is a bug in an importer."""
    from player.core.model.errors import ScriptError
    from player.core.script.library import Library
    from player.core.script.loader import load_song

    try:
        load_song(path, Library.for_session(path, (), project_root=path.parent))
    except ScriptError as err:
        first = err.problems[0].message if err.problems else str(err)
        raise MediaError(tr('the import made a song file that {CHECK_FAILED} ({first}); report the file, so that the import gets fixed', CHECK_FAILED=tr(CHECK_FAILED), first=first)) from err


def write_song(song: Song, out_dir: Path, stem: str | None = None, replace: bool = False) -> list[Path]:
    """Write ``STEM.yaml`` (and ``STEM.mid`` / the audio file) into ``out_dir``.

    Returns the paths written. Without ``replace`` an existing name (a dangling symlink too) is
    never overwritten: the stem gets ``-2``, ``-3``… instead; with it the song's files of that
    stem are replaced (the old ones come back if anything fails). The files are written into a
    hidden staging folder in ``out_dir`` (each fsynced), the YAML is checked by the loader, and
    only then are they renamed into place; on any error nothing is left behind. Raises
    :class:`~player.core.model.errors.MediaError` (folder not writable, disk full, source not a
    regular file) or :class:`ValueError` (the song cannot be brought within the format).
    """
    fit_to_format(song)
    out_dir = Path(out_dir)
    if os.path.lexists(out_dir) and not out_dir.is_dir():
        raise MediaError(tr('{out_dir}: exists and is not a folder (--out must be a folder)', out_dir=out_dir))
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        stage = Path(tempfile.mkdtemp(prefix=".helsekor-import-", dir=out_dir))
    except OSError as err:
        raise MediaError(tr('{out_dir}: cannot write in the folder ({reason})', out_dir=out_dir, reason=reason(err))) from err
    base = stem or song_id(song.title)
    stem = base
    counter = 1
    audio_suffix = song.audio_source.suffix.lower() if song.audio_source else ""
    while not replace and any(os.path.lexists(out_dir / f"{stem}{ext}") for ext in (".yaml", ".mid", audio_suffix) if ext):
        counter += 1
        stem = f"{base}-{counter}"
    placed: list[Path] = []
    kept: list[tuple[Path, Path]] = []              # (old file moved aside, where it was)
    try:
        staged = _stage(song, stage, stem)
        _check(staged[0])
        for path in staged[1:] + staged[:1]:        # the YAML last: it names the others
            target = out_dir / path.name
            if os.path.lexists(target):
                if not replace:
                    raise MediaError(tr('{target}: already exists (written by something else at the same time)', target=target))
                aside = stage / f".old-{path.name}"
                os.replace(target, aside)
                kept.append((aside, target))
            os.replace(path, target)
            placed.append(target)
    except BaseException as err:
        for target in placed:                       # all or nothing
            try:
                target.unlink()
            except OSError:
                pass
        for aside, target in kept:                  # the old song back as it was
            try:
                os.replace(aside, target)
            except OSError:
                pass
        if isinstance(err, OSError):
            raise MediaError(tr('{out_dir}: cannot write the song files ({reason})', out_dir=out_dir, reason=reason(err))) from err
        raise
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return placed[-1:] + placed[:-1]
