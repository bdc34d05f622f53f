"""MIDI backing for a song step: implements :class:`player.core.time.backing.Backing`.

Plays a MIDI file to an output (a real port, the built-in synth or a fake) from one
:class:`~player.core.time.transport.Transport`. Positions are beats from bar 1 (negative while
counting in from bar 1). With the built-in synth the transport runs on the synth's sample
clock and the audio callback places events; with a port a :class:`DeadlineThread` sends them.
All methods are for the main thread.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Sequence

import mido

from player.core.model.settings import COUNT_IN_NOTE
from player.core.time.backing import Abilities, BackingEvent
from player.core.time.clock import Clock, MonotonicClock
from player.core.time.transport import Transport
from player.midi.ports import OutputPort
from player.midi.deadline import DeadlineThread
from player.midi.scheduler import Scheduler
from player.midi.song import MidiSong, TimedMessage, load_midi

__all__ = ["MidiBacking"]


class MidiBacking:
    def __init__(self, song: MidiSong | str | Path, output: OutputPort, clock: Clock | None = None, *,
                 tempo_scale: float = 1.0, transpose: int = 0, count_in_bars: int = 1,
                 count_in_note: int = COUNT_IN_NOTE, volume: float = 0.8, send_clock: bool = False,
                 latency_s: float = 0.0, start_messages: Sequence[mido.Message] = (),
                 cues: Sequence[TimedMessage] = (), muted_channels: Iterable[int] = (),
                 threaded: bool = True, first_note: int | None = None):
        """
        ``song``: a path or a loaded :class:`MidiSong`. ``output``: any :class:`OutputPort`;
        one with ``attach`` and ``clock`` (the built-in synth) drives itself and its clock
        replaces ``clock``. ``clock`` defaults to a monotonic clock. ``count_in_bars``: 0–2;
        ``count_in_note``: drum note. ``volume``: 0–1 (velocity scale). ``latency_s``: how much
        later the room hears the output (position() subtracts it). ``start_messages``: sent at
        every start (program/bank changes for the pianist's keyboard). ``cues``: messages at
        beats (see :mod:`player.midi.cues`). ``muted_channels``: 0-based. ``threaded=False``
        leaves sending to :meth:`pump` (tests with a manual clock). ``first_note``: the guide
        melody's first note where the step starts singing (for the pianist), when known.
        """
        self.abilities = Abilities(transpose=True, guide=True, first_note=first_note)
        self.song = song if isinstance(song, MidiSong) else load_midi(song)
        self.output = output
        self._pull = output.pulls          # declared by the output (OutputPort.pulls)
        self.clock: Clock = output.clock if self._pull else (clock or MonotonicClock())
        self.transport = Transport(self.clock, self.song.tempo_map, tempo_scale)
        self.count_in_bars = int(count_in_bars)
        self.latency_s = float(latency_s)
        self.start_messages = tuple(start_messages)
        self.scheduler = Scheduler(self.song, self.transport, output, transpose=transpose,
                                   volume=volume, count_in_note=count_in_note, send_clock=send_clock,
                                   cues=cues, muted_channels=muted_channels)
        self._thread: DeadlineThread | None = None
        if self._pull:
            output.attach(self.scheduler)
        elif threaded:
            self._thread = DeadlineThread(self.scheduler, self.clock)
        self._end_reported = False
        self._errors_seen = 0
        self._closed = False

    # ----------------------------------------------------------------- Backing
    def start(self, at_beat: float = 0.0, count_in: bool = True) -> None:
        for m in self.start_messages:
            self.output.send(m)
        self._end_reported = False
        self.scheduler.play(at_beat, self.count_in_bars if count_in else 0)

    def pause(self) -> None:
        self.scheduler.pause()

    def resume(self) -> None:
        self.scheduler.resume()

    def seek(self, beat: float) -> None:
        self._end_reported = False
        self.scheduler.seek(beat)

    def stop(self, fade: bool = True) -> None:
        """Stop now (notes off, sustain off). ``fade`` is accepted for the protocol; the
        release of the sounding notes is the only fade."""
        self.scheduler.stop()

    def panic(self) -> None:
        self.scheduler.panic()

    def set_tempo_scale(self, scale: float) -> None:
        self.transport.set_tempo_scale(max(0.25, min(2.0, float(scale))))

    def position(self) -> float:
        """Beats heard now: the transport's position ``latency_s`` ago (scaled seconds)."""
        return self.transport.position(self.clock.now() - self.latency_s)

    def poll(self) -> list[BackingEvent]:
        out: list[BackingEvent] = []
        errors = self.scheduler.errors
        while self._errors_seen < len(errors):
            out.append(BackingEvent("error", errors[self._errors_seen]))
            self._errors_seen += 1
        synth_error = getattr(self.output, "error", "")
        if synth_error:
            out.append(BackingEvent("error", f"Synthen: {synth_error}"))
            self.output.error = ""
        if self.scheduler.ended and not self._end_reported:
            self._end_reported = True
            out.append(BackingEvent("end"))
        return out

    def close(self) -> None:
        """Idempotent: stops, silences and detaches; the output stays open (it is shared)."""
        if self._closed:
            return
        self._closed = True
        if self._thread is not None:
            self._thread.close()
        self.scheduler.stop()
        if self._pull:
            self.output.attach(None)

    # ----------------------------------------------------------------- extras
    @property
    def tempo_map(self):
        return self.song.tempo_map

    def bar_beat(self) -> tuple[int, float]:
        return self.tempo_map.bar_beat(self.position())

    def set_transpose(self, semitones: int) -> None:
        self.scheduler.set_transpose(semitones)

    def set_volume(self, volume: float) -> None:
        self.scheduler.set_volume(volume)

    def mute_channel(self, channel: int, muted: bool = True) -> None:
        """``channel`` 0-based (config's guide_channel 1 is channel 0)."""
        self.scheduler.mute_channel(channel, muted)

    def mute_track(self, track: int, muted: bool = True) -> None:
        self.scheduler.mute_track(track, muted)

    def send_now(self, messages: Iterable[mido.Message]) -> None:
        """Send cue messages at once (e.g. a step's cues at its start)."""
        for m in messages:
            self.output.send(m)

    def next_deadline(self) -> float | None:
        """Clock time of the next message (tests drive a manual clock with it)."""
        return self.scheduler.next_deadline()

    def pump(self) -> int:
        """Send what is due now (only needed with ``threaded=False``)."""
        return self.scheduler.pump(self.clock.now())

    def __enter__(self) -> "MidiBacking":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


