"""The first card does not wait for VLC: it loads on the preparation worker after the first
frame, a step ahead of the recording that needs it; Next into that song shows its screen at
once and the recording (real VLC, its dummy output) starts behind it once VLC is loaded."""

from __future__ import annotations

import threading
import wave
from dataclasses import replace

import numpy as np

from player.audio import VlcBacking, VlcEngine
from player.core.model import intents as I
from player.core.script.config import load_config
from player.core.script.library import Library
from player.core.script.loader import load_session
from player.core.show.runner import Runner
from player.core.time.clock import MonotonicClock
from player.display.app import App
from player.live import LiveBackings
from player.midi.pending import PendingBacking
from player.midi.prepare import Preparer
from player.show import LiveSource

from ..waiting import wait_until


def _recording_session(tmp_path):
    (tmp_path / "songs").mkdir()
    sr = 44100
    audio = np.zeros(sr * 4, np.int16)
    for k in range(8):
        audio[int(k * 0.5 * sr):int(k * 0.5 * sr) + 400] = 12000
    with wave.open(str(tmp_path / "songs" / "spor.wav"), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(sr)
        w.writeframes(audio.tobytes())
    (tmp_path / "songs" / "spor.yaml").write_text(
        "version: 1\ntitle: Spor\ntempo: 120\naudio: spor.wav\ntiming: [[0, 2], [2, 2]]\n"
        "sections: [{id: v1, name: Vers 1, lines: [En to, tre fire]}]\n", encoding="utf-8")
    path = tmp_path / "s.yaml"
    path.write_text("version: 1\ntitle: T\nsteps:\n  - text: Hei\n  - song: spor\n", encoding="utf-8")
    return load_session(path, Library.for_session(path, (), project_root=tmp_path))


def test_the_first_card_is_drawn_while_vlc_loads_and_the_recording_starts_behind_its_screen(tmp_path):
    session = _recording_session(tmp_path)
    config = load_config(user_file=None)
    config = replace(config, audio=replace(config.audio, vlc_output="adummy"))
    released, asked_at_frame, made = threading.Event(), [], []

    def slow_vlc():                                   # the worker: VLC's plugins load until released
        asked_at_frame.append(app.frames)
        assert released.wait(30)
        made.append(VlcEngine(output="adummy"))
        return made[-1]

    clock = MonotonicClock()
    preparer = Preparer()
    backings = LiveBackings(config, clock, lambda text: None, preparer=preparer, make_vlc=slow_vlc)
    runner = Runner(session, clock, config.texts(), backings=backings)
    source = LiveSource(runner, backings, clock, preparer=preparer)
    app = App(source, config, windowed=True, size=(320, 180), clock=clock, after_frame=source.after_frame)
    try:
        app.run(max_frames=5)
        assert app.frames == 5 and runner.snapshot().title == "Hei"
        assert len(wait_until(lambda: asked_at_frame)) == 1 and asked_at_frame[0] >= 1   # after the first frame
        runner.handle(I.Next())                          # into the recording while VLC still loads
        app.run(max_frames=app.frames + 1)
        snap = runner.snapshot()
        assert snap.scene == "lyrics" and snap.title == "Spor"
        pending = runner.act.backing
        assert isinstance(pending, PendingBacking) and not pending.started
        released.set()

        def started():
            app.run(max_frames=app.frames + 1)
            return pending.started
        assert wait_until(started, timeout_s=30)
        assert isinstance(pending.real, VlcBacking) and backings.vlc is made[0] and len(made) == 1
        assert wait_until(lambda: (app.run(max_frames=app.frames + 1), runner.act.position())[1] > 0.5, timeout_s=15)
    finally:
        released.set()
        runner.close()
        backings.close()
        preparer.close()
