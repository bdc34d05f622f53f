"""Reading and checking one song file (songs/ID.yaml) into a :class:`~player.core.model.data.Song`."""

from __future__ import annotations

import difflib
import math
import re
from pathlib import Path

from player.core.script.checks import Checker, check_version, describe, join, media_file, read_cues
from player.core.model.data import Line, Meter, Section, Song, Word
from player.core.script.lyrictext import SECTION_PREFIX, estimated_beats, lyric_blocks
from player.core.script.notation import parse_chords, parse_meter, word_spans
from player.core.script.yamlnodes import Node
from player.core.model.messages import tr

__all__ = ["read_song", "SECTION_KINDS", "SONG_KEYS", "DEFAULT_TEMPO"]

SECTION_KINDS = ("verse", "chorus", "bridge", "intro", "outro")
_KEY = re.compile(r"^[A-H][#b]?m?$")

DEFAULT_TEMPO = 100.0      # BPM of a song that does not say (as the importers assume)
SONG_KEYS = ("version", "title", "credits", "meter", "tempo", "key", "range", "midi", "audio", "audio_start",
             "beats", "count_in_bars", "timing", "sections", "order", "lyrics", "program", "cues")


def read_song(ck: Checker, root: Node, path: Path, midi_reader=None, media_probe=None, cue_checker=None,
              midi_probe=None) -> Song | None:
    """Check a song file's tree; return the Song, or None when it has problems (recorded in ck).

    ``midi_reader(path, meter)`` gives the sections of a ``lyrics: from-midi`` song;
    ``media_probe(path)`` says why an audio file cannot be played (or None), ``midi_probe(path)``
    the same for a MIDI file. All are injected
    by the caller, so this module needs no device library.

    Only ``title`` and the words (``lyrics`` or ``sections``) are required: ``version`` is the
    current one, meter 4/4, tempo :data:`DEFAULT_TEMPO`, and lines without timing get a beat
    per syllable in whole bars (see :mod:`player.core.script.lyrictext`)."""
    before = len(ck.problems)
    m = ck.mapping(root, "", required=("title",), optional=SONG_KEYS)
    if m is None:
        return None
    check_version(ck, m)
    title = ck.text(m["title"], "title", 200) if "title" in m else None
    credits = ck.text(m["credits"], "credits", 500) if "credits" in m else ""
    meter = Meter()
    if "meter" in m:
        meter = parse_meter(m["meter"].value) or meter
        if parse_meter(m["meter"].value) is None:
            ck.error(m["meter"], "meter", tr("'{value}' is not a meter (such as 4/4, 3/4, 6/8; unit 2, 4 or 8)", value=m['meter'].value))
    tempo = ck.number(m["tempo"], "tempo", 20, 300) if "tempo" in m else DEFAULT_TEMPO
    key = ""
    if "key" in m:
        key = str(m["key"].value)
        if not _KEY.match(key):
            ck.error(m["key"], "key", tr("'{key}' is not a key (such as C, F#, Bb, Am)", key=key))
    rng = ck.text(m["range"], "range", 40) if "range" in m else ""
    midi = _media(ck, m, "midi", path, midi_probe)
    audio = _media(ck, m, "audio", path, media_probe)
    audio_start = ck.number(m["audio_start"], "audio_start", 0, 3600) if "audio_start" in m else 0.0
    beat_times = _beat_times(ck, m.get("beats"))
    count_in = ck.number(m["count_in_bars"], "count_in_bars", 0, 2, integer=True) if "count_in_bars" in m else None
    program = ck.number(m["program"], "program", 1, 128, integer=True) if "program" in m else None
    cues = read_cues(ck, m["cues"], "cues", cue_checker) if "cues" in m else ()

    from_midi = False
    text = None
    if "lyrics" in m:
        node = m["lyrics"]
        words = node.value.strip() if node.kind == "scalar" and isinstance(node.value, str) else None
        if words and not difflib.get_close_matches(words, ["from-midi"], n=1, cutoff=0.75):
            text = node.value                           # the words, verses between blank lines
        elif words:
            from_midi = ck.choice(node, "lyrics", ("from-midi",)) == "from-midi"
        else:
            ck.error(node, "lyrics", tr("expected the words as text ('lyrics: |' with the lines under it, a blank line between verses) or 'from-midi', found {node}", node=describe(node)))
        if from_midi and "midi" not in m:
            ck.error(m["lyrics"], "lyrics", tr("'from-midi' needs a 'midi:' file with lyric events"))
    sections: tuple[Section, ...] = ()
    if from_midi:
        for k in ("sections", "timing", "order"):
            if k in m:
                ck.error(m[k], k, tr("not allowed with 'lyrics: from-midi' (the lyrics come from the MIDI file)"))
        if midi is not None and midi_reader is not None:
            try:
                sections = tuple(midi_reader(midi, meter))
            except Exception as err:  # noqa: BLE001 - any reader failure is a problem in this file
                ck.error(m["midi"], "midi", tr('cannot read lyrics from {name}: {err}', name=midi.name, err=err))
            else:
                if not sections:
                    ck.error(m["midi"], "midi", tr('{name} has no lyric events (a .kar or a MIDI file with lyrics)', name=midi.name))
    elif text is not None:
        if "sections" in m:
            ck.error(m["sections"], "sections", tr("give either 'lyrics' (the words as text) or 'sections', not both"))
        sections, default_order = _text_sections(ck, m["lyrics"], text, _timing(ck, m.get("timing"), "timing"), meter)
    elif "sections" not in m and "lyrics" not in m:
        ck.error(root, "", tr("the words are missing: write them under 'lyrics: |' (a blank line between verses), or give 'sections', or say 'lyrics: from-midi'"))
    elif "sections" in m:
        sections = _sections(ck, m["sections"], _timing(ck, m.get("timing"), "timing"), meter)
    order = tuple(default_order) if text is not None and sections else tuple(s.id for s in sections)
    if "order" in m and not from_midi:
        items = ck.sequence(m["order"], "order", 1)
        ids = {s.id for s in sections}
        if items is not None:
            picked = []
            for i, item in enumerate(items):
                sid = str(item.value)
                if sid not in ids:
                    ck.error(item, f"order[{i}]", tr("no section with id '{sid}' (sections: {value})", sid=sid, value=', '.join(sorted(ids)) or 'none'))
                picked.append(sid)
            order = tuple(picked)
    if len(ck.problems) > before or title is None or tempo is None:
        return None
    return Song(id=path.stem, path=path, title=title, credits=credits or "", meter=meter, tempo=tempo,
                key=key, range=rng or "", sections=sections, order=order, midi=midi, audio=audio,
                audio_start=audio_start or 0.0, beat_times=beat_times, count_in_bars=count_in,
                lyrics_from_midi=from_midi, program=program, cues=cues)


