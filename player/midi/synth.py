"""The built-in General MIDI synth: FluidSynth (pyfluidsynth) with a SoundFont.

Events land on exact samples: :class:`BlockRenderer` renders audio *between* events, asking its
source (a :class:`~player.midi.scheduler.Scheduler`) for what is due in each block. The same
renderer runs inside an SDL audio callback for live play (:class:`SynthOutput`) and in a plain
loop for offline rendering (:mod:`player.midi.offline`), so both put every event on the same
sample. For a song on the synth, the samples played are the song's clock (:class:`SampleClock`).

Threads: the SDL audio thread calls :meth:`BlockRenderer.render`; the main thread calls
``send``/``reset``/``close`` (pushed messages apply at the start of the next block).
"""

from __future__ import annotations

import collections
import threading
import time
from pathlib import Path

import mido
import numpy as np

from player.core.model.errors import DeviceError
from player.midi.ports import silence_messages

__all__ = ["FluidSynthEngine", "BlockRenderer", "SampleClock", "SynthOutput", "DEFAULT_SOUNDFONT",
           "load_fluidsynth"]

DEFAULT_SOUNDFONT = "/usr/share/sounds/sf2/TimGM6mb.sf2"


def load_fluidsynth():
    """Import pyfluidsynth lazily; say what to install when it or libfluidsynth is missing."""
    try:
        import fluidsynth  # noqa: PLC0415
    except (ImportError, OSError) as err:
        raise DeviceError("den innebygde synthen trenger FluidSynth: installer Debian-pakken "
                          f"libfluidsynth3 (sudo apt install libfluidsynth3) og pyfluidsynth ({err})") from err
    if not hasattr(fluidsynth, "Synth"):
        raise DeviceError("modulen 'fluidsynth' er ikke pyfluidsynth: pip install pyfluidsynth")
    return fluidsynth


class FluidSynthEngine:
    """A FluidSynth instance with a SoundFont; applies mido messages; renders int16 stereo."""

    def __init__(self, soundfont: str | Path = DEFAULT_SOUNDFONT, sample_rate: int = 44100, gain: float = 0.5):
        fs = load_fluidsynth()
        path = Path(soundfont).expanduser()
        if not path.is_file():
            raise DeviceError(f"SoundFont {path} finnes ikke: installer timgm6mb-soundfont eller sett midi.soundfont i config.yaml")
        self.sample_rate = int(sample_rate)
        self._synth = fs.Synth(gain=gain, samplerate=float(sample_rate))
        self._synth.setting("synth.chorus.active", 0)
        sfid = self._synth.sfload(str(path))
        if sfid < 0:
            self._synth.delete()
            raise DeviceError(f"SoundFont {path} kan ikke leses av FluidSynth: velg en annen i midi.soundfont")
        self._sfid = sfid
        for ch in range(16):
            self._synth.program_select(ch, sfid, 128 if ch == 9 else 0, 0)
        self._closed = False

    def apply(self, msg: mido.Message) -> None:
        s, t = self._synth, msg.type
        if t == "note_on":
            if msg.velocity > 0:
                s.noteon(msg.channel, msg.note, msg.velocity)
            else:
                s.noteoff(msg.channel, msg.note)
        elif t == "note_off":
            s.noteoff(msg.channel, msg.note)
        elif t == "control_change":
            s.cc(msg.channel, msg.control, msg.value)
        elif t == "program_change":
            s.program_change(msg.channel, msg.program)
        elif t == "pitchwheel":
            s.pitch_bend(msg.channel, msg.pitch)
        # aftertouch, sysex and realtime messages have no effect on the built-in synth

    def render(self, frames: int) -> np.ndarray:
        """The next ``frames`` samples as int16, shape (frames, 2)."""
        if frames <= 0:
            return np.zeros((0, 2), dtype=np.int16)
        return self._synth.get_samples(frames).reshape(-1, 2)

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._synth.delete()


