"""The projector app with the conductor's console beside it, and the pianist's own keys.

:class:`ShowApp` is the projector :class:`~player.display.app.App` plus, each frame, the
console window (:mod:`player.display.console_window`, the pianist window grown up) drawn from
the same snapshot, and intents drained from extra sources (MIDI in). A click on a console
button becomes the intent its key makes, passed on like a key (one event pump); every intent
passed on is shown to the console's :class:`~player.core.show.console.ConsoleRecord`.
Keys from the ``pianist:`` settings: ``switch_lead_key`` cycles who leads the song
(backing → pedal → tap → MIDI clock); ``pedal_key`` works as the lead pedal (key down/up:
a short press is the next line, a long press goes back). Main thread only, except
:meth:`App.post`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Callable

from player.core.model.settings import Settings
from player.core.show.console import ConsoleRecord, console_info, plain_info, show_state_of
from player.core.show.words import say
from player.core.time.lead import PedalDown, PedalUp, SwitchLead
from player.display.app import App

__all__ = ["ShowApp", "PianistSettings"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PianistSettings:
    """Where the pianist window opens and the pianist's own keys, from ``display.pianist_window``,
    ``display.pianist_display``, ``display.index`` and ``pianist:`` of the checked settings.
    (The long press is the runner's: ``pianist.long_press_ms`` goes to it from the show.)"""

    window: str | bool          # "auto": only with a second screen, so one screen shows the view uncovered
    display: str | int          # "auto": a screen the projector view is not on
    projector: int
    size: tuple[int, int]
    switch_lead_key: str
    pedal_key: str

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> "PianistSettings":
        s = settings or Settings()
        return cls(s.display.pianist_window, s.display.pianist_display, s.display.index, s.pianist.size,
                   s.pianist.switch_lead_key, s.pianist.pedal_key)


class ShowApp(App):
    def __init__(self, source, config: Settings | None = None, *, intake: Callable[[], list] | None = None, **kw):
        super().__init__(source, config, **kw)
        self.pianist_settings = PianistSettings.from_settings(config or None)
        self.intake = intake
        self.pianist = None                 # the console window (the pianist window grown up)
        self.record = ConsoleRecord()
        # the room's pages (player.serve.RoomServer, duck-typed: url, pin, qr(), publish()), or None
        self.room = None
        self._room_shown = False
        self.runner = show_state_of(source)
        self.texts = self.runner.texts if self.runner is not None else \
            (config.texts() if isinstance(config, Settings) else {})

    def open(self):
        surface = super().open()
        import pygame
        wanted = self.pianist_settings.window
        if wanted == "auto":
            wanted = pygame.display.get_num_displays() >= 2
        if wanted:
            try:
                from player.display.console_window import ConsoleWindow
                where = self.pianist_settings.display
                if where == "auto":   # a screen the projector view is not on
                    where = 1 if self.pianist_settings.projector == 0 and pygame.display.get_num_displays() > 1 else 0
                self.pianist = ConsoleWindow(self.texts, self.settings.theme, self.pianist_settings.size, where)
                self.console = True       # the conductor's things go there, not on the projector
            except Exception as err:  # noqa: BLE001 - the show goes on with one window
                log.exception("the console window could not open")
                self.notice(say(self.texts, "console_window_failed", error=err)[:120])
        return surface

    def handle_event(self, event) -> None:
        import pygame
        if event.type in (pygame.KEYDOWN, pygame.KEYUP):
            name = pygame.key.name(event.key).lower()
            now = self.clock.now()
            if name and name == self.pianist_settings.pedal_key:
                self._dispatch(PedalDown(at=now) if event.type == pygame.KEYDOWN else PedalUp(at=now))
                return
            if event.type == pygame.KEYDOWN and name and name == self.pianist_settings.switch_lead_key:
                self._dispatch(SwitchLead(at=now))
                return
            if event.type == pygame.KEYUP:
                return
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self._in_console(event):
            action = self.pianist.action_at(event.pos)
            if action is not None:
                self._dispatch(self.controls_action(action))
            return
        if event.type == getattr(pygame, "WINDOWCLOSE", -1) and self.pianist is not None \
                and getattr(getattr(event, "window", None), "id", None) == self.pianist.id:
            self.pianist.close()           # closing the pianist window does not end the session
            self.pianist = None
            self.console = False           # one screen again: Tab and notices on the projector
            return
        super().handle_event(event)

    def _in_console(self, event) -> bool:
        window = getattr(event, "window", None)     # pygame-ce names the window of a mouse event
        return self.pianist is not None and window is not None and window.id == self.pianist.id

    def controls_action(self, action: str):
        """The intent a console button makes: the same as its key (player.display.keymap)."""
        from player.display.keymap import ACTIONS
        if action == "switch_lead":            # the pianist's key (pianist.switch_lead_key)
            return SwitchLead(at=self.clock.now())
        return ACTIONS[action](at=self.clock.now())

    def _dispatch(self, intent) -> None:
        self.record.saw(intent)
        super()._dispatch(intent)

    def console_info(self):
        """This frame's console info (a query over the runner and the record)."""
        snap = self._last_snapshot
        if self.runner is None:
            return plain_info(snap, self.record, self.texts)
        return console_info(self.runner, self.record, snap, self.clock.now())

    def frame(self) -> list:
        if self.intake is not None:
            for intent in self.intake():
                self.post(intent)
        rects = super().frame()
        self.record.observe(self.clock.now(), self._last_snapshot, tuple(self._notices))
        info = None
        if self.pianist is not None:
            try:
                snap = self._last_snapshot
                if self.controls.confirming_quit:      # Ctrl+Q's question, asked on the console only
                    snap = replace(snap, confirm_quit=(say(self.texts, "quit_confirm"), say(self.texts, "quit_hint")))
                info = self.console_info()
                shown = info
                if self.room is not None:            # the address and the PIN: on the console only
                    shown = replace(info, notes=(say(self.texts, "serve_console", url=self.room.url,
                                                     pin=self.room.pin),) + info.notes)
                    if not self.pianist.corner:
                        self.pianist.corner = self.room.qr()
                self.pianist.draw(snap, shown)
            except Exception as err:  # noqa: BLE001 - the console is for the conductor: the show goes on
                log.exception("drawing the console failed")
                self.pianist.close()
                self.pianist = None
                self.console = False       # one screen again: the projector tells the conductor
                self.notice(say(self.texts, "console_draw_failed", error=f"{type(err).__name__}: {err}")[:120])
        if self.room is not None:
            self._publish(info)
        return rects

    def _publish(self, info) -> None:
        """Hand this frame's view to the room's pages (never waits); a fault stops the pages."""
        try:
            if not self._room_shown and self.pianist is None:   # no console: the PIN goes to the terminal
                print(say(self.texts, "serve_console", url=self.room.url, pin=self.room.pin), flush=True)
            self._room_shown = True
            self.room.publish(self._last_snapshot, info or self.console_info())
        except Exception as err:  # noqa: BLE001 - the phones lose their view; the show goes on
            log.exception("publishing to the room's pages failed")
            self.room = None
            self.notice(say(self.texts, "serve_failed", error=f"{type(err).__name__}: {err}")[:120])

    def close(self) -> None:
        if self.pianist is not None:
            self.pianist.close()
            self.pianist = None
        super().close()
