"""The built-in General MIDI synth: FluidSynth or TinySoundFont (:mod:`player.midi.engines`) with a SoundFont.

Events land on exact samples: :class:`BlockRenderer` renders audio *between* events, asking its
source (a :class:`~player.midi.scheduler.Scheduler`, attached with :meth:`BlockRenderer.attach`,
which makes it a pulled scheduler) for what is due in each block. The same renderer runs inside
an SDL audio callback for live play (:class:`SynthOutput`, through
:class:`~player.midi.sdlaudio.SdlAudioOut`) and in a plain loop for offline rendering
(:mod:`player.midi.offline`), so both put every event on the same sample. For a song on the
synth, the samples played are the song's clock (:class:`SampleClock`).

Threading model. SDL's audio thread calls :meth:`BlockRenderer.render` (it alone touches the
synth engine while the device is open). The main thread calls ``send``/``reset``/
``panic``/``close``: sends go on a deque that the next block applies first; ``panic`` sets a
flag that the next block obeys (all sound off and its output zeroed, see
:meth:`BlockRenderer.hush`). ``close`` closes the SDL device (the audio thread has ended when
that returns, and SDL waits with the GIL released) and only then deletes the engine. No lock is
held across any SDL call; the callback takes only the scheduler's short state lock.
"""

from __future__ import annotations

import collections
import threading
import time
from pathlib import Path

import mido
import numpy as np

from player.core.model.errors import DeviceError
from player.midi.engines import FluidSynthEngine, load_fluidsynth, make_engine
from player.midi.ports import BaseOutput
from player.midi.sdlaudio import SdlAudioOut

__all__ = ["FluidSynthEngine", "BlockRenderer", "SampleClock", "SynthOutput", "DEFAULT_SOUNDFONT",
           "load_fluidsynth"]

DEFAULT_SOUNDFONT = ""     # midi.soundfont empty: the SoundFont Helsekor ships (player.midi.soundfont)


