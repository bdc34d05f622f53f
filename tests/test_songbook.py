"""The large-print songbook PDF, read back with poppler's pdftotext (Debian poppler-utils):
every line of every song is in it, no word is set below the body size, the numbers are the
on-screen songbook's, each song starts on its own page, and the pianist's copy has the chords."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from player import cli
from player.core.script.config import load_config
from player.core.script.loader import load_session
from player.formats.songbook import songbook_entries, write_songbook
from player.formats.songbook_pdf import atkinson_font

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "sessions" / "demo.yaml"

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="pdftotext missing: apt-get install poppler-utils (tools/setup.sh does)")


def _text(pdf: Path, *options: str) -> list[str]:
    """The text of each page (pdftotext separates pages with a form feed)."""
    out = subprocess.run(["pdftotext", *options, "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True,
                         text=True)
    return out.stdout.split("\f")[:-1]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _word_sizes(pdf: Path) -> list[tuple[str, float]]:
    """(word, font size in points) for every word: pdftotext -bbox gives each word's box, whose
    height is the font's ascent + descent (hhea, per em) times the size it was set at."""
    font = TTFont(str(atkinson_font()))
    per_em = (font["hhea"].ascent - font["hhea"].descent) / font["head"].unitsPerEm
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    words = re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', html)
    return [(w, (float(y1) - float(y0)) / per_em) for y0, y1, w in words]


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    subtitle, entries = songbook_entries(None)
    pdf = write_songbook(entries, tmp_path_factory.mktemp("book") / "sangbok.pdf", subtitle=subtitle)
    return entries, pdf


def test_every_line_of_every_song_is_in_the_book(book):
    entries, pdf = book
    text = _flat(" ".join(_text(pdf)))
    assert len(entries) >= 8
    for entry in entries:
        assert f"{entry.number}. {entry.song.title}" in text
        assert _flat(entry.song.credits) in text, entry.song.id
        for section in entry.song.sections:
            for line in section.lines:
                assert _flat(line.text) in text, f"{entry.song.id}: {line.text!r} is not in the songbook"


def test_no_word_is_smaller_than_the_body_size(book):
    _, pdf = book
    sizes = _word_sizes(pdf)
    assert len(sizes) > 500
    small = [(w, round(s, 2)) for w, s in sizes if s < 20 - 0.05]
    assert not small, small[:10]
    assert max(s for _, s in sizes) >= 29.9            # the song titles are larger still (1.5 ×)


def test_the_body_size_can_be_set_larger(tmp_path):
    _, entries = songbook_entries(None)
    pdf = write_songbook(entries[:2], tmp_path / "stor.pdf", size=28)
    assert min(s for _, s in _word_sizes(pdf)) >= 28 - 0.05


def test_numbers_and_order_are_the_on_screen_songbooks(tmp_path):
    from player import wiring
    config = load_config()
    session = load_session(DEMO)
    on_screen = [s.path.resolve() for s in wiring.songbook(session, config)]
    _, everything = songbook_entries(None)
    assert [e.song.path.resolve() for e in everything] == on_screen
    _, chosen = songbook_entries(DEMO)
    used = {s.song.path.resolve() for s in session.steps if s.song is not None}
    assert {e.song.path.resolve() for e in chosen} == used
    assert all(on_screen[e.number - 1] == e.song.path.resolve() for e in chosen)
    assert len(chosen) < len(everything)            # the session's book has only its songs, numbers kept


def test_contents_first_then_each_song_on_its_own_page(book):
    entries, pdf = book
    pages = _text(pdf)
    laid = _text(pdf, "-layout")                 # laid out: each title with its page number on one line
    toc = next(k for k, page in enumerate(laid) if not re.search(r" +side \d+\s*$", page, re.M))
    assert toc >= 1                              # the contents may take more than a page (27 songs: 2)
    contents = "".join(laid[:toc])
    assert contents.strip().startswith("Sangbok")
    firsts = {}
    for k, page in enumerate(pages[toc:], toc + 1):
        head = page.strip().splitlines()[0]
        assert re.match(r"\d+\. ", head), f"page {k} does not start with a song title: {head!r}"
        if not head.endswith("(forts.)"):
            firsts[head] = k
    for entry in entries:
        title = f"{entry.number}. {entry.song.title}"
        assert title in firsts, title
        assert re.search(re.escape(title) + rf" +side {firsts[title]}\n", contents), f"wrong page for {title}"
    one_page = next(e for e in entries if e.song.id == "bjornen-sover")
    start = firsts[f"{one_page.number}. {one_page.song.title}"]
    assert not pages[start].strip().splitlines()[0].endswith("(forts.)")   # the next page is the next song


