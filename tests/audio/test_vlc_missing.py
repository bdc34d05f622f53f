"""Without VLC: a recording or a film is refused before the show, with what to install on this
system; a session with MIDI songs and cards needs no VLC at all."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from player.audio import missing_vlc

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("platform,words", [("win32", "videolan.org"), ("darwin", "brew install --cask vlc"),
                                            ("linux", "apt-get install --no-install-recommends libvlc5")])
def test_the_words_name_what_to_install_on_that_system(platform, words):
    assert words in missing_vlc(platform)


def _check(tmp_path: Path, step: str) -> subprocess.CompletedProcess:
    shadow = tmp_path / "shadow"
    shadow.mkdir()
    # python-vlc raises this when libvlc is not installed
    (shadow / "vlc.py").write_text('raise OSError("libvlc.so.5: cannot open shared object file")\n')
    songs = tmp_path / "songs"
    songs.mkdir()
    subprocess.run(["sox", "-n", "-r", "44100", "-c", "2", str(songs / "tone.wav"), "synth", "3", "sine", "440"],
                   check=True)
    (songs / "tone.yaml").write_text(textwrap.dedent("""\
        version: 1
        title: Tone
        audio: tone.wav
        sections:
          - id: v1
            lines:
              - text: La la la
        """), encoding="utf-8")
    (tmp_path / "okt.yaml").write_text(f"version: 1\ntitle: Prøve\nsteps:\n  - {step}\n  - text: Hei\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": f"{shadow}{os.pathsep}{ROOT}", "SDL_VIDEODRIVER": "dummy"}
    return subprocess.run([sys.executable, "-m", "player.cli", "check", str(tmp_path / "okt.yaml")],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)


def test_without_vlc_a_recording_is_refused_naming_what_to_install(tmp_path):
    proc = _check(tmp_path, "song: tone")
    assert proc.returncode == 1
    assert "tone.yaml:3:" in proc.stderr and missing_vlc() in proc.stderr, proc.stderr


def test_without_vlc_a_session_of_midi_songs_checks_clean(tmp_path):
    proc = _check(tmp_path, "song: bjornen-sover")
    assert proc.returncode == 0, proc.stderr
    assert "Bjørnen sover" in proc.stdout
