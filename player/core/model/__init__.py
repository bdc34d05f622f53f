"""The vocabulary every other floor speaks: the frozen script data (:mod:`.data`), the tempo
map, key names, errors, intents and :mod:`.files`, the reading layer every file is opened
through. Imports nothing from the rest of the program.

The script's data is here too (``player.core.model.Song``), loaded on first use: importing
``player.core.model.messages`` alone must not make the data's classes (the remembered first
frame, :mod:`player.display.splash`, is shown before them)."""

__all__ = [
    "LEAD_MODES", "Cue", "Meter", "Word", "Line", "Section", "Song", "BreathPhase", "Exercise", "Step", "Session",
    "PlannedSection",
]


def __getattr__(name):
    if name in __all__:
        from player.core.model import data
        return getattr(data, name)
    raise AttributeError(name)
