"""Decode VLC's output into memory: every sample with the clock time it is due to be heard.

For tests and the benchmark (no sound card here), and as the basis of a callback-driven output.
Attach to a media player of an engine made with ``output="capture"`` *before* ``play()``.
The callbacks run on VLC's audio thread; they only copy samples into a list under a lock
(never call libvlc from them). Samples are int16, mono unless ``channels`` is given, at
``rate`` Hz. ``due`` times are seconds on the monotonic clock (libvlc's clock is
CLOCK_MONOTONIC, the same one ``time.perf_counter`` reads on Linux).
"""

from __future__ import annotations

import ctypes
import threading
from typing import Any

import numpy as np

__all__ = ["AudioCapture"]


class AudioCapture:
    def __init__(self, player: Any, vlc: Any, rate: int = 44100, channels: int = 1):
        self.rate = rate
        self.channels = channels
        self._lock = threading.Lock()
        self._blocks: list[tuple[float, np.ndarray]] = []   # (due seconds, samples)
        self.flushes: list[float] = []
        self._first_after_flush = 0    # index of the first block delivered after the last flush

        @vlc.CallbackDecorators.AudioPlayCb
        def _play(_opaque, samples, count, pts):   # VLC audio thread
            buf = ctypes.cast(samples, ctypes.POINTER(ctypes.c_int16))
            a = np.ctypeslib.as_array(buf, shape=(count * channels,)).copy()
            with self._lock:
                self._blocks.append((pts / 1e6, a.reshape(count, channels)))

        @vlc.CallbackDecorators.AudioFlushCb
        def _flush(_opaque, pts):
            with self._lock:
                self.flushes.append(pts / 1e6)
                self._first_after_flush = len(self._blocks)

        self._keep = (_play, _flush)   # ctypes callbacks must outlive the player
        player._helsekor_capture = self._keep   # ... also when the player is released after a fade
        player.audio_set_callbacks(_play, None, None, _flush, None, None)
        player.audio_set_format("S16N", rate, channels)

    def blocks(self, since_flush: bool = False) -> list[tuple[float, np.ndarray]]:
        """(due time, samples) of every block so far, in the order VLC delivered them.

        VLC delivers up to a second ahead; a seek or stop flushes what was not yet due, so
        ``since_flush`` keeps only blocks delivered after the last flush."""
        with self._lock:
            return list(self._blocks[self._first_after_flush:] if since_flush else self._blocks)

    def samples(self) -> np.ndarray:
        """All samples so far, concatenated (float in -1..1, first channel)."""
        blocks = self.blocks()
        if not blocks:
            return np.zeros(0, np.float32)
        return np.concatenate([b[:, 0] for _, b in blocks]).astype(np.float32) / 32768.0

    def onsets(self, threshold: float = 0.25, min_gap_s: float = 0.1, since_flush: bool = False) -> list[float]:
        """Due times (clock seconds) of every sound onset (first sample above ``threshold``)."""
        out: list[float] = []
        for due, block in self.blocks(since_flush):
            hits = np.nonzero(np.abs(block[:, 0].astype(np.float32)) > threshold * 32768)[0]
            for j in hits:
                t = due + j / self.rate
                if not out or t - out[-1] > min_gap_s:
                    out.append(t)
        return out

    def steady_onsets(self, since: float, threshold: float = 0.25,
                      min_gap_s: float = 0.1) -> list[tuple[int, float]]:
        """(index among all onsets, clock seconds) of each onset in blocks due after ``since``,
        timed as a device plays them: back to back, where VLC's labels put them on average.

        For a stretch with no seek or rate change after ``since``. VLC's time-stretch
        (any rate but 1) hands out 30 ms strides under the labels of 50 ms input blocks, so a
        block's own label is off by up to ±15 ms (a saw-tooth), while the samples are whole
        and continuous; a real output plays them so, and VLC keeps them on its labels on
        average (measured: the line through these onsets has the right beat length to 0.1 %,
        residuals ≤ 3 ms)."""
        blocks = self.blocks()
        starts = np.cumsum([0] + [len(b) for _, b in blocks])
        first = next((i for i, (due, _) in enumerate(blocks) if due > since), None)
        if first is None:
            return []
        anchor = float(np.mean([due - starts[i] / self.rate
                                for i, (due, _) in enumerate(blocks) if i >= first]))
        x = np.abs(np.concatenate([b[:, 0] for _, b in blocks]).astype(np.float32))
        out: list[tuple[int, float]] = []
        last = -1e9
        count = 0
        for j in np.nonzero(x > threshold * 32768)[0]:
            if (j - last) / self.rate > min_gap_s:
                if j >= starts[first]:
                    out.append((count, anchor + j / self.rate))
                count += 1
                last = j
        return out
