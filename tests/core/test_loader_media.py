"""The media the loader's probes check: MIDI files sanity-checked before the show (and refused
by load_midi too, so render and the show stay bounded), WAV files of every layout VLC plays
accepted by their headers alone."""

from __future__ import annotations

import os
from pathlib import Path

import mido
import pytest

from player.audio.media import probe_media, wav_problem
from player.core.model.errors import MediaError
from player.midi.song import MAX_EVENTS, load_midi, midi_problem, scan_midi

from tests.fuzz import build

ROOT = Path(__file__).resolve().parents[2]

BAD_MIDI = {
    "tempo 0": (build.midi_file(tempo_us=0), "tempo 0 at tick 0"),
    "0 beats a bar": (build.midi_file(ts=(0, 2)), "time signature 0/4"),
    "unit 1/64": (build.midi_file(ts=(4, 6)), "time signature 4/64"),
    "unit 1/2**255": (build.midi_file(ts=(4, 255)), "time signature 4/2**255"),
    "0 ticks per beat": (build.midi_file(division=0), "0 ticks per beat"),
    "SMPTE": (build.midi_file(division=0xE728), "SMPTE timing"),
    "100 000 lyrics": (build.kar_lyrics(100_000), "more than 5000 lyric and text events"),
    "a huge delta": (build.midi_file(extra=((0x0FFFFFFF, b"\x90\x40\x10"), (0, b"\x80\x40\x00"))), "lasts 77.7 hours"),
    "too many events": (build.smf(build.track(*[(1, b"\x90\x3c\x64"), (1, b"\x80\x3c\x00")] * (MAX_EVENTS // 2 + 1))),
                        f"more than {MAX_EVENTS} events"),
}


@pytest.mark.parametrize("name", BAD_MIDI)
def test_check_says_why_a_midi_file_cannot_be_played(tmp_path, name):
    data, words = BAD_MIDI[name]
    (tmp_path / "x.mid").write_bytes(data)
    problem = midi_problem(tmp_path / "x.mid")
    assert problem is not None and problem.startswith("x.mid cannot be played: ") and words in problem


@pytest.mark.parametrize("name", BAD_MIDI)
def test_load_midi_refuses_them_too_so_render_and_the_show_stay_bounded(tmp_path, name):
    data, words = BAD_MIDI[name]
    (tmp_path / "x.mid").write_bytes(data)
    with pytest.raises(MediaError, match="cannot be played") as info:
        load_midi(tmp_path / "x.mid")
    assert words in str(info.value)


def test_a_sane_file_passes_and_loads(tmp_path):
    (tmp_path / "x.mid").write_bytes(build.midi_file())
    assert midi_problem(tmp_path / "x.mid") is None
    song = load_midi(tmp_path / "x.mid")
    assert song.length_beats == 2.0 and song.tempo_map.seconds_at(2.0) == pytest.approx(1.0)


@pytest.mark.parametrize("path", sorted((ROOT / "songs").glob("*.mid")), ids=lambda p: p.name)
def test_every_shipped_midi_file_passes_the_scan_and_it_agrees_with_mido(path):
    scan = scan_midi(path.read_bytes())
    mid = mido.MidiFile(str(path))
    assert midi_problem(path) is None
    assert scan.events == sum(len(t) for t in mid.tracks)
    assert scan.notes == sum(1 for t in mid.tracks for m in t if m.type == "note_on" and m.velocity > 0)
    assert scan.length_seconds == pytest.approx(mid.length, abs=1e-6)


def test_a_cut_short_or_foreign_file_is_not_readable(tmp_path):
    data = build.midi_file()
    (tmp_path / "cut.mid").write_bytes(data[:-7])
    assert "is not a readable MIDI file" in midi_problem(tmp_path / "cut.mid")
    (tmp_path / "text.mid").write_bytes(b"hello, not MIDI at all")
    assert "is not a readable MIDI file" in midi_problem(tmp_path / "text.mid")
    with pytest.raises(MediaError, match="not a readable MIDI file"):
        load_midi(tmp_path / "text.mid")


def test_a_midi_file_that_is_a_fifo_or_a_device_is_named_not_read(tmp_path):
    os.mkfifo(tmp_path / "f.mid")
    os.symlink("/dev/zero", tmp_path / "z.mid")
    assert "FIFO" in midi_problem(tmp_path / "f.mid")
    assert "device" in midi_problem(tmp_path / "z.mid")
    with pytest.raises(MediaError, match="device"):
        load_midi(tmp_path / "z.mid")


# --- WAV --------------------------------------------------------------------------------------
LAYOUTS = {
    "16-bit": {}, "24-bit": {"bits": 24}, "32-bit": {"bits": 32}, "32-bit float": {"bits": 32, "tag": 3},
    "6-channel extensible": {"channels": 6, "tag": 0xFFFE}, "24-bit extensible": {"bits": 24, "tag": 0xFFFE},
    "float extensible": {"bits": 32, "tag": 0xFFFE, "subformat": build.KSDATAFORMAT_FLOAT},
}


@pytest.fixture(scope="module")
def engine():
    from player.audio import VlcEngine
    with VlcEngine("adummy") as eng:
        yield eng


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_wav_layout_vlc_plays_is_accepted(tmp_path, engine, layout):
    path = build.wav(tmp_path / "a.wav", **LAYOUTS[layout])
    assert probe_media(path, engine) is None


def _bytes_read() -> int:
    with open("/proc/self/io", encoding="ascii") as f:
        return int(next(line for line in f if line.startswith("rchar:")).split()[1])


def test_a_three_hour_wav_is_checked_by_its_headers_not_read_whole(tmp_path, engine):
    path = build.wav(tmp_path / "long.wav", channels=2, rate=44100, seconds=3 * 3600, sparse=True)
    assert path.stat().st_size > 1.8e9
    before = _bytes_read()
    with open(path, "rb") as f:
        assert wav_problem(f, path.stat().st_size, "long.wav") is None
    assert _bytes_read() - before < 1_000_000
    assert probe_media(path, engine) is None


@pytest.mark.usefixtures("bokmal")
def test_a_cut_off_an_empty_and_a_broken_wav_are_told_apart(tmp_path, engine):
    assert "avkuttet (8 %" in probe_media(build.wav(tmp_path / "cut.wav", data_bytes=100_000), engine)
    assert "ingen lyd" in probe_media(build.wav(tmp_path / "none.wav", seconds=0), engine)
    data = bytearray(build.wav(tmp_path / "zero.wav").read_bytes())
    data[22:24] = b"\x00\x00"                                     # 0 channels
    (tmp_path / "zero.wav").write_bytes(bytes(data))
    assert "ødelagt (formatdelen sier 0 kanaler" in probe_media(tmp_path / "zero.wav", engine)
    (tmp_path / "nofmt.wav").write_bytes(b"RIFF\x04\x00\x00\x00WAVE")
    assert "mangler formatdelen" in probe_media(tmp_path / "nofmt.wav", engine)


def test_a_streaming_wav_with_an_unknown_data_size_plays_to_its_end(tmp_path, engine):
    path = build.wav(tmp_path / "rec.wav", data_bytes=0xFFFFFFFF)
    with open(path, "rb") as f:
        assert wav_problem(f, path.stat().st_size, "rec.wav") is None


@pytest.mark.usefixtures("bokmal")
@pytest.mark.parametrize("how, words", [("fifo", "er ikke en vanlig fil"), ("zero", "er ikke en vanlig fil"),
                                        ("loop", "peker i ring"), ("mem", "lesefeil")])
def test_an_odd_media_file_is_told_in_norwegian_without_waiting(tmp_path, engine, how, words):
    place = tmp_path / "a.wav"
    if how == "fifo":
        os.mkfifo(place)
    elif how == "loop":
        os.symlink(tmp_path / "b.wav", place)
        os.symlink(place, tmp_path / "b.wav")
    else:
        os.symlink({"zero": "/dev/zero", "mem": "/proc/self/mem"}[how], place)
    assert words in probe_media(place, engine)
