"""The vocabulary every other floor speaks: the frozen script data (:mod:`.data`), the tempo
map, key names, errors, intents and :mod:`.files`, the reading layer every file is opened
through. Imports nothing from the rest of the program."""

from player.core.model.data import *  # noqa: F401,F403 - the script's data, as `player.core.model.Song`
from player.core.model.data import __all__ as _data_all

__all__ = list(_data_all)
