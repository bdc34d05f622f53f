"""Picture against sound in the live show, with a real sound server.

`python -m player.cli run SESSION --windowed --restart` under Xvfb, its sound through a
PulseAudio user daemon this bench starts (a null sink, ``show``) and stops: the built-in synth
through SDL's pulse output (``SDL_AUDIODRIVER=pulseaudio``) and a click track through VLC's pulse
output, as WAV and as MP3. The session (made here) has three songs with a click on every beat;
their corner pulse swells on every beat. :mod:`bench.avcapture` records the sink's monitor and
grabs the pulse's corner on one clock; each beat's onset in the sound is paired with the
pulse's change in the picture.

- ``live.av.capture_ms``: the capture's own delay (picture minus sound of a known flash-and-click
  source through the same capture, minus what the source did); subtracted from the rest.
- ``live.av.synth.p50_ms``/``p95_ms``, ``live.av.vlc.*`` (WAV and MP3 together), ``live.av.vlc_wav.*``,
  ``live.av.vlc_mp3.*``: picture minus sound per beat (positive: the picture after the sound);
  p95 is the 95th percentile of the signed offsets, ``*.p05_ms`` the 5th.
- ``live.av.calibrated``: 1 when the figures used a calibration (``audio.latency_ms`` not 0), else 0.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path

import numpy as np

from bench.avcapture import Capture, FlashClick, PulseServer, pair, picture_onsets, sound_onsets
from bench.bench_live import ROOT, SIZE, Screen, answer, first_frame, pct, stop
from player.display.xvfb import Xvfb

TEMPO = 100
BEATS = 40
AUDIO_START = 0.5
SECONDS = float(os.environ.get("HELSEKOR_BENCH_AV_SECONDS", "9"))
#: the corner pulse of the lyrics scene at 960×540 (its swelling circle), found in a grab
BOX = (858, 20, 60, 62)
VERBOSE = bool(os.environ.get("HELSEKOR_BENCH_VERBOSE"))
LATENCY_MS = float(os.environ.get("HELSEKOR_BENCH_LATENCY_MS", "0"))


def _song_yaml(title: str, backing: str) -> str:
    lines = "\n".join(f"      - text: \"En to tre fire {k + 1}\"" for k in range(BEATS // 4))
    timing = "\n".join(f"  - [{4 * k}, 4]" for k in range(BEATS // 4))
    return (f"version: 1\ntitle: \"{title}\"\nmeter: 4/4\ntempo: {TEMPO}\n{backing}\ntiming:\n{timing}\n"
            f"sections:\n  - id: v1\n    name: Vers 1\n    kind: verse\n    lines:\n{lines}\n")


def _clicks_midi(path: Path) -> None:
    import mido
    f = mido.MidiFile(ticks_per_beat=480)
    tr = mido.MidiTrack()
    f.tracks.append(tr)
    tr.append(mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(TEMPO), time=0))
    tr.append(mido.MetaMessage("time_signature", numerator=4, denominator=4, time=0))
    for _ in range(BEATS):
        tr.append(mido.Message("note_on", channel=9, note=76, velocity=120, time=0))
        tr.append(mido.Message("note_off", channel=9, note=76, velocity=0, time=60))
        tr.append(mido.Message("note_on", channel=9, note=76, velocity=0, time=420))
    f.save(path)


def _clicks_wav(path: Path) -> None:
    sr = 44100
    x = np.zeros(int((AUDIO_START + BEATS * 60 / TEMPO + 1) * sr), np.float32)
    t = np.arange(int(0.02 * sr)) / sr
    click = 0.8 * np.sin(2 * np.pi * 1000 * t) * np.exp(-t * 150)
    for k in range(BEATS):
        i = round((AUDIO_START + k * 60 / TEMPO) * sr)
        x[i:i + len(click)] += click
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(sr)
        w.writeframes((x * 32767).astype("<i2").tobytes())


def make_session(folder: Path) -> tuple[Path, list[str]]:
    """The bench's session: a card, then the three click songs; and the kinds measured."""
    songs = folder / "songs"
    songs.mkdir(parents=True)
    _clicks_midi(songs / "av-synth.mid")
    _clicks_wav(songs / "av-wav.wav")
    kinds = ["synth", "vlc_wav"]
    (songs / "av-synth.yaml").write_text(_song_yaml("Klikk synth", "midi: av-synth.mid"), encoding="utf-8")
    (songs / "av-wav.yaml").write_text(_song_yaml("Klikk WAV", f"audio: av-wav.wav\naudio_start: {AUDIO_START}"),
                                       encoding="utf-8")
    steps = ["  - text: Klar\n", "  - song: av-synth\n", "  - song: av-wav\n"]
    encoder = shutil.which("lame") or shutil.which("ffmpeg")
    if encoder:
        mp3 = songs / "av-mp3.mp3"
        cmd = ([encoder, "--quiet", "-b", "192", str(songs / "av-wav.wav"), str(mp3)] if encoder.endswith("lame") else
               [encoder, "-loglevel", "error", "-y", "-i", str(songs / "av-wav.wav"), "-b:a", "192k", str(mp3)])
        if subprocess.run(cmd, capture_output=True).returncode == 0:
            (songs / "av-mp3.yaml").write_text(_song_yaml("Klikk MP3", f"audio: av-mp3.mp3\naudio_start: {AUDIO_START}"),
                                               encoding="utf-8")
            steps.append("  - song: av-mp3\n")
            kinds.append("vlc_mp3")
    session = folder / "av.yaml"
    session.write_text("version: 1\ntitle: Klikk\nsteps:\n" + "".join(steps), encoding="utf-8")
    return session, kinds


