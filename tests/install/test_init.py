"""``helsekor init [FOLDER]``: a choir folder, recorded as a library in the user's settings."""

from __future__ import annotations


import pytest

from player.choir import add_library, make_choir_folder
from player.cli import main
from player.core.model.errors import HelsekorError
from player.core.script.config import load_config
from player.wiring import load_session_file


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("HELSEKOR_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("HELSEKOR_CONFIG", raising=False)
    return tmp_path / "home"


def test_init_makes_the_folder_records_it_and_its_example_session_checks(tmp_path, home, capsys):
    kor = tmp_path / "Solheim kor"
    assert main(["init", str(kor)]) == 0
    for name in ("sessions", "songs", "exercises", "media"):
        assert (kor / name).is_dir()
    assert "Kom i gang" in (kor / "README.txt").read_text(encoding="utf-8")
    settings = load_config()
    assert settings.library == (kor,)
    assert settings.files[-1] == home / "config" / "config.yaml"
    session = load_session_file(kor / "sessions" / "eksempel.yaml", settings)
    assert [s.kind for s in session.steps].count("song") >= 2           # the built-in songs
    assert main(["check", str(kor / "sessions" / "eksempel.yaml")]) == 0
    assert "Ro, ro, ro din båt" in capsys.readouterr().out


def test_without_a_folder_init_uses_the_users_helsekor_folder(home):
    assert main(["init"]) == 0
    assert (home / "Helsekor" / "sessions" / "eksempel.yaml").is_file()
    assert load_config().library == (home / "Helsekor",)


def test_a_song_of_the_choir_folder_is_found_from_a_session_anywhere(tmp_path, home):
    kor = tmp_path / "kor"
    assert main(["init", str(kor)]) == 0
    (kor / "songs" / "var-sang.yaml").write_text("title: Vår egen sang\nlyrics: |\n  La la la\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere" / "okt.yaml"
    elsewhere.parent.mkdir()
    elsewhere.write_text("version: 1\ntitle: T\nsteps:\n  - song: var-sang\n  - song: fader-jakob\n", encoding="utf-8")
    session = load_session_file(elsewhere, load_config())
    assert [s.song.title for s in session.steps] == ["Vår egen sang", "Fader Jakob"]


def test_init_again_writes_over_nothing_and_records_the_folder_once(tmp_path, home):
    kor = tmp_path / "kor"
    make_choir_folder(kor)
    (kor / "README.txt").write_text("mine\n", encoding="utf-8")
    assert main(["init", str(kor)]) == 0 and main(["init", str(kor)]) == 0
    assert (kor / "README.txt").read_text(encoding="utf-8") == "mine\n"
    assert load_config().library == (kor,)


def test_a_file_in_the_way_is_a_clear_problem(tmp_path, home, capsys):
    (tmp_path / "kor").write_text("x", encoding="utf-8")
    assert main(["init", str(tmp_path / "kor")]) == 1
    assert "could not be made" in capsys.readouterr().err


@pytest.mark.parametrize("before", [
    "",
    "theme: light   # mine\n",
    "theme: light\nlibrary: []\n",
    "library: [\"{other}\"]  # two\ntheme: light\n",
    "library:\n  - \"{other}\"\ntheme: light\n",
    "library:\n- {other}\n# the end\n",
    "library:\ntheme: light\n",
])
def test_the_folder_is_added_to_library_and_the_rest_of_the_file_is_kept(tmp_path, before):
    other = tmp_path / "other"
    other.mkdir()
    kor = tmp_path / "kor"
    kor.mkdir()
    user = tmp_path / "config.yaml"
    text = before.format(other=other)
    user.write_text(text, encoding="utf-8")
    assert add_library(user, kor) is True
    after = user.read_text(encoding="utf-8")
    settings = load_config(user_file=user)
    assert settings.library[-1] == kor
    assert (other in settings.library) == ("{other}" in before)
    for line in text.splitlines():
        if "library" not in line:
            assert line in after.splitlines()          # comments and other settings kept
    assert add_library(user, kor) is False and user.read_text(encoding="utf-8") == after


def test_a_settings_file_that_is_not_a_mapping_is_left_as_it_is(tmp_path):
    user = tmp_path / "config.yaml"
    user.write_text("- just a list\n", encoding="utf-8")
    with pytest.raises(HelsekorError, match="add by hand"):
        add_library(user, tmp_path)
    assert user.read_text(encoding="utf-8") == "- just a list\n"


def test_init_records_in_the_file_named_by_helsekor_config(tmp_path, home, monkeypatch):
    mine = tmp_path / "mine.yaml"
    mine.write_text("theme: light\n", encoding="utf-8")
    monkeypatch.setenv("HELSEKOR_CONFIG", str(mine))
    assert main(["init", str(tmp_path / "kor")]) == 0
    assert not (home / "config" / "config.yaml").exists()
    assert load_config().library == (tmp_path / "kor",) and load_config().theme == "light"
