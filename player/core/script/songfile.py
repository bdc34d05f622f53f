"""Reading and checking one song file (songs/ID.yaml) into a :class:`~player.core.model.data.Song`."""

from __future__ import annotations

import math
import re
from pathlib import Path

from player.core.script.checks import Checker, check_version, join, media_file, read_cues
from player.core.model.data import Line, Meter, Section, Song, Word
from player.core.script.notation import parse_chords, parse_meter, word_spans
from player.core.script.yamlnodes import Node

__all__ = ["read_song", "SECTION_KINDS", "SONG_KEYS"]

SECTION_KINDS = ("verse", "chorus", "bridge", "intro", "outro")
_KEY = re.compile(r"^[A-H][#b]?m?$")

SONG_KEYS = ("title", "credits", "meter", "tempo", "key", "range", "midi", "audio", "audio_start",
             "beats", "count_in_bars", "timing", "sections", "order", "lyrics", "program", "cues")


def read_song(ck: Checker, root: Node, path: Path, midi_reader=None, media_probe=None, cue_checker=None,
              midi_probe=None) -> Song | None:
    """Check a song file's tree; return the Song, or None when it has problems (recorded in ck).

    ``midi_reader(path, meter)`` gives the sections of a ``lyrics: from-midi`` song;
    ``media_probe(path)`` says why an audio file cannot be played (or None), ``midi_probe(path)``
    the same for a MIDI file. All are injected
    by the caller, so this module needs no device library."""
    before = len(ck.problems)
    m = ck.mapping(root, "", required=("version", "title", "tempo"), optional=SONG_KEYS)
    if m is None:
        return None
    check_version(ck, m)
    title = ck.text(m["title"], "title", 200) if "title" in m else None
    credits = ck.text(m["credits"], "credits", 500) if "credits" in m else ""
    meter = Meter()
    if "meter" in m:
        meter = parse_meter(m["meter"].value) or meter
        if parse_meter(m["meter"].value) is None:
            ck.error(m["meter"], "meter", f"'{m['meter'].value}' is not a meter (such as 4/4, 3/4, 6/8; unit 2, 4 or 8)")
    tempo = ck.number(m["tempo"], "tempo", 20, 300) if "tempo" in m else None
    key = ""
    if "key" in m:
        key = str(m["key"].value)
        if not _KEY.match(key):
            ck.error(m["key"], "key", f"'{key}' is not a key (such as C, F#, Bb, Am)")
    rng = ck.text(m["range"], "range", 40) if "range" in m else ""
    midi = _media(ck, m, "midi", path)
    if midi is not None and midi_probe is not None:
        problem = midi_probe(midi)
        if problem:
            ck.error(m["midi"], "midi", problem)
            midi = None
    audio = _media(ck, m, "audio", path)
    if audio is not None and media_probe is not None:
        problem = media_probe(audio)
        if problem:
            ck.error(m["audio"], "audio", problem)
            audio = None
    audio_start = ck.number(m["audio_start"], "audio_start", 0, 3600) if "audio_start" in m else 0.0
    beat_times = _beat_times(ck, m.get("beats"))
    count_in = ck.number(m["count_in_bars"], "count_in_bars", 0, 2, integer=True) if "count_in_bars" in m else None
    program = ck.number(m["program"], "program", 1, 128, integer=True) if "program" in m else None
    cues = read_cues(ck, m["cues"], "cues", cue_checker) if "cues" in m else ()

    from_midi = False
    if "lyrics" in m:
        from_midi = ck.choice(m["lyrics"], "lyrics", ("from-midi",)) == "from-midi"
        if from_midi and "midi" not in m:
            ck.error(m["lyrics"], "lyrics", "'from-midi' needs a 'midi:' file with lyric events")
    sections: tuple[Section, ...] = ()
    if from_midi:
        for k in ("sections", "timing", "order"):
            if k in m:
                ck.error(m[k], k, "not allowed with 'lyrics: from-midi' (the lyrics come from the MIDI file)")
        if midi is not None and midi_reader is not None:
            try:
                sections = tuple(midi_reader(midi, meter))
            except Exception as err:  # noqa: BLE001 - any reader failure is a problem in this file
                ck.error(m["midi"], "midi", f"cannot read lyrics from {midi.name}: {err}")
            else:
                if not sections:
                    ck.error(m["midi"], "midi", f"{midi.name} has no lyric events (a .kar or a MIDI file with lyrics)")
    elif "sections" not in m:
        ck.error(root, "", "'sections' is missing (or say 'lyrics: from-midi')")
    else:
        timing = _timing(ck, m.get("timing"), "timing")
        sections = _sections(ck, m["sections"], timing, meter)
    order = tuple(s.id for s in sections)
    if "order" in m and not from_midi:
        items = ck.sequence(m["order"], "order", 1)
        ids = {s.id for s in sections}
        if items is not None:
            picked = []
            for i, item in enumerate(items):
                sid = str(item.value)
                if sid not in ids:
                    ck.error(item, f"order[{i}]", f"no section with id '{sid}' (sections: {', '.join(sorted(ids)) or 'none'})")
                picked.append(sid)
            order = tuple(picked)
    if len(ck.problems) > before or title is None or tempo is None:
        return None
    return Song(id=path.stem, path=path, title=title, credits=credits or "", meter=meter, tempo=tempo,
                key=key, range=rng or "", sections=sections, order=order, midi=midi, audio=audio,
                audio_start=audio_start or 0.0, beat_times=beat_times, count_in_bars=count_in,
                lyrics_from_midi=from_midi, program=program, cues=cues)


