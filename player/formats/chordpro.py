"""ChordPro (chordpro.org) import and export.

Import keeps title, subtitle, artist/composer/lyricist (→ ``credits``), key, tempo, time
(→ ``meter``), capo, comments (→ YAML comments of the section), sections
(``start_of_verse``/``chorus``/``bridge`` and ``sov``/``soc``/``sob`` with labels, both
``{sov: Label}`` and ``{sov label="Label"}``), inline chords and chorus recall ``{chorus}``
(→ ``order``). Text outside any section becomes verses split at blank lines; a
``start_of_textblock`` block (free text, often a later verse set apart) becomes a verse without
chords. Tab, grid, ABC, LilyPond and SVG blocks, chord definitions, images and layout
directives are dropped and reported; unknown directives are reported, never fatal. The source
has no timing: lines get estimated timing.
"""

from __future__ import annotations

import re
from pathlib import Path

from player.formats.fit import MAX_SOURCE_LINES, meter_ok
from player.formats.safeio import LIMITS
from player.formats.sections import estimate_timing, section_label
from player.formats.song import Line, Section, Song
from player.formats.text import read_text
from player.core.model.messages import tr

__all__ = ["parse_chordpro", "read_chordpro", "to_chordpro", "split_chords"]

_DIRECTIVE = re.compile(r"^\{\s*([A-Za-z_][\w-]*)\s*(?:[:\s]\s*(.*?))?\s*\}\s*$")
_CHORD = re.compile(r"\[([^\[\]]*)\]")
_SHORT = {
    "t": "title", "st": "subtitle", "c": "comment", "ci": "comment_italic", "cb": "comment_box",
    "soc": "start_of_chorus", "eoc": "end_of_chorus", "sov": "start_of_verse", "eov": "end_of_verse",
    "sob": "start_of_bridge", "eob": "end_of_bridge", "sot": "start_of_tab", "eot": "end_of_tab",
    "sog": "start_of_grid", "eog": "end_of_grid", "ns": "new_song", "np": "new_page",
    "npp": "new_physical_page", "colb": "column_break", "highlight": "comment",
}
_KINDS = {"verse": "verse", "chorus": "chorus", "bridge": "bridge"}
_DROPPED_BLOCKS = {"tab", "grid", "abc", "ly", "svg"}
_QUIET = re.compile(r"^(text|chord|title|footer|toc|label|tab|grid)(font|size|colou?r)$|^(new_page|new_physical_page|"
                    r"column_break|columns|pagetype|diagrams|grid|no_grid|titles|new_song|instrument|user|image)$")


def split_chords(text: str) -> tuple[str, list[tuple[int, str]]]:
    """``"[G]Ro din [C]båt"`` → ``("Ro din båt", [(0, "G"), (7, "C")])``."""
    chords: list[tuple[int, str]] = []
    plain: list[str] = []
    length = 0
    position = 0
    for match in _CHORD.finditer(text):
        piece = text[position:match.start()]
        plain.append(piece)
        length += len(piece)
        name = match.group(1).strip()
        if name and not name.startswith("*"):
            chords.append((length, name))
        position = match.end()
    plain.append(text[position:])
    return "".join(plain), chords


def _label(value: str | None) -> str | None:
    if not value:
        return None
    match = re.match(r'^label\s*=\s*"([^"]*)"', value) or re.match(r"^label\s*=\s*'([^']*)'", value)
    return match.group(1) if match else value


