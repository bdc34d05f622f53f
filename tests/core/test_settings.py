"""Settings: config.yaml and the user's file read once into typed sections, every problem
reported as FILE:LINE: field: what is wrong (what is allowed), the defaults in one place."""

from __future__ import annotations

import dataclasses
import math
import re
from pathlib import Path

import pytest
import yaml

from player.core.model.errors import ScriptError
from player.core.model import settings as S
from player.core.script.catalog import TEXT_FIELDS, fields_of
from player.core.script.config import load_config
from player.core.script.settings import SECTIONS, settings_from_plain

ROOT = Path(__file__).resolve().parents[2]
PLAYER = ROOT / "player"


def user_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str) -> list:
    """Given a user file with ``text`` over the project's config.yaml, when it is loaded,
    then the problems it raises (none: the test fails)."""
    with pytest.raises(ScriptError) as err:
        load_config(ROOT, user_file(tmp_path, text))
    return list(err.value.problems)


def line_of(path_text: str, needle: str) -> int:
    return next(i for i, line in enumerate(path_text.splitlines(), 1) if needle in line)


# --- «Bad input and bad disks»: each fault, reproduced -------------------------------------

def test_a_text_with_a_field_the_program_does_not_fill_is_refused_at_its_line(tmp_path):
    """Before: `check` passed, then `render` died with KeyError('bogus') and the live show lost
    every multi-verse song."""
    text = "version: 1\ntexts:\n  nb:\n    verse: \"Vers {bogus}\"\n"
    [p] = problems(tmp_path, text)
    assert (p.file, p.line, p.path) == (str(tmp_path / "mine.yaml"), 4, "texts.nb.verse")
    assert "{bogus}" in p.message and "{n}, {total}" in p.message


@pytest.mark.parametrize("bad, what", [
    ("Vers {n", "is not a field"),            # str.format: "expected '}' before end of string"
    ("Vers {0} av {1}", "'{0}' is not a field"),
    ("Vers {n!r}", "'{n!r}' is not a field"),
    ("Vers {n.real}", "is not a field"),
    ("Takk {title}", "allowed: none"),          # 'end' is shown as it is
])
def test_braces_that_format_cannot_fill_are_refused(tmp_path, bad, what):
    key = "end" if "title" in bad else "verse"
    [p] = problems(tmp_path, f"texts:\n  nb:\n    {key}: \"{bad}\"\n")
    assert p.line == 3 and p.path == f"texts.nb.{key}" and what in p.message, p


def test_every_shipped_text_fills_with_the_fields_of_its_key():
    """The table agrees with the program's own words: each shipped text formats with its fields."""
    from player.core.model import messages

    shipped = {language: messages.texts(language) for language in messages.LANGUAGES}
    assert set(shipped["en"]) == set(shipped["nb"]) and len(shipped["nb"]) > 40
    for language, texts in shipped.items():
        for key, text in texts.items():
            allowed = TEXT_FIELDS[key] if key in TEXT_FIELDS else fields_of(text)
            assert set(fields_of(text)) <= set(allowed), (language, key)
            text.format(**{name: 1 for name in allowed})


@pytest.mark.parametrize("value", ["9" * 400, "-" + "9" * 400, "99999999999999999999", ".nan", ".inf", "1.5"])
def test_a_count_in_of_any_size_nan_or_inf_is_refused_with_the_range(tmp_path, value):
    """Before: an integer past float's range (309 digits) gave an OverflowError traceback."""
    [p] = problems(tmp_path, f"midi:\n  count_in_bars: {value}\n")
    assert (p.line, p.path) == (2, "midi.count_in_bars")
    assert "0 to 2" in p.message
    assert "OverflowError" not in p.message and ("of 400 digits" in p.message) == (len(value.lstrip("-")) == 400)


