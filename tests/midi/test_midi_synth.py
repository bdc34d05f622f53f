"""The built-in synth: offline render onsets where the MIDI says; live play under SDL dummy."""

import time
import wave

import numpy as np
import pytest

from player.core.model.errors import DeviceError
from player.midi.backing import MidiBacking
from player.midi.offline import render, render_wav
from player.midi.song import song_from_midifile
from player.midi.synth import FluidSynthEngine, SynthOutput
from tests.midi.midifixtures import notes_file

BEATS = [k * 1.5 for k in range(6)]


def _song():
    return song_from_midifile(notes_file([(b, 0.25, 60, 0) for b in BEATS], tempos=((0, 120), (4.5, 77))))


def _onsets(audio, expected, threshold=200):
    x = np.abs(audio.astype(np.int32)).max(axis=1)
    out = []
    for s in expected:
        lo = max(0, s - 2000)
        out.append(int(np.argmax(x[lo:s + 4000] > threshold)) + lo)
    return np.array(out)


@pytest.mark.parametrize("engine", ["fluidsynth", "tinysoundfont"])
@pytest.mark.parametrize("tempo_scale", [1.0, 0.85])
def test_rendered_wav_onsets_sit_where_the_midi_says(tmp_path, tempo_scale, engine):
    out = tmp_path / "sang.wav"
    r = render_wav(_song(), out, count_in_bars=1, tempo_scale=tempo_scale, synth=engine)
    with wave.open(str(out)) as w:
        assert (w.getnchannels(), w.getframerate()) == (2, 44100)
        audio = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").reshape(-1, 2)
    placed = np.array([r.sample_at_beat(b) for b in BEATS])
    ideal = np.array([r.seconds_at_beat(b) for b in BEATS]) * 44100
    # placement: on FluidSynth's 64-sample grain, never before and < 64 samples after the ideal
    assert np.all(placed - ideal >= -0.5) and np.all(placed - ideal < 64)
    # sound: every identical note starts the same number of samples after its placement
    lag = _onsets(audio, placed) - placed
    assert lag.max() - lag.min() <= 1, lag
    assert 0 <= lag.min() < 441                           # the attack begins within 10 ms
    # the count-in bar at 120 BPM × scale comes first
    assert placed[0] == pytest.approx(4 * 0.5 / tempo_scale * 44100, abs=64)


def test_render_transpose_and_range_and_silence_before_start():
    song = song_from_midifile(notes_file([(0, 1, 60, 0), (4, 1, 62, 0), (8, 1, 64, 0)]))
    part = render(song, start_beat=4, end_beat=6, tail_seconds=0.0)
    assert len(part.audio) == pytest.approx(2 * 0.5 * 44100, abs=512)
    assert part.onset_samples == (0,)
    x = np.abs(part.audio.astype(np.int32)).max(axis=1)
    assert x.max() > 1000


def test_missing_soundfont_is_a_device_error(tmp_path):
    with pytest.raises(DeviceError, match="none.sf2.*finnes ikke.*fjern linjen"):
        FluidSynthEngine(tmp_path / "none.sf2")


@pytest.mark.parametrize("engine", ["fluidsynth", "tinysoundfont"])
def test_live_synth_plays_through_sdl_audio_callback(engine):
    synth = SynthOutput(block=512, engine_choice=engine)
    assert synth.engine.name.lower() == engine
    try:
        backing = MidiBacking(_song(), synth, count_in_bars=0)
        synth.renderer.record_onsets = True
        backing.start()
        deadline = time.monotonic() + 10.0
        while not synth.renderer.event_samples and time.monotonic() < deadline:
            time.sleep(0.02)
        # the first note was placed by the audio callback on the synth's sample grain
        assert synth.renderer.event_samples and synth.renderer.event_samples[0] % 64 == 0
        # and the song's clock moves with the samples played (the first block is heard as 0 s)
        while backing.position() <= 0.0 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert backing.position() > 0.0
        backing.close()
    finally:
        synth.close()
