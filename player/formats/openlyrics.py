"""OpenLyrics (OpenLP's XML song format, versions 0.8, 0.9 and 1.0) import.

Carried over: titles (the first title in the chosen language), authors (words/music/translation)
and copyright (→ ``credits``), tempo (bpm), key, verse names (v1, c, b, p, i, e, o with
letters) and ``verseOrder`` (→ ``order``), lines split at ``<br/>`` and ``<lines>`` elements,
chords in both forms (0.8 ``<chord name="G7"/>``, 0.9/1.0 ``<chord root="G" structure="dom7"
bass="B">text</chord>``), comments (→ YAML comments). Language: the conductor's preferred one
(``nb`` by default, then ``no``, ``nn``) when the song has it, else the language of the first
verse; other languages are reported as left out. Dropped and reported: songbooks, themes,
formatting tags (their text is kept), instrumental sections, transliterations.

The XML is read with the standard library: the declared encoding is honoured; a file that is
not well-formed in its declared (or UTF-8) encoding is retried as CP1252; malformed XML gives
a ScriptError with line and column.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from player.core.model.errors import ScriptError
from player.formats.safeio import LIMITS, read_limited
from player.formats.sections import estimate_timing, section_label
from player.formats.song import Line, Section, Song
from player.core.model.messages import tr

__all__ = ["read_openlyrics", "parse_openlyrics", "PREFERRED_LANGUAGES"]

PREFERRED_LANGUAGES = ("nb", "no", "nn", "nb-no", "no-no", "nn-no")
_KIND = {"v": "verse", "c": "chorus", "b": "bridge", "p": "verse", "i": "intro", "e": "outro", "o": "verse"}
_STRUCTURE = {
    "": "", "major": "", "power": "5", "min": "m", "aug": "+", "dim": "dim", "dom7": "7", "maj7": "maj7",
    "min7": "m7", "dim7": "dim7", "halfdim7": "m7b5", "minmaj7": "mmaj7", "augmaj7": "+maj7", "aug7": "+7",
    "maj6": "6", "maj6b": "b6", "min6": "m6", "min6b": "mb6", "dom9": "9", "dom9b": "7b9", "maj9": "maj9",
    "min9": "m9", "minmaj9": "mmaj9", "aug9": "+9", "halfdim9": "m9b5", "sus4": "sus4", "sus2": "sus2", "add9": "add9",
    "3-5": "", "m3-5": "m", "3-5-m7": "7", "3-5-7": "maj7", "m3-5-m7": "m7", "4-5": "sus4", "2-5": "sus2",
}


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _chord_name(element: ET.Element, notes: list[str]) -> str | None:
    name = element.get("name")
    if name:
        return name.strip() or None
    root = element.get("root")
    if not root:
        return None
    structure = element.get("structure", "")
    suffix = _STRUCTURE.get(structure)
    if suffix is None:
        notes.append(tr('the chord formula «{structure}» is written as it stands', structure=structure))
        suffix = f"({structure})"
    bass = element.get("bass")
    return f"{root}{suffix}" + (f"/{bass}" if bass else "")


class _LineBuilder:
    """Walks the mixed content of ``<lines>`` and cuts it at ``<br/>``."""

    def __init__(self, notes: list[str]):
        self.lines: list[Line] = []
        self.text: list[str] = []
        self.chords: list[tuple[int, str]] = []
        self.comments: list[str] = []
        self.notes = notes

    def add_text(self, text: str | None) -> None:
        if text:
            piece = re.sub(r"\s+", " ", text)
            joined = "".join(self.text)
            if not joined.strip() or joined.endswith(" "):
                piece = piece.lstrip()
            self.text.append(piece)

    def length(self) -> int:
        return len("".join(self.text))

    def newline(self) -> None:
        plain = "".join(self.text).strip()
        if plain:
            chords = [(max(0, min(len(plain), i)), n) for i, n in self.chords]
            self.lines.append(Line(text=plain, chords=chords))
        elif self.chords:
            self.notes.append(tr('a line of chords only is left out'))
        self.text, self.chords = [], []

    def walk(self, element: ET.Element) -> None:
        self.add_text(element.text)
        for child in element:
            tag = _local(child.tag)
            if tag == "br":
                self.newline()
            elif tag == "chord":
                name = _chord_name(child, self.notes)
                if name:
                    self.chords.append((self.length(), name))
                self.walk(child)
            elif tag == "comment":
                self.comments.append("".join(child.itertext()).strip())
            else:  # <tag name=…> formatting and anything unknown: keep the text
                self.walk(child)
            self.add_text(child.tail)


def _parse_xml(data: bytes, path: Path) -> ET.Element:
    try:
        return ET.fromstring(data)
    except ET.ParseError as first:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = None
        if text is not None:
            text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
            try:
                return ET.fromstring(text)
            except ET.ParseError:
                pass
        line, column = getattr(first, "position", (1, 0))
        raise ScriptError.single(path, tr('invalid XML: {value}', value=first.msg if hasattr(first, 'msg') else first),
                                 line=line, column=column + 1) from first


def _pick_language(root: ET.Element, preferred: tuple[str, ...]) -> str | None:
    verses = [v for v in root.iter() if _local(v.tag) == "verse"]
    langs = [v.get("lang") for v in verses if v.get("lang") and not v.get("translit")]
    for want in preferred:
        for lang in langs:
            if lang.lower() == want:
                return lang
    return langs[0] if langs else None


def parse_openlyrics(data: bytes, path: Path, preferred: tuple[str, ...] = PREFERRED_LANGUAGES) -> Song:
    """Parse OpenLyrics XML bytes; ``path`` names the file in errors."""
    root = _parse_xml(data, path)
    if _local(root.tag) != "song":
        raise ScriptError.single(path, tr('the root element is <{local}>, not <song>: this is not OpenLyrics', local=_local(root.tag)))
    song = Song(title="", source=path)
    notes = song.notes
    language = _pick_language(root, preferred)
    props = next((c for c in root if _local(c.tag) == "properties"), None)
    order_text = ""
    if props is not None:
        for child in props:
            tag = _local(child.tag)
            if tag == "titles":
                titles = [t for t in child if _local(t.tag) == "title" and not t.get("translit")]
                chosen = [t for t in titles if t.get("lang") == language] or titles
                if chosen:
                    song.title = (chosen[0].text or "").strip()
                    if len(titles) > 1:
                        others = [(t.text or "").strip() for t in titles if t is not chosen[0]]
                        song.comments.append("andre titler: " + "; ".join(o for o in others if o))
            elif tag == "authors":
                words, music, other = [], [], []
                for author in child:
                    name = (author.text or "").strip()
                    kind = author.get("type")
                    (words if kind == "words" else music if kind == "music" else other).append(name)
                    if kind == "translation":
                        other[-1] = f"{name} (oversettelse)"
                parts = other[:]
                if words:
                    parts.append("Tekst: " + ", ".join(words))
                if music:
                    parts.append("Melodi: " + ", ".join(music))
                song.credits = " · ".join(p for p in parts if p) or None
            elif tag == "copyright":
                song.comments.append(f"copyright: {(child.text or '').strip()}")
            elif tag == "verseOrder":
                order_text = (child.text or "").strip()
            elif tag == "tempo":
                value = (child.text or "").strip()
                if child.get("type", "bpm") == "bpm" and re.fullmatch(r"[0-9]{2,3}", value) and 20 <= int(value) <= 300:
                    song.tempo = int(value)
                elif value:
                    notes.append(tr('tempo «{value}» ({get}) is not a BPM number', value=value, get=child.get('type', '')))
            elif tag == "key":
                song.key = (child.text or "").strip() or None
            elif tag == "comments":
                song.comments.extend((c.text or "").strip() for c in child if (c.text or "").strip())
            elif tag in ("songbooks", "themes", "ccliNo", "released", "variant", "publisher", "keywords",
                         "transposition", "verseOrder"):
                if tag in ("songbooks", "themes", "ccliNo"):
                    notes.append(tr('<{tag}> is left out', tag=tag))
    lyrics = next((c for c in root if _local(c.tag) == "lyrics"), None)
    if lyrics is None:
        raise ScriptError.single(path, tr('no <lyrics> found in the OpenLyrics file'))
    languages = set()
    by_name: dict[str, Section] = {}
    for element in lyrics:
        tag = _local(element.tag)
        if tag == "instrument":
            notes.append(tr('the instrumental section «{get}» is left out', get=element.get('name', '')))
            continue
        if tag != "verse":
            continue
        if element.get("lang"):
            languages.add(element.get("lang") + (f" ({element.get('translit')})" if element.get("translit") else ""))
        if element.get("translit") or (language and element.get("lang") not in (None, language)):
            continue
        name = (element.get("name") or f"v{len(by_name) + 1}").strip()
        builder = _LineBuilder(notes)
        for lines in element:
            if _local(lines.tag) == "lines":
                builder.walk(lines)
                builder.newline()
        match = re.match(r"([a-zA-Z])([0-9]{0,4})([a-z]?)$", name)
        kind = _KIND.get(match.group(1).lower(), "verse") if match else "verse"
        number = int(match.group(2)) if match and match.group(2) else None
        label = section_label(kind, number if kind == "verse" or number and number > 1 else None)
        if match and match.group(1).lower() == "p":
            label = "Førrefreng" + (f" {number}" if number else "")
        if match and match.group(3):
            label += match.group(3)
        section = Section(id=name, name=label, kind=kind, lines=builder.lines, comments=builder.comments)
        if name in by_name:
            by_name[name].lines.extend(section.lines)
        elif section.lines:
            by_name[name] = section
    if len(languages) > 1:
        notes.append(tr("chose the language «{language}»; other languages are left out: {others}", language=language,
                        others=", ".join(sorted(lang for lang in languages if lang != language))))
    song.sections = list(by_name.values())
    if not song.sections:
        raise ScriptError.single(path, tr('no verse with text found in the OpenLyrics file'))
    if not song.title:
        song.title = path.stem
    if order_text:
        order = []
        for item in order_text.split():
            if item in by_name:
                order.append(item)
            elif item + "a" in by_name:
                order.extend(n for n in by_name if re.fullmatch(re.escape(item) + "[a-z]", n))
            else:
                notes.append(tr('verseOrder names «{item}», which does not exist', item=item))
        if order and order != [s.id for s in song.sections]:
            song.order = order
    estimate_timing(song)
    return song


def read_openlyrics(path: Path, preferred: tuple[str, ...] = PREFERRED_LANGUAGES) -> Song:
    """Read an OpenLyrics ``.xml`` file."""
    return parse_openlyrics(read_limited(path, LIMITS["openlyrics"]), path, preferred)
