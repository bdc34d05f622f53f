"""Which synth engine renders the built-in synth: FluidSynth where its library is, else
TinySoundFont, whose wheel carries its own compiled code (no system package).

Both implement the same small engine protocol (:class:`SynthEngine`): apply a mido message,
stop every sound, render int16 stereo blocks, close. :class:`~player.midi.synth.BlockRenderer`
drives either one the same way, live (SDL's audio thread) and offline.

Why these two (measured by ``bench/bench_synth.py``, see docs/DESIGN.md): FluidSynth is the
reference (Debian's ``libfluidsynth3``; on Windows and macOS it is a separate install);
TinySoundFont 0.3.7 installs as a 0.5 MB wheel for Windows, macOS and Linux, reads the same
SoundFonts (sf2/sf3), renders sample-accurately and fast enough for live use. Its package
declares PyAudio as a dependency, but Helsekor never uses PyAudio (SDL plays the blocks); PyAudio
has wheels only for Windows, so Helsekor depends on TinySoundFont on Windows, and elsewhere
it is installed with ``--no-deps`` when wanted (:func:`install_hint` says how).

Threading: an engine is made on any thread (the preparation worker loads the SoundFont there);
after that only one thread at a time calls it (the audio thread while the device is open).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Protocol

import mido
import numpy as np

from player.core.model.errors import DeviceError
from player.core.model.messages import tr
from player.midi.soundfont import find_soundfont

__all__ = ["SynthEngine", "SynthMissing", "FluidSynthEngine", "TinySoundFontEngine", "make_engine", "ENGINES",
           "install_hint", "load_fluidsynth", "load_tinysoundfont"]

#: the ``midi.synth`` choices
ENGINES = ("auto", "fluidsynth", "tinysoundfont")


class SynthEngine(Protocol):
    """What :class:`~player.midi.synth.BlockRenderer` needs of an engine."""

    name: str
    sample_rate: int

    def apply(self, msg: mido.Message) -> None: ...
    def sounds_off(self) -> None: ...
    def render(self, frames: int) -> np.ndarray: ...
    def close(self) -> None: ...


class SynthMissing(DeviceError):
    """The engine's library cannot be loaded here (as opposed to a bad SoundFont)."""


def install_hint(platform: str = sys.platform) -> str:
    """What to install for the built-in synth on ``platform`` (``sys.platform`` values)."""
    if platform == "win32":
        return tr("install Helsekor again (pip install --force-reinstall helsekor) so that TinySoundFont comes with it")
    if platform == "darwin":
        return tr("install FluidSynth (brew install fluid-synth) or TinySoundFont "
                  "(pipx inject helsekor tinysoundfont --pip-args=--no-deps, or pip install --no-deps tinysoundfont)")
    return tr("install FluidSynth (Debian/Ubuntu: sudo apt install libfluidsynth3) or TinySoundFont "
              "(pip install --no-deps tinysoundfont)")


def load_tinysoundfont():
    """Import TinySoundFont lazily; :class:`SynthMissing` saying what to install."""
    try:
        import tinysoundfont  # noqa: PLC0415  (lazy: optional, and only the synth needs it)
    except (ImportError, OSError) as err:
        raise SynthMissing(tr("TinySoundFont is missing: {hint} ({err})", hint=install_hint(), err=err)) from err
    return tinysoundfont


def load_fluidsynth():
    """Import pyfluidsynth lazily; say what to install when it or libfluidsynth is missing."""
    try:
        import fluidsynth  # noqa: PLC0415
    except (ImportError, OSError) as err:
        raise SynthMissing(tr("FluidSynth is missing: {hint} ({err})", hint=install_hint(), err=err)) from err
    if not hasattr(fluidsynth, "Synth"):
        raise SynthMissing(tr("the module 'fluidsynth' is not pyfluidsynth: pip install pyfluidsynth"))
    return fluidsynth


class FluidSynthEngine:
    """A FluidSynth instance with a SoundFont; applies mido messages; renders int16 stereo."""

    name = "FluidSynth"

    def __init__(self, soundfont: str | Path = "", sample_rate: int = 44100, gain: float = 0.5):
        fs = load_fluidsynth()
        path = find_soundfont(soundfont)
        self.sample_rate = int(sample_rate)
        self._synth = fs.Synth(gain=gain, samplerate=float(sample_rate))
        self._synth.setting("synth.chorus.active", 0)
        sfid = self._synth.sfload(str(path))
        if sfid < 0:
            self._synth.delete()
            raise DeviceError(tr("SoundFont {path} cannot be read by FluidSynth: choose another in midi.soundfont", path=path))
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

    def sounds_off(self) -> None:
        """Every voice on every channel stops now (no release)."""
        for ch in range(16):
            self._synth.all_sounds_off(ch)

    def render(self, frames: int) -> np.ndarray:
        """The next ``frames`` samples as int16, shape (frames, 2)."""
        if frames <= 0:
            return np.zeros((0, 2), dtype=np.int16)
        return self._synth.get_samples(frames).reshape(-1, 2)

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._synth.delete()


