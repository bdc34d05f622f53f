"""A song can take its lyrics and timing from its MIDI file's lyric events (.kar convention)."""

from __future__ import annotations

import mido

from player import cli
from player.core.script.library import Library
from player.core.script.loader import load_song
from player.midi.sections import sections_from_midi


def write_kar(path, encoding="utf-8"):
    mid = mido.MidiFile(ticks_per_beat=480)
    meta = mido.MidiTrack([mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(90)),
                           mido.MetaMessage("time_signature", numerator=3, denominator=4)])
    words = [("\\Bæ, ", 0), ("bæ, ", 1), ("lil", 2), ("le ", 2.5), ("lam", 3), ("/har ", 6), ("du ", 7), ("ull?", 8),
             ("\\Ja, ", 12), ("ja, ", 13), ("kjæ", 14), ("re ", 14.5), ("barn", 15)]
    track = mido.MidiTrack()
    last = 0
    for text, beat in words:
        tick = int(beat * 480)
        raw = text.encode(encoding)
        track.append(mido.MetaMessage("lyrics", text=raw.decode("latin-1"), time=tick - last))
        track.append(mido.Message("note_on", note=64, velocity=80, time=0))
        track.append(mido.Message("note_off", note=64, velocity=0, time=240))
        last = tick + 240
    mid.tracks += [meta, track]
    mid.save(str(path))


def test_lyrics_lines_words_and_verses_come_from_the_midi_file(tmp_path):
    write_kar(tmp_path / "lam.kar", encoding="cp1252")   # an old .kar in Windows encoding
    (tmp_path / "lam.yaml").write_text("version: 1\ntitle: Bæ, bæ, lille lam\nmeter: 3/4\ntempo: 90\n"
                                       "midi: lam.kar\nlyrics: from-midi\n", encoding="utf-8")
    song = load_song(tmp_path / "lam.yaml", Library((tmp_path,)), midi_lyrics_reader=sections_from_midi)
    assert [s.name for s in song.sections] == ["Vers 1", "Vers 2"]
    first, second = song.sections
    assert [ln.text for ln in first.lines] == ["Bæ, bæ, lille lam", "har du ull?"]
    assert [(w.text, w.offset) for w in first.lines[0].words] == [("Bæ,", 0), ("bæ,", 1), ("lille", 2), ("lam", 3)]
    assert first.lines[1].start == 6
    # verse 2 starts on the bar of its first line (beat 12 = bar 5 in 3/4) and keeps its place
    assert first.beats == 12 and second.lines[0].start == 0 and second.lines[0].text == "Ja, ja, kjære barn"


def test_check_says_when_a_from_midi_song_has_no_lyrics(tmp_path, capsys):
    mid = mido.MidiFile()
    mid.tracks.append(mido.MidiTrack([mido.Message("note_on", note=60), mido.Message("note_off", note=60, time=480)]))
    (tmp_path / "songs").mkdir()
    mid.save(str(tmp_path / "songs" / "tom.mid"))
    (tmp_path / "songs" / "tom.yaml").write_text("version: 1\ntitle: Tom\ntempo: 90\nmidi: tom.mid\nlyrics: from-midi\n",
                                                 encoding="utf-8")
    (tmp_path / "s.yaml").write_text("version: 1\ntitle: S\nsteps: [{song: tom}]\n", encoding="utf-8")
    assert cli.main(["check", str(tmp_path / "s.yaml")]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path / 'songs' / 'tom.yaml'}:4:7: midi: tom.mid has no lyric events" in err