@pytest.mark.parametrize("field, value", [("room:\n  screen_width_m", ".nan"), ("audio:\n  latency_ms", "-.inf"),
                                          ("midi:\n  volume", "1.0e+400"), ("keys:\n  tempo_step", "12345678901234567890123")])
def test_float_settings_refuse_nan_infinity_and_huge_values(tmp_path, field, value):
    [p] = problems(tmp_path, f"{field}: {value}\n")
    assert p.line == 2 and "allowed:" in p.message and re.search(r"\d to \d", p.message), p


def test_an_unknown_user_in_a_library_path_is_a_clear_problem_not_a_traceback(tmp_path):
    """Before: RuntimeError('Could not determine home directory.') from pathlib."""
    [p] = problems(tmp_path, "library: ['~nosuchuser/x']\n")
    assert (p.line, p.path) == (1, "library[0]")
    assert "no user 'nosuchuser'" in p.message and "~/" in p.message


def test_an_unknown_user_in_helsekor_config_is_a_problem(monkeypatch):
    monkeypatch.setenv("HELSEKOR_CONFIG", "~nosuchuser/helsekor.yaml")
    with pytest.raises(ScriptError, match="HELSEKOR_CONFIG"):
        load_config(ROOT)


@pytest.mark.parametrize("key", ["state_dir", "log_dir"])
def test_an_unknown_user_in_the_state_or_log_folder_is_a_problem(tmp_path, key):
    [p] = problems(tmp_path, f"{key}: ~nosuchuser/helsekor\n")
    assert p.path == key and "nosuchuser" in p.message


def test_theme_problems_are_reported_at_their_own_line(tmp_path):
    """Before: every theme problem said config.yaml:1:1."""
    text = ("version: 1\ntheme: dark\nthemes:\n  dark:\n    text: \"#FFFFFF\"\n    dim: \"#505050\"\n"
            "  light:\n    accent: \"#0B5CAZ\"\n")
    found = problems(tmp_path, text)
    by_path = {p.path: p for p in found}
    assert by_path["themes.dark.dim"].line == 6 and "7:1" in by_path["themes.dark.dim"].message
    assert by_path["themes.light.accent"].line == 8 and "#RRGGBB" in by_path["themes.light.accent"].message
    assert all(p.file == str(tmp_path / "mine.yaml") for p in found)


def test_an_unknown_theme_is_refused_at_the_line_that_names_it(tmp_path):
    [p] = problems(tmp_path, "version: 1\ntheme: drak\n")
    assert (p.line, p.path) == (2, "theme") and "dark" in p.message and "light" in p.message


