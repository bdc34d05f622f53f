"""MIDI in for control: a foot pedal or keys mapped in config to intents.

``midi.pedal`` in config.yaml maps intent names to a controller press or a note, e.g.
``{next: {control: 67}, back: {control: 66}, tap: {note: 21}}`` (optionally ``channel: 1–16``).
A controller counts as pressed when its value goes from below 64 to 64 or more (pedals send
127/0, some send many values in between). The mido callback (its own thread) only maps the
message and puts the intent on a queue; the app loop drains it with :meth:`MidiControl.drain`.
Threads: ``feed`` on mido's input thread (it alone touches the pedal map's remembered values);
``open``, ``drain`` and ``close`` on the main thread. No lock: the queue is the only thing shared.
"""

from __future__ import annotations

import queue
from typing import Any, Callable

import mido

from player.core.model import intents as I
from player.core.time.clock import Clock, MonotonicClock
from player.core.model.errors import DeviceError
from player.core.model.messages import tr

__all__ = ["PedalMap", "MidiControl", "INTENT_NAMES", "pedal_map_problems"]

INTENT_NAMES: dict[str, type[I.Intent]] = {
    "next": I.Next, "back": I.Back, "tap": I.Tap, "start_pause": I.StartPause, "start": I.StartPause,
    "panic": I.Panic, "blank": I.Blank, "tempo_up": I.TempoUp, "tempo_down": I.TempoDown,
    "transpose_up": I.TransposeUp, "transpose_down": I.TransposeDown,
    "repeat_section": I.RepeatSection, "last_verse": I.LastVerse, "end_after_verse": I.EndAfterVerse,
}


def pedal_map_problems(mapping: Any) -> list[str]:
    """Clear problems with a ``midi.pedal`` mapping; [] when valid."""
    if mapping in (None, {}):
        return []
    if not isinstance(mapping, dict):
        return [tr('midi.pedal must map intent names to {control: N} or {note: N}')]
    out = []
    for name, spec in mapping.items():
        if name not in INTENT_NAMES:
            out.append(tr('midi.pedal.{name}: unknown intent (allowed: {sorted})', name=name, sorted=', '.join(sorted(INTENT_NAMES))))
            continue
        if not isinstance(spec, dict) or len({"control", "note"} & set(spec)) != 1:
            out.append(tr('midi.pedal.{name}: give exactly one of control: 0–127 or note: 0–127', name=name))
            continue
        for key, (lo, hi) in (("control", (0, 127)), ("note", (0, 127)), ("channel", (1, 16))):
            if key in spec and not (isinstance(spec[key], int) and lo <= spec[key] <= hi):
                out.append(tr('midi.pedal.{name}.{key}: {spec} is not a whole number {lo}–{hi}', name=name, key=key, spec=repr(spec[key]), lo=lo, hi=hi))
    return out


class PedalMap:
    """Maps incoming messages to intents. Pure apart from remembering controller values."""

    def __init__(self, mapping: dict[str, dict[str, int]] | None):
        problems = pedal_map_problems(mapping)
        if problems:
            raise ValueError("; ".join(problems))
        self._cc: dict[int, list[tuple[int | None, type[I.Intent]]]] = {}
        self._notes: dict[int, list[tuple[int | None, type[I.Intent]]]] = {}
        for name, spec in (mapping or {}).items():
            ch = spec.get("channel")
            entry = (None if ch is None else ch - 1, INTENT_NAMES[name])
            if "control" in spec:
                self._cc.setdefault(spec["control"], []).append(entry)
            else:
                self._notes.setdefault(spec["note"], []).append(entry)
        self._values: dict[tuple[int, int], int] = {}

    def map(self, msg: mido.Message, at: float | None = None) -> list[I.Intent]:
        if msg.type == "control_change" and msg.control in self._cc:
            before = self._values.get((msg.channel, msg.control), 0)
            self._values[(msg.channel, msg.control)] = msg.value
            if not (before < 64 <= msg.value):
                return []
            entries = self._cc[msg.control]
        elif msg.type == "note_on" and msg.velocity > 0 and msg.note in self._notes:
            entries = self._notes[msg.note]
        else:
            return []
        return [cls(at=at) for ch, cls in entries if ch is None or ch == msg.channel]


class MidiControl:
    """MIDI input for control. :meth:`feed` is the callback; :meth:`drain` is for the app loop.

    :meth:`open` connects a real input (case-insensitive part of its name); a missing MIDI
    system or port raises :class:`DeviceError` with what exists, and the session goes on.
    """

    def __init__(self, mapping: dict | None, clock: Clock | None = None):
        self.pedals = PedalMap(mapping)
        self.clock = clock or MonotonicClock()
        self._queue: queue.SimpleQueue[I.Intent] = queue.SimpleQueue()
        self._port = None

    def feed(self, msg: mido.Message) -> None:
        """The input callback (MIDI thread): map and enqueue, nothing else."""
        for intent in self.pedals.map(msg, self.clock.now()):
            self._queue.put(intent)

    def drain(self) -> list[I.Intent]:
        out = []
        while True:
            try:
                out.append(self._queue.get_nowait())
            except queue.Empty:
                return out

    def open(self, wanted: str, opener: Callable[..., Any] | None = None) -> str:
        """Open the input port whose name contains ``wanted``; returns its full name."""
        try:
            names = mido.get_input_names()
        except (SystemError, OSError, RuntimeError, ImportError) as err:
            raise DeviceError(tr('MIDI input «{wanted}» cannot be opened: the computer has no MIDI ({err})', wanted=wanted, err=err)) from err
        match = [n for n in names if wanted.lower() in n.lower()]
        if not match:
            raise DeviceError(tr('MIDI input «{wanted}» does not exist (found: {value})', wanted=wanted, value=', '.join(names) or 'ingen'))
        try:
            self._port = (opener or mido.open_input)(match[0], callback=self.feed)
        except (SystemError, OSError, RuntimeError) as err:
            raise DeviceError(tr('MIDI input «{match}» cannot be opened: {err}', match=match[0], err=err)) from err
        return match[0]

    def close(self) -> None:
        if self._port is not None:
            self._port.close()
            self._port = None