class BlockRenderer:
    """Renders blocks with every due event at its exact sample. ``samples_done`` counts output."""

    def __init__(self, engine: FluidSynthEngine):
        self.engine = engine
        self.sample_rate = engine.sample_rate
        self.samples_done = 0
        self.source = None                     # has pop_due(until_clock_time) -> [(t, msg)]
        self._pushed: collections.deque = collections.deque()
        self.event_samples: list[int] = []     # sample index of every note_on rendered (for checks)
        self.record_onsets = False

    #: FluidSynth computes audio in blocks of 64 samples and starts a voice only at a block
    #: boundary; events are therefore placed on the next multiple of 64 (≤ 1.45 ms at 44.1 kHz),
    #: the same way live and offline, so the sample they are applied on is where they sound.
    GRAIN = 64

    def sample_of(self, t: float) -> int:
        """The sample at which an event at clock time ``t`` (seconds) is applied."""
        s = int(round(t * self.sample_rate))
        return -(-s // self.GRAIN) * self.GRAIN

    def push(self, msg: mido.Message) -> None:
        self._pushed.append(msg)

    def render(self, frames: int) -> np.ndarray:
        s0 = self.samples_done
        s1 = s0 + frames
        while self._pushed:
            self.engine.apply(self._pushed.popleft())
        due = self.source.pop_due(s1 / self.sample_rate) if self.source is not None else []
        parts = []
        pos = s0
        for t, msg in due:
            s = min(max(self.sample_of(t), pos), s1)
            if s > pos:
                parts.append(self.engine.render(s - pos))
                pos = s
            self.engine.apply(msg)
            if self.record_onsets and msg.type == "note_on" and msg.velocity > 0:
                self.event_samples.append(s)
        if pos < s1:
            parts.append(self.engine.render(s1 - pos))
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


class SynthOutput:
    """The built-in synth as an output port, playing to the default audio device via SDL.

    Works with ``SDL_AUDIODRIVER=dummy`` or ``disk`` where there is no sound card. A backing
    attaches its scheduler with :meth:`attach`; its clock must then be :attr:`clock`.
    """

    def __init__(self, soundfont: str | Path = DEFAULT_SOUNDFONT, sample_rate: int = 44100,
                 block: int = 512, gain: float = 0.5, device_name: str | None = None):
        self.name = "innebygd synth"
        self.engine = FluidSynthEngine(soundfont, sample_rate, gain)
        self.renderer = BlockRenderer(self.engine)
        self.clock = SampleClock(self.renderer, block)
        self.error = ""
        self._closed = False
        try:
            from pygame._sdl2 import audio as sdl_audio, sdl2  # noqa: PLC0415

            sdl2.init_subsystem(sdl2.INIT_AUDIO)
            self._device = sdl_audio.AudioDevice(
                devicename=device_name, iscapture=False, frequency=sample_rate,
                audioformat=sdl_audio.AUDIO_S16, numchannels=2, chunksize=block,
                allowed_changes=0, callback=self._callback)
        except Exception as err:   # pygame.error has no stable import path; translate all
            self.engine.close()
            raise DeviceError(f"ingen lydenhet for den innebygde synthen ({err}); sjekk lydinnstillingene "
                              "eller sett SDL_AUDIODRIVER") from err
        self._device.pause(0)

    def _callback(self, _device, stream) -> None:
        try:
            frames = len(stream) // 4
            data = self.renderer.render(frames)
            stream[:] = data.tobytes()
        except Exception as err:   # never raise into SDL's thread; play silence and report
            self.error = str(err)
            stream[:] = bytes(len(stream))
        self.clock.rendered(self.renderer.samples_done)

    def attach(self, source) -> None:
        """Let ``source.pop_due`` place events in the audio (None detaches)."""
        self.renderer.source = source

    def send(self, msg: mido.Message) -> None:
        self.renderer.push(msg)

    def reset(self) -> None:
        for m in silence_messages():
            self.send(m)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.renderer.source = None
        self._device.close()
        self.engine.close()
