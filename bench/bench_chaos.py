"""Chaos: the live show's threads hammered at once, under a watchdog (a hang is a figure, not a
frozen ``make bench``).

- :func:`scheduler_storm`: a dense, fast MIDI song on a recording port that takes a while per
  note-on (:class:`SlowPort`, as a MIDI cable does) with a running :class:`~player.midi.deadline.DeadlineThread` (``MidiBacking(threaded=True)``),
  and ``n`` random seek/pause/resume/play/tempo/transpose/mute calls from another thread, some
  back to back, some up to 2 ms apart. Afterwards the song plays out to its end and the
  recording is checked (:func:`note_problems`): every note-on must be ended by its note-off or
  an all-notes-off, and no note-on of the state before an interruption (seek, play, pause,
  stop) may come after that interruption's all-notes-off.
- Figures: ``chaos.deadlocks`` (storms that did not finish within their time limit),
  ``chaos.hung_notes``, ``chaos.stale_notes`` (note-ons after their interruption's
  all-notes-off), summed over the storms, and ``chaos.scheduler_calls_per_s`` (their mean).
  Every third storm drives the scheduler the synth's way (pulling, :class:`PullPort`), the
  others with the deadline thread.
  ``HELSEKOR_STORM_N`` (default 10 000) sets the calls per storm, ``HELSEKOR_STORM_RUNS``
  (default 3) the storms.
- :func:`synth_figures`: the built-in synth opened, played and closed ``HELSEKOR_SYNTH_CYCLES``
  (default 200) times from threads on SDL's dummy driver: ``chaos.synth_hangs`` (0 or 1),
  ``chaos.synth_cycle_ms``.

Other storms (the runner's intents, say) can add their figures to :func:`run` and use
:func:`watchdog` to turn a hang into a figure with every thread's stack.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import mido

from player.core.time.clock import MonotonicClock
from player.midi.backing import MidiBacking
from player.midi.ports import RecordingPort
from player.midi.song import MidiSong, song_from_midifile

__all__ = ["watchdog", "storm_song", "scheduler_storm", "note_problems", "StormResult", "PullPort",
           "SlowPort", "scheduler_figures", "synth_figures", "run"]

STORM_N = int(os.environ.get("HELSEKOR_STORM_N", "10000"))
STORM_RUNS = int(os.environ.get("HELSEKOR_STORM_RUNS", "3"))
SYNTH_CYCLES = int(os.environ.get("HELSEKOR_SYNTH_CYCLES", "200"))
BEATS = 30           # 30 beats of sixteenths: a note-on's velocity is 1 + its sixteenth (1..120)
CLICK = (9, 37)      # the count-in click (channel, note): not a song note


def watchdog(fn: Callable[[], Any], timeout_s: float, name: str = "storm") -> tuple[Any, str]:
    """Run ``fn`` on a daemon thread; (its result, "") or (None, every thread's stack) when it
    has not returned within ``timeout_s`` (a deadlock: the stuck threads stay stuck)."""
    box: dict[str, Any] = {}

    def body():
        try:
            box["result"] = fn()
        except BaseException as err:  # reported to the caller below, with its traceback
            box["error"] = err

    worker = threading.Thread(target=body, name=name, daemon=True)
    worker.start()
    worker.join(timeout_s)
    if worker.is_alive():
        names = {t.ident: t.name for t in threading.enumerate()}
        stacks = [f"--- {names.get(ident, ident)}\n" + "".join(traceback.format_stack(frame))
                  for ident, frame in sys._current_frames().items()]
        return None, "\n".join(stacks)
    if "error" in box:
        raise box["error"]
    return box.get("result"), ""


def storm_song(bpm: float = 300.0) -> MidiSong:
    """``BEATS`` beats: sixteenths on channel 0, a two-note chord per beat on channel 1, a bass
    note per half beat on channel 2; every note-on's velocity is 1 + its sixteenth from the
    start, so the recording tells which beat each note-on was scheduled at."""
    tpb = 96
    events: list[tuple[int, int, mido.Message]] = []

    def note(ch, n, start, length):
        vel = 1 + round(start * 4)
        events.append((round(start * tpb), 1, mido.Message("note_on", channel=ch, note=n, velocity=vel)))
        events.append((round((start + length) * tpb), 0, mido.Message("note_off", channel=ch, note=n)))
    for b in range(BEATS):
        for k in range(4):
            note(0, 60 + (b * 4 + k) % 24, b + k / 4, 0.2)
        for n in (48 + b % 12, 55 + b % 12):
            note(1, n, b, 0.9)
        for k in range(2):
            note(2, 36 + (b * 2 + k) % 12, b + k / 2, 0.45)
    track = mido.MidiTrack([mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(bpm), time=0)])
    last = 0
    for tick, _, msg in sorted(events, key=lambda e: (e[0], e[1])):
        track.append(msg.copy(time=tick - last))
        last = tick
    mid = mido.MidiFile(type=0, ticks_per_beat=tpb)
    mid.tracks.append(track)
    return song_from_midifile(mid, "storm")


@dataclass
class StormResult:
    calls: int = 0
    seconds: float = 0.0
    deadlocked: bool = False
    stacks: str = ""
    hung: list[tuple[int, int]] = field(default_factory=list)     # (channel, note) still sounding
    stale: list[str] = field(default_factory=list)                # note-ons after their silence
    note_ons: int = 0
    silences: int = 0

    @property
    def calls_per_s(self) -> float:
        return self.calls / self.seconds if self.seconds > 0 else 0.0


def note_problems(sent: list[tuple[float, mido.Message]], interruptions: list[tuple[str, float | None]]
                  ) -> tuple[list[tuple[int, int]], list[str]]:
    """(notes still sounding at the end, note-ons that belong to a state an interruption ended).

    ``sent``: the recording, with MIDI Clock on (``send_clock``), so every start of sound shows
    as Start/Continue and every stop as Stop. ``interruptions``: (kind, the beat the new state
    plays from or None) for every seek, play, pause and stop, in call order; each sent exactly
    one all-notes-off (ending on channel 16). After an all-notes-off (and after a Stop) no song
    note may sound before the next Start/Continue; after a seek or play to beat B, none from
    before B (a note's beat is (velocity - 1) / 4, see :func:`storm_song`)."""
    sounding: set[tuple[int, int]] = set()
    stale: list[str] = []
    k, floor, allowed = -1, None, True
    for _, m in sent:
        t = m.type
        if t == "note_on" and m.velocity > 0:
            sounding.add((m.channel, m.note))
            if (m.channel, m.note) == CLICK:
                continue
            beat = (m.velocity - 1) / 4
            if not allowed or (floor is not None and beat < floor):
                kind = interruptions[k] if 0 <= k < len(interruptions) else ("start", None)
                stale.append(f"after call {k} {kind}: note-on {m.channel}/{m.note} from beat {beat}"
                             + ("" if allowed else " before Start/Continue"))
        elif t in ("note_off", "note_on"):
            sounding.discard((m.channel, m.note))
        elif t == "control_change" and m.control in (120, 123):
            sounding = {n for n in sounding if n[0] != m.channel}
            if m.control == 123 and m.channel == 15:
                k += 1
                allowed = False
                if k < len(interruptions) and interruptions[k][1] is not None:
                    floor = interruptions[k][1]
        elif t == "stop":
            allowed = False
        elif t in ("start", "continue"):
            allowed = True
    if k + 1 != len(interruptions):
        stale.append(f"{len(interruptions)} interruptions sent {k + 1} all-notes-off")
    return sorted(sounding), stale


def _storm_calls(backing: MidiBacking, n: int, rng: random.Random, interruptions: list,
                 done: list) -> None:
    kinds = ["seek"] * 5 + ["pause", "resume", "play", "stop", "tempo", "tempo", "transpose", "mute"]
    for _ in range(n):
        kind = rng.choice(kinds)
        if kind == "seek":
            beat = rng.randrange(0, BEATS - 6) + rng.choice((0.0, 0.25, 0.5))
            backing.seek(beat)
            interruptions.append((kind, beat))
        elif kind == "pause":
            backing.pause()
            interruptions.append((kind, None))
        elif kind == "stop":
            backing.stop()
            interruptions.append((kind, None))
        elif kind == "resume":
            backing.resume()
        elif kind == "play":
            beat = float(rng.randrange(0, BEATS - 6))
            backing.start(beat, count_in=rng.random() < 0.2)
            interruptions.append((kind, beat))
        elif kind == "tempo":
            backing.set_tempo_scale(rng.choice((0.5, 0.8, 1.0, 1.3, 2.0)))
        elif kind == "mute":        # the bass: its sounding notes are released at once
            backing.mute_channel(2, rng.random() < 0.5)
        else:
            backing.set_transpose(rng.randrange(-5, 6))
        done[0] += 1
        r = rng.random()
        if r < 0.3:
            time.sleep(rng.random() * 0.002)
        elif r < 0.5:
            time.sleep(0)


class SlowPort(RecordingPort):
    """A recording port that takes a while to send a note-on, as a real MIDI cable does (a
    three-byte message takes about 1 ms at 31 250 baud): it sleeps ``note_s`` first (the GIL
    released), which opens any window between a driver taking a note and its sending."""

    def __init__(self, clock, note_s: float = 0.0002):
        super().__init__(clock, "slow")
        self.note_s = note_s

    def _send(self, msg: mido.Message) -> None:
        if msg.type == "note_on":
            time.sleep(self.note_s)
        super()._send(msg)


class PullPort(RecordingPort):
    """A pulling driver for the storm, as the synth's audio callback is: its own thread asks
    the attached scheduler for what is due in the next 2 ms, every millisecond, and records it
    in that order."""

    pulls = True          # it drives the scheduler itself, as the synth does

    def __init__(self, clock):
        super().__init__(clock, "pull")
        self._source = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="pull", daemon=True)
        self._thread.start()

    def attach(self, source) -> None:
        if source is not None:
            source.pulled = True
        self._source = source

    def _run(self) -> None:
        while not self._stop.is_set():
            source = self._source
            if source is not None:
                for _, m in source.pop_due(self.clock.now() + 0.002):
                    self.send(m)
            time.sleep(0.001)

    def _close(self) -> None:
        self._stop.set()
        self._thread.join(1.0)


def scheduler_storm(n: int = STORM_N, seed: int = 0, timeout_s: float = 60.0,
                    driver: str = "push") -> StormResult:
    """``n`` random control calls against a running driver: ``push`` (a deadline thread) or
    ``pull`` (:class:`PullPort`); see the module docstring."""
    clock = MonotonicClock()
    song = storm_song()
    make = dict(count_in_bars=1, volume=1.0, send_clock=True)
    if driver == "push":
        port = SlowPort(clock)
        backing = MidiBacking(song, port, clock, threaded=True, **make)
    else:
        port = PullPort(clock)
        backing = MidiBacking(song, port, clock, threaded=False, **make)
        port.attach(backing.scheduler)
    rng = random.Random(seed)
    interruptions: list = []
    done = [0]
    result = StormResult()

    def storm():
        t0 = time.perf_counter()
        backing.start(0.0, count_in=False)
        interruptions.append(("play", 0.0))
        _storm_calls(backing, n, rng, interruptions, done)
        seconds = time.perf_counter() - t0
        # play out the last beats: the end of the song must end every note it started
        backing.set_tempo_scale(2.0)
        backing.seek(BEATS - 2)
        interruptions.append(("seek", BEATS - 2))
        backing.resume()
        end = time.monotonic() + 10.0
        while not backing.scheduler.ended and time.monotonic() < end:
            time.sleep(0.01)
        time.sleep(0.01)      # a pulling driver records what it popped last
        return seconds

    seconds, stacks = watchdog(storm, timeout_s)
    result.calls = done[0]
    if stacks:
        result.deadlocked, result.stacks = True, stacks
        return result
    result.seconds = seconds
    sent = port.messages()
    result.hung, result.stale = note_problems(sent, interruptions)
    result.note_ons = sum(1 for _, m in sent if m.type == "note_on" and m.velocity > 0)
    result.silences = sum(1 for _, m in sent if m.type == "control_change" and m.control == 123 and m.channel == 15)
    _, stacks = watchdog(lambda: (backing.close(), port.close()), 5.0, "close")
    result.deadlocked = bool(stacks)
    result.stacks = stacks
    return result


def scheduler_figures(runs: int = STORM_RUNS, n: int = STORM_N) -> dict[str, float]:
    out = {"chaos.deadlocks": 0.0, "chaos.hung_notes": 0.0, "chaos.stale_notes": 0.0}
    rates = []
    for k in range(runs):
        driver = "pull" if k % 3 == 2 else "push"
        r = scheduler_storm(n, seed=k, driver=driver)
        print(f"  storm {k:2d} {driver}: {r.calls} calls, {r.calls_per_s:.0f}/s, {r.note_ons} note-ons, "
              f"{r.silences} all-notes-off, hung {len(r.hung)}, stale {len(r.stale)}, "
              f"deadlocked {r.deadlocked}", flush=True)
        out["chaos.deadlocks"] += float(r.deadlocked)
        out["chaos.hung_notes"] += float(len(r.hung))
        out["chaos.stale_notes"] += float(len(r.stale))
        if not r.deadlocked:
            rates.append(r.calls_per_s)
        if r.deadlocked:
            print(f"storm {k}: deadlock after {r.calls} calls\n{r.stacks}", file=sys.stderr)
    out["chaos.scheduler_calls_per_s"] = float(sum(rates) / len(rates)) if rates else 0.0
    out["chaos.scheduler_storms"] = float(runs)
    return out


def synth_figures(cycles: int = SYNTH_CYCLES, limit_s: float = 300.0) -> dict[str, float]:
    """The built-in synth opened, played and closed ``cycles`` times from threads with random
    timing (``tests/midi/synth_cycles.py`` in a child process: a hang that holds the GIL ends
    the child, not this run). ``chaos.synth_hangs``: 1 when the child did not finish."""
    root = Path(__file__).resolve().parent.parent
    env = dict(os.environ, SDL_AUDIODRIVER=os.environ.get("SDL_AUDIODRIVER", "dummy"), PYTHONPATH=str(root))
    t0 = time.perf_counter()
    try:
        proc = subprocess.run([sys.executable, "-m", "tests.midi.synth_cycles", str(cycles), str(limit_s)],
                              cwd=root, env=env, capture_output=True, text=True, timeout=limit_s + 30)
        ok = proc.returncode == 0 and f"ok {cycles}" in proc.stdout
        if not ok:
            print(proc.stderr[-3000:], file=sys.stderr)
    except subprocess.TimeoutExpired:
        ok = False
    seconds = time.perf_counter() - t0
    return {"chaos.synth_cycles": float(cycles), "chaos.synth_hangs": 0.0 if ok else 1.0,
            "chaos.synth_cycle_ms": seconds / cycles * 1000 if ok else 0.0}


def run() -> dict[str, float]:
    """Every chaos figure; a new storm adds its own ``*_figures()`` here."""
    out = scheduler_figures()
    out.update(synth_figures())
    return out


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:<44} {value:10.3f}")
