"""What the display takes from the checked settings, made once: theme, room, keys, lyrics,
screen choice and its own words. The values and their defaults come from
:class:`~player.core.model.settings.Settings`; nothing here reads a file or a dict.
"""

from __future__ import annotations

from dataclasses import dataclass

from player.core.model.settings import Settings
from player.display.keymap import KeyMap
from player.display.scenes.base import Words
from player.display.theme import Room, Theme

__all__ = ["DisplaySettings"]


@dataclass(frozen=True)
class DisplaySettings:
    theme: Theme
    room: Room
    keymap: KeyMap
    words: Words
    max_lines: int
    lyrics_size: str        # fill: as big as the song's longest line allows; room: the room minimum
    display_index: int
    windowed: bool
    window_size: tuple[int, int]
    fps: int

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> "DisplaySettings":
        """From the checked settings (none: every default)."""
        s = settings or Settings()
        return cls(
            theme=Theme.from_settings(s), room=Room.from_section(s.room), keymap=KeyMap.from_section(s.keys),
            words=Words.from_texts(s.texts()), max_lines=s.lyrics.max_lines, lyrics_size=s.lyrics.size,
            display_index=s.display.index, windowed=s.display.windowed, window_size=s.display.size,
            fps=s.display.fps,
        )
