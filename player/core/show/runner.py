"""The runner: a state machine over the session's steps that turns intents and the clock into
one :class:`~player.core.show.snapshot.Snapshot` per frame. Pure: devices come in through
``backings``, time through the injected clock. Where the show is, is one :class:`Phase`; modes
that take over keys sit on a :class:`ModeStack`; other intents go through
:data:`player.core.show.handlers.TABLE`. ``tick()`` moves on in time; ``snapshot()`` only
reads. A fault in a step is caught at the step boundary: logged with its traceback, told to the
conductor as a short notice, and the step goes on with a plain fallback. Main thread only.
"""

from __future__ import annotations

import logging
import traceback
from typing import Callable

from player.core.model import intents as I
from player.core.model.data import Session, Song, Step
from player.core.show import handlers
from player.core.show.acts import Act, Progress
from player.core.show.events import ShowLog, TimelineEvent, step_id
from player.core.show.follow import Follower
from player.core.show.frame import build_snapshot
from player.core.show.making import ActMaker, Backings, NoBackings, wish_step
from player.core.show.modes import ConfirmingEnd, ModeStack, Phase, Picking
from player.core.show.notices import NoticeBoard
from player.core.show.options import ShowOptions
from player.core.show.runsheet import StepTimes
from player.core.show.snapshot import Snapshot
from player.core.show.songact import SongAct
from player.core.show.views import ShowState
from player.core.show.words import say
from player.core.time.clock import Clock

__all__ = ["Runner", "Backings", "NoBackings", "TimelineEvent", "ShowLog", "Phase"]

logger = logging.getLogger("helsekor")


