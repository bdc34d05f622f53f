"""Snapshot → pixels, with dirty rectangles, and the headless entry points.

:class:`Renderer` picks the scene for ``snapshot.scene``, draws it, and returns the rectangles
that changed: everything when anything but the moving part (pulse, breathing shape) changed,
only the moving part's box otherwise, nothing when the snapshot is the same as last frame.
A scene that raises is replaced by a plain card and a notice; the error is logged, never shown.
Main thread only.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from player.core.model.settings import Settings
from player.core.show.snapshot import Snapshot
from player.display.chrome import Chrome, draw_chrome
from player.display.painter import Painter, Placed, metrics_for
from player.display.scenes import make_scenes
from player.display.scenes.cards import FallbackCard
from player.display.settings import DisplaySettings
from player.display.text import TextCache
from player.display.theme import Fonts

__all__ = ["Renderer", "render_to_surface", "save_png", "settings_of", "for_projector"]

log = logging.getLogger(__name__)


def settings_of(config: Settings | DisplaySettings | None) -> DisplaySettings:
    """The display's settings from the checked settings (nothing given: the defaults)."""
    return config if isinstance(config, DisplaySettings) else DisplaySettings.from_settings(config or None)


class Renderer:
    """Draws snapshots onto one surface; remembers the last frame to redraw only what changed."""

    def __init__(self, settings: DisplaySettings, fonts: Fonts | None = None) -> None:
        self.settings = settings
        self.fonts = fonts or Fonts()
        self.cache = TextCache(self.fonts)
        self.scenes = make_scenes(settings)
        self.fallback = FallbackCard(settings.words)
        self.placed: list[Placed] = []       # text drawn in the last frame (tests read it)
        self.failures = 0
        self._last = None                     # (static key, region rects, region values)
        self._static_placed: list[Placed] = []
        self._dynamic_placed: list[Placed] = []
        self._prefetched = False
        self._covered: list = []
        self._logged: set[tuple[str, str]] = set()
        # a frame drawn ahead by another renderer (player/display/ahead.py), taken over by the
        # next full redraw that would draw the same static picture: one blit instead of a redraw
        self.prepared: Renderer | None = None
        self._prepared_surface = None
        self.adopted = 0                      # frames taken over so (tests read it)

    def invalidate(self) -> None:
        """Forget the last frame: the next draw repaints everything (after resize or expose)."""
        self._last = None

    def draw(self, surface, snap: Snapshot, chrome: Chrome = Chrome()) -> list:
        """Draw ``snap`` onto ``surface``; returns the changed rects (pygame.Rect list)."""
        size = surface.get_size()
        snap = for_projector(snap, chrome.console)
        if snap.confirm_quit and not chrome.question:     # the runner's question is drawn as Ctrl+Q's
            chrome = replace(chrome, question=tuple(snap.confirm_quit))
        metrics = metrics_for(size, self.settings.room, self.fonts)
        theme = self.settings.theme
        painter = Painter(surface, theme, metrics, self.cache)
        kind = "blank" if snap.blank else "calm" if snap.calm_text else snap.scene
        scene = self.scenes.get(kind)
        if kind == "video":
            key = (size, "video", chrome)
            if self._last is not None and self._last[0] == key:
                return []
            surface.fill((0, 0, 0))
            self._last = (key, None, None)
            self.placed = []
            return [surface.get_rect()]
        extra: tuple[str, ...] = ()
        if scene is None:
            scene, extra = self.fallback, (f"ukjent visning: {snap.scene}",)
        try:
            static = (size, kind, scene.static_key(snap), chrome)
            regions = scene.regions(painter, snap)
            rects = [r for r, _ in regions]
            last = self._last
            if last is not None and last[0] == static and last[1] == rects \
                    and not any(r.colliderect(c) for r in rects for c in self._covered):
                changed = [r for (r, key), old in zip(regions, last[2]) if key != old]
                if not self._prefetched:
                    self._prefetched = True
                    scene.prefetch(painter, snap)
                if not changed:
                    return []
                kept = [pl for pl in self._dynamic_placed if not any(r.colliderect(pl.rect) for r in changed)]
                for rect in changed:
                    self._draw_region(painter, scene, snap, rect, fill=True)
                self._dynamic_placed = kept + painter.placed
                self.placed = self._static_placed + self._dynamic_placed
                self._last = (static, rects, [k for _, k in regions])
                return changed
            if self._adopt(surface, static, rects):
                self._prefetched = True             # (the next frame prefetches, as after a redraw)
                self.draw(surface, snap, chrome)    # its moving parts as they are now
                self._prefetched = False
                return [surface.get_rect()]
            painter.fill()
            self._prefetched = False
            scene.draw(painter, snap)
            static_placed = list(painter.placed)
            painter.placed.clear()
            for rect in rects:
                self._draw_region(painter, scene, snap, rect, fill=False)
            dynamic_placed = list(painter.placed)
            painter.placed.clear()
            if extra:
                chrome = replace(chrome, notices=chrome.notices + extra)
            self._covered = draw_chrome(painter, snap, chrome, self.settings.words)
            self._static_placed = static_placed + painter.placed
            self._dynamic_placed = dynamic_placed
            self.placed = self._static_placed + dynamic_placed
            self._last = (static, rects, [k for _, k in regions]) if not extra else None
            return [surface.get_rect()]
        except Exception as err:  # a broken scene must not end the session
            surface.set_clip(None)
            self.failures += 1
            sig = (kind, type(err).__name__)
            if sig not in self._logged:
                self._logged.add(sig)
                log.exception("drawing the %s scene failed", kind)
            painter = Painter(surface, theme, metrics, self.cache)
            painter.fill()
            try:
                self.fallback.draw(painter, snap)
            except Exception:  # even plain text failed: keep the empty background
                log.exception("drawing the fallback card failed")
            notice = f"{self.settings.words.draw_failed} ({kind}: {type(err).__name__})"
            self._covered = draw_chrome(painter, snap, replace(chrome, notices=chrome.notices + (notice,)),
                                        self.settings.words)
            self.placed = painter.placed
            self._last = None
            return [surface.get_rect()]




    def offer(self, other: "Renderer", surface) -> None:
        """``other`` drew a frame ahead on ``surface`` (off the screen): the next full redraw
        whose static picture is the same copies it instead of drawing it again (main thread)."""
        self.prepared, self._prepared_surface = other, surface

    def _adopt(self, surface, static, rects) -> bool:
        """Take the offered frame over when its static picture is this one's: its pixels, and
        what the dirty-rect logic knows of it. False (and nothing done) otherwise."""
        other, drawn = self.prepared, self._prepared_surface
        last = other._last if other is not None else None
        if last is None or last[0] != static or last[1] != rects or drawn.get_size() != surface.get_size():
            return False
        self.prepared = self._prepared_surface = None
        surface.blit(drawn, (0, 0))
        self._last, self._covered = last, list(other._covered)
        self._static_placed, self._dynamic_placed = list(other._static_placed), list(other._dynamic_placed)
        self.placed = self._static_placed + self._dynamic_placed
        self.adopted += 1
        return True

    @staticmethod
    def _draw_region(painter: Painter, scene, snap: Snapshot, rect, fill: bool) -> None:
        """Draw the moving parts clipped to ``rect``; record only the text that lands in it."""
        import pygame
        start = len(painter.placed)
        painter.surface.set_clip(rect)
        try:
            if fill:
                painter.fill(None, rect)
            scene.draw_dynamic(painter, snap)
        finally:
            painter.surface.set_clip(None)
        inside = [pl for pl in painter.placed[start:] if rect.colliderect(pygame.Rect(pl.rect))]
        del painter.placed[start:]
        painter.placed.extend(inside)


