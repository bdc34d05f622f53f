"""Live devices for the runner: MIDI backing on the configured port or the built-in synth,
audio and video through VLC. Built once by the CLI (the composition root) and handed to the
runner, which calls these between steps on the main thread. Everything here may raise
:class:`~player.core.model.errors.HelsekorError`; the runner turns that into a notice.
"""

from __future__ import annotations

import logging
from typing import Callable

from player.core.time.clock import Clock
from player.core.model.settings import Settings
from player.core.model.data import Step

__all__ = ["LiveBackings", "first_note"]

log = logging.getLogger("helsekor")


def first_note(midi, step: Step, channel: int) -> int | None:
    """The first note the guide melody plays where this step starts singing (the file's note
    number, before transposition), for the pianist to give the singers; None if there is none."""
    plan = step.song.plan(step.verses)
    start = plan[0].start if plan else 0.0
    for e in midi.events:
        m = e.message
        if e.beat >= start - 1e-6 and m.type == "note_on" and m.velocity > 0 and m.channel == channel:
            return m.note
    return None


class LiveBackings:
    """``notify(text)`` takes a device notice for the conductor (the runner's notice board)."""

    def __init__(self, config: Settings, clock: Clock, notify: Callable[[str], None], window_handle=None):
        self.config = config
        self.clock = clock
        self.notify = notify
        self.window_handle = window_handle
        self.midi = config.midi
        self.audio = config.audio
        self._selector = None
        self._vlc = None

    # -- MIDI -----------------------------------------------------------------------
    @property
    def selector(self):
        if self._selector is None:
            from .midi import OutputSelector, SynthOutput

            soundfont, rate = self.midi.soundfont, self.audio.sample_rate
            self._selector = OutputSelector(self.midi.output,
                                            lambda: SynthOutput(soundfont, rate), self.clock)
        return self._selector

    def step_started(self, step: Step) -> None:
        """Send the step's own start cues (a registration on the pianist's keyboard, say)."""
        starts = [c for c in step.cues if c.bar is None]
        if not starts:
            return
        from .midi import cue_messages

        port = self.selector.port
        for cue in starts:
            for msg in cue_messages(cue.send):
                port.send(msg)

    def check(self) -> None:
        """Device notices (a port gone or back). Call about once a second."""
        if self._selector is not None:
            for text in self._selector.check():
                self.notify(text)

    def song(self, step: Step):
        song = step.song
        if step.backing == "midi" and song.midi is not None:
            from .midi import MidiBacking, cue_messages, load_midi, program_messages, timed_cues

            midi = load_midi(song.midi)
            port = self.selector.port
            self.check()
            bars = song.count_in_bars if song.count_in_bars is not None else self.midi.count_in_bars
            # the pianist's keyboard: the song's program and its start cues at every start, bar cues on time
            start = list(program_messages(song.program)) if song.program is not None else []
            start += [msg for c in song.cues if c.bar is None for msg in cue_messages(c.send)]
            timed = timed_cues([(midi.tempo_map.beat_of_bar(c.bar), c.send)
                                for c in song.cues + step.cues if c.bar is not None])
            backing = MidiBacking(midi, port, self.clock, tempo_scale=step.tempo_scale,
                                  transpose=step.transpose, count_in_bars=bars,
                                  count_in_note=self.midi.count_in_note,
                                  volume=self.midi.volume,
                                  send_clock=self.midi.send_clock,
                                  latency_s=self.audio.latency_s,
                                  start_messages=start, cues=timed,
                                  first_note=first_note(midi, step, self.midi.guide_channel - 1))
            return backing, backing.tempo_map
        if step.backing == "audio" and song.audio is not None:
            return self._audio(step)
        return None, None

    # -- VLC ------------------------------------------------------------------------
    @property
    def vlc(self):
        """One VLC engine for the program, made on first use (raises DeviceError without VLC)."""
        if self._vlc is None:
            from .audio import VlcEngine  # lazy: VLC is optional
            self._vlc = VlcEngine(output=self.audio.vlc_output)
        return self._vlc

    def _audio(self, step: Step):
        from .audio import BeatMap, VlcBacking
        from player.core.model.tempomap import TempoMap

        song = step.song
        beats = BeatMap.from_times(song.beat_times) if song.beat_times else BeatMap.constant(song.tempo, song.audio_start)
        backing = VlcBacking(self.vlc, song.audio, beats, clock=self.clock,
                             latency_s=self.audio.latency_s)
        if step.tempo_scale != 1.0:
            backing.set_tempo_scale(step.tempo_scale)
        return backing, TempoMap.constant(song.tempo, song.meter.beats, song.meter.unit)

    def pulse(self, step: Step):
        """A click on every beat through the MIDI output, so the room hears the pulse it sees."""
        from .midi import MidiBacking
        from .midi.click import pulse_song

        ex = step.exercise
        bars = (step.repeats or 8) * (ex.call_bars + ex.response_bars)
        click = pulse_song(ex.tempo or 80, ex.meter.beats, bars, ex.meter.unit)
        return MidiBacking(click, self.selector.port, self.clock, tempo_scale=step.tempo_scale,
                           count_in_bars=ex.count_in_bars,
                           count_in_note=self.midi.count_in_note,
                           volume=self.midi.volume,
                           latency_s=self.audio.latency_s)

    def video(self, step: Step):
        handle = self.window_handle() if callable(self.window_handle) else self.window_handle
        if handle is None:
            return None
        from .audio import VideoPlayer

        return VideoPlayer(handle, engine=self.vlc)

    def close(self) -> None:
        if self._selector is not None:
            self._selector.close()
            self._selector = None
        if self._vlc is not None:
            self._vlc.close()
            self._vlc = None
