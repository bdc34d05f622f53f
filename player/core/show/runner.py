"""The runner: a state machine over the session's steps that turns intents and the clock into
one :class:`~player.core.show.snapshot.Snapshot` per frame.

It is pure: devices come in through ``backings`` (a :class:`Backings` the composition root
builds) and time through the injected clock. Faults in a step (a backing that fails to start
or dies mid-song, a bug in an act) are caught here, at the step boundary: logged with their
traceback, shown to the conductor as a short notice, and the step goes on with a plain
fallback. Main thread only.
"""

from __future__ import annotations

import logging
import traceback
from dataclasses import dataclass
from typing import Callable, Protocol

from player.core.model import intents as I
from player.core.show.acts import Act, BreathAct, CardAct, PulseAct, VideoAct
from player.core.show.songact import SongAct
from player.core.time.backing import Backing
from player.core.time.clock import Clock
from player.core.model.keyname import transpose_chord, transpose_key, uses_flats
from player.core.time.lead import (LEAD_LABELS, ClockIn, ClockLead, PedalDown, PedalLead, PedalUp, SwitchLead, TapLead,
                   next_mode)
from player.core.model.data import Session, Song, Step
from player.core.time.plain import PlainBacking
from player.core.show.snapshot import LyricLine, Snapshot
from player.core.show.views import overlay, pianist_info
from player.core.model.tempomap import TempoMap

__all__ = ["Runner", "Backings", "TimelineEvent"]

logger = logging.getLogger("helsekor")
NOTICE_SECONDS = 12.0
STALL_SECONDS = 1.5      # a backing whose position stands still this long while playing has died
TEMPO_MIN, TEMPO_MAX = 0.5, 1.5
LIVE_LEADS = ("pedal", "tap", "midi-clock")
ADJUSTMENTS = {I.RepeatSection: ("repeat", "Gjentar {section} én gang til", "Kan ikke gjenta her"),
               I.LastVerse: ("last_verse", "Hopper til siste vers", "Allerede ved siste vers"),
               I.EndAfterVerse: ("end_after_verse", "Slutter etter dette verset", "Slutter allerede her")}


class ShowLog(Protocol):
    """Where the runner records what happened (times in seconds since the show started);
    :class:`player.records.sessionlog.SessionLog` on disk, or nothing."""

    def step_started(self, index: int, t: float) -> None: ...
    def step_completed(self, t: float) -> None: ...
    def change(self, t: float, what: str, value) -> None: ...
    def notice(self, t: float, text: str) -> None: ...
    def finish(self, t: float) -> None: ...


class Backings(Protocol):
    """Builds what plays along with a step. Any of these may raise; the runner copes."""

    def song(self, step: Step) -> tuple[Backing | None, TempoMap | None]: ...
    def pulse(self, step: Step) -> Backing | None: ...
    def video(self, step: Step): ...


class NoBackings:
    """Nothing plays: songs advance by hand, exercises run on the plain transport."""

    def song(self, step):
        return None, None

    def pulse(self, step):
        return None

    def video(self, step):
        return None


@dataclass(frozen=True)
class TimelineEvent:
    t: float          # clock seconds
    step: int
    kind: str
    fields: dict


