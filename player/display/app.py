"""The projector app: one pygame window (full screen on the configured display, or a window),
one event pump, a steady frame loop that redraws only what changed.

Integration::

    app = App(source, settings)        # the checked Settings, or a DisplaySettings
    app.run()                          # until the source is finished or quit was confirmed

``source`` is anything with the :class:`SnapshotSource` shape (the runner). Each frame the app
drains input (keys, clicker, and intents other threads :meth:`App.post`, such as a MIDI pedal),
passes intents to ``source.handle``, calls ``source.tick()`` when it exists, draws
``source.snapshot()``, calls ``after_frame()`` when given (work that waits until the frame is on
the screen), and sleeps to the next frame. Everything runs on the main thread except
:meth:`App.post` and :meth:`App.request_quit`, which any thread (or a signal handler) may call.
With a :class:`~player.display.watchdog.Watchdog` the loop beats it every frame; after a stall
that silenced the sound the runner gets a ``Panic`` (so it shows "paused") and the conductor a
notice.
"""

from __future__ import annotations

import logging
import os
import queue
from typing import Callable, Protocol, runtime_checkable

from player.core.model import intents as I
from player.core.time.clock import Clock, MonotonicClock
from player.core.model.errors import DeviceError
from player.core.model.settings import Settings
from player.core.show.notices import NOTICE_SECONDS  # one duration for every notice
from player.core.show.snapshot import Snapshot
from player.display.chrome import Chrome
from player.display.keymap import Controls
from player.display.renderer import Renderer, settings_of
from player.display.settings import DisplaySettings
from player.display import splash
from player.display.splash import prepare_sdl  # (light: the remembered first frame needs it first)
from player.display.watchdog import Stall, Watchdog
from player.core.model.messages import tr

__all__ = ["App", "SnapshotSource", "prepare_sdl", "NOTICE_SECONDS"]

log = logging.getLogger(__name__)


@runtime_checkable
class SnapshotSource(Protocol):
    """What the app drives: the runner, or a fake in tests. ``tick()`` is optional."""

    finished: bool

    def handle(self, intent: I.Intent) -> None: ...

    def snapshot(self) -> Snapshot: ...