def parse_chordpro(text: str, source: Path | None = None) -> Song:
    """Parse ChordPro text into a song (first song only; ``{new_song}`` starts one we drop)."""
    song = Song(title="", source=source)
    meta: dict[str, str] = {}
    sections: list[Section] = []
    order: list[str] = []
    recalled = False
    counters: dict[str, int] = {}
    current: Section | None = None
    explicit = False
    skipping: str | None = None
    reported: set[str] = set()
    pending_comments: list[str] = []

    def report(message: str) -> None:
        if message not in reported:
            reported.add(message)
            song.notes.append(message)

    def open_section(kind: str, label: str | None, is_explicit: bool) -> Section:
        nonlocal current, explicit
        counters[kind] = counters.get(kind, 0) + 1
        prefix = {"verse": "v", "chorus": "c", "bridge": "b"}[kind]
        number = counters[kind]
        name = label or section_label(kind, number if kind == "verse" else (number if number > 1 else None))
        current = Section(id=f"{prefix}{number}", name=name, kind=kind, comments=pending_comments[:])
        pending_comments.clear()
        sections.append(current)
        order.append(current.id)
        explicit = is_explicit
        return current

    rows = text.splitlines()
    if len(rows) > MAX_SOURCE_LINES:
        report(tr('the file has {n} lines; only the first {MAX_SOURCE_LINES} are read', n=len(rows), MAX_SOURCE_LINES=MAX_SOURCE_LINES))
        rows = rows[:MAX_SOURCE_LINES]
    for number, raw in enumerate(rows, start=1):
        line = raw.rstrip()
        stripped = line.strip()
        if skipping:
            match = _DIRECTIVE.match(stripped)
            if match and _SHORT.get(match.group(1).lower(), match.group(1).lower()) == f"end_of_{skipping}":
                skipping = None
            continue
        if stripped.startswith("#"):
            continue
        match = _DIRECTIVE.match(stripped) if stripped.startswith("{") else None
        if match:
            name, conditional, _ = match.group(1).lower().partition("-")
            value = (match.group(2) or "").strip()
            if conditional:  # conditional directive such as {title-nb: ...}
                report(tr('line {number}: the conditional directive {{{group}}} is used as {{{name}}}', number=number, group=match.group(1), name=name))
            name = _SHORT.get(name, name)
            if name.startswith("start_of_"):
                kind = name[len("start_of_"):]
                if kind in _KINDS:
                    open_section(_KINDS[kind], _label(value), True)
                elif kind in _DROPPED_BLOCKS:
                    skipping = kind
                    report(tr('{kind} blocks (line {number}) are left out', kind=kind, number=number))
                elif kind == "textblock":  # free text printed as is: a verse without chords here
                    open_section("verse", None, True)
                    report(tr('line {number}: the text block is read as a verse (alignment and font are left out)', number=number))
                else:
                    open_section("verse", _label(value) or kind.capitalize(), True)
                    report(tr('line {number}: the unknown section type «{kind}» is read as a verse', number=number, kind=kind))
            elif name.startswith("end_of_"):
                current, explicit = None, False
            elif name == "chorus":
                choruses = [s for s in sections if s.kind == "chorus"]
                if choruses:
                    wanted = _label(value)
                    target = next((s for s in choruses if wanted and s.name == wanted), choruses[-1])
                    order.append(target.id)
                    recalled = True
                else:
                    report(tr('line {number}: {{chorus}} with no chorus before it', number=number))
                current, explicit = None, False
            elif name in ("title", "subtitle", "artist", "composer", "lyricist", "copyright", "key", "tempo",
                          "time", "capo", "album", "year", "duration", "arranger"):
                if name == "subtitle" and "subtitle" in meta:
                    meta[name] += " / " + value
                else:
                    meta.setdefault(name, value)
            elif name == "meta":
                key, _, rest = value.partition(" ")
                meta.setdefault(key.lower(), rest.strip())
            elif name in ("comment", "comment_italic", "comment_box"):
                if current is not None:
                    current.comments.append(value)
                else:
                    pending_comments.append(value)
            elif name == "new_song":
                report(tr('line {number}: only the first song of the file is taken', number=number))
                break
            elif name in ("define", "chord"):
                report(tr('chord definitions ({define}/{chord}) are left out'))
            elif _QUIET.match(name):
                report(tr('the layout directive {{{name}}} is left out', name=name))
            else:
                report(tr('line {number}: the unknown directive {{{group}}} is left out', number=number, group=match.group(1)))
            continue
        if not stripped:
            if current is not None and not explicit:
                current = None
            continue
        if current is None:
            open_section("verse", None, False)
        plain, chords = split_chords(line.strip())
        if not plain.strip():
            if chords:
                report(tr('line {number}: a line of chords only is left out', number=number))
            continue
        current.lines.append(Line(text=plain, chords=chords))

    song.title = meta.get("title") or (source.stem if source else "Uten tittel")
    song.subtitle = meta.get("subtitle") or None
    credits = [meta[k] for k in ("artist",) if meta.get(k)]
    if meta.get("lyricist"):
        credits.append(f"Tekst: {meta['lyricist']}")
    if meta.get("composer"):
        credits.append(f"Melodi: {meta['composer']}")
    song.credits = " · ".join(credits) or None
    song.key = meta.get("key") or None
    if meta.get("copyright"):
        song.comments.append(f"copyright: {meta['copyright']}")
    for extra in ("album", "year", "duration", "arranger"):
        if meta.get(extra):
            song.comments.append(f"{extra}: {meta[extra]}")
    if meta.get("tempo"):
        try:
            song.tempo = max(20.0, min(300.0, float(meta["tempo"])))
        except ValueError:
            report(tr('tempo «{meta}» is not a number; used {tempo}', meta=meta['tempo'], tempo=f"{song.tempo:g}"))
    if meta.get("time"):
        parts = re.fullmatch(r"([0-9]{1,2})/([0-9])", meta["time"].replace(" ", ""))
        if parts and meter_ok(int(parts.group(1)), int(parts.group(2))):
            song.meter = meta["time"].replace(" ", "")
        else:
            report(tr('meter «{meta}» is not supported; used {meter}', meta=meta['time'], meter=song.meter))
    if meta.get("capo"):
        try:
            song.capo = int(meta["capo"])
        except ValueError:
            report(tr('capo «{meta}» is not a number', meta=meta['capo']))
    empty = [s for s in sections if not s.lines]
    for section in empty:
        sections.remove(section)
        order = [item for item in order if item != section.id]
    song.sections = sections
    song.order = order if recalled or order != [s.id for s in sections] else None
    estimate_timing(song)
    return song