def _config(folder: Path) -> Path:
    path = folder / "config.yaml"
    path.write_text(f"state_dir: {folder / 'state'}\nlog_dir: {folder / 'logs'}\n"
                    f"display:\n  size: [{SIZE[0]}, {SIZE[1]}]\naudio:\n  latency_ms: {LATENCY_MS:g}\n",
                    encoding="utf-8")
    return path


def capture_delay(display: str) -> tuple[float, list[float]]:
    """The capture's own picture-minus-sound on the known source (seconds), and each event's."""
    with Capture(display, BOX) as cap:
        source = FlashClick(display, BOX, n=16)
        source.run()
        time.sleep(0.3)
    x, t0, _ = cap.sound()
    measured = pair(picture_onsets(cap.frames), sound_onsets(x, t0))
    own = [m - t for m, t in zip(measured, source.truth)] if len(measured) == len(source.truth) else []
    if not own:
        raise RuntimeError(f"the known source was not seen whole ({len(measured)} of {len(source.truth)} events)")
    return statistics.median(own), own


def _press(keyboard, key: str) -> None:
    keyboard._key(key, True)
    keyboard._key(key, False)


def run() -> dict[str, float]:
    from bench.bench_quit import Keyboard
    folder = Path(tempfile.mkdtemp(prefix="helsekor-av-"))
    out: dict[str, float] = {}
    offsets: dict[str, list[float]] = {}
    try:
        session, kinds = make_session(folder)
        config = _config(folder)
        with Xvfb(SIZE, black_root=True) as xvfb, PulseServer() as pulse:
            own, owns = capture_delay(xvfb.display)
            out["live.av.capture_ms"] = own * 1000
            out["live.av.capture_spread_ms"] = (max(owns) - min(owns)) * 1000
            keyboard = Keyboard(xvfb.display)
            show = None
            try:
                env = pulse.env(xvfb.env(SDL_AUDIODRIVER="pulseaudio", HELSEKOR_CONFIG=str(config)))
                show, launched = launch_session(env, session)
                screen = Screen(xvfb.display)
                try:
                    if first_frame(screen, launched, show) is None:
                        raise RuntimeError(f"the show drew nothing: {show.stderr.read().decode()[-1500:]}")
                    time.sleep(2.5)                                # the first card; the synth loads behind it
                    for kind in kinds:
                        if answer(screen, keyboard, "Right") is None:   # the song's screen, or the press was lost
                            raise RuntimeError(f"Next into {kind} changed nothing on the screen")
                        time.sleep(0.2)
                        with Capture(xvfb.display, BOX) as cap:
                            time.sleep(SECONDS)
                        x, t0, _ = cap.sound()
                        s, p = sound_onsets(x, t0), picture_onsets(cap.frames)
                        got = [v - own for v in pair(p, s)]
                        offsets[kind] = got
                        if VERBOSE:
                            print(f"    {kind}: {len(s)} clicks, {len(p)} pulses, {len(got)} paired: "
                                  f"{[round(v * 1000, 1) for v in got]}", file=sys.stderr)
                        if show.poll() is not None:
                            raise RuntimeError(f"the show ended: {show.stderr.read().decode()[-1500:]}")
                finally:
                    screen.close()
            finally:
                if show is not None:
                    stop(show)
                keyboard.close()
                if VERBOSE:
                    for line in (folder / "logs" / "helsekor.log").read_text(encoding="utf-8").splitlines():
                        if "latency" in line or "sound started" in line:
                            print("    log:", line.split(": ", 1)[-1], file=sys.stderr)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    vlc = offsets.get("vlc_wav", []) + offsets.get("vlc_mp3", [])
    for name, values in [("synth", offsets.get("synth", [])), ("vlc", vlc),
                         ("vlc_wav", offsets.get("vlc_wav", [])), ("vlc_mp3", offsets.get("vlc_mp3", []))]:
        ms = [v * 1000 for v in values]
        out[f"live.av.{name}.p50_ms"] = statistics.median(ms) if ms else float("nan")
        out[f"live.av.{name}.p95_ms"] = pct(ms, 95)
        out[f"live.av.{name}.p05_ms"] = pct(ms, 5)
        out[f"live.av.{name}.beats"] = float(len(ms))
    out["live.av.calibrated"] = 1.0 if LATENCY_MS else 0.0
    return out


def launch_session(env: dict, session: Path):
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    launched = time.perf_counter()
    show = subprocess.Popen([sys.executable, "-m", "player.cli", "run", str(session), "--windowed", "--restart"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return show, launched


if __name__ == "__main__":
    for key, value in run().items():
        print(f"  {key:<40} {value:>10.1f}")
