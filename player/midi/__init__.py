"""MIDI: file playback, the deadline scheduler, outputs (ports, built-in synth, fakes),
offline render, pianist cues and MIDI control input. Devices live here, never in player.core.

The names below load with their module on first use (PEP 562), so checking a script, which
needs only :mod:`player.midi.song` and :mod:`player.midi.cues`, does not import numpy and the
synth before the show's first frame."""

from importlib import import_module

_WHERE = {
    "backing": ("MidiBacking",),
    "control": ("MidiControl", "PedalMap", "pedal_map_problems"),
    "cues": ("cue_messages", "cue_problems", "program_messages", "timed_cues"),
    "lyrics": ("KarLine", "KarSyllable", "decode_text", "midi_lyrics"),
    "offline": ("Rendered", "render", "render_wav", "write_wav"),
    "ports": ("BaseOutput", "MidoOutput", "NullPort", "OutputPort", "OutputSelector", "RecordingPort",
              "open_port", "output_names", "silence_messages"),
    "deadline": ("DeadlineThread",),
    "scheduler": ("Scheduler",),
    "song": ("MidiSong", "TimedMessage", "load_midi", "song_from_midifile"),
    "synth": ("DEFAULT_SOUNDFONT", "FluidSynthEngine", "SynthOutput"),
}
_MODULE_OF = {name: module for module, names in _WHERE.items() for name in names}

__all__ = [name for names in _WHERE.values() for name in names]


def __getattr__(name: str):
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'player.midi' has no attribute {name!r}")
    value = getattr(import_module(f"player.midi.{module}"), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
