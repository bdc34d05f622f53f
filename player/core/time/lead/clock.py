"""MIDI clock in: the position follows an arranger keyboard's or drum machine's clock.
Main thread only (the MIDI callback enqueues ClockIn intents)."""

from __future__ import annotations


from player.core.time.backing import Abilities
from player.core.time.clock import Clock
from player.core.model.tempomap import TempoMap
from player.core.time.lead.base import CLOCKS_PER_BEAT, _Lead

__all__ = ["ClockLead"]


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
