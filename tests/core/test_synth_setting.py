"""``midi.synth`` and ``midi.soundfont`` in the settings: the engine is a choice read with its
file:line; an empty SoundFont means the one Helsekor ships."""

import pytest

from player.core.model.errors import ScriptError
from player.core.script.config import load_config


def test_the_defaults_are_the_automatic_engine_and_the_shipped_soundfont(tmp_path):
    empty = tmp_path / "empty.yaml"
    empty.write_text("{}\n", encoding="utf-8")
    assert load_config(user_file=empty).midi.synth == "auto"
    assert load_config(user_file=empty).midi.soundfont == ""
    user = tmp_path / "config.yaml"
    user.write_text("midi:\n  synth: tinysoundfont\n", encoding="utf-8")
    assert load_config(user_file=user).midi.synth == "tinysoundfont"


def test_an_unknown_engine_is_a_problem_at_its_line(tmp_path):
    user = tmp_path / "config.yaml"
    user.write_text("midi:\n  synth: timidity\n", encoding="utf-8")
    with pytest.raises(ScriptError) as err:
        load_config(user_file=user)
    text = str(err.value)
    assert "config.yaml:2:" in text and "tinysoundfont" in text, text
