"""What each intent does when no mode took it: one handler per intent type, in :data:`TABLE`.

A handler is ``handler(show, intent)``; ``show`` is the runner (see :class:`Stage` for what a
handler may use). Every word it shows comes from the catalog. Pure; main thread only.
"""

from __future__ import annotations

from typing import Callable, Protocol

from player.core.model import intents as I
from player.core.model.data import Session, Song, Step
from player.core.show.acts import Act
from player.core.show.making import LIVE_LEADS, ActMaker, lead_mode
from player.core.show.modes import Blanked, ModeStack, Overlaid, Phase, Picking
from player.core.show.options import ShowOptions
from player.core.show.songact import SongAct
from player.core.show.words import say
from player.core.time.lead import ClockIn, NoteIn, PedalDown, PedalUp, SwitchLead, lead_text_key, next_mode

__all__ = ["TABLE", "TEMPO_MIN", "TEMPO_MAX", "Stage"]

TEMPO_MIN, TEMPO_MAX = 0.5, 1.5
ADJUSTMENTS = {I.RepeatSection: "repeat", I.LastVerse: "last_verse", I.EndAfterVerse: "end_after_verse"}


class Stage(Protocol):
    """The runner as the handlers see it."""

    session: Session
    texts: dict[str, str]
    options: ShowOptions
    songbook: tuple[Song, ...]
    modes: ModeStack
    maker: ActMaker
    phase: Phase
    index: int
    extra: Step | None
    guide_muted: bool
    scales: dict
    transposes: dict
    leads: dict

    @property
    def act(self) -> Act | None: ...
    @property
    def step(self) -> Step: ...
    @property
    def key(self) -> object: ...
    @property
    def tempo_scale(self) -> float: ...
    @property
    def transpose(self) -> int: ...
    @property
    def panicked(self) -> bool: ...
    def notify(self, text: str, kind: str = "warning") -> None: ...
    def now(self) -> float: ...
    def set_panicked(self, value: bool) -> None: ...
    def fault(self, what: str, err: BaseException) -> None: ...
    def record(self, what: str, value) -> None: ...
    def go_to(self, index: int) -> None: ...
    def next_step(self) -> None: ...
    def ask_to_end(self) -> None: ...
    def apply_guide(self) -> bool: ...
    def rebase(self) -> None: ...
    def handle(self, intent: I.Intent) -> None: ...


def _next(show: Stage, intent) -> None:
    if show.phase is Phase.FINISHED:
        show.ask_to_end()
        return
    act = show.act
    if show.phase is Phase.HELD or act is None or not act.next():
        show.next_step()


def _back(show: Stage, intent) -> None:
    act = show.act
    if act is not None and show.phase is not Phase.HELD and act.back():
        return
    if show.extra is not None:                  # back from a picked song to the session's step
        show.go_to(show.index)
    elif show.index > 0:
        show.go_to(show.index - 1)


def _go_to_step(show: Stage, intent: I.GoToStep) -> None:
    show.go_to(intent.index)


def _toggle(kind):
    def handler(show: Stage, intent) -> None:
        show.modes.push(kind())       # the mode takes the same key back off the stack
    return handler


def _overlay(show: Stage, intent) -> None:
    show.modes.push(Overlaid(show.now()))    # Tab again takes it off; it hides itself in time


def _songbook(show: Stage, intent) -> None:
    if show.songbook:
        show.modes.push(Picking())
    else:
        show.notify(say(show.texts, "no_songs"))


def _panic(show: Stage, intent) -> None:
    if show.act is not None and show.phase in (Phase.PLAYING, Phase.PAUSED):
        show.act.panic()
        show.phase = Phase.PAUSED
        show.set_panicked(True)


def _start_pause(show: Stage, intent) -> None:
    act = show.act
    if act is None or show.phase not in (Phase.PLAYING, Phase.PAUSED):
        return
    if show.phase is Phase.PAUSED:
        act.resume()
        show.phase = Phase.PLAYING
        show.set_panicked(False)
    else:
        act.pause()
        show.phase = Phase.PAUSED


def _tempo(show: Stage, intent) -> None:
    delta = show.options.tempo_step if isinstance(intent, I.TempoUp) else -show.options.tempo_step
    scale = round(min(TEMPO_MAX, max(TEMPO_MIN, show.tempo_scale + delta)), 3)
    show.scales[show.key] = scale
    show.record("tempo_scale", scale)
    if show.act is not None:
        show.act.set_tempo_scale(scale)


