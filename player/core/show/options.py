"""The show's settings as one typed, frozen value, handed to the runner and its acts.

Built once by the composition root (``player.show`` for the live show, ``player.render`` for
the rehearsal) from the typed settings with :meth:`ShowOptions.from_settings`; the defaults
are the settings' own (:mod:`player.core.model.settings`), so each lives in one place. Units
are in the names: bars, lines, seconds; channels are 1-based as the conductor writes them.
"""

from __future__ import annotations

from dataclasses import dataclass

from player.core.model.settings import KeysSection, LyricsSection, MidiSection, PianistSection, Settings

__all__ = ["ShowOptions", "lead_inputs"]


def lead_inputs(s: Settings) -> tuple[str, ...]:
    """The live leads the configured inputs can drive (tap needs only a key)."""
    out = ["tap"]
    if s.midi.input or s.pianist.pedal_key:
        out.append("pedal")
    if s.midi.input and s.pianist.clock_in:
        out.append("midi-clock")
    if s.midi.input:
        out.append("follow")        # the score follower listens to the digital piano's notes
    return tuple(out)


@dataclass(frozen=True)
class ShowOptions:
    count_in_bars: int = MidiSection.count_in_bars      # bars counted in before a backed song
    max_lines: int = LyricsSection.max_lines            # lyric lines on the screen at once
    highlight: str = LyricsSection.highlight            # word | line | off
    tempo_step: float = KeysSection.tempo_step          # one TempoUp/TempoDown press (0.05 = 5 %)
    guide_channel: int = MidiSection.guide_channel      # the MIDI channel of the guide melody (1-16)
    guide_muted: bool = MidiSection.guide_muted         # start with the guide melody muted
    long_press_s: float = PianistSection.long_press_ms / 1000.0   # a pedal press this long goes back
    # the live leads that have an input: midi-clock needs midi.input (and pianist.clock_in), the
    # pedal a MIDI input or pianist.pedal_key; a lead without one is refused with a notice
    lead_inputs: tuple[str, ...] = ("pedal", "tap", "midi-clock", "follow")
    pause_card: bool = False        # StartPause shows the participants a calm card, not the frozen step

    @classmethod
    def from_settings(cls, s: Settings, **overrides) -> "ShowOptions":
        values = dict(count_in_bars=s.midi.count_in_bars, max_lines=s.lyrics.max_lines,
                      highlight=s.lyrics.highlight, tempo_step=s.keys.tempo_step,
                      guide_channel=s.midi.guide_channel, guide_muted=s.midi.guide_muted,
                      long_press_s=s.pianist.long_press_s, lead_inputs=lead_inputs(s))
        values.update(overrides)
        return cls(**values)