class App:
    def __init__(self, source: SnapshotSource, config: Settings | DisplaySettings | None = None, *,
                 windowed: bool | None = None, size: tuple[int, int] | None = None,
                 clock: Clock | None = None, caption: str = "Helsekor",
                 watchdog: Watchdog | None = None, after_frame: Callable[[], None] | None = None,
                 post_notice: Callable[[str], None] | None = None) -> None:
        self.source = source
        self.settings = settings_of(config)
        self.windowed = self.settings.windowed if windowed is None else windowed
        self.size = size or self.settings.window_size
        self.clock = clock or MonotonicClock()
        self.caption = caption
        self.controls = Controls(self.settings.keymap)
        self.renderer = Renderer(self.settings)
        self.surface = None
        self.running = False
        self.frames = 0
        self.display_used: int | None = None
        self.mode: tuple | None = None            # (size, flags, display) of the last set_mode
        self._woke_by: list = []                   # the SDL event that ended the wait for a frame
        self._posted: queue.SimpleQueue[I.Intent] = queue.SimpleQueue()
        self._notices: dict[str, float] = {}
        self._last_snapshot = Snapshot(scene="blank")
        self._next_display_check = 0.0
        self.watchdog = watchdog
        self.after_frame = after_frame      # main thread, after each frame is shown (start-up work)
        self.quit_reason = ""               # why the loop ended early: "" or what asked (signal, window)
        # a console (the conductor's own screen) exists: then the projector never shows the
        # overlay or a notice; set by whoever opens the console (today the pianist window)
        self.console = False
        # where the app's own notices go: the runner's board (so the console shows them too),
        # or, when None, the app's strip on the projector
        self.post_notice = post_notice
        self._quit_asked = False

    # -- input -----------------------------------------------------------------------------
    def post(self, intent: I.Intent) -> None:
        """Queue an intent from any thread (MIDI pedal, remote); handled at the next frame."""
        self._posted.put(intent)

    def request_quit(self, reason: str) -> None:
        """End the loop after the frame that runs now (any thread, a signal handler too)."""
        self.quit_reason = reason
        self._quit_asked = True
        self.running = False

    def notice(self, text: str) -> None:
        """Show a short notice for the conductor for :data:`NOTICE_SECONDS`."""
        if self.post_notice is not None:
            try:
                self.post_notice(text)
                return
            except Exception:  # noqa: BLE001 - the board failed: show it here instead
                log.exception("posting a notice failed")
        self._notices[text] = self.clock.now() + NOTICE_SECONDS

    def handle_event(self, event) -> None:
        """One pygame event: keys become intents; window changes make a full redraw."""
        import pygame
        if event.type == pygame.KEYDOWN:
            mods = frozenset(n for n, bit in (("ctrl", pygame.KMOD_CTRL), ("alt", pygame.KMOD_ALT),
                                               ("shift", pygame.KMOD_SHIFT)) if event.mod & bit)
            intent = self.controls.press(pygame.key.name(event.key), event.unicode or "", mods, self.clock.now())
            if intent is not None:
                self._dispatch(intent)
        elif event.type == pygame.QUIT:
            self.quit_reason = "window closed"
            self._dispatch(I.Quit(at=self.clock.now()))
        elif event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED, pygame.WINDOWEXPOSED,
                            pygame.WINDOWDISPLAYCHANGED, pygame.WINDOWRESTORED, pygame.VIDEOEXPOSE):
            self.surface = pygame.display.get_surface()
            self.renderer.invalidate()

    def _dispatch(self, intent: I.Intent) -> None:
        try:
            self.source.handle(intent)
        except Exception as err:  # the runner failed on one intent: tell, go on
            log.exception("handling %r failed", intent)
            self.notice(f"{type(intent).__name__}: {err}"[:120])
        if isinstance(intent, I.Quit):
            self.quit_reason = self.quit_reason or "ctrl+q"
            self.running = False

    # -- display ---------------------------------------------------------------------------
    def open(self):
        """Open the window (full screen on the configured display, or windowed)."""
        prepare_sdl()
        import pygame
        try:
            pygame.display.init()
            pygame.font.init()
        except pygame.error as err:
            raise DeviceError(tr("Cannot open the screen ({error}). Check DISPLAY, or set SDL_VIDEODRIVER=dummy "
                                 "to run without one.", error=err)) from err
        driver = pygame.display.get_driver()
        if driver in ("offscreen", "dummy") and os.environ.get("SDL_VIDEODRIVER") != driver:
            # SDL falls back to drawing nowhere when DISPLAY points at no screen: say so instead
            pygame.display.quit()
            raise DeviceError(tr("No screen to draw on (SDL could only use its «{driver}» driver). Check "
                                 "DISPLAY, or set SDL_VIDEODRIVER=dummy to run without one.", driver=driver))
        pygame.display.set_caption(self.caption)
        pygame.key.set_repeat()   # no key repeat: one press, one intent
        self._set_mode()
        self.renderer.cache.convert = True
        return self.surface

    def _set_mode(self) -> None:
        import pygame
        count = max(1, pygame.display.get_num_displays())
        wanted = self.settings.display_index
        index = wanted if wanted < count else 0
        if index != wanted:
            self.notice(tr("Screen {wanted} does not exist – using screen {used}", wanted=wanted + 1, used=index + 1))
        if self.windowed:
            self.mode = (self.size, pygame.RESIZABLE, index)
        else:
            self.mode = ((0, 0), pygame.FULLSCREEN, index)
        current = pygame.display.get_surface()
        if current is not None and splash.taken_over(self.mode):
            self.surface = current              # the remembered first frame's window: a new set_mode shows black
        else:
            self.surface = pygame.display.set_mode(self.mode[0], self.mode[1], display=index)
        if not self.windowed:
            pygame.mouse.set_visible(False)
        self.display_used = index
        self.renderer.invalidate()

    def _check_display(self, now: float) -> None:
        """Every 2 s: if the configured screen came back (projector reconnected), move there."""
        if now < self._next_display_check:
            return
        self._next_display_check = now + 2.0
        import pygame
        if self.display_used != self.settings.display_index \
                and pygame.display.get_num_displays() > self.settings.display_index:
            try:
                self._set_mode()
            except pygame.error as err:
                self.notice(tr("Cannot change screen: {error}", error=err))

    # -- the loop --------------------------------------------------------------------------
    def chrome(self) -> Chrome:
        now = self.clock.now()
        for text in [t for t, until in self._notices.items() if until < now]:
            del self._notices[text]
        return Chrome(self.controls.confirming_quit, self.controls.pending_digits, tuple(self._notices),
                      console=self.console)

    def frame(self) -> list:
        """One frame: input, tick, snapshot, draw, show. Returns the rects that were updated."""
        import pygame
        woke, self._woke_by = self._woke_by, []
        for event in woke + pygame.event.get():
            try:
                self.handle_event(event)
            except Exception as err:  # a bad key or event never ends the show
                log.exception("handling %s failed", event)
                self.notice(f"Feil: {type(err).__name__}: {err}"[:120])
        while True:
            try:
                self._dispatch(self._posted.get_nowait())      # guards the source itself
            except queue.Empty:
                break
        try:
            tick = getattr(self.source, "tick", None)
            if tick is not None:
                tick()
            snap = self.source.snapshot()
            self._last_snapshot = snap
        except Exception as err:  # keep the last picture, tell the conductor
            log.exception("the snapshot source failed")
            self.notice(f"Feil: {type(err).__name__}: {err}"[:120])
            snap = self._last_snapshot
        self.frames += 1
        try:
            current = pygame.display.get_surface()
            if current is None:
                self._set_mode()
                current = self.surface
            if self.surface is not current or self.surface.get_size() != current.get_size():
                self.surface = current
                self.renderer.invalidate()
            rects = self.renderer.draw(self.surface, snap, self.chrome())
            if rects:
                pygame.display.update(rects)
            return rects
        except pygame.error as err:  # the window went away (screen unplugged): try again next frame
            log.warning(tr("the window could not be drawn: %s"), err)
            self.notice(tr("The screen went away: {error}", error=err)[:120])
            self.surface = None
            self.renderer.invalidate()
            return []

    def run(self, max_frames: int | None = None) -> None:
        """Run until the source is finished, quit is confirmed, or ``max_frames`` frames."""
        if self.surface is None:
            self.open()
        import time
        next_frame = time.monotonic()
        if self.watchdog is not None:
            self.watchdog.start()               # from the first frame: opening the window is no stall
        self.running = not self._quit_asked     # a signal may have come before the loop started
        try:
            while self.running and not getattr(self.source, "finished", False):
                if self.watchdog is not None:
                    stall = self.watchdog.beat()
                    if stall is not None:
                        self._after_stall(stall)
                self.frame()
                if self.after_frame is not None:
                    self._after_frame()
                if max_frames is not None and self.frames >= max_frames:
                    break
                self._check_display(self.clock.now())
                next_frame = self._wait_for_frame(next_frame)
        finally:
            self.running = False

    def _wait_for_frame(self, last: float) -> float:
        """Sleep until one frame after ``last``, or until a key (any SDL event) comes: the frame
        that answers it is drawn at once, not at the next tick (a Next waited up to a whole
        frame before it was even read). Returns when this frame began."""
        import time
        import pygame
        period = 1.0 / max(1, self.settings.fps)
        now = time.monotonic()                      # real time: a test's manual clock stands still
        due = last + period if last + period > now - period else now    # far behind: no burst
        wait_ms = int((due - now) * 1000)
        if wait_ms > 0:
            event = pygame.event.wait(wait_ms)
            if event.type != pygame.NOEVENT:
                self._woke_by.append(event)         # the next frame handles it first
                return time.monotonic()
        return due

    def _after_frame(self) -> None:
        try:
            self.after_frame()
        except Exception as err:  # noqa: BLE001 - work between frames never ends the show
            log.exception("the work between frames failed")
            self.notice(f"Feil: {type(err).__name__}: {err}"[:120])

    def _after_stall(self, stall: Stall) -> None:
        """The loop runs again after a stall: tell the conductor, and if the watchdog stopped
        the sound, let the runner know it is paused (start/pause plays on)."""
        if stall.silenced:
            self._dispatch(I.Panic(at=self.clock.now()))
            self.notice(tr("The view hung for {seconds} s, so the sound was stopped. "
                           "Press start/pause to play on.", seconds=f"{stall.seconds:.0f}"))
        else:
            self.notice(tr("The view hung for {seconds} s.", seconds=f"{stall.seconds:.0f}"))

    def close(self) -> None:
        import pygame
        if pygame.display.get_init():
            pygame.display.quit()
        self.surface = None

    def __enter__(self) -> "App":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
