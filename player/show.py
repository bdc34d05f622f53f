"""The live show: the projector app driving the runner, with real devices.

Builds the adapters (MIDI port or built-in synth, VLC), the runner, the state file (resume
after a crash) and the session log, and runs the app until the session ends or the conductor
quits. Errors go to the log file in ``log_dir``; the conductor sees short notices.

Ending: Ctrl+Q twice, closing the window, SIGTERM, SIGINT and SIGHUP all end the frame loop
and then :func:`shut_down`: the sound stops, the step is saved, the devices close with a
deadline (a close that hangs is logged with every thread's stack and left behind) and the
process is gone within 2 s, always (:class:`~player.display.watchdog.Watchdog` forces the exit
past its deadline, and faulthandler's native timer even when a thread holds the GIL). During
the show the watchdog reports a frame loop that stands still for 2 s and silences the sound.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import time
from dataclasses import replace
from pathlib import Path

from player.core.model import intents as I
from player.core.time.clock import MonotonicClock
from player.core.model.settings import Settings
from player.core.model.data import Session
from player.core.show.notices import NoticeBoard
from player.core.show.options import ShowOptions
from player.core.show.runner import Runner
from player.core.show.words import say
from player.records.behind import DiskBehind, LogBehind
from player.records.sessionlog import SessionLog
from player.records.state import StateStore
from player.core.model.messages import tr
from .live import LiveBackings

__all__ = ["run_show", "LiveSource", "shut_down", "QUIT_SIGNALS"]

log = logging.getLogger("helsekor")

#: frames a step is on the screen before the next one is drawn ahead (its own first frames first)
AHEAD_AFTER_FRAMES = 3


class LiveSource:
    """The runner as the app's snapshot source, plus a once-a-second device check and the work
    that waits until the first frame is on the screen (:meth:`after_frame`): the synth's
    SoundFont and the songbook are prepared on ``preparer``'s worker thread (``songbook()``
    only reads files), the coming song's MIDI file is read ahead, and what is ready is put to
    use here on the main thread, between two frames."""

    def __init__(self, runner: Runner, backings: LiveBackings, clock, *, songbook=None, preparer=None):
        self.runner = runner
        self.backings = backings
        self.clock = clock
        self._last_check = clock.now()
        self._songbook_loader = songbook
        self._songbook = None                 # the Job reading the songbook
        self.preparer = preparer
        self.frames_after = 0                 # after_frame calls so far
        self._prepared_for: int | None = None
        self.on_first_frame = None            # called once the first frame is on the screen
        self.ahead = None                     # (index) -> begins drawing that step's first frame off the screen
        self.ahead_step = None                # () -> one slice of that drawing (each frame after)
        self.ahead_now = None                 # (index) -> draws that step's first frame at once
        self._ahead_at: int | None = None     # the frame after which the next step is drawn ahead
        self._ahead_before_sound: int | None = None   # the step whose next one was drawn before its sound

    def after_frame(self) -> None:
        """Main thread, after each frame was drawn: start what the first frame did not need,
        put to use what the worker made, read the next step's MIDI file ahead."""
        self.frames_after += 1
        if self.frames_after == 1:
            if self.on_first_frame is not None:       # first in the worker's queue: a quick quit still keeps it
                try:
                    self.on_first_frame()
                except Exception:  # noqa: BLE001 - keeping the picture only saves time at the next start
                    log.exception("the first frame could not be kept")
            self.backings.warm_up()
            log.info("the first frame is on the screen, %.0f ms after the runner was made",
                     (self.clock.now() - self.runner.started_at) * 1000)
            if self._songbook_loader is not None and self.preparer is not None:
                self._songbook = self.preparer.submit("the songbook", self._songbook_loader)
        if self._prepared_for != self.runner.index and self.backings.holding and self.ahead_now is not None:
            # the song's sound starts below (its backing was held for its first frame): draw the
            # next step ahead before it, in the silence; text rendering holds the GIL, and during
            # the song it kept the synth's audio callback waiting (bench/bench_underrun.py)
            self.ahead_now(self.runner.index + 1)
            self._ahead_before_sound = self.runner.index
        self.backings.between_frames()
        if self._songbook is not None and self._songbook.done:
            job, self._songbook = self._songbook, None
            try:
                self.runner.songbook = tuple(job.result())
            except Exception as err:  # noqa: BLE001 - the show goes on without the songbook
                log.error(tr("the songbook could not be read: %s"), err)
                self.runner.notify(say(self.runner.texts, "command_failed") + f": {err}"[:120])
        index = self.runner.index
        if self.frames_after == self._ahead_at and self.ahead is not None:
            self.ahead(index + 1)                 # its text and pictures made before Next (display/ahead.py)
        elif self.ahead_step is not None:
            self.ahead_step()                     # one slice of it a frame
        if self._prepared_for != index:
            self._prepared_for = index
            drawn = self._ahead_before_sound == index     # drawn ahead already, before the sound
            self._ahead_before_sound = None
            self._ahead_at = None if drawn else self.frames_after + AHEAD_AFTER_FRAMES
            steps = self.runner.session.steps
            for step in steps[index:index + 2]:       # this step (after a jump) and the next
                self.backings.prepare(step)

    @property
    def finished(self) -> bool:
        """True once the conductor confirmed the end (Next twice on the closing card)."""
        return self.runner.done

    def handle(self, intent) -> None:
        self.runner.handle(intent)

    def tick(self) -> None:
        self.runner.tick()
        now = self.clock.now()
        if now - self._last_check >= 1.0:
            self._last_check = now
            try:
                self.backings.check()
            except Exception as err:  # noqa: BLE001 - a device check must never stop the show
                self.runner.notify(say(self.runner.texts, "device_check_failed", error=err))

    def snapshot(self):
        return self.runner.snapshot()


