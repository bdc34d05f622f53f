"""MIDI outputs behind one small protocol (the shape of a mido output port).

- :class:`MidoOutput`: a real port opened through mido/python-rtmidi, chosen by a
  case-insensitive part of its name (:func:`open_port`);
- the built-in synth (:class:`player.midi.synth.SynthOutput`);
- :class:`RecordingPort`: the fake for tests and benchmarks, recording (clock time, message);
- :class:`NullPort`: silence, when nothing else can play (the lyrics still show).

:class:`OutputSelector` picks one from config, says clearly why it fell back to the built-in
synth (and which ports exist), and tries the wanted port again now and then.
All of them are :class:`BaseOutput` subclasses. Threads: ``send`` from any thread (the MIDI
scheduler's deadline thread, the main thread); ``reset``, ``panic`` and ``close`` from the main
thread. Each output's one lock is held only around its device write (``_send``), never while
calling anything that could call back.
"""

from __future__ import annotations

import threading
from typing import Callable, Protocol

import mido

from player.core.time.clock import Clock, MonotonicClock
from player.core.model.errors import DeviceError
from player.core.model.messages import tr

__all__ = [
    "OutputPort", "BaseOutput", "MidoOutput", "RecordingPort", "NullPort", "OutputSelector",
    "silence_messages", "output_names", "open_port",
]


class OutputPort(Protocol):
    name: str
    #: declared, not probed: True for an output that renders the scheduler's messages itself
    #: (the built-in synth): it has ``attach(scheduler)`` and a ``clock`` the backing must use
    pulls: bool

    def send(self, msg: mido.Message) -> None: ...

    def reset(self) -> None:
        """All notes off and sustain off on every channel."""
        ...

    def panic(self) -> None:
        """Everything silent at once (all sound off too)."""
        ...

    def close(self) -> None:
        """Idempotent; silences first."""
        ...


def _silence(all_sound: bool) -> tuple[mido.Message, ...]:
    out = []
    for ch in range(16):
        out.append(mido.Message("control_change", channel=ch, control=64, value=0))
        out.append(mido.Message("control_change", channel=ch, control=123, value=0))
        if all_sound:
            out.append(mido.Message("control_change", channel=ch, control=120, value=0))
    return tuple(out)


_SILENCE = {False: _silence(False), True: _silence(True)}   # built once: every seek sends them


def silence_messages(all_sound: bool = False) -> list[mido.Message]:
    """Sustain off and all notes off on all 16 channels (and all sound off when ``all_sound``).
    The messages are shared: never change them."""
    return list(_SILENCE[all_sound])


class BaseOutput:
    """What every output shares (as mido's ``BaseOutput``): subclasses override :meth:`_send`
    (and :meth:`_close` to release a device).

    One lock serialises sends and is held only around ``_send``, which must never call back into
    its caller. :meth:`close` is idempotent and sends all-notes-off first; later sends are
    dropped (a backing still winding down must not raise at quit). ``_close`` runs with no lock
    held, so a device may wait for its own threads there. A context manager.
    """

    name = "output"
    pulls = False          # see OutputPort.pulls

    def __init__(self, name: str | None = None):
        if name is not None:
            self.name = name
        self._lock = threading.Lock()
        self._closing = False
        self.closed = False

    def _send(self, msg: mido.Message) -> None:
        raise NotImplementedError

    def _close(self) -> None:
        pass

    def send(self, msg: mido.Message) -> None:
        with self._lock:
            if not self.closed:
                self._send(msg)

    def reset(self) -> None:
        for m in silence_messages():
            self.send(m)

    def panic(self) -> None:
        for m in silence_messages(all_sound=True):
            self.send(m)

    def close(self) -> None:
        with self._lock:
            if self._closing:
                return
            self._closing = True
        try:
            self.reset()
        finally:
            with self._lock:
                self.closed = True
            self._close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class RecordingPort(BaseOutput):
    """Fake output: records ``(clock time, message)`` in :attr:`sent`. Thread-safe."""

    def __init__(self, clock: Clock | None = None, name: str = "recording"):
        super().__init__(name)
        self.clock = clock or MonotonicClock()
        self.sent: list[tuple[float, mido.Message]] = []

    def _send(self, msg: mido.Message) -> None:
        self.sent.append((self.clock.now(), msg))

    def messages(self, *types: str) -> list[tuple[float, mido.Message]]:
        with self._lock:
            return [(t, m) for t, m in self.sent if not types or m.type in types]

    def clear(self) -> None:
        with self._lock:
            self.sent.clear()


