"""The built-in synth's two engines compared: FluidSynth (Debian's libfluidsynth3 through
pyfluidsynth) and TinySoundFont (a self-contained wheel), on the shipped SoundFont.

Figures per engine: install size (what pip or apt puts on disk for it), render speed (× real
time over a whole song), onset accuracy (first audible sample after each isolated note-on minus
the sample the event was placed on, ms), loudness against FluidSynth, and how alike they sound
(correlation of the long-term magnitude spectra of the same song, 1.0 = the same balance).
"""

from __future__ import annotations

import importlib.util
import os
import time
from pathlib import Path

import mido
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SONG = ROOT / "songs" / "deilig-er-jorden.mid"
ENGINES = ("fluidsynth", "tinysoundfont")


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) if path.is_dir() else 0


def _install_bytes(engine: str) -> int:
    if engine == "tinysoundfont":
        spec = importlib.util.find_spec("tinysoundfont")
        return _size(Path(spec.origin).parent) if spec else 0
    spec = importlib.util.find_spec("fluidsynth")
    total = _size(Path(spec.origin)) if spec else 0
    # libfluidsynth3 and the libraries only it pulls in (Debian 12: libinstpatch, libsdl2 is shared)
    for lib in Path("/usr/lib/x86_64-linux-gnu").glob("lib*"):
        if lib.name.startswith(("libfluidsynth.so", "libinstpatch")) and not lib.is_symlink():
            total += _size(lib)
    return total


def _clicks(path: Path, n: int = 24) -> Path:
    """Isolated piano notes, one every 0.5 s, so each onset can be found in the sound."""
    mid = mido.MidiFile(ticks_per_beat=480)
    track = mido.MidiTrack()
    mid.tracks.append(track)
    track.append(mido.MetaMessage("set_tempo", tempo=500000))
    for i in range(n):
        track.append(mido.Message("note_on", note=60 + (i % 12), velocity=100, time=0 if i == 0 else 240))
        track.append(mido.Message("note_off", note=60 + (i % 12), velocity=0, time=240))
    mid.save(path)
    return path


def _onset_errors_ms(audio: np.ndarray, events: list[int], rate: int) -> list[float]:
    mono = np.abs(audio.astype(np.float64)).max(axis=1)
    errs = []
    for s in events:
        window = mono[s: s + rate // 4]
        if window.size == 0 or window.max() <= 0:
            continue
        threshold = 0.05 * window.max()
        errs.append(float(np.argmax(window > threshold)) * 1000.0 / rate)
    return errs


def _spectrum(audio: np.ndarray) -> np.ndarray:
    mono = audio.astype(np.float64).mean(axis=1)
    frames = mono[: len(mono) // 4096 * 4096].reshape(-1, 4096)
    mag = np.abs(np.fft.rfft(frames * np.hanning(4096), axis=1)).mean(axis=0)
    return np.log10(mag + 1e-9)


def run() -> dict[str, float]:
    from player.midi.engines import make_engine
    from player.midi.offline import render

    out: dict[str, float] = {}
    spectra, rms = {}, {}
    tmp = Path(os.environ.get("TMPDIR", "/tmp")) / "bench-synth-clicks.mid"
    clicks = _clicks(tmp)
    for engine in ENGINES:
        try:
            make_engine("", 44100, choice=engine).close()
        except Exception as err:  # noqa: BLE001 - an engine not installed here is reported, not fatal
            print(f"  {engine}: not available ({err})")
            continue
        speeds = []
        for _ in range(2):
            t0 = time.perf_counter()
            r = render(SONG, synth=engine)
            speeds.append(len(r.audio) / 44100 / (time.perf_counter() - t0))
        spectra[engine] = _spectrum(r.audio)
        rms[engine] = float(np.sqrt((r.audio.astype(np.float64) ** 2).mean()))
        c = render(clicks, synth=engine, tail_seconds=0.5)
        errs = _onset_errors_ms(c.audio, list(c.onset_samples), 44100)
        key = f"synth.{engine}"
        out[f"{key}.install_mb"] = round(_install_bytes(engine) / 1e6, 2)
        out[f"{key}.render_x_realtime.min"] = round(min(speeds), 1)
        out[f"{key}.onset_ms.p50"] = round(float(np.percentile(errs, 50)), 3)
        out[f"{key}.onset_ms.max"] = round(float(max(errs)), 3)
    if "fluidsynth" in rms and "tinysoundfont" in rms:
        out["synth.tinysoundfont.rms_vs_fluidsynth"] = round(rms["tinysoundfont"] / rms["fluidsynth"], 3)
        out["synth.spectrum_correlation"] = round(float(np.corrcoef(spectra["fluidsynth"], spectra["tinysoundfont"])[0, 1]), 4)
    return out
