"""Running the show: the runner (a state machine over the steps), the act of each step, the
timelines, and the one snapshot per frame that every view draws. May import
:mod:`player.core.model` and :mod:`player.core.time`."""