class NullPort(BaseOutput):
    """Plays nothing. Used when neither a port nor the synth can be opened."""

    name = tr('no sound')

    def _send(self, msg: mido.Message) -> None:
        pass


class MidoOutput(BaseOutput):
    """A real MIDI output port (mido + python-rtmidi)."""

    def __init__(self, port):
        super().__init__(port.name)
        self._port = port

    def _send(self, msg: mido.Message) -> None:
        self._port.send(msg)

    def _close(self) -> None:
        self._port.close()


def output_names() -> tuple[list[str], str]:
    """(names of MIDI output ports, "" or why none can be listed)."""
    try:
        return list(mido.get_output_names()), ""
    except ImportError as err:
        return [], tr('MIDI is not available ({err}); install python-rtmidi', err=err)
    except (SystemError, OSError, RuntimeError) as err:
        # python-rtmidi without an ALSA sequencer (/dev/snd/seq) raises its own SystemError,
        # a RuntimeError subclass
        return [], tr('the computer has no MIDI system ({err}); connect a MIDI interface or load the module snd-seq', err=err)


def open_port(wanted: str) -> MidoOutput:
    """Open the first output whose name contains ``wanted`` (case-insensitive).

    Raises :class:`DeviceError` saying what exists when it cannot.
    """
    names, why = output_names()
    if why:
        raise DeviceError(tr('the MIDI port «{wanted}» cannot be opened: {why}', wanted=wanted, why=why))
    match = [n for n in names if wanted.lower() in n.lower()]
    if not match:
        have = ", ".join(names) if names else "ingen"
        raise DeviceError(tr('the MIDI port «{wanted}» is not connected (ports there are: {have}); check the cable or midi.output in config.yaml', wanted=wanted, have=have))
    try:
        return MidoOutput(mido.open_output(match[0]))
    except (SystemError, OSError, RuntimeError, IOError) as err:
        raise DeviceError(tr('the MIDI port «{match}» cannot be opened: {err}', match=match[0], err=err)) from err


class OutputSelector:
    """Chooses the output for each song: the configured port, else the fallback (built-in synth).

    ``fallback`` builds the built-in synth (or raises DeviceError; then :class:`NullPort`).
    :meth:`check` (main thread, between songs or once a second) tries the wanted port again every
    ``retry_s`` seconds while on the fallback and returns notices for the conductor.
    """

    def __init__(self, wanted: str, fallback: Callable[[], OutputPort], clock: Clock | None = None,
                 retry_s: float = 5.0, opener: Callable[[str], OutputPort] = open_port):
        self.wanted = wanted.strip()
        self._fallback_factory = fallback
        self._clock = clock or MonotonicClock()
        self._retry_s = retry_s
        self._opener = opener
        self._port: OutputPort | None = None
        self._fallback: OutputPort | None = None
        self._last_try = float("-inf")
        self.notices: list[str] = []
        self._open()

    @property
    def port(self) -> OutputPort:
        return self._port or self._get_fallback()

    @property
    def on_fallback(self) -> bool:
        return self._port is None

    def _get_fallback(self) -> OutputPort:
        if self._fallback is None:
            try:
                self._fallback = self._fallback_factory()
            except DeviceError as err:
                self.notices.append(tr('No sound: {err}', err=err))
                self._fallback = NullPort()
        return self._fallback

    def _open(self) -> None:
        self._last_try = self._clock.now()
        if not self.wanted:
            self._get_fallback()
            return
        try:
            self._port = self._opener(self.wanted)
        except DeviceError as err:
            self.notices.append(tr('{err}. Using the built-in synth.', err=err))
            self._get_fallback()

    def check(self) -> list[str]:
        """Retry the wanted port if due; return (and clear) the notices so far."""
        if self.wanted and self._port is None and self._clock.now() - self._last_try >= self._retry_s:
            self._last_try = self._clock.now()
            try:
                self._port = self._opener(self.wanted)
                self.notices.append(tr('The MIDI port «{name}» is connected again.', name=self._port.name))
            except DeviceError:
                pass
        out, self.notices = self.notices, []
        return out

    def close(self) -> None:
        for p in (self._port, self._fallback):
            if p is not None:
                p.close()
