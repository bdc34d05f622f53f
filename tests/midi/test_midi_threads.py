"""The scheduler threaded: a real deadline thread against control calls from another thread,
under a watchdog (a hang fails in seconds with every thread's stack); sends and seeks in order;
the storm's checker itself. ``HELSEKOR_STORM_N`` makes the storms longer (default 3000 calls)."""

import os
import threading
import time

import mido
import pytest

from bench.bench_chaos import note_problems, scheduler_storm, storm_song, watchdog
from player.core.time.clock import ManualClock, MonotonicClock
from player.midi.backing import MidiBacking
from player.midi.ports import RecordingPort, silence_messages
from player.midi.song import song_from_midifile
from tests.midi.midifixtures import notes_file

STORM_N = int(os.environ.get("HELSEKOR_STORM_N", "3000"))


def test_back_to_back_seeks_against_a_running_deadline_thread_never_deadlock():
    # the first landing deadlocked here after a few hundred to a few thousand seeks
    clock = MonotonicClock()
    port = RecordingPort(clock)
    backing = MidiBacking(storm_song(), port, clock, count_in_bars=0, volume=1.0, threaded=True)
    backing.start()

    def seeks():
        for k in range(STORM_N):
            backing.seek((k * 7) % 24)
        return k + 1

    done, stacks = watchdog(seeks, 20.0)
    assert not stacks, "deadlock:\n" + stacks
    assert done == STORM_N
    _, stacks = watchdog(backing.close, 5.0)
    assert not stacks, "close hung:\n" + stacks
    assert port.messages("note_on"), "the deadline thread played nothing"


class GatedPort(RecordingPort):
    """Holds the first note-on in ``send`` until released (or 2 s), as a slow cable would."""

    def __init__(self, clock):
        super().__init__(clock)
        self.in_send = threading.Event()
        self.release = threading.Event()

    def send(self, msg):
        if msg.type == "note_on" and not self.in_send.is_set():
            self.in_send.set()
            self.release.wait(2.0)
        super().send(msg)


def test_a_note_taken_before_a_seek_is_never_sent_after_the_seeks_all_notes_off():
    clock = ManualClock(10.0)
    port = GatedPort(clock)
    backing = MidiBacking(song_from_midifile(notes_file([(0, 4, 60, 0), (2, 1, 64, 0)])), port, clock,
                          count_in_bars=0, volume=1.0, threaded=False)
    backing.start()
    pump = threading.Thread(target=backing.pump)          # the deadline thread's part
    pump.start()
    assert port.in_send.wait(2.0)                          # the note-on is taken, not yet sent
    seek = threading.Thread(target=backing.seek, args=(2.0,))
    seek.start()
    seek.join(0.3)                                         # let the seek get as far as it can
    port.release.set()
    pump.join(2.0)
    seek.join(2.0)
    sent = [(m.type, getattr(m, "note", None), getattr(m, "control", None)) for _, m in port.messages()]
    note_on = sent.index(("note_on", 60, None))
    last_silence = len(sent) - 1 - sent[::-1].index(("control_change", None, 123))
    # the note-on went out before the seek's all-notes-off: it is ended, not left hanging
    assert note_on < last_silence, sent


def test_seek_while_the_deadline_thread_plays_keeps_order_and_ends_every_note():
    clock = MonotonicClock()
    port = RecordingPort(clock)
    song = song_from_midifile(notes_file([(k / 4, 0.2, 60 + k % 12, 0) for k in range(16)], tempos=((0, 480),)))
    backing = MidiBacking(song, port, clock, count_in_bars=0, volume=1.0, threaded=True)
    backing.start()
    time.sleep(0.2)
    backing.seek(1.0)
    end = time.monotonic() + 5.0
    while not backing.scheduler.ended and time.monotonic() < end:
        time.sleep(0.01)
    assert backing.scheduler.ended
    hung, stale = note_problems(port.messages(), [("play", 0.0), ("seek", 1.0)])
    assert hung == []
    ons = [m.note for _, m in port.messages("note_on")]
    assert ons[-12:] == [60 + k % 12 for k in range(4, 16)]   # from beat 1 to the end, in order
    backing.close()


@pytest.mark.parametrize("driver", ["push", "pull"])
def test_storm_of_control_calls_never_deadlocks_hangs_a_note_or_sends_a_stale_one(driver):
    r = scheduler_storm(STORM_N, seed=7, timeout_s=30.0, driver=driver)
    assert not r.deadlocked, f"deadlock after {r.calls} calls:\n{r.stacks}"
    assert r.calls == STORM_N
    assert r.hung == [], r.hung
    assert r.stale == [], r.stale[:10]
    # the storm really played and really interrupted
    assert r.note_ons > 100 and r.silences > STORM_N // 3


def test_the_storm_checker_finds_a_hung_and_a_stale_note():
    silence = [(0.0, m) for m in silence_messages()]

    def on(note, beat):
        return (0.0, mido.Message("note_on", note=note, velocity=1 + int(beat * 4)))
    start = [(0.0, mido.Message("start"))]
    ok = silence + start + [on(60, 2.0), (0.0, mido.Message("note_off", note=60))]
    assert note_problems(ok, [("seek", 2.0)]) == ([], [])
    late = silence + start + [on(60, 1.0)]                  # from before the seek, after its silence
    hung, stale = note_problems(late, [("seek", 2.0)])
    assert hung == [(0, 60)] and len(stale) == 1
    paused = [on(62, 0.0)] + silence + [on(64, 0.25)]       # a note after a pause's silence
    assert len(note_problems(paused, [("pause", None)])[1]) == 1
    assert note_problems(paused, [("pause", None)])[0] == [(0, 64)]


def test_deadline_thread_sends_a_melody_in_order_and_ends_on_close():
    clock = MonotonicClock()
    port = RecordingPort(clock)
    song = song_from_midifile(notes_file([(k / 2, 0.4, 60 + k, 0) for k in range(8)], tempos=((0, 600),)))
    backing = MidiBacking(song, port, clock, count_in_bars=0, volume=1.0, threaded=True)
    backing.start()
    end = time.monotonic() + 5.0
    while not backing.scheduler.ended and time.monotonic() < end:
        time.sleep(0.01)
    notes = [(m.type, m.note) for _, m in port.messages("note_on", "note_off")]
    assert notes == [(t, 60 + k) for k in range(8) for t in ("note_on", "note_off")]
    backing.close()
    assert not backing._thread._thread.is_alive()          # close waited for it to end


@pytest.mark.parametrize("call", ["play", "seek", "pause", "resume", "stop", "panic"])
def test_transport_listeners_run_with_no_scheduler_lock_held(call):
    clock = ManualClock(10.0)
    port = RecordingPort(clock)
    backing = MidiBacking(song_from_midifile(notes_file([(0, 4, 60, 0)])), port, clock,
                          count_in_bars=0, threaded=False)
    sched = backing.scheduler
    if call == "resume":
        backing.start()
        backing.pause()
    seen = []

    def listener():                      # another thread's lock attempt, as the deadline thread's
        got = []
        t = threading.Thread(target=lambda: got.append(
            sched._lock.acquire(timeout=0.5) and (sched._lock.release() or True)
            and sched._send_lock.acquire(timeout=0.5) and (sched._send_lock.release() or True)))
        t.start()
        t.join()
        seen.append(got == [True])
    sched.transport.add_listener(listener)
    args = (2.0,) if call == "seek" else ()
    getattr(backing, "start" if call == "play" else call)(*args)
    assert seen and all(seen)
