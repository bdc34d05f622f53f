"""The app in a window: resize, and a real window under Xvfb."""

import subprocess
import sys

import numpy as np
import pygame
import pytest
from player.core.script.settings import settings_from_plain

from player.core.time.clock import ManualClock
from player.display.app import App
from player.display.examples import ExampleSource
from player.display.xvfb import Xvfb, grab_screen, xvfb_available
from tests.display.helpers import pixels


def test_the_app_redraws_everything_at_the_new_size_after_a_resize(settings):
    clock = ManualClock()
    a = App(ExampleSource(clock, "title"), settings, windowed=True, size=(640, 360), clock=clock)
    try:
        a.open()
        a.frame()
        small = max(p.size for p in a.renderer.placed)
        pygame.display.set_mode((1280, 720), pygame.RESIZABLE)
        pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=(1280, 720), w=1280, h=720))
        rects = a.frame()
        assert rects == [pygame.Rect(0, 0, 1280, 720)]
        assert max(p.size for p in a.renderer.placed) > small       # the room rule scales with the picture
        assert all(pygame.Rect(0, 0, 1280, 720).contains(pygame.Rect(p.rect)) for p in a.renderer.placed)
    finally:
        a.close()


@pytest.mark.usefixtures("bokmal")   # the notice in bokmål
def test_a_missing_display_index_falls_back_to_the_first_with_a_notice(config):
    from player.display.settings import DisplaySettings
    s = DisplaySettings.from_settings(settings_from_plain({**config, "display": {**config["display"], "index": 5}}))
    a = App(ExampleSource(ManualClock(), "title"), s, windowed=True, size=(640, 360), clock=ManualClock())
    try:
        a.open()
        a.frame()
        assert a.display_used == 0
        assert any("Skjerm 6" in p.text for p in a.renderer.placed if p.role == "notice")
    finally:
        a.close()


@pytest.mark.skipif(not xvfb_available(), reason="the Xvfb binary is absent (Debian package xvfb)")
def test_a_real_window_under_xvfb_shows_the_lyrics(settings, tmp_path):
    with Xvfb((1280, 720)) as xv:
        proc = subprocess.Popen([sys.executable, "-m", "player.display.preview", "--windowed", "--size", "1280x720",
                                 "--example", "lyrics"], env=xv.env(), stdout=subprocess.PIPE, text=True)
        try:
            line = proc.stdout.readline()
            assert line.startswith("first_frame_epoch"), line
            shot = None
            for _ in range(50):           # the window maps and draws within a few frames
                shot = grab_screen(xv.display)
                if (pixels(shot) == np.array(settings.theme.highlight)).all(axis=2).sum() > 500:
                    break
                subprocess.run(["sleep", "0.1"])
            pygame.image.save(shot, str(tmp_path / "xvfb.png"))
        finally:
            proc.terminate()
            proc.wait(10)
    a = pixels(shot)
    assert shot.get_size() == (1280, 720)
    assert tuple(a[5, 5]) == settings.theme.background
    # the sung word in the highlight colour and the other lines in white/dim are on the X screen
    for colour in (settings.theme.highlight, settings.theme.text, settings.theme.dim):
        assert (a == np.array(colour)).all(axis=2).sum() > 500, colour