def _media(ck: Checker, m: dict[str, Node], key: str, base: Path, probe) -> Path | None:
    """The media file ``m[key]`` names, if it is there and ``probe(path)`` finds no problem."""
    name = ck.text(m[key], key, 500) if key in m else None
    found = media_file(ck, m[key], key, base, name, "midi" if key == "midi" else "audio") if name else None
    problem = probe(found) if found is not None and probe is not None else None
    if problem:
        ck.error(m[key], key, problem)
    return None if problem else found


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
            ck.error(item, f"beats[{i}]", tr('beat times must increase ({t} s comes after {out} s)', t=f"{t:g}", out=f"{out[-1]:g}"))
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
            ck.error(item, f"{path}[{i}]", tr('expected [start, length] in beats, such as [0, 4]'))
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
    given = {str(it.value["id"].value) for it in items if it.kind == "map" and "id" in it.value}
    counts: dict[str, int] = {}
    for i, item in enumerate(items):
        path = f"sections[{i}]"
        m = ck.mapping(item, path, required=("lines",), optional=("id", "name", "kind", "bars", "timing"))
        if m is None:
            continue
        kind = ck.choice(m["kind"], join(path, "kind"), SECTION_KINDS) if "kind" in m else "verse"
        sid = str(m["id"].value) if "id" in m and m["id"].kind == "scalar" and m["id"].value is not None else None
        if "id" not in m:                       # optional: v1, v2… / c1… by kind, past the ids given
            prefix = SECTION_PREFIX.get(kind or "verse", "s")
            while sid is None or sid in given or sid in seen:
                counts[prefix] = counts.get(prefix, 0) + 1
                sid = f"{prefix}{counts[prefix]}"
        elif sid is None:
            ck.error(m["id"], join(path, "id"), tr('expected a short id such as v1 or chorus'))
        if sid in seen:
            ck.error(m["id"], join(path, "id"), tr("section id '{sid}' is used twice", sid=sid))
        seen.add(sid or "")
        name = ck.text(m["name"], join(path, "name"), 60) if "name" in m else ""
        own_timing = _timing(ck, m.get("timing"), join(path, "timing")) if "timing" in m else timing
        lines = _lines(ck, m.get("lines"), join(path, "lines"), own_timing, meter)
        bars = ck.number(m["bars"], join(path, "bars"), 1, 500, integer=True) if "bars" in m else None
        beats = _length(ck, m.get("bars"), join(path, "bars"), bars, lines, meter)
        if sid is not None and kind is not None:
            out.append(Section(sid, name or "", kind, lines, beats))
    return tuple(out)


