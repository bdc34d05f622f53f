#!/usr/bin/env python3
"""Write the bundled songs: songs/ID.mid and songs/ID.yaml from one source per song.

Each song below holds the melody of one strophe (pitch and length in beats, syllables
attached by the verse texts), chord symbols per bar, and the text of every verse. From that
one source this script writes a type-1 MIDI file (tempo map track, guide melody with one
lyric event per syllable on channel 1, piano accompaniment on channel 2) and the song's
YAML (docs/script-format.md), so the lyric timing and the MIDI always agree.

Run ``python tools/make_songs.py [--out DIR]``; the output is deterministic.
Units: beats are quarter notes; beat 0 is bar 1's downbeat. With a pickup, every verse
starts with a bar that is silent for the melody until the pickup at its end.
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass
from pathlib import Path

import mido

TICKS = 480
MELODY_PROGRAM = 73         # General MIDI flute: a clear guide voice the pianist may mute
PIANO_PROGRAM = 0
MELODY_VELOCITY = 72
BASS_VELOCITY = 90
CHORD_VELOCITY = 78
GAP = 0.1                   # notes sound this fraction of their grid length shorter
NOTE_NAMES = {"C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11, "H": 11}
QUALITIES = {"": (0, 4, 7), "m": (0, 3, 7), "7": (0, 4, 7, 10), "m7": (0, 3, 7, 10),
             "maj7": (0, 4, 7, 11), "dim": (0, 3, 6), "sus4": (0, 5, 7), "6": (0, 4, 7, 9)}


@dataclass(frozen=True)
class Note:
    pitch: int | None       # MIDI note number, None for a rest
    start: float            # beats from the start of the verse's section
    length: float


@dataclass(frozen=True)
class Syllable:
    text: str               # as shown, with a trailing hyphen kept ("Ko-")
    word_start: bool
    word_end: bool
    notes: int              # how many melody notes it is sung on


def pitch(name: str) -> int:
    m = re.fullmatch(r"([A-G])([#b]?)(-?\d)", name)
    if not m:
        raise ValueError(f"bad pitch {name!r}")
    acc = {"#": 1, "b": -1, "": 0}[m.group(2)]
    return 12 * (int(m.group(3)) + 1) + NOTE_NAMES[m.group(1)] + acc


def parse_melody(text: str, pickup: float, bar: float, transpose: int) -> list[Note]:
    """Notes of one verse, timed from the section start (a pickup sits at the end of bar 0)."""
    groups = [g.split() for g in text.split("|")]
    t = bar - pickup if pickup else 0.0
    notes: list[Note] = []
    tied = False                # the last note is tied over the bar line into this one ("G4:1-")
    for i, group in enumerate(groups):
        length = 0.0
        for tok in group:
            name, beats = tok.split(":")
            d = float(beats.rstrip("-"))
            p = None if name == "r" else pitch(name) + transpose
            if tied:
                if notes[-1].pitch != p:
                    raise ValueError(f"bar {i}: a tie joins {notes[-1].pitch} to {p}, not the same note")
                notes[-1] = Note(p, notes[-1].start, notes[-1].length + d)
            else:
                notes.append(Note(p, t, d))
            tied = beats.endswith("-")
            t += d
            length += d
        expect = pickup if (pickup and i == 0) else bar
        if abs(length - expect) > 1e-9:
            raise ValueError(f"bar {i} of the melody is {length} beats, not {expect}")
    return notes


def parse_chords(text: str, offset: float, bar: float) -> list[tuple[float, str]]:
    out = []
    t = offset
    for group in text.split("|"):
        length = 0.0
        for tok in group.split():
            name, beats = tok.rsplit(":", 1)
            out.append((t, name))
            t += float(beats)
            length += float(beats)
        if abs(length - bar) > 1e-9:
            raise ValueError(f"a bar of chords {group!r} is {length} beats, not {bar}")
    return out


def syllables(line: str) -> list[Syllable]:
    out = []
    for word in line.split():
        parts = re.split(r"_|(?<=-)", word)
        parts = [p for p in parts if p]
        for k, part in enumerate(parts):
            out.append(Syllable(part.replace("~", ""), k == 0, k == len(parts) - 1, 1 + part.count("~")))
    return out


def chord_tones(name: str, transpose: int) -> tuple[int, list[int]]:
    """(bass note, chord notes) as MIDI numbers for a chord symbol such as G7 or C/E."""
    main, _, slash = name.partition("/")
    m = re.fullmatch(r"([A-G])([#b]?)(.*)", main)
    root = (NOTE_NAMES[m.group(1)] + {"#": 1, "b": -1, "": 0}[m.group(2)] + transpose) % 12
    intervals = QUALITIES[m.group(3)]
    bass_pc = root if not slash else (pitch(slash + "0") + transpose) % 12
    bass = 40 + (bass_pc - 40) % 12                     # E2..D#3
    low = 53 + (root - 53) % 12                         # F3..E4
    return bass, [low + iv for iv in intervals]


def transpose_chord(name: str, semitones: int, flats: bool) -> str:
    """A chord symbol moved by semitones, spelled with flats or sharps (for the shown text)."""
    if not semitones:
        return name
    names = (["C", "Db", "D", "Eb", "E", "F", "Gb", "G", "Ab", "A", "Bb", "B"] if flats else
             ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"])
    out = []
    for part in name.split("/"):
        m = re.fullmatch(r"([A-G])([#b]?)(.*)", part)
        pc = (NOTE_NAMES[m.group(1)] + {"#": 1, "b": -1, "": 0}[m.group(2)] + semitones) % 12
        out.append(names[pc] + m.group(3))
    return "/".join(out)


def chord_at(chords: list[tuple[float, str]], t: float) -> str:
    current = chords[0][1]
    for start, name in chords:
        if start <= t + 1e-9:
            current = name
    return current


def accompaniment_slots(meter: tuple[int, int], bar: float) -> list[tuple[float, str, float]]:
    """(beat in bar, 'bass'|'fifth'|'chord', length) for one bar: bass on the strong beats."""
    num, den = meter
    if (num, den) == (6, 8):
        return [(0.0, "bass", 1.5), (1.5, "chord", 1.5)]
    if num == 4:
        return [(0.0, "bass", 1.0), (1.0, "chord", 1.0), (2.0, "fifth", 1.0), (3.0, "chord", 1.0)]
    if num == 3:
        return [(0.0, "bass", 1.0), (1.0, "chord", 1.0), (2.0, "chord", 1.0)]
    return [(0.0, "bass", 1.0), (1.0, "chord", 1.0)]


class Song:
    def __init__(self, spec: dict):
        self.spec = spec
        self.id = spec["id"]
        self.meter = spec["meter"]
        self.bar = spec["meter"][0] * 4 / spec["meter"][1]
        self.pickup = float(spec.get("pickup", 0))
        self.transpose = spec.get("transpose", 0)
        self.notes = parse_melody(spec["melody"], self.pickup, self.bar, self.transpose)
        body_start = self.bar if self.pickup else 0.0
        self.bars = (1 if self.pickup else 0) + len(spec["chords"].split("|"))
        self.chords = parse_chords(spec["chords"], body_start, self.bar)
        if self.pickup:
            self.chords = parse_chords(spec["pickup_chords"], 0.0, self.bar) + self.chords
        self.beats = self.bars * self.bar
        self.order = spec.get("order") or list(range(1, len(spec["verses"]) + 1))
        self.verses = [self._verse(k, v) for k, v in enumerate(spec["verses"], 1)]

    def _verse(self, number: int, lines: list[str]) -> list[dict]:
        """Each line: text with chords, start, length, word offsets, syllables with their onsets."""
        sung = [n for n in self.notes if n.pitch is not None]
        out = []
        i = 0
        for line in lines:
            syl = syllables(line)
            onsets, words = [], []
            first = i
            for s in syl:
                if i + s.notes > len(sung):
                    raise ValueError(f"{self.id} verse {number}: more syllables than notes at {line!r}")
                onsets.append(sung[i].start)
                if s.word_start:
                    words.append(sung[i].start)
                i += s.notes
            start = sung[first].start
            last = sung[i - 1]
            out.append(dict(syllables=syl, onsets=onsets, start=start, length=last.start + last.length - start,
                            words=[w - start for w in words]))
        if i != len(sung):
            raise ValueError(f"{self.id} verse {number}: {i} notes sung of {len(sung)}")
        self._add_chords(out)
        return out

    def _add_chords(self, lines: list[dict]) -> None:
        """Inline [X] before the syllable sounding when the chord changes (and at the verse's start)."""
        marks: dict[tuple[int, int], list[str]] = {}
        flat = [(li, si, t) for li, ln in enumerate(lines) for si, t in enumerate(ln["onsets"])]
        previous = None
        for t, name in self.chords:
            if name == previous:
                continue
            previous = name
            target = flat[0]
            for cand in flat:
                if cand[2] <= t + 1e-9:
                    target = cand
            if t <= flat[0][2] + 1e-9:          # up to the first syllable: only the last one counts
                marks[target[:2]] = []
            marks.setdefault(target[:2], []).append(name)
        first = flat[0][:2]
        if first not in marks:
            marks[first] = [chord_at(self.chords, flat[0][2])]
        for li, ln in enumerate(lines):
            text = ""
            for si, s in enumerate(ln["syllables"]):
                if s.word_start and si:
                    text += " "
                for name in marks.get((li, si), []):
                    text += f"[{transpose_chord(name, self.transpose, self._flat_key())}]"
                text += s.text
            ln["text"] = text

    def _flat_key(self) -> bool:
        key = self.spec["key"]
        return "b" in key or key in ("F", "Dm", "Gm", "Cm", "Fm")

    # --- MIDI ---------------------------------------------------------------------
    def midi(self) -> mido.MidiFile:
        mf = mido.MidiFile(type=1, ticks_per_beat=TICKS, charset="utf-8")
        meta = mido.MidiTrack()
        meta.append(mido.MetaMessage("track_name", name=self.spec["title"], time=0))
        meta.append(mido.MetaMessage("time_signature", numerator=self.meter[0], denominator=self.meter[1],
                                     clocks_per_click=36 if self.meter[1] == 8 else 24, time=0))
        meta.append(mido.MetaMessage("key_signature", key=self.spec["key"], time=0))
        meta.append(mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(self.spec["tempo"]), time=0))
        melody: list[tuple[int, int, object]] = []
        piano: list[tuple[int, int, object]] = []
        for n, verse_no in enumerate(self.order):
            base = n * self.beats
            verse = self.verses[verse_no - 1]
            sung = [x for x in self.notes if x.pitch is not None]
            k = 0
            for li, ln in enumerate(verse):
                for si, s in enumerate(ln["syllables"]):
                    text = s.text + (" " if s.word_end and si < len(ln["syllables"]) - 1 else "")
                    prefix = ("\\" if li == 0 else "/") if si == 0 else ""
                    melody.append((tick(base + sung[k].start), 1, mido.MetaMessage("lyrics", text=prefix + text)))
                    k += s.notes
            for x in sung:
                on, off = tick(base + x.start), tick(base + x.start + x.length * (1 - GAP))
                melody.append((on, 2, mido.Message("note_on", channel=0, note=x.pitch, velocity=MELODY_VELOCITY)))
                melody.append((off, 0, mido.Message("note_off", channel=0, note=x.pitch, velocity=0)))
            piano.extend(self._accompaniment(base))
        meta.append(mido.MetaMessage("end_of_track", time=tick(len(self.order) * self.beats) ))
        mf.tracks.append(_absolute_to_delta(meta, []))
        mel = mido.MidiTrack([mido.MetaMessage("track_name", name="Melodi", time=0),
                              mido.Message("program_change", channel=0, program=MELODY_PROGRAM, time=0)])
        mf.tracks.append(_absolute_to_delta(mel, melody))
        acc = mido.MidiTrack([mido.MetaMessage("track_name", name="Piano", time=0),
                              mido.Message("program_change", channel=1, program=PIANO_PROGRAM, time=0)])
        mf.tracks.append(_absolute_to_delta(acc, piano))
        return mf

    def _accompaniment(self, base: float) -> list[tuple[int, int, object]]:
        events = []
        slots = accompaniment_slots(self.meter, self.bar)
        hits: dict[float, tuple[str, float]] = {}
        for b in range(self.bars):
            for at, what, length in slots:
                if b == 0 and self.pickup and what == "fifth":
                    what = "bass"               # the lead-in bar keeps the root under the pickup
                hits[b * self.bar + at] = (what, length)
        for t, _ in self.chords:                       # a change between slots gets its own hit
            if t not in hits:
                hits[t] = ("bass", min(1.0, self.beats - t))
        times = sorted(hits)
        for j, t in enumerate(times):
            what, length = hits[t]
            if j + 1 < len(times):
                length = min(length, times[j + 1] - t)
            bass, tones = chord_tones(chord_at(self.chords, t), self.transpose)
            if what == "chord":
                notes, vel = tones, CHORD_VELOCITY
            else:
                fifth = bass + 7 if bass + 7 <= 52 else bass - 5
                notes, vel = [fifth if what == "fifth" else bass], BASS_VELOCITY
            for p in notes:
                events.append((tick(base + t), 2, mido.Message("note_on", channel=1, note=p, velocity=vel)))
                events.append((tick(base + t + length * (1 - GAP)), 0,
                               mido.Message("note_off", channel=1, note=p, velocity=0)))
        return events

    # --- YAML ---------------------------------------------------------------------
    def yaml(self) -> str:
        s = self.spec
        pitches = [n.pitch for n in self.notes if n.pitch is not None]
        timings = [[(ln["start"], ln["length"]) for ln in v] for v in self.verses]
        shared = all(t == timings[0] for t in timings)
        cues = s.get("cues", [])
        out = ["# Written by tools/make_songs.py from the same source as the MIDI file; edit that, not this."]
        if not s.get("melody_verified", True):
            out.append("# melody: not verified against published notation (see songs/SOURCES.md)")
        out += ["version: 1",
               f"title: {q(s['title'])}",
               f"credits: {q(s['credits'])}",
               f"meter: {s['meter'][0]}/{s['meter'][1]}",
               f"tempo: {s['tempo']}",
               f"key: {s['key']}",
               f"range: {q(name(min(pitches)) + '–' + name(max(pitches)))}",
               f"midi: {self.id}.mid"]
        if shared:
            out.append("timing:")
            out += [f"  - [{num(a)}, {num(b)}]" for a, b in timings[0]]
        out.append("sections:")
        for k, verse in enumerate(self.verses, 1):
            out += [f"  - id: v{k}", f"    name: Vers {k}", "    kind: verse", f"    bars: {self.bars}", "    lines:"]
            for li, ln in enumerate(verse):
                out.append(f"      - text: {q(ln['text'])}")
                if not shared:
                    out.append(f"        start: {num(ln['start'])}")
                    out.append(f"        length: {num(ln['length'])}")
                out.append("        words: [" + ", ".join(num(w) for w in ln["words"]) + "]")
                if li < len(cues) and cues[li]:
                    out.append(f"        cue: {q(cues[li])}")
        out.append("order: [" + ", ".join(f"v{k}" for k in self.order) + "]")
        return "\n".join(out) + "\n"


