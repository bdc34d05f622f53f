"""The session as the page edits it and as round-trip YAML, and tapped song timing (pure parts)."""

from __future__ import annotations

from player.planner import draft
from player.planner.songs import SongForm, build_song


def test_a_step_the_page_cannot_show_is_kept_as_written():
    text = "version: 1\ntitle: T\nsteps:\n  - text: a\n    song: b   # two kinds: wrong, but the conductor's\n  - pause: P\n"
    page = draft.from_document(draft.load_document(text))
    assert [s["kind"] for s in page["steps"]] == ["?", "pause"]
    page["steps"].reverse()
    out = draft.dump(draft.to_document(page, draft.load_document(text)))
    assert out.index("pause: P") < out.index("text: a") and "# two kinds" in out


def test_an_emptied_field_is_removed_and_numbers_stay_numbers():
    text = "version: 1\ntitle: T\nsteps:\n  - song: s\n    transpose: 2\n    note: x\n"
    page = draft.from_document(draft.load_document(text))
    page["steps"][0].update(note="", transpose="-3", tempo_scale="0.9")
    out = draft.dump(draft.to_document(page, draft.load_document(text)))
    assert "note" not in out and "transpose: -3" in out and "tempo_scale: 0.9" in out


def test_tapped_lines_start_where_they_were_tapped():
    # two verses of two lines, tapped a little early and late around every fourth beat of 4/4
    form = SongForm(text="En to\ntre fire\n\nfem seks\nsju åtte\n", tempo=100, meter="4/4",
                    taps=(0.1, 3.9, 8.2, 11.8))
    song = build_song(form)
    v1, v2 = song.sections
    assert [ln.start for ln in v1.lines] == [0.1, 3.9] and v1.bars == 2      # v2 begins on the bar nearest 8.2
    assert [ln.start for ln in v2.lines] == [0.2, 3.8]
    assert v1.lines[1].length == 8 - 3.9 and not song.estimated


def test_too_few_taps_leave_the_rest_estimated():
    song = build_song(SongForm(text="En to\ntre fire\n\nfem seks\nsju åtte\n", taps=(0.0, 4.0)))
    assert song.estimated