def _transpose(show: Stage, intent) -> None:
    semis = max(-12, min(12, show.transpose + (1 if isinstance(intent, I.TransposeUp) else -1)))
    show.transposes[show.key] = semis
    show.record("transpose", semis)
    if show.act is not None:
        show.act.set_transpose(semis)


def _song(show: Stage) -> SongAct | None:
    act = show.act
    return act if isinstance(act, SongAct) and show.phase is not Phase.HELD else None


def _tap(show: Stage, intent: I.Tap) -> None:
    if (act := _song(show)) is not None:
        act.tap(intent.at)


def _clock_in(show: Stage, intent: ClockIn) -> None:
    if (act := _song(show)) is not None:
        act.clock_in(intent.kind, intent.at, intent.value)


def _pedal(show: Stage, intent) -> None:
    act = _song(show)
    if act is not None and act.pedal(isinstance(intent, PedalDown), intent.at):
        return
    if isinstance(intent, PedalUp):          # no pedal lead: a pedal press is Next
        show.handle(I.Next(at=intent.at))


def _switch_lead(show: Stage, intent: SwitchLead) -> None:
    """Change who leads the running song, from where it is now."""
    act = _song(show)
    if act is None:
        return
    mode = intent.mode or next_mode(act.lead if act.lead != "manual" else "backing")
    if mode in LIVE_LEADS and mode not in show.options.lead_inputs:
        # nothing would lead: keep who leads now, and say why
        show.notify(say(show.texts, "lead_no_input", lead=say(show.texts, lead_text_key(mode))))
        return
    show.leads[show.index] = mode
    if mode in LIVE_LEADS:
        new, tempo_map = show.maker.lead(mode, act), None
        mode = lead_mode(new, mode)
    else:
        new, tempo_map = show.maker.song_backing(show.step)
    act.switch(new, mode if new is not None else "manual", tempo_map)
    show.rebase()
    show.notify(say(show.texts, lead_text_key(act.lead)), "done")


def _note_in(show: Stage, intent: NoteIn) -> None:
    """A note from the pianist's keyboard: the follower takes it; when it has lost the pianist,
    the backing (a song with a MIDI file) or the pedal takes over, and the conductor is told."""
    act = _song(show)
    if act is None or not act.note_in(intent.note, intent.at) or not act.follow_lost():
        return
    fallback = "backing" if show.step.song.midi is not None else "pedal"
    _switch_lead(show, SwitchLead(mode=fallback))
    show.notify(say(show.texts, "follow_lost", lead=say(show.texts, lead_text_key(act.lead))))


def _adjust(show: Stage, intent) -> None:
    what = ADJUSTMENTS[type(intent)]
    act = _song(show)
    if act is None:
        return
    label = act.section_label()
    ok = act.adjust(what)
    if ok:
        show.notify(say(show.texts, f"{what}_done", section=label), "done")
    else:
        show.notify(say(show.texts, f"{what}_refused"))
    if ok:
        show.record(what, label)


def _toggle_guide(show: Stage, intent) -> None:
    show.guide_muted = not show.guide_muted
    applied = show.apply_guide()
    key = "guide_off" if show.guide_muted else "guide_on"
    show.notify(say(show.texts, key if applied else key + "_later"), "done")


TABLE: dict[type, Callable[[Stage, I.Intent], None]] = {
    I.Next: _next, I.Back: _back, I.GoToStep: _go_to_step,
    I.Blank: _toggle(Blanked), I.ToggleOverlay: _overlay, I.Songbook: _songbook,
    I.Panic: _panic, I.StartPause: _start_pause,
    I.TempoUp: _tempo, I.TempoDown: _tempo, I.TransposeUp: _transpose, I.TransposeDown: _transpose,
    I.Tap: _tap, ClockIn: _clock_in, PedalDown: _pedal, PedalUp: _pedal, SwitchLead: _switch_lead, NoteIn: _note_in,
    I.RepeatSection: _adjust, I.LastVerse: _adjust, I.EndAfterVerse: _adjust,
    I.ToggleGuide: _toggle_guide,
}