def tick(beats: float) -> int:
    return round(beats * TICKS)


def num(x: float) -> str:
    return f"{x:g}"


def q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def name(p: int) -> str:
    names = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"]
    return f"{names[p % 12]}{p // 12 - 1}"


def _absolute_to_delta(track: mido.MidiTrack, events: list[tuple[int, int, object]]) -> mido.MidiTrack:
    """Append (tick, order, message) events sorted by time; offs before lyrics before ons."""
    if not events:
        return track
    now = 0
    for t, _, msg in sorted(events, key=lambda e: (e[0], e[1], getattr(e[2], "note", 0))):
        track.append(msg.copy(time=t - now))
        now = t
    track.append(mido.MetaMessage("end_of_track", time=0))
    return track


def write_all(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for spec in SONGS:
        song = Song(spec)
        mid = out / f"{song.id}.mid"
        song.midi().save(str(mid))
        yml = out / f"{song.id}.yaml"
        yml.write_text(song.yaml(), encoding="utf-8")
        written += [mid, yml]
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "songs")
    args = ap.parse_args(argv)
    for p in write_all(args.out):
        print(p)
    return 0


# --- the songs -----------------------------------------------------------------------
# Melody: bars split by "|", notes "C4:1.5" (pitch:beats), rests "r:1"; with a pickup the first
# group is the pickup; "G4:1-" is tied over the bar line to the next note (one note, one syllable). Text: syllables joined by "_"; "~" after a syllable holds it one more note.
# Chords: "G:2 D7:1" per bar of the melody (pickup_chords: the bar holding the pickup).

