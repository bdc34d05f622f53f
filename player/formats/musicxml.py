"""MusicXML (.musicxml, .xml, compressed .mxl) → song YAML with syllable timing + a MIDI file.

Parsed with the standard library (``xml.etree`` + ``zipfile``); see tests/formats/data/README.md
for why not music21 (62 MB of wheels, 0.3–1.1 s import) or partitura (no lyrics at all).

The melody is the part with the most lyric syllables, its first voice on its first staff.
Carried: title (work/movement title), composer and lyricist/poet (→ credits), tempo (first
``<sound tempo>`` or metronome mark), meter (first time signature), key (first key signature),
lyric syllables of every verse (``<lyric number>``; begin/middle/end joined into words, elisions
with a space), chord symbols (``<harmony>`` → inline chords over the syllable sounding then).
Each verse becomes a section; the MIDI file plays the melody once per verse (channel 1, piano,
with lyric events) and the chords as block chords (channel 2). Lines are cut after a word that
ends in punctuation, before a rest of a beat or more, or after four bars. Dropped and reported:
repeats and voltas (not unrolled), other parts and voices, tempo/meter/key changes after the
first, dynamics and articulation.
All timing is in beats (quarter notes) from the first (possibly partial) bar.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from player.core.model.errors import ScriptError
from player.formats.fit import meter_ok
from player.formats.harmony import STEPS, chord_name, number, semitones
from player.formats.mxl import read_mxl
from player.formats.safeio import LIMITS, read_limited
from player.formats.scoremidi import score_midi
from player.formats.sections import sectionize
from player.formats.song import Song, TimedLine
from player.core.model.messages import tr

__all__ = ["read_musicxml", "chord_name"]

MAX_VERSE_BEATS = 4000          # one verse of 40 minutes at 100 bpm: longer is not a song
MAX_NOTES = 20000
MAX_VERSES = 40
MIN_DIVISIONS, MAX_DIVISIONS = 1e-3, 1e7
_MAX_DURATION = 1e9             # in divisions
_MAJOR = ["Cb", "Gb", "Db", "Ab", "Eb", "Bb", "F", "C", "G", "D", "A", "E", "B", "F#", "C#"]
_MINOR = ["Abm", "Ebm", "Bbm", "Fm", "Cm", "Gm", "Dm", "Am", "Em", "Bm", "F#m", "C#m", "G#m", "D#m", "A#m"]


@dataclass
class _Note:
    beat: float
    length: float
    pitch: int | None              # None for a rest
    lyrics: dict[str, tuple[str, str]] = field(default_factory=dict)  # verse → (syllabic, text)


@dataclass
class _Harmony:
    beat: float
    name: str
    pitches: tuple[int, ...]


def _open(path: Path) -> ET.Element:
    data = read_limited(path, LIMITS["musicxml"])
    if data[:2] == b"PK":
        data = read_mxl(path, data)
    try:
        return ET.fromstring(data)
    except ET.ParseError as err:
        line, column = getattr(err, "position", (1, 0))
        raise ScriptError.single(path, tr('invalid XML: {err}', err=err), line=line, column=column + 1) from err


def _duration(element: ET.Element, divisions: float) -> float:
    """``<duration>`` in beats: never negative, never more than a sane bound."""
    return max(0.0, min(_MAX_DURATION, number(element.findtext("duration")))) / divisions


def read_musicxml(path: Path) -> Song:
    """Read a MusicXML score into a song with verses as sections and the melody as MIDI bytes."""
    root = _open(path)
    if root.tag != "score-partwise":
        raise ScriptError.single(path, tr('the root element is <{tag}>; only <score-partwise> MusicXML is supported', tag=root.tag))
    song = Song(title=(root.findtext("work/work-title") or root.findtext("movement-title") or path.stem).strip(),
                source=path, tempo=0)
    credits = []
    for creator in root.findall("identification/creator"):
        who = " ".join((creator.text or "").split())
        if who:
            kind = creator.get("type", "")
            credits.append(f"Tekst: {who}" if kind in ("lyricist", "poet") else f"Melodi: {who}" if kind == "composer" else who)
    song.credits = " · ".join(credits) or None
    rights = root.findtext("identification/rights")
    if rights:
        song.comments.append(f"rettigheter: {' '.join(rights.split())}")
    parts = root.findall("part")
    if not parts:
        raise ScriptError.single(path, tr('the score has no parts (<part>)'))
    part = max(parts, key=lambda p: len(p.findall(".//lyric")))
    if len(parts) > 1:
        song.notes.append(tr('used the part «{get}» (most lyric syllables); {value} other parts are left out', get=part.get('id'), value=len(parts) - 1))
    notes, harmonies, end = _read_part(part, song)
    if end > MAX_VERSE_BEATS or len(notes) > MAX_NOTES:
        raise ScriptError.single(path, tr('the score is too long for a song ({round} beats, {n} notes; at most {MAX_VERSE_BEATS} beats and {MAX_NOTES} notes)', round=round(end), n=len(notes), MAX_VERSE_BEATS=MAX_VERSE_BEATS, MAX_NOTES=MAX_NOTES))
    if not song.tempo:
        song.tempo = 100
        song.notes.append(tr('the score has no tempo; used 100'))
    song.tempo = max(20.0, min(300.0, song.tempo))
    verses: list[str] = []
    for note in notes:
        for verse in note.lyrics:
            if verse not in verses:
                verses.append(verse)
    if not verses:
        raise ScriptError.single(path, tr('the score has no lyrics (<lyric>)'))
    if len(verses) > MAX_VERSES:
        song.notes.append(tr('the score has {n} verses; only the first {MAX_VERSES} are taken', n=len(verses), MAX_VERSES=MAX_VERSES))
        verses = verses[:MAX_VERSES]
    bar = song.beats_per_bar
    verse_length = max(1, math.ceil(end / bar - 1e-6)) * bar
    timed: list[TimedLine] = []
    for index, verse in enumerate(verses):
        lines = _lines(notes, verse, bar)
        for number, (text, words, syllables) in enumerate(lines):
            base = index * verse_length
            start = syllables[0][0]
            following = lines[number + 1][2][0][0] if number + 1 < len(lines) else end
            chords = []
            for harmony in harmonies:
                if start - 1e-6 <= harmony.beat < following - 1e-6 or (number == 0 and harmony.beat < start):
                    sounding = [s for s in syllables if s[0] <= harmony.beat + 1e-6] or syllables[:1]
                    chords.append((sounding[-1][2], harmony.name))
            chords = list(dict.fromkeys(chords))
            timed.append(TimedLine(
                text=text, start=base + start, length=following - start, chords=_dedupe(chords),
                words=[round(w - start, 4) for w in words], syllables=[(round(t - start, 4), s) for t, s, _ in syllables],
                paragraph=number == 0, name=f"Vers {index + 1}" if len(verses) > 1 else "Vers"))
    sectionize(song, timed, total=len(verses) * verse_length)
    song.midi_bytes = score_midi(song, notes, harmonies, verses, verse_length)
    return song


def _dedupe(chords: list[tuple[int, str]]) -> list[tuple[int, str]]:
    out: dict[int, str] = {}
    for index, name in chords:
        out[index] = name  # two chords on one syllable: the later one wins
    return sorted(out.items())


def _read_part(part: ET.Element, song: Song) -> tuple[list[_Note], list[_Harmony], float]:
    divisions = 1.0
    measure_start = 0.0
    notes: list[_Note] = []
    harmonies: list[_Harmony] = []
    voice = staff = None
    meter_set = key_set = False
    reported: set[str] = set()
    for measure in part.findall("measure"):
        position = longest = 0.0
        last_onset = 0.0
        for element in measure:
            tag = element.tag
            if tag == "attributes":
                given = number(element.findtext("divisions"), divisions)
                if MIN_DIVISIONS <= given <= MAX_DIVISIONS:
                    divisions = given
                elif "divisions" not in reported:
                    reported.add("divisions")
                    song.notes.append(tr('<divisions> {findtext} is not a valid count; used {divisions}', findtext=element.findtext('divisions'), divisions=f"{divisions:g}"))
                time = element.find("time")
                if time is not None and time.findtext("beats"):
                    meter = f"{time.findtext('beats')}/{time.findtext('beat-type')}"
                    numbers = (number(time.findtext("beats"), -1.0), number(time.findtext("beat-type"), -1.0))
                    if not meter_set and all(n.is_integer() for n in numbers) and meter_ok(*map(int, numbers)):
                        meter = f"{int(numbers[0])}/{int(numbers[1])}"
                        song.meter, meter_set = meter, True
                    elif meter != song.meter and "meter" not in reported:
                        reported.add("meter")
                        song.notes.append(tr('the meter change to {meter} is left out (the song is in {meter2})', meter=meter, meter2=song.meter))
                fifths = element.findtext("key/fifths")
                if fifths is not None and not key_set:
                    index = max(-7, min(7, int(number(fifths)))) + 7
                    song.key = (_MINOR if element.findtext("key/mode") == "minor" else _MAJOR)[index]
                    key_set = True
            elif tag == "direction" or tag == "sound":
                sound = element if tag == "sound" else element.find("sound")
                tempo = number(sound.get("tempo")) if sound is not None else 0
                if not tempo and tag == "direction":
                    per_minute = number(element.findtext("direction-type/metronome/per-minute"))
                    unit = element.findtext("direction-type/metronome/beat-unit") or "quarter"
                    factor = {"half": 2, "quarter": 1, "eighth": 0.5}.get(unit, 1)
                    factor *= 1.5 if element.find("direction-type/metronome/beat-unit-dot") is not None else 1
                    tempo = per_minute * factor
                if tempo and not song.tempo:
                    song.tempo = round(tempo, 2)
                elif tempo and abs(tempo - song.tempo) > 0.01 and "tempo" not in reported:
                    reported.add("tempo")
                    song.notes.append(tr('tempo changes after the first tempo are left out'))
            elif tag == "harmony":
                found = chord_name(element)
                if found:
                    offset = max(-_MAX_DURATION, min(_MAX_DURATION, number(element.findtext("offset")))) / divisions
                    harmonies.append(_Harmony(measure_start + position + offset, *found))
            elif tag == "backup":
                position = max(0.0, position - _duration(element, divisions))
            elif tag == "forward":
                position += _duration(element, divisions)
            elif tag == "barline" and element.find("repeat") is not None or tag == "barline" and element.find("ending") is not None:
                if "repeat" not in reported:
                    reported.add("repeat")
                    song.notes.append(tr('repeats and endings are not unfolded (the song plays through once)'))
            elif tag == "note":
                length = _duration(element, divisions)
                if element.find("grace") is not None:
                    continue
                is_chord = element.find("chord") is not None
                onset = last_onset if is_chord else position
                if not is_chord:
                    last_onset = position
                    position += length
                    longest = max(longest, position)
                note_voice, note_staff = element.findtext("voice") or "1", element.findtext("staff") or "1"
                if voice is None:
                    voice, staff = note_voice, note_staff
                if is_chord or note_voice != voice or note_staff != staff:
                    continue
                pitch = None
                if element.find("pitch") is not None:
                    step = (element.findtext("pitch/step") or "C").strip().upper()
                    octave = int(max(-1, min(9, number(element.findtext("pitch/octave"), 4))))
                    pitch = 12 * (octave + 1) + STEPS.get(step, 0) + semitones(element.findtext("pitch/alter"))
                note = _Note(measure_start + onset, length, pitch)
                tie_stop = any(t.get("type") == "stop" for t in element.findall("tie"))
                if tie_stop and notes and notes[-1].pitch == pitch and not element.findall("lyric"):
                    notes[-1].length += length
                    continue
                for lyric in element.findall("lyric"):
                    texts = ["".join(t.itertext()) for t in lyric.findall("text")]
                    if texts and any(t.strip() for t in texts):
                        verse = lyric.get("number") or "1"
                        note.lyrics[verse] = (lyric.findtext("syllabic") or "single", " ".join(t.strip() for t in texts))
                notes.append(note)
        longest = max(longest, position)
        measure_start += longest
    return notes, harmonies, measure_start


def _lines(notes: list[_Note], verse: str, bar: float) -> list[tuple[str, list[float], list[tuple[float, str, int]]]]:
    """The verse's lines: (text, word start beats, syllables as (beat, text, char index))."""
    lines = []
    text = ""
    words: list[float] = []
    syllables: list[tuple[float, str, int]] = []
    in_word = False
    for index, note in enumerate(notes):
        if verse not in note.lyrics:
            continue
        syllabic, piece = note.lyrics[verse]
        if not in_word:
            if text:
                text += " "
            words.append(note.beat)
        syllables.append((note.beat, piece, len(text)))
        text += piece
        in_word = syllabic in ("begin", "middle")
        if in_word:
            continue
        rest_after = next((n for n in notes[index + 1:] if n.beat > note.beat), None)
        gap = rest_after is not None and rest_after.pitch is None and rest_after.length >= 1
        if re.search(r"[,.;:!?]$", piece) or gap or note.beat - syllables[0][0] >= 4 * bar:
            lines.append((text, words, syllables))
            text, words, syllables = "", [], []
    if syllables:
        lines.append((text, words, syllables))
    return lines
