"""Test media made in code: WAV with numpy, OGG/FLAC with sox, a video clip as YUV4MPEG2."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np

SR = 44100


def write_wav(path: Path, x: np.ndarray, sr: int = SR) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(sr)
        w.writeframes((np.clip(x, -1, 1) * 32767).astype("<i2").tobytes())
    return path


def clicks(seconds: float, bpm: float = 120.0, sr: int = SR) -> np.ndarray:
    x = np.zeros(int(seconds * sr), np.float32)
    L = int(0.02 * sr)
    t = np.arange(L) / sr
    click = 0.8 * np.sin(2 * np.pi * 1000 * t) * np.exp(-t * 150)
    for k in range(int(seconds * bpm / 60) + 1):
        i = int(round(k * 60 / bpm * sr))
        if i + L <= len(x):
            x[i:i + L] += click
    return x


def tone(seconds: float, hz: float = 440.0, amp: float = 0.5, sr: int = SR) -> np.ndarray:
    return (amp * np.sin(2 * np.pi * hz * np.arange(int(seconds * sr)) / sr)).astype(np.float32)


def write_y4m(path: Path, frames: int = 50, w: int = 320, h: int = 240, fps: int = 25) -> Path:
    """A bright moving-bar clip in YUV4MPEG2 (4:2:0), which VLC's rawvid demuxer plays."""
    with open(path, "wb") as f:
        f.write(f"YUV4MPEG2 W{w} H{h} F{fps}:1 Ip A1:1 C420jpeg\n".encode())
        for i in range(frames):
            y = np.full((h, w), 200, np.uint8)
            y[:, (i * 6) % w:(i * 6) % w + 40] = 40
            f.write(b"FRAME\n" + y.tobytes() + np.full((h // 2, w // 2), 60, np.uint8).tobytes()
                    + np.full((h // 2, w // 2), 200, np.uint8).tobytes())
    return path


def write_sox(path: Path, x: np.ndarray, sr: int = SR) -> Path:
    """``x`` encoded by sox into the format of ``path``'s suffix (OGG Vorbis, FLAC), as a
    choir's own tools would make it. Needs the Debian package sox (tools/setup.sh)."""
    import shutil
    import subprocess
    if shutil.which("sox") is None:
        raise RuntimeError("sox is missing: sudo apt-get install sox (tools/setup.sh installs it)")
    wav = write_wav(path.with_suffix(".src.wav"), x, sr)
    subprocess.run(["sox", str(wav), str(path)], check=True, capture_output=True)
    wav.unlink()
    return path
