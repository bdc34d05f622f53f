"""Time: the injected clocks, the transport (beats on a tempo map), what a backing is and may
declare it can do, and the live leads (pedal, tap, MIDI clock, the score follower). May import
:mod:`player.core.model` only."""
