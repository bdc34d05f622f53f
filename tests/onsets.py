"""Checking that a sound starts at a given time in rendered audio, for tests that compare
timeline.json with audio.wav.

A soft flute melody swells in slowly and hides the start of other notes in the plain loudness,
so the check looks at two bands separately: 2–10 kHz, where a piano attack or a click is sharp,
and 40–500 Hz, where a bass note begins. A sound starts at ``t`` when either band's energy just
after ``t`` is well above its energy just before.
"""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np

N, HOP = 256, 64           # 5.8 ms windows every 1.45 ms at 44.1 kHz
BANDS = ((2000, 10000), (40, 500))


def read_mono(path: Path) -> tuple[np.ndarray, int]:
    with wave.open(str(path)) as w:
        sr = w.getframerate()
        a = np.frombuffer(w.readframes(w.getnframes()), np.int16).reshape(-1, w.getnchannels())
    return a.astype(np.float32).mean(axis=1) / 32768.0, sr


def rise_at(audio: np.ndarray, sr: int, t: float, after_s: float = 1 / 30) -> float:
    """How much more energy there is in the ``after_s`` after ``t`` than in the 40 ms before
    it (the larger of the two bands); ≥ 2 means a sound starts within ``after_s`` of ``t``."""
    a0, a1 = int((t - 0.06) * sr), int((t + after_s + 0.01) * sr) + N
    if a0 < 0:                                   # silence before the file's first sample
        pad = np.zeros(-a0, np.float32)
        seg, a0 = np.concatenate([pad, audio[:a1]]), a0
    else:
        seg = audio[a0:a1]
    count = (len(seg) - N) // HOP
    if count <= 4:
        return 0.0
    idx = np.arange(N)[None, :] + HOP * np.arange(count)[:, None]
    spectrum = np.abs(np.fft.rfft(seg[idx] * np.hanning(N), axis=1)) ** 2
    centres = (a0 + HOP * np.arange(count) + N / 2) / sr
    before = (centres >= t - 0.045) & (centres < t - 0.006)
    after = (centres >= t - 0.003) & (centres < t + after_s)
    best = 0.0
    for lo, hi in BANDS:
        energy = spectrum[:, int(lo * N / sr):max(int(lo * N / sr) + 1, int(hi * N / sr))].sum(axis=1)
        best = max(best, float(energy[after].max() / (energy[before].mean() + 1e-12)))
    return best
