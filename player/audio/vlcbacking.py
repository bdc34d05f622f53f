"""Audio backing through VLC: a recorded track played along with a song step.

Implements :class:`player.core.time.backing.Backing`. Positions are beats from bar 1 (the song's
:class:`BeatMap` says where each beat is in the file); the position is the sound heard in the
room now, from a :class:`SoundClock` fed by VLC's time reports.

Threads: every method is called from the main thread. VLC's event callbacks run on VLC's
threads and only put ``(kind, value, clock time)`` on a queue that :meth:`poll` drains (libvlc
is not re-entrant: calling it from its own callback deadlocks). Volume ramps run on the
:class:`Fader` thread, which calls ``audio_set_volume`` and, at the end of a fade out,
``stop``/``pause``. :meth:`close` never waits: the show calls ``stop(fade=True)`` and then
``close()`` at once, so the fader thread plays the fade out and releases the player after it
(or at once when nothing fades); :meth:`wait_released` is for tests and the benchmark.

Faults during the show never raise out of here: they become ``BackingEvent("error", …)``
with a short Norwegian notice, and the clock holds so the lyrics stay on screen.
"""

from __future__ import annotations

import queue
from pathlib import Path
from typing import Any

from player.core.time.backing import Abilities, BackingEvent
from player.core.time.clock import Clock, MonotonicClock
from player.core.model.errors import MediaError
from player.core.model.messages import tr

from .beatmap import BeatMap
from .fade import Fader
from .latency import (DEFAULT_LEAD, DEFAULT_SEEK, DEFAULT_START, LEAD_BY_SUFFIX, OPTIONS_BY_SUFFIX, SEEK_BELIEF_S,
                      SEEK_BY_SUFFIX, START_BY_SUFFIX, stretch_lead_s)
from .seekplan import SeekPlan, flac_frame_s, plan_seek
from .soundclock import SoundClock
from .vlcengine import VlcEngine

__all__ = ["VlcBacking", "LEAD_BY_SUFFIX", "stretch_lead_s"]   # the latencies are re-exported from .latency

