"""VLC backing: how closely the beat clock follows the sound, per file format.

A click track (120 BPM, a click on every beat) is generated as WAV (numpy), FLAC and OGG
(sox) and MP3 (VLC's own transcoder), then played through :class:`VlcBacking` with VLC
decoding into callbacks (``AudioCapture``): every block of samples comes with the clock time
it is due out, so the true beat position of the sound is known (click k is beat k). Each
frame (60 Hz) the bench samples the backing's ``position()`` and the raw ``get_time()`` and
records the error against the truth. Formats run in parallel processes (wall time ≈ one
run). Keys: ``vlc.<fmt>.clock.p50_ms`` / ``p99_ms`` / ``max_ms`` / ``mean_ms`` (signed),
``vlc.<fmt>.raw.*`` (raw ``get_time()``), ``vlc.<fmt>.start_latency_ms`` (play() → first
click due out), ``vlc.<fmt>.seek.err_ms`` (clock beat minus the nearest whole beat when
a click is due out after ``seek(8)``; which beat it is: ``_click_beats``), ``vlc.<fmt>.seek.latency_ms`` (seek() → first sound due out), ``seek.audio_err_ms`` (where
the sound landed, modulo a beat),
``vlc.<fmt>.seek.fwd.*`` (a forward seek: ``ended``, ``latency_ms``, ``past_ms``, ``err_ms``;
see ``_forward_seek``), ``vlc.<fmt>.rate08.clock.p99_ms`` (after ``set_tempo_scale(0.8)``, from 1.6 s after it,
against the samples timed back to back: ``AudioCapture.steady_onsets``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import wave
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
BPM = 120.0
SR = 44100
SECONDS = float(os.environ.get("HELSEKOR_BENCH_VLC_SECONDS", "30"))


def click_track(path: Path, seconds: float, bpm: float = BPM) -> None:
    n = int(SR * (seconds + 0.5))
    x = np.zeros(n, np.float32)
    L = int(0.02 * SR)
    t = np.arange(L) / SR
    click = 0.8 * np.sin(2 * np.pi * 1000 * t) * np.exp(-t * 150)
    for k in range(int(seconds * bpm / 60) + 1):
        i = int(round(k * 60 / bpm * SR))
        if i + L <= n:
            x[i:i + L] += click
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SR)
        w.writeframes((x * 32767).astype("<i2").tobytes())


def make_formats(folder: Path, seconds: float) -> dict[str, Path]:
    """WAV always; FLAC/OGG with sox; MP3 with VLC's transcoder. Missing tools skip a format."""
    from player.audio.vlcengine import VlcEngine
    wav = folder / "click.wav"
    click_track(wav, seconds)
    out = {"wav": wav}
    for fmt in ("flac", "ogg"):
        dst = folder / f"click.{fmt}"
        if subprocess.run(["sox", str(wav), str(dst)], capture_output=True).returncode == 0:
            out[fmt] = dst
    mp3 = folder / "click.mp3"
    with VlcEngine("adummy", ("--no-video",)) as eng:
        mp = eng.new_player()
        m = eng.media(str(wav))
        m.add_option(f":sout=#transcode{{acodec=mp3,ab=192,channels=1,samplerate={SR}}}"
                     f":std{{access=file,mux=dummy,dst={mp3}}}")
        mp.set_media(m)
        mp.play()
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < 60 and str(mp.get_state()) not in ("State.Ended", "State.Error"):
            time.sleep(0.05)
        mp.stop()
        mp.release()
    if mp3.exists() and mp3.stat().st_size > 1000:
        out["mp3"] = mp3
    return out


def _stats(prefix: str, errs_ms: list[float]) -> dict[str, float]:
    a = np.abs(np.array(errs_ms)) if errs_ms else np.array([np.nan])
    return {f"{prefix}.p50_ms": float(np.median(a)), f"{prefix}.p99_ms": float(np.percentile(a, 99)),
            f"{prefix}.max_ms": float(a.max()),
            f"{prefix}.mean_ms": float(np.mean(errs_ms)) if errs_ms else float("nan")}


