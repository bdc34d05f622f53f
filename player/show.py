"""The live show: the projector app driving the runner, with real devices.

Builds the adapters (MIDI port or built-in synth, VLC), the runner, the state file (resume
after a crash) and the session log, and runs the app until the session ends or the conductor
quits. Errors go to the log file in ``log_dir``; the conductor sees short notices.
"""

from __future__ import annotations

import logging
from pathlib import Path

from player.core.time.clock import MonotonicClock
from player.core.script.config import Config
from player.core.model.data import Session
from player.core.show.notices import NoticeBoard
from player.core.show.options import ShowOptions
from player.core.show.runner import Runner
from player.core.show.words import say
from player.records.sessionlog import SessionLog
from player.records.state import StateStore
from .live import LiveBackings
from .wiring import songbook

__all__ = ["run_show", "LiveSource", "show_options"]

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


def setup_logging(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "helsekor.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def show_options(config: Config) -> ShowOptions:
    """The show's settings from config.yaml (read as before the typed settings; the defaults
    are :class:`ShowOptions`'s)."""
    d = ShowOptions()
    midi, lyrics, keys = config.section("midi"), config.section("lyrics"), config.section("keys")
    return ShowOptions(count_in_bars=int(midi.get("count_in_bars", d.count_in_bars)),
                       max_lines=int(lyrics.get("max_lines", d.max_lines)),
                       highlight=str(lyrics.get("highlight", d.highlight)),
                       tempo_step=float(keys.get("tempo_step", d.tempo_step)),
                       guide_channel=int(midi.get("guide_channel", d.guide_channel)),
                       guide_muted=bool(midi.get("guide_muted", d.guide_muted)),
                       long_press_s=float((config.get("pianist") or {}).get("long_press_ms",
                                                                            d.long_press_s * 1000)) / 1000.0)


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
    store = StateStore(config.path("state_dir") if config.get("state_dir") else log_dir.parent)
    start = 0 if restart else (store.load(session.path) or 0)
    clock = MonotonicClock()
    texts = config.texts(session.language)
    board = NoticeBoard(clock)            # the devices and the runner post to the same board

    def window_handle():
        import pygame
        return pygame.display.get_wm_info().get("window")

    backings = LiveBackings(config, clock, board.post, window_handle)
    slog = SessionLog(session, log_dir)
    runner = Runner(session, clock, texts, backings=backings, options=show_options(config),
                    songbook=songbook(session, config), start_index=start,
                    on_step=lambda i: store.save(session.path, i), log=slog, notices=board)
    if start:
        runner.notify(say(texts, "resumed", n=start + 1))
    data = dict(config.data)
    if display is not None:
        data["display"] = {**config.section("display"), "index": display}
    control, inbox = open_midi_input(config, clock, runner.notify)

    def intake() -> list:
        out = control.drain() if control is not None else []
        while inbox:
            out.append(inbox.pop(0))
        return out

    print(f"Helsekor: «{session.title}». Log: {log_file}")
    try:
        ShowApp(LiveSource(runner, backings, clock), data, windowed=windowed or None, clock=clock,
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