def setup_logging(folder: Path) -> Path | None:
    """The error log in ``folder``, written behind the show (player/records/logbehind.py: a log
    line in a frame is never a disk write); None (the show goes on without it) when it cannot be written."""
    from .records.logbehind import BehindHandler
    path = folder / "helsekor.log"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(BehindHandler(handler))
    root.setLevel(logging.INFO)
    return path


CLOCK_TYPES = ("clock", "start", "stop", "continue", "songpos")


def open_midi_input(config: Settings, clock, notify) -> tuple[object | None, list]:
    """The MIDI input from ``midi.input``: pedals mapped to intents, and (``pianist.clock_in``)
    MIDI Clock/Start/Stop/Continue/Song Position as :class:`ClockIn` for a clock-led song, and
    every note-on as :class:`NoteIn` (the score follower of a song with ``lead: follow``).
    Returns (control, queue): the mido callback only appends to the queue."""
    wanted = config.midi.input
    if not wanted:
        return None, []
    from player.core.time.lead import ClockIn, NoteIn
    from .midi import MidiControl

    inbox: list = []
    follow_clock = config.pianist.clock_in
    control = MidiControl(config.midi.pedal_map(), clock)

    def feed(msg) -> None:   # MIDI thread: map and enqueue only
        control.feed(msg)
        if follow_clock and msg.type in CLOCK_TYPES:
            inbox.append(ClockIn(at=clock.now(), kind=msg.type, value=int(getattr(msg, "pos", 0))))
        elif msg.type == "note_on" and msg.velocity > 0:       # for a song the follower leads
            inbox.append(NoteIn(at=clock.now(), note=msg.note, velocity=msg.velocity))

    def opener(name, callback=None):
        import mido
        return mido.open_input(name, callback=feed)

    try:
        control.open(wanted, opener)
    except Exception as err:  # noqa: BLE001 - the session goes on without MIDI in
        notify(str(err))
        return None, []
    return control, inbox