def for_projector(snap: Snapshot, console: bool) -> Snapshot:
    """``snap`` without what only the console reads (run sheet, notes, history, the pianist's
    part), so a changing console field never repaints the projector; with a console, without
    the overlay and the notices too."""
    snap = replace(snap, pianist=None, run_sheet=(), drift_s=0.0, notes=(), notice_history=(), show_state="")
    return replace(snap, overlay=None, notices=(), notice_items=()) if console else snap


def render_to_surface(snapshot: Snapshot, size: tuple[int, int] = (1920, 1080),
                      config: Settings | DisplaySettings | None = None, renderer: Renderer | None = None):
    """Draw one snapshot onto a new surface (no window needed: works with the dummy driver)."""
    import pygame
    if not pygame.font.get_init():
        pygame.font.init()
    surface = pygame.Surface(size)
    (renderer or Renderer(settings_of(config))).draw(surface, snapshot)
    return surface


def save_png(snapshot: Snapshot, path: str | Path, size: tuple[int, int] = (1920, 1080),
             config: Settings | DisplaySettings | None = None, renderer: Renderer | None = None) -> Path:
    """Render one snapshot headless and write it as a PNG; returns the path."""
    import pygame
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(render_to_surface(snapshot, size, config, renderer), str(path))
    return path