SONGS = [
    dict(
        id="ro-ro-ro-din-bat",
        title="Ro, ro, ro din båt",
        credits="Melodi: Eliphalet O. Lyte (1881). Norsk tekst: tradisjonell",
        meter=(6, 8), tempo=90, key="C", pickup=0,
        melody="C4:1.5 C4:1.5 | C4:1 D4:0.5 E4:1.5 | E4:1 D4:0.5 E4:1 F4:0.5 | G4:3 |"
               " C5:0.5 C5:0.5 C5:0.5 G4:0.5 G4:0.5 G4:0.5 | E4:0.5 E4:0.5 E4:0.5 C4:0.5 C4:0.5 C4:0.5 |"
               " G4:1 F4:0.5 E4:1 D4:0.5 | C4:3",
        chords="C:3 | C:3 | C:3 | C:3 | C:3 | C:3 | G7:3 | C:3",
        verses=[[
            "Ro, ro, ro din båt,",
            "ta din å_re fatt.",
            "Vug_gen_de, vug_gen_de,",
            "vug_gen_de, vug_gen_de,",
            "o_ver Kat_te_gat.",
        ]],
        order=[1, 1, 1, 1],  # one verse, rowed four times
        cues=["Len deg fram og tilbake", "Store, rolige åretak", "Vugg fra side til side",
              "Vugg fra side til side", "Ro helt inn til land"],
    ),
    dict(
        id="fader-jakob",
        title="Fader Jakob",
        credits="Fransk tradisjonell. Norsk tekst: tradisjonell",
        meter=(4, 4), tempo=96, key="D", pickup=0,
        melody="D4:1 E4:1 F#4:1 D4:1 | D4:1 E4:1 F#4:1 D4:1 | F#4:1 G4:1 A4:2 | F#4:1 G4:1 A4:2 |"
               " A4:0.5 B4:0.5 A4:0.5 G4:0.5 F#4:1 D4:1 | A4:0.5 B4:0.5 A4:0.5 G4:0.5 F#4:1 D4:1 |"
               " D4:1 A3:1 D4:2 | D4:1 A3:1 D4:2",
        chords="D:4 | D:4 | D:4 | D:4 | D:4 | D:4 | D:1 A:1 D:2 | D:1 A:1 D:2",
        verses=[[
            "Fa_der Ja_kob, fa_der Ja_kob,",
            "so_ver du? So_ver du?",
            "Hø_rer du ei klok_ken,",
            "hø_rer du ei klok_ken?",
            "Ding, dang, dong,",
            "ding, dang, dong.",
        ]],
        order=[1, 1, 1],  # sung three times (also as a round)
    ),
    dict(
        id="glade-jul",
        title="Glade jul",
        credits="Tekst: B. S. Ingemann (1850). Melodi: Franz Xaver Gruber (1818)",
        # Melody checked against two LilyPond engravings of «Stille Nacht» (see songs/SOURCES.md),
        # written here with every 6/8 eighth as a 3/4 quarter. The Danish-Norwegian text has seven
        # syllables in line 2 where the German has six, so the B of «Alles schläft» is split
        # (dotted quarter -> quarter + eighth), as Scandinavian hymnals print it.
        # Sung in A (written in C, down a minor third): A3–D5, inside the range older voices reach.
        meter=(3, 4), tempo=80, key="A", transpose=-3, pickup=0,
        melody="G4:1.5 A4:0.5 G4:1 | E4:3 | G4:1.5 A4:0.5 G4:1 | E4:3 |"
               " D5:2 D5:1 | B4:2 B4:1 | C5:2 C5:1 | G4:3 |"
               " A4:2 A4:1 | C5:1.5 B4:0.5 A4:1 | G4:1.5 A4:0.5 G4:1 | E4:3 |"
               " A4:2 A4:1 | C5:1.5 B4:0.5 A4:1 | G4:1.5 A4:0.5 G4:1 | E4:3 |"
               " D5:2 D5:1 | F5:1.5 D5:0.5 B4:1 | C5:3 | E5:3 |"
               " C5:1.5 G4:0.5 E4:1 | G4:1.5 F4:0.5 D4:1 | C4:3 | r:3",
        chords="C:3 | C:3 | C:3 | C:3 | G7:3 | G7:3 | C:3 | C:3 | F:3 | F:3 | C:3 | C:3 |"
               " F:3 | F:3 | C:3 | C:3 | G7:3 | G7:3 | C:3 | C:3 | C:3 | G7:3 | C:3 | C:3",
        # A three-syllable half line on «G. A G E» slurs its first syllable over G-A, as «Stil-le
        # Nacht» does («Gla-a-de jul»); the seven-syllable last lines take one note each.
        verses=[
            ["Gla~_de jul, hel_li_ge jul!", "Eng_ler da_ler ned i skjul.",
             "Hit de fly_ver med", "pa_ra_dis_grønt,", "hvor de ser hva for", "Gud~ er skjønt.",
             "Lønn_lig i_blant oss de går,", "lønn_lig i_blant oss de går."],
            ["Ju~_le_fryd, e_vi_ge fryd!", "Hel_lig sang med him_melsk lyd!",
             "Det er eng_ler som", "hyr_de_ne så,", "den_gang Her_ren i", "kryb~_ben lå.",
             "E_vig er eng_le_nes sang,", "e_vig er eng_le_nes sang."],
            ["Sa~_lig fred, him~_melsk fred", "to_ner ju_le_natt her_ned.",
             "Eng_ler brin_ger til", "sto_re og små", "bud om ham som i", "kryb~_ben lå.",
             "Fryd deg, hver sjel", "han har frelst,", "fryd deg, hver sjel", "han har frelst!"],
        ],
    ),
    dict(
        id="deilig-er-jorden",
        title="Deilig er jorden",
        credits="Tekst: B. S. Ingemann (1850). Melodi: schlesisk folketone (trykt 1842)",
        # The Silesian tune («Schönster Herr Jesu», CRUSADERS' HYMN in English hymnals) as two LilyPond
        # engravings give it (songs/SOURCES.md), written in F and sung in D (down a minor third): D4–D5.
        # Slurs as in the first engraving (G-E, B flat-G, B flat-A, C-A); the 7-syllable third lines of
        # verses 2 and 3 hold the second syllable over F-D, as that engraving's verse 4 does.
        meter=(4, 4), tempo=76, key="D", transpose=-3, pickup=0,
        melody="F4:2 F4:1 F4:1 | G4:1 E4:1 F4:2 | A4:1 A4:1 A4:1 A4:1 | Bb4:1 G4:1 A4:2 |"
               " C5:2 F5:1 D5:1 | C5:2 Bb4:1 A4:1 | Bb4:2 A4:2 | G4:4 |"
               " C5:2 D5:1 C5:1 | C5:1 A4:1 Bb4:2 | Bb4:2 C5:1 Bb4:1 | Bb4:1 G4:1 A4:1 A4:1 |"
               " A4:1 A4:1 C5:1 Bb4:1 | A4:2 G4:2 | F4:4",
        chords="F:2 Dm:2 | Gm:1 C:1 F:2 | F:4 | Bb:1 C:1 F:2 | F:2 Bb:2 | F:4 | C:2 F:2 | C:4 |"
               " F:2 Bb:1 F:1 | D7:2 Gm:2 | Gm:2 D:1 Gm:1 | C:2 F:2 | A7:1 Dm:1 F7:1 Bb:1 | F:2 C7:2 | F:4",
        verses=[
            ["Dei_lig er jor~_den,", "prek_tig er Guds him~_mel,", "skjønn er sje_le_nes~", "pil_grims_gang!",
             "Gjen_nom de fag~_re", "ri_ker på jor~_den", "går vi til pa_ra_dis med sang."],
            ["Ti_der skal kom~_me,", "ti_der skal hen_rul~_le,", "slekt skal~ føl_ge~", "slek_ters gang;",
             "al_dri for_stum~_mer", "to_nen fra him~_len", "i sje_lens gla_de pil_grims_sang."],
            ["Eng_le_ne sang~ den", "først for mar_kens hyr~_der;", "skjønt fra~ sjel til~", "sjel det lød:",
             "Fred o_ver jor~_den,", "men_nes_ke, fryd~ deg!", "Oss er en e_vig Frel_ser født!"],
        ],
    ),
    dict(
        id="det-hev-ei-rose-sprunge",
        title="Det hev ei rose sprunge",
        credits="Tekst: tysk 1599, norsk ved Peter Hognestad (1919/1921). Melodi: Michael Praetorius (1609)",
        # Praetorius's setting (Musae Sioniae 1609) as two LilyPond engravings give the tune (songs/SOURCES.md):
        # the same pitches; the rests before «og var» and «midt i» are the Mutopia edition's (from the 1609
        # print). Written in 4/4 from the half-bar pickup; the syncopated G of each line end is tied over
        # the bar line. Chords follow that edition's bass, simplified to one chord (C) under each tied G
        # so that a chord never changes in the middle of a syllable. F major: C4–D5.
        meter=(4, 4), tempo=72, key="F", pickup=2,
        melody="C5:2 |"
               " C5:1 C5:1 D5:1 C5:1 | C5:2 A4:2 | Bb4:2 A4:1 G4:1- | G4:1 F4:2 E4:1 | F4:2 C5:2 |"
               " C5:1 C5:1 D5:1 C5:1 | C5:2 A4:2 | Bb4:2 A4:1 G4:1- | G4:1 F4:2 E4:1 | F4:2 r:1 A4:1 |"
               " G4:1 E4:1 F4:1 D4:1 | C4:2 r:1 C5:1 |"
               " C5:1 C5:1 D5:1 C5:1 | C5:2 A4:2 | Bb4:2 A4:1 G4:1- | G4:1 F4:2 E4:1 | F4:4",
        pickup_chords="F:4",
        chords="F:2 Bb:1 F:1 | C:2 Dm:2 | Bb:2 F:1 C:1 | C:4 | F:4 |"
               " F:2 Bb:1 F:1 | C:2 Dm:2 | Bb:2 F:1 C:1 | C:4 | F:4 |"
               " Gm:1 Am:1 F:1 G:1 | C:4 |"
               " C/E:1 F:1 Bb:1 F:1 | C:2 D:2 | Gm:2 F:1 C:1 | C:4 | F:4",
        verses=[
            ["Det hev ei ro_se sprun_ge", "ut av ei rot so grann.", "Som fed_ra_ne hev sun_ge:",
             "Av Jes_se rot ho rann,", "og var ein blo_me blid", "midt i den kal_de vin_ter",
             "ved mør_ke mid_natts_tid."],
            ["Om den_ne ro_sa ei_ne", "er sagt Je_sa_jas ord.", "Ma_ri_a møy, den rei_ne,",
             "bar ro_sa til vår jord.", "Og Her_rens mis_kunns_makt", "det sto_re un_der gjor_de",
             "som var i spå_dom sagt."],
            ["Guds ro_sa ljuv_leg an_gar", "og skin i jord_livs natt.", "Når hen_nar ljos oss fan_gar,",
             "ho vert vår bes_te skatt.", "Me syng i eng_le_lag:", "No er det fødd ein Frel_sar,",
             "og nat_ti vart til dag."],
        ],
    ),
    dict(
        id="kongesangen",
        title="Kongesangen",
        credits="Tekst: Nikolai Fogtmann, omarbeidet av Gustav Jensen (1906/1915). Melodi: «God Save the King»",
        # The tune as two independent engravings of the hymn tune AMERICA give it (songs/SOURCES.md):
        # the same 41 pitches; the rhythm of bar 13 (two eighths) is the English hymnal's. F major, E4–D5.
        meter=(3, 4), tempo=80, key="F", pickup=0,
        melody="F4:1 F4:1 G4:1 | E4:1.5 F4:0.5 G4:1 | A4:1 A4:1 Bb4:1 | A4:1.5 G4:0.5 F4:1 |"
               " G4:1 F4:1 E4:1 | F4:3 |"
               " C5:1 C5:1 C5:1 | C5:1.5 Bb4:0.5 A4:1 | Bb4:1 Bb4:1 Bb4:1 | Bb4:1.5 A4:0.5 G4:1 |"
               " A4:1 Bb4:0.5 A4:0.5 G4:0.5 F4:0.5 | A4:1.5 Bb4:0.5 C5:1 | D5:0.5 Bb4:0.5 A4:1 G4:1 | F4:3",
        chords="F:1 Dm:1 Gm:1 | C:3 | F:1 Dm:1 Bb:1 | C:2 Dm:1 | Gm:1 F/C:1 C:1 | F:3 |"
               " F:3 | F:3 | C:3 | C:3 | F:3 | F:3 | Bb:1 F/C:1 C:1 | F:3",
        # Melismas as the hymnal's beams give them: «hel-li~-ge~», «om~» (English: «ev-'ry», «Let»).
        verses=[
            ["Gud sign vår kon_ge god!", "Sign ham med kraft og mot,", "sign hjem og slott!",
             "Lys for ham ved din Ånd,", "knytt med din ster_ke hånd", "hel_li~_ge~ tro_skaps_bånd",
             "om~ folk og drott!"],
            ["Høyt sver_ger Nor_ges mann,", "hver i sitt kall, sin stand,", "tro_skap sin drott.",
             "Tro_fast i liv og død,", "tap_per i krig og nød,", "all~_tid~ vårt Nor_ge lød",
             "Gud~ og sin drott."],
        ],
    ),
    dict(
        id="jeg-gikk-en-tur-pa-stien",
        title="Jeg gikk en tur på stien",
        credits="Tekst: ukjent · Melodi: tradisjonell",
        # No notation of this tune was found in the public sources searched (songs/SOURCES.md):
        # the melody below is a stand-in from memory and must be checked against a songbook.
        melody_verified=False,
        # Written in C, sung in D (up a tone) so the lowest note is A3, not G3.
        meter=(2, 4), tempo=88, key="D", transpose=2, pickup=0.5,
        melody="G3:0.5 |"
               " C4:0.5 C4:0.5 E4:0.5 E4:0.5 | G4:1 E4:0.5 E4:0.5 | D4:0.5 D4:0.5 F4:0.5 E4:0.5 | D4:1.5 G3:0.5 |"
               " D4:0.5 D4:0.5 F4:0.5 F4:0.5 | A4:1 F4:0.5 F4:0.5 | E4:0.5 E4:0.5 D4:0.5 D4:0.5 | C4:2 |"
               " G4:0.5 E4:0.5 G4:0.5 E4:0.5 | G4:0.5 E4:0.5 F4:0.5 D4:0.5 | E4:1 D4:1 |"
               " G4:0.5 E4:0.5 G4:0.5 E4:0.5 | G4:0.5 E4:0.5 F4:0.5 D4:0.5 | D4:1 C4:1",
        pickup_chords="C:1.5 G7:0.5",
        chords="C:2 | C:2 | G7:2 | G7:2 | G7:2 | F:1 D7:1 | G7:2 | C:2 |"
               " C:2 | C:1 G7:1 | C:1 G7:1 | C:2 | C:1 G7:1 | G7:1 C:1",
        verses=[
            ["Jeg gikk en tur på sti_en", "og søk_te sko_gens ro.", "Da hør_te jeg fra li_en",
             "en gjøk som gol ko-ko.", "Ko-ko, ko-ko, ko-ko,", "ko-ro, ko-ko.",
             "Ko-ko, ko-ko, ko-ko,", "ko-ro, ko-ko."],
            ["Jeg spur_te den hvor man_ge,", "hvor man_ge år en_nå.", "Den svar_te meg med lan_ge",
             "og kla_gen_de ko-ko.", "Ko-ko, ko-ko, ko-ko,", "ko-ro, ko-ko.",
             "Ko-ko, ko-ko, ko-ko,", "ko-ro, ko-ko."],
            ["Jeg spur_te om dens ma_ke", "og om dens e_get bo.", "Den satt der op_på gre_nen",
             "og kik_ket ned og lo.", "Ko-ko, ko-ko, ko-ko,", "ko-ro, ko-ko.",
             "Ko-ko, ko-ko, ko-ko,", "ko-ro, ko-ko."],
            ["«Vi byg_ger ik_ke re_de,", "vi har ei hjem, vi to.", "Fru Spurv er mor til bar_na,",
             "vi ga_ler kun ko-ko.»", "Ko-ko, ko-ko, ko-ko,", "ko-ro, ko-ko.",
             "Ko-ko, ko-ko, ko-ko,", "ko-ro, ko-ko."],
        ],
        # The exercise (exercises/ga-pa-stien.yaml) says: arm forward with the opposite knee. The cue
        # says the same and changes once a verse, at the refrain.
        cues=["Gå: arm fram med motsatt kne"] * 4 + ["Gå videre – og syng «ko-ko»"] * 4,
    ),
    dict(
        id="alle-fugler-sma-de-er",
        title="Alle fugler små de er",
        credits="Tekst: Johan Nicolaisen (1847–1929), etter Hoffmann von Fallersleben. Melodi: tysk folketone",
        # Notes and chords of «Alle Vögel sind schon da» as two LilyPond engravings give them (C and
        # D major, see songs/SOURCES.md). The German strophe is A B A (6 lines); the Norwegian one has
        # 8 lines (7-6-7-6-7-7-7-6 syllables), so the opening section is sung twice: A A B A.
        meter=(4, 4), tempo=100, key="C", pickup=0,
        melody="C4:1.5 E4:0.5 G4:1 C5:1 | A4:1 C5:0.5 A4:0.5 G4:2 | F4:1.5 G4:0.5 E4:1 C4:1 | D4:2 C4:2 |"
               " C4:1.5 E4:0.5 G4:1 C5:1 | A4:1 C5:0.5 A4:0.5 G4:2 | F4:1.5 G4:0.5 E4:1 C4:1 | D4:2 C4:2 |"
               " G4:1 G4:1 F4:1 F4:1 | E4:1 G4:0.5 E4:0.5 D4:2 | G4:1 G4:1 F4:1 F4:1 | E4:1 G4:0.5 E4:0.5 D4:2 |"
               " C4:1.5 E4:0.5 G4:1 C5:1 | A4:1 C5:0.5 A4:0.5 G4:2 | F4:1.5 G4:0.5 E4:1 C4:1 | D4:2 C4:2",
        chords="C:4 | F:2 C:2 | G7:2 C:2 | G7:2 C:2 | C:4 | F:2 C:2 | G7:2 C:2 | G7:2 C:2 |"
               " C:2 G:2 | C:2 G:2 | C:2 G:2 | C:2 G:2 | C:4 | F:2 C:2 | G7:2 C:2 | G7:2 C:2",
        # «de~»: the syllable on the slurred C-A of «schon» (German: «sind schon da»).
        verses=[
            ["Al_le fug_ler små de~ er", "kom_met nå til_ba_ke!", "Gjøk og si_sik, trost og~ stær",
             "syn_ger al_le da_ge.", "Ler_ka jub_ler høyt i~ sky,", "rin_ger vå_ren inn på~ ny.",
             "Frost og snø de måt_te~ fly,", "her er sol og gle_de!"],
            ["Blom_ster hvi_te, gu_le~, blå", "tit_ter opp av u_ren,", "nik_ker nå så blidt de~ små",
             "et_ter vin_ter_lu_ren.", "Skog og mark i grøn_ne~ skrud", "kler seg nå på Her_rens~ bud.",
             "Knop_per små de sprin_ger~ ut,", "her er sol og gle_de!"],
            ["Lil_le_sø_ster, lil_le~_bror!", "Kom, så skal vi dan_se,", "pluk_ke blom_ster så til~ mor",
             "man_ge, man_ge kran_ser!", "Syn_ge, tral_le da_gen~ lang!", "Krå_ke_stup og buk_ke~_sprang!",
             "Takk, o Gud, som enn en~ gang", "gav oss sol og gle_de!"],
        ],
    ),
    dict(
        id="bjornen-sover",
        title="Bjørnen sover",
        credits="Melodi: «Gubben Noak», Carl Michael Bellman (1740–1795). Tekst: tradisjonell",
        # Bellman's tune as a LilyPond engraving and a note list give it (songs/SOURCES.md): A A B A
        # there; the Norwegian text has three lines, sung A B A. Chords follow the engraving's bass.
        meter=(4, 4), tempo=100, key="C", pickup=0,
        melody="C4:1 C4:1 C4:1 E4:1 | D4:1 D4:1 D4:1 F4:1 | E4:1 E4:1 D4:1 D4:1 | C4:4 |"
               " E4:1 E4:1 E4:1 E4:1 | G4:2 F4:2 | D4:1 D4:1 D4:1 D4:1 | F4:2 E4:2 |"
               " C4:1 C4:1 C4:1 E4:1 | D4:1 D4:1 D4:1 F4:1 | E4:1 E4:1 D4:1 D4:1 | C4:4",
        chords="C:4 | G:4 | C:2 G:2 | C:4 | C:4 | G:4 | G:4 | C:4 | C:4 | G:4 | C:2 G:2 | C:4",
        verses=[[
            "Bjør_nen so_ver, bjør_nen so_ver",
            "i sitt lu_ne hi.",
            "Den er ik_ke far_lig,",
            "ba_re man går var_lig.",
            "Men man kan jo, men man kan jo",
            "al_dri væ_re trygg!",
        ]],
        order=[1, 1, 1],  # a game: sung softly, then louder, then with a loud «trygg!»
        cues=["Legg hodet på hendene", "Sov stille", "Vift med pekefingeren", "Se deg forsiktig rundt",
              "Sitt helt stille", "Rop «trygg!» og klapp"],
    ),
    dict(
        id="na-la-oss-takke-gud",
        title="Nå la oss takke Gud",
        credits="Tekst: Martin Rinckart (1636), norsk etter Landstads salmebok. Melodi: Johann Crüger (1647)",
        # The even-quarter form of Crüger's tune as the Essen collection gives it (Erk, «Nun danket alle
        # Gott», G major) and an ABC setting in G agree note for note apart from passing eighths
        # (songs/SOURCES.md). Written in G, sung in E flat (down a major third: E flat 4–C5), a step
        # below the hymnals' F so that the many high notes stay at C5 for older voices.
        meter=(4, 4), tempo=76, key="Eb", transpose=-4, pickup=1,
        melody="D5:1 |"
               " D5:1 D5:1 E5:1 E5:1 | D5:3 B4:1 | C5:1 B4:1 A4:1 B4:1 | A4:2 G4:1 D5:1 |"
               " D5:1 D5:1 E5:1 E5:1 | D5:3 B4:1 | C5:1 B4:1 A4:1 B4:1 | A4:2 G4:1 A4:1 |"
               " A4:1 A4:1 B4:1 B4:1 | A4:3 A4:1 | B4:1 D5:1 D5:1 C#5:1 | D5:3 D5:1 |"
               " E5:1 D5:1 C5:1 B4:1 | C5:3 B4:1 | A4:1 B4:1 A4:1 A4:1 | G4:3 r:1",
        pickup_chords="G:4",
        chords="G:2 C:2 | G:4 | C:1 G:1 D:2 | D:2 G:2 | G:2 C:2 | G:4 | C:1 G:1 D:2 | D:2 G:1 D:1 |"
               " D:2 G:2 | D:4 | G:2 A7:2 | D:4 | C:2 G:2 | C:3 G:1 | D:2 D7:2 | G:4",
        verses=[[
            "Nå la oss tak_ke Gud",
            "med hjer_te, munn og hen_der,",
            "som o_ver_flø_dig godt",
            "så u_for_skyldt oss sen_der,",
            "som helt fra mo_ders liv",
            "på oss har nå_dig tenkt",
            "og alt hva tjen_lig er,",
            "så ri_ke_lig oss skjenkt.",
        ]],
        order=[1],
    ),
]