def _truth_line(onsets: list[float], spb: float) -> tuple[float, float]:
    """Fit click k at a + k*spb' (robust: drop onsets off the line). Returns (a, spb')."""
    on = np.array(onsets)
    k = np.round((on - on[0]) / spb)
    a, s = on[0], spb
    for _ in range(3):
        s, a = np.polyfit(k, on, 1)
        keep = np.abs(on - (a + k * s)) < 0.01
        on, k = on[keep], k[keep]
    return float(a), float(s)


def _click_beats(onsets, frames) -> np.ndarray:
    """Which beat each click after a seek is: the clock's beat 0.8 s after it, less 0.8 s of
    beats (by then VLC's time reports have set the clock on the sound, ±1 ms). Rounding the
    clock at the click itself hid errors past half a beat (a FLAC seek landing a beat on
    showed 135 ms where the clock was 365 ms off)."""
    t = [f[0] for f in frames]
    p = [f[1] for f in frames]
    return np.round(np.interp(np.asarray(onsets) + 0.8, t, p) - 0.8 * BPM / 60.0)


def _forward_seek(fmt: str, back, cap, clock, beat: float) -> dict[str, float]:
    """Keys ``vlc.<fmt>.seek.fwd.*``: ``ended`` (1 if the song ended instead of playing
    on), ``latency_ms`` (seek() → first sound due out), ``past_ms`` (where the sound landed:
    file ms past the target, negative before it), ``err_ms`` (clock minus the click's beat
    when each of the first two clicks is due out, the larger in size; which beat a click
    is: ``_click_beats``)."""
    spb = 60.0 / BPM
    key = f"vlc.{fmt}.seek.fwd"
    frames, kinds = [], []
    t_seek = clock.now()
    back.seek(beat)
    while clock.now() - t_seek < 2.2:
        kinds += [e.kind for e in back.poll()]
        frames.append((clock.now(), back.position()))
        time.sleep(1 / 240)
    out = {f"{key}.ended": float("end" in kinds or back.state != "playing")}
    blocks = cap.blocks(since_flush=True)
    after = [o for o in cap.onsets(since_flush=True) if o > t_seek]
    if not blocks or blocks[0][0] < t_seek - 0.1 or len(after) < 2:
        return out
    out[f"{key}.latency_ms"] = (blocks[0][0] - t_seek) * 1000
    beats = _click_beats(after[:2], frames)
    landed = beats[0] * spb - (after[0] - blocks[0][0])    # file s of the first sound
    out[f"{key}.past_ms"] = (landed - beat * spb) * 1000
    at = np.interp(after[:2], [f[0] for f in frames], [f[1] for f in frames])
    errs = (at - beats) * spb * 1000
    out[f"{key}.err_ms"] = float(errs[np.argmax(np.abs(errs))])
    return out


