"""The show's settings as one typed, frozen value, handed to the runner and its acts.

Built once by the composition root (``player.show`` for the live show, ``player.render`` for
the rehearsal) from config.yaml; the defaults here are the program's defaults. Units are in
the names: bars, lines, seconds; channels are 1-based as the conductor writes them.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ShowOptions"]


@dataclass(frozen=True)
class ShowOptions:
    count_in_bars: int = 1          # bars counted in before a backed song (a song may say its own)
    max_lines: int = 4              # lyric lines on the screen at once
    highlight: str = "word"         # word | line: how far the highlight runs through a line
    tempo_step: float = 0.05        # one TempoUp/TempoDown press (0.05 = 5 %)
    guide_channel: int = 1          # the MIDI channel of the guide melody (1-16)
    guide_muted: bool = False       # start with the guide melody muted
    long_press_s: float = 0.6       # how long a pedal press goes back a line (pedal lead)
