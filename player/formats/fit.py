"""Bring an imported song within the song format's limits before it is written.

The limits are the loader's (player/core/script/songfile.py): texts without control characters
and not too long (title 200, section name 60, line 300 with its inline chords, cue 120, credits
500), tempo 20–300, meter 1–16 over 2/4/8, line start 0–10 000 and length 0.25–1 000 beats
(rounded as written: four decimals), no overlapping lines, one word time per word inside the
line, sections of 1–500 bars. What changed is noted in ``song.notes``; a song that cannot be
brought within them raises :class:`ValueError` (the caller names the file). All numbers are
beats.
"""

from __future__ import annotations

import math
import re

from player.formats.song import SECTION_KINDS, Line, Section, Song
from player.formats.text import _UNPRINTABLE, clean_text
from player.core.model.messages import tr

__all__ = ["fit_to_format", "meter_ok", "MAX_LINE_BEATS", "MAX_BARS", "MAX_LINES", "MAX_SOURCE_LINES"]

_CHORD_NAME = re.compile(r"^[A-H][#b]?[A-Za-z0-9#b+°ø()/-]{0,10}$")
_KEY_NAME = re.compile(r"^[A-H][#b]?m?$")
MAX_LINE_BEATS = 1000
MAX_BARS = 500
MAX_LINES = 1000          # a song of more lines is not a song: the rest is left out
MAX_SOURCE_LINES = 10_000  # text importers read this many lines of a file at most
MAX_NOTES = 50            # what the import could not carry over, as comments: the file stays small
_EPS = 1e-6
_ID = re.compile(r"[^A-Za-z0-9_-]")


def meter_ok(numerator: object, denominator: object) -> bool:
    """Whether ``numerator/denominator`` is a meter the song format holds (1–16 over 2, 4 or 8)."""
    return isinstance(numerator, int) and isinstance(denominator, int) and 1 <= numerator <= 16 \
        and denominator in (2, 4, 8)


def _r(value: float) -> float:
    return round(float(value), 4)


def _finite(*values) -> bool:
    return all(v is None or (isinstance(v, (int, float)) and math.isfinite(v)) for v in values)


def _fit_texts(song: Song) -> None:
    if song.key and not _KEY_NAME.match(song.key):
        song.notes.append(tr('the key «{clean_text}» does not fit the song format (such as C, F#, Bb, Am)', clean_text=clean_text(song.key)[:20]))
        song.key = None
    song.title = clean_text(song.title)[:200].strip() or "Uten tittel"
    song.credits = clean_text(song.credits or "")[:500].strip() or None
    song.subtitle = clean_text(song.subtitle or "")[:200] or None
    song.comments = [clean_text(c)[:500] for c in song.comments]
    if not _finite(song.tempo) or not 20 <= song.tempo <= 300:
        song.notes.append(tr('the tempo {tempo} does not fit the song format; used 100', tempo=song.tempo))
        song.tempo = 100
    try:
        num, den = (int(x) for x in song.meter.split("/"))
    except ValueError:
        num = den = 0
    if not meter_ok(num, den):
        raise ValueError(tr("the meter {meter} does not fit the song format", meter=song.meter))
    if song.audio_start is not None and (not _finite(song.audio_start) or not 0 <= song.audio_start <= 3600):
        raise ValueError(tr("the sound starts at {start} s; the song format allows 0–3600", start=song.audio_start))


def _clean_mapped(raw: str) -> tuple[str, list[int]]:
    """:func:`clean_text` of ``raw`` plus, for every index of ``raw`` (and its end), the index
    it has in the cleaned text, so chords stay over the same syllable."""
    out: list[str] = []
    where: list[int] = []
    for ch in raw[:4000]:      # the line is cut to 300 characters anyway
        blank = ch.isspace() or ch == "\ufeff" or _UNPRINTABLE.match(ch) is not None
        if blank:
            where.append(len(out))
            if out and out[-1] != " ":
                out.append(" ")
        else:
            where.append(len(out))
            out.append(ch)
    where.extend([len(out)] * (len(raw) - len(raw[:4000]) + 1))
    text = "".join(out)
    stripped = text.lstrip()
    shift = len(text) - len(stripped)
    text = stripped.rstrip()
    return text, [max(0, min(len(text), w - shift)) for w in where]


