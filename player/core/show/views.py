"""What the conductor's overlay and the pianist's view show beyond the projector: made from the
runner's state for each snapshot. Pure; main thread only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from player.core.show.acts import Act, fmt_time
from player.core.show.songact import SongAct
from player.core.model.keyname import note_name, transpose_key, transpose_range, uses_flats
from player.core.time.lead import LEAD_LABELS
from player.core.show.snapshot import Overlay, PianistInfo

if TYPE_CHECKING:  # pragma: no cover
    from player.core.show.runner import Runner

__all__ = ["pianist_info", "overlay", "ADJ_TEXTS"]

ADJ_TEXTS = {"repeat": "Gjentar en del", "last_verse": "Hopper til siste vers",
             "end_after_verse": "Slutter etter dette verset"}


def _ahead(step) -> str:
    """A coming step for the pianist: a song with its key and tempo, so it can be prepared."""
    song = step.song
    if song is None:
        return step.title
    key = transpose_key(song.key, step.transpose) if song.key else ""
    tempo = f"{round(song.tempo * step.tempo_scale)} bpm"
    return " · ".join(x for x in (step.title, key, tempo) if x)


def _tempo_text(runner: "Runner") -> str:
    return f"Tempo {runner.tempo_scale:.0%} · Transponering {runner.transpose:+d}"


def pianist_info(runner: "Runner", now: float, fields: dict, act: Act | None) -> PianistInfo:
    """The pianist's extras: key after transposition, tempo, bar:beat, what comes next."""
    steps = runner.session.steps
    index = runner.index
    later = [] if runner.finished else [_ahead(steps[i]) for i in range(index + 1, min(index + 3, len(steps)))]
    elapsed = f"{fmt_time(now - runner.started_at)} / {fmt_time(runner.session.planned_seconds)}"
    step = runner.step
    step_time = f" · {fmt_time(act.elapsed())} / {fmt_time(step.planned_seconds)}" if act is not None else ""
    step_text = runner.texts.get("step_of", "{k}/{n}").format(k=index + 1, n=len(steps)) + step_time
    info = dict(next_steps=tuple(later), elapsed_text=elapsed, step_text=step_text, tempo_text=_tempo_text(runner))
    pulse = fields.get("pulse")
    if not isinstance(act, SongAct) or runner.held or runner.finished:
        if pulse is not None:
            info.update(bpm=pulse.bpm, meter=pulse.meter, count_in=pulse.count_in,
                        bar_beat=f"{pulse.bar}:{pulse.beat_in_bar + 1}" if pulse.count_in is None else "")
        return PianistInfo(**info)
    song = act.step.song
    semis = runner.transpose
    key = transpose_key(song.key, semis)
    key_text = f"{key} ({song.key} {semis:+d})" if semis and key != song.key else key
    bpm = pulse.bpm if pulse is not None else act.bpm(act.position())
    bar_beat, count_in = "", None
    if pulse is not None:
        count_in = pulse.count_in
        if count_in is None:
            bar_beat = f"{pulse.bar}:{pulse.beat_in_bar + 1}"
    part = act.part if not act.manual else act.timeline.part_of_line(act.index)
    first = getattr(act.backing, "first_note", None)     # the MIDI file's first melody note, if known
    first_note = note_name(first + semis, uses_flats(key)) if isinstance(first, int) else ""
    return PianistInfo(key=key, key_text=key_text, bpm=bpm, meter=str(song.meter), bar_beat=bar_beat,
                       count_in=count_in, lead_mode=act.lead, lead_text=LEAD_LABELS.get(act.lead, act.lead),
                       order=act.timeline.order(part), changes=tuple(ADJ_TEXTS.get(c, c) for c in act.timeline.changes),
                       range=transpose_range(song.range, semis), first_note=first_note, **info)


def overlay(runner: "Runner", now: float) -> Overlay:
    """The conductor overlay (Tab): step k of n, time against plan, next step, tempo, warnings."""
    steps = runner.session.steps
    k, n = runner.index + 1, len(steps)
    elapsed = fmt_time(now - runner.started_at)
    planned = fmt_time(runner.session.planned_seconds)
    nxt = steps[runner.index + 1].title if runner.index + 1 < n else "—"
    return Overlay(runner.texts.get("step_of", "{k}/{n}").format(k=k, n=n), f"{elapsed} av planlagt {planned}",
                   runner.texts.get("next_up", "{title}").format(title=nxt), _tempo_text(runner),
                   tuple(text for _, text in runner.notices))
