"""The show's settings as one typed, frozen value, handed to the runner and its acts.

Built once by the composition root (``player.show`` for the live show, ``player.render`` for
the rehearsal) from the typed settings with :meth:`ShowOptions.from_settings`; the defaults
are the settings' own (:mod:`player.core.model.settings`), so each lives in one place. Units
are in the names: bars, lines, seconds; channels are 1-based as the conductor writes them.
"""

from __future__ import annotations

from dataclasses import dataclass

from player.core.model.settings import KeysSection, LyricsSection, MidiSection, PianistSection, Settings

__all__ = ["ShowOptions"]


@dataclass(frozen=True)
class ShowOptions:
    count_in_bars: int = MidiSection.count_in_bars      # bars counted in before a backed song
    max_lines: int = LyricsSection.max_lines            # lyric lines on the screen at once
    highlight: str = LyricsSection.highlight            # word | line | off
    tempo_step: float = KeysSection.tempo_step          # one TempoUp/TempoDown press (0.05 = 5 %)
    guide_channel: int = MidiSection.guide_channel      # the MIDI channel of the guide melody (1-16)
    guide_muted: bool = MidiSection.guide_muted         # start with the guide melody muted
    long_press_s: float = PianistSection.long_press_ms / 1000.0   # a pedal press this long goes back

    @classmethod
    def from_settings(cls, s: Settings, **overrides) -> "ShowOptions":
        values = dict(count_in_bars=s.midi.count_in_bars, max_lines=s.lyrics.max_lines,
                      highlight=s.lyrics.highlight, tempo_step=s.keys.tempo_step,
                      guide_channel=s.midi.guide_channel, guide_muted=s.midi.guide_muted,
                      long_press_s=s.pianist.long_press_s)
        values.update(overrides)
        return cls(**values)
