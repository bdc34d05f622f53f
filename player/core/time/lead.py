"""Letting a live pianist lead: position sources that follow the pianist instead of a track.

Each lead is *Backing-like* (start, pause, resume, seek, stop, panic, set_tempo_scale,
position, poll, close; see :class:`~player.core.time.backing.Backing`), so a
:class:`~player.core.show.acts.SongAct` follows it exactly as it follows a MIDI backing. None of
them makes a sound. Positions are beats (quarter notes) on the song's beat line; times are
seconds of the injected clock. Input comes in as calls with the time the input happened
(``at``), so a press read a little late by the frame loop still counts at the right moment.

- :class:`TapLead` — tap tempo: tempo and beat phase from the last taps, smoothed (Holt's
  level + trend on the tap intervals, so a steady ritardando is predicted, not lagged);
  every tap puts the beat back on the tap.
- :class:`ClockLead` — MIDI clock in: 24 clocks per quarter note, Start/Stop/Continue and
  Song Position Pointer (in sixteenths) from an arranger keyboard or a drum machine.
- :class:`PedalLead` — pedal/keys: each press starts the next line (the highlight runs
  through it at the song's tempo, then waits); a long press goes back a line.

All of it runs on the main thread; device callbacks only enqueue the intents below.
Each lead declares what it can do in ``abilities`` (see :class:`~player.core.time.backing.Abilities`);
``position()`` only reads: the pedal's long press is found in :meth:`PedalLead.poll`.
What the views call each mode is in the message catalog (``lead_<mode>`` in config.yaml ``texts:``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from player.core.model.data import LEAD_MODES
from player.core.time.backing import Abilities, BackingEvent
from player.core.time.clock import Clock
from player.core.model.intents import Intent
from player.core.model.tempomap import TempoMap

__all__ = ["LEAD_MODES", "lead_text_key", "TapLead", "ClockLead", "PedalLead", "LongPress", "ClockIn",
           "PedalDown", "PedalUp", "SwitchLead", "next_mode"]



def lead_text_key(mode: str) -> str:
    """The catalog key of what the views say leads in ``mode`` (``lead_midi_clock``...)."""
    return "lead_" + mode.replace("-", "_")


CLOCKS_PER_BEAT = 24
SERIES_GAP_BEATS = 2.5        # a pause longer than this many beats starts a new tap series
LONG_PRESS_S = 0.6


@dataclass(frozen=True)
class ClockIn(Intent):
    """A MIDI real-time message: kind is clock | start | stop | continue | songpos;
    ``value`` is the Song Position Pointer in sixteenths (songpos only)."""

    kind: str = "clock"
    value: int = 0


@dataclass(frozen=True)
class PedalDown(Intent):
    """The lead pedal (or key) went down."""


@dataclass(frozen=True)
class PedalUp(Intent):
    """The lead pedal (or key) came up."""


@dataclass(frozen=True)
class SwitchLead(Intent):
    """Switch the lead mode of the running song to ``mode`` (empty: the next one in turn)."""

    mode: str = ""


def next_mode(mode: str) -> str:
    """The mode after ``mode`` in :data:`LEAD_MODES` (wrapping round)."""
    i = LEAD_MODES.index(mode) if mode in LEAD_MODES else -1
    return LEAD_MODES[(i + 1) % len(LEAD_MODES)]


class _Lead:
    """Shared: an anchor (clock time, beat) and a speed (beats per second) while running."""

    abilities = Abilities(live=True)

    def __init__(self, clock: Clock, tempo_map: TempoMap, tempo_scale: float = 1.0,
                 count_in_beats: float = 0.0, end_beat: float | None = None):
        self.clock = clock
        self.tempo_map = tempo_map
        self.scale = tempo_scale
        self.count_in_beats = count_in_beats
        self.end_beat = end_beat
        self.running = False
        self._t0 = clock.now()
        self._b0 = 0.0
        self._events: list[BackingEvent] = []
        self._ended = False

    def nominal_bps(self, beat: float) -> float:
        return self.tempo_map.bpm_at(max(0.0, beat)) / 60.0 * self.scale

    def _rate(self) -> float:
        return self.nominal_bps(self._b0)

    def _raw(self, now: float) -> float:
        return self._b0 + (now - self._t0) * self._rate() if self.running else self._b0

    def position(self) -> float:
        return self._raw(self.clock.now())

    def _anchor(self, beat: float, t: float | None = None) -> None:
        self._t0 = self.clock.now() if t is None else t
        self._b0 = beat

    def start(self, at_beat: float = 0.0, count_in: bool = True) -> None:
        self._anchor(at_beat - (self.count_in_beats if count_in else 0.0))
        self._ended = False

    def pause(self) -> None:
        self._anchor(self.position())
        self.running = False

    def resume(self) -> None:
        self._anchor(self.position())
        self.running = True

    def seek(self, beat: float) -> None:
        self._anchor(beat)

    def stop(self, fade: bool = True) -> None:
        self.pause()

    def panic(self) -> None:
        self.pause()

    def set_tempo_scale(self, scale: float) -> None:
        self._anchor(self.position())
        self.scale = scale

    def bpm(self) -> float:
        """Quarter notes per minute as led now."""
        return self._rate() * 60.0

    def poll(self) -> list[BackingEvent]:
        if self.end_beat is not None and not self._ended and self.position() >= self.end_beat:
            self._ended = True
            self._events.append(BackingEvent("end"))
        out, self._events = self._events, []
        return out

    def close(self) -> None:
        self.running = False


class TapLead(_Lead):
    """Tap tempo. Before the first tap the position waits at the start of the count-in; the
    first tap starts it at the song's tempo, each later tap is the next beat (within a series;
    after a long pause the tap goes to the nearest beat) and re-aims tempo and phase.

    ``alpha``/``trend`` are the smoothing of the interval level and its trend (0–1; higher
    follows faster), ``damping`` (0–1) keeps the trend from overshooting after a sudden
    change, ``phase_gain`` (0–1) how far each tap pulls the beat onto itself (1 = exactly on
    the tap; less averages out a hand's jitter). Defaults were tuned on ritardando,
    accelerando and a sudden 90→80 BPM change with ±5 ms jitter (tests/core/test_lead.py).
    The position never goes backwards while running.
    """

    abilities = Abilities(live=True, taps=True)

    def __init__(self, clock: Clock, tempo_map: TempoMap, tempo_scale: float = 1.0,
                 count_in_beats: float = 0.0, end_beat: float | None = None,
                 alpha: float = 0.8, trend: float = 0.5, damping: float = 0.8, phase_gain: float = 0.7):
        super().__init__(clock, tempo_map, tempo_scale, count_in_beats, end_beat)
        self.alpha, self.trend_gain, self.damping, self.phase_gain = alpha, trend, damping, phase_gain
        self.taps: list[tuple[float, float]] = []     # (clock time, beat)
        self._level: float | None = None               # seconds per beat (smoothed)
        self._trend = 0.0
        self._period: float | None = None              # predicted seconds per beat
        self._floor = float("-inf")

    def _rate(self) -> float:
        if self._period is not None:
            return 1.0 / self._period
        return self.nominal_bps(self._b0)

    def position(self) -> float:
        pos = self._raw(self.clock.now())
        return max(pos, self._floor) if self.running else pos

    def _keep_floor(self) -> None:
        """Before the beat line is re-aimed: what was shown until now is the floor (never back)."""
        if self.running:
            self._floor = max(self._floor, self._raw(self.clock.now()))

    def start(self, at_beat: float = 0.0, count_in: bool = True) -> None:
        super().start(at_beat, count_in)
        self.running = False          # waits for the first tap
        self._floor = float("-inf")

    def seek(self, beat: float) -> None:
        """A jump in the song (a repeat): the tap series goes on from the new place."""
        delta = beat - self.position()
        self.taps = [(t, b + delta) for t, b in self.taps]
        self._anchor(self._b0 + delta, self._t0)
        self._floor = float("-inf")

    def tap(self, at: float | None = None) -> None:
        t = self.clock.now() if at is None else at
        if not self.taps:
            beat = float(round(self._raw(t))) if self.running else self._b0
            self.running = True
        else:
            last_t, last_b = self.taps[-1]
            period = self._period or 1.0 / self.nominal_bps(last_b)
            gap = t - last_t
            if gap <= 0:
                return
            if gap <= SERIES_GAP_BEATS * period:
                beat = last_b + 1.0
                predicted = self._t0 + (beat - self._b0) / self._rate()   # when the beat was due
                self._keep_floor()
                self._learn(gap)
                self.taps.append((t, beat))
                del self.taps[:-16]
                self._anchor(beat, predicted + self.phase_gain * (t - predicted))
                return
            beat = float(round(self._raw(t)))      # a new series: the nearest beat
        self._keep_floor()
        self.taps.append((t, beat))
        del self.taps[:-16]
        self._anchor(beat, t)

    def _learn(self, interval: float) -> None:
        if self._level is None:
            self._level, self._trend = interval, 0.0
        else:
            prev = self._level
            forecast = prev + self.damping * self._trend
            if not 0.5 * forecast <= interval <= 2.0 * forecast:   # a stumble: start over
                self._level, self._trend = interval, 0.0
            else:
                self._level = self.alpha * interval + (1 - self.alpha) * forecast
                self._trend = (self.trend_gain * (self._level - prev)
                               + (1 - self.trend_gain) * self.damping * self._trend)
        self._period = max(0.2, min(3.0, self._level + self.damping * self._trend))

    def set_tempo_scale(self, scale: float) -> None:
        """Taps set the tempo; the scale only applies before the first two taps."""
        self._keep_floor()
        super().set_tempo_scale(scale)


class ClockLead(_Lead):
    """MIDI clock in. Tempo is the least-squares slope of the last ``window`` clock ticks
    (24 = one beat: follows a change within about a beat, averages out tick jitter).
    ``offset`` maps the device's beat 0 (where Start begins) to the song's beat line: by
    default the start of the count-in, so the device's first bar counts in.

    Between ticks the position moves on at the measured tempo but never past the next
    tick, so it stops when the device stops sending.
    """

    abilities = Abilities(live=True, clock_in=True)

    def __init__(self, clock: Clock, tempo_map: TempoMap, tempo_scale: float = 1.0,
                 count_in_beats: float = 0.0, end_beat: float | None = None, window: int = 24):
        super().__init__(clock, tempo_map, tempo_scale, count_in_beats, end_beat)
        self.window = window
        self.offset = 0.0
        self.ticks = 0                      # clocks since the song position was last set
        self.spp_beats = 0.0
        self._times: list[float] = []
        self._period: float | None = None   # seconds per clock tick
        self._last_tick: float | None = None

    def start(self, at_beat: float = 0.0, count_in: bool = True) -> None:
        self.offset = at_beat - (self.count_in_beats if count_in else 0.0)
        self._ended = False
        self.running = False

    def seek(self, beat: float) -> None:
        """A jump in the song (a repeat): the device goes on counting, the song line jumps."""
        self.offset += beat - self.position()

    def _rate(self) -> float:
        return 1.0 / (self._period * CLOCKS_PER_BEAT) if self._period else 0.0

    def bpm(self) -> float:
        return self._rate() * 60.0

    def device_beat(self, now: float | None = None) -> float:
        beat = self.spp_beats + self.ticks / CLOCKS_PER_BEAT
        if self.running and self._last_tick is not None and self._period:
            t = self.clock.now() if now is None else now
            beat += min(1.0, max(0.0, (t - self._last_tick) / self._period)) / CLOCKS_PER_BEAT
        return beat

    def position(self) -> float:
        return self.offset + self.device_beat()

    def pause(self) -> None:
        self.running = False

    def resume(self) -> None:
        self.running = True

    def set_tempo_scale(self, scale: float) -> None:
        self.scale = scale          # the device sets the tempo

    def feed(self, kind: str, at: float | None = None, value: int = 0) -> None:
        t = self.clock.now() if at is None else at
        if kind == "clock":
            if not self.running:
                return
            self._times.append(t)
            del self._times[:-(self.window + 1)]
            self._fit()
            self.ticks += 1
            self._last_tick = t
        elif kind == "start":
            self.spp_beats, self.ticks = 0.0, 0
            self._times, self._last_tick = [], None
            self.running = True
        elif kind == "continue":
            self._times, self._last_tick = [], None
            self.running = True
        elif kind == "stop":
            self.running = False
        elif kind == "songpos":
            self.spp_beats, self.ticks = value / 4.0, 0
            self._times, self._last_tick = [], None

    def _fit(self) -> None:
        ts = self._times
        n = len(ts)
        if n < 3:
            if n == 2:
                self._period = ts[1] - ts[0]
            return
        mean_i = (n - 1) / 2
        mean_t = sum(ts) / n
        num = sum((i - mean_i) * (t - mean_t) for i, t in enumerate(ts))
        den = sum((i - mean_i) ** 2 for i in range(n))
        if num > 0:
            self._period = num / den


class LongPress:
    """One button, two meanings: a short press (released before ``long_s``) is Next, holding
    it ``long_s`` is Back (fired once, while still held). Times are seconds."""

    def __init__(self, long_s: float = LONG_PRESS_S):
        self.long_s = long_s
        self._down: float | None = None
        self._fired = False

    def down(self, at: float) -> None:
        self._down, self._fired = at, False

    def up(self, at: float) -> str | None:
        """``"next"`` for a short press; None if the long press already fired (or no down)."""
        was, fired = self._down, self._fired
        self._down = None
        if was is None or fired:
            return None
        return "back" if at - was >= self.long_s else "next"

    def poll(self, now: float) -> str | None:
        """``"back"`` once when the button has been held ``long_s``; else None."""
        if self._down is not None and not self._fired and now - self._down >= self.long_s:
            self._fired = True
            return "back"
        return None


class PedalLead(_Lead):
    """Pedal/keys: each press starts the next line at its first beat; the position then runs
    at the song's tempo to the end of that line and waits there for the next press. A long
    press (see :class:`LongPress`) goes back one line. ``line_starts``/``line_ends`` are beats
    of the lines in sung order (the act hands them in and refreshes them when the order
    changes). Before the first press it waits at the start of the count-in."""

    abilities = Abilities(live=True, by_line=True)

    def __init__(self, clock: Clock, tempo_map: TempoMap, line_starts: Sequence[float],
                 line_ends: Sequence[float], tempo_scale: float = 1.0, long_s: float = LONG_PRESS_S,
                 end_beat: float | None = None):
        super().__init__(clock, tempo_map, tempo_scale, 0.0, end_beat)
        self.starts, self.ends = list(line_starts), list(line_ends)
        self.index = -1
        self.button = LongPress(long_s)

    def set_lines(self, starts: Sequence[float], ends: Sequence[float]) -> None:
        self.starts, self.ends = list(starts), list(ends)

    def start(self, at_beat: float = 0.0, count_in: bool = True) -> None:
        self._anchor(at_beat)
        self.index = -1
        self._ended = False
        self.running = False

    def position(self) -> float:
        pos = self._raw(self.clock.now())
        if 0 <= self.index < len(self.ends):
            pos = min(pos, self.ends[self.index] - 1e-6)    # wait at the end of the line
        return pos

    def poll(self) -> list[BackingEvent]:
        self._poll_button(self.clock.now())
        return super().poll()

    def _poll_button(self, now: float) -> None:
        if self.button.poll(now) == "back":
            self.back(now)

    def next(self, at: float | None = None) -> bool:
        if self.index + 1 >= len(self.starts):
            if self.end_beat is not None and not self._ended:    # past the last line: the end
                self._ended = True
                self._events.append(BackingEvent("end"))
            return False
        self.index += 1
        self._anchor(self.starts[self.index], self.clock.now() if at is None else at)
        self.running = True
        return True

    def back(self, at: float | None = None) -> bool:
        if self.index <= 0:
            return False
        self.index -= 1
        self._anchor(self.starts[self.index], self.clock.now() if at is None else at)
        return True

    def down(self, at: float | None = None) -> None:
        self.button.down(self.clock.now() if at is None else at)

    def up(self, at: float | None = None) -> None:
        if self.button.up(self.clock.now() if at is None else at) == "next":
            self.next(at)

    def seek(self, beat: float) -> None:
        """The act follows :attr:`index` (lines in sung order), so it never needs to seek."""
        self._anchor(beat)

    def go_to_line(self, index: int, beat: float | None = None) -> None:
        """Continue in line ``index`` from ``beat`` (its start by default): a live switch to
        the pedal mid-song."""
        if 0 <= index < len(self.starts):
            self.index = index
            self._anchor(self.starts[index] if beat is None else beat)
            self.running = True
