"""Songs from plain text: ``helsekor import lyrics.txt`` and the hand-written ``lyrics: |`` song.
Both pass ``check`` and render; a second import of the same file updates the song it made."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from player import cli
from player.core.script.loader import load_song
from player.formats.chordpro import parse_chordpro, to_chordpro
from player.formats.commands import import_files
from player.formats.plaintext import parse_plain_text, read_plain_text
from player.formats.reader import read_song_yaml

DATA = Path(__file__).resolve().parent / "data" / "text"

TEXT = """Å, for en morgen
Tekst og melodi: ukjent, 1900

1. Sola står opp
over fjell og fjord

Syng med oss alle
la det klinge

2. Fuglene synger
i hver en kvist

Syng med oss alle,
la det klinge!
"""


def _shape(song) -> list[tuple[str, str, str, list[str]]]:
    return [(s.id, s.kind, s.name, [ln.text for ln in s.lines]) for s in song.sections]


def test_title_credits_verses_and_the_repeated_block_as_chorus():
    song = parse_plain_text(TEXT)
    assert (song.title, song.credits, song.meter, song.tempo) == ("Å, for en morgen", "Tekst og melodi: ukjent, 1900",
                                                                  "4/4", 100)
    assert _shape(song) == [("v1", "verse", "Vers 1", ["Sola står opp", "over fjell og fjord"]),
                            ("c1", "chorus", "Refreng", ["Syng med oss alle", "la det klinge"]),
                            ("v2", "verse", "Vers 2", ["Fuglene synger", "i hver en kvist"])]
    assert song.order == ["v1", "c1", "v2", "c1"]       # the chorus comes back (commas aside)
    assert song.estimated and all(ln.length % 4 == 0 for s in song.sections for ln in s.lines)


def test_without_a_title_line_the_first_sung_line_is_the_title_and_a_label_marks_the_chorus():
    song = parse_plain_text("Ro, ro, ro din båt,\nro den over vann\n\nRefreng:\nLa la la\n\nNå ror vi hjem\n\nRef.\n")
    assert song.title == "Ro, ro, ro din båt" and song.credits is None
    assert [(s.id, s.kind) for s in song.sections] == [("v1", "verse"), ("c1", "chorus"), ("v2", "verse")]
    assert song.order == ["v1", "c1", "v2", "c1"]        # "Ref." alone sings the chorus again
    # a two-line first verse is not taken for a title and credits
    assert parse_plain_text("Kom, mai, du skjønne milde\ngjør trærne grønne\n\nVers to\nher").title == \
        "Kom, mai, du skjønne milde"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])
def test_any_common_encoding_and_line_ending_gives_the_same_song(tmp_path, encoding):
    path = tmp_path / "sang.txt"
    path.write_bytes(TEXT.replace("\n", "\r\n").encode(encoding))
    assert _shape(read_plain_text(path)) == _shape(parse_plain_text(TEXT))
    assert read_plain_text(path).title == "Å, for en morgen"


def test_deilig_er_jorden_utf8_with_bom_and_crlf():
    song = read_plain_text(DATA / "deilig-er-jorden.txt")
    assert (song.title, song.credits) == ("Deilig er jorden", "Tekst: B. S. Ingemann, 1850")
    assert [(s.id, len(s.lines)) for s in song.sections] == [("v1", 6), ("v2", 6), ("v3", 6)]
    assert song.order is None
    assert song.sections[0].lines[0].text == "Deilig er jorden,"          # "1. " left out
    assert song.sections[2].lines[5].text == "Oss er en evig frelser født!"


def test_ja_vi_elsker_cp1252_eight_verses_and_no_chorus():
    song = read_plain_text(DATA / "ja-vi-elsker.txt")
    assert song.title == "Ja, vi elsker" and song.credits is None
    assert [len(s.lines) for s in song.sections] == [8] * 8 and all(s.kind == "verse" for s in song.sections)
    # the last verse begins as the first but is not the same: not a chorus
    assert song.sections[7].lines[:4] == song.sections[0].lines[:4] and song.sections[7].lines[4].text == \
        "Og som fedres kamp har hevet"
    assert song.sections[1].lines[3].text == "medens Øyvind kvad;"            # CP1252 letters
    assert song.sections[4].lines[6].text == "det gav døden selv sin ære –"    # CP1252 0x96, the en dash


SESSION = """version: 1
title: Tekstsanger
steps:
  - song: deilig-er-jorden
    verses: [1]
  - song: ja-vi-elsker
    verses: [1, 8]
  - song: egen
"""

HAND_WRITTEN = """title: Vi vandrer med freidig mot
lyrics: |
  Vi vandrer med freidig mot

  Refreng:
  Halleluja