class TinySoundFontEngine:
    """TinySoundFont with a SoundFont; applies mido messages; renders int16 stereo.

    ``gain`` is linear like FluidSynth's; TinySoundFont's own gain is in dB and its output is
    float, so ``gain`` becomes dB plus :attr:`LEVEL_DB`, which makes the two engines about as
    loud (measured on the shipped SoundFont with «Deilig er jorden»: TinySoundFont at 0 dB had
    2.09× FluidSynth's RMS at ``gain`` 0.5, i.e. +6.4 dB)."""

    name = "TinySoundFont"
    #: dB added to 20·log10(gain), measured so that a chord has about FluidSynth's RMS
    LEVEL_DB = -6.4

    def __init__(self, soundfont: str | Path, sample_rate: int = 44100, gain: float = 0.5):
        tsf = load_tinysoundfont()
        path = find_soundfont(soundfont)
        self.sample_rate = int(sample_rate)
        level = 20.0 * float(np.log10(max(gain, 1e-4))) + self.LEVEL_DB
        self._synth = tsf.Synth(gain=level, samplerate=self.sample_rate)
        self._refusals = (RuntimeError, tsf.SoundFontException)
        try:
            self._sfid = self._synth.sfload(str(path))
        except (OSError, RuntimeError, ValueError) as err:
            raise DeviceError(tr("SoundFont {path} cannot be read by TinySoundFont: choose another in midi.soundfont ({err})",
                                 path=path, err=err)) from err
        for ch in range(16):
            try:
                self._synth.program_select(ch, self._sfid, 0, 0, is_drums=ch == 9)
            except self._refusals:        # a SoundFont without drums (or preset 0): that channel is silent
                pass
        self._closed = False

    def apply(self, msg: mido.Message) -> None:
        s, t = self._synth, msg.type
        try:
            if t == "note_on":
                if msg.velocity > 0:
                    s.noteon(msg.channel, msg.note, msg.velocity)
                else:
                    s.noteoff(msg.channel, msg.note)
            elif t == "note_off":
                s.noteoff(msg.channel, msg.note)
            elif t == "control_change":
                s.control_change(msg.channel, msg.control, msg.value)
            elif t == "program_change":
                s.program_change(msg.channel, msg.program, is_drums=msg.channel == 9)
            elif t == "pitchwheel":
                s.pitchbend(msg.channel, msg.pitch + 8192)
        except self._refusals:          # a preset the SoundFont lacks, a channel with no preset
            pass
        # aftertouch, sysex and realtime messages have no effect on the built-in synth

    def sounds_off(self) -> None:
        for ch in range(16):
            try:
                self._synth.sounds_off(ch)
            except self._refusals:      # a channel no preset could be set on
                pass

    def render(self, frames: int) -> np.ndarray:
        if frames <= 0:
            return np.zeros((0, 2), dtype=np.int16)
        floats = np.frombuffer(self._synth.generate(frames), dtype=np.float32).reshape(-1, 2)
        return (np.clip(floats, -1.0, 1.0) * 32767.0).astype(np.int16)

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._synth = None


def make_engine(soundfont: str | Path, sample_rate: int = 44100, gain: float = 0.5,
                choice: str = "auto") -> SynthEngine:
    """The engine ``choice`` names (:data:`ENGINES`); ``auto``: FluidSynth, else TinySoundFont.
    :class:`SynthMissing` when no engine can be loaded, saying what to install on this system;
    a bad SoundFont is a plain :class:`DeviceError` from the engine that tried it."""
    if choice not in ENGINES:
        raise DeviceError(tr("midi.synth: {choice} is not known (allowed: {allowed})", choice=repr(choice),
                             allowed=", ".join(ENGINES)))
    if choice == "tinysoundfont":
        return TinySoundFontEngine(soundfont, sample_rate, gain)
    try:
        return FluidSynthEngine(soundfont, sample_rate, gain)
    except SynthMissing as fluid_missing:
        if choice == "fluidsynth":
            raise
        try:
            return TinySoundFontEngine(soundfont, sample_rate, gain)
        except SynthMissing as err:
            raise SynthMissing(tr("the built-in synth needs FluidSynth or TinySoundFont: {hint} ({fluid}; {tiny})",
                                  hint=install_hint(), fluid=fluid_missing, tiny=err)) from err
