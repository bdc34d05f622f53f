"""How much later the room hears the sound than the audio path's own clock says, as the path
reports it, and the picture's offset made of it. No setting is needed for this part; the
conductor's ``audio.latency_ms`` (a Bluetooth speaker, a projector's own delay, found with
``helsekor calibrate``) is added on top.

- The built-in synth: its sample clock (:class:`~player.midi.synth.SampleClock`) counts a block
  as heard when SDL asks for the next one. Through SDL's PulseAudio output the block then waits
  in the stream's buffer and the sink: PulseAudio reports both for our stream
  (``pactl list sink-inputs``: "Buffer Latency" + "Sink Latency", 7 ms measured with SDL's 512
  samples at 44.1 kHz). Other SDL drivers (dummy, disk, ALSA) report nothing here: 0.
- VLC: its time already follows the output (VLC asks its audio output for the delay); the lead
  per file type is in :mod:`player.audio.latency`, measured with ``--aout=afile``. Through its
  PulseAudio output the reported time was further behind the sound: :data:`VLC_AOUT_LEAD_S`.
- The picture: a beat is drawn on the first frame after it, half a frame late on average, so
  the picture clock runs half a frame ahead (:func:`picture_offset_s`).

Called on a worker thread (``pactl`` is a process); the values are plain floats.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from typing import Callable

__all__ = ["pulse_stream_latency_s", "synth_output_latency_s", "picture_offset_s", "port_latency_s",
           "vlc_output_lead_s", "VLC_AOUT_LEAD_S"]

#: How far VLC's time (with :mod:`latency`'s lead taken off) ran behind the sound through an
#: output, in seconds (bench/bench_live_av.py, VLC 3.0 through PulseAudio 16: the picture
#: 20 ms after the sound on WAV clicks, of which half a frame is the frame's own).
VLC_AOUT_LEAD_S = {"pulse": -0.012}

#: A reported output latency past this is taken for a stream still starting, not believed.
MOST_BELIEVED_S = 0.25

_BLOCK = re.compile(r"^Sink Input #", re.M)


def pulse_stream_latency_s(pid: int | None = None, run: Callable = subprocess.run) -> float | None:
    """PulseAudio's reported latency of this process's playback stream (buffer + sink, seconds),
    or None when there is no server, no ``pactl`` or no stream of ours."""
    pid = os.getpid() if pid is None else pid
    if run is subprocess.run and shutil.which("pactl") is None:
        return None
    try:
        done = run(["pactl", "list", "sink-inputs"], capture_output=True, text=True, timeout=3)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    for block in _BLOCK.split(done.stdout):
        if f'application.process.id = "{pid}"' not in block:
            continue
        found = [int(m) for m in re.findall(r"(?:Buffer|Sink) Latency: (\d+) usec", block)]
        if found:
            return sum(found) / 1e6
    return None


def synth_output_latency_s(driver: str, query: Callable[[], float | None] = pulse_stream_latency_s,
                           sleep: Callable[[float], None] = time.sleep, most_s: float = 3.0) -> float:
    """The built-in synth's output latency past its sample clock, for SDL's audio ``driver``.

    Right after the stream opens PulseAudio reports its start-up buffer (381 ms was seen): the
    report is read every 0.2 s until two in a row agree within 2 ms (at most ``most_s``), and a
    report past :data:`MOST_BELIEVED_S` is not believed (0: the conductor can calibrate)."""
    if driver not in ("pulseaudio", "pulse", "pipewire"):
        return 0.0
    last = None
    for _ in range(max(1, round(most_s / 0.2))):
        now = query()
        if now is None:
            return 0.0
        if last is not None and abs(now - last) <= 0.002:
            return now if now <= MOST_BELIEVED_S else 0.0
        last = now
        sleep(0.2)
    return 0.0


def picture_offset_s(user_s: float, output_s: float, fps: float) -> float:
    """How far behind its audio path's clock the picture is drawn: the output's latency plus the
    conductor's setting, less half a frame (a beat shows on the first frame after it)."""
    return user_s + output_s - (0.5 / fps if fps > 0 else 0.0)


def port_latency_s(port) -> float:
    """A MIDI output's latency past its clock: the built-in synth's through its SDL driver; a
    port to a keyboard reports none (0)."""
    device = getattr(port, "_device", None)          # SynthOutput's SdlAudioOut
    driver = getattr(device, "driver", "")
    return synth_output_latency_s(driver) if driver else 0.0


def vlc_output_lead_s(output: str, env=os.environ) -> float:
    """:data:`VLC_AOUT_LEAD_S` for VLC's ``audio.vlc_output``: "auto" plays through PulseAudio when
    a server answers at its usual place."""
    if output != "auto":
        return 0.0
    runtime = env.get("XDG_RUNTIME_DIR", "")
    pulse = env.get("PULSE_SERVER") or (runtime and os.path.exists(os.path.join(runtime, "pulse", "native")))
    return VLC_AOUT_LEAD_S["pulse"] if pulse else 0.0
