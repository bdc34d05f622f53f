"""`helsekor calibrate`: taps fed as intents from another thread (as a pedal's are) against a
clicking backing give the median offset, and it is written into the user's config file
without touching the rest of it; the app's real frame loop runs it (dummy SDL)."""

from __future__ import annotations

import threading
import time

from player.calibrate import BPM, WARM_UP, CalibrationSource, save_latency_ms, user_config_file
from player.core.model import intents as I
from player.core.script.config import load_config
from player.core.time.clock import MonotonicClock
from player.display.app import App
from player.midi import MidiBacking, RecordingPort
from player.midi.click import pulse_song


def test_taps_from_a_thread_give_the_median_offset_and_it_is_saved(tmp_path, monkeypatch):
    user = tmp_path / "mine.yaml"
    user.write_text("# my settings\ndisplay:\n  fps: 60\naudio:\n  vlc_output: auto   # VLC\nlibrary: []\n",
                    encoding="utf-8")
    monkeypatch.setenv("HELSEKOR_CONFIG", str(user))
    monkeypatch.setattr("player.calibrate.RESULT_S", 0.5)
    assert user_config_file() == user
    config = load_config(user_file=None)
    clock = MonotonicClock()
    port = RecordingPort(clock)
    backing = MidiBacking(pulse_song(BPM, 4, 16, 4), port, clock, count_in_bars=0)
    beat_s = 60.0 / BPM
    late = 0.060                                   # the room hears the clicks 60 ms late
    source = CalibrationSource(backing, clock, config.texts(), save=lambda ms: (save_latency_ms(user, ms), user)[1],
                               taps=6)
    app = App(source, config, windowed=True, size=(320, 180), clock=clock)

    def conductor():                               # a pedal: intents posted from its own thread
        start = clock.now()
        for k in range(1, 6 + WARM_UP + 1):
            due = start + k * beat_s + late
            time.sleep(max(0.0, due - clock.now()))
            app.post(I.Next(at=due))               # stamped where it was pressed, as a device's event is
                                                   # (a loaded machine may wake this thread late)
    tapper = threading.Thread(target=conductor)
    tapper.start()
    try:
        app.run(max_frames=60 * 20)
    finally:
        tapper.join(10)
        backing.close()
    assert source.result is not None, source.offsets_s
    median, spread = source.result
    assert abs(median - 60) < 12, source.offsets_s          # a frame of the loop and the sleeps' jitter
    assert spread < 20
    text = user.read_text(encoding="utf-8")
    assert f"latency_ms: {round(median)}" in text
    assert text.startswith("# my settings\ndisplay:\n  fps: 60\naudio:\n") and "vlc_output: auto   # VLC" in text
    assert load_config(user_file=None).audio.latency_ms == round(median)     # the show reads it back


def test_the_setting_is_replaced_or_added_and_nothing_else_changes(tmp_path):
    path = tmp_path / "c.yaml"
    save_latency_ms(path, 42.4)                                              # a new file
    assert load_config(user_file=path).audio.latency_ms == 42
    path.write_text("audio:\n    latency_ms: 10   # old\n    sample_rate: 48000\nmidi:\n  volume: 0.5\n", encoding="utf-8")
    save_latency_ms(path, -15)
    assert path.read_text(encoding="utf-8") == ("audio:\n    latency_ms: -15   # old\n    sample_rate: 48000\n"
                                                 "midi:\n  volume: 0.5\n")
    config = load_config(user_file=path)
    assert config.audio.latency_ms == -15 and config.audio.sample_rate == 48000 and config.midi.volume == 0.5


def test_taps_too_spread_out_are_not_saved():
    from player.core.time.clock import ManualClock
    config = load_config(user_file=None)
    clock = ManualClock(10.0)
    backing = MidiBacking(pulse_song(BPM, 4, 16, 4), RecordingPort(clock), clock, count_in_bars=0, threaded=False)
    saved = []
    source = CalibrationSource(backing, clock, config.texts(), save=saved.append, taps=8)
    beat_s = 60.0 / BPM
    for k, off in enumerate([0.0, 0.0, 0.3, -0.3, 0.25, -0.2, 0.3, -0.3, 0.2, -0.25]):
        clock.set(10.0 + (k + 1) * beat_s + off)
        source.handle(I.Next(at=clock.now()))
    assert source.result is not None and source.result[1] > 100
    assert saved == [] and "prøv igjen" in source.error
    assert "prøv igjen" in source.snapshot().subtitle
    backing.close()