def test_helsekor_check_prints_settings_problems_as_file_line_field(tmp_path, capsys):
    from player.cli import main

    mine = user_file(tmp_path, "midi:\n  count_in_bars: 99999999999999999999999\nlibrary: ['~nosuchuser/x']\n"
                               "texts:\n  nb:\n    verse: \"Vers {bogus}\"\n")
    assert main(["--config", str(mine), "check", str(ROOT / "sessions" / "demo.yaml")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{mine}:2:18: midi.count_in_bars: ") and "(allowed: 0 to 2)" in err[0]
    assert err[1].startswith(f"{mine}:3:11: library no. 1: ")
    assert err[2].startswith(f"{mine}:6:12: texts.nb.verse: unknown field '{{bogus}}'")
    assert err[3] == "3 problems found; nothing was played."


def test_unknown_keys_get_a_guess_and_every_problem_is_reported_at_once(tmp_path):
    found = problems(tmp_path, "midi:\n  count_in_bar: 1\n  volume: 2\npianist:\n  long_press_ms: 20\n")
    assert [(p.line, p.path) for p in found] == [(2, "midi.count_in_bar"), (3, "midi.volume"), (5, "pianist.long_press_ms")]
    assert "did you mean 'count_in_bars'?" in found[0].message


@pytest.mark.parametrize("key, value, allowed", [("pianist_window", "yes please", "expected auto, true or false, found 'yes please'"),
                                                ("pianist_display", 40, "expected auto or a screen number from 0 to 15")])
def test_auto_or_a_value(tmp_path, key, value, allowed):
    [p] = problems(tmp_path, f"display:\n  {key}: {value}\n")
    assert (p.line, p.path) == (2, f"display.{key}") and p.message.startswith(allowed)
    s = load_config(ROOT, user_file(tmp_path, "display:\n  pianist_window: true\n  pianist_display: 1\n"))
    assert (s.display.pianist_window, s.display.pianist_display) == (True, 1)


def test_a_pedal_needs_one_of_control_or_note_in_range(tmp_path):
    found = problems(tmp_path, "midi:\n  pedal:\n    next: {control: 67, note: 3}\n    back: {control: 300}\n"
                               "    jump: {note: 1}\n")
    assert {p.path for p in found} == {"midi.pedal.next", "midi.pedal.back.control", "midi.pedal.jump"}


# --- reading and merging ----------------------------------------------------------------

def test_the_users_file_replaces_only_what_it_names(tmp_path):
    (tmp_path / "songs").mkdir()
    s = load_config(ROOT, user_file(tmp_path, "midi:\n  count_in_bars: 2\nkeys:\n  next: [n]\nlibrary: [songs]\n"))
    assert s.midi.count_in_bars == 2 and s.midi.count_in_note == 37 and s.midi.volume == 0.8
    assert dict(s.keys.bindings)["next"] == ("n",) and dict(s.keys.bindings)["back"] == ("left", "page up", "up")
    assert s.library == (tmp_path / "songs",)          # relative to the file that names it
    assert s.files == (ROOT / "config.yaml", tmp_path / "mine.yaml")


def test_a_pedal_in_the_users_file_replaces_the_projects_binding_for_that_action(tmp_path):
    s = load_config(ROOT, user_file(tmp_path, "midi:\n  pedal:\n    next: {note: 60, channel: 10}\n"))
    assert s.midi.pedal_map() == {"next": {"note": 60, "channel": 10}, "back": {"control": 66}, "tap": {"note": 21}}


def test_texts_are_one_language_at_a_time_with_the_choirs_words_on_top(tmp_path):
    s = load_config(ROOT, user_file(tmp_path, "language: en\ntexts:\n  en:\n    end: Thanks, everyone!\n"
                                               "  nb:\n    end: Takk for nå!\n"))
    assert s.texts()["end"] == "Thanks, everyone!"
    assert s.texts()["verse"] == "Verse {n} of {total}"        # the catalog's English, not bokmål
    assert s.texts("nb")["end"] == "Takk for nå!" and s.texts("nb")["verse"] == "Vers {n} av {total}"


def test_a_language_without_a_catalog_is_refused_where_it_is_written(tmp_path):
    [p] = problems(tmp_path, "language: nn\n")
    assert (p.line, p.path) == (1, "language") and "nb, en" in p.message


def test_settings_are_frozen():
    s = S.Settings()
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.midi.count_in_bars = 2  # type: ignore[misc]


# --- defaults in one place ----------------------------------------------------------------

def test_the_shipped_config_yaml_and_the_dataclass_defaults_agree():
    """Given only the project's config.yaml, every setting equals its dataclass default."""
    read = _project_only()
    default = S.Settings()
    for f in dataclasses.fields(S.Settings):
        if f.name not in ("catalog", "files"):
            assert getattr(read, f.name) == getattr(default, f.name), f.name


def _project_only() -> S.Settings:
    from player.core.script.loader import read_tree
    from player.core.script.settings import read_settings
    return read_settings([read_tree(ROOT / "config.yaml")])


def test_the_shipped_config_yaml_names_every_setting():
    data = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    for name, (cls, readers) in SECTIONS.items():
        assert set(data[name]) == {f.name for f in dataclasses.fields(cls)} == set(readers), name
    assert {"display", "room", "lyrics", "midi", "pianist", "audio"} <= set(SECTIONS)
    assert set(data["keys"]) == set(S.KEY_ACTIONS) | {"double_press_guard_ms", "tempo_step"}


def test_the_key_and_pedal_action_names_match_what_the_program_does():
    from player.display.keymap import ACTIONS
    from player.midi.control import INTENT_NAMES
    assert tuple(ACTIONS) == S.KEY_ACTIONS
    assert set(INTENT_NAMES) == set(S.PEDAL_ACTIONS)


def test_the_dead_long_press_of_the_pianist_window_is_gone():
    from player.display.pianist_app import PianistSettings
    assert "long_press_s" not in {f.name for f in dataclasses.fields(PianistSettings)}


#: settings keys specific enough to find (generic words such as size or text also name song fields)
_KEYS = sorted({f.name for c in (S.DisplaySection, S.RoomSection, S.LyricsSection, S.KeysSection,
                                 S.MidiSection, S.PianistSection, S.AudioSection, S.Settings)
                for f in dataclasses.fields(c)} | {"texts"} - {"size", "text", "input", "output", "index", "files"})
#: where settings keys may be read by name: the one reader. player/formats reads song files.
_READERS = ("player/core/script/settings.py", "player/formats/")


def test_no_settings_are_read_by_name_with_a_default_outside_the_reader():
    old_api = re.compile(r"\bconfig\.(section|get|data|path)\b|\bconfig\[|_cfg\b")
    by_name = re.compile(r"""\.get\(\s*["'](%s)["']""" % "|".join(_KEYS))
    found = []
    for path in sorted(PLAYER.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if old_api.search(line) or (by_name.search(line) and not rel.startswith(_READERS)):
                found.append(f"{rel}:{number}: {line.strip()}")
    assert found == []
    assert not any(hasattr(S.Settings(), name) for name in ("get", "section", "data", "path"))


def test_the_count_in_note_and_long_press_defaults_are_written_once():
    count_in = [p for p in PLAYER.rglob("*.py") if re.search(r"count_in_note\S*\s*(:\s*int\s*)?=\s*37\b|"
                                                             r"note: int = 37", p.read_text(encoding="utf-8"))]
    long_press = [p for p in PLAYER.rglob("*.py") if "long_press_ms\", 600" in p.read_text(encoding="utf-8")]
    assert count_in == [] and long_press == []
    assert S.MidiSection().count_in_note == S.COUNT_IN_NOTE == 37 and S.PianistSection().long_press_s == 0.6


def test_plain_settings_use_the_same_checks():
    with pytest.raises(ScriptError, match="lyrics.max_lines"):
        settings_from_plain({"lyrics": {"max_lines": 9}})
    assert settings_from_plain({}) == S.Settings()
    assert math.isclose(settings_from_plain({"room": {"screen_width_m": 2}}).room.screen_width_m, 2.0)


def test_key_names_the_keyboard_does_not_know_are_refused_at_their_line(tmp_path):
    """With the real pygame names (as `helsekor check` hands them), a typo is found before the show."""
    from player.display.keymap import known_key

    mine = user_file(tmp_path, "keys:\n  next: [rigth, page down, ctrl+q]\n  blank: \".\"\npianist:\n  switch_lead_key: f2x\n")
    with pytest.raises(ScriptError) as err:
        load_config(ROOT, mine, known_key=known_key)
    assert [(p.line, p.path) for p in err.value.problems] == [(2, "keys.next[0]"), (5, "pianist.switch_lead_key")]
    assert "'rigth' is not a key name" in err.value.problems[0].message
    assert dict(load_config(ROOT, user_file(tmp_path, "keys:\n  next: [n, alt+f4]\n"), known_key=known_key)
                .keys.bindings)["next"] == ("n", "alt+f4")
    assert load_config(ROOT, known_key=known_key).keys == S.KeysSection()      # every shipped name is known
