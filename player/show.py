"""The live show: the projector app driving the runner, with real devices.

Builds the adapters (MIDI port or built-in synth, VLC), the runner, the state file (resume
after a crash) and the session log, and runs the app until the session ends or the conductor
quits. Errors go to the log file in ``log_dir``; the conductor sees short notices.
"""

from __future__ import annotations

import logging
from dataclasses import replace
import time
from pathlib import Path

from player.core.time.clock import MonotonicClock
from player.core.model.settings import Settings
from player.core.model.data import Session
from player.core.show.notices import NoticeBoard
from player.core.show.options import ShowOptions
from player.core.show.runner import Runner
from player.core.show.words import say
from player.records.sessionlog import SessionLog
from player.records.state import StateStore
from .live import LiveBackings
from .wiring import songbook

__all__ = ["run_show", "LiveSource"]

log = logging.getLogger("helsekor")


class LiveSource:
    """The runner as the app's snapshot source, plus a once-a-second device check."""

    def __init__(self, runner: Runner, backings: LiveBackings, clock):
        self.runner = runner
        self.backings = backings
        self.clock = clock
        self._last_check = clock.now()

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
    """The error log in ``folder``; None (the show goes on without it) when it cannot be written."""
    path = folder / "helsekor.log"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


CLOCK_TYPES = ("clock", "start", "stop", "continue", "songpos")


def open_midi_input(config: Settings, clock, notify) -> tuple[object | None, list]:
    """The MIDI input from ``midi.input``: pedals mapped to intents, and (``pianist.clock_in``)
    MIDI Clock/Start/Stop/Continue/Song Position as :class:`ClockIn` for a clock-led song.
    Returns (control, queue): the mido callback only appends to the queue."""
    wanted = config.midi.input
    if not wanted:
        return None, []
    from player.core.time.lead import ClockIn
    from .midi import MidiControl

    inbox: list = []
    follow_clock = config.pianist.clock_in
    control = MidiControl(config.midi.pedal_map(), clock)

    def feed(msg) -> None:   # MIDI thread: map and enqueue only
        control.feed(msg)
        if follow_clock and msg.type in CLOCK_TYPES:
            inbox.append(ClockIn(at=clock.now(), kind=msg.type, value=int(getattr(msg, "pos", 0))))

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
             restart: bool = False) -> int:
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

    backings = LiveBackings(config, clock, board.post, window_handle)
    slog = SessionLog(session, log_dir, wall=time.time, notify=board.post)
    runner = Runner(session, clock, texts, backings=backings, options=ShowOptions.from_settings(config),
                    songbook=songbook(session, config), start_index=start,
                    on_step=lambda i: store.save(session.path, i), log=slog, notices=board)
    if start:
        runner.notify(say(texts, "resumed", n=start + 1))
    shown = config if display is None else replace(config, display=replace(config.display, index=display))
    control, inbox = open_midi_input(config, clock, runner.notify)

    def intake() -> list:
        out = control.drain() if control is not None else []
        while inbox:
            out.append(inbox.pop(0))
        return out

    print(f"Helsekor: «{session.title}». Log: {log_file or '–'}")
    try:
        ShowApp(LiveSource(runner, backings, clock), shown, windowed=windowed or None, clock=clock,
                intake=intake).run()
    finally:
        if control is not None:
            control.close()
        runner.close()
        backings.close()
        slog.finish(clock.now() - runner.started_at)
        if runner.finished:        # the session was sung to its end: nothing to resume
            store.clear()
    return 0