class BlockRenderer:
    """Renders blocks with every due event at its exact sample. ``samples_done`` counts output."""

    #: FluidSynth computes audio in blocks of 64 samples and starts a voice only at a block
    #: boundary; events are therefore placed on the next multiple of 64 (≤ 1.45 ms at 44.1 kHz),
    #: the same way live and offline, so the sample they are applied on is where they sound.
    GRAIN = 64
    #: after :meth:`hush`, output stays zero this long (the reverb's tail) or until a new note
    HUSH_S = 2.0

    def __init__(self, engine):
        """``engine``: a :class:`~player.midi.engines.SynthEngine` (FluidSynth or TinySoundFont)."""
        self.engine = engine
        self.sample_rate = engine.sample_rate
        self.samples_done = 0
        self.source = None                     # has pop_due(until_clock_time) -> [(t, msg)]
        self._pushed: collections.deque = collections.deque()
        self._hush = False
        self._gate_until = 0                   # output before this sample is zeroed
        self.event_samples: list[int] = []     # sample index of every note_on rendered (for checks)
        self.record_onsets = False

    def attach(self, source) -> None:
        """Take events from ``source.pop_due`` (None detaches). A scheduler becomes a pulled
        one: what its control calls emit comes through ``pop_due`` too, in order. The source
        let go of hands over what it still had queued (its all-notes-off), played next block."""
        old = self.source
        if old is source:
            return
        if old is not None:
            self.source = None
            for msg in old.unpull():
                self.push(msg)
        if source is not None:
            source.pulled = True
        self.source = source

    def sample_of(self, t: float) -> int:
        """The sample at which an event at clock time ``t`` (seconds) is applied."""
        s = int(round(t * self.sample_rate))
        return -(-s // self.GRAIN) * self.GRAIN

    def push(self, msg: mido.Message) -> None:
        self._pushed.append(msg)

    def hush(self) -> None:
        """Any thread: the next block starts with every voice off and is silent, as is what
        follows until a new note-on (or ``HUSH_S``): the reverb's tail is not heard either."""
        self._hush = True

    def _apply(self, msg: mido.Message, s: int) -> None:
        self.engine.apply(msg)
        if msg.type == "note_on" and msg.velocity > 0:
            self._gate_until = min(self._gate_until, s)
            if self.record_onsets:
                self.event_samples.append(s)

    def _render(self, start: int, frames: int) -> np.ndarray:
        out = self.engine.render(frames)
        if self._gate_until > start:
            out = np.zeros_like(out) if self._gate_until >= start + frames else np.concatenate(
                [np.zeros((self._gate_until - start, 2), out.dtype), out[self._gate_until - start:]])
        return out

    def render(self, frames: int) -> np.ndarray:
        s0 = self.samples_done
        s1 = s0 + frames
        if self._hush:
            self._hush = False
            self.engine.sounds_off()
            self._gate_until = s0 + int(self.HUSH_S * self.sample_rate)
        while self._pushed:
            self._apply(self._pushed.popleft(), s0)
        source = self.source
        due = source.pop_due(s1 / self.sample_rate) if source is not None else []
        parts = []
        pos = s0
        for t, msg in due:
            s = min(max(self.sample_of(t), pos), s1)
            if s > pos:
                parts.append(self._render(pos, s - pos))
                pos = s
            self._apply(msg, s)
        if pos < s1:
            parts.append(self._render(pos, s1 - pos))
        self.samples_done = s1
        return parts[0] if len(parts) == 1 else np.concatenate(parts)


class SampleClock:
    """Seconds of audio heard: samples rendered minus one block, smoothed between callbacks
    with the wall clock (never more than a block ahead, never backwards). Thread-safe."""

    def __init__(self, renderer: BlockRenderer, block: int, wall=time.perf_counter):
        self._r = renderer
        self._block_s = block / renderer.sample_rate
        self._wall = wall
        self._lock = threading.Lock()
        self._base = 0.0
        self._base_wall = wall()
        self._last = 0.0

    def rendered(self, samples_done: int) -> None:
        """Called by the audio callback after each block."""
        with self._lock:
            self._base = samples_done / self._r.sample_rate - self._block_s
            self._base_wall = self._wall()

    def now(self) -> float:
        with self._lock:
            t = self._base + min(self._wall() - self._base_wall, self._block_s)
            self._last = max(self._last, t)
            return self._last


class SynthOutput(BaseOutput):
    """The built-in synth as an output port, playing to the default audio device via SDL.

    Works with ``SDL_AUDIODRIVER=dummy`` or ``disk`` where there is no sound card. A backing
    attaches its scheduler with :meth:`attach`; its clock must then be :attr:`clock`.
    Plays from when it is made; :meth:`stop` pauses the device and :meth:`start` resumes it.
    """

    name = "innebygd synth"
    pulls = True           # it renders the attached scheduler's messages on exact samples

    def __init__(self, soundfont: str | Path = DEFAULT_SOUNDFONT, sample_rate: int = 44100,
                 block: int = 512, gain: float = 0.5, device_name: str | None = None,
                 engine=None, engine_choice: str = "auto"):
        """``engine``: one made ahead (its SoundFont loaded off the frame loop); else made here,
        ``engine_choice`` saying which (``midi.synth``, see :func:`~player.midi.engines.make_engine`)."""
        super().__init__()
        self.engine = engine if engine is not None else make_engine(soundfont, sample_rate, gain, engine_choice)
        self.renderer = BlockRenderer(self.engine)
        self.clock = SampleClock(self.renderer, block)
        self.error = ""
        try:
            self._device = SdlAudioOut(self._fill, sample_rate, 2, block, device_name)
        except DeviceError as err:
            self.engine.close()
            raise DeviceError(f"ingen lydenhet for den innebygde synthen ({err}); sjekk lydinnstillingene "
                              "eller sett SDL_AUDIODRIVER") from err
        self._device.start()

    def _fill(self, n_bytes: int) -> bytes:
        """SDL's audio thread."""
        try:
            data = self.renderer.render(n_bytes // 4).tobytes()
        except Exception as err:   # never raise into SDL's thread; play silence and report
            self.error = str(err)
            data = bytes(n_bytes)
        self.clock.rendered(self.renderer.samples_done)
        return data

    @property
    def blocks(self) -> int:
        """Blocks the audio callback has filled so far."""
        return self._device.callbacks

    def attach(self, source) -> None:
        """Let ``source.pop_due`` place events in the audio (None detaches)."""
        self.renderer.attach(source)

    def start(self) -> None:
        self._device.start()

    def stop(self) -> None:
        """Pause the sound (the callback has stopped when this returns)."""
        self._device.stop()

    def _send(self, msg: mido.Message) -> None:
        self.renderer.push(msg)

    def panic(self) -> None:
        super().panic()
        self.renderer.hush()

    def _close(self) -> None:
        self.renderer.source = None
        self._device.close()
        self.engine.close()
