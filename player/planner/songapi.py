"""The song editor's endpoints: build a song from pasted text (its YAML, lines and estimated
length at once), take a MIDI backing to tap along (rendered to a WAV the browser can play, with
the second of every beat), and save the song in the choir's ``songs/``."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
import shutil
import tempfile
from pathlib import Path

from player.core.model.errors import HelsekorError
from player.core.show.acts import fmt_time
from player.planner.api import Planner, Refused
from player.planner.folder import safe_name
from player.planner.songs import (AUDIO_SUFFIXES, MAX_AUDIO_BYTES, MAX_MIDI_BYTES, SongForm, build_song, song_yaml,
                                  sung_lines)

__all__ = ["song_build", "song_backing", "song_save", "Backing"]


@dataclass(frozen=True)
class Backing:
    """A backing the page sent: MIDI bytes (rendered to ``wav`` for tapping) or a recording."""

    name: str
    wav: Path
    midi: bytes | None = None
    audio: Path | None = None


def _form(body) -> SongForm:
    data = body.get("song") or {}
    try:
        tempo = float(data["tempo"]) if str(data.get("tempo") or "").strip() else None
    except (TypeError, ValueError):
        raise Refused(422, "plan_bad_tempo") from None
    taps = data.get("taps") or []
    if not isinstance(taps, list) or len(taps) > 2000:
        raise Refused(422, "plan_bad_taps")
    meter = str(data.get("meter") or "").strip()
    if meter and not _meter_ok(meter):
        raise Refused(422, "plan_bad_meter", meter=meter[:20])
    return SongForm(text=str(data.get("text") or ""), title=str(data.get("title") or ""),
                    credits=str(data.get("credits") or ""), meter=meter, tempo=tempo,
                    key=str(data.get("key") or ""), taps=tuple(float(t) for t in taps
                                                              if isinstance(t, (int, float))))


def _meter_ok(meter: str) -> bool:
    num, _, den = meter.partition("/")
    return num.isdigit() and den in ("2", "4", "8") and 1 <= int(num) <= 12


def _check_song(planner: Planner, text: str, midi: bytes | None, audio: Path | None, stem: str) -> tuple[list[str], object]:
    """The loader's problems with the song YAML ``text`` (beside its MIDI file, if any)."""
    from player.wiring import loader
    stage = Path(tempfile.mkdtemp(prefix=".planner-song-", dir=planner.folder / "songs"))
    try:
        if midi is not None:
            (stage / f"{stem}.mid").write_bytes(midi)
        if audio is not None:
            shutil.copy(audio, stage / f"{stem}{audio.suffix}")
        (stage / f"{stem}.yaml").write_text(text, encoding="utf-8")
        songs = loader(planner.library())
        song = songs.song(stage / f"{stem}.yaml")
        return [f"{p.line}: {p.path + ': ' if p.path else ''}{p.message}" for p in songs.ck.problems], song
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _built(planner: Planner, body):
    form = _form(body)
    try:
        song = build_song(form)
    except ValueError as err:
        raise Refused(422, "plan_song_empty", why=str(err)) from None
    backing = planner.backings.get(str(body.get("backing") or ""))
    stem = safe_name(song.title, "sang")
    midi = backing.midi if backing else None
    audio = backing.audio if backing else None
    text = song_yaml(song, f"{stem}.mid" if midi else None, f"{stem}{audio.suffix}" if audio else None)
    (planner.folder / "songs").mkdir(parents=True, exist_ok=True)
    problems, checked = _check_song(planner, text, midi, audio, stem)
    return song, stem, text, problems, checked, backing


def song_build(planner: Planner, body) -> dict:
    song, stem, text, problems, checked, _ = _built(planner, body)
    lines = [{"section": sid, "index": i, "text": next(s for s in song.sections if s.id == sid).lines[i].text}
             for sid, i in sung_lines(song)]
    seconds = checked.beats_sung() * 60 / checked.tempo if checked is not None else None
    return {"yaml": text, "name": f"{stem}.yaml", "lines": lines, "problems": problems, "title": song.title,
            "seconds": seconds, "time": fmt_time(seconds) if seconds else "", "tempo": song.tempo,
            "meter": song.meter, "estimated": song.estimated}


