"""What an import could not carry over is written as comments once each, and not without end:
the song file stays within the loader's 256 KB cap and passes check."""

from player.core.script.loader import load_song
from player.formats.commands import import_files
from player.formats.fit import MAX_NOTES


def test_a_verse_order_naming_a_missing_verse_thousands_of_times_gives_one_note(tmp_path):
    src = tmp_path / "sang.xml"
    src.write_text("<?xml version='1.0' encoding='UTF-8'?><song xmlns='http://openlyrics.info/namespace/2009/song' "
                   "version='0.8'><properties><titles><title>Sang</title></titles>"
                   f"<verseOrder>{'la ' * 4363}{' '.join(f'x{i}' for i in range(200))}</verseOrder></properties>"
                   "<lyrics><verse name='v1'><lines>Sol over fjell</lines></verse></lyrics></song>", encoding="utf-8")
    [report] = import_files([src], tmp_path / "songs")
    assert report.ok, report.error
    assert load_song(report.written[0]).title == "Sang"
    assert len(report.dropped) == MAX_NOTES + 1 and report.dropped[-1].startswith("… og ")
    assert sum("«la»" in note for note in report.dropped) == 1
