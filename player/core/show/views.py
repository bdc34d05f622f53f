"""What the conductor's overlay and the pianist's view show beyond the projector: made for each
snapshot from a :class:`ShowState`, a small read-only value the runner fills in. Every word
comes from the catalog (config.yaml ``texts:``). Pure; main thread only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from player.core.model.data import Session, Step
from player.core.model.keyname import note_name, transpose_key, transpose_range, uses_flats
from player.core.show.acts import Act, fmt_time
from player.core.show.snapshot import Notice, Overlay, PianistInfo, RunSheetRow
from player.core.show.songact import SongAct
from player.core.show.words import say
from player.core.time.lead import lead_text_key

__all__ = ["ShowState", "pianist_info", "overlay"]


@dataclass(frozen=True)
class ShowState:
    """Where the show is, as the views need it (read only)."""

    session: Session
    index: int                   # the session's step (0-based)
    step: Step                   # running now: the session's, or a song picked from the songbook
    started_at: float            # clock seconds
    between: bool                # no act runs: a step is held, or the session is over
    finished: bool
    tempo_scale: float
    transpose: int
    notices: tuple[str, ...]
    texts: Mapping[str, str]
    notice_items: tuple[Notice, ...] = ()
    notice_history: tuple[Notice, ...] = ()
    run_sheet: tuple[RunSheetRow, ...] = ()
    drift_s: float = 0.0
    panicked: bool = False       # paused by Panic (Esc)
    pause_card: bool = False     # the options' pause_card: a plain pause shows a calm card too


def _ahead(state: ShowState, step: Step) -> str:
    """A coming step for the pianist: a song with its key and tempo, so it can be prepared."""
    song = step.song
    if song is None:
        return step.title
    key = transpose_key(song.key, step.transpose) if song.key else ""
    tempo = say(state.texts, "bpm", bpm=round(song.tempo * step.tempo_scale))
    return say(state.texts, "pianist_sep").join(x for x in (step.title, key, tempo) if x)


def _tempo_text(state: ShowState) -> str:
    return say(state.texts, "tempo_text", scale=f"{state.tempo_scale:.0%}", semis=f"{state.transpose:+d}")


def pianist_info(state: ShowState, now: float, fields: dict, act: Act | None) -> PianistInfo:
    """The pianist's extras: key after transposition, tempo, bar:beat, what comes next."""
    steps = state.session.steps
    index = state.index
    texts = state.texts
    later = [] if state.finished else [_ahead(state, steps[i]) for i in range(index + 1, min(index + 3, len(steps)))]
    elapsed = say(texts, "time_of_plan", elapsed=fmt_time(now - state.started_at),
                  planned=fmt_time(state.session.planned_seconds))
    step_time = say(texts, "pianist_sep") + say(texts, "time_of_plan", elapsed=fmt_time(act.elapsed()),
                                                 planned=fmt_time(state.step.planned_seconds)) if act is not None else ""
    step_text = say(texts, "step_of", k=index + 1, n=len(steps)) + step_time
    info = dict(next_steps=tuple(later), elapsed_text=elapsed, step_text=step_text, tempo_text=_tempo_text(state))
    pulse = fields.get("pulse")
    if not isinstance(act, SongAct) or state.between:
        if pulse is not None:
            info.update(bpm=pulse.bpm, meter=pulse.meter, count_in=pulse.count_in,
                        bar_beat=f"{pulse.bar}:{pulse.beat_in_bar + 1}" if pulse.count_in is None else "")
        return PianistInfo(**info)
    song = act.step.song
    semis = state.transpose
    key = transpose_key(song.key, semis)
    key_text = f"{key} ({song.key} {semis:+d})" if semis and key != song.key else key
    bpm = pulse.bpm if pulse is not None else act.bpm(act.position())
    bar_beat, count_in = "", None
    if pulse is not None:
        count_in = pulse.count_in
        if count_in is None:
            bar_beat = f"{pulse.bar}:{pulse.beat_in_bar + 1}"
    first = act.abilities.first_note          # the MIDI file's first melody note, if known
    first_note = note_name(first + semis, uses_flats(key)) if first is not None else ""
    sure = act.follow_confidence()
    lead_text = (say(texts, lead_text_key(act.lead)) if sure is None
                 else say(texts, "follow_confidence", percent=round(100 * sure)))
    return PianistInfo(key=key, key_text=key_text, bpm=bpm, meter=str(song.meter), bar_beat=bar_beat,
                       count_in=count_in, lead_mode=act.lead, lead_text=lead_text, follow_confidence=sure,
                       order=act.order(), changes=tuple(say(texts, "changed_" + c) for c in act.changes()),
                       range=transpose_range(song.range, semis), first_note=first_note, **info)


def overlay(state: ShowState, now: float) -> Overlay:
    """The conductor overlay (Tab): step k of n, time against plan, next step, tempo, warnings."""
    steps = state.session.steps
    texts = state.texts
    k, n = state.index + 1, len(steps)
    elapsed = say(texts, "elapsed_of_plan", elapsed=fmt_time(now - state.started_at),
                  planned=fmt_time(state.session.planned_seconds))
    nxt = steps[state.index + 1].title if state.index + 1 < n else say(texts, "nothing_next")
    items = state.notice_items or tuple(Notice(text) for text in state.notices)
    return Overlay(say(texts, "step_of", k=k, n=n), elapsed, say(texts, "next_up", title=nxt), _tempo_text(state),
                   tuple(x.text for x in items if x.kind != "done"), tuple(x.text for x in items if x.kind == "done"))