#: the first bytes of each kind of recording the song editor takes
AUDIO_MAGIC = {".ogg": (b"OggS",), ".flac": (b"fLaC",), ".wav": (b"RIFF",), ".mp3": (b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"),
               ".m4a": (b"\0\0\0",)}


def _recording(planner: Planner, data: bytes, suffix: str) -> dict:
    if len(data) > MAX_AUDIO_BYTES:
        raise Refused(413, "plan_upload_too_big", mb=MAX_AUDIO_BYTES >> 20)
    if not data.startswith(AUDIO_MAGIC[suffix]) or suffix == ".wav" and data[8:12] != b"WAVE":
        raise Refused(415, "plan_bad_upload_type")
    token = secrets.token_hex(8)
    folder = planner.work / token
    folder.mkdir()
    path = folder / f"recording{suffix}"
    path.write_bytes(data)
    planner.backings[token] = Backing(f"recording{suffix}", path, audio=path)
    return {"token": token, "wav": f"/api/song/backing/{token}.wav", "beat_seconds": None, "kind": "audio"}


def song_backing(planner: Planner, data: bytes, filename: str) -> dict:
    """A MIDI file from the page (checked: size, header, mido; rendered to WAV for tapping) or a
    recording (checked: size and its first bytes; played as it is)."""
    suffix = Path(filename).suffix.lower()
    if suffix in AUDIO_SUFFIXES:
        return _recording(planner, data, suffix)
    if suffix not in (".mid", ".midi", ".kar"):
        raise Refused(415, "plan_bad_upload_type")
    if len(data) > MAX_MIDI_BYTES:
        raise Refused(413, "plan_upload_too_big", mb=MAX_MIDI_BYTES >> 20)
    if not data.startswith(b"MThd"):
        raise Refused(415, "plan_bad_upload_type")
    token = secrets.token_hex(8)
    folder = planner.work / token
    folder.mkdir()
    midi = folder / "backing.mid"
    midi.write_bytes(data)
    from player.midi.song import midi_problem
    problem = midi_problem(midi)
    if problem:
        raise Refused(422, "plan_bad_midi", why=problem)
    from player.midi.offline import render_wav
    try:
        rendered = render_wav(midi, folder / "backing.wav", tail_seconds=0.5)
    except HelsekorError as err:
        raise Refused(422, "plan_bad_midi", why=str(err)) from None
    last = int(rendered.beat_at_seconds(rendered.seconds)) + 1
    beats = [round(rendered.seconds_at_beat(b), 4) for b in range(0, last + 1)]
    planner.backings[token] = Backing(filename, folder / "backing.wav", midi=data)
    return {"token": token, "wav": f"/api/song/backing/{token}.wav", "beat_seconds": beats,
            "seconds": rendered.seconds}


def song_save(planner: Planner, body) -> dict:
    song, stem, text, problems, _, backing = _built(planner, body)
    if problems:
        raise Refused(422, "plan_song_problems", count=len(problems))
    path = planner.place.file("songs", f"{stem}.yaml", write=True)
    backup = None
    if path.exists() or path.is_symlink():
        if not body.get("replace"):
            raise Refused(409, "plan_exists", name=path.name)
        backup = path.with_name(path.name + ".bak")
        shutil.copy2(path, backup)
    if backing and backing.midi:
        song.midi_bytes, song.midi_source = backing.midi, Path(backing.name)
    elif backing and backing.audio:
        song.audio_source = backing.audio
    from player.formats.writer import write_song
    try:
        written = write_song(song, path.parent, stem=stem, replace=True)
    except (HelsekorError, ValueError) as err:
        raise Refused(422, "plan_error_words", why=str(err)) from None
    planner._items = None                 # the library lists it from now on
    return {"name": written[0].name, "id": written[0].stem, "path": str(written[0]),
            "backup": str(backup) if backup else None, "message": planner.word("plan_saved", name=written[0].name)}