def test_a_long_song_continues_on_the_next_page_between_verses(tmp_path):
    _, entries = songbook_entries(None)
    entry = next(e for e in entries if e.song.id == "alle-fugler-sma-de-er")
    pdf = write_songbook([entry], tmp_path / "lang.pdf", size=30)
    pages = _text(pdf)[1:]
    assert len(pages) >= 2
    for page in pages[1:]:              # the title again, then a verse number: the break is between verses
        head = re.escape(f"{entry.number}. {entry.song.title} (forts.)")
        assert re.match(head + r" \d\. [A-ZÆØÅ]", _flat(page)), page[:80]


def test_the_pianists_copy_has_key_and_chords(tmp_path):
    subtitle, entries = songbook_entries(DEMO)
    pdf = write_songbook(entries, tmp_path / "pianist.pdf", subtitle=subtitle, chords=True)
    text = _flat(" ".join(_text(pdf)))
    for entry in entries:
        first = entry.song.sections[0].lines[0]
        assert f"Toneart {entry.song.key}" in text
        assert all(name in text for _, name in first.chords), entry.song.id
    plain = _flat(" ".join(_text(write_songbook(entries, tmp_path / "kor.pdf", subtitle=subtitle))))
    assert "Toneart" not in plain and "G7" not in plain


def test_cli_writes_the_songbook_and_says_so(tmp_path, capsys):
    out = tmp_path / "b" / "sangbok.pdf"
    assert cli.main(["songbook", str(DEMO), "--pdf", str(out), "--chords"]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert "the pianist's songbook" in capsys.readouterr().out
    assert cli.main(["songbook", "--all", "--pdf", str(out), "--size", "9"]) == 1
    assert "too small for big print" in capsys.readouterr().err
    blocker = tmp_path / "fil"
    blocker.write_text("x")
    assert cli.main(["songbook", "--all", "--pdf", str(blocker / "sangbok.pdf")]) == 1
    assert "cannot write the file" in capsys.readouterr().err


def test_a_choirs_own_song_with_a_refrain_and_symbols(tmp_path):
    """A song of the choir's own: its refrain is labelled once, and symbols Atkinson Hyperlegible
    lacks (♩) are set in DejaVu Sans (fonts-dejavu-core) rather than dropped."""
    songs = tmp_path / "songs"
    songs.mkdir()
    (songs / "egen.yaml").write_text(
        "version: 1\ntitle: Vår egen ♩\ncredits: \"Tekst og melodi: koret\"\ntempo: 90\n"
        "sections:\n"
        "  - {id: v1, name: Vers 1, kind: verse, lines: [{text: Første vers her, start: 0, length: 4}]}\n"
        "  - {id: r, name: Refreng, kind: chorus, lines: [{text: Syng med oss alle, start: 0, length: 4}]}\n"
        "  - {id: v2, name: Vers 2, kind: verse, lines: [{text: Andre vers her, start: 0, length: 4}]}\n"
        "order: [v1, r, v2, r]\n", encoding="utf-8")
    (tmp_path / "s.yaml").write_text("version: 1\ntitle: Vår økt\nsteps: [{song: egen}]\n", encoding="utf-8")
    subtitle, entries = songbook_entries(tmp_path / "s.yaml")
    assert subtitle == "Vår økt" and [e.song.title for e in entries] == ["Vår egen ♩"]
    pdf = write_songbook(entries, tmp_path / "egen.pdf", subtitle=subtitle)
    text = _flat(" ".join(_text(pdf)))
    assert f"{entries[0].number}. Vår egen ♩" in text
    assert text.count("Syng med oss alle") == 1 and "Refreng:" in text
    assert re.search(r"1\. Første vers her Refreng: Syng med oss alle 2\. Andre vers her", text), text
