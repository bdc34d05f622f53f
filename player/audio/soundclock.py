"""The clock that follows the sound: file seconds as heard now, smoothed. Pure.

VLC reports the play position only now and then (every 250–300 ms for WAV, at Ogg page
boundaries for OGG, every 1.4–4 s) and each report is ahead of the sound by a constant that
depends on the demuxer (``lead_s``: measured by bench/bench_vlc.py, about 50 ms for WAV and
MP3, 93 ms for FLAC, 0 for OGG through libavformat). The lead is in file seconds at every
rate; a player that time-stretches (VLC at any rate but 1) adds its filter's delay,
``stretch_lead(rate)``, also in file seconds. Between reports this clock runs on the injected monotonic
clock at the play rate. On each report it *slews* towards it (changes its own speed by at most
``max_slew``, so the picture never jumps or runs backwards); a report off by more than
``resync_s`` makes it jump (hard resync, e.g. after a seek or a stall).

Units: file seconds (position in the audio file at normal speed) and clock seconds. Not
thread-safe: the main thread feeds it reports (timestamped where they were made) and reads it.
"""

from __future__ import annotations

from typing import Callable

from player.core.time.clock import Clock

__all__ = ["SoundClock"]


class SoundClock:
    def __init__(self, clock: Clock, lead_s: float = 0.0, latency_s: float = 0.0,
                 resync_s: float = 0.08, slew_window_s: float = 0.5, max_slew: float = 0.05,
                 stretch_lead: Callable[[float], float] | None = None):
        """``latency_s``: output latency (speakers, Bluetooth) minus display latency; the
        position returned is the sound that reaches the room now. ``stretch_lead(rate)``: extra
        file seconds the reports run ahead of the sound at ``rate`` (None: none)."""
        self.clock = clock
        self.lead_s = lead_s
        self.stretch_lead = stretch_lead
        self.latency_s = latency_s
        self.resync_s = resync_s
        self.slew_window_s = slew_window_s
        self.max_slew = max_slew
        self._rate = 1.0
        self._rate_since = clock.now()   # clock time of the last rate change
        self._old_rate = 1.0
        self._running = False
        self._synced = False
        self._base_pos = 0.0        # file seconds at _base_t
        self._base_t = clock.now()
        self._slew = 0.0            # extra speed fraction until _slew_until
        self._slew_until = self._base_t
        self.resyncs = 0            # how many hard jumps (for benches and tests)
        self._hard = 0

    # -- reading -----------------------------------------------------------------------
    def _estimate(self, t: float) -> float:
        if not self._running or t <= self._base_t:
            return self._base_pos
        slewed = min(t, self._slew_until) - self._base_t
        pos = self._base_pos + max(0.0, slewed) * self._rate * (1.0 + self._slew)
        if t > self._slew_until:
            pos += (t - max(self._slew_until, self._base_t)) * self._rate
        return pos

    def position(self, at: float | None = None) -> float:
        """File seconds heard in the room at clock time ``at`` (default now)."""
        t = self.clock.now() if at is None else at
        if not self._running:
            return self._base_pos
        return self._estimate(t - self.latency_s)

    @property
    def running(self) -> bool:
        return self._running

    @property
    def rate(self) -> float:
        return self._rate

    def lead_at(self, rate: float) -> float:
        """File seconds a report made while playing at ``rate`` runs ahead of the sound."""
        extra = self.stretch_lead(rate) if self.stretch_lead is not None else 0.0
        return self.lead_s + extra

    # -- control -----------------------------------------------------------------------
    def _rebase(self, t: float, pos: float) -> None:
        self._base_t, self._base_pos = t, pos
        self._slew, self._slew_until = 0.0, t

    def reset(self, pos: float) -> None:
        """Hold at ``pos`` (after load or seek) until the next report says the sound moves."""
        self._running = False
        self._synced = False
        self._hard = 2              # the first reports after a jump are taken as they are
        self._rebase(self.clock.now(), pos)

    def pause(self) -> None:
        if self._running:
            self._rebase(self.clock.now(), self._estimate(self.clock.now()))
            self._running = False

    def resume(self) -> None:
        """Run on from where it held (VLC resumes from where it paused)."""
        if not self._running and self._synced:
            self._rebase(self.clock.now(), self._base_pos)
            self._running = True

    def set_rate(self, rate: float) -> None:
        """Change speed without a jump in position; the next report is taken as it is (the
        player's sound shifts when its rate changes: VLC re-buffers, and its time-stretch
        filter adds a delay), reports made before now are dropped."""
        now = self.clock.now()
        self._rebase(now, self._estimate(now))
        if rate != self._rate:
            self._old_rate, self._rate, self._rate_since = self._rate, rate, now
            if self._synced:
                self._hard = max(self._hard, 1)

    def report(self, reported_s: float, at: float) -> None:
        """VLC said its time was ``reported_s`` file seconds at clock time ``at``."""
        if at < self._rate_since and self._synced:
            return                   # made at the old rate: its lead is not the one now
        heard = reported_s - self.lead_at(self._rate)
        if not self._synced or not self._running or self._hard > 0:
            self._hard = max(0, self._hard - 1)
            self._running, self._synced = True, True
            self._rebase(at, heard)
            return
        err = heard - self._estimate(at)
        if abs(err) > self.resync_s:
            self.resyncs += 1
            self._rebase(at, heard)
            return
        # slew: make up ``err`` over the window, no faster than max_slew
        now = max(at, self.clock.now())
        self._rebase(now, self._estimate(now))
        err = heard + (now - at) * self._rate - self._base_pos
        slew = err / (self.slew_window_s * self._rate)
        slew = max(-self.max_slew, min(self.max_slew, slew))
        self._slew = slew
        self._slew_until = now + (abs(err) / (abs(slew) * self._rate) if slew else 0.0)