"""


def test_imported_text_and_a_hand_written_song_pass_check_and_render(tmp_path, capsys):
    songs = tmp_path / "songs"
    reports = import_files([DATA / "deilig-er-jorden.txt", DATA / "ja-vi-elsker.txt"], songs)
    assert all(r.ok for r in reports), [r.error for r in reports]
    assert [p.name for r in reports for p in r.written] == ["deilig-er-jorden.yaml", "ja-vi-elsker.yaml"]
    (songs / "egen.yaml").write_text(HAND_WRITTEN, encoding="utf-8")
    session = tmp_path / "s.yaml"
    session.write_text(SESSION, encoding="utf-8")
    assert cli.main(["check", str(session)]) == 0
    assert "Vi vandrer med freidig mot" in capsys.readouterr().out
    out = tmp_path / "out"
    assert cli.main(["render", str(session), "--out", str(out), "--size", "320x180", "--fps", "5"]) == 0
    events = json.loads((out / "timeline.json").read_text(encoding="utf-8"))["events"]
    shown = [(e["step"], e["text"]) for e in events if e["kind"] == "line"]
    deilig, ja = (read_plain_text(DATA / name) for name in ("deilig-er-jorden.txt", "ja-vi-elsker.txt"))
    assert shown == [(0, ln.text) for ln in deilig.sections[0].lines] + \
        [(1, ln.text) for s in (ja.sections[0], ja.sections[7]) for ln in s.lines] + \
        [(2, "Vi vandrer med freidig mot"), (2, "Halleluja")]
    assert (out / "contact.png").stat().st_size > 0


def test_control_characters_in_the_text_are_cleaned_so_the_song_passes_check(tmp_path):
    src = tmp_path / "rar.txt"
    src.write_bytes("Tittel\x07\n\nEn\x00 linje\x1b[31m med\u2028skrap\x85\nog\ufffe en til\n".encode("utf-8")
                    .replace(b"\x00", b""))
    [report] = import_files([src], tmp_path / "songs")
    assert report.ok, report.error
    song = load_song(report.written[0])
    assert song.title == "Tittel" and [ln.text for ln in song.sections[0].lines] == [
        "En linje (31m med skrap", "og en til"]   # a lone [ is no chord: ( instead


def test_importing_the_same_file_again_updates_its_song_when_asked(tmp_path, capsys):
    src, songs = tmp_path / "Min sang.txt", tmp_path / "songs"
    src.write_text("Min sang\n\nFørste vers\n", encoding="utf-8")
    [first] = import_files([src], songs)
    target = songs / "min-sang.yaml"
    assert first.written == [target]
    src.write_text("Min sang\n\nRettet vers\n", encoding="utf-8")
    [again] = import_files([src], songs)                                    # not asked: left as it was
    assert not again.ok and "--replace" in again.error and "Første vers" in target.read_text(encoding="utf-8")
    asked = []
    [no] = import_files([src], songs, ask=lambda path: asked.append(path) or False)
    assert asked == [target] and not no.ok
    [yes] = import_files([src], songs, ask=lambda path: True)
    assert yes.ok and yes.written == [target] and "Rettet vers" in target.read_text(encoding="utf-8")
    src.write_text("Min sang\n\nTredje gang\n", encoding="utf-8")
    assert cli.main(["import", str(src), "--out", str(songs), "--replace"]) == 0
    assert "Tredje gang" in target.read_text(encoding="utf-8")
    assert sorted(p.name for p in songs.iterdir()) == ["min-sang.yaml"]      # no -2, no staging left
    # a song of that name that this file did not make is kept; the import gets -2
    target.write_text("title: Min egen\nlyrics: |\n  Skrevet for hånd\n", encoding="utf-8")
    [other] = import_files([src], songs, replace=True)
    assert other.ok and other.written == [songs / "min-sang-2.yaml"] and "Min egen" in target.read_text("utf-8")
    # told otherwise, the file gets that name
    [named] = import_files([src], songs, name="Morgensang")
    assert named.written == [songs / "morgensang.yaml"]


def test_a_replace_that_fails_puts_the_old_song_back(tmp_path, monkeypatch):
    from player.formats import writer

    src, songs = tmp_path / "sang.txt", tmp_path / "songs"
    src.write_text("Sang\n\nGammel tekst\n", encoding="utf-8")
    import_files([src], songs)
    before = (songs / "sang.yaml").read_bytes()
    real = os.replace

    def full_disk(a, b):
        if Path(b) == songs / "sang.yaml" and ".helsekor-import-" in str(a) and ".old-" not in str(a):
            raise OSError(28, "No space left on device")
        return real(a, b)

    monkeypatch.setattr(writer.os, "replace", full_disk)
    src.write_text("Sang\n\nNy tekst\n", encoding="utf-8")
    [report] = import_files([src], songs, replace=True)
    assert not report.ok and "full" in report.error, report.error
    assert (songs / "sang.yaml").read_bytes() == before and sorted(os.listdir(songs)) == ["sang.yaml"]


def test_a_chordpro_subtitle_goes_to_the_credits_and_exports_back_as_subtitle(tmp_path):
    src = tmp_path / "vise.cho"
    src.write_text("{title: Vise}\n{subtitle: Folketone fra Valdres}\n{artist: Ola}\n[G]La la\n", encoding="utf-8")
    [report] = import_files([src], tmp_path / "songs")
    assert load_song(report.written[0]).credits == "Folketone fra Valdres · Ola"
    back = parse_chordpro(to_chordpro(read_song_yaml(report.written[0])))
    assert (back.subtitle, back.credits) == ("Folketone fra Valdres", "Ola")


def test_a_hand_written_song_exports_as_chordpro(tmp_path):
    song = tmp_path / "egen.yaml"
    song.write_text("title: Egen\nlyrics: |\n  [G]En linje\n\n  Ref:\n  La la\n\n  To\n\n  Ref\n", encoding="utf-8")
    assert cli.main(["export", str(song), "--out", str(tmp_path / "egen.cho")]) == 0
    back = parse_chordpro((tmp_path / "egen.cho").read_text(encoding="utf-8"))
    assert [(s.kind, [ln.text for ln in s.lines]) for s in back.sections] == [
        ("verse", ["En linje"]), ("chorus", ["La la"]), ("verse", ["To"])]
    assert back.order == ["v1", "c1", "v2", "c1"] and back.sections[0].lines[0].chords == [(0, "G")]


def test_at_a_terminal_the_import_asks_before_updating(tmp_path, monkeypatch, capsys):
    import sys

    src, songs = tmp_path / "sang.txt", tmp_path / "songs"
    src.write_text("Sang\n\nFørste\n", encoding="utf-8")
    assert cli.main(["import", str(src), "--out", str(songs)]) == 0
    src.write_text("Sang\n\nAndre\n", encoding="utf-8")
    asked = []
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or "n")
    assert cli.main(["import", str(src), "--out", str(songs)]) == 1
    assert "Oppdatere den? [j/N]" in asked[0] and "Første" in (songs / "sang.yaml").read_text(encoding="utf-8")
    monkeypatch.setattr("builtins.input", lambda prompt: "j")
    capsys.readouterr()
    assert cli.main(["import", str(src), "--out", str(songs)]) == 0
    assert "(oppdatert)" in capsys.readouterr().out and "Andre" in (songs / "sang.yaml").read_text(encoding="utf-8")
    # --name names one song; with two files it is a usage error, and nothing is written
    assert cli.main(["import", str(src), str(src), "--out", str(tmp_path / "to"), "--name", "x"]) == 2
    assert "--name" in capsys.readouterr().err and not (tmp_path / "to").exists()


def test_check_takes_one_song_file_too(tmp_path, capsys):
    song = tmp_path / "egen.yaml"
    song.write_text(HAND_WRITTEN, encoding="utf-8")
    assert cli.main(["check", str(song)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Vi vandrer med freidig mot") and "1 vers, 2 deler sunget, 2 linjer, uten akkompagnement" in out
    song.write_text(HAND_WRITTEN.replace("Halleluja", "[Q]Halleluja"), encoding="utf-8")
    assert cli.main(["check", str(song)]) == 1
    assert f"{song}:6:1: lyrics, c1 nr. 1: '[Q]' er ikke et akkordnavn" in capsys.readouterr().err


def test_chords_over_the_words_go_over_their_syllables():
    song = parse_plain_text("G   D\n\nC       G      D7\nRo, ro, ro din båt\nEm\nover [vann]\n\nD7  G\n")
    assert song.title == "Ro, ro, ro din båt"                       # a chord line is no title
    [verse] = song.sections
    assert [(ln.text, ln.chords) for ln in verse.lines] == [
        ("Ro, ro, ro din båt", [(0, "C"), (8, "G"), (15, "D7")]),
        ("over (vann)", [(0, "Em")])]                                # brackets in words are no chords
    assert song.notes == ["2 akkordlinje(r) uten tekst under er ikke tatt med"]


def test_an_imported_song_with_chords_over_the_words_passes_check(tmp_path):
    src = tmp_path / "ro.txt"
    src.write_text("Ro, ro\n\nC            G\nRo, ro, ro din båt\n   F     C\nro den over vann\n", encoding="cp1252")
    [report] = import_files([src], tmp_path / "songs")
    song = load_song(report.written[0])
    assert [(ln.text, ln.chords) for ln in song.sections[0].lines] == [
        ("Ro, ro, ro din båt", ((0, "C"), (13, "G"))), ("ro den over vann", ((3, "F"), (9, "C")))]


@pytest.mark.parametrize("data, why", [(b"", "ingen tekst"), (b"\n \n\t\n", "ingen tekst"), (b"G  D\n\nC\n", "ingen tekst"),
                                       (b"\x00\x01binary", "binærdata")])
def test_a_text_file_with_nothing_to_sing_is_a_clear_error_naming_it(tmp_path, data, why):
    src = tmp_path / "tom.txt"
    src.write_bytes(data)
    [report] = import_files([src], tmp_path / "songs")
    assert not report.ok and report.error.startswith(str(src)) and why in report.error, report.error
    assert not (tmp_path / "songs" / "tom.yaml").exists()