def run_show(session: Session, config: Settings, *, display: int | None = None, windowed: bool = False,
             restart: bool = False, first_frame_file: Path | None = None) -> int:
    """The show until it ends. ``first_frame_file``: where to keep the first frame (when the show
    starts from the first step), for :mod:`player.display.splash` to show at the next start."""
    from .display.app import prepare_sdl
    from .display.pianist_app import ShowApp

    prepare_sdl()
    log_dir = config.log_dir
    log_file = setup_logging(log_dir)
    clock = MonotonicClock()
    texts = config.texts(session.language)
    board = NoticeBoard(clock)            # the devices, the records and the runner post to one board
    if log_file is None:
        board.post(say(texts, "log_unwritable", folder=log_dir))
    store = StateStore(config.state_dir, wall=time.time, notify=board.post)
    start = 0 if restart else (store.load(session.path, steps=len(session.steps)) or 0)

    def window_handle():
        import pygame
        return pygame.display.get_wm_info().get("window")

    from .midi.prepare import Preparer
    preparer = Preparer()                 # the songbook, the SoundFont, the next song's MIDI: after the first frame
    backings = LiveBackings(config, clock, board.post, window_handle, preparer=preparer)
    disk = DiskBehind()                   # the log's and the state's fsyncs: never in a frame
    store.notify = disk.notify
    slog = LogBehind(SessionLog(session, log_dir, wall=time.time, notify=disk.notify), disk)
    runner = Runner(session, clock, texts, backings=backings, options=ShowOptions.from_settings(config),
                    songbook=(), start_index=start,
                    on_step=lambda i: disk.call(lambda: store.save(session.path, i)), log=slog, notices=board)
    if start:
        runner.notify(say(texts, "resumed", n=start + 1))
    shown = config if display is None else replace(config, display=replace(config.display, index=display))
    control, inbox = open_midi_input(config, clock, runner.notify)

    def intake() -> list:
        for text in disk.notices():
            board.post(text)
        out = control.drain() if control is not None else []
        while inbox:
            out.append(inbox.pop(0))
        return out

    print(tr('Helsekor: «{title}». Log: {value}', title=session.title, value=log_file or '–'), flush=True)
    from .display.watchdog import Watchdog

    # stacks go to the log (faulthandler writes to a file descriptor); without one, to stderr
    dump_file = open(log_file, "a", encoding="utf-8") if log_file else sys.stderr

    def save_step() -> None:
        disk.now(store.clear if runner.finished else lambda: store.save(session.path, runner.index))

    watchdog = Watchdog(clock=clock, silence=lambda: silence_sound(runner), emergency=save_step,
                        dump_file=dump_file, native=True)
    def read_songbook():                  # the YAML reader is imported on the worker, after the first frame
        from .wiring import songbook
        return songbook(session, config)
    source = LiveSource(runner, backings, clock, songbook=read_songbook, preparer=preparer)
    app = ShowApp(source, shown, windowed=windowed or None, clock=clock,
                  intake=intake, watchdog=watchdog, after_frame=source.after_frame, post_notice=runner.notify)
    from .display.ahead import Ahead
    ahead = Ahead(app.renderer)
    source.ahead = lambda i: app.surface is not None and ahead.start(runner, i, app.surface.get_size())
    source.ahead_step = ahead.step
    source.ahead_now = lambda i: app.surface is not None and ahead.prepare(runner, i, app.surface.get_size())
    if first_frame_file is not None and start == 0:
        from .display import splash

        def keep_first_frame() -> None:
            splash.remember(first_frame_file, app.surface, mode=app.mode, caption=app.caption, state_file=store.path,
                            submit=lambda work: preparer.submit("keeping the first frame", work))
        source.on_first_frame = keep_first_frame
    room = start_room(config, texts, app, clock)
    previous = install_quit_signals(app, watchdog)
    ended = False
    try:
        app.run()
        ended = True
    finally:
        watchdog.quitting(app.quit_reason or ("finished" if runner.finished else "the loop ended"))
        try:
            shut_down(runner, save_step,
                      [("the room's pages", room.stop if room is not None else lambda: None),
                       ("MIDI input", control.close if control is not None else lambda: None),
                       ("the step's sound", runner.close), ("the sound devices", backings.close)],
                      finish_log=lambda: slog.finish(clock.now() - runner.started_at), dump_file=dump_file)
        finally:
            restore_signals(previous)
            disk.close()
            preparer.close()
            watchdog.done(keep_exit_deadline=ended)   # a failed show (no screen) lets the demo go on
    return 0