def _media(ck: Checker, m: dict[str, Node], key: str, base: Path) -> Path | None:
    if key not in m:
        return None
    name = ck.text(m[key], key, 500)
    if name is None:
        return None
    return media_file(ck, m[key], key, base, name, "midi" if key == "midi" else "audio")


def _beat_times(ck: Checker, node: Node | None) -> tuple[float, ...]:
    if node is None:
        return ()
    items = ck.sequence(node, "beats", 2)
    if items is None:
        return ()
    out: list[float] = []
    for i, item in enumerate(items):
        t = ck.number(item, f"beats[{i}]", 0, 24 * 3600)
        if t is None:
            return ()
        if out and t <= out[-1]:
            ck.error(item, f"beats[{i}]", f"beat times must increase ({t:g} s comes after {out[-1]:g} s)")
            return ()
        out.append(t)
    return tuple(out)


def _timing(ck: Checker, node: Node | None, path: str) -> list[tuple[float, float]] | None:
    if node is None:
        return None
    items = ck.sequence(node, path, 1)
    if items is None:
        return None
    out = []
    for i, item in enumerate(items):
        pair = item.value if item.kind == "seq" else None
        if not pair or len(pair) != 2:
            ck.error(item, f"{path}[{i}]", "expected [start, length] in beats, such as [0, 4]")
            out.append((0.0, 1.0))
            continue
        start = ck.number(pair[0], f"{path}[{i}][0]", 0, 10_000)
        length = ck.number(pair[1], f"{path}[{i}][1]", 0.25, 1_000)
        out.append((start or 0.0, length or 1.0))
    return out


