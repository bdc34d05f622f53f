"""Everything the display reads from ``config.yaml``, parsed once: theme, room, keys, lyrics,
display choice and its own words. Each part has its own small ``from_config``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from player.core.model.errors import ScriptError
from player.display.keymap import KeyMap
from player.display.scenes.base import Words
from player.display.theme import Room, Theme

__all__ = ["DisplaySettings"]


@dataclass(frozen=True)
class DisplaySettings:
    theme: Theme = field(default_factory=lambda: Theme.from_config({}))
    room: Room = field(default_factory=Room)
    keymap: KeyMap = field(default_factory=lambda: KeyMap.from_config({}))
    words: Words = field(default_factory=Words)
    max_lines: int = 4
    lyrics_size: str = "fill"       # fill: as big as the song's longest line allows; room: the room minimum
    display_index: int = 0
    windowed: bool = False
    window_size: tuple[int, int] = (1920, 1080)
    fps: int = 60

    @classmethod
    def from_config(cls, config: Mapping[str, Any] | None) -> "DisplaySettings":
        """Read a whole config dict (as loaded from config.yaml); missing parts get defaults."""
        config = config or {}
        display = config.get("display") or {}
        lyrics = config.get("lyrics") or {}
        max_lines = lyrics.get("max_lines", 4)
        if not isinstance(max_lines, int) or not 1 <= max_lines <= 4:
            raise ScriptError.single("config.yaml", f"{max_lines!r} is out of range (allowed: 1–4)",
                                     path="lyrics.max_lines")
        lyrics_size = lyrics.get("size", "fill")
        if lyrics_size not in ("fill", "room"):
            raise ScriptError.single("config.yaml", f"{lyrics_size!r} is not allowed (allowed: fill, room)",
                                     path="lyrics.size")
        size = display.get("size", [1920, 1080])
        if (not isinstance(size, (list, tuple)) or len(size) != 2
                or not all(isinstance(v, int) and 160 <= v <= 16384 for v in size)):
            raise ScriptError.single("config.yaml", f"{size!r} is not a window size (allowed: [width, height])",
                                     path="display.size")
        fps = display.get("fps", 60)
        if not isinstance(fps, int) or not 10 <= fps <= 240:
            raise ScriptError.single("config.yaml", f"{fps!r} is out of range (allowed: 10–240)", path="display.fps")
        index = display.get("index", 0)
        if not isinstance(index, int) or index < 0:
            raise ScriptError.single("config.yaml", f"{index!r} is not a screen number (allowed: 0, 1, …)",
                                     path="display.index")
        return cls(
            theme=Theme.from_config(config), room=Room.from_config(config.get("room")),
            keymap=KeyMap.from_config(config.get("keys")), words=Words.from_config(config),
            max_lines=max_lines, lyrics_size=lyrics_size, display_index=index, windowed=bool(display.get("windowed", False)),
            window_size=(int(size[0]), int(size[1])), fps=fps,
        )