def read_chordpro(path: Path) -> Song:
    """Read a ``.cho``/``.chordpro``/``.crd``/``.pro`` file (UTF-8, else CP1252)."""
    from player.core.model.errors import ScriptError

    text = read_text(path, LIMITS["chordpro"])
    song = parse_chordpro(text, path)
    if not song.sections:
        raise ScriptError.single(path, tr('no lyrics found in the ChordPro file (only directives, or empty)'))
    return song


def to_chordpro(song: Song) -> str:
    """ChordPro text for a song: metadata, sections in sung order, ``{chorus}`` for repeats."""
    from player.formats.writer import inline_chords

    out = [f"{{title: {song.title}}}"]
    if song.subtitle:
        out.append(f"{{subtitle: {song.subtitle}}}")
    credits = song.credits or ""
    if song.subtitle and credits.startswith(song.subtitle):      # the song file's credits hold the subtitle too
        credits = credits[len(song.subtitle):].lstrip(" ·")
    if credits:
        out.append(f"{{artist: {credits}}}")
    if song.key:
        out.append(f"{{key: {song.key}}}")
    out.append(f"{{tempo: {song.tempo:g}}}")
    out.append(f"{{time: {song.meter}}}")
    if song.capo:
        out.append(f"{{capo: {song.capo}}}")
    by_id = {section.id: section for section in song.sections}
    done: set[str] = set()
    for section_id in song.order or list(by_id):
        section = by_id.get(section_id)
        if section is None:
            continue
        out.append("")
        if section.id in done and section.kind == "chorus":
            out.append(f"{{chorus: {section.name}}}")
            continue
        done.add(section.id)
        kind = section.kind if section.kind in _KINDS else "verse"
        for comment in section.comments:
            out.append(f"{{comment: {comment}}}")
        out.append(f"{{start_of_{kind}: {section.name}}}")
        out.extend(inline_chords(line) for line in section.lines)
        out.append(f"{{end_of_{kind}}}")
    return "\n".join(out) + "\n"
