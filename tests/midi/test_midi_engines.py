"""The built-in synth without system packages: TinySoundFont when FluidSynth's library is
missing, the SoundFont that ships with Helsekor, and clear words when nothing can play."""

import os
import subprocess
import sys
import textwrap
import wave
from pathlib import Path

import numpy as np
import pytest

from player.core.model.errors import DeviceError
from player.midi.engines import SynthMissing, install_hint, make_engine
from player.midi.offline import render
from player.midi.soundfont import find_soundfont, shipped_soundfont
from player.midi.song import song_from_midifile
from tests.midi.midifixtures import notes_file

ROOT = Path(__file__).resolve().parents[2]


def _song():
    return song_from_midifile(notes_file([(b, 0.5, 60 + b, 0) for b in range(1, 9)], tempos=((0, 120),)))


def test_both_engines_put_the_same_notes_on_the_same_samples():
    fluid = render(_song(), synth="fluidsynth")
    tiny = render(_song(), synth="tinysoundfont")
    assert fluid.onset_samples == tiny.onset_samples and len(tiny.onset_samples) == 8
    # TinySoundFont is silent before the first note and sounds within 10 ms after it
    first = tiny.onset_samples[0]
    level = np.abs(tiny.audio.astype(np.int32)).max(axis=1)
    assert level[:first].max() == 0 and level[first:first + 441].max() > 500


def test_a_shipped_song_is_about_as_loud_on_either_engine():
    # melody (flute) and piano together, as a song is played; LEVEL_DB makes the mix match
    song = ROOT / "songs" / "bjornen-sover.mid"
    rms = [float(np.sqrt((render(song, synth=e).audio.astype(np.float64) ** 2).mean()))
           for e in ("fluidsynth", "tinysoundfont")]
    assert 0.7 < rms[1] / rms[0] < 1.4, rms


def test_an_unknown_engine_is_refused_with_the_choices():
    with pytest.raises(DeviceError, match="auto, fluidsynth, tinysoundfont"):
        make_engine("", choice="timidity")


def test_the_shipped_soundfont_is_used_when_none_is_set():
    assert find_soundfont("") == shipped_soundfont() and shipped_soundfont().stat().st_size > 5_000_000
    assert (shipped_soundfont().parent / "GPL-2.txt").is_file()      # its licence ships with it


def test_no_soundfont_anywhere_says_where_to_get_one_and_where_to_put_it(tmp_path):
    with pytest.raises(DeviceError) as err:
        find_soundfont("", content_root=tmp_path, system=(str(tmp_path / "none.sf2"),))
    assert "TimGM6mb" in str(err.value) and "midi.soundfont" in str(err.value)


@pytest.mark.parametrize("platform,words", [("win32", "pip install --force-reinstall helsekor"),
                                            ("darwin", "brew install fluid-synth"),
                                            ("linux", "apt install libfluidsynth3")])
def test_the_install_hint_names_what_to_install_on_that_system(platform, words):
    assert words in install_hint(platform)


# -- the real command with a library hidden ---------------------------------------------------

HIDE = {  # a module that fails to import as pyfluidsynth does when libfluidsynth is not there
    "fluidsynth": 'raise ImportError("Couldn\'t find the FluidSynth library.")\n',
    "tinysoundfont": 'raise ImportError("No module named tinysoundfont")\n',
}


def _rehearse(tmp_path: Path, hidden: tuple[str, ...]) -> tuple[subprocess.CompletedProcess, Path]:
    shadow = tmp_path / "shadow"
    shadow.mkdir()
    for name in hidden:
        (shadow / f"{name}.py").write_text(HIDE[name])
    session = tmp_path / "okt.yaml"
    session.write_text(textwrap.dedent("""\
        version: 1
        title: Prøve
        steps:
          - song: bjornen-sover
            verses: [1]
        """), encoding="utf-8")
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": f"{shadow}{os.pathsep}{ROOT}", "SDL_VIDEODRIVER": "dummy",
           "SDL_AUDIODRIVER": "dummy"}
    proc = subprocess.run([sys.executable, "-m", "player.cli", "render", str(session), "--out", str(out),
                           "--fps", "2", "--size", "320x180"], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120)
    return proc, out / "audio.wav"


def _loudness(path: Path) -> float:
    with wave.open(str(path)) as w:
        audio = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
    return float(np.abs(audio.astype(np.int32)).max()) if audio.size else 0.0


@pytest.mark.timeout(180)
def test_without_libfluidsynth_the_rehearsal_still_has_the_synths_sound(tmp_path):
    proc, wav = _rehearse(tmp_path, ("fluidsynth",))
    assert proc.returncode == 0, proc.stderr
    assert _loudness(wav) > 1000, proc.stdout + proc.stderr


@pytest.mark.timeout(180)
def test_without_any_synth_library_the_rehearsal_says_what_to_install(tmp_path):
    proc, wav = _rehearse(tmp_path, ("fluidsynth", "tinysoundfont"))
    assert proc.returncode == 0, proc.stderr          # the rest of the rehearsal is made
    assert _loudness(wav) == 0
    said = proc.stdout + proc.stderr
    assert "FluidSynth eller TinySoundFont" in said and install_hint() in said, said


def test_synth_missing_is_a_device_error():
    assert issubclass(SynthMissing, DeviceError)