def start_room(config: Settings, texts, app, clock):
    """The pages for phones and tablets (player/serve), only when ``serve`` is on: the server
    thread starts beside the show and the app hands it each frame's view; intents come back
    through ``app.post``. A server that cannot start is a notice, never the end of the show."""
    if not config.serve.enabled:
        return None
    from .serve import RoomServer
    try:
        room = RoomServer(config.serve, texts, app.post, clock=clock.now,
                          double_press_s=config.keys.double_press_guard_ms / 1000.0).start()
    except Exception as err:  # noqa: BLE001 - a port taken, no network: the show goes on
        log.exception("the room's pages could not start")
        app.notice(say(texts, "serve_failed", error=err)[:120])
        return None
    print(say(texts, "serve_started", url=room.url, code=room.code), flush=True)
    app.room = room
    return room


#: Signals that end the show as Ctrl+Q does (the terminal's Ctrl+C, `kill`, a closed terminal).
QUIT_SIGNALS = ("SIGTERM", "SIGINT", "SIGHUP")
CLOSE_SECONDS = 0.8      # all device closes together; the forced exit comes at 1.3 s


def install_quit_signals(app, watchdog) -> dict:
    """Each quit signal ends the frame loop after its frame and starts the quit deadline.
    Returns the handlers it replaced (for :func:`restore_signals`)."""
    def on_signal(signum, _frame) -> None:      # main thread, between two bytecodes
        name = signal.Signals(signum).name
        watchdog.quitting(name)
        app.request_quit(name)

    previous = {}
    for name in QUIT_SIGNALS:
        sig = getattr(signal, name, None)
        if sig is not None:
            previous[sig] = signal.signal(sig, on_signal)
    return previous


def restore_signals(previous: dict) -> None:
    for sig, handler in previous.items():
        signal.signal(sig, handler if handler is not None else signal.SIG_DFL)


def silence_sound(runner) -> None:
    """Stop what plays now (the watchdog's helper thread, while the frame loop stands still).
    A MIDI backing's port hears all-notes-off first, straight, past the scheduler: a stall
    can be the scheduler's own lock held, and then ``panic`` below never returns."""
    act = runner.act
    backing = act.backing if act is not None else None
    if backing is None:
        return
    port = getattr(backing, "output", None)     # MidiBacking's port; VLC and the plain clocks have none
    if port is not None:
        port.reset()
    backing.panic()


def shut_down(runner, save_step, closes, *, finish_log=lambda: None, dump_file=None,
              close_s: float = CLOSE_SECONDS) -> list[str]:
    """The end of the show, in the order that matters to the room: the sound stops (a quick
    fade), the step is saved, the session log is written, then the devices close on a thread
    with a deadline. If one hangs it is logged with every thread's stack and the process ends
    here (the interpreter's own exit would close the same devices and hang again)."""
    from .display.watchdog import close_within
    import faulthandler

    hung = close_within([("stopping the sound", lambda: runner.handle(I.Panic(at=runner.clock.now())))], 0.3)
    for what, call in (("saving the step", save_step), ("writing the session log", finish_log)):
        try:
            call()
        except Exception:  # noqa: BLE001 - the other records and the closes still come
            log.exception("%s failed", what)
    hung += close_within(list(closes), close_s)
    if not hung:
        return hung
    log.error(tr("the show quits without waiting for: %s"), ", ".join(hung))
    for handler in logging.getLogger().handlers:
        handler.flush()
    if dump_file is not None:
        faulthandler.dump_traceback(file=dump_file, all_threads=True)
        dump_file.flush()
    sys.stdout.flush()
    os._exit(0)
