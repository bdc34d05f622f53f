"""`helsekor calibrate`: the conductor taps along to clicks; the offset is saved.

Clicks play on the configured output (the built-in synth or the MIDI port, as in the show)
at :data:`BPM`. The conductor taps along with Next (a key, the clicker or a pedal: the same
intents as in the show) for :data:`TAPS` taps. Each tap is placed against the clicks as the
audio path reports them heard (its own latency taken off, as the show does, but not
``audio.latency_ms``): the median offset is what the room adds beyond the path's report (a
Bluetooth speaker, a projector's delay). It is shown with its spread and saved as
``audio.latency_ms`` in the user's own config file (:func:`user_config_file`); the show adds it.

Threading: the frame loop (main thread) handles every intent; a pedal's intents come through
the app's thread-safe queue (:meth:`player.display.app.App.post`).
"""

from __future__ import annotations

import re
import statistics
from pathlib import Path

from player.core.model import intents as I
from player.core.model.messages import tr
from player.core.model.settings import Settings
from player.core.show.snapshot import Snapshot
from player.core.show.words import say

__all__ = ["BPM", "TAPS", "CalibrationSource", "user_config_file", "save_latency_ms", "run_calibrate"]

BPM = 80
TAPS = 20
WARM_UP = 2            # the first taps find the beat; not counted
TAP_INTENTS = (I.Next, I.Back, I.Tap)
RESULT_S = 6.0         # the result stays this long (or until Next)
MOST_SPREAD_MS = 100   # taps spread wider than this (between quartiles) are not saved: try again


def user_config_file() -> Path:
    """The user's own config file, where calibration writes (made if missing). The one place
    that says so: ``$HELSEKOR_CONFIG``, an existing user file, else the user's config folder
    (:func:`player.core.model.places.user_places`)."""
    from player.core.model.places import user_places
    from player.core.script.config import user_config_path
    return user_config_path() or user_places().config_file


def save_latency_ms(path: Path, ms: float) -> None:
    """Set ``audio: latency_ms:`` in the YAML file ``path``, keeping every other line as it is."""
    value = f"{ms:.0f}"
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    top = next((i for i, line in enumerate(lines) if re.match(r"audio\s*:\s*(#.*)?$", line)), None)
    if top is None:
        lines += ["audio:", f"  latency_ms: {value}             # helsekor calibrate"]
    else:
        end = next((i for i in range(top + 1, len(lines)) if lines[i] and not lines[i][0].isspace()
                    and not lines[i].lstrip().startswith("#")), len(lines))
        found = next((i for i in range(top + 1, end) if re.match(r"\s+latency_ms\s*:", lines[i])), None)
        if found is not None:
            lines[found] = re.sub(r"(latency_ms\s*:\s*)[^#\s]*", lambda m: m.group(1) + value, lines[found], count=1)
        else:
            indent = next((re.match(r"\s+", lines[i]).group(0) for i in range(top + 1, end)
                           if lines[i].strip() and not lines[i].lstrip().startswith("#")), "  ")
            lines.insert(top + 1, f"{indent}latency_ms: {value}             # helsekor calibrate")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


class CalibrationSource:
    """The app's snapshot source: counts taps against ``backing`` (clicks on every beat at
    :data:`BPM`, its ``latency_s`` the path's reported latency only) and saves the result
    through ``save(ms)``. ``clock``: the app's clock (the intents' ``at``)."""

    def __init__(self, backing, clock, texts, save, taps: int = TAPS):
        self.backing, self.clock, self.texts, self.save = backing, clock, texts, save
        self.wanted = taps
        self.offsets_s: list[float] = []
        self._heard = 0
        self.result: tuple[float, float] | None = None       # (median ms, spread ms)
        self.saved_to = ""
        self.error = ""
        self._done_at: float | None = None
        self.finished = False
        backing.start(0.0, count_in=False)

    def _beat_at(self, at: float | None) -> float:
        late = max(0.0, self.clock.now() - at) if at is not None else 0.0
        b = self.backing
        return b.transport.position(b.clock.now() - late - b.latency_s)

    def handle(self, intent) -> None:
        if isinstance(intent, I.Quit):
            self.finished = True
            return
        if not isinstance(intent, TAP_INTENTS):
            return
        if self.result is not None:
            self.finished = True                             # Next on the result: done
            return
        beat = self._beat_at(intent.at)
        if beat < 0.5:
            return                                           # before the first click was heard
        self._heard += 1
        offset = (beat - round(beat)) * 60.0 / BPM
        if self._heard > WARM_UP:                            # to the nearest click: ±375 ms at 80 bpm
            self.offsets_s.append(offset)
        if len(self.offsets_s) >= self.wanted:
            self._finish()

    def _finish(self) -> None:
        ms = [o * 1000 for o in self.offsets_s]
        q = statistics.quantiles(ms, n=4)
        self.result = (statistics.median(ms), q[2] - q[0])
        self.backing.stop()
        if self.result[1] > MOST_SPREAD_MS:
            self.error = say(self.texts, "calibrate_unsteady")
            self._done_at = self.clock.now()
            return
        try:
            self.saved_to = str(self.save(round(self.result[0])))
        except OSError as err:
            self.error = str(err)
        self._done_at = self.clock.now()

    def tick(self) -> None:
        if self._done_at is not None and self.clock.now() - self._done_at > RESULT_S:
            self.finished = True

    def snapshot(self) -> Snapshot:
        t = self.texts
        if self.result is None:
            return Snapshot(scene="title", title=say(t, "calibrate_title"),
                            subtitle=say(t, "calibrate_tap", n=len(self.offsets_s), of=self.wanted))
        median, spread = self.result
        saved = say(t, "calibrate_saved", file=self.saved_to) if not self.error else say(t, "calibrate_unsaved", error=self.error)
        return Snapshot(scene="title", title=say(t, "calibrate_result", ms=f"{median:+.0f}", spread=f"{spread:.0f}"),
                        subtitle=saved)


def run_calibrate(config: Settings, windowed: bool = False) -> int:
    """The command: a window with the clicks on the configured output; prints the result too."""
    from player.core.time.clock import MonotonicClock
    from .display.app import App, prepare_sdl
    from .live import LiveBackings
    from .midi import MidiBacking
    from .midi.click import pulse_song
    from .audio.outlatency import port_latency_s

    prepare_sdl()
    clock = MonotonicClock()
    notices: list[str] = []
    backings = LiveBackings(config, clock, notices.append)
    port = backings.selector.port
    click = pulse_song(BPM, 4, TAPS * 2, 4)
    backing = MidiBacking(click, port, clock, count_in_bars=0, count_in_note=config.midi.count_in_note,
                          volume=config.midi.volume, latency_s=port_latency_s(port))
    target = user_config_file()

    def save(ms: float) -> Path:
        save_latency_ms(target, ms)
        return target
    source = CalibrationSource(backing, clock, config.texts(), save)
    app = App(source, config, windowed=windowed or None, clock=clock, caption=say(config.texts(), "calibrate_caption"))
    try:
        app.run()
    finally:
        backing.close()
        backings.close()
    if source.result is None:
        print(tr("helsekor calibrate: stopped before the taps were done; nothing was saved"))
        return 1
    median, spread = source.result
    print(tr("{n} taps: the sound is heard {median} ms after the path reports it (spread {spread} ms); "
             "audio.latency_ms = {ms} saved in {place}", n=len(source.offsets_s), median=f"{median:+.0f}",
             spread=f"{spread:.0f}", ms=f"{median:.0f}", place=source.saved_to or source.error))
    return 0 if source.saved_to else 1
