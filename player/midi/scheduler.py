"""The deadline scheduler: a song's events as messages at absolute clock times.

Every message's clock time is computed from its beat through the one
:class:`~player.core.time.transport.Transport` (no accumulated sleeps, so nothing drifts). Two
drivers take messages from it:

- :class:`DeadlineThread` (real MIDI ports): its own thread waits until shortly before the next
  deadline, spins the last ``spin_s`` seconds and sends (``pump``);
- the built-in synth's audio callback (and the offline renderer) asks for everything due in
  the next block (``pop_due``) and renders it at the exact sample.

On top of the file's events it adds count-in clicks (drum channel), MIDI Clock (24 per quarter
note, Start/Continue/Stop, Song Position Pointer) and cue messages, and it applies transpose
(never the drum channel), mutes (channel or track) and master volume (velocity scale).
Control methods are for the main thread; ``pop_due``/``pump`` for the driver thread. One lock.
"""

from __future__ import annotations

import math
import os
import threading
from bisect import bisect_left
from typing import Iterable, Sequence

import mido

from player.core.model.settings import COUNT_IN_NOTE
from player.core.time.clock import Clock
from player.core.time.transport import Transport
from player.midi.ports import OutputPort, silence_messages
from player.midi.song import MidiSong, TimedMessage

__all__ = ["Scheduler", "DeadlineThread", "DRUM_CHANNEL", "count_in_clicks"]

DRUM_CHANNEL = 9            # channel 10 in 1-based numbering
PPQN = 24                   # MIDI Clock pulses per quarter note
_CHASE_SKIP = {64, 120, 121, 123}   # controllers not restored on seek


def count_in_clicks(start_beat: float, bars: int, beats_per_bar: float, denominator: int,
                    note: int = COUNT_IN_NOTE) -> list[TimedMessage]:
    """Clicks on the drum channel for ``bars`` bars ending at ``start_beat``; the downbeat is
    louder. Compound meters (6/8, 9/8, 12/8) click on dotted quarters."""
    if bars <= 0:
        return []
    step = 4.0 / denominator
    if denominator == 8 and round(beats_per_bar * 2) % 3 == 0 and beats_per_bar > 1.5:
        step = 1.5
    total = bars * beats_per_bar
    n = int(round(total / step))
    out = []
    for k in range(n):
        beat = start_beat - total + k * step
        in_bar = (k * step) % beats_per_bar
        vel = 110 if in_bar < 1e-6 else 75
        out.append(TimedMessage(beat, -1, mido.Message("note_on", channel=DRUM_CHANNEL, note=note, velocity=vel)))
        out.append(TimedMessage(beat + step / 2, -1, mido.Message("note_off", channel=DRUM_CHANNEL, note=note, velocity=0)))
    return out


