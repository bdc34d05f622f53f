"""An intent storm: the conductor's keys at 25 a second, at random, through the real show.

The real :class:`~player.core.show.runner.Runner` (``handle``/``tick``/``snapshot`` from one
"frame loop" thread, as the app does), the real threaded MIDI scheduler (a
:class:`~player.midi.scheduler.DeadlineThread` per backing) and the built-in synth on SDL's
dummy audio driver, with a :class:`~player.midi.ports.RecordingPort` tee'd beside the synth.
Random Next, Back, songbook, jump, tempo, transpose, repeat/last verse, pause, blank and panic.

Each storm runs in a child process (``python -m bench.bench_intents SECONDS SEED``): a deadlock
there cannot take the caller with it; the child's watchdog dumps every stack to its log.
It prints one JSON line: intents sent and per second, exceptions (runner faults and ERROR log
records), watchdog stalls, hung notes (a note-on with no note-off nor all-notes-off on its
channel for ``HUNG_S``), and whether the frame loop finished.

``chaos.intents_per_s`` (``make bench``): the rate reached over ``HELSEKOR_STORM_SECONDS``
(default 20) of show (25 unless the loop falls behind); ``chaos.intents.handle_ms.*``: how long
one ``Runner.handle`` took (a step change builds and starts a backing); ``chaos.intents.hung_notes``,
``.stalls`` and ``.deadlocks`` (the loop never finished) for this storm, beside bench_chaos's
``chaos.hung_notes`` and ``chaos.deadlocks`` for the scheduler's.
"""

from __future__ import annotations

import json
import dataclasses
import logging
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HUNG_S = 3.0          # a note sounding this long is hung (the songs' notes last 0.3-0.6 s)
RATE = 25.0           # intents a second

SONG = """\
version: 1
title: Tellesang
meter: 4/4
tempo: 100
midi: telle.mid
timing: [[0, 4], [4, 4], [8, 4], [12, 4]]
sections:
  - id: v1
    name: Vers 1
    lines: ["[C]En to tre fire", "fem seks sju åtte"]
  - id: v2
    name: Vers 2
    lines: ["ni ti elleve tolv", "tretten fjorten femten seksten"]
"""


def write_song(folder: Path, beats: int = 16, bpm: int = 100) -> Path:
    """A song with a MIDI file: a melody note on every half beat (channel 2, the guide) over a
    three-note chord on every beat (channel 1)."""
    import mido
    folder.mkdir(parents=True, exist_ok=True)
    mid = mido.MidiFile(ticks_per_beat=480)
    meta = mido.MidiTrack([mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(bpm)),
                           mido.MetaMessage("time_signature", numerator=4, denominator=4)])
    melody = mido.MidiTrack([mido.Message("program_change", channel=1, program=0)])
    for h in range(2 * beats):
        melody.append(mido.Message("note_on", channel=1, note=72 + h % 8, velocity=100, time=0 if h == 0 else 120))
        melody.append(mido.Message("note_off", channel=1, note=72 + h % 8, velocity=0, time=120))
    chords = mido.MidiTrack([mido.Message("program_change", channel=0, program=0)])
    for b in range(beats):
        root = 48 + (0, 5, 7, 5)[b % 4]
        for k, n in enumerate((root, root + 4, root + 7)):
            chords.append(mido.Message("note_on", channel=0, note=n, velocity=80, time=0 if (b == 0 or k) else 30))
        for k, n in enumerate((root, root + 4, root + 7)):
            chords.append(mido.Message("note_off", channel=0, note=n, velocity=0, time=450 if k == 0 else 0))
    mid.tracks += [meta, melody, chords]
    mid.save(str(folder / "telle.mid"))
    (folder / "telle.yaml").write_text(SONG, encoding="utf-8")
    return folder / "telle.yaml"


class Tee:
    """An output port that sends every message to the synth and to a recording port."""

    def __init__(self, *ports):
        self.name = "tee"
        self.ports = ports
        self.pulls = False          # sends on (the synth it feeds is driven as a port here)

    def send(self, msg) -> None:
        for p in self.ports:
            p.send(msg)

    def reset(self) -> None:
        for p in self.ports:
            p.reset()

    def close(self) -> None:
        for p in self.ports:
            p.close()


class _Selector:
    def __init__(self, port):
        self.port = port

    def check(self):
        return []

    def close(self):
        pass