def _length(ck: Checker, node: Node | None, path: str, bars, lines, meter: Meter) -> float:
    """A section's beats: ``bars`` bars when given (the lines must fit), else to its last line's end."""
    last_end = max((ln.end for ln in lines), default=0.0)
    if bars is None:
        return max(1, math.ceil(last_end / meter.beats_per_bar - 1e-9)) * meter.beats_per_bar
    beats = bars * meter.beats_per_bar
    if last_end > beats + 1e-9:
        ck.error(node, path, tr('the lines run to beat {last_end}, past the end of the section ({bars} bars = {beats} beats)', last_end=f"{last_end:g}", bars=bars, beats=f"{beats:g}"))
    return beats


def _text_sections(ck: Checker, node: Node, text: str, timing, meter: Meter) -> tuple[tuple[Section, ...], list[str]]:
    """The sections of ``lyrics: |`` text (verses between blank lines, a repeated block the
    chorus) and the order sung. Each line is checked as a line of ``sections`` would be, at
    its own line of the file (the text starts on the line after ``lyrics: |``)."""
    blocks, order = lyric_blocks(text)
    if not blocks:
        ck.error(node, "lyrics", tr('there are no words to sing here (only a chorus label)'))
    out, first = [], node.line + ("\n" in text)      # 'lyrics: |': the text starts on the next line
    for block in blocks:
        rows = [Node(t, node.file, first + r, 1, "scalar") for t, r in zip(block.lines, block.rows)]
        lines = _lines(ck, Node(rows, node.file, node.line, node.column, "seq"), f"lyrics.{block.id}", timing, meter)
        out.append(Section(block.id, "", block.kind, lines, _length(ck, None, "", None, lines, meter)))
    return tuple(out), order


def _lines(ck: Checker, node: Node | None, path: str, timing, meter: Meter) -> tuple[Line, ...]:
    """The lines of a section. A line without ``start``/``length`` takes them from ``timing``
    when a timing list is given (it must have an entry for the line); with none, it starts where
    the line above ends and lasts a beat per syllable in whole bars."""
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
        text, chords, problem = parse_chords(raw)
        if problem:
            ck.error(where, lp, problem)
            continue
        if (start is None or length is None) and timing is not None:
            if i >= len(timing):
                ck.error(where, lp, tr("line {value} has no timing: give 'start' and 'length' (beats), or an entry for it in the 'timing' list (it has {n})", value=i + 1, n=len(timing)))
                continue
            start = timing[i][0] if start is None else start
            length = timing[i][1] if length is None else length
        if start is None:
            start = out[-1].end if out else 0.0
        if length is None:
            length = estimated_beats(text, meter.beats_per_bar)
        words = _words(ck, words_node, join(lp, "words"), text, length)
        if out and start < out[-1].end - 1e-9:
            ck.error(where, lp, tr('starts at beat {start}, before the line above ends (beat {end}); lines may not overlap', start=f"{start:g}", end=f"{out[-1].end:g}"))
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
        ck.error(node, path, tr('{n} times for {n2} words; give one beat offset per word', n=len(items), n2=len(spans)))
        return ()
    out: list[Word] = []
    for (a, b), item in zip(spans, items):
        t = ck.number(item, path, 0, max(0.0, length - 1e-6))
        if t is None:
            return ()
        if out and t < out[-1].offset:
            ck.error(item, path, tr('word times must not go backwards ({t} after {offset})', t=f"{t:g}", offset=f"{out[-1].offset:g}"))
            return ()
        out.append(Word(text[a:b], t, a, b))
    return tuple(out)
