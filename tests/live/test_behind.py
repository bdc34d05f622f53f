"""The session log and the state file are written behind the show: a record that blocks on the
disk does not hold the main thread, the events keep their order, and the shut-down's last
event and save are on disk before they return."""

from __future__ import annotations

import threading
import time

from player.records.behind import DiskBehind, LogBehind


class SlowLog:
    """A session log whose writes wait for ``gate`` (a disk that stalls) and remember their thread."""

    def __init__(self):
        self.gate = threading.Event()
        self.events: list[tuple] = []
        self.threads: set[str] = set()

    def _write(self, *event):
        self.gate.wait(5)
        self.threads.add(threading.current_thread().name)
        self.events.append(event)

    def step_started(self, index, t):
        self._write("started", index, t)

    def step_completed(self, t):
        self._write("completed", t)

    def change(self, t, what, value):
        self._write("change", what, value)

    def notice(self, t, text):
        self._write("notice", text)

    def finish(self, t):
        self._write("finish", t)


def test_a_stalled_disk_does_not_hold_the_caller_and_the_order_is_kept():
    disk, slow = DiskBehind(), SlowLog()
    behind = LogBehind(slow, disk)
    t0 = time.perf_counter()
    behind.step_started(0, 0.0)
    behind.change(0.5, "tempo_scale", 0.9)
    behind.notice(0.7, "x")
    behind.step_completed(1.0)
    assert time.perf_counter() - t0 < 0.5          # the writer is stuck at the gate; the caller is not
    assert slow.events == []
    assert not disk.flush(0.05)
    slow.gate.set()
    assert disk.flush(5)
    assert [e[0] for e in slow.events] == ["started", "change", "notice", "completed"]
    assert slow.threads == {"helsekor-records"}
    behind.finish(2.0)                               # written on the caller's thread, before it returns
    assert slow.events[-1] == ("finish", 2.0)
    assert disk.close(1)


def test_now_waits_for_what_is_queued_and_never_overlaps_a_write():
    disk = DiskBehind()
    inside, order = [], []

    def write(name, seconds):
        def fn():
            inside.append(name)
            assert len(inside) == 1, "two writes at once"
            time.sleep(seconds)
            order.append(name)
            inside.remove(name)
        return fn
    disk.call(write("a", 0.1))
    disk.call(write("b", 0.1))
    disk.now(write("shut-down save", 0.0), timeout=2)
    assert order == ["a", "b", "shut-down save"]
    disk.close()


def test_notices_from_the_writer_reach_the_main_thread_queue():
    disk = DiskBehind()
    disk.call(lambda: disk.notify("Øktloggen kan ikke skrives"))
    assert disk.flush(2)
    assert disk.notices() == ["Øktloggen kan ikke skrives"]
    assert disk.notices() == []
    disk.close()
