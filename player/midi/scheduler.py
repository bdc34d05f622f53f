"""The deadline scheduler: a song's events as messages at absolute clock times.

Every message's clock time comes from its beat through the one
:class:`~player.core.time.transport.Transport` (no accumulated sleeps: nothing drifts). Two
kinds of driver take messages from it:

- push: :class:`~player.midi.deadline.DeadlineThread` (real MIDI ports) waits until shortly
  before :meth:`Scheduler.next_deadline` and calls :meth:`Scheduler.pump`, which sends to the port;
- pull: the built-in synth's audio callback and the offline renderer call :meth:`Scheduler.pop_due`
  for each block and render every message at its exact sample. A pulled scheduler (``pulled``,
  set by the renderer's ``attach``) never sends: what its control calls emit (all-notes-off,
  chased programs, a mute's note-offs) waits in an outbox that the next ``pop_due`` returns
  first, so the renderer gets one ordered stream.

It adds count-in clicks (drum channel), MIDI Clock (24 per quarter, Start/Continue/Stop, Song
Position Pointer) and cue messages, and applies transpose (never on the drum channel), mutes
(channel or track) and master volume (:mod:`player.midi.shaping`).

Threading model. Control calls (``play``, ``seek``, ``pause``, ``resume``, ``stop``, ``panic``,
``set_*``, ``mute_*``) come from the main thread; ``pump`` and ``next_deadline`` from the
deadline thread; ``pop_due`` from the audio thread or the offline loop. Two locks, always
taken in this order:

1. ``_send_lock`` orders what reaches the port. A control call holds it from its state change
   until its messages are sent; ``pump`` from popping until the popped messages are sent. So a
   note popped before a seek is sent before the seek's all-notes-off, and nothing of the old
   state follows it (nothing is dropped: no note-off is lost). ``port.send`` is called only
   under this lock (ports are leaves: they never call back).
2. ``_lock`` guards the cursors, held notes, settings, outbox and the transport changes made
   here (with ``notify=False``: the transport's lock is a leaf). Nothing else is called under it.

Transport listeners (the deadline thread's ``wake``) are called with no lock held, after the
control call has released both.
"""

from __future__ import annotations

import math
import threading
from bisect import bisect_left
from typing import Callable, Iterable, Sequence

import mido

from player.core.model.settings import COUNT_IN_NOTE
from player.core.time.transport import Transport
from player.midi.click import count_in_clicks
from player.midi.ports import OutputPort, silence_messages
from player.midi.shaping import DRUM_CHANNEL, chase, release, shape
from player.midi.song import MidiSong, TimedMessage
from player.core.model.messages import tr

__all__ = ["Scheduler", "DRUM_CHANNEL", "count_in_clicks"]

