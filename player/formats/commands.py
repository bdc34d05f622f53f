"""``helsekor import`` and ``helsekor export``: what the CLI calls.

- :func:`import_files` picks the importer by file suffix (and content for ``.xml``), writes one
  song YAML (plus its MIDI/audio file) per input into ``out_dir`` and returns one
  :class:`ImportReport` each; a bad file gives a report with ``error`` set, never a traceback.
- :func:`export_song` writes a song YAML as ChordPro, atomically; never over the song itself,
  over another existing file only with ``--force``.
- :func:`add_subcommands` adds both to an argparse subparsers object; the handlers return exit
  codes 0 (ok), 1 (a file could not be imported/exported), 2 (usage).
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path

from player.core.model.errors import HelsekorError, MediaError, ScriptError
from player.formats.safeio import LIMITS, SOURCE_LIMIT, check_regular, read_limited, write_new
from player.formats.song import Song
from player.formats.writer import _comment, imported_from, song_id, write_song
from player.core.model.messages import N_, tr

__all__ = ["ImportReport", "import_files", "import_song", "export_song", "add_subcommands", "FORMATS"]

INTERNAL = N_("internal error in the import")
FORMATS = {
    ".cho": "chordpro", ".chordpro": "chordpro", ".crd": "chordpro", ".pro": "chordpro", ".chopro": "chordpro",
    ".kar": "midi", ".mid": "midi", ".midi": "midi", ".lrc": "lrc", ".musicxml": "musicxml", ".mxl": "musicxml",
    ".txt": "text", ".text": "text",
}


@dataclass
class ImportReport:
    """What one import did: ``written`` files, ``dropped`` (what was not carried over), ``error``."""

    source: Path
    format: str
    written: list[Path] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    estimated: bool = False
    error: str | None = None
    replaced: bool = False      # an earlier import's song of this source was updated

    @property
    def ok(self) -> bool:
        return self.error is None

    def __str__(self) -> str:
        if self.error:
            return f"FEIL {self.error}"
        lines = [f"{self.source} ({self.format}) → " + ", ".join(str(p) for p in self.written)
                 + (tr(" (updated)") if self.replaced else "")]
        if self.estimated:
            lines.append("  " + tr("the times are estimated (the source has none)"))
        lines.extend("  " + tr("not carried over: {item}", item=item) for item in self.dropped)
        return "\n".join(lines)


def detect_format(path: Path) -> str:
    """``chordpro`` | ``openlyrics`` | ``midi`` | ``lrc`` | ``musicxml`` | ``text`` for a file, by suffix and content."""
    suffix = path.suffix.lower()
    if suffix in FORMATS:
        return FORMATS[suffix]
    if suffix == ".xml":
        head = read_limited(path, SOURCE_LIMIT)[:4000]
        if b"score-partwise" in head or b"score-timewise" in head:
            return "musicxml"
        return "openlyrics"
    raise ScriptError.single(path, tr('unknown file type «{suffix}» (can read {sorted})', suffix=suffix, sorted=', '.join(sorted(set(FORMATS) | {'.xml'}))))


def import_song(path: Path) -> tuple[str, Song]:
    """Read one file into an in-memory song; raises ScriptError/MediaError naming the file.

    Only a regular file within its format's cap (:data:`~player.formats.safeio.LIMITS`) is read
    (a FIFO, a device, a directory is refused before a byte is read)."""
    if not os.path.lexists(path):
        raise MediaError(tr('{path}: the file does not exist', path=path))
    fmt = detect_format(path)
    check_regular(path, LIMITS[fmt])
    if fmt == "chordpro":
        from player.formats.chordpro import read_chordpro as reader
    elif fmt == "openlyrics":
        from player.formats.openlyrics import read_openlyrics as reader
    elif fmt == "midi":
        from player.formats.kar import read_midi_lyrics as reader
    elif fmt == "lrc":
        from player.formats.lrc import read_lrc as reader
    elif fmt == "text":
        from player.formats.plaintext import read_plain_text as reader
    else:
        from player.formats.musicxml import read_musicxml as reader
    song = reader(path)
    song.source = song.source or path          # the song file names it: a second import finds its song
    return fmt, song


def made_from(song_yaml: Path, source: Path) -> bool:
    """Whether ``song_yaml`` is a regular file that ``helsekor import`` wrote from a file named
    like ``source`` (its first line says so), so importing ``source`` again may update it."""
    try:
        if not stat.S_ISREG(os.lstat(song_yaml).st_mode):
            return False
        first = read_limited(song_yaml, LIMITS["chordpro"]).split(b"\n", 1)[0].decode("utf-8", "replace")
    except (OSError, MediaError):
        return False
    return first == _comment(imported_from(source))[0]


def import_files(paths: list[Path], out_dir: Path, replace: bool = False, ask=None,
                 name: str | None = None) -> list[ImportReport]:
    """Import every file in ``paths`` into ``out_dir``; one report per file, in order.

    Each song is named after its source file (``Deilig er jorden.txt`` → ``deilig-er-jorden.yaml``),
    or ``name`` (one file only). When that song file is one an earlier import of a file of the
    same name wrote, it is updated if ``replace`` or ``ask(path_of_song)`` says yes, and left as
    it is (with an error saying how) if not; any other file of that name is kept and the new
    song gets ``-2``."""
    reports = []
    if name is not None and len(paths) != 1:
        raise ScriptError.single(Path(out_dir), tr('--name only applies when one file is imported'))
    for path in paths:
        path = Path(path)
        report = ImportReport(source=path, format=path.suffix.lower().lstrip("."))
        try:
            report.format, song = import_song(path)
            stem = song_id(name or path.stem)
            again = made_from(Path(out_dir) / f"{stem}.yaml", path)
            if again and not (replace or (ask is not None and ask(Path(out_dir) / f"{stem}.yaml"))):
                raise MediaError(tr('{value}: already exists (imported from {name}); give --replace to update it', value=Path(out_dir) / f'{stem}.yaml', name=path.name))
            report.written = write_song(song, Path(out_dir), stem, replace=again)
            report.replaced = again
            report.dropped = list(song.notes)
            report.estimated = song.estimated
        except (HelsekorError, ValueError) as err:   # ValueError: the song does not fit the format
            report.error = str(err) if str(err).startswith(str(path)) else f"{path}: {err}"
        except RecursionError as err:  # deeply nested XML
            report.error = tr("{path}: the file is nested too deeply to be read ({err})", path=path, err=err)
        except MemoryError:
            report.error = tr("{path}: the file is too big to be read", path=path)
        except Exception as err:  # noqa: BLE001 - never a traceback; the fuzz tests look for this text
            report.error = f"{path}: {tr(INTERNAL)} ({type(err).__name__}: {err})"[:500]
        reports.append(report)
    return reports


def export_song(song_yaml: Path, fmt: str, out: Path, force: bool = False) -> Path:
    """Write ``song_yaml`` as ``fmt`` (only ``chordpro``) to ``out`` (a file, or a folder).

    Written atomically. The song file itself is never overwritten; another existing file only
    with ``force`` (``--force``)."""
    from player.formats.chordpro import to_chordpro
    from player.formats.reader import read_song_yaml

    if fmt != "chordpro":
        raise ScriptError.single(song_yaml, tr('cannot export to «{fmt}» (only chordpro)', fmt=fmt))
    from player.core.script.loader import load_song

    check_regular(Path(song_yaml), LIMITS["chordpro"])
    load_song(Path(song_yaml))          # the loader's check first: a broken song is named with file:line
    song = read_song_yaml(Path(song_yaml))
    out = Path(out)
    if out.is_dir():
        out = out / (Path(song_yaml).stem + ".cho")
    if os.path.lexists(out):
        same = os.path.exists(out) and os.path.samefile(out, song_yaml)
        if same:
            raise MediaError(tr('{out}: is the song file itself; choose another name with --out (such as {stem}.cho)', out=out, stem=Path(song_yaml).stem))
        if not force:
            raise MediaError(tr('{out}: already exists; give --force to overwrite it', out=out))
        if not os.path.isfile(out):
            raise MediaError(tr('{out}: is not a regular file', out=out))
    return write_new(out.parent, out.name, data=to_chordpro(song).encode("utf-8"), replace=force)


def _ask(song_yaml: Path) -> bool:
    """Ask at the terminal whether to update a song an earlier import wrote (no terminal: no)."""
    if not sys.stdin.isatty():
        return False
    try:
        answer = input(tr("{song} already exists (from an earlier import). Update it? [y/N] ", song=song_yaml))
    except EOFError:
        return False
    return answer.strip().lower() in ("j", "ja", "y", "yes")


def _run_import(args: argparse.Namespace) -> int:
    try:
        reports = import_files([Path(p) for p in args.files], Path(args.out), replace=args.replace, ask=_ask,
                               name=args.name)
    except HelsekorError as err:
        print(tr('ERROR {err}', err=err), file=sys.stderr)
        return 2
    for report in reports:
        print(report, file=sys.stdout if report.ok else sys.stderr)
    return 0 if all(r.ok for r in reports) else 1


def _run_export(args: argparse.Namespace) -> int:
    out = Path(args.out) if args.out else Path(args.song).with_suffix(".cho")
    try:
        written = export_song(Path(args.song), args.format, out, force=args.force)
    except HelsekorError as err:
        print(tr('ERROR {err}', err=err), file=sys.stderr)
        return 1
    print(tr('{song} → {written}', song=args.song, written=written))
    return 0


def add_subcommands(subparsers) -> None:
    """Add ``import FILE... [--out songs/]`` and ``export SONG --format chordpro [--out FILE]``.

    Each parser gets ``func`` (``args → exit code``) as its default; argparse itself exits
    with 2 on usage errors.
    """
    p = subparsers.add_parser("import", help=tr('read songs from ChordPro, OpenLyrics, .kar/.mid, LRC, MusicXML and text (.txt)'))
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--out", default="songs", help=tr('folder to write the song files into (default: songs/)'))
    p.add_argument("--name", default=None, help=tr('the name of the song file (default: as the source file)'))
    p.add_argument("--replace", action="store_true",
                   help=tr('update the song an earlier import of the same file made, without asking'))
    p.set_defaults(func=_run_import)
    e = subparsers.add_parser("export", help=tr('write a song as ChordPro'))
    e.add_argument("song", metavar="SONG")
    e.add_argument("--format", default="chordpro", choices=["chordpro"])
    e.add_argument("--out", default=None, help=tr('file to write (default: SONG.cho)'))
    e.add_argument("--force", action="store_true", help=tr('overwrite a ChordPro file that already exists'))
    e.set_defaults(func=_run_export)
    from player.formats.songbook import add_songbook_subcommand
    add_songbook_subcommand(subparsers)     # songbook [SESSION | --all] --pdf FILE [--chords]