def hung_notes(sent, until: float, hung_s: float = HUNG_S) -> list[str]:
    """Notes that sounded ``hung_s`` or longer: (time, message) pairs in the order sent."""
    held: dict[tuple[int, int], list[float]] = {}
    hung = []

    def release(key, t_off: float, t_on: float) -> None:
        if t_off - t_on >= hung_s:
            hung.append(f"ch {key[0] + 1} note {key[1]}: {t_off - t_on:.1f} s from {t_on:.2f}")

    for t, m in sent:
        if m.type == "note_on" and m.velocity > 0:
            held.setdefault((m.channel, m.note), []).append(t)
        elif m.type in ("note_off", "note_on"):
            ons = held.get((m.channel, m.note))
            if ons:
                release((m.channel, m.note), t, ons.pop(0))
        elif m.type == "control_change" and m.control in (120, 123):
            for key in [k for k in held if k[0] == m.channel]:
                for t_on in held.pop(key):
                    release(key, t, t_on)
    for key, ons in held.items():
        for t_on in ons:
            release(key, until, t_on)
    return hung


KINDS = ["next", "back", "songbook", "jump", "tempo_up", "tempo_down", "up", "down", "repeat", "last",
         "pause", "blank", "panic"]
#: Every kind, and (every other 2 s) only what keeps a song playing, so that notes sound too.
WEIGHTS = {True: [3, 2, 1, 2, 2, 2, 1, 1, 1, 1, 2, 1, 1], False: [0, 0, 0, 0, 3, 3, 2, 2, 2, 2, 0, 2, 0]}


def random_intent(rng: random.Random, steps: int, songbook: int, at: float, navigate: bool = True):
    from player.core.model import intents as I
    kind = rng.choices(KINDS, weights=WEIGHTS[navigate])[0]
    simple = {"next": I.Next, "back": I.Back, "songbook": I.Songbook, "tempo_up": I.TempoUp,
              "tempo_down": I.TempoDown, "up": I.TransposeUp, "down": I.TransposeDown,
              "repeat": I.RepeatSection, "last": I.LastVerse, "pause": I.StartPause, "blank": I.Blank,
              "panic": I.Panic}
    if kind == "jump":
        return I.GoToStep(at=at, index=rng.randrange(max(steps, songbook) + 1))
    return simple[kind](at=at)


