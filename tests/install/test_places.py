"""Where things are: the built-in content, the user's places and the fonts
(player/core/model/places.py), and the one lookup rule for ids (player/core/script/library.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from player.core.model import places
from player.core.model.places import content_root, font_files, user_places
from player.core.script.config import load_config, user_config_path
from player.core.script.library import Library
from player.core.script.loader import load_session

ROOT = Path(__file__).resolve().parents[2]


def test_in_a_checkout_the_built_in_content_is_the_repository_top_level():
    assert content_root() == ROOT
    assert (content_root() / "sessions" / "demo.yaml").is_file()


def test_an_installed_package_finds_its_content_inside_the_package(tmp_path, monkeypatch):
    """Given a player package with content/ beside it (as the wheel installs it), that wins."""
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "config.yaml").write_text("version: 1\n", encoding="utf-8")
    monkeypatch.setattr(places.importlib.resources, "files", lambda name: tmp_path)
    assert content_root() == tmp_path / "content"


def test_helsekor_home_moves_every_user_place_under_it(tmp_path):
    p = user_places({"HELSEKOR_HOME": str(tmp_path)})
    assert {p.config, p.state, p.logs, p.cache, p.choir} == {tmp_path / n for n in ("config", "state", "logs", "cache", "Helsekor")}
    assert p.config_file == tmp_path / "config" / "config.yaml"


def test_without_helsekor_home_the_places_are_the_platform_folders(monkeypatch, tmp_path):
    import platformdirs
    p = user_places({})
    dirs = platformdirs.PlatformDirs("helsekor", appauthor=False)
    assert (p.config, p.state, p.logs, p.cache) == tuple(map(Path, (dirs.user_config_dir, dirs.user_state_dir,
                                                                    dirs.user_log_dir, dirs.user_cache_dir)))
    assert "helsekor" in str(p.state).lower() and p.state != ROOT / "state"


def test_the_tests_themselves_never_use_the_real_user_folders():
    """conftest.py sets HELSEKOR_HOME for the whole run (and every child process)."""
    home = Path(__import__("os").environ["HELSEKOR_HOME"])
    settings = load_config(user_file=None)
    assert settings.state_dir == home / "state" and settings.log_dir == home / "logs"
    assert not str(settings.state_dir).startswith(str(Path.home() / ".local"))


def test_the_users_config_yaml_is_read_from_the_users_config_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("HELSEKOR_CONFIG", raising=False)
    monkeypatch.setenv("HELSEKOR_HOME", str(tmp_path))
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.yaml").write_text("theme: light\n", encoding="utf-8")
    assert user_config_path() == tmp_path / "config" / "config.yaml"
    assert load_config().theme == "light"


def test_the_fonts_come_from_the_package_and_the_wheel_not_from_debian():
    fonts = font_files()
    for path in (fonts.regular, fonts.bold, fonts.symbols, fonts.symbols_bold):
        assert path.is_file() and not str(path).startswith("/usr/share"), path
    from fontTools.ttLib import TTFont
    for path in (fonts.symbols, fonts.symbols_bold):
        cmap = TTFont(str(path)).getBestCmap()
        assert all(ord(c) in cmap for c in "♩⚠✓→♯♭æøå"), path


def test_the_screen_and_the_songbook_use_the_one_font_lookup():
    from player.display.theme import FALLBACK_FONT, Fonts
    from player.formats.songbook_pdf import atkinson_font
    assert Path(Fonts().fallback) == FALLBACK_FONT == font_files().symbols
    assert atkinson_font(True) == font_files().bold


# ---------------------------------------------------------------------- the one lookup rule

def _song(folder: Path, ident: str, title: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{ident}.yaml").write_text(f"title: {title}\nlyrics: |\n  La la la\n", encoding="utf-8")


def _session(path: Path, ident: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"version: 1\ntitle: T\nsteps:\n  - song: {ident}\n", encoding="utf-8")
    return path


def _title(path: Path, libraries=(), builtin: Path | None = None) -> str:
    return load_session(path, Library.for_session(path, tuple(libraries), builtin)).steps[0].song.title


def test_a_session_in_a_sessions_folder_finds_the_songs_beside_that_folder(tmp_path):
    """The uke2/sessions/ + uke2/songs/ case of issue 15 (before: not found)."""
    _song(tmp_path / "uke2" / "songs", "var", "Vår")
    session = _session(tmp_path / "uke2" / "sessions" / "okt.yaml", "var")
    assert _title(session, builtin=tmp_path / "empty") == "Vår"


def test_a_folder_not_named_sessions_does_not_look_in_its_parent(tmp_path):
    from player.core.model.errors import ScriptError
    _song(tmp_path / "uke2" / "songs", "var", "Vår")
    session = _session(tmp_path / "uke2" / "planer" / "okt.yaml", "var")
    with pytest.raises(ScriptError):
        _title(session, builtin=tmp_path / "empty")


def test_the_lookup_order_is_beside_the_session_then_its_parent_then_libraries_then_built_in(tmp_path):
    session = _session(tmp_path / "kor" / "sessions" / "okt.yaml", "s")
    libs = [tmp_path / "lib1", tmp_path / "lib2"]
    places_in_order = [tmp_path / "kor" / "sessions", tmp_path / "kor", *libs, tmp_path / "builtin"]
    for n, root in enumerate(reversed(places_in_order)):
        _song(root / "songs", "s", f"from {root.name}")
        assert _title(session, libs, tmp_path / "builtin") == f"from {root.name}", n


def test_the_built_in_content_is_last_and_found_from_anywhere(tmp_path):
    session = _session(tmp_path / "elsewhere" / "okt.yaml", "ro-ro-ro-din-bat")
    assert _title(session) == "Ro, ro, ro din båt"
