"""``helsekor songbook``: the large-print songbook as a PDF, for the choir or (``--chords``) the pianist.

- :func:`songbook_entries` picks the songs: every song the library holds, numbered as the
  on-screen songbook numbers them (alphabetical by title, the songs that load without problems,
  as :func:`player.wiring.songbook`), and with a session only the songs that session uses
  (keeping their numbers, so «sang nummer 7» is the same on paper and on the screen).
- :func:`write_songbook` lays them out (:mod:`player.formats.songbook_pdf`) and writes the file.
- :func:`add_songbook_subcommand` registers ``songbook [SESSION | --all] --pdf FILE [--chords]
  [--size PT]``; the handler returns 0, or 1 with a Norwegian message when the file cannot be
  written (a session with problems raises ScriptError, which the CLI prints like ``check``).
  Without SESSION (or with ``--all``) the book has every song.

The PDF is made with fpdf2 (pure Python, maintained, embeds and subsets the TTF, internal links
for the contents) rather than reportlab (also maintained and able, but a larger toolkit whose
flowing-layout engine this fixed, page-by-page layout does not need).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from player.core.model.data import Song
from player.core.model.errors import HelsekorError, MediaError
from player.core.script.config import load_config
from player.core.model.places import content_root
from player.core.script.library import Library
from player.core.script.loader import Loader, load_session

__all__ = ["BookEntry", "songbook_entries", "write_songbook", "add_songbook_subcommand",
           "DEFAULT_SIZE", "MIN_SIZE"]

DEFAULT_SIZE = 20.0     # points: the body text of large print (lyrics, credits, contents)
MIN_SIZE = 14.0         # below this it is no longer large print; --size refuses it


@dataclass(frozen=True)
class BookEntry:
    number: int          # as on the screen's songbook
    song: Song


def _adapters():
    from player.midi.sections import sections_from_midi
    from player.midi.song import midi_problem
    return sections_from_midi, midi_problem


def songbook_entries(session_file: Path | None, library_dirs: tuple[Path, ...] = (),
                     project_root: Path | None = None) -> tuple[str, list[BookEntry]]:
    """(subtitle, entries): the numbered songs for a session's songbook, or every song (no session).

    A session with problems raises :class:`ScriptError` (what ``helsekor check`` would say)."""
    lyrics_reader, midi_probe = _adapters()
    project_root = content_root() if project_root is None else project_root
    if session_file is not None:
        library = Library.for_session(Path(session_file), library_dirs, project_root)
    else:
        roots: list[Path] = []
        for root in (*library_dirs, project_root):
            root = Path(root).expanduser().resolve()
            if root not in roots:
                roots.append(root)
        library = Library(tuple(roots))
    loader = Loader(library, midi_lyrics_reader=lyrics_reader, midi_probe=midi_probe)
    songs = [loader.song(path) for path in library.all("song").values()]
    book = sorted((s for s in songs if s is not None), key=lambda s: s.title.lower())
    entries = [BookEntry(k, s) for k, s in enumerate(book, 1)]
    if session_file is None:
        return "Alle sangene", entries
    session = load_session(Path(session_file), library, midi_lyrics_reader=lyrics_reader, midi_probe=midi_probe)
    used = {step.song.path.resolve() for step in session.steps if step.song is not None}
    return session.title, [e for e in entries if e.song.path.resolve() in used]


def write_songbook(entries: list[BookEntry], out: Path, *, subtitle: str = "", chords: bool = False,
                   size: float = DEFAULT_SIZE) -> Path:
    """Write the PDF to ``out``; raises MediaError (in Norwegian) when it cannot be written."""
    from player.formats.songbook_pdf import render

    if size < MIN_SIZE:
        raise MediaError(f"skriftstørrelse {size:g} pt er for liten for stor skrift (minst {MIN_SIZE:g} pt)")
    data = render(entries, subtitle=subtitle, chords=chords, size=size)
    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    except OSError as err:
        raise MediaError(f"{out}: kan ikke skrive fila ({err.strerror or err})") from err
    return out


def _run_songbook(args: argparse.Namespace) -> int:
    if args.all and args.session:
        print("FEIL velg enten en økt eller --all, ikke begge", file=sys.stderr)
        return 2
    config = load_config(user_file=Path(args.config) if getattr(args, "config", None) else None)
    session = None if args.all or not args.session else Path(args.session)
    subtitle, entries = songbook_entries(session, config.library_dirs)
    if not entries:
        print("FEIL ingen sanger å skrive ut", file=sys.stderr)
        return 1
    try:
        written = write_songbook(entries, Path(args.pdf), subtitle=subtitle, chords=args.chords, size=args.size)
    except HelsekorError as err:
        print(f"FEIL {err}", file=sys.stderr)
        return 1
    kind = "pianistens sangbok (med akkorder)" if args.chords else "sangbok"
    print(f"{kind}: {len(entries)} sanger → {written}")
    return 0


def add_songbook_subcommand(subparsers) -> None:
    """``songbook [SESSION | --all] --pdf FILE [--chords] [--size PT]``."""
    p = subparsers.add_parser("songbook", help="skriv sangboka med stor skrift som PDF (A4)")
    p.add_argument("session", nargs="?", metavar="SESSION", help="bare sangene i denne økta")
    p.add_argument("--all", action="store_true", help="alle sangene i biblioteket")
    p.add_argument("--pdf", required=True, metavar="FILE", help="PDF-fila som skal skrives")
    p.add_argument("--chords", action="store_true", help="med akkorder over teksten (pianistens utgave)")
    p.add_argument("--size", type=float, default=DEFAULT_SIZE,
                   help=f"skriftstørrelse for teksten i punkter (standard {DEFAULT_SIZE:g})")
    p.set_defaults(func=_run_songbook)
