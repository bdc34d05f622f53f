"""MIDI timing: our deadline scheduler against ``mido.MidiFile.play()``, and the synth.

Plays a dense multi-track MIDI file (generated here: two minutes long; the first
``HELSEKOR_BENCH_MIDI_S`` seconds, default 20, are played per run to keep ``make bench`` short)
to a recording port and compares every send time with the ideal time. Conditions:
``idle``; ``busy`` (another process spinning on a core); ``frames`` (a stand-in for the
presenter: a 60 fps full-HD pygame loop re-rendering text in the same process).
Keys: ``midi.<condition>.<ours|mido_play>.<mean_ms|p50_ms|p99_ms|max_ms|drift_ms>`` (errors
are send time minus ideal time; drift is the mean error of the last 100 events minus that of
the first 100). Synth: ``midi.synth.onset_jitter_samples`` (spread of the onset lag of identical
notes in a rendered WAV), ``midi.synth.grain_error_max_ms`` (placement after the ideal time)
and ``midi.synth.render_speed_x`` (offline render, × real time).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import mido
import numpy as np

from player.core.time.clock import MonotonicClock
from player.midi.backing import MidiBacking
from player.midi.offline import render
from player.midi.ports import BaseOutput
from player.midi.song import song_from_midifile

PLAY_S = float(os.environ.get("HELSEKOR_BENCH_MIDI_S", "20"))
TPB = 480


def dense_file(minutes: float = 2.0, bpm: float = 126.0) -> mido.MidiFile:
    """Drums in 8ths, bass in quarters, 3-note chords every half bar, melody in 16ths, plus a
    controller sweep; every message maps to exactly one send (distinct notes per channel)."""
    beats = int(minutes * bpm)
    tracks: list[list[tuple[int, mido.Message]]] = [[], [], [], [], []]
    tracks[0].append((0, mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(bpm))))
    tracks[0].append((0, mido.MetaMessage("time_signature", numerator=4, denominator=4)))

    def note(tr, ch, n, start, length, vel=90):
        tracks[tr].append((round(start * TPB), mido.Message("note_on", channel=ch, note=n, velocity=vel)))
        tracks[tr].append((round((start + length) * TPB) - 1, mido.Message("note_off", channel=ch, note=n)))

    for b in range(beats):
        for k in range(2):
            note(1, 9, 42 if k else 36, b + k / 2, 0.25)
        note(2, 1, 36 + b % 12, b, 0.9)
        if b % 2 == 0:
            for i, n in enumerate((60, 64, 67)):
                note(3, 2, n + (b // 2) % 5, b, 1.9)
        for k in range(4):
            note(4, 0, 72 + (b * 4 + k) % 12, b + k / 4, 0.2)
        tracks[4].append((round(b * TPB) + 7, mido.Message("control_change", channel=0, control=11, value=b % 128)))
    mid = mido.MidiFile(type=1, ticks_per_beat=TPB)
    for events in tracks:
        tr = mido.MidiTrack()
        last = 0
        for tick, msg in sorted(events, key=lambda e: (e[0], e[1].type != "note_off")):
            tr.append(msg.copy(time=tick - last))
            last = tick
        mid.tracks.append(tr)
    return mid


def excerpt(mid: mido.MidiFile, seconds: float) -> mido.MidiFile:
    """The first ``seconds`` of a constant-tempo file (whole note pairs only)."""
    song = song_from_midifile(mid)
    end_beat = song.tempo_map.beat_at(seconds)
    out = mido.MidiFile(type=1, ticks_per_beat=mid.ticks_per_beat)
    for track in mid.tracks:
        tr, tick, last = mido.MidiTrack(), 0, 0
        open_notes: set = set()
        for msg in track:
            tick += msg.time
            if tick / mid.ticks_per_beat >= end_beat and not (msg.type == "note_off" and (msg.channel, msg.note) in open_notes):
                continue
            if msg.type == "note_on":
                open_notes.add((msg.channel, msg.note))
            elif msg.type == "note_off":
                open_notes.discard((msg.channel, msg.note))
            tr.append(msg.copy(time=tick - last))
            last = tick
        out.tracks.append(tr)
    return out


class _Rec(BaseOutput):
    """Records the perf_counter time of every song message (not the silence of start/stop)."""

    def __init__(self):
        super().__init__("bench")
        self.times: list[float] = []

    def _send(self, msg):
        t = time.perf_counter()
        if msg.type == "control_change" and msg.control in (64, 123):
            return      # the silence sent on start/stop is not part of the song
        self.times.append(t)


def _stats(errors_s: list[float]) -> dict[str, float]:
    e = np.array(errors_s) * 1000.0
    return {"mean_ms": float(e.mean()), "p50_ms": float(np.percentile(e, 50)), "p99_ms": float(np.percentile(e, 99)),
            "max_ms": float(e.max()), "drift_ms": float(e[-100:].mean() - e[:100].mean()), "events": float(len(e))}


def play_ours(mid: mido.MidiFile) -> dict[str, float]:
    song = song_from_midifile(mid)
    port = _Rec()
    clock = MonotonicClock()
    b = MidiBacking(song, port, clock, count_in_bars=0, volume=1.0)
    b.start()
    t0 = b.transport.clock_time_at(0.0)
    ideal = [t0 + song.tempo_map.seconds_at(e.beat) for e in song.events]
    while not b.scheduler.ended:
        time.sleep(0.05)
    b.close()
    assert len(port.times) == len(ideal), (len(port.times), len(ideal))
    return _stats([a - i for a, i in zip(port.times, ideal)])


def play_mido(mid: mido.MidiFile) -> dict[str, float]:
    port = _Rec()
    ideal, cum = [], 0.0
    t0 = time.perf_counter()
    for msg in mid.play():
        cum += msg.time
        ideal.append(t0 + cum)
        port.send(msg)
    return _stats([a - i for a, i in zip(port.times, ideal)])


def _frames(stop: threading.Event) -> None:
    import pygame  # noqa: PLC0415

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    pygame.display.init()
    pygame.font.init()
    screen = pygame.display.set_mode((1920, 1080))
    font = pygame.font.Font(None, 160)
    next_t = time.perf_counter()
    k = 0
    while not stop.is_set():
        screen.fill((16, 20, 24))
        for i in range(4):
            screen.blit(font.render(f"Ro, ro, ro din båt {k} {i}", True, (255, 216, 74)), (80, 120 + 220 * i))
        pygame.display.flip()
        pygame.event.pump()
        k += 1
        next_t += 1 / 60
        delay = next_t - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
    pygame.display.quit()


def _in_condition(condition: str, fn, mid):
    if condition == "idle":
        return fn(mid)
    if condition == "busy":
        proc = subprocess.Popen([sys.executable, "-c", "while True: pass"])
        try:
            time.sleep(0.2)
            return fn(mid)
        finally:
            proc.kill()
            proc.wait()
    # frames: the frame loop runs on this (main) thread, the player on another, as in the app
    stop = threading.Event()
    result: dict = {}
    worker = threading.Thread(target=lambda: (time.sleep(0.3), result.update(fn(mid)), stop.set()))
    worker.start()
    _frames(stop)
    worker.join()
    return result


def synth_figures() -> dict[str, float]:
    tpb = TPB
    mid = mido.MidiFile(type=1, ticks_per_beat=tpb)
    tr = mido.MidiTrack()
    tr.append(mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(113)))
    beats = [round(k * 1.37 * tpb) / tpb for k in range(40)]   # on the tick grid
    last = 0
    for b in beats:
        on = round(b * tpb)
        tr.append(mido.Message("note_on", note=60, velocity=100, time=on - last))
        tr.append(mido.Message("note_off", note=60, time=tpb // 4))
        last = on + tpb // 4
    mid.tracks.append(tr)
    r = render(song_from_midifile(mid), tempo_scale=0.93)
    x = np.abs(r.audio.astype(np.int32)).max(axis=1)
    placed = np.array([r.sample_at_beat(b) for b in beats])
    ideal = np.array([r.seconds_at_beat(b) for b in beats]) * r.sample_rate
    onsets = np.array([int(np.argmax(x[max(0, s - 2000):s + 4000] > 200)) + max(0, s - 2000) for s in placed])
    lag = onsets - placed
    dense = song_from_midifile(dense_file())
    t = time.perf_counter()
    full = render(dense)
    speed = full.seconds / (time.perf_counter() - t)
    return {"midi.synth.onset_jitter_samples": float(lag.max() - lag.min()),
            "midi.synth.grain_error_max_ms": float((placed - ideal).max() / r.sample_rate * 1000),
            "midi.synth.render_speed_x": float(speed)}


def run() -> dict[str, float]:
    mid = excerpt(dense_file(), PLAY_S)
    out: dict[str, float] = {}
    for condition in ("idle", "busy", "frames"):
        for name, fn in (("ours", play_ours), ("mido_play", play_mido)):
            for key, value in _in_condition(condition, fn, mid).items():
                out[f"midi.{condition}.{name}.{key}"] = value
    out.update(synth_figures())
    return out


if __name__ == "__main__":
    for k, v in run().items():
        print(f"{k:<44} {v:10.3f}")
