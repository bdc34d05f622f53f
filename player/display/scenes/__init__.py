"""One small class per scene kind; :func:`make_scenes` builds the table the renderer uses."""

from __future__ import annotations

from player.display.scenes.base import Scene, Words
from player.display.scenes.breathing import BreathingScene
from player.display.scenes.cards import BlankScene, CalmCard, FallbackCard, InstructionCard, PauseCard, TitleCard, VideoScene
from player.display.scenes.lyrics import LyricsScene
from player.display.scenes.pulse import PulseScene
from player.display.scenes.songbook import SongbookScene

__all__ = ["Scene", "Words", "make_scenes", "TitleCard", "PauseCard", "InstructionCard", "BreathingScene",
           "PulseScene", "LyricsScene", "BlankScene", "CalmCard", "VideoScene", "FallbackCard", "SongbookScene"]


def make_scenes(settings) -> dict[str, Scene]:
    """Scene kind (``Snapshot.scene``, plus ``blank`` and ``calm``) → scene object."""
    w = settings.words
    return {
        "title": TitleCard(w), "next_up": TitleCard(w), "pause": PauseCard(w),
        "instruction": InstructionCard(w), "breathing": BreathingScene(w), "pulse": PulseScene(w),
        "lyrics": LyricsScene(w, settings.max_lines, getattr(settings, "lyrics_size", "room")), "video": VideoScene(w), "blank": BlankScene(w),
        "songbook": SongbookScene(w), "calm": CalmCard(w),
    }
