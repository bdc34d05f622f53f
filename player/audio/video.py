"""Video steps: a clip plays inside the presenter's window.

Under X11 the window handle comes from pygame-ce: ``pygame.display.get_wm_info()["window"]``;
VLC draws into it (``set_xwindow``; needs Debian ``vlc-plugin-video-output``). The clip's sound
goes through the engine's audio output. Next ends a clip early with :meth:`stop`. VLC's events
(end reached, error) are only queued on VLC's thread; :meth:`poll` (main thread) returns them
as :class:`BackingEvent` ("end" when the clip played out, "error" with a Norwegian notice).
"""

from __future__ import annotations

import queue
import sys
from pathlib import Path
from typing import Any

from player.core.time.backing import BackingEvent
from player.core.model.messages import tr

from .vlcengine import VlcEngine

__all__ = ["VideoPlayer"]


class VideoPlayer:
    def __init__(self, window_handle: int, engine: VlcEngine | None = None):
        """``window_handle``: X11 window id (Windows: HWND, macOS: NSView). ``engine``: the
        program's :class:`VlcEngine` (made here, and closed by :meth:`close`, if not given)."""
        self._own = engine is None
        self.engine = engine or VlcEngine()
        self.window_handle = int(window_handle)
        self._events: queue.SimpleQueue[str] = queue.SimpleQueue()
        self.player: Any = self.engine.new_player()
        if sys.platform.startswith("win"):
            self.player.set_hwnd(self.window_handle)
        elif sys.platform == "darwin":
            self.player.set_nsobject(self.window_handle)
        else:
            self.player.set_xwindow(self.window_handle)
        self.player.video_set_mouse_input(False)
        self.player.video_set_key_input(False)
        em = self.player.event_manager()
        E = self.engine.vlc.EventType
        em.event_attach(E.MediaPlayerEndReached, lambda e: self._events.put("end"))        # VLC thread
        em.event_attach(E.MediaPlayerEncounteredError, lambda e: self._events.put("error"))
        self.path: Path | None = None
        self._closed = False

    def play(self, path: str | Path) -> None:
        """Start ``path`` from the beginning, filling the window. Errors arrive via :meth:`poll`."""
        self.path = Path(path)
        if not self.path.is_file():
            self._events.put("missing")
            return
        self.player.set_media(self.engine.media(str(self.path)))
        if self.player.play() != 0:
            self._events.put("error")

    def stop(self) -> None:
        """End the clip now (Next); no "end" event follows."""
        self.player.stop()

    def playing(self) -> bool:
        return bool(self.player.is_playing())

    def poll(self) -> list[BackingEvent]:
        out = []
        name = self.path.name if self.path else ""
        while True:
            try:
                kind = self._events.get_nowait()
            except queue.Empty:
                return out
            if kind == "end":
                out.append(BackingEvent("end"))
            elif kind == "missing":
                out.append(BackingEvent("error", tr('Cannot find the film {name}. We go on without it.', name=name)))
            else:
                out.append(BackingEvent("error", tr('The film {name} could not be played.', name=name)))

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.player.stop()
        self.player.release()
        if self._own:
            self.engine.close()