class Runner:
    """``texts``: the message catalog (config.yaml ``texts:``); ``songbook``: the songs that can
    be picked live; ``notices``: the board the devices post to as well (a new one if None);
    ``on_step(index)`` when a session step starts; ``on_event`` for every timeline event;
    ``on_notice(text)`` for every notice."""

    def __init__(self, session: Session, clock: Clock, texts: dict[str, str], *, backings: Backings | None = None,
                 options: ShowOptions = ShowOptions(), songbook: tuple[Song, ...] = (), start_index: int = 0,
                 on_step: Callable[[int], None] | None = None,
                 on_event: Callable[[TimelineEvent], None] | None = None, log: ShowLog | None = None,
                 notices: NoticeBoard | None = None, on_notice: Callable[[str], None] | None = None):
        self.session, self.clock, self.texts, self.options = session, clock, texts, options
        self.songbook = tuple(songbook)
        self.on_step, self.on_event, self.log, self.on_notice = on_step, on_event, log, on_notice
        self.board, self.started_at = notices or NoticeBoard(clock), clock.now()
        self.board.listen(self._noticed)
        self.backings = backings or NoBackings()
        self.maker = ActMaker(clock, texts, options, self.backings, self.notify, self.fault)
        self.modes, self.phase = ModeStack(), Phase.PLAYING
        self.done = False                 # the conductor confirmed the end: the app may close
        self.index = max(0, min(start_index, len(session.steps) - 1))
        self._act: Act | None = None
        self.extra: Step | None = None    # a song picked from the songbook, sung after step `index`
        self.guide_muted = options.guide_muted
        self.scales: dict[object, float] = {}
        self.transposes: dict[object, int] = {}
        self.leads: dict[int, str] = {}   # lead mode switched live, per step
        self.follower = Follower(self._emit, lambda: self.notify(say(texts, "sound_stopped")))
        self._changes = 0                 # bumped by every change from outside tick()
        self.panicked = False             # paused by Panic (Esc), not by StartPause
        self.times = StepTimes(session)
        self._frame: tuple[tuple, Snapshot] | None = None
        self._start_step(self.index)

    # ------------------------------------------------------------------ queries
    @property
    def act(self) -> Act | None:
        """The act running now (None between steps); read only."""
        return self._act

    @property
    def held(self) -> bool:
        return self.phase is Phase.HELD

    @property
    def finished(self) -> bool:
        return self.phase is Phase.FINISHED

    @property
    def paused(self) -> bool:
        return self.phase is Phase.PAUSED

    @property
    def step(self) -> Step:
        """The step running now: the session's, or a song picked from the songbook."""
        return self.extra if self.extra is not None else self.session.steps[self.index]

    @property
    def key(self) -> object:
        """What tempo and transposition are remembered for: the step, or the picked song."""
        return ("extra", self.extra.song.id) if self.extra is not None else self.index

    @property
    def tempo_scale(self) -> float:
        return self.scales.get(self.key, self.step.tempo_scale)

    @property
    def transpose(self) -> int:
        return self.transposes.get(self.key, self.step.transpose)

    def manual_line_seconds(self) -> float | None:
        """How long the line shown now is sung, when a song is stepped through by hand."""
        act = self._act
        return act.manual_line_seconds() if self.phase is Phase.PLAYING and isinstance(act, SongAct) else None

    # ------------------------------------------------------------------ notices
    def notify(self, text: str, kind: str = "warning") -> None:
        """A short notice for the conductor (never a traceback); ``kind``: warning | done."""
        self.board.post(text, kind)

    def now(self) -> float:
        return self.clock.now()

    def set_panicked(self, value: bool) -> None:
        self.panicked = value

    def _noticed(self, t: float, text: str) -> None:
        self._changes += 1
        if self.log is not None:
            self.log.notice(t - self.started_at, text)
        if self.on_notice is not None:
            self.on_notice(text)

    def fault(self, what: str, err: BaseException) -> None:
        logger.error("%s\n%s", what, "".join(traceback.format_exception(err)))
        self.notify(f"{what}: {type(err).__name__}: {err}"[:160])

    def record(self, what: str, value) -> None:
        """A live change for the session log."""
        if self.log is not None:
            self.log.change(self.clock.now() - self.started_at, what, value)

    # ------------------------------------------------------------------ steps
    def _start_step(self, index: int) -> None:
        self._stop_act()
        self.index, self.extra, self.phase, self.panicked = index, None, Phase.PLAYING, False
        self.modes.clear(ConfirmingEnd)          # a step runs again: nothing left to confirm
        self.board.enter(index)                  # the last step's notices stay with it
        self.times.enter(index, self.clock.now())
        if self.log is not None:
            self.log.step_started(index, self.clock.now() - self.started_at)
        self._start_act(self.session.steps[index])
        if self.on_step is not None:
            self.on_step(index)

    def sing_from_songbook(self, number: int) -> None:
        """Sing song ``number`` (0-based) of the songbook now; Next afterwards goes on with the session."""
        if not 0 <= number < len(self.songbook):
            self.notify(say(self.texts, "no_song_number", n=number + 1))
            return
        song = self.songbook[number]
        self._stop_act()
        self.phase, self.extra, self.panicked = Phase.PLAYING, wish_step(song, self.index), False
        self.board.enter(self.index)
        self.record("songbook", song.title)
        self._start_act(self.extra)

    def _start_act(self, step: Step) -> None:
        index = self.index
        scale = self.scales.get(self.key, step.tempo_scale)
        if step.cues:
            try:
                self.backings.step_started(step)
            except Exception as err:  # noqa: BLE001 - a cue that cannot be sent is a notice
                self.fault(say(self.texts, "cue_failed", n=index + 1), err)
        try:
            self._act = self.maker.make(step, self.maker.checked_lead(self.leads.get(step.index, step.lead)))
            self._act.start()
            if scale != step.tempo_scale:
                self._act.set_tempo_scale(scale)
            if self.guide_muted:
                self.apply_guide()
        except Exception as err:  # noqa: BLE001 - fall back to a plain card
            self.fault(say(self.texts, "step_failed", n=index + 1), err)
            self._act = self.maker.fallback(step)
        self._emit(TimelineEvent(self.clock.now(), index, "step",
                                 {"id": step_id(step), "title": step.title, "type": step.kind}))
        self.rebase()
        self.tick()

    def rebase(self) -> None:
        """What starts at the act's position now is crossed at once (after a start or a jump)."""
        self.follower.rebase(self._act)

    def _stop_act(self) -> None:
        if self._act is not None:
            act, self._act = self._act, None
            try:
                act.stop()
            except Exception as err:  # noqa: BLE001
                self.fault(say(self.texts, "stop_failed"), err)

    def go_to(self, index: int) -> None:
        if 0 <= index < len(self.session.steps):
            self._start_step(index)            # its tick() makes the new frame

    def next_step(self) -> None:
        self._changes += 1
        act = self._act
        if act is not None and self.phase is Phase.PLAYING and act.done_when_left() and self.log is not None:
            self.log.step_completed(self.clock.now() - self.started_at)   # a hold card is done with Next
        if self.index + 1 < len(self.session.steps):
            self.go_to(self.index + 1)
            return
        self._stop_act()
        if self.phase is not Phase.FINISHED:
            self.phase = Phase.FINISHED
            self.board.enter(self.index)
            self.times.enter(None, self.clock.now())
            if self.log is not None:
                self.log.finish(self.clock.now() - self.started_at)
        self.ask_to_end()

    def ask_to_end(self) -> None:
        """The closing card: Next once more ends the show (any other key cancels)."""
        self.modes.clear(Picking)
        if not self.modes.has(ConfirmingEnd):
            self.modes.push(ConfirmingEnd())

    def confirm_end(self) -> None:
        self.done = True          # the app closes: see LiveSource.finished

    # ------------------------------------------------------------------ intents
    def handle(self, intent: I.Intent) -> None:
        self._changes += 1
        try:
            if not self.modes.handle(self, intent):
                handler = handlers.TABLE.get(type(intent))
                if handler is not None:
                    handler(self, intent)
        except Exception as err:  # noqa: BLE001 - a bad key press must not stop the show
            self.fault(say(self.texts, "command_failed"), err)

    def apply_guide(self) -> bool:
        """Mute or unmute the guide melody channel of the backing; False when there is none."""
        act = self._act
        return act is not None and act.mute_guide(self.options.guide_channel - 1, self.guide_muted)

    # ------------------------------------------------------------------ time
    def tick(self) -> None:
        """Move on in time: report crossings, end the step when it has run its course, drop
        old notices, and make this frame's snapshot."""
        now = self.clock.now()
        self.board.prune(now)
        if self.modes.expire(now):               # the overlay hid itself
            self._changes += 1
        self._advance(now)
        snap, problems = self._build(now)
        for what, err, recover in problems:
            self.fault(what, err)
            if recover:
                self._recover(self._act)
        if problems:
            snap, _ = self._build(now)
        self._frame = (self._frame_key(now), snap)

    def _advance(self, now: float) -> None:
        act = self._act
        if act is None or self.phase is not Phase.PLAYING:
            self.follower.stall.reset()
            return
        try:
            if self.follower.advance(act, self.index, now) is Progress.ENDED:
                self._step_ended()
        except Exception as err:  # noqa: BLE001 - the step goes on without what failed
            self.fault(say(self.texts, "step_error", n=self.index + 1), err)
            self._recover(act)

    def _recover(self, act: Act | None) -> None:
        if act is not None:
            try:
                act.stop()
            except Exception as err:  # noqa: BLE001
                logger.error("stopping a failed act: %s", err)
        self._act = self.maker.fallback(self.step)

    def _step_ended(self) -> None:
        self._emit(TimelineEvent(self.clock.now(), self.index, "step_end", {}))
        if self.log is not None:
            self.log.step_completed(self.clock.now() - self.started_at)
        if self.step.then == "next" and self.index + 1 < len(self.session.steps):
            self.next_step()
        else:
            self._stop_act()
            self.phase = Phase.HELD

    def _emit(self, event: TimelineEvent) -> None:
        if self.on_event is not None:
            self.on_event(event)

    # ------------------------------------------------------------------ snapshot
    def _frame_key(self, now: float) -> tuple:
        return (now, self._changes)

    def _build(self, now: float):
        between = self.phase in (Phase.HELD, Phase.FINISHED)
        state = ShowState(self.session, self.index, self.step, self.started_at, between, self.finished,
                          self.tempo_scale, self.transpose, self.board.current(now), self.texts,
                          notice_items=self.board.items(now), notice_history=self.board.history(),
                          run_sheet=self.times.rows(now), drift_s=self.times.drift(now), panicked=self.panicked,
                          pause_card=self.options.pause_card)
        return build_snapshot(state, self._act, self.phase, self.modes, self.songbook, now)

    def snapshot(self) -> Snapshot:
        """What every view shows now. A query: the frame made by the last ``tick()`` when nothing
        changed since, else made afresh from the state (a view that fails shows a plain card;
        the next tick reports it)."""
        now = self.clock.now()
        if self._frame is not None and self._frame[0] == self._frame_key(now):
            return self._frame[1]
        return self._build(now)[0]

    def close(self) -> None:
        self._stop_act()