PPQN = 24                   # MIDI Clock pulses per quarter note


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
        self._send_lock = threading.Lock()
        self._lock = threading.Lock()
        self.pulled = False               # set by a pulling driver before play (module docstring)
        self._outbox: list[mido.Message] = []
        self._i = 0
        self._count_in: list[TimedMessage] = []
        self._ci = 0
        self._pulse = 0                   # index of the next clock pulse (beat = pulse / 24)
        self._start_beat: float | None = None   # where Start/Continue is due, once
        self._held: dict[tuple[int, int], tuple[int, int]] = {}   # (ch, note in) -> (note out, track)
        self.ended = False
        self.errors: list[str] = []

    # ================================================================= main-thread control
    def _control(self, change: Callable[[], list[mido.Message]], notify: bool = True) -> None:
        """Apply ``change`` (returns the messages it emits) under both locks, send what it
        emitted (or queue it for a pulling driver), then wake the transport's listeners."""
        with self._send_lock:
            with self._lock:
                out = change()
                if self.pulled:
                    self._outbox.extend(out)
                    out = []
            for m in out:
                self._send(m)
        if notify:
            self.transport.notify()

    def play(self, at_beat: float = 0.0, count_in_bars: int = 0) -> None:
        """Start at ``at_beat``, after ``count_in_bars`` bars of clicks."""
        def change():
            out = self._silence()
            m = self.song.tempo_map.meter_at(at_beat)
            self._count_in = count_in_clicks(at_beat, count_in_bars, m.beats_per_bar, m.denominator,
                                             self.count_in_note)
            self._ci = 0
            first = self._count_in[0].beat if self._count_in else at_beat
            out += self._cue_at(at_beat, first, is_start=True)
            self.transport.start(first, notify=False)
            return out
        self._control(change)

    def seek(self, beat: float) -> None:
        def change():
            out = self._silence()
            self._count_in, self._ci = [], 0
            out += self._cue_at(beat, beat, is_start=False)
            self.transport.seek(beat, notify=False)
            return out
        self._control(change)

    def pause(self) -> None:
        def change():
            self.transport.pause(notify=False)
            return self._silence() + ([mido.Message("stop")] if self.send_clock else [])
        self._control(change)

    def resume(self) -> None:
        def change():
            if self.transport.playing:
                return []
            out = []
            if self.send_clock and self._start_beat is None and not self.ended:
                out.append(mido.Message("continue"))
            self.transport.resume(notify=False)
            return out
        self._control(change)

    def stop(self) -> None:
        def change():
            self.transport.stop(notify=False)
            return self._silence() + ([mido.Message("stop")] if self.send_clock else [])
        self._control(change)

    def panic(self) -> None:
        """Stop the transport and silence everything at once through the port's own panic
        (all sound off; the built-in synth also cuts its sound at the next block). Sent once,
        under the send lock like every other send."""
        with self._send_lock:
            with self._lock:
                self.transport.stop(notify=False)
                self._held.clear()
            try:
                self.port.panic()
            except Exception as err:   # a port that went away must not stop the show
                self._error(err)
        self.transport.notify()

    def set_transpose(self, semitones: int) -> None:
        """Applies to notes from now on; sounding notes end on the pitch they started on."""
        with self._lock:
            self.transpose = int(semitones)

    def set_volume(self, volume: float) -> None:
        with self._lock:
            self.volume = max(0.0, min(1.0, float(volume)))

    def mute_channel(self, channel: int, muted: bool = True) -> None:
        """``channel`` is 0-based (0–15)."""
        def change():
            (self.muted_channels.add if muted else self.muted_channels.discard)(channel)
            return release(self._held, lambda ch, tr: ch == channel) if muted else []
        self._control(change, notify=False)

    def mute_track(self, track: int, muted: bool = True) -> None:
        def change():
            (self.muted_tracks.add if muted else self.muted_tracks.discard)(track)
            return release(self._held, lambda ch, tr: tr == track) if muted else []
        self._control(change, notify=False)

    # ================================================================= driver side
    def next_deadline(self) -> float | None:
        """Clock time of the next thing to send (or of the end); None when idle."""
        with self._lock:
            nxt = self._next()
            return None if nxt is None else self.transport.clock_time_at(nxt[0])

    def pop_due(self, until: float, inclusive: bool = False) -> list[tuple[float, mido.Message]]:
        """Messages due before clock time ``until`` (at or before when ``inclusive``), each with
        its exact clock time, in order; advances past them. A pulled scheduler first returns
        what its control calls emitted since the last call, stamped 0.0 (play them at once)."""
        with self._lock:
            out = [(0.0, m) for m in self._outbox]
            self._outbox = []
            out += self._pop(until, inclusive)
        return out

    def unpull(self) -> list[mido.Message]:
        """The pulling driver lets go: from now on control calls send to the port; returns
        what was still waiting in the outbox (the driver passes it on, so a backing's last
        all-notes-off is not lost when it detaches)."""
        with self._lock:
            self.pulled = False
            out, self._outbox = self._outbox, []
        return out

    def pump(self, now: float) -> int:
        """Send everything due at or before ``now``; returns how many messages were sent."""
        with self._send_lock:
            with self._lock:
                due = self._pop(now, inclusive=True)
            for _, msg in due:
                self._send(msg)
        return len(due)

    # ================================================================= internals
    def _pop(self, until: float, inclusive: bool) -> list[tuple[float, mido.Message]]:
        out: list[tuple[float, mido.Message]] = []
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
            return shape(e, self._held, self.transpose, self.volume, self.muted_channels, self.muted_tracks)
        if kind == "event":
            e = self._events[self._i]
            self._i += 1
            return shape(e, self._held, self.transpose, self.volume, self.muted_channels, self.muted_tracks)
        self.ended = True
        out = release(self._held, lambda ch, track: True)
        if self.send_clock:
            out.append(mido.Message("stop"))
        return out

    def _cue_at(self, beat: float, transport_from: float, is_start: bool) -> list[mido.Message]:
        """Put the cursors at ``beat``; the messages that restore programs/controllers and the
        MIDI Clock position."""
        self.ended = False
        self._i = bisect_left(self._beats, beat)
        self._pulse = math.ceil(transport_from * PPQN - 1e-9)
        out = chase(self._events[: self._i])
        if self.send_clock:
            out.append(mido.Message("songpos", pos=max(0, min(16383, int(beat * 4)))))
            self._start_beat = beat
        else:
            self._start_beat = None
        return out

    def _silence(self) -> list[mido.Message]:
        self._held.clear()
        return silence_messages()

    def _send(self, msg: mido.Message) -> None:
        """Under ``_send_lock`` only."""
        try:
            self.port.send(msg)
        except Exception as err:   # a port that went away must not stop the show
            self._error(err)

    def _error(self, err: Exception) -> None:
        if len(self.errors) < 100:
            self.errors.append(tr('The MIDI output does not answer: {err}', err=err))