class Scheduler:
    def __init__(self, song: MidiSong, transport: Transport, port: OutputPort, *,
                 transpose: int = 0, volume: float = 1.0, count_in_note: int = COUNT_IN_NOTE,
                 send_clock: bool = False, cues: Sequence[TimedMessage] = (),
                 muted_channels: Iterable[int] = (), end_beat: float | None = None):
        self.song = song
        self.transport = transport
        self.port = port
        self.transpose = int(transpose)
        self.volume = float(volume)
        self.count_in_note = count_in_note
        self.send_clock = send_clock
        self.end_beat = song.length_beats if end_beat is None else float(end_beat)
        events = sorted(list(song.events) + list(cues), key=lambda e: e.beat)
        self._events = events
        self._beats = [e.beat for e in events]
        self.muted_channels: set[int] = set(muted_channels)
        self.muted_tracks: set[int] = set()
        self._lock = threading.RLock()
        self._i = 0
        self._count_in: list[TimedMessage] = []
        self._ci = 0
        self._pulse = 0                   # index of the next clock pulse (beat = pulse / 24)
        self._start_beat: float | None = None   # where Start/Continue is due, once
        self._held: dict[tuple[int, int], tuple[int, int]] = {}   # (ch, note in) -> (note out, track)
        self.ended = False
        self.errors: list[str] = []

    # ================================================================= main-thread control
    def play(self, at_beat: float = 0.0, count_in_bars: int = 0) -> None:
        """Start at ``at_beat``, after ``count_in_bars`` bars of clicks."""
        with self._lock:
            self._silence()
            m = self.song.tempo_map.meter_at(at_beat)
            self._count_in = count_in_clicks(at_beat, count_in_bars, m.beats_per_bar, m.denominator,
                                             self.count_in_note)
            self._ci = 0
            first = self._count_in[0].beat if self._count_in else at_beat
            self._cue_at(at_beat, first, is_start=True)
            self.transport.start(first)

    def seek(self, beat: float) -> None:
        with self._lock:
            self._silence()
            self._count_in, self._ci = [], 0
            self._cue_at(beat, beat, is_start=False)
            self.transport.seek(beat)

    def pause(self) -> None:
        with self._lock:
            self.transport.pause()
            self._silence()
            if self.send_clock:
                self._send(mido.Message("stop"))

    def resume(self) -> None:
        with self._lock:
            if self.transport.playing:
                return
            if self.send_clock and self._start_beat is None and not self.ended:
                self._send(mido.Message("continue"))
            self.transport.resume()

    def stop(self) -> None:
        with self._lock:
            self.transport.stop()
            self._silence()
            if self.send_clock:
                self._send(mido.Message("stop"))

    def panic(self) -> None:
        """Stop the transport and silence everything at once (all sound off too)."""
        with self._lock:
            self.transport.stop()
            self._held.clear()
            for m in silence_messages(all_sound=True):
                self._send(m)

    def set_transpose(self, semitones: int) -> None:
        """Applies to notes from now on; sounding notes end on the pitch they started on."""
        with self._lock:
            self.transpose = int(semitones)

    def set_volume(self, volume: float) -> None:
        with self._lock:
            self.volume = max(0.0, min(1.0, float(volume)))

    def mute_channel(self, channel: int, muted: bool = True) -> None:
        """``channel`` is 0-based (0–15)."""
        with self._lock:
            (self.muted_channels.add if muted else self.muted_channels.discard)(channel)
            if muted:
                self._release(lambda ch, tr: ch == channel)

    def mute_track(self, track: int, muted: bool = True) -> None:
        with self._lock:
            (self.muted_tracks.add if muted else self.muted_tracks.discard)(track)
            if muted:
                self._release(lambda ch, tr: tr == track)

    # ================================================================= driver side
    def next_deadline(self) -> float | None:
        """Clock time of the next thing to send (or of the end); None when idle."""
        with self._lock:
            nxt = self._next()
            return None if nxt is None else self.transport.clock_time_at(nxt[0])

    def pop_due(self, until: float, inclusive: bool = False) -> list[tuple[float, mido.Message]]:
        """Messages due before clock time ``until`` (at or before when ``inclusive``), each with
        its exact clock time, in order; advances past them."""
        out: list[tuple[float, mido.Message]] = []
        with self._lock:
            while True:
                nxt = self._next()
                if nxt is None:
                    break
                t = self.transport.clock_time_at(nxt[0])
                if t is None or t > until or (t == until and not inclusive):
                    break
                for msg in self._take(nxt[1]):
                    out.append((t, msg))
        return out

    def pump(self, now: float) -> int:
        """Send everything due at or before ``now``; returns how many messages were sent."""
        due = self.pop_due(now, inclusive=True)
        for _, msg in due:
            self._send(msg)
        return len(due)

    # ================================================================= internals
    def _next(self) -> tuple[float, str] | None:
        if not self.transport.playing or self.ended:
            return None
        cands: list[tuple[float, int, str]] = []
        if self._start_beat is not None:
            cands.append((self._start_beat, 0, "start"))
        if self.send_clock:
            cands.append((self._pulse / PPQN, 1, "pulse"))
        if self._ci < len(self._count_in):
            cands.append((self._count_in[self._ci].beat, 2, "count"))
        if self._i < len(self._events) and self._events[self._i].beat < self.end_beat:
            cands.append((self._events[self._i].beat, 3, "event"))
        cands.append((self.end_beat, 4, "end"))
        beat, _, kind = min(cands)
        return beat, kind

    def _take(self, kind: str) -> list[mido.Message]:
        if kind == "start":
            beat, self._start_beat = self._start_beat, None
            return [mido.Message("start" if beat <= 0 else "continue")]
        if kind == "pulse":
            self._pulse += 1
            return [mido.Message("clock")]
        if kind == "count":
            e = self._count_in[self._ci]
            self._ci += 1
            return self._shape(e)
        if kind == "event":
            e = self._events[self._i]
            self._i += 1
            return self._shape(e)
        self.ended = True
        out = [mido.Message("note_off", channel=ch, note=n) for (ch, _), (n, _) in self._held.items()]
        self._held.clear()
        if self.send_clock:
            out.append(mido.Message("stop"))
        return out

    def _shape(self, e: TimedMessage) -> list[mido.Message]:
        msg = e.message
        t = msg.type
        if t == "note_on" and msg.velocity > 0:
            ch = msg.channel
            added = e.track == -1            # count-in clicks and cues: never muted or transposed
            if not added and (ch in self.muted_channels or e.track in self.muted_tracks):
                return []
            note = msg.note if ch == DRUM_CHANNEL or added else msg.note + self.transpose
            vel = int(round(msg.velocity * self.volume))
            if not 0 <= note <= 127 or vel <= 0:
                return []
            out = []
            if (ch, msg.note) in self._held:       # re-struck without a note off
                out.append(mido.Message("note_off", channel=ch, note=self._held[(ch, msg.note)][0]))
            self._held[(ch, msg.note)] = (note, e.track)
            out.append(msg.copy(note=note, velocity=min(127, vel)))
            return out
        if t == "note_off" or t == "note_on":
            held = self._held.pop((msg.channel, msg.note), None)
            if held is None:
                return []
            return [mido.Message("note_off", channel=msg.channel, note=held[0], velocity=getattr(msg, "velocity", 0) if t == "note_off" else 0)]
        if t == "polytouch" and msg.channel != DRUM_CHANNEL and e.track != -1:
            note = msg.note + self.transpose
            return [msg.copy(note=note)] if 0 <= note <= 127 else []
        return [msg]

    def _cue_at(self, beat: float, transport_from: float, is_start: bool) -> None:
        """Put the cursors at ``beat``; restore programs/controllers; MIDI Clock position."""
        self.ended = False
        self._i = bisect_left(self._beats, beat)
        self._pulse = math.ceil(transport_from * PPQN - 1e-9)
        chase: dict[tuple, mido.Message] = {}
        for e in self._events[: self._i]:
            m = e.message
            if m.type == "program_change":
                chase[("p", m.channel)] = m
            elif m.type == "control_change" and m.control not in _CHASE_SKIP:
                chase[("c", m.channel, m.control)] = m
            elif m.type == "pitchwheel":
                chase[("w", m.channel)] = m
        for m in chase.values():
            self._send(m)
        if self.send_clock:
            self._send(mido.Message("songpos", pos=max(0, min(16383, int(beat * 4)))))
            self._start_beat = beat
        else:
            self._start_beat = None

    def _release(self, match) -> None:
        for key, (note, track) in list(self._held.items()):
            if match(key[0], track):
                del self._held[key]
                self._send(mido.Message("note_off", channel=key[0], note=note))

    def _silence(self) -> None:
        self._held.clear()
        for m in silence_messages():
            self._send(m)

    def _send(self, msg: mido.Message) -> None:
        try:
            self.port.send(msg)
        except Exception as err:   # a port that went away must not stop the show
            if len(self.errors) < 100:
                self.errors.append(f"MIDI-utgangen svarer ikke: {err}")


