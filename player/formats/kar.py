"""MIDI files with lyrics (.kar, .mid) → song with syllable timing; the MIDI is copied beside it.

The lyric events are read by :func:`player.midi.lyrics.midi_lyrics` (the player's own reader
for ``lyrics: from-midi``: the .kar ``/`` and ``\\`` marks, CR/LF line ends, UTF-8 else
CP1252/Latin-1), so an imported song and a ``from-midi`` song show the same lines. Beats are
the file's quarter notes (ticks / ticks per beat); the tempo map stays in the copied MIDI file,
which rules playback. ``\\`` paragraphs become verses, cut on bar lines of the first time
signature. Carried: title (@T header, else the first track name), tempo (first), meter (first
time signature), key (first key signature), lines, word timing (syllable timing is kept in
memory and in the MIDI itself). Dropped: later tempo/meter changes in the YAML (the MIDI keeps
them), @-header info other than the title (in comments).
"""

from __future__ import annotations

from pathlib import Path

import mido

from player.core.model.errors import HelsekorError, MediaError, ScriptError
from player.formats.fit import meter_ok
from player.formats.sections import sectionize
from player.formats.song import Song, TimedLine
from player.core.model.messages import tr

__all__ = ["read_midi_lyrics"]


def _meta_text(message: mido.MetaMessage) -> str:
    raw = message.text.encode("latin-1", errors="replace") if hasattr(message, "text") else b""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _word_offsets(syllables, start: float) -> list[float]:
    """Beat offsets (from ``start``) of the word starts, one per word of the line's text.

    A syllable that holds more than one word (``"me a"``, an elision sung on one note) gives
    each further word the syllable's own beat.
    """
    offsets: list[float] = []
    previous_ended = True
    for syllable in syllables:
        words = syllable.text.split()
        if not words:
            previous_ended = True
            continue
        at = round(syllable.beat - start, 4)
        new_words = len(words) if previous_ended or syllable.text[0].isspace() else len(words) - 1
        offsets.extend([at] * new_words)
        previous_ended = syllable.text[-1].isspace()
    return offsets


def _clean(text: str) -> str:
    """Line text without a stray trailing ``/`` or ``\\`` break mark (some .kar writers put it last)."""
    return text.rstrip().rstrip("/\\").rstrip()


def read_midi_lyrics(path: Path) -> Song:
    """Read a MIDI/.kar file's lyrics into a song whose ``midi_source`` is the file itself."""
    from player.midi.lyrics import midi_lyrics
    from player.midi.song import load_midi

    try:
        midi = load_midi(path)
    except HelsekorError:
        raise
    except Exception as err:  # mido raises many kinds (OSError, EOFError, ValueError, KeyError…)
        raise MediaError(tr('{path}: cannot read the MIDI file ({name}: {err})', path=path, name=type(err).__name__, err=err)) from err
    try:
        lines = midi_lyrics(midi)
    except HelsekorError:
        raise
    except Exception as err:
        raise MediaError(tr('{path}: cannot read the lyrics in the MIDI file ({name}: {err})', path=path, name=type(err).__name__, err=err)) from err
    if not lines:
        raise ScriptError.single(path, tr('the MIDI file has no lyrics (no lyric or text events); use a .kar file or a MIDI file with lyrics'))
    song = Song(title="", source=path, midi_source=path)
    track_name = header_title = None
    tempo_set = meter_set = False
    for event in midi.meta:
        message = event.message
        if message.type == "set_tempo" and not tempo_set and message.tempo > 0:
            song.tempo = round(mido.tempo2bpm(message.tempo), 2)
            tempo_set = True
        elif message.type == "time_signature" and not meter_set:
            if meter_ok(message.numerator, message.denominator):
                song.meter = f"{message.numerator}/{message.denominator}"
            else:
                song.notes.append(tr('the meter {numerator}/{denominator} is not supported; used 4/4', numerator=message.numerator, denominator=message.denominator))
            meter_set = True
        elif message.type == "key_signature" and song.key is None:
            song.key = message.key
        elif message.type == "track_name" and track_name is None and _meta_text(message).strip():
            track_name = _meta_text(message).strip()
        elif message.type == "text":
            text = _meta_text(message)
            if text.startswith("@T") and header_title is None:
                header_title = text[2:].strip()
            elif text.startswith("@") and len(text) > 2 and text[2:].strip():
                song.comments.append(f"kar {text[:2]}: {text[2:].strip()}")
    tempos = sum(1 for e in midi.meta if e.message.type == "set_tempo")
    meters = sum(1 for e in midi.meta if e.message.type == "time_signature")
    if tempos > 1:
        song.comments.append(f"MIDI-fila har {tempos} tempoendringer; tempo-kartet ligger i MIDI-fila")
    if meters > 1:
        song.notes.append(tr('the MIDI file has {meters} meter changes; the sections are cut by the first ({meter})', meters=meters, meter=song.meter))
    song.tempo = max(20.0, min(300.0, song.tempo))
    song.title = header_title or track_name or path.stem
    timed: list[TimedLine] = []
    previous_paragraph = -1
    stray = 0
    for line in lines:
        syllables = [(round(s.beat, 4), s.text) for s in line.syllables if s.text.strip()]
        text = _clean(line.text)
        stray += text != line.text.strip()
        if not text:
            continue
        timed.append(TimedLine(
            text=text, start=line.start_beat, length=max(line.end_beat - line.start_beat, 0.0),
            words=_word_offsets(line.syllables, line.start_beat),
            syllables=[(round(t - line.start_beat, 4), piece) for t, piece in syllables],
            paragraph=line.paragraph != previous_paragraph))
        previous_paragraph = line.paragraph
    if stray:
        song.comments.append(f"{stray} linje(r) endte med et skilletegn / eller \\ som er tatt bort")
    sectionize(song, timed, total=midi.length_beats)
    return song
