"""The live show: the projector app driving the runner, with real devices.

Builds the adapters (MIDI port or built-in synth, VLC), the runner, the state file (resume
after a crash) and the session log, and runs the app until the session ends or the conductor
quits. Errors go to the log file in ``log_dir``; the conductor sees short notices.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from player.core.time.clock import MonotonicClock
from player.core.script.config import Config
from player.core.model.data import Session
from player.core.show.runner import Runner
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
        return self.runner.finished

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
                self.runner.notify(f"Enhetssjekk feilet: {err}")

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


def open_midi_input(config: Config, clock, notify) -> tuple[object | None, list]:
    """The MIDI input from ``midi.input``: pedals mapped to intents, and (``pianist.clock_in``)
    MIDI Clock/Start/Stop/Continue/Song Position as :class:`ClockIn` for a clock-led song.
    Returns (control, queue): the mido callback only appends to the queue."""
    wanted = str(config.section("midi").get("input") or "")
    if not wanted:
        return None, []
    from player.core.time.lead import ClockIn
    from .midi import MidiControl

    inbox: list = []
    follow_clock = bool((config.get("pianist") or {}).get("clock_in", True))
    control = MidiControl(config.section("midi").get("pedal") or {}, clock)

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


def run_show(session: Session, config: Config, *, display: int | None = None, windowed: bool = False,
             restart: bool = False) -> int:
    from .display.app import prepare_sdl
    from .display.pianist_app import ShowApp

    prepare_sdl()
    log_dir = config.path("log_dir") if config.get("log_dir") else Path("~/.local/state/helsekor/logs").expanduser()
    log_file = setup_logging(log_dir)
    notices: list[str] = [] if log_file else [f"Feilloggen i {log_dir} kan ikke skrives; økta fortsetter"]
    store = StateStore(config.path("state_dir") if config.get("state_dir") else log_dir.parent, wall=time.time,
                       notify=notices.append)
    start = 0 if restart else (store.load(session.path, steps=len(session.steps)) or 0)
    clock = MonotonicClock()
    texts = config.texts(session.language)

    def window_handle():
        import pygame
        return pygame.display.get_wm_info().get("window")

    backings = LiveBackings(config, clock, notices.append, window_handle)
    slog = SessionLog(session, log_dir, wall=time.time, notify=notices.append)
    options = {"count_in_bars": int(config.section("midi").get("count_in_bars", 1)),
               "max_lines": int(config.section("lyrics").get("max_lines", 4)),
               "highlight": str(config.section("lyrics").get("highlight", "word")),
               "tempo_step": float(config.section("keys").get("tempo_step", 0.05)),
               "guide_channel": int(config.section("midi").get("guide_channel", 1)),
               "guide_muted": bool(config.section("midi").get("guide_muted", False)),
               "long_press_s": float((config.get("pianist") or {}).get("long_press_ms", 600)) / 1000.0}
    options["songbook"] = songbook(session, config)
    runner = Runner(session, clock, texts, backings=backings, options=options, start_index=start,
                    on_step=lambda i: store.save(session.path, i), log=slog)
    backings.notify = store.notify = slog.notify = runner.notify
    for text in notices:
        runner.notify(text)
    if start:
        runner.notify(f"Fortsetter fra steg {start + 1} (start på nytt med --restart)")
    data = dict(config.data)
    if display is not None:
        data["display"] = {**config.section("display"), "index": display}
    control, inbox = open_midi_input(config, clock, runner.notify)

    def intake() -> list:
        out = control.drain() if control is not None else []
        while inbox:
            out.append(inbox.pop(0))
        return out

    print(f"Helsekor: «{session.title}». Log: {log_file or '–'}")
    try:
        ShowApp(LiveSource(runner, backings, clock), data, windowed=windowed or None, clock=clock,
                intake=intake).run()
    finally:
        if control is not None:
            control.close()
        runner.close()
        backings.close()
        slog.finish(clock.now() - runner.started_at)
        if runner.finished:
            store.clear()
    return 0
