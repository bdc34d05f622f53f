"""Offline render: a song's backing as int16 stereo audio, much faster than real time.

Runs the live path (:class:`~player.midi.scheduler.Scheduler` + :class:`BlockRenderer`) on a
clock that is the sample count, so every event lands on the same sample as in live play on the
built-in synth. Used by the headless rehearsal, previews and practice tracks.

Time 0 of the result is the first sample: the first count-in click (or ``start_beat`` when there
is no count-in). :meth:`Rendered.sample_at_beat` gives the sample of any beat, for timeline.json.
Threads: everything runs on the caller's thread (the scheduler's locks are taken uncontended);
no device is opened, so nothing can wait for another thread.
"""

from __future__ import annotations

import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from player.core.model.settings import COUNT_IN_NOTE
from player.core.time.transport import Transport
from player.midi.ports import NullPort
from player.midi.scheduler import Scheduler
from player.midi.song import MidiSong, load_midi
from player.midi.engines import make_engine
from player.midi.synth import DEFAULT_SOUNDFONT, BlockRenderer

__all__ = ["Rendered", "render", "render_wav", "write_wav"]


class _RenderClock:
    def __init__(self, renderer: BlockRenderer):
        self._r = renderer

    def now(self) -> float:
        return self._r.samples_done / self._r.sample_rate


@dataclass(frozen=True)
class Rendered:
    audio: np.ndarray            # int16, shape (frames, 2)
    sample_rate: int
    start_beat: float            # the beat the song started at (after the count-in)
    first_beat: float            # the beat at sample 0 (start of the count-in)
    tempo_scale: float
    onset_samples: tuple[int, ...]   # sample of every note-on sent (count-in included)
    _transport: Transport

    @property
    def seconds(self) -> float:
        return len(self.audio) / self.sample_rate

    def seconds_at_beat(self, beat: float) -> float:
        """Seconds from the first sample at which ``beat`` sounds."""
        tm = self._transport.tempo_map
        return (tm.seconds_at(beat) - tm.seconds_at(self.first_beat)) / self.tempo_scale

    def sample_at_beat(self, beat: float) -> int:
        """The sample an event at ``beat`` is placed on and sounds from (same grain as the
        renderer: the next multiple of 64 samples, at most 1.45 ms after the exact time)."""
        s = int(round(self.seconds_at_beat(beat) * self.sample_rate))
        return -(-s // BlockRenderer.GRAIN) * BlockRenderer.GRAIN


    def beat_at_seconds(self, seconds: float) -> float:
        tm = self._transport.tempo_map
        return tm.beat_at(tm.seconds_at(self.first_beat) + seconds * self.tempo_scale)


def render(song: MidiSong | str | Path, *, sample_rate: int = 44100, tempo_scale: float = 1.0,
           transpose: int = 0, count_in_bars: int = 0, count_in_note: int = COUNT_IN_NOTE,
           start_beat: float = 0.0, end_beat: float | None = None, volume: float = 1.0,
           muted_channels: tuple[int, ...] = (), soundfont: str | Path = DEFAULT_SOUNDFONT,
           tail_seconds: float = 1.5, block: int = 512, gain: float = 0.5, synth: str = "auto") -> Rendered:
    """Render ``song`` from ``start_beat`` to ``end_beat`` (default: its end) plus a release tail.

    ``synth``: the engine (``midi.synth``: auto, fluidsynth, tinysoundfont). Raises MediaError
    for an unreadable file and DeviceError when no engine or no SoundFont can be loaded.
    """
    if not isinstance(song, MidiSong):
        song = load_midi(song)
    engine = make_engine(soundfont, sample_rate, gain, synth)
    try:
        renderer = BlockRenderer(engine)
        renderer.record_onsets = True
        transport = Transport(_RenderClock(renderer), song.tempo_map, tempo_scale)
        sched = Scheduler(song, transport, NullPort(), transpose=transpose, volume=volume,
                          count_in_note=count_in_note, muted_channels=muted_channels,
                          end_beat=end_beat)
        renderer.attach(sched)
        sched.play(start_beat, count_in_bars)
        first = transport.position()
        blocks = []
        while not sched.ended:
            blocks.append(renderer.render(block))
        tail = int(tail_seconds * sample_rate)
        renderer.attach(None)
        if tail > 0:
            blocks.append(engine.render(tail))
        audio = np.concatenate(blocks) if blocks else np.zeros((0, 2), np.int16)
        return Rendered(audio, sample_rate, start_beat, first, tempo_scale,
                        tuple(renderer.event_samples), transport)
    finally:
        engine.close()


def write_wav(path: str | Path, audio: np.ndarray, sample_rate: int = 44100) -> Path:
    """Write int16 stereo ``audio`` as a WAV file."""
    p = Path(path)
    with wave.open(str(p), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(sample_rate)
        w.writeframes(np.ascontiguousarray(audio, dtype="<i2").tobytes())
    return p


def render_wav(song: MidiSong | str | Path, out: str | Path, **kwargs) -> Rendered:
    """:func:`render` and write the result to ``out`` (WAV)."""
    r = render(song, **kwargs)
    write_wav(out, r.audio, r.sample_rate)
    return r
