"""How long each step is planned to take, in seconds: the run sheet's figures and the total
that ``helsekor check`` prints against the time the choir has."""

from __future__ import annotations

from dataclasses import replace

from player.core.model.data import Step

__all__ = ["planned_seconds", "with_plan", "NOMINAL_TEXT_SECONDS", "DEFAULT_PULSE_ROUNDS"]

NOMINAL_TEXT_SECONDS = 30.0   # a held card is planned at half a minute
DEFAULT_PULSE_ROUNDS = 8      # call-and-response rounds of a pulse exercise without repeats


def with_plan(step: Step, count_in_bars: int) -> Step:
    """The step with its planned length filled in."""
    return replace(step, planned_seconds=planned_seconds(step, count_in_bars))


def planned_seconds(step: Step, count_in_bars: int = 1) -> float:
    """How long a step is planned to take, in seconds (held cards count as half a minute)."""
    if step.duration is not None:
        return step.duration
    ex = step.exercise
    if step.kind == "exercise" and ex is not None:
        if ex.kind == "breathing":
            return (step.repeats or 1) * ex.cycle_seconds
        if ex.kind == "pulse":
            rounds = step.repeats or DEFAULT_PULSE_ROUNDS
            bars = ex.count_in_bars + rounds * (ex.call_bars + ex.response_bars)
            return bars * ex.meter.beats_per_bar * 60 / ((ex.tempo or 80) * step.tempo_scale)
        if ex.kind == "timed":
            return ex.duration or 0.0
    if step.song is not None:
        song = step.song
        count_in = (song.count_in_bars if song.count_in_bars is not None else count_in_bars) if step.backing != "none" else 0
        beats = song.beats_sung(step.verses) + count_in * song.meter.beats_per_bar
        return beats * 60 / (song.tempo * step.tempo_scale)
    if step.kind in ("text", "video"):
        return NOMINAL_TEXT_SECONDS
    return 0.0