def test_a_display_that_points_nowhere_is_an_error_not_an_invisible_show(tmp_path):
    """With DISPLAY set to no X server, SDL quietly falls back to drawing offscreen; the app must
    say so (then `make demo` rehearses without a screen) instead of running where nobody sees."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "SDL_VIDEODRIVER"}
    env.update(DISPLAY=":97531", SDL_AUDIODRIVER="dummy")
    code = ("from player.display.app import App\n"
            "from player.display.examples import ExampleSource\n"
            "from player.core.model.errors import DeviceError\n"
            "try:\n    App(ExampleSource(), {}, windowed=True).open()\n"
            "except DeviceError as err:\n    print('DeviceError:', err)\n")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert "DeviceError: No screen to draw on" in out.stdout, out.stdout + out.stderr


def test_an_event_that_fails_to_handle_leaves_a_notice_and_the_show_goes_on(settings, monkeypatch):
    import pygame

    from player.core.time.clock import ManualClock
    from player.display.app import App
    from player.display.examples import ExampleSource

    app = App(ExampleSource(), settings, windowed=True, size=(320, 180), clock=ManualClock(10.0))
    app.open()
    try:
        def broken(*args, **kwargs):
            raise KeyError("oops")
        monkeypatch.setattr(app.controls, "press", broken)      # a bug in key handling
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RIGHT, mod=0, unicode="", scancode=0))
        app.frame()
        assert any("KeyError" in n for n in app.chrome().notices)
        frames = app.frames
        app.frame()                                              # and the show goes on
        assert app.frames == frames + 1
    finally:
        app.close()


class _StallingSource:
    """A fake runner whose tick stands still once for ``stall_s`` (holding ``lock`` meanwhile),
    as a frame loop does when a device call hangs."""

    def __init__(self, stall_at: int, stall_s: float, lock=None):
        import threading
        self.finished = False
        self.handled = []
        self.ticks = 0
        self.stall_at, self.stall_s = stall_at, stall_s
        self.lock = lock or threading.Lock()

    def handle(self, intent):
        self.handled.append(intent)

    def tick(self):
        import time
        self.ticks += 1
        if self.ticks == self.stall_at:
            with self.lock:
                time.sleep(self.stall_s)

    def snapshot(self):
        from player.core.show.snapshot import Snapshot
        return Snapshot(scene="title", title="Hei")


def _watched(settings, source, tmp_path, silence, **kw):
    from player.display.watchdog import Watchdog
    dump = open(tmp_path / "helsekor.log", "a", encoding="utf-8")
    dog = Watchdog(silence=silence, dump_file=dump, stall_s=0.5, **kw)
    return App(source, settings, windowed=True, size=(320, 180), watchdog=dog), dog, dump


@pytest.mark.usefixtures("bokmal")   # the notice in bokmål
def test_a_stalled_frame_loop_dumps_every_stack_silences_and_tells_the_conductor(settings, tmp_path):
    import threading

    from player.core.model import intents as I
    silenced = []
    source = _StallingSource(stall_at=5, stall_s=1.5)
    app, dog, dump = _watched(settings, source, tmp_path,
                              silence=lambda: silenced.append(threading.current_thread().name))
    try:
        app.run(max_frames=12)
    finally:
        dog.close()
        app.close()
        dump.close()
    stacks = (tmp_path / "helsekor.log").read_text(encoding="utf-8")
    assert "most recent call first" in stacks and "tick" in stacks     # the stalled main thread's stack
    assert silenced and silenced[0] != threading.main_thread().name    # silenced from another thread
    assert dog.stalls == 1
    assert [type(i) for i in source.handled] == [I.Panic]              # the runner shows "paused"
    assert any("hang" in n and "start/pause" in n for n in app.chrome().notices)


@pytest.mark.usefixtures("bokmal")   # the notice in bokmål
def test_the_watchdog_never_waits_on_a_silence_that_needs_the_stalled_loops_lock(settings, tmp_path):
    """The frame loop stands still holding a lock; silencing needs that lock. The watchdog
    must report the stall anyway and not hang with it; the conductor learns the sound may
    still play."""
    import threading
    lock = threading.Lock()
    source = _StallingSource(stall_at=3, stall_s=2.0, lock=lock)

    def silence():
        with lock:
            pass

    app, dog, dump = _watched(settings, source, tmp_path, silence=silence, silence_wait_s=0.3)
    try:
        app.run(max_frames=8)
    finally:
        dog.close()
        app.close()
        dump.close()
    assert dog.stalls == 1 and source.handled == []                 # no Panic: the sound was not stopped
    assert any("hang" in n and "start/pause" not in n for n in app.chrome().notices)
    assert "most recent call first" in (tmp_path / "helsekor.log").read_text(encoding="utf-8")


def test_a_quit_that_does_not_finish_in_time_is_forced_after_saving(tmp_path):
    import threading
    import time

    from player.display.watchdog import Watchdog
    exited, saved = threading.Event(), []
    codes = []

    def fake_exit(code):
        codes.append(code)
        exited.set()

    with open(tmp_path / "helsekor.log", "a", encoding="utf-8") as dump:
        dog = Watchdog(emergency=lambda: saved.append(True), dump_file=dump, quit_s=0.3,
                       exit=fake_exit).start()
        try:
            t0 = time.monotonic()
            dog.quitting("SIGTERM")
            assert exited.wait(5.0), "the watchdog never forced the exit"
            print(f"forced exit after {time.monotonic() - t0:.2f} s")
        finally:
            dog.close()
    assert codes == [0] and saved == [True]


def test_a_quit_that_finishes_in_time_is_not_forced(tmp_path):
    import time

    from player.display.watchdog import Watchdog
    codes = []
    with open(tmp_path / "helsekor.log", "a", encoding="utf-8") as dump:
        dog = Watchdog(dump_file=dump, quit_s=0.3, exit=codes.append).start()
        dog.quitting("ctrl+q")
        dog.done()
        time.sleep(0.6)
        dog.close()
    assert codes == []


def test_close_within_leaves_a_hung_close_behind_and_says_which():
    import threading

    from player.display.watchdog import close_within
    done = []
    never = threading.Event()

    def broken():
        raise OSError("port gone")

    hung = close_within([("midi in", lambda: done.append("midi in")), ("broken", broken),
                         ("synth", never.wait), ("vlc", lambda: done.append("vlc"))], 0.3)
    assert hung == ["synth", "vlc"] and done == ["midi in"]     # a failing close does not stop the next
    assert close_within([("vlc", lambda: done.append("vlc"))], 1.0) == [] and done[-1] == "vlc"
    never.set()


def test_a_key_wakes_the_frame_loop_and_is_handled_by_the_next_frame(settings):
    import threading
    import time
    from dataclasses import replace

    from player.core.model import intents as I

    class Recording(ExampleSource):
        def __init__(self):
            super().__init__()
            self.got = []

        def handle(self, intent):
            self.got.append(type(intent))
            super().handle(intent)

    source = Recording()
    app = App(source, replace(settings, fps=1), windowed=True, size=(320, 180), clock=ManualClock(10.0))
    app.open()
    try:
        app.frame()
        key = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RIGHT, mod=0, unicode="", scancode=0)
        threading.Timer(0.1, pygame.event.post, (key,)).start()
        began = time.monotonic()
        app._wait_for_frame(began)                  # one frame is a whole second at fps 1
        assert time.monotonic() - began < 0.9       # woken by the key, not at the frame's tick
        app.frame()
        assert I.Next in source.got                 # and that frame handled it
        began = time.monotonic()
        app._wait_for_frame(began - 0.7)            # no key: it sleeps to the frame's time
        assert 0.2 < time.monotonic() - began
    finally:
        app.close()