SONGS += __import__("runpy").run_path(str(Path(__file__).with_name("songs_songsb.py")))["SONGS"]  # songsb pass (issue 16)
SONGS += __import__("runpy").run_path(str(Path(__file__).with_name("songs_songsa.py")))["SONGS"]  # songsa pass (issue 16)
SONGS += __import__("runpy").run_path(str(Path(__file__).with_name("songs_songsd.py")))["SONGS"]  # songsd pass (issue 16)
SONGS += __import__("runpy").run_path(str(Path(__file__).with_name("songs_songse.py")))["SONGS"]  # songse pass (issue 16)
SONGS += __import__("runpy").run_path(str(Path(__file__).with_name("songs_songsg.py")))["SONGS"]  # songsg pass (issue 16)
SONGS += __import__("runpy").run_path(str(Path(__file__).with_name("songs_songsi.py")))["SONGS"]  # songsi pass (issue 16)
SONGS += __import__("runpy").run_path(str(Path(__file__).with_name("songs_songsh.py")))["SONGS"]  # songsh pass (issue 16)

#: what a song takes from the song it names as its ``tune`` (two hymns on one melody: the
#: melody is written and checked once; what the song sets itself stays)
TUNE = ("meter", "tempo", "key", "pickup", "pickup_chords", "transpose", "melody", "chords")


def with_tunes(songs: list[dict]) -> list[dict]:
    by_id = {song["id"]: song for song in songs}
    return [{**{k: by_id[song["tune"]][k] for k in TUNE if k in by_id[song["tune"]]}, **song}
            if "tune" in song else song for song in songs]


SONGS = with_tunes(SONGS)

if __name__ == "__main__":
    raise SystemExit(main())
