"""Beat map of a recorded track: where each beat is in the audio file. Pure.

Units: *file seconds* are seconds into the audio file at normal speed (the tempo scale lives
in the backing); *beats* are quarter notes counted from beat 0 = bar 1 (negative before it).

Two shapes, both piecewise linear seconds ↔ beats:

* :meth:`BeatMap.constant` — one BPM and the file second where beat 0 is (``audio_start``);
* :meth:`BeatMap.from_times` — the file second of every beat, for tracks that drift (beat
  ``k`` is at ``times[k]``); before the first and after the last listed beat the nearest
  segment's tempo continues.

Immutable; safe to share between threads.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Sequence

__all__ = ["BeatMap"]


class BeatMap:
    def __init__(self, beats: Sequence[float], seconds: Sequence[float]):
        """Knots of the map: ``seconds[i]`` is where ``beats[i]`` is. Both strictly increasing."""
        if len(beats) != len(seconds) or len(beats) < 2:
            raise ValueError("a beat map needs at least two (beat, second) knots")
        for a, b in zip(seconds, seconds[1:]):
            if not b > a:
                raise ValueError("beat times must increase")
        for a, b in zip(beats, beats[1:]):
            if not b > a:
                raise ValueError("beats must increase")
        self._beats = [float(b) for b in beats]
        self._secs = [float(s) for s in seconds]

    @classmethod
    def constant(cls, bpm: float, offset_s: float = 0.0) -> "BeatMap":
        """``bpm`` quarter notes per minute; beat 0 at ``offset_s`` file seconds."""
        if not bpm > 0:
            raise ValueError(f"tempo must be positive, got {bpm}")
        return cls([0.0, 1.0], [offset_s, offset_s + 60.0 / bpm])

    @classmethod
    def from_times(cls, times: Sequence[float]) -> "BeatMap":
        """Beat ``k`` is at file second ``times[k]`` (at least two beats)."""
        return cls(list(range(len(times))), list(times))

    def _segment(self, keys: list[float], x: float) -> int:
        i = bisect_right(keys, x) - 1
        return min(max(i, 0), len(keys) - 2)

    def beat_at(self, seconds: float) -> float:
        """Beat position at ``seconds`` into the file."""
        i = self._segment(self._secs, seconds)
        s0, s1, b0, b1 = self._secs[i], self._secs[i + 1], self._beats[i], self._beats[i + 1]
        return b0 + (seconds - s0) * (b1 - b0) / (s1 - s0)

    def seconds_at(self, beat: float) -> float:
        """File second where ``beat`` is."""
        i = self._segment(self._beats, beat)
        s0, s1, b0, b1 = self._secs[i], self._secs[i + 1], self._beats[i], self._beats[i + 1]
        return s0 + (beat - b0) * (s1 - s0) / (b1 - b0)

    def bpm_at(self, beat: float) -> float:
        """Tempo (quarter notes per minute, at normal speed) at ``beat``."""
        i = self._segment(self._beats, beat)
        return 60.0 * (self._beats[i + 1] - self._beats[i]) / (self._secs[i + 1] - self._secs[i])