def run_one(fmt: str, path: str, seconds: float) -> dict[str, float]:
    sys.path.insert(0, str(ROOT))
    from player.audio.beatmap import BeatMap
    from player.audio.capture import AudioCapture
    from player.audio.vlcbacking import VlcBacking
    from player.audio.vlcengine import VlcEngine
    from player.core.time.clock import MonotonicClock

    clock = MonotonicClock()
    spb = 60.0 / BPM
    res: dict[str, float] = {}
    with VlcEngine("capture", ("--no-video",)) as eng:
        bm = BeatMap.constant(BPM, 0.0)
        back = VlcBacking(eng, path, bm, clock=clock)
        cap = AudioCapture(back.player, eng.vlc, rate=SR)
        frames: list[tuple[float, float, float]] = []
        t_play = clock.now()
        back.start(0.0, count_in=False)
        while clock.now() - t_play < seconds - 1.0:
            back.poll()
            now = clock.now()
            frames.append((now, back.position(), bm.beat_at(back.player.get_time() / 1000.0)))
            time.sleep(max(0.0, 1 / 60 - (clock.now() - now)))
        onsets = cap.onsets()
        a, s = _truth_line(onsets, spb)          # click k is beat k: beat(t) = (t - a) / s
        res[f"vlc.{fmt}.start_latency_ms"] = (onsets[0] - t_play) * 1000
        clock_err, raw_err = [], []
        for t, pos, raw in frames:
            if t < onsets[0] or t > onsets[-1]:
                continue
            truth = (t - a) / s
            clock_err.append((pos - truth) * spb * 1000)
            raw_err.append((raw - truth) * spb * 1000)
        res.update(_stats(f"vlc.{fmt}.clock", clock_err))
        res.update(_stats(f"vlc.{fmt}.raw", raw_err))

        # seek to beat 8 (bar 3): when is that click due out, and what does the clock say then
        frames = []
        t_seek = clock.now()
        back.seek(8.0)
        while clock.now() - t_seek < 1.5 + 0.8:
            back.poll()
            frames.append((clock.now(), back.position()))
            time.sleep(1 / 240)
        blocks = cap.blocks(since_flush=True)
        after = [o for o in cap.onsets(since_flush=True) if o > t_seek]
        if blocks and after:
            # the sound after the seek starts at the first block delivered after the flush;
            # the clock must say a whole beat when each click is due out
            res[f"vlc.{fmt}.seek.latency_ms"] = (blocks[0][0] - t_seek) * 1000
            pos_then = float(np.interp(after[0], [f[0] for f in frames], [f[1] for f in frames]))
            k = _click_beats([after[0]], frames)[0]
            res[f"vlc.{fmt}.seek.err_ms"] = (pos_then - k) * spb * 1000
            # where the sound landed against beat 8 (file ms, + past it)
            res[f"vlc.{fmt}.seek.audio_err_ms"] = (k * spb - (after[0] - blocks[0][0]) - 8 * spb) * 1000

        # rate 0.8 mid-play: clock error against the clicks after the change has settled
        back.set_tempo_scale(0.8)
        t_rate = clock.now()
        frames = []
        while clock.now() - t_rate < 6.0:
            back.poll()
            frames.append((clock.now(), back.position()))
            time.sleep(1 / 60)
        # truth: the samples back to back (VLC's stretch labels its 30 ms strides ±15 ms off;
        # see AudioCapture.steady_onsets); blocks due before t_rate + 1.6 s were handed out
        # at the old rate
        on = [t for _, t in cap.steady_onsets(t_rate + 1.6)]
        if len(on) >= 3:
            a2, s2 = _truth_line(on, spb / 0.8)
            k0 = round(float(np.interp(on[0], [f[0] for f in frames], [f[1] for f in frames])))
            errs = [(p - (k0 + (t - a2) / s2)) * spb / 0.8 * 1000 for t, p in frames if on[0] <= t <= on[-1]]
            res.update({k.replace("clock", "rate08.clock"): v
                        for k, v in _stats(f"vlc.{fmt}.clock", errs).items()})
        back.close()

        # forward seek to beat 40.25 (or half way into a short file) on a fresh player (so the figures above are untouched;
        # OGG through VLC's own demuxer ended the song here): did it play on, where did the
        # sound land, what does the clock say when the next clicks are due out
        back = VlcBacking(eng, path, bm, clock=clock)
        cap = AudioCapture(back.player, eng.vlc, rate=SR)
        back.start(0.0, count_in=False)
        t0 = clock.now()
        while clock.now() - t0 < 1.5:
            back.poll()
            time.sleep(1 / 60)
        res.update(_forward_seek(fmt, back, cap, clock, min(40.25, (seconds + 10) / spb / 2 + 0.25)))
        back.close()
    return res


def run() -> dict[str, float]:
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        files = make_formats(Path(tmp), SECONDS + 10)
        with ProcessPoolExecutor(max_workers=len(files)) as pool:
            futs = {fmt: pool.submit(run_one, fmt, str(p), SECONDS) for fmt, p in files.items()}
            for fmt, fut in futs.items():
                results.update(fut.result())
    results["vlc.formats"] = float(len(files))
    return results


if __name__ == "__main__":
    for key, value in sorted(run().items()):
        print(f"{key:<40} {value:10.2f}")