class _Errors(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.records: list[str] = []

    def emit(self, record):
        self.records.append(self.format(record)[:400])


def storm(seconds: float, seed: int, folder: Path, rate: float = RATE) -> dict:
    """One storm in this process (the child). Returns the figures as a dict."""
    from player.core.model import intents as I
    from player.core.script.config import load_config
    from player.core.script.library import Library
    from player.core.script.loader import load_session
    from player.core.show.modes import Picking
    from player.core.show.notices import NoticeBoard
    from player.core.show.options import ShowOptions
    from player.core.show.runner import Runner
    from player.core.time.clock import MonotonicClock
    from player.display.watchdog import Watchdog
    from player.live import LiveBackings
    from player.midi import RecordingPort, SynthOutput

    write_song(folder / "songs")
    path = folder / "s.yaml"
    path.write_text("version: 1\ntitle: Storm\nsteps:\n  - text: Hei\n  - song: telle\n"
                    "  - song: telle\n    tempo_scale: 0.8\n  - text: Pause\n  - song: telle\n  - text: Slutt\n",
                    encoding="utf-8")
    session = load_session(path, Library.for_session(path, (), project_root=folder))
    config = load_config(user_file=None)
    config = dataclasses.replace(config, midi=dataclasses.replace(config.midi, count_in_bars=seed % 2))  # with and without
    errors = _Errors()
    logging.getLogger().addHandler(errors)
    threading.excepthook = lambda args: errors.records.append(   # a thread that died (scheduler, fader)
        f"{args.thread.name if args.thread else '?'}: {args.exc_type.__name__}: {args.exc_value}")
    dump = open(folder / "helsekor.log", "a", encoding="utf-8")
    logging.getLogger().addHandler(logging.FileHandler(folder / "helsekor.log"))
    clock = MonotonicClock()
    rec = RecordingPort(clock)
    synth = SynthOutput(str(config.midi.soundfont))
    backings = LiveBackings(config, clock, lambda text: None)
    backings._selector = _Selector(Tee(synth, rec))
    songbook = tuple(s.song for s in session.steps if s.song is not None)[:1]
    board, heard = NoticeBoard(clock), []
    board.listen(lambda t, text: heard.append(text))
    runner = Runner(session, clock, config.texts(), backings=backings,
                    options=ShowOptions.from_settings(config, count_in_bars=1), songbook=songbook, notices=board)
    from player.show import silence_sound
    # as in the show: a stall dumps the stacks and silences (then hung notes say whether that worked)
    watchdog = Watchdog(clock=clock, dump_file=dump, native=True, native_stall_s=10.0,
                        silence=lambda: silence_sound(runner))
    rng = random.Random(seed)
    song_steps = [k for k, s in enumerate(session.steps) if s.song is not None]
    state = {"sent": 0, "done": False, "elapsed": 0.0}
    handle_ms: list[float] = []

    def frame_loop() -> None:
        watchdog.start()
        t0 = clock.now()
        due = t0
        while clock.now() - t0 < seconds:
            watchdog.beat()
            now = clock.now()
            if now >= due:
                t_handle = time.perf_counter()
                navigate = int((now - t0) / 2.0) % 2 == 0
                if not navigate and (runner.held or runner.finished or runner.modes.has(Picking) or runner.act is None
                                     or runner.act.backing is None):
                    runner.handle(I.GoToStep(at=now, index=rng.choice(song_steps)))   # a song phase sings
                elif not navigate and runner.paused:
                    runner.handle(I.StartPause(at=now))
                else:
                    runner.handle(random_intent(rng, len(session.steps), len(songbook), now, navigate))
                handle_ms.append((time.perf_counter() - t_handle) * 1000)
                state["sent"] += 1
                due += 1.0 / rate
            runner.tick()
            runner.snapshot()
            time.sleep(max(0.0, min(due - clock.now(), 1 / 60)))
        state["elapsed"] = clock.now() - t0
        quiet = clock.now()                        # no keys: what sounds must end by itself
        while clock.now() - quiet < HUNG_S + 0.5:
            watchdog.beat()
            runner.tick()
            runner.snapshot()
            time.sleep(1 / 30)
        state["until"] = clock.now()
        state["done"] = True

    loop = threading.Thread(target=frame_loop, name="frame-loop", daemon=True)
    loop.start()
    loop.join(seconds + HUNG_S + 30)
    result = {"seconds": round(state["elapsed"], 2), "intents": state["sent"],
              "intents_per_s": round(state["sent"] / state["elapsed"], 2) if state["elapsed"] else 0.0,
              "finished": state["done"], "stalls": watchdog.stalls,
              "handle_ms_p99": round(sorted(handle_ms)[int(0.99 * (len(handle_ms) - 1))], 2) if handle_ms else 0.0,
              "handle_ms_max": round(max(handle_ms), 2) if handle_ms else 0.0,
              "hung_notes": hung_notes(list(rec.sent), state.get("until", clock.now()))[:20],
              "notes": sum(1 for _, m in rec.sent if m.type == "note_on" and m.velocity > 0),
              "faults": [n for n in heard if "feil" in n.lower()][:20],
              "errors": errors.records[:20]}
    if state["done"]:
        runner.close()
        watchdog.close()
    return result


def run_child(seconds: float, seed: int, timeout: float | None = None) -> dict:
    """One storm in a child process; a child that hangs is killed and reported as unfinished."""
    folder = Path(tempfile.mkdtemp(prefix="helsekor-storm-"))
    env = dict(os.environ, SDL_AUDIODRIVER="dummy", SDL_VIDEODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    cmd = [sys.executable, "-m", "bench.bench_intents", str(seconds), str(seed), str(folder)]
    try:
        out = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True,
                             timeout=timeout or seconds + HUNG_S + 60)
    except subprocess.TimeoutExpired:
        log = (folder / "helsekor.log").read_text(encoding="utf-8", errors="replace") if (folder / "helsekor.log").exists() else ""
        return {"finished": False, "killed": True, "log": log[-6000:], "folder": str(folder)}
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith("{")]
    if not lines:
        return {"finished": False, "exit": out.returncode, "stderr": out.stderr[-4000:], "folder": str(folder)}
    result = json.loads(lines[-1])
    result.update(exit=out.returncode, folder=str(folder))
    clean = result["finished"] and not (result["errors"] or result["faults"] or result["stalls"] or result["hung_notes"])
    if clean and out.returncode == 0:
        shutil.rmtree(folder, ignore_errors=True)      # kept only to look into a failure
        result["folder"] = ""
    return result


def run() -> dict[str, float]:
    seconds = float(os.environ.get("HELSEKOR_STORM_SECONDS", "20"))
    r = run_child(seconds, seed=1)
    # bench_chaos writes chaos.hung_notes and chaos.deadlocks for the scheduler storm; this
    # storm's own counts sit under chaos.intents.* so neither overwrites the other
    return {"chaos.intents_per_s": float(r.get("intents_per_s", 0.0)), "chaos.intents.count": float(r.get("intents", 0)),
            "chaos.intents.handle_ms.p99": float(r.get("handle_ms_p99", -1)),
            "chaos.intents.handle_ms.max": float(r.get("handle_ms_max", -1)),
            "chaos.intents.stalls": float(r.get("stalls", -1)),
            "chaos.intents.hung_notes": float(len(r.get("hung_notes", [])) if r.get("finished") else -1),
            "chaos.intents.deadlocks": float(not r.get("finished"))}


def main(argv: list[str]) -> int:
    seconds, seed, folder = float(argv[0]), int(argv[1]), Path(argv[2])
    result = storm(seconds, seed, folder)
    print(json.dumps(result, ensure_ascii=False), flush=True)
    os._exit(0)   # the synth's close can deadlock at the interpreter's exit (MEASURED.md): not measured here


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
