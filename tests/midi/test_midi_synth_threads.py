"""The built-in synth threaded, on SDL's dummy audio driver: opened, played and closed many
times from threads with random timing (in a child process, so a hang that holds the GIL still
ends in a failure with every stack); panic silences the next block; pause/resume/close of the
device while its callback runs. ``HELSEKOR_SYNTH_CYCLES`` sets the cycles (default 40)."""

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import mido
import numpy as np
import pytest

from player.midi.backing import MidiBacking
from player.midi.song import song_from_midifile
from player.midi.synth import BlockRenderer, FluidSynthEngine, SynthOutput
from tests.midi.midifixtures import notes_file

ROOT = Path(__file__).resolve().parents[2]
CYCLES = int(os.environ.get("HELSEKOR_SYNTH_CYCLES", "40"))


@pytest.mark.timeout(200)
def test_synth_opened_played_and_closed_from_threads_never_hangs():
    limit = 20.0 + CYCLES * 0.5
    env = dict(os.environ, SDL_AUDIODRIVER="dummy", PYTHONPATH=str(ROOT))
    try:
        proc = subprocess.run([sys.executable, "-m", "tests.midi.synth_cycles", str(CYCLES), str(limit), "3"],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=limit + 30)
    except subprocess.TimeoutExpired as err:
        pytest.fail(f"the child hung past its own watchdog: {err.stderr}")
    assert proc.returncode == 0, f"hung or failed (exit {proc.returncode}):\n{proc.stderr[-4000:]}"
    assert f"ok {CYCLES}" in proc.stdout


def _chord(engine_or_out, notes=(60, 64, 67)):
    for n in notes:
        msg = mido.Message("note_on", note=n, velocity=120)
        (engine_or_out.apply if hasattr(engine_or_out, "apply") else engine_or_out.send)(msg)


def test_hush_makes_the_very_next_block_silent_and_a_new_note_sounds_again():
    engine = FluidSynthEngine()
    try:
        r = BlockRenderer(engine)
        _chord(engine)
        assert np.abs(r.render(4096)).max() > 1000
        r.hush()
        after = [np.abs(r.render(512).astype(np.int32)).max() for _ in range(20)]
        assert after == [0] * 20                    # voices and the reverb's tail: nothing
        r.push(mido.Message("note_on", note=72, velocity=120))
        assert np.abs(r.render(4096)).max() > 1000
    finally:
        engine.close()


def _tap(synth):
    """Record the peak of every block the audio callback renders."""
    peaks: list[int] = []
    render = synth.renderer.render

    def tapped(frames):
        out = render(frames)
        peaks.append(int(np.abs(out.astype(np.int32)).max()))
        return out
    synth.renderer.render = tapped
    return peaks


def _wait(cond, seconds=10.0):
    end = time.monotonic() + seconds
    while not cond() and time.monotonic() < end:
        time.sleep(0.005)
    return cond()


def test_backing_panic_on_the_live_synth_silences_the_next_block():
    synth = SynthOutput(block=256)
    try:
        peaks = _tap(synth)
        song = song_from_midifile(notes_file([(0, 16, 60, 0), (0, 16, 64, 0), (0, 16, 67, 1)]))
        backing = MidiBacking(song, synth, count_in_bars=0, volume=1.0)
        backing.start()
        assert _wait(lambda: any(p > 1000 for p in peaks)), "the chord never sounded"
        backing.panic()
        n = len(peaks)
        assert _wait(lambda: len(peaks) > n + 6)
        # the block being rendered while panic was called may still sound; every later one is silent
        assert peaks[n + 1:n + 6] == [0] * 5, peaks[n - 2:n + 6]
        backing.close()
    finally:
        synth.close()


def test_pause_resume_and_close_while_the_callback_runs():
    synth = SynthOutput(block=128)
    try:
        stop = threading.Event()

        def chatter():
            while not stop.is_set():
                _chord(synth, (60,))
                time.sleep(0.001)
        talker = threading.Thread(target=chatter)
        talker.start()
        for _ in range(20):
            assert _wait(lambda: synth.blocks > 0)
            synth.stop()
            paused_at = synth.blocks
            time.sleep(0.02)
            assert synth.blocks == paused_at            # stopped means the callback is not running
            synth.start()
            n = synth.blocks
            assert _wait(lambda: synth.blocks > n)
        stop.set()
        talker.join()
    finally:
        synth.close()
        synth.close()                                   # idempotent
    assert synth.closed


class FakeEngine:
    """Records what the renderer applies; renders silence."""

    sample_rate = 44100

    def __init__(self):
        self.applied = []

    def apply(self, msg):
        self.applied.append(msg)

    def render(self, frames):
        return np.zeros((frames, 2), np.int16)

    def sounds_off(self):
        self.applied.append("sounds off")


def test_a_backing_closed_on_the_synth_still_silences_it():
    from player.midi.synth import SampleClock
    engine = FakeEngine()
    r = BlockRenderer(engine)

    class Out:                      # the synth's shape: a renderer's clock and attach
        name = "synth"
        pulls = True
        clock = SampleClock(r, 512, wall=lambda: 0.0)

        def attach(self, source):
            r.attach(source)

        def send(self, msg):
            r.push(msg)
    song = song_from_midifile(notes_file([(0, 8, 60, 0)]))
    backing = MidiBacking(song, Out(), count_in_bars=0, volume=1.0)
    backing.start()
    for _ in range(8):
        r.render(512)
    assert any(getattr(m, "type", "") == "note_on" for m in engine.applied)
    engine.applied.clear()
    backing.close()                 # stops (all-notes-off) and detaches
    r.render(512)
    assert any(getattr(m, "control", None) == 123 for m in engine.applied), engine.applied
