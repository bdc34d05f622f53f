"""Key and chord names moved by semitones; «H» is the Norwegian (and German) name of B, which
`check` accepts, so it must transpose too (issue 14)."""

from player.core.model.keyname import transpose_chord, transpose_key, uses_flats


def test_h_is_b_and_transposes():
    assert transpose_key("H", 2) == transpose_key("B", 2) == "Db"
    assert transpose_key("Hm", 1) == "Cm"
    assert transpose_key("H", -1) == transpose_key("B", -1) == "Bb"
    assert transpose_chord("H7", 2) == "C#7"
    assert transpose_chord("G/H", 2) == "A/C#"
    assert uses_flats("H") is uses_flats("B")


def test_the_usual_names_still_move():
    assert transpose_key("G", 2) == "A" and transpose_key("Am", 3) == "Cm"
    assert transpose_chord("D7", 2, flats=False) == "E7"