class Runner:
    def __init__(self, session: Session, clock: Clock, texts: dict[str, str], *, backings: Backings | None = None,
                 options: dict | None = None, start_index: int = 0,
                 on_step: Callable[[int], None] | None = None,
                 on_event: Callable[[TimelineEvent], None] | None = None, log: ShowLog | None = None,
                 on_notice: Callable[[str], None] | None = None):
        self.session = session
        self.clock = clock
        self.texts = texts
        self.backings = backings or NoBackings()
        self.options = dict(options or {})
        self.options["notify"] = self.notify
        self.on_step = on_step
        self.on_event = on_event
        self.log = log
        self.on_notice = on_notice
        self.index = max(0, min(start_index, len(session.steps) - 1))
        self.act: Act | None = None
        self.held = False             # the step ended and waits for Next ("next up" card)
        self.finished = False
        self.blank = False
        self.overlay = False
        self.paused = False
        self.guide_muted = bool(self.options.get("guide_muted", False))
        self._stall: tuple[float | None, float] = (None, 0.0)   # (position, since when)
        self.songbook: tuple[Song, ...] = tuple(self.options.get("songbook", ()))
        self.picking = False            # the songbook is open
        self.extra: Step | None = None  # a song picked from the songbook, sung after step `index`
        self.notices: list[tuple[float, str]] = []
        self.scales: dict[int, float] = {}
        self.transposes: dict[int, int] = {}
        self.leads: dict[int, str] = {}    # lead mode switched live, per step
        self.started_at = clock.now()
        self._last_pos: float | None = None
        self._start_step(self.index)

    # ------------------------------------------------------------------ notices
    def notify(self, text: str) -> None:
        """A short notice for the conductor (never a traceback)."""
        logger.warning("notice: %s", text)
        now = self.clock.now()
        self.notices.append((now, text))
        if self.log is not None:
            self.log.notice(now - self.started_at, text)
        if self.on_notice is not None:
            self.on_notice(text)

    def _fault(self, what: str, err: BaseException) -> None:
        logger.error("%s\n%s", what, "".join(traceback.format_exception(err)))
        self.notify(f"{what}: {type(err).__name__}: {err}"[:160])

    # ------------------------------------------------------------------ steps
    def _make_act(self, step: Step) -> Act:
        kind = step.exercise.kind if step.exercise is not None else None
        opts = dict(self.options)
        if step.kind == "video":
            player = None
            try:
                player = self.backings.video(step)
            except Exception as err:  # noqa: BLE001 - a device fault must not stop the show
                self._fault(f"Video «{step.title}» kan ikke spilles", err)
            return VideoAct(step, self.clock, self.texts, opts, player)
        if kind == "breathing":
            return BreathAct(step, self.clock, self.texts, opts)
        if kind == "pulse":
            backing = None
            try:
                backing = self.backings.pulse(step)
            except Exception as err:  # noqa: BLE001
                self._fault("Pulsen spilles uten lyd", err)
            return PulseAct(step, self.clock, self.texts, opts, backing)
        if step.song is not None:
            mode = self.leads.get(step.index, step.lead)
            song = step.song
            bars = song.count_in_bars if song.count_in_bars is not None else self.options.get("count_in_bars", 1)
            if mode in LIVE_LEADS:
                opts["count_in_beats"] = 0.0 if mode == "pedal" else bars * song.meter.beats_per_bar
                act = SongAct(step, self.clock, self.texts, opts, None, None)
                act.attach(self._make_lead(mode, act), mode)
                return act
            backing = tempo_map = None
            try:   # the backings decide: none for a song without backing, live
                backing, tempo_map = self.backings.song(step)
            except Exception as err:  # noqa: BLE001
                self._fault(f"«{step.song.title}» uten akkompagnement", err)
            if backing is not None:
                opts["count_in_beats"] = bars * song.meter.beats_per_bar
            return SongAct(step, self.clock, self.texts, opts, backing, tempo_map)
        return CardAct(step, self.clock, self.texts, opts)

    def _start_step(self, index: int) -> None:
        self._stop_act()
        self.index = index
        self.extra = None
        self.held = False
        if self.log is not None:
            self.log.step_started(index, self.clock.now() - self.started_at)
        self._start_act(self.session.steps[index])
        if self.on_step is not None:
            self.on_step(index)

    def _start_extra(self, song: Song) -> None:
        """Sing a song from the songbook now; Next afterwards goes on with the session."""
        self._stop_act()
        self.held = False
        backing = "midi" if song.midi else "audio" if song.audio else "none"
        beats = song.beats_sung(None) + (song.meter.beats_per_bar if backing != "none" else 0)
        self.extra = Step(index=self.index, kind="song", title=song.title, file=str(song.path), line=1,
                          song=song, backing=backing, then="hold", planned_seconds=beats * 60 / song.tempo)
        if self.log is not None:
            self.log.change(self.clock.now() - self.started_at, "songbook", song.title)
        self._start_act(self.extra)

    def _start_act(self, step: Step) -> None:
        index = self.index
        scale = self.scales.get(self._key, step.tempo_scale)
        hook = getattr(self.backings, "step_started", None)
        if hook is not None and step.cues:
            try:
                hook(step)
            except Exception as err:  # noqa: BLE001 - a cue that cannot be sent is a notice
                self._fault(f"MIDI-signal for steg {index + 1} ble ikke sendt", err)
        try:
            self.act = self._make_act(step)
            self.act.start()
            if scale != step.tempo_scale:
                self.act.set_tempo_scale(scale)
            if self.guide_muted:
                self._apply_guide(self.act)
        except Exception as err:  # noqa: BLE001 - fall back to a plain card
            self._fault(f"Steg {index + 1} feilet", err)
            self.act = self._fallback(step)
        self._emit(TimelineEvent(self.clock.now(), index, "step", {"id": _step_id(step), "title": step.title, "type": step.kind}))
        try:
            self._last_pos = self.act.position() - 1e-9   # what starts right now is crossed at once
        except Exception:  # noqa: BLE001 - tick() reports a failing position
            self._last_pos = None
        self.tick()

    def _make_lead(self, mode: str, act: SongAct):
        """A live lead for ``act`` (pure: no device; input arrives as intents)."""
        tm, scale, end = act.tempo_map, act.scale, act.timeline.end_beat
        if mode == "pedal":
            lines = act.timeline.lines
            return PedalLead(self.clock, tm, [ln.start for ln in lines], [ln.end for ln in lines], scale,
                             float(self.options.get("long_press_s", 0.6)), end)
        cls = TapLead if mode == "tap" else ClockLead
        return cls(self.clock, tm, scale, act.count_in_beats, end)

    def _switch_lead(self, mode: str) -> None:
        """Change who leads the running song, from where it is now."""
        act = self.act
        if not isinstance(act, SongAct):
            return
        step = self.step
        mode = mode or next_mode(act.lead if act.lead != "manual" else "backing")
        self.leads[self.index] = mode
        if mode in LIVE_LEADS:
            new, tempo_map = self._make_lead(mode, act), None
        else:
            new = tempo_map = None
            try:
                new, tempo_map = self.backings.song(step)
            except Exception as err:  # noqa: BLE001
                self._fault(f"«{step.title}» uten akkompagnement", err)
        act.switch(new, mode if new is not None else "manual", tempo_map)
        self._last_pos = act.position() - 1e-9
        self.notify(LEAD_LABELS.get(act.lead, act.lead))

    def _fallback(self, step: Step) -> Act:
        if step.song is not None:
            act = SongAct(step, self.clock, self.texts, dict(self.options), None, None)
        else:
            act = CardAct(step, self.clock, self.texts, dict(self.options))
        act.start()
        return act

    def _stop_act(self) -> None:
        if self.act is not None:
            act, self.act = self.act, None
            try:
                act.stop()
            except Exception as err:  # noqa: BLE001
                self._fault("Stopp av avspilling feilet", err)

    def go_to(self, index: int) -> None:
        if 0 <= index < len(self.session.steps):
            self.paused = False
            self._start_step(index)

    def next_step(self) -> None:
        if self.index + 1 < len(self.session.steps):
            self.go_to(self.index + 1)
        else:
            self._stop_act()
            self.finished = True
            if self.log is not None:
                self.log.finish(self.clock.now() - self.started_at)

    # ------------------------------------------------------------------ intents
    def handle(self, intent: I.Intent) -> None:
        try:
            self._handle(intent)
        except Exception as err:  # noqa: BLE001 - a bad key press must not stop the show
            self._fault("Kommandoen feilet", err)

    def _handle(self, intent: I.Intent) -> None:
        act = self.act
        if isinstance(intent, I.Songbook):
            self.picking = not self.picking and bool(self.songbook)
            if not self.songbook:
                self.notify("Ingen sanger å velge mellom")
            return
        if self.picking and isinstance(intent, (I.GoToStep, I.Next, I.Back)):
            self.picking = False
            if isinstance(intent, I.GoToStep):      # the number typed is the song's number
                if 0 <= intent.index < len(self.songbook):
                    self._start_extra(self.songbook[intent.index])
                else:
                    self.notify(f"Ingen sang nummer {intent.index + 1} i sangboka")
            return
        if isinstance(intent, I.Next):
            if self.finished:
                return
            if self.held or act is None or not act.next():
                self.next_step()
        elif isinstance(intent, I.Back):
            if act is not None and not self.held and act.back():
                return
            if self.extra is not None:              # back from a picked song to the session's step
                self.go_to(self.index)
                return
            if self.index > 0:
                self.finished = False
                self.go_to(self.index - 1)
        elif isinstance(intent, I.GoToStep):
            self.finished = False
            self.go_to(intent.index)
        elif isinstance(intent, I.Blank):
            self.blank = not self.blank
        elif isinstance(intent, I.ToggleOverlay):
            self.overlay = not self.overlay
        elif isinstance(intent, I.Panic):
            if act is not None and act.backing is not None:
                act.backing.panic()
            if act is not None:
                act.pause()
            self.paused = True
        elif isinstance(intent, I.StartPause):
            if act is None:
                return
            if self.paused:
                act.resume()
            else:
                act.pause()
            self.paused = not self.paused
        elif isinstance(intent, (I.TempoUp, I.TempoDown)):
            delta = float(self.options.get("tempo_step", 0.05))
            delta = delta if isinstance(intent, I.TempoUp) else -delta
            scale = round(min(TEMPO_MAX, max(TEMPO_MIN, self.tempo_scale + delta)), 3)
            self.scales[self._key] = scale
            if self.log is not None:
                self.log.change(self.clock.now() - self.started_at, "tempo_scale", scale)
            if act is not None:
                act.set_tempo_scale(scale)
        elif isinstance(intent, I.Tap):
            if act is not None and isinstance(act.backing, TapLead):
                act.backing.tap(intent.at)
        elif isinstance(intent, ClockIn):
            if act is not None and isinstance(act.backing, ClockLead):
                act.backing.feed(intent.kind, intent.at, intent.value)
        elif isinstance(intent, (PedalDown, PedalUp)):
            if act is not None and isinstance(act.backing, PedalLead) and not self.held:
                (act.backing.down if isinstance(intent, PedalDown) else act.backing.up)(intent.at)
            elif isinstance(intent, PedalUp):    # no pedal lead: a pedal press is Next
                self._handle(I.Next(at=intent.at))
        elif isinstance(intent, SwitchLead):
            self._switch_lead(intent.mode)
        elif type(intent) in ADJUSTMENTS:
            what, done, refused = ADJUSTMENTS[type(intent)]
            if isinstance(act, SongAct) and not self.held:
                label = act.timeline.label_at(max(act.current(), 0))
                ok = act.adjust(what)
                self.notify(done.format(section=label) if ok else refused)
                if self.log is not None and ok:
                    self.log.change(self.clock.now() - self.started_at, what, label)
        elif isinstance(intent, I.ToggleGuide):
            self.guide_muted = not self.guide_muted
            applied = self._apply_guide(act)
            state = "av" if self.guide_muted else "på"
            self.notify(f"Melodistemmen er {state}" + ("" if applied else " (fra neste sang med MIDI)"))
        elif isinstance(intent, (I.TransposeUp, I.TransposeDown)):
            semis = max(-12, min(12, self.transpose + (1 if isinstance(intent, I.TransposeUp) else -1)))
            self.transposes[self._key] = semis
            if self.log is not None:
                self.log.change(self.clock.now() - self.started_at, "transpose", semis)
            setter = getattr(act.backing, "set_transpose", None) if act is not None and act.backing is not None else None
            if setter is not None:
                setter(semis)

    def _apply_guide(self, act: Act | None) -> bool:
        """Mute or unmute the guide melody channel of a MIDI backing; False when there is none."""
        mute = getattr(act.backing, "mute_channel", None) if act is not None and act.backing is not None else None
        if mute is None:
            return False
        mute(int(self.options.get("guide_channel", 1)) - 1, self.guide_muted)
        return True

    @property
    def step(self) -> Step:
        """The step running now: the session's, or a song picked from the songbook."""
        return self.extra if self.extra is not None else self.session.steps[self.index]

    @property
    def _key(self):
        return ("extra", self.extra.song.id) if self.extra is not None else self.index

    @property
    def tempo_scale(self) -> float:
        return self.scales.get(self._key, self.step.tempo_scale)

    @property
    def transpose(self) -> int:
        return self.transposes.get(self._key, self.step.transpose)

    # ------------------------------------------------------------------ time
    def tick(self) -> None:
        """Move on in time: report crossings, end the step when it has run its course."""
        act = self.act
        if act is None or self.finished or self.held or self.paused:
            self._stall = (None, 0.0)
            return
        try:
            pos = act.position()
            self._watch_stall(act, pos)
            if self._last_pos is not None:
                before = self._last_pos
                if pos > before:
                    now = self.clock.now()
                    rate = self._beats_per_second(act)
                    for c in act.crossings(before, pos):
                        t = now - (pos - c.position) / rate if rate > 0 else now
                        self._emit(TimelineEvent(t, self.index, c.kind, c.fields))
                self._last_pos = pos
            if act.ended():
                self._step_ended()
            elif getattr(act, "jumped", False):    # the backing jumped (a repeat, skipped verses)
                act.jumped = False
                self._last_pos = act.position() - 1e-9
        except Exception as err:  # noqa: BLE001 - the step goes on without what failed
            self._fault(f"Feil i steg {self.index + 1}", err)
            self._recover(act)

    def _watch_stall(self, act: Act, pos: float) -> None:
        """A sound device that stops (unplugged, its driver hung) stops the backing's clock
        without an error; then the lyrics go on with a silent transport from where they are."""
        backing = act.backing
        if not isinstance(act, (SongAct, PulseAct)) or backing is None or getattr(act, "lead", "backing") != "backing":
            self._stall = (None, 0.0)
            return
        now = self.clock.now()
        if self._stall[0] is None or abs(pos - self._stall[0]) > 1e-6:
            self._stall = (pos, now)
            return
        if now - self._stall[1] < STALL_SECONDS:
            return
        self._stall = (None, 0.0)
        self.notify("Lyden har stoppet – teksten fortsetter uten lyd")
        tempo_map = act.tempo_map if isinstance(act, SongAct) else act.timeline.tempo_map
        plain = PlainBacking(self.clock, tempo_map, act.scale, 0.0,
                             act.timeline.end_beat if isinstance(act, PulseAct) else None)
        if isinstance(act, SongAct):
            act.switch(plain, "backing", tempo_map)
        else:
            try:
                backing.stop(fade=False)
            finally:
                backing.close()
            act.backing = plain
            plain.start(pos, count_in=False)

    def _beats_per_second(self, act: Act) -> float:
        if isinstance(act, SongAct):
            return act.bpm(act.position()) / 60
        if isinstance(act, PulseAct):
            return act.timeline.tempo_map.bpm_at(max(0.0, act.position())) / 60 * act.scale
        if isinstance(act, BreathAct):
            return act.scale
        return 1.0

    def _recover(self, act: Act) -> None:
        step = self.step
        try:
            act.stop()
        except Exception as err:  # noqa: BLE001
            logger.error("stopping a failed act: %s", err)
        self.act = self._fallback(step)

    def _step_ended(self) -> None:
        step = self.step
        self._emit(TimelineEvent(self.clock.now(), self.index, "step_end", {}))
        if self.log is not None:
            self.log.step_completed(self.clock.now() - self.started_at)
        if step.then == "next" and self.index + 1 < len(self.session.steps):
            self.next_step()
        else:
            self._stop_act()
            self.held = True

    def _emit(self, event: TimelineEvent) -> None:
        if self.on_event is not None:
            self.on_event(event)

    # ------------------------------------------------------------------ snapshot
    def snapshot(self) -> Snapshot:
        now = self.clock.now()
        self.notices = [(t, n) for t, n in self.notices if now - t < NOTICE_SECONDS]
        steps = self.session.steps
        nxt = steps[self.index + 1].title if self.index + 1 < len(steps) else ""
        common = dict(step_index=self.index, step_count=len(steps), blank=self.blank, paused=self.paused,
                      notices=tuple(n for _, n in self.notices), next_title=nxt,
                      tempo_scale=self.tempo_scale, transpose=self.transpose,
                      overlay=overlay(self, now) if self.overlay else None)
        if self.picking:
            return Snapshot(scene="songbook", title=self.texts.get("songbook", "Sangbok"),
                            body=tuple(f"{k}  {song.title}" for k, song in enumerate(self.songbook, 1)), **common)
        if self.finished or (self.held and not nxt):
            return Snapshot(scene="title", title=self.texts.get("end", ""), subtitle=self.session.title,
                            pianist=pianist_info(self, now, {}, None), **common)
        if self.held:
            return Snapshot(scene="next_up", title=self.texts.get("next_up", "{title}").format(title=nxt),
                            subtitle="", pianist=pianist_info(self, now, {}, None), **common)
        try:
            fields = self.act.fields() if self.act is not None else {"scene": "title", "title": steps[self.index].title}
        except Exception as err:  # noqa: BLE001
            self._fault(f"Visning av steg {self.index + 1} feilet", err)
            self._recover(self.act)
            fields = {"scene": "title", "title": steps[self.index].title}
        try:
            pianist = pianist_info(self, now, fields, self.act)
        except Exception as err:  # noqa: BLE001 - the pianist view is extra: never stop for it
            self._fault("Pianistvisningen feilet", err)
            pianist = None
        semis = self.transpose
        if semis and fields.get("lines") and isinstance(self.act, SongAct):
            flats = uses_flats(transpose_key(self.act.step.song.key, semis))
            fields["lines"] = tuple(LyricLine(ln.text, ln.state, ln.highlight_chars,
                                              tuple((i, transpose_chord(c, semis, flats)) for i, c in ln.chords),
                                              ln.start_beat) for ln in fields["lines"])
        return Snapshot(**fields, pianist=pianist, **common)

    def close(self) -> None:
        self._stop_act()


def _step_id(step: Step) -> str:
    if step.song is not None and step.kind == "song":
        return step.song.id
    if step.exercise is not None:
        return step.exercise.id
    return f"{step.kind}-{step.index + 1}"
