"""Loading MIDI files: bad files give a MediaError naming the file; lyrics by the .kar rules."""

import mido
import pytest

from player.core.model.errors import MediaError
from player.midi.lyrics import decode_text, midi_lyrics
from player.midi.song import load_midi, song_from_midifile
from tests.midi.midifixtures import notes_file, save


def test_truncated_file_is_a_media_error_naming_it(tmp_path):
    good = save(notes_file([(0, 1, 60, 0), (1, 1, 62, 0)]), tmp_path / "ok.mid")
    data = open(good, "rb").read()
    bad = tmp_path / "sang.mid"
    bad.write_bytes(data[: len(data) - 9])
    with pytest.raises(MediaError, match="sang.mid"):
        load_midi(bad)


def test_garbage_and_missing_files_are_media_errors(tmp_path):
    junk = tmp_path / "junk.mid"
    junk.write_bytes(b"this is not midi" * 4)
    with pytest.raises(MediaError, match="junk.mid"):
        load_midi(junk)
    with pytest.raises(MediaError, match="borte.mid"):
        load_midi(tmp_path / "borte.mid")


def test_loaded_song_has_beats_length_and_channels(tmp_path):
    song = load_midi(save(notes_file([(0, 1, 60, 0), (2, 2, 40, 9)], tempos=((0, 60),)), tmp_path / "a.mid"))
    assert [(e.beat, e.message.type) for e in song.events] == [
        (0.0, "note_on"), (1.0, "note_off"), (2.0, "note_on"), (4.0, "note_off")]
    assert song.length_beats == 4.0 and song.length_seconds == pytest.approx(4.0)
    assert song.channels == (0, 9)


def _lyrics_file(syllables, encoding="utf-8", kind="lyrics"):
    mid = notes_file([(0, 1, 60, 0)], end_beat=20)
    track = mido.MidiTrack()
    for k, text in enumerate(syllables):
        raw = text.encode(encoding)
        track.append(mido.MetaMessage(kind, text=raw.decode("latin-1"), time=0 if k == 0 else 480))
    mid.tracks.append(track)
    return song_from_midifile(mid)


KAR = ["\\Ro, ", "ro, ", "ro ", "din ", "båt", "/Sakte ", "ned", "\\Så ", "er ", "vi ", "i ", "land"]


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_kar_slash_and_backslash_make_lines_and_paragraphs(encoding):
    lines = midi_lyrics(_lyrics_file(KAR, encoding))
    assert [(l.text, l.paragraph) for l in lines] == [
        ("Ro, ro, ro din båt", 0), ("Sakte ned", 0), ("Så er vi i land", 1)]
    assert [s.beat for s in lines[0].syllables] == [0, 1, 2, 3, 4]
    assert lines[1].start_beat == 5.0 and lines[0].end_beat == 5.0
    assert lines[-1].end_beat == 11.0 + 4.0          # at most four beats after the last syllable


def test_text_events_are_used_without_kar_headers_when_no_lyric_events():
    lines = midi_lyrics(_lyrics_file(["@KMIDI KARAOKE FILE", "@TTittel", "/Hei ", "på ", "deg\r", "Ha ", "det"], kind="text"))
    assert [l.text for l in lines] == ["Hei på deg", "Ha det"]


def test_decode_text_falls_back_to_cp1252_and_latin1():
    assert decode_text("blåbær".encode("utf-8")) == "blåbær"
    assert decode_text("blåbær – søtt".encode("cp1252")) == "blåbær – søtt"
    assert decode_text(b"\x81x") == "\x81x"     # undefined in CP1252: Latin-1


def test_file_without_lyrics_gives_no_lines():
    assert midi_lyrics(song_from_midifile(notes_file([(0, 1, 60, 0)]))) == []
