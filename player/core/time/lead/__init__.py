"""Letting a live pianist lead: position sources that follow the pianist instead of a track.

Each lead is *Backing-like* (start, pause, resume, seek, stop, panic, set_tempo_scale,
position, poll, close; see :class:`~player.core.time.backing.Backing`), so a
:class:`~player.core.show.acts.SongAct` follows it exactly as it follows a MIDI backing. None of
them makes a sound. Positions are beats (quarter notes) on the song's beat line; times are
seconds of the injected clock. Input comes in as calls with the time the input happened
(``at``), so a press read a little late by the frame loop still counts at the right moment.

- :class:`TapLead` — tap tempo: tempo and beat phase from the last taps, smoothed (Holt's
  level + trend on the tap intervals, so a steady ritardando is predicted, not lagged);
  every tap puts the beat back on the tap.
- :class:`ClockLead` — MIDI clock in: 24 clocks per quarter note, Start/Stop/Continue and
  Song Position Pointer (in sixteenths) from an arranger keyboard or a drum machine.
- :class:`PedalLead` — pedal/keys: each press starts the next line (the highlight runs
  through it at the song's tempo, then waits); a long press goes back a line.
- :class:`FollowLead` — score following: the notes the pianist plays are matched to the
  song's score along the sung order (:mod:`.follow_match`); it waits when the pianist stops.

All of it runs on the main thread; device callbacks only enqueue the intents below.
Each lead declares what it can do in ``abilities`` (see :class:`~player.core.time.backing.Abilities`);
``position()`` only reads: the pedal's long press is found in :meth:`PedalLead.poll`.
What the views call each mode is in the message catalog (``lead_<mode>`` in config.yaml ``texts:``).
"""


from player.core.time.lead.base import (CLOCKS_PER_BEAT, LEAD_MODES, LONG_PRESS_S, SERIES_GAP_BEATS, ClockIn,
                                        PedalDown, PedalUp, SwitchLead, lead_text_key, next_mode)
from player.core.time.lead.clock import ClockLead
from player.core.time.lead.follow import FollowLead, NoteIn
from player.core.time.lead.follow_match import NoteFollower
from player.core.time.lead.follow_score import Score, ScoreEvent, ScoreNote, SungEvent
from player.core.time.lead.pedal import LongPress, PedalLead
from player.core.time.lead.tap import TapLead

__all__ = ["LEAD_MODES", "lead_text_key", "TapLead", "ClockLead", "PedalLead", "LongPress", "ClockIn",
           "PedalDown", "PedalUp", "SwitchLead", "next_mode", "CLOCKS_PER_BEAT", "SERIES_GAP_BEATS",
           "LONG_PRESS_S", "FollowLead", "NoteIn", "NoteFollower", "Score", "ScoreEvent", "ScoreNote", "SungEvent"]