def _fit_line(line: Line, counts: dict[str, int], dropped: list[str]) -> bool:
    """Clean one line in place; False when nothing singable is left."""
    text, where = _clean_mapped(line.text.replace("[", "(").replace("]", ")"))
    line.text = text
    if line.cue is not None:
        line.cue = clean_text(line.cue)[:120] or None
    kept = []
    for index, name in line.chords:
        if isinstance(name, str) and _CHORD_NAME.match(name):
            kept.append((where[max(0, min(int(index), len(where) - 1))], name))
        else:
            dropped.append(clean_text(str(name))[:20])
    line.chords = kept
    room = 300 - sum(len(n) + 2 for _, n in kept)
    if len(line.text) > room:
        counts["cut"] += 1
        budget, fitting = 200, []      # very many chords: at most 200 characters of them, the words first
        for index, name in kept:
            if index > 300 or budget < len(name) + 2:
                break
            budget -= len(name) + 2
            fitting.append((index, name))
        room = 300 - (200 - budget)
        line.text = line.text[:room].rstrip()
        line.chords = [(min(i, len(line.text)), n) for i, n in fitting]
    if not line.text:
        return False
    if not _finite(line.start, line.length):
        line.start = line.length = None
    if line.length is not None:
        if line.length > MAX_LINE_BEATS:
            counts["capped"] += 1
        line.length = _r(min(MAX_LINE_BEATS, max(0.25, line.length)))
    if line.start is not None:
        line.start = _r(max(0.0, line.start))
    if line.words is not None:
        words = [_r(w) if _finite(w) else -1.0 for w in line.words]
        ok = (len(words) == len(line.text.split()) and line.length is not None
              and all(0 <= w <= line.length - 1e-5 for w in words) and all(a <= b for a, b in zip(words, words[1:])))
        line.words = words if ok else None
        counts["words"] += not ok
    return True


def _no_overlap(lines: list[Line]) -> None:
    """Lines as written (four decimals) may not overlap: shorten the earlier one, else push."""
    for prev, line in zip(lines, lines[1:]):
        if None in (prev.start, prev.length, line.start):
            continue
        if line.start < prev.start + prev.length - 1e-9:
            room = _r(line.start - prev.start)
            if room >= 0.25:
                prev.length = room
                if prev.words and any(w > room - 1e-5 for w in prev.words):
                    prev.words = None
            else:
                line.start = _r(prev.start + prev.length)


def _split(section: Section, bar: float, counter: list[int]) -> tuple[list[Section], bool]:
    """``section`` cut at line boundaries into pieces of at most ``MAX_BARS`` bars each.
    Returns the pieces and whether lines had to be left out (a gap longer than a section)."""
    timed = all(ln.start is not None and ln.length is not None for ln in section.lines)
    end = max((ln.start + ln.length for ln in section.lines if timed), default=0.0)
    total_bars = section.bars if section.bars is not None else max(1, math.ceil(end / bar - _EPS))
    if not timed or total_bars <= MAX_BARS:
        return [section], False
    limit = MAX_BARS * bar
    pieces: list[Section] = []
    current = Section(id=section.id, name=section.name, kind=section.kind, comments=section.comments)
    offset = 0.0       # beats of the section already given to earlier pieces
    lost = False
    for line in section.lines:
        rel = line.start - offset
        if current.lines and rel + line.length > limit + _EPS:
            last = current.lines[-1]
            cut = math.ceil((offset + last.start + last.length) / bar - _EPS) * bar
            if cut > line.start + _EPS:
                cut = math.floor(line.start / bar + _EPS) * bar
                last.length = _r(cut - offset - last.start)
                last.words = None if last.words and any(w > last.length - 1e-5 for w in last.words) else last.words
            if last.length < 0.25 or cut <= offset:
                lost = True
                break
            current.bars = max(1, round((cut - offset) / bar))
            pieces.append(current)
            counter[0] += 1
            current = Section(id=f"{section.id}-{counter[0]}", name=section.name, kind=section.kind)
            offset = cut
            rel = line.start - offset
        if rel + line.length > limit + _EPS:
            lost = True
            break
        line.start = _r(rel)
        current.lines.append(line)
    if current.lines:
        last_end = max(ln.start + ln.length for ln in current.lines)
        rest = total_bars - round(offset / bar)
        current.bars = max(math.ceil(last_end / bar - _EPS), min(MAX_BARS, rest)) if not lost else \
            max(1, math.ceil(last_end / bar - _EPS))
        pieces.append(current)
    return pieces, lost