def _sections(ck: Checker, node: Node, timing, meter: Meter) -> tuple[Section, ...]:
    items = ck.sequence(node, "sections", 1)
    if items is None:
        return ()
    out: list[Section] = []
    seen: set[str] = set()
    for i, item in enumerate(items):
        path = f"sections[{i}]"
        m = ck.mapping(item, path, required=("id", "lines"), optional=("name", "kind", "bars", "timing"))
        if m is None:
            continue
        sid = str(m["id"].value) if "id" in m and m["id"].kind == "scalar" and m["id"].value is not None else None
        if sid is None and "id" in m:
            ck.error(m["id"], join(path, "id"), "expected a short id such as v1 or chorus")
        if sid in seen:
            ck.error(m["id"], join(path, "id"), f"section id '{sid}' is used twice")
        seen.add(sid or "")
        kind = ck.choice(m["kind"], join(path, "kind"), SECTION_KINDS) if "kind" in m else "verse"
        name = ck.text(m["name"], join(path, "name"), 60) if "name" in m else ""
        own_timing = _timing(ck, m.get("timing"), join(path, "timing")) if "timing" in m else timing
        lines = _lines(ck, m.get("lines"), join(path, "lines"), own_timing)
        bars = ck.number(m["bars"], join(path, "bars"), 1, 500, integer=True) if "bars" in m else None
        last_end = max((ln.end for ln in lines), default=0.0)
        if bars is not None:
            beats = bars * meter.beats_per_bar
            if last_end > beats + 1e-9:
                ck.error(m["bars"], join(path, "bars"),
                         f"the lines run to beat {last_end:g}, past the end of the section ({bars} bars = {beats:g} beats)")
        else:
            beats = max(1, math.ceil(last_end / meter.beats_per_bar - 1e-9)) * meter.beats_per_bar
        if sid is not None and kind is not None:
            out.append(Section(sid, name or "", kind, lines, beats))
    return tuple(out)


def _lines(ck: Checker, node: Node | None, path: str, timing) -> tuple[Line, ...]:
    if node is None:
        return ()
    items = ck.sequence(node, path, 1)
    if items is None:
        return ()
    out: list[Line] = []
    for i, item in enumerate(items):
        lp = f"{path}[{i}]"
        words_node = cue = None
        if item.kind == "map":
            m = ck.mapping(item, lp, required=("text",), optional=("start", "length", "words", "cue"))
            if m is None or "text" not in m:
                continue
            raw = ck.text(m["text"], join(lp, "text"), 300)
            start = ck.number(m["start"], join(lp, "start"), 0, 10_000) if "start" in m else None
            length = ck.number(m["length"], join(lp, "length"), 0.25, 1_000) if "length" in m else None
            words_node = m.get("words")
            cue = ck.text(m["cue"], join(lp, "cue"), 120) if "cue" in m else None
            where = m["text"]
        else:
            raw = ck.text(item, lp, 300)
            start = length = None
            where = item
        if raw is None:
            continue
        if start is None or length is None:
            if timing is None or i >= len(timing):
                have = 0 if timing is None else len(timing)
                ck.error(where, lp, f"line {i + 1} has no timing: give 'start' and 'length' (beats), "
                                    f"or a 'timing' list with an entry for it (it has {have})")
                continue
            start = timing[i][0] if start is None else start
            length = timing[i][1] if length is None else length
        text, chords, problem = parse_chords(raw)
        if problem:
            ck.error(where, lp, problem)
            continue
        words = _words(ck, words_node, join(lp, "words"), text, length)
        if out and start < out[-1].end - 1e-9:
            ck.error(where, lp, f"starts at beat {start:g}, before the line above ends (beat {out[-1].end:g}); lines may not overlap")
        out.append(Line(text, start, length, chords, words, cue or ""))
    return tuple(out)


def _words(ck: Checker, node: Node | None, path: str, text: str, length: float) -> tuple[Word, ...]:
    if node is None:
        return ()
    items = ck.sequence(node, path, 1)
    if items is None:
        return ()
    spans = word_spans(text)
    if len(items) != len(spans):
        ck.error(node, path, f"{len(items)} times for {len(spans)} words; give one beat offset per word")
        return ()
    out: list[Word] = []
    for (a, b), item in zip(spans, items):
        t = ck.number(item, path, 0, max(0.0, length - 1e-6))
        if t is None:
            return ()
        if out and t < out[-1].offset:
            ck.error(item, path, f"word times must not go backwards ({t:g} after {out[-1].offset:g})")
            return ()
        out.append(Word(text[a:b], t, a, b))
    return tuple(out)
