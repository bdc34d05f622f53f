"""The projector app with the pianist window beside it, and the pianist's own keys.

:class:`ShowApp` is the projector :class:`~player.display.app.App` plus, each frame, the
pianist window drawn from the same snapshot and intents drained from extra sources (MIDI in).
Keys from ``config.yaml`` ``pianist:``: ``switch_lead_key`` cycles who leads the song
(backing → pedal → tap → MIDI clock); ``pedal_key`` works as the lead pedal (key down/up:
a short press is the next line, a long press goes back). Main thread only, except
:meth:`App.post`.
"""

from __future__ import annotations

import logging
from typing import Any, Callable, Mapping

from player.core.time.lead import PedalDown, PedalUp, SwitchLead
from player.display.app import App

__all__ = ["ShowApp", "PianistSettings"]

log = logging.getLogger(__name__)


class PianistSettings:
    """``display.pianist_window``/``pianist_display`` and the ``pianist:`` section of config."""

    def __init__(self, config: Mapping[str, Any] | None):
        config = config or {}
        display = config.get("display") or {}
        own = config.get("pianist") or {}
        value = display.get("pianist_window", "auto")
        # auto: only with a second screen, so one screen shows the participants' view uncovered
        self.window = value if value == "auto" else bool(value)
        where = display.get("pianist_display", "auto")
        self.display = where if where == "auto" else int(where or 0)
        self.projector = int(display.get("index", 0) or 0)
        size = own.get("size", [1280, 800])
        self.size = (int(size[0]), int(size[1]))
        self.switch_lead_key = str(own.get("switch_lead_key", "f2") or "").lower()
        self.pedal_key = str(own.get("pedal_key", "") or "").lower()
        self.long_press_s = float(own.get("long_press_ms", 600)) / 1000.0


class ShowApp(App):
    def __init__(self, source, config=None, *, intake: Callable[[], list] | None = None, **kw):
        super().__init__(source, config, **kw)
        self.pianist_settings = PianistSettings(config if isinstance(config, Mapping) else None)
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
