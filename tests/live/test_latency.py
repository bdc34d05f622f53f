"""The output latency the audio path reports moves the picture clock: nothing to set for it;
``audio.latency_ms`` comes on top. Mechanisms only (bench/bench_live_av.py measures)."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

from player.audio.outlatency import picture_offset_s, port_latency_s, pulse_stream_latency_s, synth_output_latency_s
from player.core.model import intents as I
from player.core.script.config import load_config
from player.core.script.library import Library
from player.core.script.loader import load_session
from player.core.show.runner import Runner
from player.core.time.clock import MonotonicClock
from player.live import LiveBackings

from ..test_show import song_session

PACTL = """Sink Input #3
\tDriver: protocol-native.c
\tBuffer Latency: 9000 usec
\tSink Latency: 2000 usec
\tProperties:
\t\tapplication.process.id = "999"
Sink Input #7
\tBuffer Latency: 5827 usec
\tSink Latency: 1055 usec
\tProperties:
\t\tapplication.name = "python3.11"
\t\tapplication.process.id = "4242"
"""


def _pactl(stdout, code=0):
    return lambda *a, **k: SimpleNamespace(returncode=code, stdout=stdout)


def test_pulseaudio_s_report_for_our_own_stream_is_read():
    assert abs(pulse_stream_latency_s(4242, run=_pactl(PACTL)) - 0.006882) < 1e-9
    assert pulse_stream_latency_s(1, run=_pactl(PACTL)) is None          # no stream of ours
    assert pulse_stream_latency_s(4242, run=_pactl("", 1)) is None       # no server


def test_only_a_driver_through_a_sound_server_asks_it():
    nap = lambda s: None    # noqa: E731
    assert synth_output_latency_s("pulseaudio", lambda: 0.007, nap) == 0.007
    assert synth_output_latency_s("dummy", lambda: 0.5, nap) == 0.0
    assert synth_output_latency_s("pulseaudio", lambda: None, nap) == 0.0
    # the stream's start-up buffer first, then a steady report: the steady one is taken
    reports = iter([0.381, 0.120, 0.0105, 0.0104, 0.5])
    assert synth_output_latency_s("pulseaudio", lambda: next(reports), nap) == 0.0104
    assert synth_output_latency_s("pulseaudio", lambda: 0.4, nap) == 0.0         # never believed
    drifting = iter(k * 0.01 for k in range(100))
    assert synth_output_latency_s("pulseaudio", lambda: next(drifting), nap, most_s=1) == 0.0
    synth = SimpleNamespace(_device=SimpleNamespace(driver="dummy"))
    assert port_latency_s(synth) == 0.0 and port_latency_s(object()) == 0.0
    assert abs(picture_offset_s(0.1, 0.02, 50) - 0.11) < 1e-12           # less half a frame


def _song_backing(tmp_path, reported_s: float, latency_ms: float = 0.0):
    tmp_path.mkdir(parents=True)
    path = song_session(tmp_path)
    session = load_session(path, Library.for_session(path, (), project_root=tmp_path))
    config = load_config(user_file=None)
    config = replace(config, audio=replace(config.audio, latency_ms=latency_ms))
    clock = MonotonicClock()
    asked = []

    def report(port):
        asked.append(port)
        return reported_s
    backings = LiveBackings(config, clock, lambda text: None, report_latency=report)
    runner = Runner(session, clock, config.texts(), backings=backings)
    runner.handle(I.Next())
    backing = runner.act.backing
    assert asked == [backings.selector.port]                 # the open output was asked
    return runner, backings, backing


def _behind_s(backing) -> float:
    """Seconds the picture's position is behind the backing's own clock (the synth's samples)."""
    now = backing.clock.now()
    shown = backing.position()
    beats_per_s = backing.transport.position(now + 1.0) - backing.transport.position(now)
    return (backing.transport.position(now) - shown) / beats_per_s


def test_an_audio_path_reporting_80_ms_moves_the_picture_clock_by_80_ms(tmp_path):
    fps = load_config(user_file=None).display.fps
    for reported, setting_ms, expected in ((0.0, 0, 0.0), (0.080, 0, 0.080), (0.080, 25, 0.105)):
        runner, backings, backing = _song_backing(tmp_path / f"{reported}-{setting_ms}", reported, setting_ms)
        try:
            behind = _behind_s(backing)
            assert abs(behind - (expected - 0.5 / fps)) < 0.003, (reported, setting_ms, behind)
        finally:
            runner.close()
            backings.close()
