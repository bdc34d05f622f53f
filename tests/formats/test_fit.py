"""fit_to_format: a long recording's lines cut into sections the format holds, at the same times."""

from player.core.script.loader import load_song
from player.formats.fit import MAX_BARS, fit_to_format
from player.formats.song import Line, Section, Song
from player.formats.writer import write_song


def _long_song() -> Song:
    lines = [Line(text=f"linje {i}", start=i * 100.0 + 1.5, length=3.0, words=[0, 1]) for i in range(50)]
    return Song(title="Lang", tempo=60, sections=[Section(id="v1", name="Vers", lines=lines, bars=1300)],
                order=["v1", "v1"])


def test_a_section_longer_than_500_bars_is_cut_where_lines_start_and_keeps_every_time(tmp_path):
    song = _long_song()
    before = [(ln.text, ln.start) for ln in song.sections[0].lines]
    fit_to_format(song)
    assert len(song.sections) == 3 and all(1 <= s.bars <= MAX_BARS for s in song.sections)
    absolute, offset = [], 0.0
    for section in song.sections:
        absolute.extend((ln.text, offset + ln.start) for ln in section.lines)
        offset += section.bars * 4
    assert absolute == before                                 # every line sung at its own time
    assert offset == 1300 * 4                                 # the sections still cover the backing
    assert song.order == [s.id for s in song.sections] * 2    # a repeat of v1 repeats all its pieces


def test_the_cut_song_passes_check(tmp_path):
    written = write_song(_long_song(), tmp_path)
    loaded = load_song(written[0])
    assert [len(s.lines) for s in loaded.sections] == [20, 20, 10]