def fit_to_format(song: Song) -> None:
    """Bring ``song`` within the song format's limits in place (see the module docstring)."""
    _fit_texts(song)
    counts = {"words": 0, "cut": 0, "capped": 0, "empty": 0}
    dropped: list[str] = []
    total = 0
    kept_sections: list[Section] = []
    ids: dict[str, str] = {}          # the source's section id → the one written
    for number, section in enumerate(song.sections, start=1):
        new_id = _ID.sub("", clean_text(str(section.id)))[:20] or f"s{number}"
        ids.setdefault(section.id, new_id)
        section.id = new_id
        section.name = clean_text(section.name)[:60].strip() or "Vers"
        section.kind = section.kind if section.kind in SECTION_KINDS else "verse"
        section.comments = [clean_text(c)[:500] for c in section.comments]
        lines = []
        for line in section.lines:
            if total >= MAX_LINES:
                break
            if _fit_line(line, counts, dropped):
                lines.append(line)
                total += 1
            else:
                counts["empty"] += 1
        section.lines = lines
        _no_overlap(lines)
        if lines:
            kept_sections.append(section)
        if total >= MAX_LINES:
            song.notes.append(tr('the song has more than {MAX_LINES} lines; the rest is left out', MAX_LINES=MAX_LINES))
            break
    bar = song.beats_per_bar
    out: list[Section] = []
    renamed: dict[str, list[str]] = {}
    counter = [1]
    lost = False
    for section in kept_sections:
        pieces, lost = _split(section, bar, counter)
        out.extend(pieces)
        renamed[section.id] = [p.id for p in pieces]
        if lost:
            song.notes.append(tr('a rest of more than {MAX_BARS} bars in «{name}»: the rest of the song is left out', MAX_BARS=MAX_BARS, name=section.name))
            break
    if not out and lost:
        raise ValueError(tr("the lyrics begin after a rest of more than {bars} bars; the song format cannot hold "
                            "so long a rest", bars=MAX_BARS))
    seen: set[str] = set()
    for section in out:
        end = max((ln.start + ln.length for ln in section.lines if ln.start is not None and ln.length is not None),
                  default=0.0)
        if section.bars is not None and end > section.bars * bar + 1e-9:
            section.bars = math.ceil(end / bar - _EPS)
        while section.id in seen:
            section.id += "x"
        seen.add(section.id)
        if section.bars is not None:
            section.bars = max(1, min(MAX_BARS, int(section.bars)))
    song.sections = out
    if song.order:
        song.order = [piece for item in song.order for piece in renamed.get(ids.get(item, ""), [])] or None
    if not song.sections:
        raise ValueError(tr("no lyrics left after the characters the song format cannot hold were taken out"))
    if dropped:
        song.notes.append(tr("chord names the song format cannot hold are left out: {chords}", chords=", ".join(sorted(set(dropped)))))
    if counts["capped"]:
        song.notes.append(tr('{counts} line(s) were longer than {MAX_LINE_BEATS} beats and are shortened (the rest after them stays)', counts=counts['capped'], MAX_LINE_BEATS=MAX_LINE_BEATS))
    if counts["cut"]:
        song.notes.append(tr('{counts} line(s) were too long (over 300 characters) and are shortened', counts=counts['cut']))
    if counts["empty"]:
        song.notes.append(tr('{counts} line(s) with no character the song format can hold are left out', counts=counts['empty']))
    if counts["words"]:
        song.notes.append(tr('the word times of {counts} line(s) did not fit the words and are left out', counts=counts['words']))
    notes = list(dict.fromkeys(song.notes))        # each once, and not more than anyone reads
    if len(notes) > MAX_NOTES:
        notes = notes[:MAX_NOTES] + [tr("… and {n} more notes", n=len(notes) - MAX_NOTES)]
    song.notes = notes
