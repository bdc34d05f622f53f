"""Tap tempo: the position follows the conductor's or pianist's taps. Main thread only."""

from __future__ import annotations


from player.core.time.backing import Abilities
from player.core.time.clock import Clock
from player.core.model.tempomap import TempoMap
from player.core.time.lead.base import SERIES_GAP_BEATS, _Lead

__all__ = ["TapLead"]


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