class VlcBacking:
    """Plays ``path`` with beat 0 where ``beatmap`` says.

    ``fade_in_s`` on start/resume, ``fade_out_s`` on stop(fade=True), ``panic_fade_s`` on
    panic; ``volume`` 0–1 is the master gain; ``latency_s`` is the output latency offset
    (speakers/Bluetooth minus projector); ``count_in_beats`` are played before ``at_beat`` when
    ``start(count_in=True)`` (from the recording's own intro; never before the file start).
    ``seek_fade_s`` > 0 dips the volume around a seek; keep it 0 with outputs that apply
    volume in software when samples are handed out (afile, amem, plain ALSA): VLC hands out
    up to a second ahead, so a dip there silences that second after the jump (measured).
    The same holds for ``fade_in_s``: with such outputs the ramp reaches the room late.
    """

    abilities = Abilities()   # a recording: no transposing, no guide channel to mute

    def __init__(self, engine: VlcEngine, path: str | Path, beatmap: BeatMap, *,
                 clock: Clock | None = None, volume: float = 1.0, fade_in_s: float = 0.0,
                 fade_out_s: float = 2.0, panic_fade_s: float = 0.12, seek_fade_s: float = 0.0,
                 latency_s: float = 0.0, lead_s: float | None = None, count_in_beats: float = 0.0):
        self.path = Path(path)
        self.beatmap = beatmap
        self.engine = engine
        self.clock = clock or MonotonicClock()
        self.volume = volume
        self.fade_in_s, self.fade_out_s = fade_in_s, fade_out_s
        self.panic_fade_s, self.seek_fade_s = panic_fade_s, seek_fade_s
        self.count_in_beats = count_in_beats
        if lead_s is None:
            lead_s = LEAD_BY_SUFFIX.get(self.path.suffix.lower(), DEFAULT_LEAD)
        self.start_delay_s = START_BY_SUFFIX.get(self.path.suffix.lower(), DEFAULT_START)
        self.seek_delay_s = SEEK_BY_SUFFIX.get(self.path.suffix.lower(), DEFAULT_SEEK)
        # (requested file s, where the sound lands in file s, clock s) until believed
        self._seek: tuple[float, float, float] | None = None
        # fixed frame length of a FLAC file: its seeks land on a boundary known in advance
        self._frame_s = flac_frame_s(self.path) if self.path.suffix.lower() == ".flac" else None
        self.sound = SoundClock(self.clock, lead_s=lead_s, latency_s=latency_s,
                                stretch_lead=lambda r: stretch_lead_s(r, self.path.suffix))
        self._events: queue.SimpleQueue[tuple[str, float, float]] = queue.SimpleQueue()
        self._pending: list[BackingEvent] = []
        self._closed = False
        self._released = False
        self._state = "loaded"     # loaded | playing | paused | stopped | failed
        if not self.path.is_file():
            raise MediaError(tr('Cannot find the audio file {name}', name=self.path.name))
        vlc = engine.vlc
        self.player: Any = engine.new_player()
        self.player.set_media(self._media())
        self._fader = Fader(self._set_gain, self.clock, on_error=self._fader_error)
        em = self.player.event_manager()
        E = vlc.EventType
        # VLC threads: enqueue only
        em.event_attach(E.MediaPlayerTimeChanged,
                        lambda e: self._events.put(("time", e.u.new_time / 1000.0, self.clock.now())))
        em.event_attach(E.MediaPlayerPlaying, lambda e: self._events.put(("playing", 0.0, self.clock.now())))
        em.event_attach(E.MediaPlayerEndReached, lambda e: self._events.put(("end", 0.0, self.clock.now())))
        em.event_attach(E.MediaPlayerEncounteredError, lambda e: self._events.put(("error", 0.0, self.clock.now())))
        self._start_s = 0.0
        self.sound.reset(self._file_s(0.0))

    # -- helpers ---------------------------------------------------------------------------
    def _file_s(self, beat: float) -> float:
        return max(0.0, self.beatmap.seconds_at(beat))

    def _plan(self, beat: float) -> SeekPlan:
        """Where to ask VLC to go for ``beat``, and where the sound will start (file s)."""
        return plan_seek(self._file_s(beat), self._frame_s)

    def _media(self, start_ms: int = 0) -> Any:
        media = self.engine.media(str(self.path))
        for option in OPTIONS_BY_SUFFIX.get(self.path.suffix.lower(), ()):
            media.add_option(option)
        if start_ms > 0:
            media.add_option(f":start-time={start_ms / 1000:.3f}")
        return media

    def _set_gain(self, gain: float) -> None:          # fader thread
        g = max(0.0, min(1.0, gain * self.volume))
        self.player.audio_set_volume(int(round(100.0 * g ** (1.0 / 3.0))))   # VLC: gain = (v/100)³

    def _fader_error(self, err: BaseException) -> None:  # fader thread
        self._events.put(("fault", 0.0, self.clock.now()))

    # -- Backing ---------------------------------------------------------------------------
    def start(self, at_beat: float = 0.0, count_in: bool = True) -> None:
        if self._closed:
            return
        plan = self._plan(at_beat - (self.count_in_beats if count_in else 0.0))
        self._start_s = plan.lands_s
        self._fader.set(0.0 if self.fade_in_s > 0 else 1.0)
        self.sound.reset(self._start_s)
        self.player.set_media(self._media(plan.request_ms))
        if self.player.play() != 0:
            self._fail(tr('The audio file could not be played'))
            return
        if self.fade_in_s > 0:
            self._fader.ramp(1.0, self.fade_in_s)
        self._state = "playing"

    def pause(self) -> None:
        if self._state == "playing" and not self._closed:
            self.player.set_pause(1)
            self.sound.pause()
            self._state = "paused"

    def resume(self) -> None:
        if self._state == "paused" and not self._closed:
            self._fader.set(0.0 if self.fade_in_s > 0 else 1.0)
            self.player.set_pause(0)
            self.sound.resume()
            if self.fade_in_s > 0:
                self._fader.ramp(1.0, self.fade_in_s)
            self._state = "playing"

    def seek(self, beat: float) -> None:
        """Jump to ``beat``. The sound lands on it, or for FLAC on the frame boundary up to
        one frame (~93 ms) before it; the clock says where the sound is, not the target."""
        plan = self._plan(beat)
        self.sound.reset(plan.lands_s)
        if self._state not in ("playing", "paused") or self._closed:
            self._start_s = plan.lands_s
            return
        self._seek = (plan.request_ms / 1000.0, plan.lands_s, self.clock.now())
        ms = plan.request_ms
        if self.seek_fade_s <= 0:
            self.player.set_time(ms)
            return

        def jump() -> None:                              # fader thread, volume is 0 now
            self.player.set_time(ms)
            self._fader.ramp(1.0, self.seek_fade_s)
        self._fader.ramp(0.0, self.seek_fade_s, then=jump)

    def stop(self, fade: bool = True) -> None:
        if self._state in ("stopped", "failed", "loaded"):
            self._state = "stopped" if self._state != "failed" else "failed"
            return
        self.sound.pause()
        self._state = "stopped"
        self._fader.ramp(0.0, self.fade_out_s if fade else self.seek_fade_s, then=self.player.stop)

    def panic(self) -> None:
        """Fade out within ``panic_fade_s`` and pause (never a hard cut); resume() plays on."""
        if self._state != "playing" or self._closed:
            return
        self.sound.pause()
        self._state = "paused"
        self._fader.ramp(0.0, self.panic_fade_s, then=lambda: self.player.set_pause(1))

    def set_tempo_scale(self, scale: float) -> None:
        scale = max(0.5, min(1.5, scale))
        if self._closed:
            return
        self.player.set_rate(scale)
        self.sound.set_rate(scale)

    def position(self) -> float:
        return self.beatmap.beat_at(self.sound.position())

    def poll(self) -> list[BackingEvent]:
        out, self._pending = self._pending, []
        while True:
            try:
                kind, value, at = self._events.get_nowait()
            except queue.Empty:
                break
            if kind == "time" and self._state == "playing":
                self._time_report(value, at)
            elif kind == "playing" and self._state == "playing" and not self.sound.running:
                # the sound starts a demuxer-dependent moment after "playing"; hold till then
                self.sound.report(self._start_s + self.sound.lead_at(self.sound.rate),
                                  at + self.start_delay_s)
            elif kind == "end":
                self.sound.pause()
                self._state = "stopped"
                out.append(BackingEvent("end"))
            elif kind == "error":
                out.extend(self._fail(tr('The audio file could not be played'), queue_it=False))
            elif kind == "fault":
                out.append(BackingEvent("notice", tr('The volume could not be changed')))
        return out

    def _time_report(self, value: float, at: float) -> None:
        """Feed a time report to the clock; right after a seek, take VLC's echo of the
        target as the moment the jump was made, and drop stale or bogus reports."""
        if self._seek is not None:
            asked, lands, t_seek = self._seek
            if at < t_seek:
                return                                   # made before the seek
            if abs(value - asked) < 0.0015:              # the echo: sound due a moment later
                self.sound.report(lands + self.sound.lead_at(self.sound.rate),
                                  at + self.seek_delay_s)
                return
            if abs(value - lands - (at - t_seek) * self.sound.rate) > SEEK_BELIEF_S:
                return
            self._seek = None
        self.sound.report(value, at)

    def _fail(self, text: str, queue_it: bool = True) -> list[BackingEvent]:
        self.sound.pause()
        self._state = "failed"
        ev = [BackingEvent("error", tr('{text}: {name}. We go on without sound.', text=text, name=self.path.name))]
        if queue_it:
            self._pending.extend(ev)
        return ev

    @property
    def state(self) -> str:
        return self._state

    def wait_faded(self, timeout: float = 3.0) -> bool:
        """Block until a running fade (and its stop/pause) is done. For tests."""
        return self._fader.wait(timeout)

    def wait_released(self, timeout: float = 5.0) -> bool:
        """Block until :meth:`close` has released the player (after its fade). For tests."""
        return self._fader.join(timeout)

    @property
    def released(self) -> bool:
        return self._released

    def close(self) -> None:
        """Idempotent and never waits. A fade out that runs (``stop(fade=True)``) plays to its
        end; a player still playing fades out in ``panic_fade_s``; then the fader thread
        stops and releases the player."""
        if self._closed:
            return
        self._closed = True
        if self._state == "playing":
            self.sound.pause()
            self._state = "stopped"
            self._fader.ramp(0.0, self.panic_fade_s, then=self.player.stop)
        self.engine.hold()                    # the engine's instance outlives the fade
        self._fader.close_after(self._release)

    def _release(self) -> None:          # fader thread, or the caller's when nothing fades
        try:
            self.player.stop()
            self.player.release()
            self._released = True
        finally:
            self.engine.unhold()

    def __enter__(self) -> "VlcBacking":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
