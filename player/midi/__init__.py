"""MIDI: file playback, the deadline scheduler, outputs (ports, built-in synth, fakes),
offline render, pianist cues and MIDI control input. Devices live here, never in player.core."""

from player.midi.backing import MidiBacking
from player.midi.control import MidiControl, PedalMap, pedal_map_problems
from player.midi.cues import cue_messages, cue_problems, program_messages, timed_cues
from player.midi.lyrics import KarLine, KarSyllable, decode_text, midi_lyrics
from player.midi.offline import Rendered, render, render_wav, write_wav
from player.midi.ports import (BaseOutput, MidoOutput, NullPort, OutputPort, OutputSelector, RecordingPort,
                               open_port, output_names, silence_messages)
from player.midi.deadline import DeadlineThread
from player.midi.scheduler import Scheduler
from player.midi.song import MidiSong, TimedMessage, load_midi, song_from_midifile
from player.midi.synth import DEFAULT_SOUNDFONT, FluidSynthEngine, SynthOutput

__all__ = [
    "MidiBacking", "MidiControl", "PedalMap", "pedal_map_problems", "cue_messages", "cue_problems",
    "program_messages", "timed_cues", "KarLine", "KarSyllable", "decode_text", "midi_lyrics",
    "Rendered", "render", "render_wav", "write_wav", "BaseOutput", "MidoOutput", "NullPort", "OutputPort",
    "OutputSelector", "RecordingPort", "open_port", "output_names", "silence_messages",
    "DeadlineThread", "Scheduler", "MidiSong", "TimedMessage", "load_midi", "song_from_midifile",
    "DEFAULT_SOUNDFONT", "FluidSynthEngine", "SynthOutput",
]
