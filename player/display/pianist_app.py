"""The projector app with the pianist window beside it, and the pianist's own keys.

:class:`ShowApp` is the projector :class:`~player.display.app.App` plus, each frame, the
pianist window drawn from the same snapshot and intents drained from extra sources (MIDI in).
Keys from the ``pianist:`` settings: ``switch_lead_key`` cycles who leads the song
(backing → pedal → tap → MIDI clock); ``pedal_key`` works as the lead pedal (key down/up:
a short press is the next line, a long press goes back). Main thread only, except
:meth:`App.post`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable

from player.core.model.settings import Settings
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
        self.pianist = None

    def open(self):
        surface = super().open()
        import pygame
        wanted = self.pianist_settings.window
        if wanted == "auto":
            wanted = pygame.display.get_num_displays() >= 2
        if wanted:
            try:
                from player.display.pianist import PianistWindow
                where = self.pianist_settings.display
                if where == "auto":   # a screen the projector view is not on
                    where = 1 if self.pianist_settings.projector == 0 and pygame.display.get_num_displays() > 1 else 0
                self.pianist = PianistWindow(self.settings.theme, self.pianist_settings.size, where)
                self.console = True       # the conductor's things go there, not on the projector
            except Exception as err:  # noqa: BLE001 - the show goes on with one window
                log.exception("the pianist window could not open")
                self.notice(f"Pianistvinduet kan ikke åpnes: {err}"[:120])
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
        if event.type == getattr(pygame, "WINDOWCLOSE", -1) and self.pianist is not None \
                and getattr(getattr(event, "window", None), "id", None) == self.pianist.id:
            self.pianist.close()           # closing the pianist window does not end the session
            self.pianist = None
            self.console = False           # one screen again: Tab and notices on the projector
            return
        super().handle_event(event)

    def frame(self) -> list:
        if self.intake is not None:
            for intent in self.intake():
                self.post(intent)
        rects = super().frame()
        if self.pianist is not None:
            try:
                self.pianist.draw(self._last_snapshot)
            except Exception as err:  # noqa: BLE001
                log.exception("drawing the pianist window failed")
                self.notice(f"Pianistvinduet: {type(err).__name__}: {err}"[:120])
                self.pianist.close()
                self.pianist = None
        return rects

    def close(self) -> None:
        if self.pianist is not None:
            self.pianist.close()
            self.pianist = None
        super().close()