class DeadlineThread:
    """Sends a scheduler's messages at their deadlines on its own daemon thread.

    Waits on a condition (woken by every transport change) until ``spin_s`` before the next
    deadline, then spins on the clock and sends everything due. Needs a real clock.
    """

    def __init__(self, scheduler: Scheduler, clock: Clock, spin_s: float = 0.0015,
                 name: str = "midi-scheduler", realtime: bool = True):
        self.realtime_wanted = realtime
        self.realtime = False
        self.scheduler = scheduler
        self.clock = clock
        self.spin_s = spin_s
        self._cond = threading.Condition()
        self._stopping = False
        scheduler.transport.add_listener(self.wake)
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def wake(self) -> None:
        with self._cond:
            self._cond.notify_all()

    def _raise_priority(self) -> None:
        """Ask for real-time scheduling (SCHED_FIFO) for this thread so a busy machine does not
        delay wake-ups; allowed for root or with an rtprio limit, silently skipped otherwise."""
        try:
            prio = min(10, os.sched_get_priority_max(os.SCHED_FIFO))
            os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(prio))
            self.realtime = True
        except (AttributeError, OSError):
            self.realtime = False

    def _run(self) -> None:
        sched, clock = self.scheduler, self.clock
        if self.realtime_wanted:
            self._raise_priority()
        while True:
            with self._cond:
                if self._stopping:
                    return
                d = sched.next_deadline()
                if d is None:
                    self._cond.wait(0.1)
                    continue
                wait = d - clock.now() - self.spin_s
                if wait > 0:
                    self._cond.wait(min(wait, 0.25))
                    continue
            while clock.now() < d:
                pass
            sched.pump(clock.now())

    def close(self) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        if threading.current_thread() is not self._thread:
            self._thread.join(timeout=1.0)
